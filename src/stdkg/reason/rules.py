"""The ``rules`` and ``auto`` engines of :func:`stdkg.reason.reason`: OWL 2 RL, all of it.

Two engines give the same closure:

* the line engine (:mod:`stdkg.reason.lines`): one pass over the asserted N-Triples lines with
  lookup tables compiled from the closed schema. It covers what our own ontology uses (class and
  property hierarchies, domains, ranges, inverse, symmetric and transitive properties) and
  declines any other graph (see :meth:`~stdkg.reason.lines.LinePlan.compile`);
* the general engine (:mod:`stdkg.reason.owl`): every rule of OWL 2 RL/RDF run to a fixpoint.

Both check consistency: a clash (an instance of ``owl:Nothing``, of disjoint classes, an ill-typed
literal, …) raises :class:`~stdkg.reason.closure.Inconsistent` with one line per clash. Triples with
a literal subject (which owlrl, in generalized RDF, also derives) take part in the rules and are
left out of what is written. What differs from owlrl is documented in :mod:`stdkg.reason.owl` and
tested in ``tests/test_reason_owl.py``. Only RDF-star triple terms make the ``rules`` engine decline
(``auto`` then runs owlrl).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import EngineUnavailable
from ..rdf.ntriples import decode, encode
from .closure import Asserted, EngineOutput, Inconsistent
from .datatypes import ill_typed_lines
from .lines import LinePlan, schema_store
from .reference import closure_owlrl
from .schema import read_schema

if TYPE_CHECKING:
    from ..kg import KG


def engine_output(kg: KG) -> EngineOutput:
    """The ``rules`` engine: the closure of the KG's union graph (line engine, else general)."""
    asserted = Asserted.of(kg)
    if b"<<" in asserted.data:  # a line engine row splits on spaces; neither engine has triple terms
        raise EngineUnavailable("RDF-star triple terms")
    schema_graph = schema_store(asserted.data)
    plan = LinePlan.compile(read_schema(schema_graph), schema_graph)
    if plan is not None:
        bad = ill_typed_lines(asserted.data)
        if bad:
            raise Inconsistent(
                [f"dt-not-type: {term} is not a valid literal of its datatype" for term in bad]
            )
        return EngineOutput(plan.run(asserted.lines), engine="rules", asserted=asserted)
    return _general(asserted)


def _general(asserted: Asserted) -> EngineOutput:
    from .owl import Reasoner  # the general engine, imported when a graph needs it

    triples = []
    for line in asserted.lines:
        s, p, rest = decode(line).decode("utf-8").split(" ", 2)
        triples.append((s, p, rest[:-2]))
    reasoner = Reasoner(triples)
    del triples
    found = reasoner.run()
    if found:
        raise Inconsistent(found)
    lines = []
    generalized = 0
    for s, p, o in reasoner.facts:
        if s.startswith('"'):
            generalized += 1
        else:
            lines.append(encode(f"{s} {p} {o} .".encode()))
    return EngineOutput(
        lines, {"literal subject": generalized} if generalized else {}, engine="rules", asserted=asserted
    )


def engine_output_or_owlrl(kg: KG) -> EngineOutput:
    """The ``auto`` engine: these rules, or owlrl when they decline the graph (triple terms)."""
    try:
        return engine_output(kg)
    except EngineUnavailable:
        return closure_owlrl(kg)


__all__ = ["engine_output", "engine_output_or_owlrl"]
