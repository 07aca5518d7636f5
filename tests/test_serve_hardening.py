"""`stdkg serve` under attack (issue 15) and as a new user meets it (issue 14): a real process on 127.0.0.1.

SERVICE refused from the parse (a local listener proves no request leaves), bounded workers and
bodies, a bounded queue with 503 + Retry-After, cancelled abandoned queries, clean stops, data IRIs
rebased without the vocabulary, cache validators, the 404 page and the query page.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.publish_support import children_of, free_port

pytestmark = pytest.mark.integration

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORT_BOMB = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f"
JSON = {"Accept": "application/sparql-results+json"}


@dataclass
class Live:
    url: str
    proc: subprocess.Popen[bytes]
    tmp: Path

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[Live]:
    """`stdkg serve` with its own TMPDIR (to see the store copy go); stopped by PID at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    cmd = [sys.executable, "-m", "stdkg", "serve", "--port", str(port), "--base-uri", url, *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"stdkg serve exited with {proc.returncode}: {err}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("stdkg serve did not answer within 60 s")
            time.sleep(0.2)
        # the first query waits for the workers to be ready: make sure they are
        httpx.get(url + "sparql", params={"query": "ASK {}"}, headers=JSON, timeout=60)
        yield Live(url, proc, tmp)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {p for p in pids if _alive(p)}
        if not left:
            return set()
        time.sleep(0.05)
    return {p for p in pids if _alive(p)}


def _in_background(url: str, query: str, timeout: float = 30) -> threading.Thread:
    def go() -> None:
        with suppress(httpx.HTTPError):
            httpx.get(url + "sparql", params={"query": query}, headers=JSON, timeout=timeout)

    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t


# -- SERVICE -----------------------------------------------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"LEAKED"}}]}}'
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                        + body
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with serving(
        tmp_path_factory.mktemp("hardened"),
        "--query-workers",
        "1",
        "--query-timeout",
        "20",
        "--query-memory",
        "256",
        "--query-queue",
        "2",
        "--max-body",
        "65536",
    ) as live:
        yield live


def _service_queries(port: int) -> list[str]:
    target = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT ?x WHERE {{ FILTER(1 != <urn:x\u00a0#>) SERVICE <{target}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ ?s ?p 2596SERVICE <{target}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ SERVICE <{target}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ VALUES ?where {{ <{target}> }} SERVICE ?where {{ ?x ?p ?o }} }}",
        f"select ?x where {{ optional {{ service silent <{target}> {{ ?x ?p ?o }} }} }}",
    ]


@pytest.mark.parametrize("method", ["get", "post-form", "post-query"])
def test_service_never_leaves_the_machine(hardened: Live, method: str) -> None:
    listener = Listener()
    try:
        for query in _service_queries(listener.port):
            if method == "get":
                r = httpx.get(hardened.url + "sparql", params={"query": query}, headers=JSON, timeout=30)
            elif method == "post-form":
                r = httpx.post(hardened.url + "sparql", data={"query": query}, headers=JSON, timeout=30)
            else:
                r = httpx.post(
                    hardened.url + "sparql",
                    content=query.encode(),
                    headers={**JSON, "Content-Type": "application/sparql-query"},
                    timeout=30,
                )
            assert r.status_code == 400, (query, r.text)
            assert "LEAKED" not in r.text
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


# -- memory and body size --------------------------------------------------------------------------


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_sorting_bomb_stops_at_the_memory_cap(hardened: Live) -> None:
    started = time.monotonic()
    r = httpx.get(hardened.url + "sparql", params={"query": SORT_BOMB}, headers=JSON, timeout=60)
    elapsed = time.monotonic() - started
    assert r.status_code == 503, r.text
    assert "memory" in r.text and "256 MB" in r.text
    assert r.headers["retry-after"].isdigit()
    assert elapsed < 15  # stopped by the memory cap, well before the 20 s timeout
    for pid in children_of(hardened.pid):
        assert _rss_mb(pid) < 700
    ok = httpx.get(hardened.url + "sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=60)
    assert ok.status_code == 200 and ok.json()["boolean"] is True


@pytest.mark.parametrize("chunked", [False, True])
def test_request_body_is_capped(hardened: Live, chunked: bool) -> None:
    big = b"SELECT * WHERE { ?s ?p '" + b"x" * (16 * 2**20) + b"' }"

    def stream() -> Iterator[bytes]:
        for i in range(0, len(big), 2**16):
            yield big[i : i + 2**16]

    before = _rss_mb(hardened.pid)
    try:
        r = httpx.post(
            hardened.url + "sparql",
            content=stream() if chunked else big,
            headers={**JSON, "Content-Type": "application/sparql-query"},
            timeout=60,
        )
        assert r.status_code == 413
        assert "65536 bytes" in r.text
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # the server answered 413 and closed while the body was still being sent
    assert _rss_mb(hardened.pid) < before + 64
    small = httpx.post(
        hardened.url + "sparql",
        content=b"ASK { ?s ?p '" + b"x" * 60000 + b"' }",
        headers={**JSON, "Content-Type": "application/sparql-query"},
        timeout=60,
    )
    assert small.status_code == 200, small.text


def test_no_text_filter_in_the_server() -> None:
    import stdkg.publish.sparql as sparql

    assert not hasattr(sparql, "strip_lexical") and not hasattr(sparql, "_LEXICAL")


# -- saturation and cancellation ---------------------------------------------------------------------


def test_full_queue_answers_503_with_retry_after_and_pages_stay_fast(hardened: Live) -> None:
    # 1 worker + 2 queued: of four runaway queries sent together, one is refused at once
    answers: list[httpx.Response] = []

    def runaway(i: int) -> None:
        with suppress(httpx.HTTPError):
            answers.append(
                httpx.get(
                    hardened.url + "sparql", params={"query": f"{RUNAWAY} # {i}"}, headers=JSON, timeout=60
                )
            )

    threads = [threading.Thread(target=runaway, args=(i,), daemon=True) for i in range(4)]
    started = time.monotonic()
    for t in threads:
        t.start()
    while not answers and time.monotonic() - started < 15:
        time.sleep(0.02)
    assert answers, "a full queue answers at once"
    refused = answers[0]
    assert time.monotonic() - started < 15
    assert refused.status_code == 503 and "too many queries" in refused.text
    assert int(refused.headers["retry-after"]) >= 1
    # the other three hold the pool for the 20 s timeout: another query is refused too
    probe = httpx.get(hardened.url + "sparql", params={"query": "ASK {}"}, headers=JSON, timeout=10)
    assert probe.status_code == 503 and "retry-after" in probe.headers
    # documents (not yet rendered ones included) are answered while the pool is saturated
    for path in ["id/org/itu.html", "id/person/sung-hwan-cho.ttl", "index/bodies.html", "ns.jsonld"]:
        started = time.monotonic()
        d = httpx.get(hardened.url + path, timeout=30)
        took = time.monotonic() - started
        assert d.status_code == 200
        assert took < 1.0, f"{path} took {took:.2f} s with the query pool saturated"
    for t in threads:
        t.join(60)
    assert sorted(a.status_code for a in answers) == [503] * 4  # three stopped at the timeout


def test_abandoned_query_is_cancelled(hardened: Live) -> None:
    worker = children_of(hardened.pid)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(hardened.url + "sparql", params={"query": RUNAWAY}, headers=JSON, timeout=1.0)
    # the only worker was busy with the abandoned query: it is stopped, not left to run 20 s
    started = time.monotonic()
    r = httpx.get(hardened.url + "sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=30)
    assert r.status_code == 200 and r.json()["boolean"] is True
    assert time.monotonic() - started < 5
    assert worker - children_of(hardened.pid), "the worker that ran the abandoned query was replaced"


# -- stopping ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_everything_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    with serving(tmp_path, "--query-workers", "2", "--query-timeout", "60") as live:
        assert list(live.tmp.iterdir()), "the store copy lives in TMPDIR"
        threads = [_in_background(live.url, RUNAWAY + f" # {i}", timeout=90) for i in range(3)]
        time.sleep(1.0)
        family = children_of(live.pid)
        assert len(family) >= 2
        started = time.monotonic()
        os.kill(live.pid, sig)
        code = live.proc.wait(10)
        took = time.monotonic() - started
        err = live.proc.stderr.read().decode() if live.proc.stderr else ""
        assert code == 0, err
        assert took < 5
        assert "Traceback" not in err and "ConnectionResetError" not in err
        assert f"stopped ({sig.name})" in err
        assert not list(live.tmp.iterdir()), "the store copy is removed"
        assert not _wait_gone(family, 5), "every worker and the resource tracker are gone"
        for t in threads:
            t.join(10)


def test_sigkill_takes_the_workers_along(tmp_path: Path) -> None:
    with serving(tmp_path, "--query-workers", "3", "--query-timeout", "60") as live:
        threads = [_in_background(live.url, RUNAWAY + f" # {i}", timeout=90) for i in range(3)]
        time.sleep(1.0)
        family = children_of(live.pid)
        assert len(family) >= 3
        os.kill(live.pid, signal.SIGKILL)
        live.proc.wait(10)
        left = _wait_gone(family, 10)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, "orphans after SIGKILL of the server"
        for t in threads:
            t.join(10)


def test_sigterm_while_starting_leaves_nothing(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    cmd = [sys.executable, "-m", "stdkg", "serve", "--port", str(port), "--query-workers", "2"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(tmp)}
    )
    try:
        deadline = time.monotonic() + 60
        while not list(tmp.iterdir()) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert list(tmp.iterdir()), "the store copy is being written"
        family = children_of(proc.pid)
        os.kill(proc.pid, signal.SIGTERM)
        code = proc.wait(15)
        err = proc.stderr.read().decode() if proc.stderr else ""
        assert code == 0, err
        assert "Traceback" not in err
        assert not list(tmp.iterdir())
        assert not _wait_gone(family | children_of(proc.pid), 5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        if proc.stderr:
            proc.stderr.close()
