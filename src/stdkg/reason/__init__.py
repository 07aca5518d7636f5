"""OWL RL materialization of ontology + data.

:func:`reason` runs an engine (see :data:`ENGINES`) over the KG's union graph and returns a
:class:`Closure`: the asserted and the inferred triples, both as N-Triples, with the counts.

* :mod:`stdkg.reason.engines` — engine choice and what is kept of an engine's output;
* :mod:`stdkg.reason.closure` — the closure as N-Triples lines, and what is dropped from it;
* :mod:`stdkg.reason.reference` — owlrl's ``DeductiveClosure(OWLRL_Semantics)``, the reference;
* :mod:`stdkg.reason.rules` — our rules engine (``rules``, and ``auto``: rules, else owlrl), built
  from :mod:`~stdkg.reason.schema` (the closed schema), :mod:`~stdkg.reason.lines` (one pass over
  N-Triples lines) and :mod:`~stdkg.reason.sparql` (SPARQL UPDATE to a fixpoint).
"""

from __future__ import annotations

from .closure import BUILTIN_NAMESPACES, Asserted, Closure, EngineOutput, TripleList, drop_reason
from .engines import ENGINES, reason

__all__ = [
    "BUILTIN_NAMESPACES",
    "ENGINES",
    "Asserted",
    "Closure",
    "EngineOutput",
    "TripleList",
    "drop_reason",
    "reason",
]
