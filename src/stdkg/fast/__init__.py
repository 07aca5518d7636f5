"""Fast engines for large graphs, tested against the reference engines (pySHACL, owlrl).

* :mod:`stdkg.fast.shapes` — our own SHACL engine, set-based SPARQL on the KG's pyoxigraph store;
* :mod:`stdkg.fast.shacl` — the adapter choosing it, or pyshacl-turbo (a Rust engine) when asked;
* :mod:`stdkg.fast.rules` — the OWL RL rules our ontology needs: a line engine (one pass over the
  asserted N-Triples with lookup tables from the closed schema) and, for what it declines (such as
  ``owl:sameAs``), the same rules compiled to SPARQL UPDATE and run to a fixpoint on pyoxigraph.

Both raise :class:`EngineUnavailable` when they cannot run, so callers fall back to the reference.
"""

from __future__ import annotations

from ..errors import EngineUnavailable

__all__ = ["EngineUnavailable"]
