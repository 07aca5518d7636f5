"""The ``rules`` and ``auto`` engines of :func:`stdkg.reason.reason`.

The rules are those our ontology needs (see :mod:`stdkg.reason.schema`, :mod:`stdkg.reason.lines`
and :mod:`stdkg.reason.sparql`). Neither engine writes a triple with a literal subject (so no
literal gets a type, as in the closure :func:`stdkg.reason.reason` keeps from owlrl). Unlike owlrl,
which works in generalized RDF, they therefore miss what follows only from such a triple: from
``x hasPart "v"`` owlrl derives ``"v" partOf x`` and from that ``x a`` the range of ``partOf``.

What is compared with owlrl (see ``tests/test_reason_engines.py``): the closure as
:func:`stdkg.reason.reason` keeps it, i.e. owlrl's ``OWLRL_Semantics`` without axiomatic and
datatype triples, minus triples with a literal subject (generalized RDF), triples about built-in
RDF/RDFS/OWL/XSD terms, and tautologies (``x owl:sameAs x``, ``c rdfs:subClassOf c``,
``x rdf:type owl:Thing``, …). On that set the two engines agree exactly on the bundled graph and on
synthetic graphs. OWL constructs these rules do not implement (restrictions, property chains,
keys, functional properties, ``owl:Nothing`` checks, …) make
:func:`stdkg.reason.schema.check_supported` raise :class:`stdkg.errors.EngineUnavailable`, so
``auto`` falls back to owlrl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import EngineUnavailable
from ..rdf.ntriples import decode, encode
from .closure import Asserted, EngineOutput
from .lines import LinePlan, schema_store
from .reference import closure_owlrl
from .schema import check_supported, read_schema
from .sparql import materialize

if TYPE_CHECKING:
    from ..kg import KG


def engine_output(kg: KG) -> EngineOutput:
    """The ``rules`` engine of :func:`stdkg.reason.reason`: the closure of the KG's union graph.

    The line engine (:class:`LinePlan`) when it covers the graph, else the SPARQL engine
    (:func:`materialize`) on a copy of the union graph.
    """
    import pyoxigraph as ox

    asserted = Asserted.of(kg)
    schema_graph = schema_store(asserted.data)
    check_supported(schema_graph)
    plan = None
    if b"<<" not in asserted.data:  # no triple terms (a line engine row splits on spaces)
        plan = LinePlan.compile(read_schema(schema_graph), schema_graph)
    if plan is not None:
        return EngineOutput(plan.run(asserted.lines), engine="rules", asserted=asserted)
    store = ox.Store()  # a copy that keeps the blank nodes' labels
    store.extend(ox.parse(decode(asserted.data), format=ox.RdfFormat.N_TRIPLES))
    materialize(store)
    closure = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return EngineOutput(encode(closure).split(b"\n"), engine="rules", asserted=asserted)


def engine_output_or_owlrl(kg: KG) -> EngineOutput:
    """The ``auto`` engine: these rules, or owlrl when the graph uses OWL they do not cover."""
    try:
        return engine_output(kg)
    except EngineUnavailable:
        return closure_owlrl(kg)


__all__ = ["engine_output", "engine_output_or_owlrl"]
