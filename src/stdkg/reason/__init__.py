"""OWL RL materialization of ontology + data.

:func:`reason` runs an engine (see :data:`ENGINES`) over the KG's union graph and returns a
:class:`Closure`: the asserted and the inferred triples, both as N-Triples, with the counts.

* :mod:`stdkg.reason.engines` — engine choice and what is kept of an engine's output;
* :mod:`stdkg.reason.closure` — the closure as N-Triples lines, and what is dropped from it;
* :mod:`stdkg.reason.reference` — owlrl's ``DeductiveClosure(OWLRL_Semantics)``, the reference;
* :mod:`stdkg.reason.rules` — our OWL 2 RL engine (``rules``, and ``auto``: rules, else owlrl):
  :mod:`~stdkg.reason.lines` (one pass over N-Triples lines with tables from the schema closed by
  :mod:`~stdkg.reason.schema`) where it covers the graph, else :mod:`~stdkg.reason.owl` (every
  rule to a fixpoint over :mod:`~stdkg.reason.facts`, with :mod:`~stdkg.reason.axioms`,
  :mod:`~stdkg.reason.clashes` and :mod:`~stdkg.reason.datatypes`);
* :mod:`stdkg.reason.words` — the RDF, RDFS and OWL terms the rules read.
"""

from __future__ import annotations

from .closure import (
    BUILTIN_NAMESPACES,
    Asserted,
    Closure,
    EngineDeclined,
    EngineOutput,
    Inconsistent,
    TripleList,
    drop_reason,
)
from .engines import ENGINES, reason

__all__ = [
    "BUILTIN_NAMESPACES",
    "ENGINES",
    "Asserted",
    "Closure",
    "EngineDeclined",
    "EngineOutput",
    "Inconsistent",
    "TripleList",
    "drop_reason",
    "reason",
]
