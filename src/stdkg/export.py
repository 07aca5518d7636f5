"""Deterministic RDF dumps of a KG in every format.

The same graph always gives the same bytes, whatever order its triples were loaded in, so that a
diff of two dumps shows exactly the triples that changed (see :mod:`stdkg.rdf.serialize` for the
rules). Triple formats hold the union graph; N-Quads and TriG keep one named graph per source file,
graphs sorted by IRI. With ``inferred=True`` the OWL RL closure (:mod:`stdkg.reason`) is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .formats import RdfFormat
from .rdf.serialize import serialize_graphs, serialize_ntriples
from .vocab import INFERRED_GRAPH

if TYPE_CHECKING:
    import pyoxigraph

    from .kg import KG


def _graph_ntriples(kg: KG, graph: pyoxigraph.NamedNode) -> bytes:
    import pyoxigraph as ox

    return kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""


def inferred_ntriples(kg: KG, *, only_inferred: bool = False) -> bytes:
    """The OWL RL closure (asserted and inferred, or only inferred) as N-Triples."""
    from .reason import reason  # only when asked: the engines take a while to import

    return reason(kg, engine="auto").ntriples(only_inferred=only_inferred)


def export(
    kg: KG,
    fmt: RdfFormat,
    *,
    inferred: bool = False,
    context: dict[str, Any] | None = None,
) -> bytes:
    """The KG in ``fmt``, deterministic.

    Triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) hold the union graph; N-Quads and TriG one
    named graph per source file. ``inferred=True`` adds the OWL RL closure: into the graph for the
    triple formats, as the extra named graph :data:`stdkg.vocab.INFERRED_GRAPH` (inferred triples
    only) for the dataset formats.
    """
    import pyoxigraph as ox

    if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
        graphs = {name: _graph_ntriples(kg, ox.NamedNode(name)) for name in kg.graph_names}
        if inferred:
            graphs[INFERRED_GRAPH] = inferred_ntriples(kg, only_inferred=True)
        return serialize_graphs(graphs, fmt)
    if inferred:
        return serialize_ntriples(inferred_ntriples(kg), fmt, context=context)
    nt, distinct = kg.union_ntriples()
    return serialize_ntriples(nt, fmt, context=context, distinct=distinct)


__all__ = ["INFERRED_GRAPH", "export", "inferred_ntriples"]
