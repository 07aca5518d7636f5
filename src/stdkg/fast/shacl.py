"""Fast SHACL validation: pyshacl-turbo on pyoxigraph stores, with results identical to pySHACL.

pyshacl-turbo (an alpha Rust engine with pySHACL's API) is given BOTH the data and the shapes as
pyoxigraph ``Store`` objects: mixing a Store with an rdflib Graph makes it report false ``sh:in``
violations on string literals (see the perf baselines). The KG's store is passed as it is, so no
rdflib graph of the data is ever built.

The report graph is read into :class:`stdkg.report.ValidationResult` values by the same reader as
pySHACL's (:func:`stdkg.validate.results_from_graph`).
When pyshacl-turbo is missing, cannot run, or fails, :class:`stdkg.fast.EngineUnavailable` is raised
and callers fall back to pySHACL.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..report import ValidationReport
from . import EngineUnavailable

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from ..kg import KG

ENGINE = "pyshacl-turbo"
SPARQL_ENGINE = "stdkg-sparql"


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


def validate(
    kg: KG,
    shapes: Path | str | Sequence[Path | str] | None = None,
    *,
    engine: str = "auto",
    graph: rdflib.Graph | None = None,
) -> ValidationReport:
    """Validate ``kg`` against ``shapes`` (default: the bundled data shapes) with a fast engine.

    ``engine``: ``"sparql"`` (:mod:`stdkg.fast.shapes`, set-based SPARQL on the KG's store),
    ``"turbo"`` (pyshacl-turbo) or ``"auto"`` (the first, else the second). ``graph``: the shapes
    already parsed (the SPARQL engine then uses it rather than parsing ``shapes`` again). Raises
    :class:`EngineUnavailable` when none can run the shapes, so callers fall back to pySHACL.
    """
    paths = _shape_paths(kg, shapes)
    if engine not in ("auto", "sparql", "turbo"):
        raise InputError(f"unknown fast SHACL engine {engine!r} (expected auto, sparql or turbo)")
    reasons = []
    if engine in ("auto", "sparql"):
        try:
            return validate_sparql(kg, paths, graph)
        except EngineUnavailable as exc:
            reasons.append(str(exc))
    if engine in ("auto", "turbo"):
        try:
            return validate_turbo(kg, paths)
        except EngineUnavailable as exc:
            reasons.append(str(exc))
    raise EngineUnavailable("; ".join(reasons))


def _shape_paths(kg: KG, shapes: Path | str | Sequence[Path | str] | None) -> list[Path | str]:
    if shapes is None:
        return [kg.layout.data_shapes]
    if isinstance(shapes, str | Path):
        return [shapes]
    return list(shapes)


def shapes_graph(paths: Sequence[Path | str]) -> rdflib.Graph:
    """The shapes files as one rdflib Graph (shapes graphs are small)."""
    import rdflib

    graph = rdflib.Graph()
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise InputError(f"{path}: no such shapes file")
        try:
            graph.parse(path)
        except Exception as exc:  # rdflib raises many types for syntax errors
            raise InputError(f"{path}: cannot parse shapes: {exc}") from None
    return graph


def validate_sparql(
    kg: KG, paths: Sequence[Path | str], graph: rdflib.Graph | None = None
) -> ValidationReport:
    """The set-based engine of :mod:`stdkg.fast.shapes` on the KG's own store."""
    from .shapes import Engine

    results = Engine(kg.store, graph if graph is not None else shapes_graph(paths)).run()
    # as the reference reads it: the graph conforms when there is no result at all
    return ValidationReport(conforms=not results, results=results, engine=SPARQL_ENGINE)


def validate_turbo(kg: KG, paths: Sequence[Path | str]) -> ValidationReport:
    """pyshacl-turbo, with data AND shapes as pyoxigraph stores."""
    if not available():
        raise EngineUnavailable("pyshacl-turbo is not installed")
    sstore = shapes_store(paths)
    import rdflib

    from ..validate import quiet_rdflib, results_from_graph

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


__all__ = ["ENGINE", "available", "shapes_store", "validate"]
