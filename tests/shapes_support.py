"""The harness of the planted-mistake cases (tests/shape_cases): each case's graph, pySHACL's
report on it reduced to :class:`~tests.shape_cases.Hit` values, and the constraints a shapes graph has."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import stdkg
from stdkg.kg import PREFIXES
from stdkg.rdf.quiet import quiet_rdflib
from tests.shape_cases import SHAPE_NS, Case, Hit

if TYPE_CHECKING:
    import rdflib

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures" / "shapes"
SH = "http://www.w3.org/ns/shacl#"

#: Parameters that make a constraint of their own (SHACL Core + SPARQL), by component local name.
PARAMETERS = {
    "minCount": "MinCount",
    "maxCount": "MaxCount",
    "datatype": "Datatype",
    "class": "Class",
    "nodeKind": "NodeKind",
    "pattern": "Pattern",
    "uniqueLang": "UniqueLang",
    "languageIn": "LanguageIn",
    "qualifiedMinCount": "QualifiedMinCount",
    "qualifiedMaxCount": "QualifiedMaxCount",
    "or": "Or",
    "xone": "Xone",
    "and": "And",
    "not": "Not",
    "node": "Node",
    "in": "In",
    "hasValue": "HasValue",
    "equals": "Equals",
    "disjoint": "Disjoint",
    "lessThan": "LessThan",
    "lessThanOrEquals": "LessThanOrEquals",
    "minLength": "MinLength",
    "maxLength": "MaxLength",
    "minInclusive": "MinInclusive",
    "maxInclusive": "MaxInclusive",
    "minExclusive": "MinExclusive",
    "maxExclusive": "MaxExclusive",
    "closed": "Closed",
    "sparql": "SPARQL",
}


# -- reading shapes and reports ---------------------------------------------------------------


def curie(term: Any) -> str:
    """A compact, stable name for an IRI (longest matching stdkg prefix), else its N-Triples form."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        text = str(term)
        best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{text[len(best) :]}"
        if text.startswith(SHAPE_NS):
            return text.split("#", 1)[1]
    return str(term.n3())


def path_text(graph: rdflib.Graph, path: Any) -> str:
    """A SHACL path as text: ``prefix:name``, ``(a|b|…)`` for an alternative path, ``^p`` for an
    inverse path, ``(a/b)`` for a sequence."""
    import rdflib
    from rdflib.collection import Collection

    if isinstance(path, rdflib.BNode):
        alternatives = graph.value(path, rdflib.URIRef(SH + "alternativePath"))
        if alternatives is not None:
            return "(" + "|".join(path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
        inverse = graph.value(path, rdflib.URIRef(SH + "inversePath"))
        if inverse is not None:
            return "^" + path_text(graph, inverse)
        if graph.value(path, rdflib.RDF.first) is not None:
            return "(" + "/".join(path_text(graph, p) for p in Collection(graph, path)) + ")"
        raise AssertionError(f"unsupported SHACL path {path!r}")
    return curie(path)


def shape_ids(shapes: rdflib.Graph) -> dict[Any, str]:
    """Node shapes by local name; property shapes as ``NodeShape/path[qualifier]``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    ids: dict[Any, str] = {}
    for node_shape in shapes.subjects(rdflib.RDF.type, sh.NodeShape):
        name = curie(node_shape)
        ids[node_shape] = name
        for prop in shapes.objects(node_shape, sh.property):
            ids[prop] = f"{name}/{path_text(shapes, shapes.value(prop, sh.path))}{qualifier(shapes, prop)}"
    return ids


def qualifier(shapes: rdflib.Graph, prop: Any) -> str:
    """``[class]`` or ``[@lang]`` of a qualified property shape (tells apart two on one path)."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    qvs = shapes.value(prop, sh.qualifiedValueShape)
    if qvs is None:
        return ""
    cls = shapes.value(qvs, sh["class"])
    if cls is not None:
        return f"[{curie(cls)}]"
    langs = shapes.value(qvs, sh.languageIn)
    if langs is not None:
        return "[" + ",".join("@" + str(lang) for lang in Collection(shapes, langs)) + "]"
    raise AssertionError("qualified value shape with neither sh:class nor sh:languageIn")


def constraints(shapes: rdflib.Graph) -> set[tuple[str, str]]:
    """Every constraint of a shapes graph as ``(shape id, component)``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    found: set[tuple[str, str]] = set()
    for shape, name in shape_ids(shapes).items():
        for p in set(shapes.predicates(shape)):
            param = str(p)[len(SH) :] if str(p).startswith(SH) else ""
            if param in PARAMETERS:
                found.add((name, PARAMETERS[param]))
        assert (shape, sh.qualifiedValueShapesDisjoint, None) not in shapes
    return found


def hits(report: rdflib.Graph, shapes: rdflib.Graph) -> list[Hit]:
    """The results of a pySHACL report graph as :class:`Hit` values, sorted (duplicates kept)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    ids = shape_ids(shapes)
    found: list[Hit] = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = report.value(node, sh.sourceShape)
        component = str(report.value(node, sh.sourceConstraintComponent))
        path = report.value(node, sh.resultPath)
        found.append(
            Hit(
                focus=curie(report.value(node, sh.focusNode)),
                component=component.removeprefix(SH).removesuffix("ConstraintComponent"),
                shape=ids.get(source, f"unknown shape {source!r}"),
                path=None if path is None else path_text(report, path),
                severity=str(report.value(node, sh.resultSeverity)).removeprefix(SH),
            )
        )
    return sorted(found, key=str)


@cache
def shapes_graph(name: str) -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(ROOT / "shapes" / name, format="turtle")


@cache
def base_graph(dirs: tuple[str, ...], fixture: str = "") -> rdflib.Graph:
    """The bundled ``dirs`` (``ontology``, ``data``) plus a fixture file, loaded with :func:`stdkg.load`."""
    root = stdkg.Layout.bundled().root
    paths: list[Path] = [root / d for d in dirs]
    if fixture:
        paths.append(FIX / fixture)
    return stdkg.load(paths).rdflib_graph


def validate(data: rdflib.Graph, shapes_name: str) -> list[Hit]:
    """pySHACL (advanced mode, for the SPARQL constraints and targets) on ``data``."""
    import pyshacl

    shapes = shapes_graph(shapes_name)
    with quiet_rdflib():
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=shapes, advanced=True, inplace=False, abort_on_first=False
        )
    return hits(report, shapes)


def construct(graph: rdflib.Graph, template: str, where: str) -> set[tuple[Any, Any, Any]]:
    with quiet_rdflib():
        result = graph.query(f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}", initNs=PREFIXES)
    return set(result)


def case_graph(case: Case) -> rdflib.Graph:
    """The invalid graph of a case: the base graph minus ``remove`` plus ``add``."""
    import rdflib

    base = base_graph(case.load, case.fixture)
    graph = rdflib.Graph()
    graph += base
    if case.remove:
        gone = construct(base, case.remove, case.remove_where or case.remove)
        assert gone, f"{case.id}: nothing to remove"
        assert all(t in base for t in gone), f"{case.id}: removes triples that are not there"
        for t in gone:
            graph.remove(t)
    if case.add:
        new = construct(base, case.add, case.add_where)
        assert new, f"{case.id}: nothing to add"
        assert not any(t in base for t in new), f"{case.id}: adds triples that are already there"
        for t in new:
            graph.add(t)
    return graph
