"""The OWL 2 RL rules whose conclusion is ``false``, checked on the closure: each match is a clash.

eq-diff1/2/3, prp-irp, prp-asyp, prp-pdw, prp-adp, prp-npa1/2, cls-nothing2, cls-com, cls-maxc1,
cls-maxqc1/2, cax-dw, cax-adc and dt-not-type. Each clash is one line naming the rule and the
terms (prefixed names where the project has a prefix).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..names import shorten
from .axioms import cardinality, restrictions
from .datatypes import well_typed
from .facts import Facts, is_literal, literal_parts
from .words import (
    ALL_DIFFERENT,
    ALL_DISJOINT_CLASSES,
    ALL_DISJOINT_PROPERTIES,
    ASSERTION_PROPERTY,
    ASYMMETRIC,
    COMPLEMENT,
    DIFFERENT,
    DISJOINT,
    DISTINCT_MEMBERS,
    IRREFLEXIVE,
    MAX_CARDINALITY,
    MAX_QUALIFIED,
    MEMBERS,
    NOTHING,
    PROPERTY_DISJOINT,
    SAME,
    SOURCE,
    TARGET,
    TARGET_VALUE,
    THING,
    TYPE,
)


def show(term: str) -> str:
    """A term for people: a prefixed name where the project has a prefix, else as in N-Triples."""
    return shorten(term[1:-1]) if term.startswith("<") else term


def clashes(g: Facts) -> list[str]:
    """Every clash in ``g`` (a closure), sorted; empty when it is consistent."""
    return sorted(set(_clashes(g)))


def _clashes(g: Facts) -> Iterator[str]:
    yield from _equality(g)
    yield from _properties(g)
    yield from _classes(g)
    yield from _literals(g)


def _same(g: Facts, a: str, b: str) -> bool:
    return a == b or g.has(a, SAME, b)


def _equality(g: Facts) -> Iterator[str]:
    for x, y in g.pairs(DIFFERENT):  # eq-diff1
        if _same(g, x, y):
            yield f"eq-diff1: {show(x)} is both the same as and different from {show(y)}"
    for node in g.subjects(TYPE, ALL_DIFFERENT):  # eq-diff2, eq-diff3
        for head in (*g.objects(node, MEMBERS), *g.objects(node, DISTINCT_MEMBERS)):
            members = g.items(head) or []
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if _same(g, a, b):
                        yield f"eq-diff2: {show(a)} and {show(b)} are declared all different but are the same"


def _properties(g: Facts) -> Iterator[str]:
    for p in g.subjects(TYPE, IRREFLEXIVE):  # prp-irp
        for x, y in g.pairs(p):
            if x == y:
                yield f"prp-irp: {show(x)} {show(p)} itself, and {show(p)} is irreflexive"
    for p in g.subjects(TYPE, ASYMMETRIC):  # prp-asyp
        for x, y in g.pairs(p):
            if g.has(y, p, x):
                yield f"prp-asyp: {show(x)} and {show(y)} are linked both ways by asymmetric {show(p)}"
    disjoint = list(g.pairs(PROPERTY_DISJOINT))  # prp-pdw, prp-adp
    for node in g.subjects(TYPE, ALL_DISJOINT_PROPERTIES):
        for head in g.objects(node, MEMBERS):
            members = g.items(head) or []
            disjoint += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
    for p1, p2 in disjoint:
        for x, y in g.pairs(p1):
            if g.has(x, p2, y):
                yield f"prp-pdw: {show(x)} is linked to {show(y)} by disjoint {show(p1)} and {show(p2)}"
    for npa in g.subjects_of(SOURCE):  # prp-npa1, prp-npa2
        for i1 in g.objects(npa, SOURCE):
            for p in g.objects(npa, ASSERTION_PROPERTY):
                for i2 in (*g.objects(npa, TARGET), *g.objects(npa, TARGET_VALUE)):
                    if g.has(i1, p, i2):
                        yield f"prp-npa: {show(i1)} {show(p)} {show(i2)} is asserted and negated"


def _classes(g: Facts) -> Iterator[str]:
    for x in g.subjects(TYPE, NOTHING):  # cls-nothing2
        yield f"cls-nothing2: {show(x)} is an instance of owl:Nothing"
    pairs = [(a, b, "cls-com", "complementary") for a, b in g.pairs(COMPLEMENT)]
    pairs += [(a, b, "cax-dw", "disjoint") for a, b in g.pairs(DISJOINT)]
    for node in g.subjects(TYPE, ALL_DISJOINT_CLASSES):
        for head in g.objects(node, MEMBERS):
            members = g.items(head) or []
            pairs += [(a, b, "cax-adc", "disjoint") for i, a in enumerate(members) for b in members[i + 1 :]]
    for c1, c2, rule, how in pairs:
        for x in g.subjects(TYPE, c1):
            if g.is_a(x, c2):
                yield f"{rule}: {show(x)} is in {how} classes {show(c1)} and {show(c2)}"
    for r in restrictions(g):  # cls-maxc1, cls-maxqc1, cls-maxqc2
        if r.kind not in (MAX_CARDINALITY, MAX_QUALIFIED) or cardinality(r.filler) != 0:
            continue
        for u in g.subjects(TYPE, r.node):
            for v in g.objects(u, r.prop):
                if r.on_class is None or r.on_class == THING or g.is_a(v, r.on_class):
                    yield f"cls-maxc1: {show(u)} has a {show(r.prop)} value {show(v)} where {show(r.node)} allows none"


def _literals(g: Facts) -> Iterator[str]:
    seen: set[str] = set()
    for _s, _p, o in g:
        if is_literal(o) and "^^" in o and o not in seen:
            seen.add(o)
            lexical, datatype = literal_parts(o)
            if not well_typed(lexical, datatype[1:-1]):
                yield f"dt-not-type: {o} is not a valid {show(datatype)}"


__all__ = ["clashes", "show"]
