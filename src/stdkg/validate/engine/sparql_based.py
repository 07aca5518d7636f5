"""SPARQL-based constraints (``sh:sparql`` with ``sh:select``): each query runs once over the
whole store with ``$this`` unbound, and its rows are kept for the focus nodes."""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from ...vocab import SH
from ..shacl_sparql import bind_this, this_is_bound_first
from .context import Context, Finding
from .focus import Focus
from .terms import Node, Term, sh

_COMPONENT = SH + "SPARQLConstraintComponent"
#: One row of a constraint's results: focus node, ?path, ?value, and the other bindings as text.
_Key = tuple[Term, "Term | None", "Term | None", tuple[tuple[str, str], ...]]


def evaluate(
    ctx: Context, shape: Node, c: Node, path: Node | None, focus: Focus | set[Term], severity: str
) -> list[Finding]:
    """The results of the SPARQL constraint ``c`` of ``shape`` on its focus nodes."""
    sg = ctx.sg
    text = str(sg.value(c, sh("select")))
    if re.search(r"[$?](currentShape|shapesGraph)\b", text):
        raise EngineUnavailable("$currentShape/$shapesGraph in SPARQL constraints are not supported")
    if path is not None:
        text = text.replace("$PATH", ctx.path_sparql(path))
    text = re.sub(r"\$this\b", "?this", text)
    projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.IGNORECASE | re.DOTALL)
    if projection is None or ("?this" not in projection.group(1) and "*" not in projection.group(1)):
        raise EngineUnavailable("a SPARQL constraint must project $this for the fast engine")
    query = ctx.prefixes(c) + text
    message = ctx.message(c)
    bound: list[Term] | None = None
    if not this_is_bound_first(
        ctx.prefixes(c) + str(sg.value(c, sh("select")))
    ):  # (the text as parsed)  # $this pre-bound to each focus node in turn
        bound = sorted(focus if isinstance(focus, set) else _focus_nodes(ctx, focus), key=str)
    solutions = _solutions(ctx, query, bound)
    per_focus: dict[Term, list[_Key]] = defaultdict(list)
    failures: set[Term] = set()
    focus_nodes = _members({t for row in solutions if (t := row.get("this")) is not None}, focus)
    for row in solutions:
        t = row.get("this")
        if t is None or t not in focus_nodes:
            continue
        if row.get("failure") is not None:
            failures.add(t)
            continue
        p, v = row.get("path"), row.get("value")
        rest = tuple(sorted((k, str(x)) for k, x in row.items() if k not in ("this", "path", "value")))
        key = (t, p, v, rest)
        if key not in per_focus[t]:
            per_focus[t].append(key)
    out = []
    node_level = path is None
    for f in failures:
        out.append(Finding(f, _COMPONENT, shape, path, f if node_level else None, severity, message, c))
    for f, keys in per_focus.items():
        if f in failures:
            continue
        for _t, p, v, _rest in keys:
            value = v if v is not None else (f if node_level else None)
            rpath: Node | None = rdflib.URIRef(p.value) if p is not None else path
            out.append(Finding(f, _COMPONENT, shape, rpath, value, severity, message, c))
    return out


def _solutions(ctx: Context, query: str, bound: list[Term] | None) -> list[dict[str, Term | None]]:
    """The rows of the query: run once (``bound`` None), or once per node pre-bound to ``$this``
    (written into the query: Oxigraph's own substitution does not reach nested groups)."""
    out: list[dict[str, Term | None]] = []
    for node in [None] if bound is None else bound:
        if isinstance(node, ox.BlankNode):
            raise EngineUnavailable("a blank focus node cannot be pre-bound in a SPARQL constraint")
        try:
            rows = ctx.store.query(query if node is None else bind_this(query, str(node)))
            if not isinstance(rows, ox.QuerySolutions):
                raise EngineUnavailable("a SPARQL constraint must be a SELECT query")
            variables = [v.value for v in rows.variables]
            for row in rows:
                solution: dict[str, Term | None] = {name: row[name] for name in variables}
                if node is not None:
                    solution["this"] = node
                out.append(solution)
        except (SyntaxError, OSError) as exc:
            raise EngineUnavailable(f"SPARQL constraint failed in Oxigraph: {exc}") from exc
    return out


def _focus_nodes(ctx: Context, focus: Focus) -> list[Term]:
    return [row[0] for row in ctx.select(f"SELECT DISTINCT ?this WHERE {{ {focus.gen} }}", "this")]


def _members(nodes: set[Term], focus: Focus | set[Term]) -> set[Term]:
    """Those of ``nodes`` that are focus nodes."""
    if isinstance(focus, set):
        return nodes & focus
    return {n for n in nodes if focus.contains(n)}


__all__ = ["evaluate"]
