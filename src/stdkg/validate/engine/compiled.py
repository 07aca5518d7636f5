"""The compiled SPARQL plumbing: checks batched per shape with targets, so that each path is read
once, and the queries that return only the (possible) violations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...vocab import XSD
from .context import Cond, Context, Finding, Recheck
from .focus import Focus
from .property_pair import less
from .string_based import shared_languages
from .terms import Node, Term, default_graph, true_term
from .value_type import datatype_sure

#: Above this many candidate rows, a violation query is joined with the focus pattern instead.
MAX_CANDIDATES = 2000


@dataclass
class Check:
    """One compiled constraint: a SPARQL test that is true on (possible) violations."""

    expr: str
    component: str
    shape: Node
    path: Node | None
    severity: str
    message: Node | None
    kind: str
    """``focus`` (a test of ``?this``), ``value`` (of ``?this`` and its value ``?v``), ``count``
    (a GROUP BY query), ``pair`` (sh:lessThan...) or ``langs`` (sh:uniqueLang)."""
    recheck: Recheck | None = None
    """The exact Python test of a candidate (focus, value): True when it is a violation."""
    count: tuple[str, int, Cond | None] | None = None
    """For ``count``: the comparison, the bound, and the condition values must meet to count."""
    pair: tuple[ox.NamedNode, bool] | None = None
    """For ``pair``: the other property, and whether equal values pass."""
    with_value: bool = True


@dataclass
class Batch:
    """The compiled checks of one shape with targets, grouped so that each path is read once."""

    focus: list[Check] = field(default_factory=list)
    values: dict[str, list[Check]] = field(default_factory=dict)
    counts: list[tuple[str, Check]] = field(default_factory=list)
    pairs: list[tuple[str, Check]] = field(default_factory=list)
    langs: list[tuple[str, Check]] = field(default_factory=list)

    def add(self, check: Check, path: str | None) -> None:
        if check.kind == "focus":
            self.focus.append(check)
        elif check.kind == "value" and path is not None:
            self.values.setdefault(path, []).append(check)
        elif check.kind == "count" and path is not None:
            self.counts.append((path, check))
        elif check.kind == "langs" and path is not None:
            self.langs.append((path, check))
        elif path is not None:
            self.pairs.append((path, check))


def _found(c: Check, focus: Term, value: Term | None) -> Finding:
    return Finding(focus, c.component, c.shape, c.path, value, c.severity, c.message)


def _solutions(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> ox.QuerySolutions:
    assert isinstance(result, ox.QuerySolutions)
    return result


def run_batch(ctx: Context, batch: Batch, focus: Focus) -> list[Finding]:
    """The results of the compiled checks of one shape with targets."""
    out: list[Finding] = []
    if batch.focus:
        # (the focus nodes may come more than once from the pattern: DISTINCT on the violators)
        binds = " ".join(f"BIND(COALESCE({c.expr}, false) AS ?_b{i})" for i, c in enumerate(batch.focus))
        any_ = " || ".join(f"?_b{i}" for i in range(len(batch.focus)))
        names = " ".join(f"?_b{i}" for i in range(len(batch.focus)))
        q = f"SELECT DISTINCT ?this {names} WHERE {{ {focus.gen} {binds} FILTER({any_}) }}"
        for row in _solutions(ctx.store.query(q)):
            f = row[0]
            for i, c in enumerate(batch.focus):
                if true_term(row[i + 1]):
                    value = f if c.path is None and c.with_value else None
                    if c.recheck is not None and not c.recheck(f, f):
                        continue
                    out.append(_found(c, f, value))
    for p, checks in batch.values.items():
        out.extend(_run_values(ctx, p, checks, focus))
    focus_set = f"{{ SELECT DISTINCT ?this WHERE {{ {focus.gen} }} }}"
    for p, c in batch.counts:
        assert c.count is not None
        op, n, cond = c.count
        filt = "" if cond is None else f" FILTER({cond('?v')})"
        body = f"OPTIONAL {{ ?this {p} ?v{filt} }}" if op == "<" else f"?this {p} ?v{filt}"
        q = f"SELECT ?this WHERE {{ {focus_set} {body} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {n})"
        for (f,) in ctx.select(q, "this"):
            out.append(_found(c, f, None))
    for p, c in batch.pairs:
        out.extend(_run_pair(ctx, p, c, focus))
    for p, c in batch.langs:
        out.extend(_found(c, f, None) for f, _lang in ctx.select(shared_languages(focus_set, p), "this", "l"))
    return out


def _run_values(ctx: Context, p: str, checks: list[Check], focus: Focus) -> list[Finding]:
    """The value checks of one path: one query over every subject of the path."""
    out: list[Finding] = []
    binds = " ".join(f"BIND(COALESCE({c.expr}, false) AS ?_b{i})" for i, c in enumerate(checks))
    any_ = " || ".join(f"?_b{i}" for i in range(len(checks)))
    names = " ".join(f"?_b{i}" for i in range(len(checks)))
    where = f"{scan(p, '?this', '?v')} {binds} FILTER({any_})"
    rows, joined = _candidates(
        ctx, f"SELECT DISTINCT ?this ?v {names} WHERE {{ {where} }}", where, focus, f"?this ?v {names}"
    )
    for row in rows:
        f, v = row[0], row[1]
        if not joined and not focus.contains(f):
            continue
        for i, c in enumerate(checks):
            if true_term(row[i + 2]) and (c.recheck is None or c.recheck(f, v)):
                out.append(_found(c, f, v))
    return out


def _run_pair(ctx: Context, p: str, c: Check, focus: Focus) -> list[Finding]:
    """sh:lessThan(OrEquals): SPARQL vouches for integer pairs, Python judges the rest."""
    assert c.pair is not None
    other, or_equal = c.pair
    op = "<=" if or_equal else "<"
    sure = f"{datatype_sure('?v', XSD + 'integer')} && {datatype_sure('?_w', XSD + 'integer')} && ?v {op} ?_w"
    where = f"?this {p} ?v . ?this <{other.value}> ?_w FILTER(!COALESCE({sure}, false))"
    rows, joined = _candidates(ctx, f"SELECT DISTINCT ?this ?v WHERE {{ {where} }}", where, focus, "?this ?v")
    out: list[Finding] = []
    for f, v in rows:
        if isinstance(f, ox.Literal) or (not joined and not focus.contains(f)):
            continue
        for q2 in ctx.store.quads_for_pattern(f, other, None, default_graph()):
            assert not isinstance(q2.object, ox.Triple)
            if not less(v, q2.object, or_equal):
                out.append(_found(c, f, v))
    return out


def _candidates(
    ctx: Context, free: str, where: str, focus: Focus, names: str
) -> tuple[list[tuple[Term, ...]], bool]:
    """The rows of a violation query, and whether they are limited to the focus nodes already.

    The query first runs on every subject of the path (few values violate, and the focus test
    is then made in Python); when it returns many rows, it is run again joined with the focus
    pattern. (Paths that may take zero steps are not compiled: see paths.nullable.)
    """
    rows: list[tuple[Term, ...]] = []
    for row in _solutions(ctx.store.query(free)):
        rows.append(tuple(row))
        if len(rows) > MAX_CANDIDATES:
            break
    else:
        return rows, False
    joined = f"SELECT DISTINCT {names} WHERE {{ {where} {focus.gen} }}"
    return [tuple(row) for row in _solutions(ctx.store.query(joined))], True


def scan(path: str, subject: str, obj: str) -> str:
    """A triple pattern for a path; an alternative of predicates as VALUES (Oxigraph reads it faster)."""
    inner = path[1:-1] if path.startswith("(") and path.endswith(")") else ""
    preds = inner.split("|") if inner else []
    if len(preds) > 1 and all(re.fullmatch(r"<[^<>]*>", x) for x in preds):
        return f"VALUES ?_p {{ {' '.join(preds)} }} {subject} ?_p {obj}"
    return f"{subject} {path} {obj}"


__all__ = ["MAX_CANDIDATES", "Batch", "Check", "run_batch", "scan"]
