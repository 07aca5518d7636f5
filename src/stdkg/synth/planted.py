"""Planted violations: each kind changes one body's triples and says the SHACL result it must produce."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .body import Body
from .terms import DATE, DERIVED, INT, SH, Triple, bare, ns_foaf, ns_org, ns_schema, ns_stdkg, ns_time, typed


@dataclass(frozen=True)
class PlantedViolation:
    """One planted defect and the SHACL result it must produce."""

    kind: str
    focus_node: str
    """IRI of the focus node (bare, without angle brackets)."""
    constraint: str
    """IRI of the constraint component."""
    path: str | None
    value: str | None = None
    """The offending value in N-Triples syntax, when the result carries one."""

    def key(self) -> tuple[str, str, str | None]:
        return (self.focus_node, self.constraint, self.path)


# -- planted violations ----------------------------------------------------------------------

Planter = Callable[[Body, list[Triple]], tuple[list[Triple], list[PlantedViolation]]]


def _component(name: str) -> str:
    return f"{SH}{name}ConstraintComponent"


def _drop(triples: list[Triple], s: str, p: str) -> list[Triple]:
    return [t for t in triples if not (t[0] == s and t[1] == p)]


def _replace(triples: list[Triple], s: str, p: str, o: str) -> list[Triple]:
    return [(s, p, o) if (t[0] == s and t[1] == p) else t for t in triples]


def _person_without_name(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    p = b.people[1]
    name = ns_foaf("name")
    v = PlantedViolation("person-without-name", bare(p), _component("MinCount"), bare(name))
    return _drop(t, p, name), [v]


def _ill_typed_date(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    inst = b.begin_instants[0]
    prop = ns_time("inXSDDate")
    bad = typed(f"{1980 + b.i % 10}-02-30", DATE)  # before every inside date
    v = PlantedViolation("ill-typed-date", bare(inst), _component("Datatype"), bare(prop), bad)
    return _replace(t, inst, prop, bad), [v]


def _same_as_not_wikidata(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    prop = ns_schema("sameAs")
    bad = f"<http://dbpedia.org/resource/Standards_Body_{b.i}>"
    v = PlantedViolation("same-as-not-wikidata", bare(b.org), _component("Pattern"), bare(prop), bad)
    return _replace(t, b.org, prop, bad), [v]


def _missing_provenance(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    ms = b.memberships[2]
    # the shape's sh:or (a citation of its own, or a claim about it) fails on the node itself
    v = PlantedViolation("missing-provenance", bare(ms), _component("Or"), None, ms)
    return _drop(t, ms, DERIVED), [v]


def _duplicate_position(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    cm = b.commitments[2]
    prop = ns_schema("position")
    # shape:StatementShape reports the statement, with the repeated position as the value
    v = PlantedViolation(
        "duplicate-commitment-position", bare(b.statement), _component("SPARQL"), None, typed("2", INT)
    )
    return _replace(t, cm, prop, typed("2", INT)), [v]


def _unit_of_a_unit(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    unit = b.units[1]
    prop = ns_org("unitOf")
    v = PlantedViolation("unit-of-a-unit", bare(unit), _component("Class"), bare(prop), b.units[0])
    return _replace(t, unit, prop, b.units[0]), [v]


def _commitment_without_committer(b: Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    cm = b.commitments[0]
    prop = ns_stdkg("committedBy")
    v = PlantedViolation("commitment-without-committer", bare(cm), _component("MinCount"), bare(prop))
    return _drop(t, cm, prop), [v]


#: The kinds of planted violation, in the order they are cycled through.
VIOLATION_KINDS: dict[str, Planter] = {
    "person-without-name": _person_without_name,
    "ill-typed-date": _ill_typed_date,
    "same-as-not-wikidata": _same_as_not_wikidata,
    "missing-provenance": _missing_provenance,
    "duplicate-commitment-position": _duplicate_position,
    "unit-of-a-unit": _unit_of_a_unit,
    "commitment-without-committer": _commitment_without_committer,
}
