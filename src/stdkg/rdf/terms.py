"""RDF terms across libraries: pyoxigraph ⇄ rdflib, and a term written in N-Triples syntax."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import InputError
from ..vocab import XSD_STRING

if TYPE_CHECKING:
    from typing import TypeAlias

    import pyoxigraph
    import rdflib
    from rdflib.term import Node

    Term: TypeAlias = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple
    """Any RDF term pyoxigraph gives (a triple term too)."""
    OxTerm = Term


def to_rdflib(term: OxTerm) -> rdflib.URIRef | rdflib.BNode | rdflib.Literal:
    """A pyoxigraph term (IRI, blank node or literal) as an rdflib term; a literal keeps its
    lexical form as written (rdflib would otherwise write ``"…Z"^^xsd:dateTime`` as ``"…+00:00"``)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == XSD_STRING:
            return rdflib.Literal(term.value, normalize=False)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)
    raise InputError(f"rdflib cannot hold the term {term}")


def from_rdflib(term: Node | None) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | None:
    """An rdflib term as a pyoxigraph term (``None`` stays ``None``)."""
    import pyoxigraph as ox
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(_bnode_id(str(term)))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise InputError(f"unsupported term from rdflib: {term!r}")


def _bnode_id(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", label) or "b"


def escape_string(value: str) -> str:
    """A string's characters as between the quotes of an N-Triples / Turtle literal."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def ntriples_term(term: OxTerm) -> str:
    """A term in N-Triples / SPARQL syntax (used by TSV results and by diffs)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        text = '"' + escape_string(term.value) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value == XSD_STRING:
            return text
        return f"{text}^^<{term.datatype.value}>"
    if isinstance(term, ox.Triple):
        return (
            f"<<( {ntriples_term(term.subject)} {ntriples_term(term.predicate)} "
            f"{ntriples_term(term.object)} )>>"
        )
    return str(term)


__all__ = ["escape_string", "from_rdflib", "ntriples_term", "to_rdflib"]
