"""``stdkg build``: check first, then every dump, the closure and the stats, written atomically."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import cli

GOOD = Path(__file__).resolve().parent / "fixtures" / "check" / "good"

EXPECTED_FILES = [
    "stats.txt",
    "stdkg-inferred.ttl",
    "stdkg-kg.jsonld",
    "stdkg-kg.nq",
    "stdkg-kg.nt",
    "stdkg-kg.rdf",
    "stdkg-kg.trig",
    "stdkg-kg.ttl",
    "void.ttl",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small check fixture as the bundled layout, and a work folder for the output."""
    root = tmp_path / "kg"
    shutil.copytree(GOOD, root)
    # the JSON-LD dump uses the context the project ships
    shutil.copy(GOOD.parents[2].parent / "ontology" / "context.jsonld", root / "ontology")
    monkeypatch.setenv("STDKG_HOME", str(root))
    (tmp_path / "work").mkdir()
    return root


def build(runner: CliRunner, tree: Path, out: Path) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["build", "--out", str(out)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def test_build_writes_every_file(runner: CliRunner, tree: Path) -> None:
    import pyoxigraph as ox

    out = tree.parent / "work" / "dist"
    code, stdout, stderr = build(runner, tree, out)
    assert code == 0, stdout + stderr
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    assert siblings(out) == ["dist"]  # no staging folder left behind
    # the summary: one line per file with its size and triple count, then the total
    lines = stdout.splitlines()
    assert [ln.split()[0] for ln in lines[:-1]] == [
        "stdkg-kg.ttl",
        "stdkg-kg.nt",
        "stdkg-kg.nq",
        "stdkg-kg.trig",
        "stdkg-kg.jsonld",
        "stdkg-kg.rdf",
        "stdkg-inferred.ttl",
        "stats.txt",
        "void.ttl",
    ]
    counts = {ln.split()[0]: ln.split()[-2] for ln in lines[:-1] if ln.endswith("triples")}
    assert {counts[f"stdkg-kg.{ext}"] for ext in ("ttl", "nt", "jsonld", "rdf")} == {"49"}
    assert {counts["stdkg-kg.nq"], counts["stdkg-kg.trig"]} == {"49"}
    assert int(counts["stdkg-inferred.ttl"]) > 39
    assert re.fullmatch(rf"built {re.escape(str(out))}/: 9 files, \S+ \S+ in \d+\.\d s", lines[-1])
    # every RDF file parses back to the same graph as the N-Triples dump
    nt = set(ox.parse((out / "stdkg-kg.nt").read_bytes(), format=ox.RdfFormat.N_TRIPLES))
    ttl = set(ox.parse((out / "stdkg-kg.ttl").read_bytes(), format=ox.RdfFormat.TURTLE))
    assert len(nt) == 49 and {str(q) for q in nt} == {str(q) for q in ttl}
    assert "checks: " in stderr


def test_build_is_deterministic(runner: CliRunner, tree: Path) -> None:
    a, b = tree.parent / "work" / "a", tree.parent / "work" / "b"
    assert build(runner, tree, a)[0] == 0
    assert build(runner, tree, b)[0] == 0
    for name in EXPECTED_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_failed_check_aborts_and_keeps_the_previous_output(runner: CliRunner, tree: Path) -> None:
    out = tree.parent / "work" / "dist"
    out.mkdir()
    (out / "previous.txt").write_text("old build\n", encoding="utf-8")
    data = tree / "data" / "data.ttl"
    data.write_text(
        data.read_text(encoding="utf-8").replace("oa:start 13 ;", "oa:start 12 ;"), encoding="utf-8"
    )
    code, stdout, stderr = build(runner, tree, out)
    assert code == 1
    assert "FAIL  source-spans: 1 evidence spans that do not match their snapshot" in stdout.splitlines()
    assert stderr.endswith("stdkg: build aborted, check failed: source-spans\n")
    assert sorted(p.name for p in out.iterdir()) == ["previous.txt"]
    assert siblings(out) == ["dist"]


def test_success_replaces_the_previous_output_whole(runner: CliRunner, tree: Path) -> None:
    out = tree.parent / "work" / "dist"
    out.mkdir()
    (out / "stale.txt").write_text("from an older build\n", encoding="utf-8")
    assert build(runner, tree, out)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    assert siblings(out) == ["dist"]


def test_failure_while_writing_leaves_the_previous_output(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stdkg.build
    from stdkg.errors import OutputError

    out = tree.parent / "work" / "dist"
    out.mkdir()
    (out / "previous.txt").write_text("old build\n", encoding="utf-8")

    def broken() -> bytes:
        raise OutputError("disk full (simulated)")

    artefacts = [("first.txt", lambda: b"written\n", None), ("second.txt", broken, None)]
    monkeypatch.setattr(stdkg.build, "_artefacts", lambda kg: artefacts)
    with pytest.raises(OutputError, match="simulated"):
        stdkg.build.build(out=out)
    assert sorted(p.name for p in out.iterdir()) == ["previous.txt"]
    assert siblings(out) == ["dist"]


def test_output_path_that_is_a_file_is_an_input_error(runner: CliRunner, tree: Path) -> None:
    out = tree.parent / "work" / "dist"
    out.write_text("not a folder\n", encoding="utf-8")
    code, _, stderr = build(runner, tree, out)
    assert code == 2
    assert stderr == f"stdkg: error: cannot write {out}: it exists and is not a folder\n"
    assert out.read_text(encoding="utf-8") == "not a folder\n"
    assert siblings(out) == ["dist"]


def test_bundled_graph_builds(runner: CliRunner, tmp_path: Path) -> None:
    """`make demo`: the bundled graph passes every check and builds."""
    out = tmp_path / "dist"
    result = runner.invoke(cli, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    counts = {
        ln.split()[0]: int(ln.split()[-2].replace(",", ""))
        for ln in result.stdout.splitlines()
        if ln.endswith("triples")
    }
    assert len({counts[f"stdkg-kg.{ext}"] for ext in ("ttl", "nt", "nq", "trig", "jsonld", "rdf")}) == 1
    assert counts["stdkg-inferred.ttl"] > counts["stdkg-kg.ttl"]
