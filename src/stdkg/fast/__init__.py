"""Fast engines for large graphs, tested against the reference engines (pySHACL, owlrl).

* :mod:`stdkg.fast.shacl` — SHACL validation with pyshacl-turbo (a Rust engine) on pyoxigraph stores;
* :mod:`stdkg.fast.rules` — the OWL RL rules our ontology needs, compiled to SPARQL UPDATE and run to a
  fixpoint on a pyoxigraph store.

Both raise :class:`EngineUnavailable` when they cannot run, so callers fall back to the reference.
"""

from __future__ import annotations


class EngineUnavailable(RuntimeError):
    """The fast engine is not installed, does not support the request, or failed: use the reference."""


__all__ = ["EngineUnavailable"]
