"""The terms the engine handles: data terms from the store (pyoxigraph), shape nodes from the
shapes graph (rdflib), the conversions between them and their SPARQL spelling."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from ...errors import EngineUnavailable
from ...vocab import RDF, RDF_TYPE, SH, XSD

#: A term of the data graph, as the store returns it.
Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: The value nodes of a path, for each focus node.
Pairs = dict[Term, list[Term]]

__all__ = [
    "RDF",
    "Node",
    "Pairs",
    "Term",
    "canonical",
    "default_graph",
    "is_true",
    "kind",
    "lexical",
    "one_of",
    "sh",
    "sparql",
    "string",
    "text",
    "to_ox",
    "to_rdflib",
    "true_term",
    "type_predicate",
    "values",
]


def sh(name: str) -> rdflib.URIRef:
    """A term of the SHACL vocabulary, as the shapes graph names it."""
    return rdflib.URIRef(SH + name)


def kind(term: Term) -> str:
    """``NamedNode``, ``BlankNode`` or ``Literal``."""
    return type(term).__name__


def lexical(term: Term) -> str:
    return str(term.value)


def text(term: Term) -> str:
    """The term in SPARQL/N-Triples syntax (blank nodes as ``_:id``)."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def is_true(node: Node | None) -> bool:
    """A boolean parameter of a shape (``true`` or ``1``)."""
    return str(node).strip().lower() in ("true", "1")


def true_term(term: Term | None) -> bool:
    return term is not None and term.value == "true"


def default_graph() -> ox.DefaultGraph:
    return ox.DefaultGraph()


def type_predicate() -> ox.NamedNode:
    return ox.NamedNode(RDF_TYPE)


def sparql(node: Node) -> str:
    """A shapes-graph IRI or literal in SPARQL syntax."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        return str(to_ox(node))
    raise EngineUnavailable(f"blank node {node} cannot be used as a target")


def values(nodes: Iterable[Term]) -> str:
    """``VALUES ?this { ... }`` over the named nodes (a query text cannot name blank nodes)."""
    return "VALUES ?this { " + " ".join(text(n) for n in nodes if not isinstance(n, ox.BlankNode)) + " }"


def to_ox(node: Node) -> Term:
    """An rdflib term (from the shapes graph) as a pyoxigraph term."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    return ox.BlankNode(str(node))


def to_rdflib(term: Term) -> rdflib.URIRef | rdflib.BNode | rdflib.Literal:
    """A pyoxigraph term as an rdflib term (for pySHACL's value comparisons)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == XSD + "string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(dt))


_CANONICAL: dict[str, Term] = {}


def canonical(term: Term) -> Term:
    """The term as the store holds it: Oxigraph respells XSD literals by value (``"4.0"`` as
    ``"4"``, ``"3"^^xsd:int`` as ``"3"^^xsd:integer``), so shapes' literals are compared so too."""
    if not isinstance(term, ox.Literal):
        return term
    key = str(term)
    found = _CANONICAL.get(key)
    if found is None:
        rows = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {key} }} }}")
        assert isinstance(rows, ox.QuerySolutions)
        found = next(iter(rows))[0]
        _CANONICAL[key] = found
    return found


def string(value: str) -> str:
    """A SPARQL string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def one_of(var: str, terms: list[str]) -> str:
    """SPARQL: ``var`` is one of ``terms`` (term equality, unlike IN)."""
    return "(" + " || ".join(f"sameTerm({var}, {t})" for t in terms) + ")" if terms else "false"
