"""The fast SHACL engines give the reference engine's results (pySHACL).

The set-based engine (:mod:`stdkg.fast.shapes`) and pyshacl-turbo are compared with pySHACL
on the bundled graph, on a ~10k-triple synthetic graph with and without planted violations, and on
every planted-mistake case of ``tests/test_shapes.py`` (each loaded into Oxigraph first, as
``stdkg.load`` does: Oxigraph canonicalises literals, so both engines must see the same terms).
Compared: focus node, constraint component, result path and value of every result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import stdkg
from stdkg import synth
from stdkg.fast import EngineUnavailable

ROOT = Path(__file__).resolve().parents[1]
DATA_SHAPES = ROOT / "shapes" / "data.shapes.ttl"


def keys(report: Any) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(r.key() for r in report.results)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, stdkg.KG]:
    folder = tmp_path_factory.mktemp("fast")
    n = synth.bodies_for(10_000)
    synth.write_file(folder / "clean.nt", n, seed=5)
    synth.write_file(folder / "planted.nt", n, violations=len(synth.VIOLATION_KINDS), seed=5)
    return {
        "bundled": stdkg.load(),
        "synthetic-clean": stdkg.load([ROOT / "ontology", folder / "clean.nt"]),
        "synthetic-planted": stdkg.load([ROOT / "ontology", folder / "planted.nt"]),
    }


@pytest.mark.parametrize("name", ["bundled", "synthetic-clean", "synthetic-planted"])
@pytest.mark.parametrize("engine", ["sparql", "turbo"])
def test_fast_shacl_equals_pyshacl(graphs: dict[str, stdkg.KG], name: str, engine: str) -> None:
    from stdkg.fast import shacl
    from stdkg.validate import validate

    if engine == "turbo" and not shacl.available():
        pytest.skip("pyshacl-turbo is not installed")
    kg = graphs[name]
    reference = validate(kg, DATA_SHAPES, engine="pyshacl")
    fast = shacl.validate(kg, DATA_SHAPES, engine=engine)
    assert keys(fast) == keys(reference)
    assert fast.conforms == reference.conforms
    if name == "synthetic-planted":
        assert len(fast.results) == len(synth.VIOLATION_KINDS)
    else:
        assert fast.results == []


def test_auto_validation_uses_the_fast_engine(graphs: dict[str, stdkg.KG]) -> None:
    from stdkg.validate import validate

    report = validate(graphs["synthetic-planted"], DATA_SHAPES)
    assert report.engine == "stdkg-sparql"
    assert keys(report) == keys(validate(graphs["synthetic-planted"], DATA_SHAPES, engine="pyshacl"))


def _planted_cases() -> list[Any]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import test_shapes

    return [pytest.param(c, id=c.id) for c in test_shapes.CASES]


@pytest.mark.slow
@pytest.mark.parametrize("case", _planted_cases())
def test_fast_shacl_on_every_planted_mistake(case: Any) -> None:
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    import test_shapes
    from stdkg.fast.shapes import Engine
    from stdkg.validate import quiet_rdflib, results_from_graph

    shapes = test_shapes.shapes_graph(case.shapes)
    with quiet_rdflib():
        store = ox.Store()
        store.load(case.graph().serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        data = rdflib.Graph().parse(
            data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt"
        )
        try:
            _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
        except Exception as exc:  # pySHACL crashes on some planted mistakes: the engine must decline
            with pytest.raises(EngineUnavailable):
                Engine(store, shapes).run()
            pytest.skip(f"pySHACL raises {type(exc).__name__}")
        reference = sorted(r.key() for r in results_from_graph(report))
    assert sorted(r.key() for r in Engine(store, shapes).run()) == reference


def test_unsupported_shapes_are_declined(tmp_path: Path) -> None:
    from stdkg.fast import shacl

    shapes = tmp_path / "s.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:property [ sh:path <urn:p> ; sh:equals <urn:q> ] .\n"
    )
    kg = stdkg.load([ROOT / "data" / "people.ttl"])
    with pytest.raises(EngineUnavailable, match="equals"):
        shacl.validate(kg, shapes, engine="sparql")
