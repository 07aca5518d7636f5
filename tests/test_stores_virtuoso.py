"""stdkg load / dump against a real Virtuoso 7 (started once per session, Digest-authenticated writer)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import stdkg
from stdkg import stores
from stdkg.cli import cli
from stdkg.stores.profiles import Credentials, Endpoints, profile_urls, resolve
from tests.servers import PASSWORD_ENV, VirtuosoServer
from tests.stores_support import FIXTURES, normalised, query_cases, synthetic_ntriples, write_synthetic

pytestmark = pytest.mark.integration

G = "https://w3id.org/stdkg/graph/test/"


def _load(runner, server: VirtuosoServer, *args: str, kg: Path | str = FIXTURES, env=None):  # type: ignore[no-untyped-def]
    return runner.invoke(
        cli,
        [
            *("--kg", str(kg), "load", "--store", "virtuoso", "--url", server.base_url),
            *("--user", server.user, "--password-env", PASSWORD_ENV, *args),
        ],
        env=env if env is not None else server.env,
    )


def _endpoints(server: VirtuosoServer):  # type: ignore[no-untyped-def]
    return resolve("virtuoso", server.base_url)


def _count(server: VirtuosoServer, graph: str) -> int:
    return stores.count(_endpoints(server), graph)


def test_load_count_query_replace_count(runner, virtuoso_server: VirtuosoServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "replace"
    result = _load(runner, virtuoso_server, "--graph", graph)
    assert result.exit_code == 0, result.output
    assert _count(virtuoso_server, graph) == 20

    with stores.Client(_endpoints(virtuoso_server)) as client:
        rows = client.select(
            f"SELECT ?label WHERE {{ GRAPH <{graph}> {{ <https://w3id.org/stdkg/id/org/iso> "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(langMatches(lang(?label), 'en')) } }"
        )
    assert [(r["label"]["value"], r["label"].get("xml:lang")) for r in rows] == [
        ("International Organization for Standardization", "en-gb")
    ]

    synth = write_synthetic(tmp_path / "synth", 700)
    result = _load(runner, virtuoso_server, "--graph", graph, "--replace", "--batch", "150", kg=synth)
    assert result.exit_code == 0, result.output
    assert _count(virtuoso_server, graph) == 700
    assert _count(virtuoso_server, stores.staging_graph(graph)) == 0


def test_update_protocol_per_source_in_small_batches(runner, virtuoso_server: VirtuosoServer) -> None:  # type: ignore[no-untyped-def]
    fixture_kg = stdkg.load([FIXTURES])
    result = _load(runner, virtuoso_server, "--graph-per-source", "--protocol", "update", "--batch", "4")
    assert result.exit_code == 0, result.output
    for name in fixture_kg.graph_names:
        expected = sum(1 for _ in fixture_kg.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        assert _count(virtuoso_server, name) == expected > 0


def test_append(runner, virtuoso_server: VirtuosoServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "append"
    assert _load(runner, virtuoso_server, "--graph", graph).exit_code == 0
    synth = write_synthetic(tmp_path / "s", 30)
    result = _load(runner, virtuoso_server, "--graph", graph, "--append", "--protocol", "update", kg=synth)
    assert result.exit_code == 0, result.output
    assert _count(virtuoso_server, graph) == 50


def test_no_default_graph_in_virtuoso(runner, virtuoso_server: VirtuosoServer) -> None:  # type: ignore[no-untyped-def]
    result = _load(runner, virtuoso_server, "--default-graph")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "stdkg: error: Virtuoso has no writable default graph over HTTP: load into a named graph (--graph IRI)"
    ]


def test_wrong_credentials_one_line_exit_2_password_hidden(runner, virtuoso_server: VirtuosoServer) -> None:  # type: ignore[no-untyped-def]
    graph = G + "auth"
    assert _load(runner, virtuoso_server, "--graph", graph).exit_code == 0
    wrong = "not-the-password-" + virtuoso_server.password
    result = _load(runner, virtuoso_server, "--graph", graph, env={PASSWORD_ENV: wrong})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"stdkg: error: {virtuoso_server.base_url}/sparql-auth refused the credentials of user "
        f"'{virtuoso_server.user}' (digest auth, HTTP 401)"
    ]
    assert wrong not in result.output + result.stderr
    assert _count(virtuoso_server, graph) == 20  # untouched

    anonymous = runner.invoke(
        cli, ["--kg", str(FIXTURES), "load", "--store", "virtuoso", "--url", virtuoso_server.base_url]
    )
    assert anonymous.exit_code == 2
    assert "needs credentials" in anonymous.stderr and len(anonymous.stderr.strip().splitlines()) == 1


def test_password_never_printed_on_success(runner, virtuoso_server: VirtuosoServer) -> None:  # type: ignore[no-untyped-def]
    result = _load(runner, virtuoso_server, "--graph", G + "quiet")
    assert result.exit_code == 0
    assert virtuoso_server.password not in result.output + result.stderr


def test_dump_round_trip_after_normalisation(runner, virtuoso_server: VirtuosoServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "dump"
    assert _load(runner, virtuoso_server, "--graph", graph).exit_code == 0
    sent = stdkg.load([FIXTURES]).serialize(stdkg.RdfFormat.N_TRIPLES)
    # Anonymous: falls back to CONSTRUCT on /sparql; with credentials: GSP GET on the -auth endpoint.
    for extra in ([], ["--user", virtuoso_server.user, "--password-env", PASSWORD_ENV]):
        out = tmp_path / "dump.ttl"
        result = runner.invoke(
            cli,
            [
                "dump",
                "--store",
                "virtuoso",
                "--url",
                virtuoso_server.base_url,
                "--graph",
                graph,
                "-o",
                str(out),
                *extra,
            ],
            env=virtuoso_server.env,
        )
        assert result.exit_code == 0, result.output
        assert normalised(out.read_bytes(), ox.RdfFormat.TURTLE) == normalised(sent)


# -- named queries: the same rows on Virtuoso as on the embedded store --------------------------


@pytest.fixture(scope="module")
def loaded_virtuoso(virtuoso_server: VirtuosoServer, bundled_kg) -> VirtuosoServer:  # type: ignore[no-untyped-def]
    """The bundled KG, one graph per source, alone among the stdkg graphs of the store.

    Virtuoso's default graph is the union of all its graphs, like the embedded store's; the other
    tests' graphs are dropped first so that they do not show up in the answers.
    """
    with stores.Client(_endpoints(virtuoso_server)) as client:
        rows = client.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/stdkg/')) }"
        )
    graphs = [row["g"]["value"] for row in rows]
    if graphs:
        virtuoso_server.isql("".join(f"SPARQL DROP SILENT GRAPH <{g}>;\n" for g in graphs))
    writer = Credentials(virtuoso_server.user, virtuoso_server.password, "digest")
    ep = Endpoints(store="virtuoso", credentials=writer, **profile_urls("virtuoso", virtuoso_server.base_url))
    stores.load(ep, stores.payloads(bundled_kg, per_source=True))
    return virtuoso_server


@pytest.mark.parametrize("name", query_cases())
def test_named_query_same_rows_on_virtuoso(loaded_virtuoso: VirtuosoServer, bundled_kg, name: str) -> None:  # type: ignore[no-untyped-def]
    """Same rows, after the normalisation ``queries.run`` applies to every endpoint's answer.

    (Virtuoso 7.2 repeats a row once per path for transitive property paths, and cannot compile
    ``IF(…, …, EXISTS {…})``: the named queries use ``SELECT DISTINCT`` and plain boolean
    operators there, so every engine gives the same rows.)
    """
    from stdkg import queries

    q = queries.resolve(name)
    local = queries.run(q, bundled_kg)
    remote = queries.run(q, endpoint=f"{loaded_virtuoso.base_url}/sparql")
    assert remote.kind == local.kind
    assert remote.as_set() == local.as_set()
    assert len(remote) == len(local)


def test_query_command_with_store_url_and_credentials(
    runner, loaded_virtuoso: VirtuosoServer, bundled_kg
) -> None:  # type: ignore[no-untyped-def]
    local = runner.invoke(cli, ["-q", "query", "issuers", "-f", "csv"])
    # the KG was loaded one graph per source: the query asks their merge
    graphs = [arg for name in bundled_kg.graph_names for arg in ("--graph", name)]
    remote = runner.invoke(
        cli,
        [
            *(
                "-q",
                "query",
                "issuers",
                "-f",
                "csv",
                "--store",
                "virtuoso",
                "--url",
                loaded_virtuoso.base_url,
            ),
            *("--user", loaded_virtuoso.user, "--password-env", PASSWORD_ENV),
            *graphs,
        ],
        env=loaded_virtuoso.env,
    )
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert local.stdout.count("\n") > 1
    assert remote.stdout == local.stdout
    assert loaded_virtuoso.password not in remote.output + remote.stderr


def test_update_protocol_default_batches_fit_virtuoso(virtuoso_server: VirtuosoServer) -> None:
    """One INSERT DATA of ~5 000 triples exhausts Virtuoso's SPARQL compiler; the default batch stays below."""
    writer = Credentials(virtuoso_server.user, virtuoso_server.password, "digest")
    ep = Endpoints(store="virtuoso", credentials=writer, **profile_urls("virtuoso", virtuoso_server.base_url))
    graph = G + "update-batches"
    seen: list[tuple[int, int]] = []
    report = stores.load(
        ep,
        [stores.Payload(graph, synthetic_ntriples(6_000, "v"), 6_000)],
        protocol="update",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.graphs[0].after == 6_000 == _count(virtuoso_server, graph)
    assert seen[0] == (0, 6_000) and seen[-1] == (6_000, 6_000) and len(seen) >= 4


# -- after `stdkg load` with its defaults, `stdkg query --store --url` answers as locally (issue 12) --


@pytest.fixture(scope="module")
def default_loaded(loaded_virtuoso: VirtuosoServer) -> VirtuosoServer:
    """The store also holds the bundled KG where ``stdkg load`` puts it by default (its one graph),
    beside the per-source graphs of ``loaded_virtuoso``: a query must see that graph alone."""
    result = CliRunner().invoke(
        cli,
        [
            *("load", "--store", "virtuoso", "--url", loaded_virtuoso.base_url),
            *("--user", loaded_virtuoso.user, "--password-env", PASSWORD_ENV),
        ],
        env=loaded_virtuoso.env,
    )
    assert result.exit_code == 0, result.output
    return loaded_virtuoso


@pytest.mark.parametrize("name", query_cases())
def test_named_query_on_the_store_after_a_default_load(
    runner, default_loaded: VirtuosoServer, name: str
) -> None:  # type: ignore[no-untyped-def]
    from stdkg import queries

    fmt = "csv" if queries.resolve(name).form in ("SELECT", "ASK") else "ttl"
    local = runner.invoke(cli, ["-q", "query", name, "-f", fmt])
    remote = runner.invoke(
        cli, ["-q", "query", name, "-f", fmt, "--store", "virtuoso", "--url", default_loaded.base_url]
    )
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_query_sees_only_the_graph_load_wrote(runner, default_loaded: VirtuosoServer) -> None:  # type: ignore[no-untyped-def]
    """Virtuoso's own default graph is the union of every graph: here each triple twice over."""
    store = ["--store", "virtuoso", "--url", default_loaded.base_url]
    count = ["-q", "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv"]
    local = runner.invoke(cli, count).stdout
    assert runner.invoke(cli, [*count, *store]).stdout == local
    union = runner.invoke(cli, [*count, *store, "--default-graph"]).stdout
    assert int(union.split()[-1]) >= 2 * int(local.split()[-1])
