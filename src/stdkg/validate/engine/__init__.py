"""Our own SHACL engine: set-based SPARQL on the KG's pyoxigraph store, written to give the same
results as pySHACL (the reference), split by SHACL concern as pySHACL splits its constraint
components.

Each shape with targets is compiled to a few SPARQL queries run once over the whole store, which
return only the violations (and a few candidates that Python judges):

* every constraint becomes a SPARQL test: on the focus node (counts, sh:uniqueLang, qualified
  counts, node-level constraints, sh:or/sh:xone of property shapes...) or on a value of a path
  (sh:class as one ``EXISTS`` per subclass, read from the data once; datatypes, node kinds,
  patterns, lengths, languages, and sh:node/sh:not/sh:and/sh:or/sh:xone of such tests);
* the tests on focus nodes are batched into one query over the focus nodes of the shape, the tests
  on values into one query per path, which runs on every subject of the path (the focus test is
  then made in Python on the rows) or, when many rows come back, joined with the focus pattern;
* where SPARQL and pySHACL's Python rules could differ, SPARQL only vouches for what is surely
  right and Python decides the rest with pySHACL 0.40's rules: ill-typed literals for
  ``sh:datatype`` (rdflib's reading), ``sh:pattern`` (Python's ``re``; a "$" also matches before a
  final newline), value ranges and ``sh:lessThan`` (pySHACL's order of literals); inside logical
  constraints, the few such literals are found first and listed in the query;
* SPARQL-based constraints run once with ``$this`` unbound, their rows kept for focus nodes.

What cannot be compiled (sh:closed, sh:in/sh:hasValue of literals, paths that can take zero
steps, counts nested in logical constraints...) is checked on the slow path, on (focus, value)
pairs in Python. Anything the engine does not know (sh:equals, SHACL-AF...) raises
:class:`stdkg.errors.EngineUnavailable`, and the caller falls back to another engine. The shapes
graph is small and is read with rdflib.

Modules: :mod:`.core` (the engine), :mod:`.shapes` (shapes and parameters it knows),
:mod:`.focus` (targets), :mod:`.compiled` (batched queries), :mod:`.slow` (the Python path),
:mod:`.sparql_based`, and one module per family of constraint components: :mod:`.value_type`,
:mod:`.cardinality`, :mod:`.value_range`, :mod:`.string_based`, :mod:`.property_pair`,
:mod:`.logical`, :mod:`.shape_based`, :mod:`.other`; :mod:`.context` and :mod:`.terms` are what
they share.
"""

from __future__ import annotations

from .core import Engine

#: The name the engine signs its reports with.
ENGINE = "stdkg-sparql"

__all__ = ["ENGINE", "Engine"]
