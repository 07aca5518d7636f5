"""Fast SHACL engines for large graphs, tested against the reference engine (pySHACL).

* :mod:`stdkg.fast.shapes` — our own SHACL engine, set-based SPARQL on the KG's pyoxigraph store;
* :mod:`stdkg.fast.shacl` — the adapter choosing it, or pyshacl-turbo (a Rust engine) when asked.

They raise :class:`EngineUnavailable` when they cannot run, so callers fall back to the reference.
"""

from __future__ import annotations

from ..errors import EngineUnavailable

__all__ = ["EngineUnavailable"]
