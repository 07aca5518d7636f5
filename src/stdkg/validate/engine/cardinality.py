"""Cardinality constraints: ``sh:minCount``, ``sh:maxCount`` (and the counting the qualified
counts of :mod:`.shape_based` share)."""

from __future__ import annotations

from .context import AddCheck, Cond, Context, Emit
from .terms import Node, Pairs, sh

_COUNTS = (("minCount", "<"), ("maxCount", ">"))


def focus_checks(ctx: Context, shape: Node, p: str, single: bool, add: AddCheck) -> None:
    """The counts of a property shape with targets, as tests of the focus node (or GROUP BY)."""
    for name, op in _COUNTS:
        for n in ctx.sg.objects(shape, sh(name)):
            if op == ">" and single and int(str(n)) >= 1:
                continue  # no subject has two values
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            expr = count_test(ctx, f"?this {p}", int(str(n)), op, None)
            if expr is None:
                add(component, "", "count", count=(op, int(str(n)), None))
            elif expr != "false":
                add(component, expr, "focus")


def path_conds(ctx: Context, shape: Node, var: str, p: str) -> list[str] | None:
    """The counts as conditions on the node in ``var`` (None: a count too large for a pattern)."""
    parts: list[str] = []
    for name, op in _COUNTS:
        for n in ctx.sg.objects(shape, sh(name)):
            expr = count_test(ctx, f"{var} {p}", int(str(n)), op, None)
            if expr is None:
                return None
            parts.append(f"!({expr})")
    return parts


def count_test(ctx: Context, subject_path: str, n: int, op: str, cond: Cond | None) -> str | None:
    """SPARQL: the number of distinct values (meeting ``cond``) is ``op`` ``n``.

    ``subject_path`` is ``"?this <path>"``. None when the count is too large for a pattern (a
    GROUP BY query is used instead) or a condition cannot be compiled.
    """
    if op == "<":
        if n <= 0:
            return "false"
        if n > 3:
            return None
        found = _distinct_values(ctx, subject_path, n, cond)
        return None if found is None else "NOT " + found
    if n > 2:
        return None
    return _distinct_values(ctx, subject_path, n + 1, cond)


def _distinct_values(ctx: Context, subject_path: str, n: int, cond: Cond | None) -> str | None:
    """SPARQL: at least ``n`` distinct values of the path meet ``cond``."""
    names = [ctx.fresh() for _ in range(n)]
    triples = " . ".join(f"{subject_path} {x}" for x in names)
    tests: list[str] = []
    if cond is not None:
        for x in names:
            c = cond(x)
            if c is None:
                return None
            tests.append(c)
    tests += [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
    return f"EXISTS {{ {triples} {'FILTER(' + ' && '.join(tests) + ')' if tests else ''} }}"


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: the number of distinct values of each focus node."""
    for n in ctx.sg.objects(shape, sh("minCount")):
        for f, vs in pairs.items():
            if len(set(vs)) < int(str(n)):
                emit(f, "MinCountConstraintComponent")
    for n in ctx.sg.objects(shape, sh("maxCount")):
        for f, vs in pairs.items():
            if len(set(vs)) > int(str(n)):
                emit(f, "MaxCountConstraintComponent")


__all__ = ["count_test", "evaluate", "focus_checks", "path_conds"]
