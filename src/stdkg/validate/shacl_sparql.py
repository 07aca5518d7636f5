"""The SPARQL texts of a shapes graph (SHACL-SPARQL constraints, validators of constraint
components, SPARQL-based targets), checked on their parse before any engine sees them.

* ``SERVICE`` anywhere is refused, found in rdflib's parse tree (as :mod:`stdkg.federation` does;
  never by looking at the text): a shapes file must not make this machine fetch an address it names;
* in constraints and validators, what SHACL forbids around pre-bound variables (section 5.3.1):
  ``MINUS``, ``VALUES``, ``BIND … AS $this`` (or ``$value``), and sub-queries that do not return
  ``$this``.

Each refusal is an :class:`~stdkg.errors.InputError` naming the shape's node: one line, exit 2.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..vocab import SH

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

#: Predicates whose object is a node holding ``sh:select`` or ``sh:ask`` with pre-bound variables.
_PRE_BOUND_HOLDERS = ("sparql", "validator", "nodeValidator", "propertyValidator")
#: Variables a query must not bind itself (the engine binds them).
_PRE_BOUND = frozenset({"this", "value"})


def prefixes(graph: rdflib.Graph, node: Node) -> str:
    """The PREFIX lines a SPARQL constraint, validator or target declares through ``sh:prefixes``
    (the declarations of each holder and of what it ``owl:imports``, transitively)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    lines: dict[str, None] = {}
    todo = list(graph.objects(node, sh.prefixes))
    seen: set[Node] = set()
    while todo:
        holder = todo.pop(0)
        if holder in seen:
            continue
        seen.add(holder)
        for decl in graph.objects(holder, sh.declare):
            prefix = graph.value(decl, sh.prefix)
            ns = graph.value(decl, sh.namespace)
            if prefix is not None and ns is not None:
                lines[f"PREFIX {prefix}: <{ns}>\n"] = None
        todo.extend(graph.objects(holder, rdflib.OWL.imports))
    return "".join(lines)


