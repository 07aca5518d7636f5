"""The SPARQL texts of a shapes graph (SHACL-SPARQL constraints, validators of constraint
components, SPARQL-based targets), checked on their parse before any engine sees them.

* ``SERVICE`` anywhere is refused (:func:`stdkg.federation.refuse_service`): a shapes file must not
  make this machine fetch an address it names;
* in constraints and validators, what SHACL forbids around pre-bound variables (section 5.3.1):
  ``MINUS``, ``VALUES``, ``BIND … AS $this`` (or ``$value``), and sub-queries that do not return
  ``$this``.

Each refusal is an :class:`~stdkg.errors.InputError` naming the shape's node: one line, exit 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError, QueryError
from ..federation import refuse_service
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
            refuse_service(text, where="a SHACL shapes graph")
            _resolve(text)
        except QueryError as exc:
            raise InputError(f"SHACL shapes cannot be used: {where}: {exc}") from None
        except Exception as exc:  # rdflib's parser raises plain exceptions too (an unknown prefix)
            message = " ".join(str(exc).split())[:300]
            raise InputError(f"SHACL shapes cannot be used: {where}: bad SPARQL query: {message}") from None
        if pre_bound:
            problem = _pre_binding_problem(text)
            if problem:
                raise InputError(f"SHACL shapes cannot be used: {where}: {problem} (SHACL 5.3.1)")


def _resolve(text: str) -> None:
    """Translate the query (prefixes resolved, as engines will): raises on an unknown prefix."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    translateQuery(parseQuery(text))


def _get(node: Any, key: str) -> Any:
    """A part of a parse-tree node, or None (``CompValue.get`` answers the key's name instead)."""
    return dict.get(node, key)


def _name(node: Node) -> str:
    import rdflib

    return f"<{node}>" if isinstance(node, rdflib.URIRef) else "a SPARQL query"


def _pre_binding_problem(text: str) -> str | None:
    """What the parsed query does that pre-bound variables forbid, or None."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    tree: Any = parseQuery(text)  # (refuse_service has parsed it already: it is readable)
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


def this_is_bound_first(text: str) -> bool:
    """Whether running the query once with ``$this`` unbound, then keeping the rows of each focus
    node, gives what pre-binding ``$this`` to each focus node gives.

    True when the query's group starts with triple patterns that bind ``$this`` and ``$this``
    occurs elsewhere only in triple patterns, filters (``EXISTS`` included), ``BIND`` and
    ``OPTIONAL`` groups of triples and filters: those all see the bound value. A nested group, a
    union or a sub-query that names ``$this`` would be evaluated without it.
    """
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    this = Variable("this")
    try:
        tree: Any = parseQuery(text)
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
        if part.name == "OptionalGraphPattern":
            inner = _get(part, "graph")
            inner_parts = list(_get(inner, "part") or []) if inner is not None else []
            if all(p.name in ("TriplesBlock", "Filter") or not _items(p, this) for p in inner_parts):
                continue
        if _items(part, this):
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
