"""stdkg.publish.query_pool without HTTP: admission, refusals from the parse, cancellation, stop, close."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from stdkg.publish.query_pool import MB, QueryEngine
from tests.publish_support import children_of

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store")
    store = ox.Store(str(path))
    ex = "http://example.org/"
    store.extend(
        ox.Quad(
            ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p{i % 7}"), ox.Literal(str(i)), ox.DefaultGraph()
        )
        for i in range(300)
    )
    store.flush()
    del store
    return str(path)


@pytest.fixture
def engine(store_path: str) -> Iterator[QueryEngine]:
    e = QueryEngine(
        store_path, workers=1, queue=1, timeout=20, memory=512 * MB, prefixes={"ex": "http://example.org/"}
    )
    try:
        yield e
    finally:
        e.close()


def test_runs_with_predeclared_prefixes(engine: QueryEngine) -> None:
    r = engine.run("SELECT ?o WHERE { ex:s3 ?p ?o }", JSON)
    assert r.status == 200 and b'"3"' in r.body


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 400, "SERVICE"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
        ("SELECT * WHERE { ?s ?p 2596SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 400, "bad SPARQL"),
        ("SELECT WHERE {", 400, "bad SPARQL"),
    ],
)
def test_refusals(engine: QueryEngine, query: str, status: int, words: str) -> None:
    r = engine.run(query, JSON)
    assert r.status == status and words in r.body.decode()


def test_admission_is_bounded(engine: QueryEngine) -> None:
    assert engine.capacity == 2
    assert engine.admit() and engine.admit()
    assert not engine.admit()
    engine.release()
    assert engine.admit()
    engine.release()
    engine.release()
    assert engine.admitted == 0
    assert engine.retry_after() >= 1


def test_cancelled_query_stops_its_worker(engine: QueryEngine) -> None:
    assert engine.run("ASK {}", JSON).status == 200
    before = set(engine.worker_pids())
    gone = threading.Event()
    answers: list[int] = []
    t = threading.Thread(target=lambda: answers.append(engine.run(RUNAWAY, JSON, cancelled=gone).status))
    t.start()
    time.sleep(0.5)
    started = time.monotonic()
    gone.set()
    t.join(10)
    assert answers == [503]
    assert time.monotonic() - started < 2
    assert not before & set(engine.worker_pids()), "the worker was replaced"
    assert engine.run("ASK { ?s ?p ?o }", JSON).status == 200


def test_stop_ends_running_queries_and_close_ends_every_worker(store_path: str) -> None:
    import os

    e = QueryEngine(store_path, workers=2, timeout=60)
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(e.run(RUNAWAY, JSON).status)) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    pids = set(e.worker_pids())
    assert len(pids) == 2
    started = time.monotonic()
    e.stop()
    for t in threads:
        t.join(10)
    e.close()
    assert answers == [503, 503]
    assert time.monotonic() - started < 5
    left = pids & children_of(os.getpid())
    assert not left
    assert not e.admit(), "a stopped engine admits nothing"


def test_memory_cap(store_path: str, tmp_path: Path) -> None:
    e = QueryEngine(store_path, workers=1, timeout=60, memory=64 * MB)
    try:
        sort = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        started = time.monotonic()
        r = e.run(sort, JSON)
        assert r.status == 503 and b"64 MB" in r.body
        assert time.monotonic() - started < 30
        assert e.run("ASK { ?s ?p ?o }", JSON).status == 200
    finally:
        e.close()
