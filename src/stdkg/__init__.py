"""stdkg — the Standards Knowledge Graph.

A small public API for Python users (heavy libraries load only when used)::

    import stdkg

    kg = stdkg.load()                      # the bundled ontology + data (or load(["my.ttl"]))
    rows = kg.query("SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#FormalOrganization> }")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    InputError,
    OutputError,
    ParseError,
    QueryError,
    StdkgError,
    StoreError,
    ValidationFailed,
)
from .formats import RdfFormat, ResultFormat
from .kg import KG, Layout, load

__all__ = [
    "KG",
    "InputError",
    "Layout",
    "OutputError",
    "ParseError",
    "QueryError",
    "RdfFormat",
    "ResultFormat",
    "StdkgError",
    "StoreError",
    "ValidationFailed",
    "__version__",
    "load",
]
