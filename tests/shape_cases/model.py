"""The words the planted-mistake case table is written in: expected results, cases, helpers.

(Data only: the harness that builds each case's graph and runs the shapes is
tests/shapes_support.py, the tests are tests/test_shapes.py.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

SHAPE_NS = "https://w3id.org/stdkg/shapes#"
DATA_SHAPES = "data.shapes.ttl"
ONTOLOGY_SHAPES = "ontology.shapes.ttl"

#: The provenance path of shape:ProvenanceShape, as the harness's ``path_text`` renders it.
PROV = "(prov:wasDerivedFrom|prov:hadPrimarySource|prov:wasQuotedFrom|stdkg:textEvidence)"


class Hit(NamedTuple):
    """One validation result, reduced to what identifies the mistake it reports."""

    focus: str
    component: str
    shape: str
    path: str | None
    severity: str

    def __str__(self) -> str:
        return f"{self.severity} {self.component} on {self.focus} from {self.shape} (path {self.path})"


@dataclass(frozen=True)
class Case:
    """One planted mistake and exactly what the shapes must report for it.

    The invalid graph is the base graph (the bundled ``load`` folders, plus ``fixture`` if given)
    minus the triples of the CONSTRUCT template ``remove`` (matched by ``remove_where``, by default
    the template itself) plus those of ``add`` (matched by ``add_where`` on the base graph); the
    harness (tests/shapes_support.py) builds it.
    """

    id: str
    expected: tuple[Hit, ...]
    remove: str = ""
    add: str = ""
    remove_where: str = ""
    add_where: str = ""
    fixture: str = ""
    load: tuple[str, ...] = ("ontology", "data")
    shapes: str = DATA_SHAPES
    xfail: str = ""


def R(focus: str, component: str, shape: str, *, path: str | None = "", severity: str = "Violation") -> Hit:
    """An expected result; ``path`` defaults to the path of the property shape (None for a node shape)."""
    if path == "":
        path = shape.split("/", 1)[1].split("[", 1)[0] if "/" in shape else None
    return Hit(focus, component, shape, path, severity)


# -- the cases: data shapes -------------------------------------------------------------------


EV = "evidence:prnewswire-302629226-"
QU = "quotation:prnewswire-302629226-"
CO = "commitment:seoul-statement-2025-"
ST = "statement:seoul-statement-2025"
SUMMIT = "event:international-ai-standards-summit-2025"
ISSUE = "event:seoul-statement-2025-issuance"
M = "membership:jo-cops-iec-president"
IV = "interval:seizo-onoe-tsb-director"
PR = "source:prnewswire-302629226"
ONTOLOGY = "<https://w3id.org/stdkg/ns>"
PROV_SHAPE = f"ProvenanceShape/{PROV}"
NO_PROV = "ProvenanceShape"  # the node shape's sh:or: neither a citation of its own nor a claim about it
CLAIM = "claim:wsc-website--wsc"
HOMEPAGE = "triple:205f62b505a8726263a5"  # the statement that the WSC's homepage is https://www.worldstandardscooperation.org/


def unclaimed(node: str) -> dict[str, str]:
    """Remove the claims about ``node`` and the statements they state (so nothing traces it)."""
    return {
        "remove": "?c ?p1 ?o1 . ?st ?p2 ?o2",
        "remove_where": f"?st rdf:subject {node} . ?c stdkg:states ?st . ?c ?p1 ?o1 . ?st ?p2 ?o2",
    }


VERBATIM = R("", "SPARQL", "VerbatimTextShape")  # template: focus filled in with ._replace


def verbatim(focus: str) -> Hit:
    return VERBATIM._replace(focus=focus)


def replace(subject: str, prop: str, new: str) -> dict[str, str]:
    """Remove every ``subject prop ?old`` and add ``subject prop new``."""
    return {"remove": f"{subject} {prop} ?old", "add": f"{subject} {prop} {new}"}


def rewrite(subject: str, prop: str, expression: str) -> dict[str, str]:
    """Replace each value ``?old`` of ``subject prop`` by the SPARQL ``expression`` of it."""
    return {
        "remove": f"{subject} {prop} ?old",
        "add": f"{subject} {prop} ?new",
        "add_where": f"{subject} {prop} ?old BIND ({expression} AS ?new)",
    }


TERM = "OntologyTermShape"
HEADER = "OntologyHeaderShape"


def onto(id: str, expected: tuple[Hit, ...], **kwargs: Any) -> Case:
    return Case(id, expected, load=("ontology",), shapes=ONTOLOGY_SHAPES, **kwargs)


def header_case(prop: str, kind: str, expected_component: str, **kwargs: Any) -> Case:
    slug = prop.split(":", 1)[1].lower()
    return onto(
        f"ontology-header-{kind}-{slug}", (R(ONTOLOGY, expected_component, f"{HEADER}/{prop}"),), **kwargs
    )
