"""Result types shared by the validation engines (pySHACL reference and the fast path)."""

from __future__ import annotations

from dataclasses import dataclass, field

SH = "http://www.w3.org/ns/shacl#"


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
