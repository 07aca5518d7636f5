"""Shape-based constraints: ``sh:node``, ``sh:qualifiedValueShape`` (with ``sh:qualifiedMinCount``,
``sh:qualifiedMaxCount``, ``sh:qualifiedValueShapesDisjoint``); ``sh:property`` is walked by the
engine itself."""

from __future__ import annotations

from .cardinality import count_test
from .context import AddCheck, Context, Emit, ValueCheck
from .terms import Node, Pairs, Term, is_true, sh

_QUALIFIED = (("qualifiedMaxCount", ">"), ("qualifiedMinCount", "<"))


def focus_checks(ctx: Context, shape: Node, p: str, single: bool, add: AddCheck) -> bool:
    """The qualified counts of a property shape with targets; False when they cannot be compiled."""
    qshapes = list(ctx.sg.objects(shape, sh("qualifiedValueShape")))
    if len(qshapes) > 1:
        return False
    if not qshapes:
        return True
    qshape = qshapes[0]

    def counted(x: str) -> str | None:
        return qualified_cond(ctx, shape, qshape, x, f"?this {p} {x}")

    if counted("?v") is None:
        return False
    for name, op in _QUALIFIED:
        for n in ctx.sg.objects(shape, sh(name)):
            if op == ">" and single and int(str(n)) >= 1:
                continue
            expr = count_test(ctx, f"?this {p}", int(str(n)), op, counted)
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            if expr is None:
                add(component, "", "count", count=(op, int(str(n)), counted))
            elif expr != "false":
                add(component, expr, "focus")
    return True


def path_conds(ctx: Context, shape: Node) -> list[str] | None:
    """Qualified counts are not compiled inside conditions (None when the shape has one)."""
    return None if (shape, sh("qualifiedValueShape"), None) in ctx.sg else []


def qualified_cond(ctx: Context, shape: Node, qshape: Node, var: str, universe: str) -> str | None:
    """SPARQL: the value in ``var`` conforms to the qualified shape and to no sibling's."""
    cond = ctx.cond(qshape, var, universe)
    if cond is None:
        return None
    parts = [cond]
    for sib in sorted(_siblings(ctx, shape, qshape), key=str):
        sc = ctx.cond(sib, var, universe)
        if sc is None:
            return None
        parts.append(f"!{sc}")
    return "(" + " && ".join(parts) + ")"


def _siblings(ctx: Context, shape: Node, qshape: Node) -> set[Node]:
    """With sh:qualifiedValueShapesDisjoint: the qualified shapes of the sibling property shapes."""
    sg = ctx.sg
    siblings: set[Node] = set()
    disjoint = sg.value(shape, sh("qualifiedValueShapesDisjoint"))
    if disjoint is not None and is_true(disjoint):
        for parent in sg.subjects(sh("property"), shape):
            for sibling_prop in sg.objects(parent, sh("property")):
                siblings |= {q for q in sg.objects(sibling_prop, sh("qualifiedValueShape")) if q != qshape}
    return siblings


def value_checks(ctx: Context, shape: Node, var: str, universe: str) -> list[ValueCheck]:
    """sh:node as a SPARQL test true for violations (None when the shape is not expressible)."""
    out: list[ValueCheck] = []
    for node_shape in ctx.sg.objects(shape, sh("node")):
        cond = ctx.cond(node_shape, var, universe)
        out.append(("NodeConstraintComponent", None if cond is None else f"!{cond}", None))
    return out


def value_conds(ctx: Context, shape: Node, var: str, universe: str) -> list[str] | None:
    out: list[str] = []
    for node_shape in ctx.sg.objects(shape, sh("node")):
        c = ctx.cond(node_shape, var, universe)
        if c is None:
            return None
        out.append(c)
    return out


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: sh:node on every value, the qualified counts on every focus node."""
    sg = ctx.sg
    all_values = {v for vs in pairs.values() for v in vs}
    if all_values:
        for node_shape in sg.objects(shape, sh("node")):
            bad = ctx.failing(node_shape, all_values)
            for f, vs in pairs.items():
                for v in vs:
                    if v in bad:
                        emit(f, "NodeConstraintComponent", v)
    qshape = sg.value(shape, sh("qualifiedValueShape"))
    if qshape is None:
        return
    low = sg.value(shape, sh("qualifiedMinCount"))
    high = sg.value(shape, sh("qualifiedMaxCount"))
    bad = ctx.failing(qshape, all_values) if all_values else set()
    sibling_ok: set[Term] = set()
    for sib in _siblings(ctx, shape, qshape):
        sibling_ok |= all_values - ctx.failing(sib, all_values)
    for f, vs in pairs.items():
        n = sum(1 for v in set(vs) if v not in bad and v not in sibling_ok)
        if high is not None and n > int(str(high)):
            emit(f, "QualifiedMaxCountConstraintComponent")
        if low is not None and n < int(str(low)):
            emit(f, "QualifiedMinCountConstraintComponent")


__all__ = ["evaluate", "focus_checks", "path_conds", "qualified_cond", "value_checks", "value_conds"]
