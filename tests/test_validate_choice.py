"""Engine choice (:mod:`stdkg.validate.choice`): the fast engines give pySHACL's results, ``auto``
runs our own engine, what it declines falls back, and engines are named by reference.

Our own engine (:mod:`stdkg.validate.engine`) and pyshacl-turbo (:mod:`stdkg.validate.turbo`) are
compared with pySHACL on the bundled graph and on a ~10k-triple synthetic graph with and without
planted violations: focus node, constraint component, result path and value of every result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import stdkg
from stdkg import synth
from stdkg.errors import EngineUnavailable

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
@pytest.mark.parametrize("engine", ["own", "turbo"])
def test_fast_shacl_equals_pyshacl(graphs: dict[str, stdkg.KG], name: str, engine: str) -> None:
    from stdkg.validate import choice, turbo, validate

    if engine == "turbo" and not turbo.available():
        pytest.skip("pyshacl-turbo is not installed")
    kg = graphs[name]
    reference = validate(kg, DATA_SHAPES, engine="pyshacl")
    if engine == "own":
        fast = choice.validate_own(kg, DATA_SHAPES, "none")
        assert fast.engine == "stdkg-sparql"
    else:
        fast = turbo.validate_turbo(kg, [DATA_SHAPES])
        assert fast.engine == "pyshacl-turbo"
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


def test_unsupported_shapes_are_declined(tmp_path: Path) -> None:
    from stdkg.validate import choice

    shapes = tmp_path / "s.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:c> a sh:ConstraintComponent ; sh:parameter [ sh:path <urn:max> ] ;\n"
        '  sh:validator [ sh:ask "ASK { FILTER (false) }" ] .\n'
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; <urn:max> 1 .\n"
    )
    kg = stdkg.load([ROOT / "data" / "people.ttl"])
    with pytest.raises(EngineUnavailable, match="custom constraint components"):
        choice.validate_own(kg, shapes, "none")


def test_engines_are_named_by_reference() -> None:
    """Every engine is a function object (a moved module fails at import, never falls back)."""
    from stdkg.validate import choice, reference

    assert {
        "pyshacl": reference.validate_pyshacl,
        "fast": choice.validate_own,
        "turbo": choice.validate_turbo,
    } == choice.ENGINES
    assert all(callable(fn) for fn in choice.ENGINES.values())


def test_a_declining_engine_falls_back_to_pyshacl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from stdkg.validate import choice, validate

    def decline(*_args: Any) -> Any:
        raise EngineUnavailable("declined")

    monkeypatch.setitem(choice.ENGINES, "fast", decline)
    report = validate(stdkg.load(), DATA_SHAPES)
    assert report.engine == "pyshacl"


def test_an_engine_that_breaks_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only EngineUnavailable falls back: an engine that breaks (a moved module) is an input error
    that names it, never a silent answer from another engine."""
    from stdkg.errors import InputError
    from stdkg.validate import choice, validate

    def broken(*_args: Any) -> Any:
        raise ImportError("no module named stdkg.somewhere")

    monkeypatch.setitem(choice.ENGINES, "fast", broken)
    with pytest.raises(InputError, match=r"\(auto\): ImportError: no module named stdkg.somewhere"):
        validate(stdkg.load(), DATA_SHAPES)


def test_a_datatype_the_store_respells_is_left_to_the_reference(tmp_path: Path) -> None:
    """The store keeps "3"^^xsd:int as "3"^^xsd:integer: our engine declines, pySHACL reads the
    file as written and the graph conforms (no false violation)."""
    from stdkg.validate import validate

    data = tmp_path / "data.ttl"
    data.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<urn:a> <urn:age> "3"^^xsd:int .\n')
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<urn:S> a sh:NodeShape ; sh:targetSubjectsOf <urn:age> ;\n"
        "  sh:property [ sh:path <urn:age> ; sh:datatype xsd:int ] .\n"
    )
    report = validate(stdkg.load([data]), shapes)
    assert report.conforms
    assert report.engine == "pyshacl"


def test_nested_detail_results_stay_nested() -> None:
    """pySHACL's sh:detail results are parts of a result, not results of their own."""
    import rdflib

    from stdkg.validate.reference import results_from_graph

    report = rdflib.Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        [] a sh:ValidationReport ; sh:conforms false ; sh:result [ a sh:ValidationResult ;
            sh:focusNode <urn:a> ; sh:sourceConstraintComponent sh:NodeConstraintComponent ;
            sh:resultMessage "Hallo"@de , "Hello"@en ;
            sh:detail [ a sh:ValidationResult ; sh:focusNode <urn:b> ;
                sh:sourceConstraintComponent sh:ClassConstraintComponent ] ] .
        """,
        format="turtle",
    )
    results = results_from_graph(report)
    assert [(r.focus_node, r.message, r.message_language) for r in results] == [("urn:a", "Hello", "en")]
