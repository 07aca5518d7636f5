"""The outcome of a validation, whatever the engine: results with their terms as text."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import SH

_SEVERITY_RANK = {SH + "Violation": 0, SH + "Warning": 1, SH + "Info": 2}


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One SHACL validation result, engine-independent (terms in N-Triples/IRI form)."""

    focus_node: str
    """IRI of the focus node (``_:id`` for a blank node)."""
    constraint: str
    """IRI of the constraint component, e.g. ``http://www.w3.org/ns/shacl#MinCountConstraintComponent``."""
    path: str | None = None
    """IRI of the result path (or a SPARQL property-path text for complex paths)."""
    severity: str = SH + "Violation"
    """IRI of the severity: ``sh:Violation``, ``sh:Warning`` or ``sh:Info``."""
    value: str | None = None
    """The value node in N-Triples syntax, when the engine reports one."""
    source_shape: str | None = None
    message: str = ""
    message_language: str | None = None
    """The language tag of ``message`` (``sh:message "…"@en`` keeps its tag), if any."""
    source_constraint: str | None = None
    """The constraint a SPARQL-based result comes from: its IRI, or ``_:id`` for a blank node."""

    @property
    def severity_name(self) -> str:
        return self.severity.rsplit("#", 1)[-1]

    def key(self) -> tuple[str, str, str | None, str | None]:
        """What two engines must agree on: focus node, component, path, value."""
        return (self.focus_node, self.constraint, self.path, self.value)


@dataclass
class ValidationReport:
    """The outcome of validating a graph against shapes."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    engine: str = "pyshacl"

    def count(self, severity: str = "Violation") -> int:
        return sum(1 for r in self.results if r.severity_name == severity)


def sort_key(r: ValidationResult) -> tuple[int, str, str, str, str, str]:
    """The order of results in every rendering: severity, focus node, path, component, value, message."""
    return (
        _SEVERITY_RANK.get(r.severity, 9),
        r.focus_node,
        r.path or "",
        r.constraint,
        r.value or "",
        r.message,
    )


__all__ = ["SH", "ValidationReport", "ValidationResult", "sort_key"]
