"""The outcome of a check and the report of all checks, shared by every check module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..kg import KG

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"

BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)
SPARQL_PREFIXES = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
"""


@dataclass
class CheckOutcome:
    """The outcome of one check."""

    name: str
    status: str
    details: list[str] = field(default_factory=list)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    """Findings that do not fail the check (shown, but exit code 0)."""

    @property
    def failed(self) -> bool:
        return self.status == FAILED


@dataclass
class CheckReport:
    """Every check's outcome, in order."""

    outcomes: list[CheckOutcome] = field(default_factory=list)
    kg: KG | None = field(default=None, repr=False, compare=False)
    """The graph that was checked (None when a file did not parse)."""

    @property
    def ok(self) -> bool:
        return not any(o.failed for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        out = {PASSED: 0, FAILED: 0, SKIPPED: 0}
        for o in self.outcomes:
            out[o.status] += 1
        return out

    def outcome(self, name: str) -> CheckOutcome:
        for o in self.outcomes:
            if o.name == name:
                return o
        raise KeyError(name)


def node_id(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


def node_outcome(
    kg: KG,
    name: str,
    problems: dict[str, list[str]],
    describe: Callable[[str, list[str]], str],
    failed_summary: str,
    passed_summary: str,
    labels: Callable[[KG, list[str]], dict[str, str]],
) -> CheckOutcome:
    from ..locate import locate

    if not problems:
        return CheckOutcome(name, PASSED, summary=passed_summary)
    names = labels(kg, list(problems))
    details = []
    for node in sorted(problems):
        loc = locate(kg, node)
        label = names.get(node)
        shown = f"{label} <{node}>" if label else (node if node.startswith("_:") else f"<{node}>")
        where = f"  ({loc.display(kg.layout.root)})" if loc else ""
        details.append(f"{shown}: {describe(node, problems[node])}{where}")
    return CheckOutcome(name, FAILED, details, f"{len(problems)} {failed_summary}")
