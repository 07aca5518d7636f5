"""The OWL 2 RL rules over lists, restrictions, chains and keys, evaluated over the whole graph.

:func:`global_consequences` gives every triple these rules derive from the facts as they are; the
reasoner (:mod:`stdkg.reason.owl`) adds them, closes the result incrementally and asks again until
nothing new comes: cls-int1, cls-oo, scm-int, scm-uni (cls-int2 and cls-uni then follow through
cax-sco), cls-svf1/2, cls-avf, cls-hv1/2, cls-maxc2, cls-maxqc3/4, scm-hv, scm-svf1/2, scm-avf1/2,
prp-spo2 and prp-key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from .facts import Facts, Triple, literal_parts
from .words import (
    ALL,
    CHAIN,
    HAS_KEY,
    HAS_VALUE,
    INTERSECTION,
    MAX_CARDINALITY,
    MAX_QUALIFIED,
    ON_CLASS,
    ON_PROPERTY,
    ONE_OF,
    SAME,
    SCO,
    SOME,
    SPO,
    THING,
    TYPE,
    UNION,
)


@dataclass(frozen=True)
class Restriction:
    """One ``owl:Restriction`` node with one ``owl:onProperty`` and one kind of filler."""

    node: str
    prop: str
    kind: str
    """``SOME``, ``ALL``, ``HAS_VALUE``, ``MAX_CARDINALITY`` or ``MAX_QUALIFIED`` (their IRIs)."""
    filler: str
    on_class: str | None = None


def restrictions(g: Facts) -> list[Restriction]:
    """Every restriction of the graph, one per (node, property, kind, filler, class)."""
    out = []
    for node, prop in g.pairs(ON_PROPERTY):
        for kind in (SOME, ALL, HAS_VALUE, MAX_CARDINALITY):
            out += [Restriction(node, prop, kind, filler) for filler in g.objects(node, kind)]
        for n in g.objects(node, MAX_QUALIFIED):
            out += [Restriction(node, prop, MAX_QUALIFIED, n, c) for c in g.objects(node, ON_CLASS)]
    return out


def cardinality(term: str) -> int | None:
    """The integer a cardinality literal states, or None."""
    lexical, _ = literal_parts(term)
    try:
        return int(lexical.strip())
    except ValueError:
        return None


def global_consequences(g: Facts) -> Iterator[Triple]:
    """Every triple the rules of this module derive from ``g`` (some may be known already)."""
    yield from _class_expressions(g)
    found = restrictions(g)
    for r in found:
        yield from _restriction(g, r)
    yield from _restriction_schema(g, found)
    yield from _chains(g)
    yield from _keys(g)


def _class_expressions(g: Facts) -> Iterator[Triple]:
    for c, head in g.pairs(INTERSECTION):
        members = g.items(head)
        if not members:
            continue
        for m in members:  # scm-int
            yield (c, SCO, m)
        common = set(g.subjects(TYPE, members[0]))  # cls-int1
        for m in members[1:]:
            common &= set(g.subjects(TYPE, m))
        for y in common:
            yield (y, TYPE, c)
    for c, head in g.pairs(UNION):  # scm-uni
        for m in g.items(head) or ():
            yield (m, SCO, c)
    for c, head in g.pairs(ONE_OF):  # cls-oo
        for m in g.items(head) or ():
            yield (m, TYPE, c)


def _restriction(g: Facts, r: Restriction) -> Iterator[Triple]:
    x, p, y = r.node, r.prop, r.filler
    if r.kind == SOME:  # cls-svf1, cls-svf2
        for u, v in g.pairs(p):
            if y == THING or g.is_a(v, y):
                yield (u, TYPE, x)
    elif r.kind == ALL:  # cls-avf
        for u in g.subjects(TYPE, x):
            for v in g.objects(u, p):
                yield (v, TYPE, y)
    elif r.kind == HAS_VALUE:  # cls-hv1, cls-hv2
        for u in g.subjects(TYPE, x):
            yield (u, p, y)
        for u in g.subjects(p, y):
            yield (u, TYPE, x)
    elif cardinality(y) == 1:  # cls-maxc2, cls-maxqc3, cls-maxqc4
        for u in g.subjects(TYPE, x):
            values = g.objects(u, p)
            if r.on_class is not None and r.on_class != THING:
                values = tuple(v for v in values if g.is_a(v, r.on_class))
            for i, a in enumerate(values):
                for b in values[i + 1 :]:
                    yield (a, SAME, b)


def _restriction_schema(g: Facts, found: list[Restriction]) -> Iterator[Triple]:
    """scm-hv, scm-svf1/2, scm-avf1/2: subsumption between restrictions."""

    def sub_class(a: str, b: str) -> bool:
        return a == b or g.has(a, SCO, b)

    def sub_property(a: str, b: str) -> bool:
        return a == b or g.has(a, SPO, b)

    by_kind: dict[str, list[Restriction]] = defaultdict(list)
    for r in found:
        if r.kind in (SOME, ALL, HAS_VALUE):
            by_kind[r.kind].append(r)
    for kind, items in by_kind.items():
        for r1, r2 in product(items, items):
            if r1.node == r2.node:
                continue
            if kind == HAS_VALUE:
                if r1.filler == r2.filler and sub_property(r1.prop, r2.prop):
                    yield (r1.node, SCO, r2.node)
            elif r1.prop == r2.prop and sub_class(r1.filler, r2.filler):
                yield (r1.node, SCO, r2.node)  # scm-svf1, scm-avf1
            elif r1.filler == r2.filler and sub_property(r1.prop, r2.prop):
                # scm-svf2; scm-avf2 goes the other way
                yield (r1.node, SCO, r2.node) if kind == SOME else (r2.node, SCO, r1.node)


def _chains(g: Facts) -> Iterator[Triple]:
    """prp-spo2: ``p owl:propertyChainAxiom (p1 … pn)`` and a path ``x p1 … pn z`` give ``x p z``."""
    for p, head in g.pairs(CHAIN):
        chain = g.items(head)
        if not chain:
            continue
        paths: dict[str, set[str]] = defaultdict(set)  # start -> ends so far
        for a, b in g.pairs(chain[0]):
            paths[a].add(b)
        for step in chain[1:]:
            nxt: dict[str, set[str]] = defaultdict(set)
            for a, ends in paths.items():
                for b in ends:
                    nxt[a].update(g.objects(b, step))
            paths = nxt
        for a, ends in paths.items():
            for b in ends:
                yield (a, p, b)


def _keys(g: Facts) -> Iterator[Triple]:
    """prp-key: instances of a class with ``owl:hasKey`` that agree on every key property are the same."""
    for c, head in g.pairs(HAS_KEY):
        props = g.items(head)
        if not props:  # an empty key would make every instance the same: owlrl ignores it too
            continue
        holders: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for x in g.subjects(TYPE, c):
            values = [g.objects(x, q) for q in props]
            for combo in product(*values):
                holders[combo].append(x)
        for same in holders.values():
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    yield (a, SAME, b)


__all__ = ["Restriction", "cardinality", "global_consequences", "restrictions"]
