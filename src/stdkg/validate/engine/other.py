"""Other constraints: ``sh:in``, ``sh:hasValue``, ``sh:closed`` (with ``sh:ignoredProperties``)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from .context import AddCheck, Context, Emit, ValueCheck
from .terms import Node, Pairs, canonical, default_graph, is_true, one_of, sh, to_ox


def focus_checks(ctx: Context, shape: Node, p: str, add: AddCheck) -> bool:
    """sh:hasValue of a property shape with targets; False when the value is no IRI."""
    for hv in ctx.sg.objects(shape, sh("hasValue")):
        if not isinstance(hv, rdflib.URIRef):
            return False
        a = ctx.fresh()
        add(
            "HasValueConstraintComponent",
            f"NOT EXISTS {{ ?this {p} {a} FILTER(sameTerm({a}, <{hv}>)) }}",
            "focus",
        )
    return True


def path_conds(ctx: Context, shape: Node, var: str, p: str) -> list[str] | None:
    """sh:hasValue of a property shape as a condition on the node in ``var``."""
    parts: list[str] = []
    for hv in ctx.sg.objects(shape, sh("hasValue")):
        if not isinstance(hv, rdflib.URIRef):
            return None
        a = ctx.fresh()
        parts.append(f"EXISTS {{ {var} {p} {a} FILTER(sameTerm({a}, <{hv}>)) }}")
    return parts


def value_checks(ctx: Context, shape: Node, var: str, node_level: bool) -> list[ValueCheck]:
    """sh:in (of IRIs), and sh:hasValue of a node shape, as SPARQL tests true for violations."""
    sg = ctx.sg
    out: list[ValueCheck] = []
    for lst in sg.objects(shape, sh("in")):
        members = list(sg.items(lst))
        if not all(isinstance(m, rdflib.URIRef) for m in members):
            out.append(("InConstraintComponent", None, None))
        else:
            out.append(("InConstraintComponent", f"!({one_of(var, [f'<{m}>' for m in members])})", None))
    if node_level:  # a node shape: sh:hasValue is a value test
        for hv in sg.objects(shape, sh("hasValue")):
            if not isinstance(hv, rdflib.URIRef):
                out.append(("HasValueConstraintComponent", None, None))
            else:
                out.append(("HasValueConstraintComponent", f"!sameTerm({var}, <{hv}>)", None))
    return out


def value_conds(ctx: Context, shape: Node, var: str) -> list[str] | None:
    """sh:in, and sh:hasValue of a node shape, as conditions (None: a literal among the values)."""
    sg = ctx.sg
    out: list[str] = []
    for lst in sg.objects(shape, sh("in")):
        members = list(sg.items(lst))
        if not all(isinstance(m, rdflib.URIRef) for m in members):
            return None
        out.append(f"({one_of(var, [f'<{m}>' for m in members])})")
    if sg.value(shape, sh("path")) is None:
        for hv in sg.objects(shape, sh("hasValue")):
            if not isinstance(hv, rdflib.URIRef):
                return None
            out.append(f"sameTerm({var}, <{hv}>)")
    return out


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: sh:in and sh:hasValue on the values, sh:closed on the focus nodes."""
    sg = ctx.sg
    for lst in sg.objects(shape, sh("in")):
        allowed_terms = {canonical(to_ox(t)) for t in sg.items(lst)}
        for f, vs in pairs.items():
            for v in vs:
                if v not in allowed_terms:
                    emit(f, "InConstraintComponent", v)
    for hv in sg.objects(shape, sh("hasValue")):
        want = canonical(to_ox(hv))
        for f, vs in pairs.items():
            if want not in vs:
                emit(f, "HasValueConstraintComponent")
    closed = sg.value(shape, sh("closed"))
    if closed is not None and is_true(closed):
        allowed_p = {
            str(p) for prop in sg.objects(shape, sh("property")) for p in [sg.value(prop, sh("path"))]
        }
        for lst in sg.objects(shape, sh("ignoredProperties")):
            allowed_p |= {str(p) for p in sg.items(lst)}
        for f in set(pairs):
            if isinstance(f, ox.Literal):
                continue
            for q in ctx.store.quads_for_pattern(f, None, None, default_graph()):
                if q.predicate.value not in allowed_p:
                    assert not isinstance(q.object, ox.Triple)
                    emit(f, "ClosedConstraintComponent", q.object, rdflib.URIRef(q.predicate.value))


__all__ = ["evaluate", "focus_checks", "path_conds", "value_checks", "value_conds"]
