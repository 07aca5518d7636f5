"""The loader: union default graph at once, per-source named graphs only when something needs them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from stdkg import kg as kgmod
from stdkg.formats import RdfFormat

A = """@prefix ex: <http://example.org/> .
ex:a ex:p ex:b .
ex:shared ex:p ex:c .
"""
B = """@prefix ex: <http://example.org/> .
ex:shared ex:p ex:c .
ex:d ex:p "d" .
"""


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "a.ttl"
    b = tmp_path / "b.ttl"
    a.write_text(A)
    b.write_text(B)
    return [a, b]


def _named(kg: kgmod.KG) -> set[str]:
    return {g.value for g in kg.store.named_graphs()}


def test_union_is_a_set_and_source_graphs_are_lazy(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files)
    assert len(kg) == 3  # the triple both files state counts once
    assert _named(kg) == set()  # nothing parsed twice yet
    assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").__next__()[0].value == "3"


def test_graph_names_builds_every_source_graph(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files)
    names = kg.graph_names
    assert names == sorted(p.resolve().as_uri() for p in two_files)
    assert _named(kg) == set(names)
    for path, expected in zip(two_files, (2, 2), strict=True):
        graph = ox.NamedNode(path.resolve().as_uri())
        assert sum(1 for _ in kg.store.quads_for_pattern(None, None, None, graph)) == expected
    assert len(kg) == 3  # building the source graphs leaves the union alone


def test_graph_query_sees_source_graphs(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files)
    rows = list(
        kg.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    )
    assert [(r[0].value, r[1].value) for r in rows] == [(p.resolve().as_uri(), "2") for p in two_files]


def test_ensure_only_the_named_graphs(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files)
    first = two_files[0].resolve().as_uri()
    kg.ensure_source_graphs([first])
    kg.ensure_source_graphs([first])  # idempotent: no second copy
    assert _named(kg) == {first}
    assert sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(first))) == 2


def test_single_file_graph_is_copied_from_the_union(tmp_path: Path) -> None:
    path = tmp_path / "only.ttl"
    path.write_text(A)
    kg = kgmod.load([path])
    assert kg.graph_names == [path.resolve().as_uri()]
    nq = kg.serialize(RdfFormat.N_QUADS).decode()
    assert nq.count(f"<{path.resolve().as_uri()}> .") == 2


def test_dataset_formats_keep_one_graph_per_file(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files)
    lines = kg.serialize(RdfFormat.N_QUADS).decode().splitlines()
    assert len(lines) == 4  # the shared triple once in each source graph
    assert all(line.endswith("> .") for line in lines)


def _export_both(paths: list[Path], fmt: RdfFormat) -> tuple[bytes, bytes]:
    from stdkg.export import export

    return export(kgmod.load(paths), fmt), export(kgmod.load(paths, lazy=True), fmt)


@pytest.mark.parametrize("fmt", [RdfFormat.N_TRIPLES, RdfFormat.TURTLE, RdfFormat.N_QUADS])
def test_lazy_export_equals_the_store_path(two_files: list[Path], tmp_path: Path, fmt: RdfFormat) -> None:
    repeated = tmp_path / "c.nt"  # one file stating a triple twice, and one the other files state
    repeated.write_text(
        "<http://example.org/e> <http://example.org/p> <http://example.org/f> .\n"
        "<http://example.org/e> <http://example.org/p> <http://example.org/f> .\n"
        "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
    )
    eager, lazy = _export_both([*two_files, repeated], fmt)
    assert lazy == eager
    if fmt is RdfFormat.N_TRIPLES:
        assert len(lazy.splitlines()) == 4


def test_lazy_export_keeps_blank_nodes_of_files_apart(tmp_path: Path) -> None:
    for name in ("x", "y"):
        (tmp_path / f"{name}.ttl").write_text('_:b <http://example.org/p> "same" .\n')
    paths = sorted(tmp_path.glob("*.ttl"))
    eager, lazy = _export_both(paths, RdfFormat.N_TRIPLES)
    assert lazy == eager
    assert len(lazy.splitlines()) == 2  # two blank nodes, not one


def test_lazy_load_reports_bad_turtle_with_its_line(tmp_path: Path) -> None:
    from stdkg.errors import ParseError
    from stdkg.export import export

    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:c ex:p .\n")
    kg = kgmod.load([bad], lazy=True)  # finds the file, parses nothing yet
    with pytest.raises(ParseError) as caught:
        export(kg, RdfFormat.N_TRIPLES)
    assert str(caught.value).startswith(f"{bad}:3:")


def test_lazy_kg_reports_progress_over_its_files(two_files: list[Path]) -> None:
    kg = kgmod.load(two_files, lazy=True)
    seen: list[tuple[int, int]] = []
    kg.progress = lambda done, total: seen.append((done, total))
    kg.union_ntriples()
    assert seen == [(1, 2), (2, 2)]
    kg.store  # noqa: B018 - building the store reports the files again
    assert seen[2:] == [(1, 2), (2, 2)]


@pytest.mark.parametrize("command", [["export", "--format", "nt"], ["reason", "--format", "nt"]])
def test_lazy_commands_draw_a_bar_on_a_terminal_only(
    two_files: list[Path], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from click.testing import CliRunner

    from stdkg.cli import cli, common

    args = [arg for path in two_files for arg in ("--kg", str(path))] + command
    quiet = CliRunner().invoke(cli, args)
    assert quiet.exit_code == 0, quiet.output
    assert "loading" not in quiet.stderr  # not a terminal: no bar
    monkeypatch.setattr(common, "show_progress", lambda settings: not settings.quiet)
    shown = CliRunner().invoke(cli, args)
    assert shown.exit_code == 0, shown.output
    assert "loading" in shown.stderr
    assert shown.stdout == quiet.stdout


# -- --kg anywhere on the line, and the dumps publish writes -------------------------------------


def test_kg_option_after_the_subcommand(two_files: list[Path]) -> None:
    from click.testing import CliRunner

    from stdkg.cli import cli

    runner = CliRunner()
    before = runner.invoke(cli, ["--kg", str(two_files[0]), "--kg", str(two_files[1]), "stats"])
    after = runner.invoke(cli, ["stats", "--kg", str(two_files[0]), f"--kg={two_files[1]}"])
    assert before.exit_code == after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert "triples                  3" in after.stdout
    mixed = runner.invoke(
        cli,
        ["-q", "query", "-e", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--kg", str(two_files[0]), "-f", "csv"],
    )
    assert mixed.exit_code == 0, mixed.output
    assert mixed.stdout.splitlines() == ["n", "2"]


def test_the_published_gzip_dumps_read_back_as_the_graph(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from stdkg.cli import cli

    runner = CliRunner()
    site = tmp_path / "site"
    assert runner.invoke(cli, ["-q", "publish", "--out", str(site)]).exit_code == 0
    expected = runner.invoke(cli, ["-q", "export", "-f", "nt"]).stdout
    for dump in ("stdkg.nt.gz", "stdkg.nq.gz"):
        path = site / "dumps" / dump
        assert path.is_file()
        got = runner.invoke(cli, ["-q", "export", "-f", "nt", "--kg", str(path)])
        assert got.exit_code == 0, got.output
        assert got.stdout == expected, dump
        stats = runner.invoke(cli, ["-q", "stats", "--kg", str(path)])
        assert stats.exit_code == 0, stats.output
        assert f"triples                  {expected.count(chr(10)):,}" in stats.stdout
