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
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:property [ sh:path <urn:p> ; sh:equals <urn:q> ] .\n"
    )
    kg = stdkg.load([ROOT / "data" / "people.ttl"])
    with pytest.raises(EngineUnavailable, match="equals"):
        choice.validate_own(kg, shapes, "none")


def test_engines_are_named_by_reference() -> None:
    """Every engine is a function object (a moved module fails at import, never falls back)."""
    from stdkg.validate import choice, reference

    assert {"pyshacl": reference.validate_pyshacl, "fast": choice.validate_fast} == choice.ENGINES
    assert all(callable(fn) for fn in choice.ENGINES.values())


def test_a_declining_engine_falls_back_to_pyshacl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from stdkg.validate import choice, validate

    def decline(*_args: Any) -> Any:
        raise EngineUnavailable("declined")

    monkeypatch.setitem(choice.ENGINES, "fast", decline)
    report = validate(stdkg.load(), DATA_SHAPES)
    assert report.engine == "pyshacl"


def test_an_engine_that_breaks_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only EngineUnavailable falls back: an ImportError (a moved module) reaches the caller."""
    from stdkg.validate import choice, validate

    def broken(*_args: Any) -> Any:
        raise ImportError("no module named stdkg.somewhere")

    monkeypatch.setitem(choice.ENGINES, "fast", broken)
    with pytest.raises(ImportError):
        validate(stdkg.load(), DATA_SHAPES)
