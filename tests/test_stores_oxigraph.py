"""stdkg load / dump against a real Oxigraph server (started once per session)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import stdkg
from stdkg import stores
from stdkg.cli import cli
from stdkg.errors import StoreError
from stdkg.stores import oxigraph as ox_strategy
from stdkg.stores.profiles import resolve
from tests.servers import OxigraphServer
from tests.stores_support import FIXTURES, normalised, query_cases, synthetic_ntriples, write_synthetic

pytestmark = pytest.mark.integration

G = "https://w3id.org/stdkg/graph/test/"


def _load(runner, server: OxigraphServer, *args: str, kg: Path | str = FIXTURES):  # type: ignore[no-untyped-def]
    return runner.invoke(
        cli, ["--kg", str(kg), "load", "--store", "oxigraph", "--url", server.base_url, *args]
    )


def _count(server: OxigraphServer, graph: str | None) -> int:
    return stores.count(resolve("oxigraph", server.base_url), graph)


def _graphs(server: OxigraphServer) -> set[str]:
    with stores.Client(resolve("oxigraph", server.base_url)) as client:
        rows = client.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {row["g"]["value"] for row in rows}


def test_load_count_query_replace_count(runner, oxigraph_server: OxigraphServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "replace"
    fixture_kg = stdkg.load([FIXTURES])
    result = _load(runner, oxigraph_server, "--graph", graph)
    assert result.exit_code == 0, result.output
    assert f"<{graph}>: {len(fixture_kg)} triples" in result.stderr
    assert _count(oxigraph_server, graph) == len(fixture_kg) == 20

    with stores.Client(resolve("oxigraph", oxigraph_server.base_url)) as client:
        rows = client.select(
            f"SELECT ?label WHERE {{ GRAPH <{graph}> {{ <https://w3id.org/stdkg/id/org/iso> "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER(langMatches(lang(?label), 'en')) } }"
        )
        assert [r["label"]["value"] for r in rows] == ["International Organization for Standardization"]

        synth = write_synthetic(tmp_path / "synth", 500)
        result = _load(runner, oxigraph_server, "--graph", graph, "--replace", "--batch", "120", kg=synth)
        assert result.exit_code == 0, result.output
        assert _count(oxigraph_server, graph) == 500
        iso = "<https://w3id.org/stdkg/id/org/iso>"
        assert client.select(f"SELECT ?p WHERE {{ GRAPH <{graph}> {{ {iso} ?p ?o }} }}") == []
    assert stores.staging_graph(graph) not in _graphs(oxigraph_server)


def test_replace_removes_old_triples(oxigraph_server: OxigraphServer) -> None:
    graph = G + "old-gone"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    stores.load(ep, [stores.Payload(graph, synthetic_ntriples(70, "old"), 70)])
    report = stores.load(ep, [stores.Payload(graph, synthetic_ntriples(35, "new"), 35)], batch=10)
    assert [(r.graph, r.sent, r.before, r.after) for r in report.graphs] == [(graph, 35, 70, 35)]
    dumped = stores.dump(ep, graph, stdkg.RdfFormat.N_TRIPLES)
    assert b"synth-old" not in dumped and dumped.count(b"\n") == 35


def test_graph_per_source_with_update_in_small_batches(runner, oxigraph_server: OxigraphServer) -> None:  # type: ignore[no-untyped-def]
    fixture_kg = stdkg.load([FIXTURES])
    result = _load(runner, oxigraph_server, "--graph-per-source", "--protocol", "update", "--batch", "3")
    assert result.exit_code == 0, result.output
    assert "via update" in result.stderr
    for name in fixture_kg.graph_names:
        expected = sum(1 for _ in fixture_kg.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        assert _count(oxigraph_server, name) == expected > 0
    # Again, now over full graphs: every source graph is staged, then all are swapped in one request.
    again = _load(runner, oxigraph_server, "--graph-per-source", "--protocol", "gsp")
    assert again.exit_code == 0, again.output
    for name in fixture_kg.graph_names:
        assert stores.staging_graph(name) not in _graphs(oxigraph_server)
        assert _count(oxigraph_server, name) > 0


def test_append_adds_to_the_graph(runner, oxigraph_server: OxigraphServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "append"
    assert _load(runner, oxigraph_server, "--graph", graph).exit_code == 0
    synth = write_synthetic(tmp_path / "s", 40)
    result = _load(runner, oxigraph_server, "--graph", graph, "--append", kg=synth)
    assert result.exit_code == 0, result.output
    assert _count(oxigraph_server, graph) == 60
    assert "appended 40 triples" in result.stderr


def test_default_graph_and_bundled_kg(runner, oxigraph_server: OxigraphServer, bundled_kg) -> None:  # type: ignore[no-untyped-def]
    args = ["load", "--store", "oxigraph", "--url", oxigraph_server.base_url, "--default-graph"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert _count(oxigraph_server, None) == len(bundled_kg) > 100
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert f"the default graph: {len(bundled_kg)} triples (unchanged)" in again.stderr


def test_dump_round_trip(runner, oxigraph_server: OxigraphServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = G + "dump"
    assert _load(runner, oxigraph_server, "--graph", graph).exit_code == 0
    sent = stdkg.load([FIXTURES]).serialize(stdkg.RdfFormat.N_TRIPLES)
    args = ["dump", "--store", "oxigraph", "--url", oxigraph_server.base_url, "--graph", graph]
    for fmt, oxfmt in (("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE)):
        out = tmp_path / f"dump.{fmt}"
        result = runner.invoke(cli, [*args, "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert normalised(out.read_bytes(), oxfmt) == normalised(sent)
    # Without a Graph Store endpoint the dump is a CONSTRUCT.
    query_only = resolve(query=oxigraph_server.base_url + "/query")
    assert normalised(stores.dump(query_only, graph, stdkg.RdfFormat.N_TRIPLES)) == normalised(sent)
    result = runner.invoke(cli, [*args[:-1], G + "absent"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"stdkg: error: <{G}absent> is not in the store"]


@pytest.mark.parametrize("staged", [False, True], ids=["in-request", "staged"])
def test_count_mismatch_exits_1_and_keeps_the_old_graph(
    runner, oxigraph_server: OxigraphServer, monkeypatch: pytest.MonkeyPatch, staged: bool
) -> None:  # type: ignore[no-untyped-def]
    graph = G + "mismatch-" + ("staged" if staged else "data")
    assert _load(runner, oxigraph_server, "--graph", graph).exit_code == 0
    if staged:
        monkeypatch.setattr(ox_strategy, "DIFF_DATA_BYTES", 0)
    real = stores.payloads

    def inflated(*args, **kwargs):  # type: ignore[no-untyped-def]
        items = real(*args, **kwargs)
        for item in items:
            item.triples += 2
        return items

    monkeypatch.setattr(stores, "payloads", inflated)
    result = _load(runner, oxigraph_server, "--graph", graph, kg=FIXTURES / "people.ttl")
    assert result.exit_code == 1
    # The store holds fewer triples than were sent: the swap is undone, the old graph is back.
    assert result.stderr.strip().splitlines() == [
        f"stdkg: <{graph}>: the store holds 6 triples after the swap but 8 were sent; "
        f"the swap was undone: <{graph}> keeps its previous content (20 triples)"
    ]
    assert _count(oxigraph_server, graph) == 20
    assert not {g for g in _graphs(oxigraph_server) if g.startswith(graph + "--")}


def test_count_mismatch_on_an_unchanged_graph_writes_nothing(oxigraph_server: OxigraphServer) -> None:
    graph = G + "mismatch-unchanged"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    data = synthetic_ntriples(12, "same")
    stores.load(ep, [stores.Payload(graph, data, 12)])
    with pytest.raises(stores.LoadMismatch) as info:
        stores.load(ep, [stores.Payload(graph, data, 13)])
    assert str(info.value) == f"<{graph}>: the store holds 12 triples but 13 were sent (nothing was written)"
    assert info.value.exit_code == 1
    assert _count(oxigraph_server, graph) == 12


def test_server_killed_midway_leaves_the_previous_graph_whole(tmp_path: Path) -> None:
    server = OxigraphServer.start(tmp_path / "db")
    try:
        ep = resolve("oxigraph", server.base_url, timeout=5)
        graph = G + "crash"
        stores.load(ep, [stores.Payload(graph, synthetic_ntriples(1000, "before"), 1000)])
        big = stores.Payload(graph, synthetic_ntriples(30_000, "after"), 30_000)
        seen: list[int] = []

        def kill_after_two_batches(done: int, total: int) -> None:
            seen.append(done)
            if len(seen) == 3:  # progress(0) + two batches
                server.kill()

        with pytest.raises(StoreError) as info:
            stores.load(ep, [big], protocol="update", batch=2000, progress=kill_after_two_batches)
        message = str(info.value)
        assert 0 < seen[-1] < 30_000
        assert message.startswith(f"load failed after {seen[-1]} of 30000 triples: cannot reach")
        # the server is down: nothing it holds could be checked, and the message says so
        assert (
            f"; nothing was written into <{graph}>; what <{graph}> holds now could not be checked ("
            in message
        )
        assert message.endswith(f"staging graph <{stores.staging_graph(graph)}> may remain")

        server.restart()
        assert stores.count(ep, graph) == 1000
        assert b"synth-before" in stores.dump(ep, graph, stdkg.RdfFormat.N_TRIPLES)
        # The next load cleans the leftover staging graph and succeeds.
        report = stores.load(ep, [big], protocol="gsp", batch=7000)
        assert report.graphs[0].after == 30_000
        assert stores.count(ep, stores.staging_graph(graph)) == 0
    finally:
        server.stop()


def test_server_killed_while_staging_a_large_difference_keeps_the_old_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = OxigraphServer.start(tmp_path / "db")
    try:
        ep = resolve("oxigraph", server.base_url, timeout=5)
        graph = G + "crash-diff"
        first = stores.load(ep, [stores.Payload(graph, synthetic_ntriples(1000, "before"), 1000)])
        assert first.graphs[0].change == "0 removed, 1000 added"  # an empty graph: bulk-loaded
        big = stores.Payload(graph, synthetic_ntriples(30_000, "after"), 30_000)
        monkeypatch.setattr(ox_strategy, "DIFF_DATA_BYTES", 0)  # every difference goes through staging
        seen: list[int] = []

        def kill_during_the_second_batch(done: int, total: int) -> None:
            seen.append(done)
            if len(seen) == 3:  # progress(0), the first batch, the end of the second one's body
                server.kill()

        with pytest.raises(StoreError) as info:
            stores.load(ep, [big], batch=2000, progress=kill_during_the_second_batch)
        message = str(info.value)
        removed, added = ox_strategy.aux_graphs(graph)
        found = re.match(
            rf"load failed while staging the changes of <{re.escape(graph)}> \((\d+) of 30000 triples "
            rf"into <{re.escape(added)}>\): (cannot reach|connection to) ",
            message,
        )
        assert found and 0 < int(found.group(1)) < 30_000, message
        assert (
            f"; nothing was written into <{graph}>; what <{graph}> holds now could not be checked ("
            in message
        )
        assert message.endswith("; its staging graphs may remain")

        server.restart()
        assert stores.count(ep, graph) == 1000
        assert b"synth-before" in stores.dump(ep, graph, stdkg.RdfFormat.N_TRIPLES)
        # The next load drops the leftover staging graphs and succeeds (staged again, then swapped).
        report = stores.load(ep, [big])
        assert [(r.after, r.removed, r.added) for r in report.graphs] == [(30_000, 1000, 30_000)]
        assert stores.count(ep, removed) == stores.count(ep, added) == 0
        assert b"synth-before" not in stores.dump(ep, graph, stdkg.RdfFormat.N_TRIPLES)
    finally:
        server.stop()


@pytest.mark.parametrize("staged", [False, True], ids=["in-request", "staged"])
def test_reload_writes_only_the_difference(
    runner, oxigraph_server: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, staged: bool
) -> None:  # type: ignore[no-untyped-def]
    if staged:
        monkeypatch.setattr(ox_strategy, "DIFF_DATA_BYTES", 0)
    graph = G + "diff-" + ("staged" if staged else "data")
    synth = write_synthetic(tmp_path / "v1", 700)
    first = _load(runner, oxigraph_server, "--graph", graph, kg=synth)
    assert first.exit_code == 0, first.output
    assert f"<{graph}>: 700 triples (0 removed, 700 added)" in first.stderr
    again = _load(runner, oxigraph_server, "--graph", graph, kg=synth)
    assert again.exit_code == 0, again.output
    assert f"<{graph}>: 700 triples (unchanged)" in again.stderr
    assert "replaced 700 triples in 1 graph(s) via gsp" in again.stderr

    # v2: 100 of the old triples gone (the tail), 40 new ones, one literal changed in place.
    lines = synthetic_ntriples(700).splitlines(keepends=True)[:600]
    lines[0] = lines[0].replace(b"FormalOrganization", b"Organization")
    lines += synthetic_ntriples(40, "new").splitlines(keepends=True)
    v2 = tmp_path / "v2" / "v2.nt"
    v2.parent.mkdir()
    v2.write_bytes(b"".join(lines))
    result = _load(runner, oxigraph_server, "--graph", graph, kg=v2)
    assert result.exit_code == 0, result.output
    assert f"<{graph}>: 640 triples (101 removed, 41 added)" in result.stderr
    dumped = stores.dump(resolve("oxigraph", oxigraph_server.base_url), graph, stdkg.RdfFormat.N_TRIPLES)
    assert normalised(dumped) == normalised(b"".join(lines))
    assert not {g for g in _graphs(oxigraph_server) if g.startswith(graph + "--")}


def test_blank_nodes_take_the_generic_staged_path(oxigraph_server: OxigraphServer) -> None:
    graph = G + "blank"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    plain = stores.payload_from_bytes(graph, synthetic_ntriples(30, "plain"))
    with_blank = stores.payload_from_bytes(
        graph,
        synthetic_ntriples(20, "bnode")
        + b"<https://w3id.org/stdkg/id/org/x> <http://www.w3.org/ns/org#hasSite> _:site .\n"
        b'_:site <http://www.w3.org/2000/01/rdf-schema#label> "HQ"@en .\n',
        stdkg.RdfFormat.N_TRIPLES,
    )
    assert with_blank.blank_nodes and not plain.blank_nodes
    stores.load(ep, [plain])
    report = stores.load(ep, [with_blank])  # new content has blank nodes: staged + MOVE
    assert [(r.before, r.after, r.change) for r in report.graphs] == [(30, 22, "")]
    report = stores.load(ep, [plain])  # old content has blank nodes: the same
    assert [(r.before, r.after, r.change) for r in report.graphs] == [(22, 30, "")]
    assert stores.staging_graph(graph) not in _graphs(oxigraph_server)


def test_bulk_load_into_an_empty_graph_reports_progress(oxigraph_server: OxigraphServer) -> None:
    graph = G + "progress"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    seen: list[tuple[int, int]] = []
    data = synthetic_ntriples(5000, "progress")
    report = stores.load(ep, [stores.Payload(graph, data, 5000)], progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5000) and seen[-1] == (5000, 5000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert report.requests == 4  # clean-up, GET (absent), one streamed POST, count
    assert report.graphs[0].after == 5000


def test_read_back_started_early_is_used_by_the_load(oxigraph_server: OxigraphServer) -> None:
    graph = G + "read-back"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    assert stores.start_read_back(ep, [graph], replace=False) is None
    assert stores.start_read_back(ep, [graph], protocol="update") is None
    assert stores.start_read_back(resolve("virtuoso", oxigraph_server.base_url), [graph]) is None
    payload = stores.Payload(graph, synthetic_ntriples(300, "early"), 300)
    stores.load(ep, [payload])
    early = stores.start_read_back(ep, [graph])
    assert early is not None
    with stores.Client(ep) as client:
        report = stores.load(ep, [payload], client=client, read_back=early)
    assert report.graphs[0].change == "unchanged"
    assert client.requests == 2  # the clean-up and the count: the graph was already read back
    # a read-back that failed says so when the load asks for it
    dead = stores.start_read_back(resolve("oxigraph", "http://127.0.0.1:9", timeout=1), [graph])
    assert dead is not None
    with pytest.raises(StoreError, match=re.escape("cannot reach http://127.0.0.1:9/store")):
        stores.load(ep, [payload], read_back=dead)


def test_failed_load_into_an_empty_graph_leaves_it_empty(oxigraph_server: OxigraphServer) -> None:
    graph = G + "fresh-failure"
    ep = resolve("oxigraph", oxigraph_server.base_url)
    good = synthetic_ntriples(300, "fresh")
    broken = good + b'<https://w3id.org/stdkg/id/x> <http://p> "unterminated .\n'
    with pytest.raises(StoreError) as info:
        stores.load(ep, [stores.Payload(graph, broken, 301)], batch=100)
    message = str(info.value)
    assert re.match(
        r"load failed after [1-9]\d* of 301 triples: POST http://127\.0\.0\.1:\d+/store failed", message
    )
    assert "HTTP 400" in message
    assert message.endswith(f"<{graph}> was empty before and is empty again")
    assert _count(oxigraph_server, graph) == 0


# -- named queries: the same rows on Oxigraph server as on the embedded store ---------------------


@pytest.fixture(scope="module")
def loaded_server(tmp_path_factory: pytest.TempPathFactory, bundled_kg) -> Iterator[OxigraphServer]:  # type: ignore[no-untyped-def]
    """A server of its own holding the bundled KG like the embedded store: source graphs + union."""
    server = OxigraphServer.start(tmp_path_factory.mktemp("parity") / "db")
    try:
        ep = resolve("oxigraph", server.base_url)
        stores.load(ep, stores.payloads(bundled_kg, per_source=True))
        stores.load(ep, stores.payloads(bundled_kg, graph=None))
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("name", query_cases())
def test_named_query_same_rows_on_oxigraph_server(
    loaded_server: OxigraphServer, bundled_kg, name: str
) -> None:  # type: ignore[no-untyped-def]
    from stdkg import queries

    q = queries.resolve(name)
    local = queries.run(q, bundled_kg)
    remote = queries.run(q, endpoint=f"{loaded_server.base_url}/query")
    assert remote.kind == local.kind
    assert remote.as_set() == local.as_set()
    assert len(remote) == len(local)


def test_query_command_takes_store_and_url(runner, loaded_server: OxigraphServer) -> None:  # type: ignore[no-untyped-def]
    local = runner.invoke(cli, ["-q", "query", "issuers", "-f", "csv"])
    # this server also holds the KG in its default graph (like the embedded store)
    remote = runner.invoke(
        cli,
        [
            *("-q", "query", "issuers", "-f", "csv"),
            *("--store", "oxigraph", "--url", loaded_server.base_url, "--default-graph"),
        ],
    )
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert local.stdout.count("\n") > 1
    assert remote.stdout == local.stdout
    clash = runner.invoke(
        cli,
        [
            "query",
            "issuers",
            "--endpoint",
            loaded_server.base_url + "/query",
            "--query-endpoint",
            loaded_server.base_url + "/query",
        ],
    )
    assert clash.exit_code == 2
    assert "give --endpoint or --query-endpoint, not both" in clash.stderr


# -- after `stdkg load` with its defaults, `stdkg query --store --url` answers as locally (issue 12) --


@pytest.fixture(scope="module")
def default_loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A server of its own, loaded by ``stdkg load --store oxigraph --url U`` and nothing else."""
    server = OxigraphServer.start(tmp_path_factory.mktemp("default-load") / "db")
    try:
        result = CliRunner().invoke(cli, ["load", "--store", "oxigraph", "--url", server.base_url])
        assert result.exit_code == 0, result.output
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("name", query_cases())
def test_named_query_on_the_store_after_a_default_load(
    runner, default_loaded: OxigraphServer, name: str
) -> None:  # type: ignore[no-untyped-def]
    from stdkg import queries

    fmt = "csv" if queries.resolve(name).form in ("SELECT", "ASK") else "ttl"
    local = runner.invoke(cli, ["-q", "query", name, "-f", fmt])
    remote = runner.invoke(
        cli, ["-q", "query", name, "-f", fmt, "--store", "oxigraph", "--url", default_loaded.base_url]
    )
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_query_graph_options_on_a_store(runner, default_loaded: OxigraphServer) -> None:  # type: ignore[no-untyped-def]
    store = ["--store", "oxigraph", "--url", default_loaded.base_url]
    ask = ["-q", "query", "-e", "ASK { ?s a <https://w3id.org/stdkg/ns#JointStatement> }", "-f", "csv"]
    # the graph `load` wrote, named or by default; the store's own default graph is empty
    assert runner.invoke(cli, [*ask, *store]).stdout.strip().splitlines()[-1] == "true"
    named = runner.invoke(cli, [*ask, *store, "--graph", stores.DEFAULT_GRAPH])
    assert named.stdout.strip().splitlines()[-1] == "true"
    assert runner.invoke(cli, [*ask, *store, "--default-graph"]).stdout.strip().splitlines()[-1] == "false"
    # --endpoint is any SPARQL endpoint: its own default graph unless --graph says otherwise
    endpoint = ["--endpoint", default_loaded.base_url + "/query"]
    assert runner.invoke(cli, [*ask, *endpoint]).stdout.strip().splitlines()[-1] == "false"
    chosen = runner.invoke(cli, [*ask, *endpoint, "--graph", stores.DEFAULT_GRAPH])
    assert chosen.stdout.strip().splitlines()[-1] == "true"
    # a query that names its own graphs is sent as written
    own = f"ASK FROM <{stores.DEFAULT_GRAPH}> {{ ?s a <https://w3id.org/stdkg/ns#JointStatement> }}"
    chosen = runner.invoke(cli, ["-q", "query", "-e", own, "-f", "csv", *store, "--graph", "urn:x:empty"])
    assert chosen.stdout.strip().splitlines()[-1] == "true"
    both = runner.invoke(cli, [*ask, *store, "--graph", stores.DEFAULT_GRAPH, "--default-graph"])
    assert both.exit_code == 2 and "give --graph or --default-graph, not both" in both.stderr
