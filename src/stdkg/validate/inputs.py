"""What validation reads besides the data: the shapes file and the ontology (for inference)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..rdf.quiet import quiet_rdflib
from ..vocab import SH
from .shacl_sparql import check_queries

if TYPE_CHECKING:
    import rdflib

    from ..kg import KG


def load_shapes(path: Path) -> rdflib.Graph:
    """Parse a shapes file (or folder) into an rdflib graph; errors name file:line:column."""
    from ..kg import load

    if not path.exists():
        raise InputError(f"{path}: no such shapes file")
    with quiet_rdflib():
        graph = load([path]).rdflib_graph
    if not any(str(p).startswith(SH) or str(o).startswith(SH) for _, p, o in graph):
        raise InputError(f"{path}: no SHACL shapes found")
    check_queries(graph)  # SERVICE, and what pre-bound variables forbid: refused for every engine
    return graph


def ontology_graph(kg: KG) -> rdflib.Graph | None:
    """The triples of the KG's files under the layout's ``ontology/`` folder, or None."""
    import pyoxigraph as ox
    import rdflib

    onto_dir = kg.layout.ontology_dir.resolve()
    graphs = [s.graph for s in kg.sources if s.path.resolve().is_relative_to(onto_dir)]
    if not graphs:
        return None
    kg.ensure_source_graphs(graphs)
    quads = (
        ox.Triple(q.subject, q.predicate, q.object)
        for g in graphs
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))
    )
    data = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


__all__ = ["load_shapes", "ontology_graph"]
