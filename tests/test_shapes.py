"""Every SHACL constraint in ``shapes/`` catches the real mistake it is written for.

The bundled graph conforms; then, for every constraint of ``shapes/data.shapes.ttl`` and
``shapes/ontology.shapes.ttl``, one case plants a mistake and checks that pySHACL reports exactly
the planted result(s): focus node, constraint component, source shape, result path and severity,
and nothing else. Most cases are the bundled graph minus and plus a few triples (written as SPARQL
CONSTRUCT templates, so that each case reads like the mistake it plants); a few are Turtle files
under ``tests/fixtures/shapes/`` loaded through :func:`stdkg.load` (the path real data takes).

A coverage test walks the shapes graphs and fails when a constraint has no case, so a constraint
added later cannot go untested. A case whose mistake the shapes miss, or which draws a false
positive, is kept and marked ``xfail(strict=True)`` with the problem as its reason.

The case table is data, in ``tests/shape_cases/``; the harness that builds each case's graph and
reads pySHACL's report is ``tests/shapes_support.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import stdkg
from stdkg.rdf.quiet import quiet_rdflib
from tests.shape_cases import CASES, DATA_SHAPES, ONTOLOGY_SHAPES, SHAPE_NS, TERM, Case
from tests.shapes_support import SH, base_graph, case_graph, constraints, curie, shapes_graph, validate


def params(cases: list[Case]) -> Iterator[Any]:
    for case in cases:
        marks = (
            [pytest.mark.xfail(strict=True, reason=case.xfail, raises=AssertionError)] if case.xfail else []
        )
        yield pytest.param(case, id=case.id, marks=marks)


# -- tests ------------------------------------------------------------------------------------


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_bundled_graph_conforms_to_the_data_shapes(bundled_kg: stdkg.KG) -> None:
    import pyshacl

    conforms, _report, text = pyshacl.validate(
        bundled_kg.rdflib_graph, shacl_graph=shapes_graph(DATA_SHAPES), advanced=True
    )
    assert conforms, text


def test_ontology_conforms_to_the_ontology_shapes() -> None:
    import pyshacl

    ontology = stdkg.load([stdkg.Layout.bundled().ontology_dir]).rdflib_graph
    conforms, _report, text = pyshacl.validate(
        ontology, shacl_graph=shapes_graph(ONTOLOGY_SHAPES), advanced=True
    )
    assert conforms, text


def test_ontology_shapes_target_every_term_of_ours() -> None:
    """Every IRI of our namespace described in ontology/ is a focus node of the term shape."""
    import rdflib

    sh = rdflib.Namespace(SH)
    shapes = shapes_graph(ONTOLOGY_SHAPES)
    target = shapes.value(shapes.value(rdflib.URIRef(SHAPE_NS + TERM), sh.target), sh.select)
    ontology = base_graph(("ontology",))
    targeted = {curie(row[0]) for row in ontology.query(str(target))}
    ours = {curie(s) for s in ontology.subjects() if str(s).startswith(stdkg.kg.NS)}
    assert targeted == ours
    assert {"stdkg:JointStatement", "stdkg:Commitment", "stdkg:committedBy", "stdkg:post"} <= targeted


@pytest.mark.parametrize("case", list(params(CASES)))
def test_shape_rejects_the_planted_mistake(case: Case) -> None:
    assert validate(case_graph(case), case.shapes) == sorted(case.expected, key=str)


@pytest.mark.parametrize("shapes_name", [DATA_SHAPES, ONTOLOGY_SHAPES])
def test_every_constraint_has_a_case(shapes_name: str) -> None:
    """Each constraint of the shapes file is the expected source of a result in a passing case."""
    defined = constraints(shapes_graph(shapes_name))
    covered = {
        (hit.shape, hit.component)
        for case in CASES
        if case.shapes == shapes_name and not case.xfail
        for hit in case.expected
    }
    assert sorted(covered - defined) == [], "cases expect constraints that the shapes do not have"
    assert sorted(defined - covered) == [], "constraints without a case"


def test_turtle_fixture_keeps_ill_typed_dates() -> None:
    """Loaded through stdkg.load (Oxigraph), an ill-typed date reaches pySHACL unchanged."""
    import rdflib

    graph = base_graph(("ontology", "data"), "ill-typed-dates.ttl")
    xsd_date = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#date")
    with quiet_rdflib():
        bad = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and str(o) == "2025-13-45"]
    assert len(bad) == 2
    assert all(o.datatype == xsd_date and o.ill_typed for o in bad)
