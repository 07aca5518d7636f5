"""Provenance per claim: the RDF a claim is written as, and reading claims back.

A *claim* is one or more triples that one passage of one source supports. Every triple stays in
the default graph as a plain fact; beside it the claim is recorded with RDF 1.1 reification, which
every store, every RDF format and SPARQL 1.1 understand::

    claim:<id>   a stdkg:Claim ;
                 stdkg:states triple:<hash> ;          # one per supported triple
                 prov:wasDerivedFrom evidence:<id> .   # the quoted words (or the source itself)
    triple:<hash> a rdf:Statement ; rdf:subject … ; rdf:predicate … ; rdf:object … .
    evidence:<id> a oa:SpecificResource ; oa:hasSource source:<id> ;
                 oa:hasSelector evidence:<id>-quote , evidence:<id>-position .

A triple's statement IRI is a hash of the triple, so two claims that support the same triple
state the same ``rdf:Statement`` — which is how "which sources support this triple?" is answered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .quotes import Span
from .vocab import BASE_IRI, NS, OA, PROV, RDF, RDFS, XSD

if TYPE_CHECKING:
    from .kg import KG

CLAIM_BASE = BASE_IRI + "id/claim/"
TRIPLE_BASE = BASE_IRI + "id/triple/"
EVIDENCE_BASE = BASE_IRI + "id/evidence/"
SOURCE_BASE = BASE_IRI + "id/source/"

CLAIM = ox.NamedNode(NS + "Claim")
STATES = ox.NamedNode(NS + "states")
PREFERRED = ox.NamedNode(NS + "preferred")
TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
DERIVED = ox.NamedNode(PROV + "wasDerivedFrom")
STATEMENT = ox.NamedNode(RDF + "Statement")
SUBJECT = ox.NamedNode(RDF + "subject")
PREDICATE = ox.NamedNode(RDF + "predicate")
OBJECT = ox.NamedNode(RDF + "object")
_INTEGER = ox.NamedNode(XSD + "integer")
_BOOLEAN = ox.NamedNode(XSD + "boolean")

#: Properties of which a subject has one value at a time: two claims giving two values disagree.
SINGLE_VALUED = (
    "https://schema.org/foundingDate",
    "https://schema.org/startDate",
    "https://schema.org/endDate",
    "https://schema.org/datePublished",
    "https://schema.org/dissolutionDate",
    "http://purl.org/dc/terms/issued",
    "http://purl.org/dc/terms/created",
    "http://www.w3.org/2006/time#hasBeginning",
    "http://www.w3.org/2006/time#hasEnd",
    "http://www.w3.org/2006/time#inXSDDate",
    "http://www.w3.org/2006/time#inXSDgYear",
    "http://www.w3.org/2006/time#inXSDgYearMonth",
    "https://schema.org/foundingLocation",
    "https://w3id.org/stdkg/ns#headquarters",
)

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def triple_iri(triple: Triple) -> ox.NamedNode:
    """The statement IRI of ``triple``: a hash of its N-Triples line (stable across runs and stores)."""
    s, p, o = triple
    line = f"{s} {p} {o} .".encode()
    return ox.NamedNode(TRIPLE_BASE + hashlib.sha256(line).hexdigest()[:20])


def statement_triples(triple: Triple) -> list[ox.Triple]:
    """The ``rdf:Statement`` that names ``triple``."""
    node = triple_iri(triple)
    s, p, o = triple
    return [
        ox.Triple(node, TYPE, STATEMENT),
        ox.Triple(node, SUBJECT, s),
        ox.Triple(node, PREDICATE, p),
        ox.Triple(node, OBJECT, o),
    ]


def claim_triples(
    claim: ox.NamedNode,
    triples: Sequence[Triple],
    derived_from: Iterable[ox.NamedNode],
    *,
    label: str | None = None,
    preferred: bool = False,
) -> list[ox.Triple]:
    """A claim stating ``triples``, derived from evidence spans or sources."""
    out = [ox.Triple(claim, TYPE, CLAIM)]
    if label:
        out.append(ox.Triple(claim, LABEL, ox.Literal(label, language="en")))
    for triple in triples:
        out.append(ox.Triple(claim, STATES, triple_iri(triple)))
        out.extend(statement_triples(triple))
    out.extend(ox.Triple(claim, DERIVED, d) for d in derived_from)
    if preferred:
        out.append(ox.Triple(claim, PREFERRED, ox.Literal("true", datatype=_BOOLEAN)))
    return out


def span_triples(node: ox.NamedNode, source: ox.NamedNode, span: Span, label: str) -> list[ox.Triple]:
    """An ``oa:SpecificResource`` for ``span`` of ``source`` with a quote and a position selector."""
    quote = ox.NamedNode(node.value + "-quote")
    position = ox.NamedNode(node.value + "-position")
    return [
        ox.Triple(node, TYPE, ox.NamedNode(OA + "SpecificResource")),
        ox.Triple(node, LABEL, ox.Literal(label, language="en")),
        ox.Triple(node, ox.NamedNode(OA + "hasSource"), source),
        ox.Triple(node, ox.NamedNode(OA + "hasSelector"), quote),
        ox.Triple(node, ox.NamedNode(OA + "hasSelector"), position),
        ox.Triple(quote, TYPE, ox.NamedNode(OA + "TextQuoteSelector")),
        ox.Triple(quote, ox.NamedNode(OA + "exact"), ox.Literal(span.exact)),
        ox.Triple(quote, ox.NamedNode(OA + "prefix"), ox.Literal(span.prefix)),
        ox.Triple(quote, ox.NamedNode(OA + "suffix"), ox.Literal(span.suffix)),
        ox.Triple(position, TYPE, ox.NamedNode(OA + "TextPositionSelector")),
        ox.Triple(position, ox.NamedNode(OA + "start"), ox.Literal(str(span.start), datatype=_INTEGER)),
        ox.Triple(position, ox.NamedNode(OA + "end"), ox.Literal(str(span.end), datatype=_INTEGER)),
    ]


@dataclass(frozen=True)
class Disagreement:
    """Two or more claims giving different values where a subject has one."""

    subject: str
    predicate: str
    values: tuple[tuple[str, tuple[str, ...]], ...]
    """Each value (N-Triples) with the claims that state it."""
    resolved: bool
    """True when exactly one value is stated by a claim marked preferred."""


_DISAGREEMENTS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
SELECT ?s ?p ?o ?claim ?preferred WHERE {
  VALUES ?p { %s }
  ?claim stdkg:states ?st .
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim stdkg:preferred ?preferred }
}
"""


def disagreements(kg: KG) -> list[Disagreement]:
    """Claims of ``kg`` that disagree on a single-valued property."""
    rows = kg.query(_DISAGREEMENTS % " ".join(f"<{p}>" for p in SINGLE_VALUED))
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    preferred: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row["s"].value, row["p"].value)
        value = str(row["o"])
        found.setdefault(key, {}).setdefault(value, set()).add(row["claim"].value)
        if row["preferred"] is not None and row["preferred"].value in ("true", "1"):
            preferred.add((*key, value))
    out = []
    for (s, p), values in sorted(found.items()):
        if len(values) < 2:
            continue
        chosen = [v for v in values if (s, p, v) in preferred]
        out.append(
            Disagreement(
                s,
                p,
                tuple((v, tuple(sorted(cs))) for v, cs in sorted(values.items())),
                resolved=len(chosen) == 1,
            )
        )
    return out


__all__ = [
    "CLAIM",
    "CLAIM_BASE",
    "SINGLE_VALUED",
    "Disagreement",
    "claim_triples",
    "disagreements",
    "span_triples",
    "statement_triples",
    "triple_iri",
]
