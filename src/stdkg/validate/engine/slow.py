"""The slow path: what cannot be compiled is judged in Python on (focus node, value nodes) pairs,
read from the store, with each constraint family's :func:`evaluate`."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from ...vocab import SH
from . import (
    cardinality,
    logical,
    other,
    property_pair,
    shape_based,
    sparql_based,
    string_based,
    value_range,
    value_type,
)
from .context import Context, Finding
from .terms import Node, Pairs, Term, default_graph, sh, values

#: The families evaluated on the pairs, in the order of pySHACL's constraint components.
_EVALUATE = (
    value_type.evaluate,
    cardinality.evaluate,
    value_range.evaluate,
    string_based.evaluate,
    property_pair.evaluate,
    logical.evaluate,
    shape_based.evaluate,
    other.evaluate,
)


def own(ctx: Context, shape: Node, focus: str | set[Term]) -> list[Finding]:
    """The results of the shape's own constraints (not its property shapes or SPARQL ones).

    ``focus``: a SPARQL pattern binding ``?this`` to the focus nodes, or the focus nodes.
    """
    sg = ctx.sg
    if isinstance(focus, str):
        pattern = f"{{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}"
        cached = ctx.focus_cache.get(focus)
        if cached is None:
            cached = {r[0] for r in ctx.select(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}", "this")}
            ctx.focus_cache[focus] = cached
        focus_nodes = cached
    else:
        pattern = values(focus)
        focus_nodes = set(focus)
    if not focus_nodes:
        return []
    shape_path = sg.value(shape, sh("path"))
    severity = str(sg.value(shape, sh("severity")) or SH + "Violation")
    message = ctx.message(shape)
    if shape_path is not None:
        pairs = pairs_of(ctx, shape_path, focus_nodes, pattern if isinstance(focus, str) else None)
    else:
        pairs = {f: [f] for f in focus_nodes}
    out: list[Finding] = []

    def emit(f: Term, component: str, value: Term | None = None, path: Node | None = None) -> None:
        out.append(Finding(f, SH + component, shape, path or shape_path, value, severity, message))

    for evaluate in _EVALUATE:
        evaluate(ctx, shape, pairs, emit)
    return out


def pairs_of(ctx: Context, path: Node, focus_nodes: set[Term], pattern: str | None = None) -> Pairs:
    """The values of ``path`` for each focus node (``pattern``: a SPARQL pattern that lists them)."""
    pairs: Pairs = {f: [] for f in focus_nodes}
    listed = pattern if pattern is not None else values(focus_nodes)
    query = f"SELECT DISTINCT ?this ?v WHERE {{ {listed} ?this {ctx.path_sparql(path)} ?v }}"
    for f, v in ctx.select(query, "this", "v"):
        if f in pairs:
            pairs[f].append(v)
    if pattern is None:  # a query text cannot name blank nodes: read them here
        for f in focus_nodes:
            if isinstance(f, ox.BlankNode):
                pairs[f].extend(_values_of(ctx, f, path))
    if ctx.nullable(path):  # each focus node is a value of itself, in the graph or not
        for f, vs in pairs.items():
            if f not in vs:
                vs.append(f)
    return pairs


def _values_of(ctx: Context, node: ox.BlankNode, path: Node) -> list[Term]:
    """The values of ``path`` for one node, walked on the store (a query text cannot name it)."""
    return _walk(ctx, [node], path)


def _walk(ctx: Context, nodes: list[Term], path: Node) -> list[Term]:
    """The nodes ``path`` reaches from ``nodes`` (each once, in the order found)."""
    sg, graph = ctx.sg, default_graph()
    found: dict[Term, None] = {}
    if isinstance(path, rdflib.URIRef):
        predicate = ox.NamedNode(path)
        for n in nodes:
            if not isinstance(n, ox.Literal):
                found.update(
                    (_term(q.object), None) for q in ctx.store.quads_for_pattern(n, predicate, None, graph)
                )
        return list(found)
    if sg.value(path, rdflib.RDF.first) is not None:  # a sequence
        for step in sg.items(path):
            nodes = _walk(ctx, nodes, step)
        return nodes
    inverse = sg.value(path, sh("inversePath"))
    if isinstance(inverse, rdflib.URIRef):
        predicate = ox.NamedNode(inverse)
        for n in nodes:
            found.update(
                (_term(q.subject), None) for q in ctx.store.quads_for_pattern(None, predicate, n, graph)
            )
        return list(found)
    alternatives = sg.value(path, sh("alternativePath"))
    if alternatives is not None:
        for alt in sg.items(alternatives):
            found.update((v, None) for v in _walk(ctx, nodes, alt))
        return list(found)
    for name, with_start, repeat in (
        ("zeroOrMorePath", True, True),
        ("oneOrMorePath", False, True),
        ("zeroOrOnePath", True, False),
    ):
        inner = sg.value(path, sh(name))
        if inner is None:
            continue
        if with_start:
            found.update((n, None) for n in nodes)
        todo = nodes
        while todo:
            todo = [v for v in _walk(ctx, todo, inner) if v not in found]
            found.update((v, None) for v in todo)
            if not repeat:
                break
        return list(found)
    raise EngineUnavailable(f"unsupported SHACL path {path}")


def _term(term: Term | ox.Triple) -> Term:
    if isinstance(term, ox.Triple):
        raise EngineUnavailable("RDF-star triples as values are not supported by the fast engine")
    return term


def validate_nodes(ctx: Context, shape: Node, focus: set[Term]) -> list[Finding]:
    """All results of ``shape`` on a set of focus nodes (nested shapes of the slow path)."""
    sg = ctx.sg
    focus_nodes = set(focus)
    if not focus_nodes:
        return []
    out = own(ctx, shape, focus_nodes)
    path = sg.value(shape, sh("path"))
    severity = str(sg.value(shape, sh("severity")) or SH + "Violation")
    for c in sg.objects(shape, sh("sparql")):
        if not ctx.deactivated(c):
            out.extend(sparql_based.evaluate(ctx, shape, c, path, focus_nodes, severity))
    props = [p for p in sorted(sg.objects(shape, sh("property")), key=str) if not ctx.deactivated(p)]
    if props and path is not None:  # sh:property on a property shape: on its value nodes
        focus_nodes = {v for vs in pairs_of(ctx, path, focus_nodes).values() for v in vs}
    for prop in props:
        out.extend(validate_nodes(ctx, prop, focus_nodes))
    return out


def failing(ctx: Context, shape: Node, nodes: set[Term]) -> set[Term]:
    """The nodes that do not conform to ``shape``."""
    key = (shape, frozenset(nodes))
    cached = ctx.failing_cache.get(key)
    if cached is None:
        cached = (
            set() if ctx.deactivated(shape) else {r.focus for r in validate_nodes(ctx, shape, set(nodes))}
        )
        ctx.failing_cache[key] = cached
    return cached


__all__ = ["failing", "own", "pairs_of", "validate_nodes"]
