"""The reference engine: owlrl's OWL RL closure (``DeductiveClosure(OWLRL_Semantics)``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rdf.ntriples import encode
from ..rdf.quiet import quiet_rdflib
from .closure import EngineOutput

if TYPE_CHECKING:
    from ..kg import KG


def closure_owlrl(kg: KG) -> EngineOutput:
    """owlrl's OWL RL closure of the union graph, as N-Triples lines (literal subjects removed)."""
    import owlrl
    import pyoxigraph as ox
    import rdflib

    with quiet_rdflib():
        graph = rdflib.Graph()
        for triple in kg.rdflib_graph:
            graph.add(triple)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
            graph
        )
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
    )


__all__ = ["closure_owlrl"]
