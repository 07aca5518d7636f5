"""A curated source, end to end: curate into a copy of the repository, then check, validate, export,
load into a real Oxigraph server and a real Virtuoso, and ask both provenance queries everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stdkg
from stdkg import queries
from stdkg.cli import cli
from stdkg.kg import Layout
from tests.servers import PASSWORD_ENV, OxigraphServer, VirtuosoServer

from .test_curate import DRAFT, draft

pytestmark = pytest.mark.integration

WSC = "https://w3id.org/stdkg/id/org/wsc"
CASES = [
    ("sources-of-fact", {"subject": WSC, "predicate": "https://schema.org/foundingDate"}),
    ("claims-of-source", {"source": "https://w3id.org/stdkg/id/source/itu-wsc-page"}),
    (
        "sources-of-fact",
        {
            "subject": "https://w3id.org/stdkg/id/person/jo-cops",
            "predicate": "http://xmlns.com/foaf/0.1/name",
        },
    ),
]


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import ROOT

    tmp = tmp_path_factory.mktemp("curated")
    repo = tmp / "repo"
    for folder in ("ontology", "shapes", "queries", "data", "sources"):
        shutil.copytree(ROOT / folder, repo / folder)
    result = CliRunner().invoke(cli, ["curate", "--repo", str(repo), str(draft(tmp, DRAFT))])
    assert result.exit_code == 0, result.output
    return repo


def kg_args(repo: Path) -> list[str]:
    return ["--kg", str(repo / "ontology"), "--kg", str(repo / "data")]


def test_check_validate_export(
    runner: CliRunner, curated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STDKG_HOME", str(curated))
    assert runner.invoke(cli, ["check", "--skip", "owl-dl"]).exit_code == 0
    assert runner.invoke(cli, ["validate"]).exit_code == 0
    for fmt in ("ttl", "nt", "nq", "trig", "jsonld", "xml"):
        out = tmp_path / f"kg.{fmt}"
        result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert b"itu-wsc-page" in out.read_bytes()


def local_answers(repo: Path) -> list[set[tuple[str, ...]]]:
    kg = stdkg.load(layout=Layout(repo))
    return [queries.run(queries.resolve(name), kg, params=params).as_set() for name, params in CASES]


def test_provenance_queries_answer_the_same_on_oxigraph(
    runner: CliRunner, curated: Path, tmp_path: Path
) -> None:
    server = OxigraphServer.start(tmp_path / "oxigraph")
    try:
        result = runner.invoke(
            cli,
            [*kg_args(curated), "load", "--store", "oxigraph", "--url", server.base_url, "--default-graph"],
        )
        assert result.exit_code == 0, result.output
        remote = [
            queries.run(queries.resolve(name), params=params, endpoint=f"{server.base_url}/query").as_set()
            for name, params in CASES
        ]
        local = local_answers(curated)
        assert remote == local
        assert all(local)
    finally:
        server.stop()


def test_provenance_queries_answer_the_same_on_virtuoso(
    runner: CliRunner, curated: Path, virtuoso_server: VirtuosoServer
) -> None:
    rows = virtuoso_server.isql(
        "SPARQL SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/stdkg/')) };"
    )
    graphs = [
        line.strip() for line in rows.splitlines() if line.strip().startswith("https://w3id.org/stdkg/")
    ]
    if graphs:
        virtuoso_server.isql("".join(f"SPARQL DROP SILENT GRAPH <{g}>;\n" for g in graphs))
    result = runner.invoke(
        cli,
        [
            *kg_args(curated),
            *("load", "--store", "virtuoso", "--url", virtuoso_server.base_url),
            *("--user", virtuoso_server.user, "--password-env", PASSWORD_ENV),
        ],
        env=virtuoso_server.env,
    )
    assert result.exit_code == 0, result.output
    remote = [
        queries.run(
            queries.resolve(name), params=params, endpoint=f"{virtuoso_server.base_url}/sparql"
        ).as_set()
        for name, params in CASES
    ]
    assert remote == local_answers(curated)
