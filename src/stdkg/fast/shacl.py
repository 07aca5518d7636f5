"""Fast SHACL validation: pyshacl-turbo on pyoxigraph stores, with results identical to pySHACL.

pyshacl-turbo (an alpha Rust engine with pySHACL's API) is given BOTH the data and the shapes as
pyoxigraph ``Store`` objects: mixing a Store with an rdflib Graph makes it report false ``sh:in``
violations on string literals (see the perf baselines). The KG's store is passed as it is, so no
rdflib graph of the data is ever built.

The report graph is turned into :class:`stdkg.report.ValidationResult` values by
:func:`results_from_graph`, which is engine-independent (the tests apply it to pySHACL's report too).
When pyshacl-turbo is missing, cannot run, or fails, :class:`stdkg.fast.EngineUnavailable` is raised
and callers fall back to pySHACL.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..report import SH, ValidationReport, ValidationResult
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
    kg: KG, shapes: Path | str | Sequence[Path | str] | None = None, *, engine: str = "auto"
) -> ValidationReport:
    """Validate ``kg`` against ``shapes`` (default: the bundled data shapes) with a fast engine.

    ``engine``: ``"sparql"`` (:mod:`stdkg.fast.shapes`, set-based SPARQL on the KG's store),
    ``"turbo"`` (pyshacl-turbo) or ``"auto"`` (the first, else the second). Raises
    :class:`EngineUnavailable` when none can run the shapes, so callers fall back to pySHACL.
    """
    paths = _shape_paths(kg, shapes)
    if engine not in ("auto", "sparql", "turbo"):
        raise InputError(f"unknown fast SHACL engine {engine!r} (expected auto, sparql or turbo)")
    reasons = []
    if engine in ("auto", "sparql"):
        try:
            return validate_sparql(kg, paths)
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


def validate_sparql(kg: KG, paths: Sequence[Path | str]) -> ValidationReport:
    """The set-based engine of :mod:`stdkg.fast.shapes` on the KG's own store."""
    from .shapes import Engine

    results = Engine(kg.store, shapes_graph(paths)).run()
    # as the reference reads it: the graph conforms when there is no result at all
    return ValidationReport(conforms=not results, results=results, engine=SPARQL_ENGINE)


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
            results = results_from_graph(report)
    except EngineUnavailable:
        raise
    except Exception as exc:  # an alpha engine: any failure means "use the reference"
        raise EngineUnavailable(f"pyshacl-turbo failed: {type(exc).__name__}: {exc}") from exc
    return ValidationReport(conforms=bool(conforms), results=results, engine=ENGINE)


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's log lines about ill-typed literals (they are reported as SHACL results)."""
    logger = logging.getLogger("rdflib.term")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(old)


# -- report graph → results (engine-independent) ---------------------------------------------


def term_text(term: Any) -> str:
    """An rdflib term in N-Triples syntax (``_:id`` for blank nodes)."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


def path_text(graph: rdflib.Graph, path: Any) -> str:
    """A SHACL path as text: an IRI for a predicate path, SPARQL property-path syntax otherwise."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    if isinstance(path, rdflib.URIRef):
        return str(path)
    if graph.value(path, rdflib.RDF.first) is not None:
        return "/".join(_wrap(path_text(graph, p)) for p in Collection(graph, path))
    for prop, fmt in (
        (sh.inversePath, "^{}"),
        (sh.zeroOrMorePath, "{}*"),
        (sh.oneOrMorePath, "{}+"),
        (sh.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, prop)
        if inner is not None:
            return fmt.format(_wrap(path_text(graph, inner)))
    alternatives = graph.value(path, sh.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_wrap(path_text(graph, p)) for p in Collection(graph, alternatives)) + ")"
    return term_text(path)


def _wrap(text: str) -> str:
    if text.startswith(("http://", "https://", "urn:")) and " " not in text:
        return f"<{text}>"
    return f"({text})" if "/" in text and not text.startswith("(") else text


def results_from_graph(graph: rdflib.Graph) -> list[ValidationResult]:
    """The ``sh:ValidationResult`` nodes of a SHACL report graph, sorted."""
    import rdflib

    sh = rdflib.Namespace(SH)
    results: list[ValidationResult] = []
    for node in graph.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = graph.value(node, sh.focusNode)
        path = graph.value(node, sh.resultPath)
        value = graph.value(node, sh.value)
        shape = graph.value(node, sh.sourceShape)
        message = graph.value(node, sh.resultMessage)
        focus_text = term_text(focus)
        results.append(
            ValidationResult(
                focus_node=focus_text[1:-1] if focus_text.startswith("<") else focus_text,
                constraint=str(graph.value(node, sh.sourceConstraintComponent)),
                path=path_text(graph, path) if path is not None else None,
                severity=str(graph.value(node, sh.resultSeverity) or sh.Violation),
                value=term_text(value) if value is not None else None,
                source_shape=term_text(shape).strip("<>") if shape is not None else None,
                message=str(message) if message is not None else "",
            )
        )
    return sorted(results)


__all__ = ["ENGINE", "available", "path_text", "results_from_graph", "shapes_store", "term_text", "validate"]
