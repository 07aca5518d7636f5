"""The reference engine: owlrl's OWL RL closure (``DeductiveClosure(OWLRL_Semantics)``).

owlrl reads the asserted triples with their blank-node labels kept (so an asserted triple comes back
with the bytes it went in with, and is not taken for an inferred one). Literals are read as written
(:func:`stdkg.rdf.terms.to_rdflib`), so owlrl gives them back as written. What it found inconsistent it
writes into the graph as ``[] a err:ErrorMessage ; err:error "…"`` nodes: those are taken out and
raised as :class:`~stdkg.reason.closure.Inconsistent`, never written as data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rdf.ntriples import decode, encode
from ..rdf.quiet import quiet_rdflib
from ..rdf.terms import to_rdflib
from .closure import Asserted, EngineOutput, Inconsistent

if TYPE_CHECKING:
    from ..kg import KG

#: The namespace of owlrl's error reports.
ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"


def closure_owlrl(kg: KG) -> EngineOutput:
    """owlrl's OWL RL closure of the union graph, as N-Triples lines (literal subjects removed)."""
    import owlrl
    import pyoxigraph as ox
    import rdflib

    asserted = Asserted.of(kg)
    with quiet_rdflib():
        graph = rdflib.Graph()
        for t in ox.parse(decode(asserted.data), format=ox.RdfFormat.N_TRIPLES):
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
            graph
        )
        report_type = rdflib.URIRef(ERRORS + "ErrorMessage")
        reports = set(graph.subjects(rdflib.RDF.type, report_type))
        if reports:
            messages = sorted(
                " ".join(str(m).split())
                for node in reports
                for m in graph.objects(node, rdflib.URIRef(ERRORS + "error"))
            )
            raise Inconsistent([f"owlrl: {m}" for m in messages] or ["owlrl reported an inconsistency"])
        clean = rdflib.Graph()
        generalized = 0
        for s, p, o in graph:
            if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
                generalized += 1
                continue
            clean.add((s, p, o))
        data = clean.serialize(format="nt", encoding="utf-8")
    # rewritten by pyoxigraph, so that a triple has the same bytes as in the KG's own dump
    lines = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    return EngineOutput(
        encode(lines or b"").split(b"\n"),
        {"literal subject": generalized} if generalized else {},
        engine="owlrl",
        asserted=asserted,
    )


__all__ = ["ERRORS", "closure_owlrl"]