def queries(graph: rdflib.Graph) -> Iterator[tuple[Node, str, bool]]:
    """Each SPARQL text of the shapes graph: (its node, the text with its prefixes, whether the
    engine pre-binds variables in it)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    holders = {o for name in _PRE_BOUND_HOLDERS for o in graph.objects(None, sh[name])}
    for kind in ("select", "ask"):
        for node, text in graph.subject_objects(sh[kind]):
            yield node, prefixes(graph, node) + str(text), node in holders


def check_queries(graph: rdflib.Graph) -> None:
    """Refuse the shapes graph when one of its SPARQL texts breaks the rules above."""
    for node, text, pre_bound in queries(graph):
        where = _name(node)
        try:
            tree = parsed(text)
        except Exception as exc:  # pyparsing's errors, and rdflib's plain ones: fail closed
            message = " ".join(str(exc).split())[:300]
            raise InputError(f"SHACL shapes cannot be used: {where}: bad SPARQL query: {message}") from None
        if next(_blocks(tree, "ServiceGraphPattern"), None) is not None:
            raise InputError(
                f"SHACL shapes cannot be used: {where}: SERVICE (federated query) is not allowed in a shapes graph"
            )
        problem = _pre_binding_problem(tree) if pre_bound else None
        if problem:
            raise InputError(f"SHACL shapes cannot be used: {where}: {problem} (SHACL 5.3.1)")


@functools.lru_cache(maxsize=256)
def parsed(text: str) -> Any:
    """rdflib's parse tree of a SPARQL query (parsed once: rdflib's parser is slow)."""
    from rdflib.plugins.sparql.parser import parseQuery

    return parseQuery(text)


def _get(node: Any, key: str) -> Any:
    """A part of a parse-tree node, or None (``CompValue.get`` answers the key's name instead)."""
    return dict.get(node, key)


def _name(node: Node) -> str:
    import rdflib

    return f"<{node}>" if isinstance(node, rdflib.URIRef) else "a SPARQL query"


def _pre_binding_problem(tree: Any) -> str | None:
    """What the parsed query does that pre-bound variables forbid, or None."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    stack: list[Any] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "MinusGraphPattern":
                return "MINUS is not allowed where $this is pre-bound"
            if item.name in ("InlineData", "ValuesClause") and _get(item, "var") is not None:
                return "VALUES is not allowed where $this is pre-bound"
            if item.name == "Bind" and str(_get(item, "var")) in _PRE_BOUND:
                return f"BIND … AS ${_get(item, 'var')} is not allowed: the variable is pre-bound"
            if item.name == "SubSelect" and not _returns_this(item, Variable):
                return "a sub-query must return $this"
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return None


#: Parts of a nested group evaluated before the join with the rows that bind ``$this``.
_EVALUATED_ALONE = (
    "Filter",
    "Bind",
    "SubSelect",
    "MinusGraphPattern",
    "GraphGraphPattern",
    "ServiceGraphPattern",
    "InlineData",
)


def this_is_bound_first(text: str) -> bool:
    """Whether running the query once with ``$this`` unbound, then keeping the rows of each focus
    node, gives what pre-binding ``$this`` to each focus node gives.

    True when the query's group starts with triple patterns that bind ``$this``, and ``$this``
    occurs elsewhere only in triple patterns (nested groups, unions and ``OPTIONAL`` included: they
    are joined on it), in the group's own filters and ``BIND`` (they see the bound value) and in
    the filters of an ``OPTIONAL``. A filter, ``BIND`` or sub-query of a nested group that names
    ``$this`` would be evaluated without it.
    """
    from rdflib.term import Variable

    this = Variable("this")
    try:
        tree = parsed(text)
    except Exception:  # unreadable here: the careful way (pre-binding per focus node) serves
        return False
    query = tree[-1]
    where = _get(query, "where")
    parts = list(_get(where, "part") or []) if where is not None else []
    if not parts or parts[0].name != "TriplesBlock" or not _items(parts[0], this):
        return False
    for part in parts[1:]:
        if part.name in ("TriplesBlock", "Filter", "Bind"):
            continue
        inner = [part]
        if part.name == "OptionalGraphPattern":  # its own filters see the joined row: they may name $this
            graph = _get(part, "graph")
            inner = [
                p for p in (_get(graph, "part") or [] if graph is not None else []) if p.name != "Filter"
            ]
        if any(_items(block, this) for p in inner for name in _EVALUATED_ALONE for block in _blocks(p, name)):
            return False
    return True


#: What the pre-binding rewrite steps over (strings, IRIs, comments) and the tokens it changes.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*"
    r"|(?P<bound>\bbound\s*\(\s*[?$]this\s*\))"
    r"|(?P<select>\bselect\b)"
    r"|(?P<open>\{)"
    r"|(?P<var>[?$]this\b)",
    re.IGNORECASE,
)


def bind_this(text: str, term: str) -> str:
    """The query with ``$this`` pre-bound to ``term`` (SPARQL syntax): every ``$this``/``?this``
    of its patterns and expressions becomes the term (``bound($this)`` becomes ``(true)``); those of
    SELECT clauses stay variables (left unbound), as the query's answer names the focus node."""
    out: list[str] = []
    pos = 0
    in_projection = False
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "select":
            in_projection = True
        elif kind == "open":
            in_projection = False
        elif kind in ("bound", "var") and not in_projection:
            out.append(text[pos : m.start()] + ("(true)" if kind == "bound" else term))
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _returns_this(sub: Any, variable: type) -> bool:
    """Whether a sub-SELECT projects ``$this`` (by name, or ``*`` over triples that bind it)."""
    this = variable("this")
    projection = _get(sub, "projection")
    if projection:
        return any(_items(p, this) for p in projection)
    return any(_items(block, this) for block in _blocks(_get(sub, "where"), "TriplesBlock"))


def _blocks(node: Any, name: str) -> Iterator[Any]:
    """The parse-tree nodes called ``name`` below ``node``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == name:
                yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def _items(node: Any, var: Any) -> bool:
    """Whether the variable ``var`` occurs below ``node``."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Variable):
            if item == var:
                return True
        elif isinstance(item, CompValue):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)
    return False


__all__ = ["bind_this", "check_queries", "prefixes", "queries", "this_is_bound_first"]
