"""The synthetic graph generator: deterministic, sized, conforming except for the planted violations."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg import synth
from stdkg.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _text(bodies: int, **kwargs: object) -> str:
    out = io.StringIO()
    synth.write(out, bodies, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    a = _text(5, violations=3, seed=7)
    assert a == _text(5, violations=3, seed=7)
    assert a != _text(5, violations=3, seed=8)


def test_size_knobs() -> None:
    per_body = synth.triples_per_body()
    info = synth.write(io.StringIO(), 10)
    shared = info.triples - 10 * per_body
    assert shared > 0
    assert synth.write(io.StringIO(), 20).triples == shared + 20 * per_body
    assert abs(synth.bodies_for(100_000) * per_body + shared - 100_000) <= per_body


def test_output_parses_and_counts(tmp_path: Path) -> None:
    import pyoxigraph as ox

    for name in ("g.nt", "g.ttl"):
        info = synth.write_file(tmp_path / name, 4, violations=2, seed=1)
        fmt = ox.RdfFormat.N_TRIPLES if name.endswith(".nt") else ox.RdfFormat.TURTLE
        triples = list(ox.parse(path=str(tmp_path / name), format=fmt))
        assert len(set(triples)) == len(triples) == info.triples
        assert not any(isinstance(t.subject, ox.BlankNode) for t in triples)


def test_bad_arguments(tmp_path: Path) -> None:
    from stdkg.errors import InputError

    with pytest.raises(InputError, match="at most one planted violation per body"):
        synth.write(io.StringIO(), 2, violations=3)
    with pytest.raises(InputError, match=r"\.nt or \.ttl"):
        synth.write_file(tmp_path / "g.rdf", 2)
    assert not (tmp_path / "g.rdf").exists()


def test_cli_writes_graph_and_manifest(tmp_path: Path) -> None:
    out, manifest = tmp_path / "g.nt", tmp_path / "m.json"
    result = CliRunner().invoke(
        cli,
        [
            "synth",
            "--bodies",
            "8",
            "--violations",
            "8",
            "--seed",
            "2",
            "-o",
            str(out),
            "--manifest",
            str(manifest),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(manifest.read_text())
    assert data["bodies"] == 8
    assert [v["kind"] for v in data["violations"]] == [*synth.VIOLATION_KINDS, "person-without-name"]
    assert out.read_text().count("\n") == data["triples"]
    assert "planted violations" in result.stderr
    both = CliRunner().invoke(cli, ["synth", "--bodies", "2", "--triples", "9", "-o", str(out)])
    assert both.exit_code == 2
    assert "exactly one of --bodies and --triples" in both.stderr


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, synth.SynthInfo]:
    """A ~10k-triple graph (with the ontology) with one violation of every kind."""
    import stdkg

    path = tmp_path_factory.mktemp("synth") / "g.nt"
    n = len(synth.VIOLATION_KINDS)
    info = synth.write_file(path, synth.bodies_for(10_000), violations=n, seed=11)
    return stdkg.load([ROOT / "ontology", path]), info


def test_pyshacl_reports_exactly_the_planted_violations(planted: tuple[object, synth.SynthInfo]) -> None:
    from stdkg.validate import validate

    kg, info = planted
    assert 9_000 < info.triples < 11_000
    report = validate(kg, ROOT / "shapes" / "data.shapes.ttl", engine="pyshacl")  # type: ignore[arg-type]
    got = sorted((r.focus_node, r.constraint, r.path, r.value) for r in report.results)
    want = sorted((v.focus_node, v.constraint, v.path, v.value) for v in info.violations)
    assert got == want
    assert len({v.kind for v in info.violations}) == len(synth.VIOLATION_KINDS)


def test_clean_graph_conforms_with_pyshacl(tmp_path: Path) -> None:
    import stdkg
    from stdkg.validate import validate

    path = tmp_path / "clean.nt"
    synth.write_file(path, 6, seed=3)
    report = validate(
        stdkg.load([ROOT / "ontology", path]), ROOT / "shapes" / "data.shapes.ttl", engine="pyshacl"
    )
    assert report.conforms, [r.key() for r in report.results]
