"""Logical constraints: ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone`` (members are shapes, judged
through :meth:`Context.cond` when compiled and :meth:`Context.failing` on the slow path)."""

from __future__ import annotations

from .context import Context, Emit, ValueCheck
from .terms import Node, Pairs, sh

_LISTS = (("and", "And"), ("or", "Or"), ("xone", "Xone"))


def combine(name: str, conds: list[str | None]) -> str:
    """SPARQL: ``sh:and``, ``sh:or`` or ``sh:xone`` of the conditions."""
    parts = [c for c in conds if c is not None]
    if name == "and":
        return "(" + " && ".join(parts) + ")" if parts else "true"
    if name == "or":
        return "(" + " || ".join(parts) + ")" if parts else "false"
    return "((" + " + ".join(f"IF({c}, 1, 0)" for c in parts) + ") = 1)" if parts else "false"


def value_checks(ctx: Context, shape: Node, var: str, universe: str) -> list[ValueCheck]:
    """The logical constraints as SPARQL tests true for violations (None: not expressible)."""
    sg = ctx.sg
    out: list[ValueCheck] = []
    for node_shape in sg.objects(shape, sh("not")):
        out.append(("NotConstraintComponent", ctx.cond(node_shape, var, universe), None))
    for name, component in _LISTS:
        for lst in sg.objects(shape, sh(name)):
            conds = [ctx.cond(m, var, universe) for m in sg.items(lst)]
            if any(c is None for c in conds):
                out.append((component + "ConstraintComponent", None, None))
                continue
            out.append((component + "ConstraintComponent", f"!{combine(name, conds)}", None))
    return out


def value_conds(ctx: Context, shape: Node, var: str, universe: str) -> list[str] | None:
    sg = ctx.sg
    out: list[str] = []
    for node_shape in sg.objects(shape, sh("not")):
        c = ctx.cond(node_shape, var, universe)
        if c is None:
            return None
        out.append(f"!{c}")
    for name, _component in _LISTS:
        for lst in sg.objects(shape, sh(name)):
            conds = [ctx.cond(m, var, universe) for m in sg.items(lst)]
            if any(c is None for c in conds):
                return None
            out.append(combine(name, conds))
    return out


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: how many member shapes each value conforms to."""
    sg = ctx.sg
    all_values = {v for vs in pairs.values() for v in vs}
    if not all_values:
        return
    for node_shape in sg.objects(shape, sh("not")):
        bad = ctx.failing(node_shape, all_values)
        for f, vs in pairs.items():
            for v in vs:
                if v not in bad:
                    emit(f, "NotConstraintComponent", v)
    for name, component in _LISTS:
        for lst in sg.objects(shape, sh(name)):
            members = list(sg.items(lst))
            fails = [ctx.failing(m, all_values) for m in members]
            for f, vs in pairs.items():
                for v in vs:
                    passed = sum(1 for bad in fails if v not in bad)
                    if name == "and":
                        ok = passed == len(members)
                    else:
                        ok = passed >= 1 if name == "or" else passed == 1
                    if not ok:
                        emit(f, component + "ConstraintComponent", v)


__all__ = ["combine", "evaluate", "value_checks", "value_conds"]
