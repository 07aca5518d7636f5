"""SHACL property paths: read from a shapes or report graph, written as SPARQL and as Turtle.

A result path travels between engines and renderings as text: the IRI of a predicate path, else
SPARQL property-path syntax (``^<p>``, ``(<p>/<q>)``, ``(<p>|<q>)``, ``(<p>)*``...).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable
from ..names import shorten
from ..vocab import RDF, SH

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

#: The unary path operators: the SHACL property and its SPARQL operator.
_UNARY = (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?"))


def _sh(name: str) -> rdflib.URIRef:
    import rdflib

    return rdflib.URIRef(SH + name)


def _is_iri(node: Node) -> bool:
    import rdflib

    return isinstance(node, rdflib.URIRef)


def _is_list(graph: rdflib.Graph, node: Node) -> bool:
    import rdflib

    return graph.value(node, rdflib.URIRef(RDF + "first")) is not None


def path_text(graph: rdflib.Graph, path: Node) -> str:
    """A result path: the IRI for a predicate path, SPARQL property-path text otherwise."""
    if _is_iri(path):
        return str(path)

    def sub(node: Node, top: bool = False) -> str:
        if _is_iri(node):
            return f"<{node}>"
        if _is_list(graph, node):  # first, as the engines read a node that is two paths at once
            seq = "/".join(sub(x) for x in graph.items(node))
            return seq if top else f"({seq})"
        inv = graph.value(node, _sh("inversePath"))
        if inv is not None:
            return f"^{sub(inv)}"
        for name, op in _UNARY:
            inner = graph.value(node, _sh(name))
            if inner is not None:
                return f"({sub(inner, True)}){op}"
        alt = graph.value(node, _sh("alternativePath"))
        if alt is not None:
            return "(" + "|".join(sub(x, True) for x in graph.items(alt)) + ")"
        return f"_:{node}"

    return sub(path, True)


def path_sparql(graph: rdflib.Graph, path: Node) -> str:
    """The path as a SPARQL property path to put in a query (every step parenthesised).

    Raises :class:`EngineUnavailable` for a node that is no SHACL path.
    """
    if _is_iri(path):
        return f"<{path}>"
    if _is_list(graph, path):
        return "(" + "/".join(path_sparql(graph, p) for p in graph.items(path)) + ")"
    for name, fmt in (
        ("inversePath", "^({})"),
        ("zeroOrMorePath", "({})*"),
        ("oneOrMorePath", "({})+"),
        ("zeroOrOnePath", "({})?"),
    ):
        inner = graph.value(path, _sh(name))
        if inner is not None:
            return fmt.format(path_sparql(graph, inner))
    alts = graph.value(path, _sh("alternativePath"))
    if alts is not None:
        return "(" + "|".join(path_sparql(graph, p) for p in graph.items(alts)) + ")"
    raise EngineUnavailable(f"unsupported SHACL path {path}")


def nullable(graph: rdflib.Graph, path: Node) -> bool:
    """Whether the path can take zero steps: then every focus node is one of its own values,
    even one that is not in the graph, which a SPARQL path cannot say."""
    if _is_iri(path):
        return False
    if _is_list(graph, path):
        return all(nullable(graph, p) for p in graph.items(path))
    if (
        graph.value(path, _sh("zeroOrMorePath")) is not None
        or graph.value(path, _sh("zeroOrOnePath")) is not None
    ):
        return True
    for name in ("inversePath", "oneOrMorePath"):
        inner = graph.value(path, _sh(name))
        if inner is not None:
            return nullable(graph, inner)
    alts = graph.value(path, _sh("alternativePath"))
    return alts is not None and any(nullable(graph, p) for p in graph.items(alts))


def turtle_term(term: str) -> str:
    """An N-Triples/IRI term as Turtle (IRIs shortened where safe)."""
    if term.startswith(("_:", '"', "<")):
        return term
    return shorten(term)


def path_turtle(path: str) -> str:
    """A result path (an IRI or SPARQL property-path text) as a SHACL path in Turtle."""
    if not path.startswith(("<", "^", "(")):
        return turtle_term(path)
    pos = 0

    def peek() -> str:
        return path[pos] if pos < len(path) else ""

    def alternative() -> str:
        nonlocal pos
        items = [sequence()]
        while peek() == "|":
            pos += 1
            items.append(sequence())
        return items[0] if len(items) == 1 else f"[ sh:alternativePath ( {' '.join(items)} ) ]"

    def sequence() -> str:
        nonlocal pos
        items = [unary()]
        while peek() == "/":
            pos += 1
            items.append(unary())
        return items[0] if len(items) == 1 else f"( {' '.join(items)} )"

    def unary() -> str:
        nonlocal pos
        if peek() == "^":
            pos += 1
            return f"[ sh:inversePath {unary()} ]"
        item = primary()
        ops = {"*": "sh:zeroOrMorePath", "+": "sh:oneOrMorePath", "?": "sh:zeroOrOnePath"}
        if peek() in ops:
            op = ops[peek()]
            pos += 1
            return f"[ {op} {item} ]"
        return item

    def primary() -> str:
        nonlocal pos
        if peek() == "(":
            pos += 1
            inner = alternative()
            if peek() != ")":
                raise ValueError(f"bad path text: {path}")
            pos += 1
            return inner
        end = path.index(">", pos)
        iri = path[pos + 1 : end]
        pos = end + 1
        return turtle_term(iri)

    return alternative()


def shorten_path(path: str | None) -> str:
    """A result path for people: prefixed names, ``-`` for none."""
    if not path:
        return "-"
    if path.startswith(("<", "^", "(")):
        return re.sub(r"<([^>]*)>", lambda m: shorten(m.group(1)), path)
    return shorten(path)


__all__ = ["nullable", "path_sparql", "path_text", "path_turtle", "shorten_path", "turtle_term"]
