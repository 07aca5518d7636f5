"""Property pair constraints: ``sh:equals``, ``sh:disjoint`` (on the slow path), ``sh:lessThan``,
``sh:lessThanOrEquals`` (values of the path against the values of another property of the same
focus node)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from .context import AddCheck, Context, Emit
from .terms import Node, Pairs, Term, default_graph, kind, sh, to_ox, to_rdflib

_PAIRS = (("lessThan", "<"), ("lessThanOrEquals", "<="))


def focus_checks(ctx: Context, shape: Node, add: AddCheck) -> bool:
    """The pairs of a property shape with targets (run by :mod:`.compiled`); False when the other
    property is no IRI."""
    for name, op in _PAIRS:
        for other in ctx.sg.objects(shape, sh(name)):
            if not isinstance(other, rdflib.URIRef):
                return False
            add(
                f"{name[0].upper()}{name[1:]}ConstraintComponent",
                "",
                "pair",
                pair=(ox.NamedNode(other), op == "<="),
            )
    return True


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: every value against every value of the other property."""
    for name in ("equals", "disjoint"):
        for other in ctx.sg.objects(shape, sh(name)):
            prop = _property(name, other)
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            for f, vs in pairs.items():
                others = _objects(ctx, f, prop)
                if name == "disjoint":
                    for v in vs:
                        if v in others:
                            emit(f, component, v)
                    continue
                for v in vs:
                    if v not in others:
                        emit(f, component, v)
                for o in others:
                    if o not in vs:
                        emit(f, component, o)
    for name, op in _PAIRS:
        for other in ctx.sg.objects(shape, sh(name)):
            prop = _property(name, other)
            for f, vs in pairs.items():
                if isinstance(f, ox.Literal):
                    continue
                for v in vs:
                    for c in _objects(ctx, f, prop):
                        if not less(v, c, op == "<="):
                            emit(f, name[0].upper() + name[1:] + "ConstraintComponent", v)


def _property(name: str, other: Node) -> ox.NamedNode:
    prop = to_ox(other)
    if not isinstance(prop, ox.NamedNode):
        raise EngineUnavailable(f"sh:{name} {other} is not a property")
    return prop


def _objects(ctx: Context, focus: Term, prop: ox.NamedNode) -> list[Term]:
    """The values of ``prop`` for the focus node (none for a literal)."""
    if isinstance(focus, ox.Literal):
        return []
    out: list[Term] = []
    for q in ctx.store.quads_for_pattern(focus, prop, None, default_graph()):
        if isinstance(q.object, ox.Triple):
            raise EngineUnavailable("RDF-star triples as values are not supported by the fast engine")
        out.append(q.object)
    return out


def less(value: Term, other: Term, or_equal: bool) -> bool:
    """pySHACL's sh:lessThan(OrEquals) test for one pair (IRIs and strings compare as strings)."""
    a, b = to_rdflib(value), to_rdflib(other)
    a_str = kind(value) == "NamedNode" or isinstance(getattr(a, "value", None), str)
    b_str = kind(other) == "NamedNode" or isinstance(getattr(b, "value", None), str)
    if a_str != b_str:
        return False
    if a_str:
        x, y = str(a), str(b)
        return x <= y if or_equal else x < y
    try:
        return bool(a <= b) if or_equal else bool(a < b)
    except TypeError as exc:
        raise EngineUnavailable(f"values cannot be compared: {value} and {other}") from exc


__all__ = ["evaluate", "focus_checks", "less"]
