"""pyshacl-turbo (an alpha Rust engine with pySHACL's API) on pyoxigraph stores.

It is given BOTH the data and the shapes as pyoxigraph ``Store`` objects: mixing a Store with an
rdflib Graph makes it report false ``sh:in`` violations on string literals (see the perf
baselines). The KG's store is passed as it is, so no rdflib graph of the data is ever built. Its
report graph is read by the reference's reader
(:func:`stdkg.validate.reference.results_from_graph`). When pyshacl-turbo is missing, cannot run,
or fails, :class:`stdkg.errors.EngineUnavailable` is raised and callers fall back.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable, InputError
from ..rdf.quiet import quiet_rdflib
from .reference import results_from_graph
from .report import ValidationReport

if TYPE_CHECKING:
    import pyoxigraph

    from ..kg import KG

ENGINE = "pyshacl-turbo"


def available() -> bool:
    """Whether pyshacl-turbo is importable."""
    return importlib.util.find_spec("pyshacl_turbo") is not None


def shapes_store(paths: Sequence[Path | str]) -> pyoxigraph.Store:
    """Parse shapes files (Turtle etc.) into a pyoxigraph store (default graph)."""
    import pyoxigraph as ox

    from ..formats import RdfFormat
    from ..kg import parse_error

    store = ox.Store()
    for raw in paths:
        path = Path(raw)
        fmt = RdfFormat.from_path(path)
        if fmt is None or not path.is_file():
            raise InputError(f"{path}: not a readable RDF shapes file")
        try:
            store.load(path=str(path), format=fmt.to_oxigraph(), base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise parse_error(exc, path) from None
    return store


def validate_turbo(kg: KG, paths: Sequence[Path | str]) -> ValidationReport:
    """pyshacl-turbo, with data AND shapes as pyoxigraph stores."""
    if not available():
        raise EngineUnavailable("pyshacl-turbo is not installed")
    sstore = shapes_store(paths)
    import rdflib

    try:
        import pyshacl_turbo

        with quiet_rdflib():
            conforms, report, _text = pyshacl_turbo.validate(
                kg.store, shacl_graph=sstore, inference="none", advanced=True
            )
            if not isinstance(report, rdflib.Graph):
                raise EngineUnavailable(f"pyshacl-turbo failed: {report}")
            results = sorted(results_from_graph(report))
    except EngineUnavailable:
        raise
    except Exception as exc:  # an alpha engine: any failure means "use the reference"
        raise EngineUnavailable(f"pyshacl-turbo failed: {type(exc).__name__}: {exc}") from exc
    return ValidationReport(conforms=bool(conforms), results=results, engine=ENGINE)


__all__ = ["ENGINE", "available", "shapes_store", "validate_turbo"]
