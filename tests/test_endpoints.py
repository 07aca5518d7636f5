"""Endpoint profiles, credentials, the HTTP client's failure modes — no real store needed."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from stdkg.cli import cli
from stdkg.endpoints import Credentials, Endpoints, profile_urls, resolve
from stdkg.errors import InputError, StoreError
from stdkg.stores import (
    Client,
    _Challenge,
    _digest_header,
    batches,
    normalise_literal,
    payload_from_bytes,
)
from tests.servers import serve_handler

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


@pytest.mark.parametrize(
    ("store", "base", "expected"),
    [
        (
            "oxigraph",
            "http://h:7878/",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        (
            "virtuoso",
            "http://h:8890",
            ("http://h:8890/sparql", "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth"),
        ),
        (
            "fuseki",
            "http://h:3030/stdkg",
            ("http://h:3030/stdkg/query", "http://h:3030/stdkg/update", "http://h:3030/stdkg/data"),
        ),
        (
            "graphdb",
            "http://h:7200/repositories/kg",
            (
                "http://h:7200/repositories/kg",
                "http://h:7200/repositories/kg/statements",
                "http://h:7200/repositories/kg/rdf-graphs/service",
            ),
        ),
    ],
)
def test_profiles(store: str, base: str, expected: tuple[str, str, str]) -> None:
    urls = profile_urls(store, base)
    assert (urls["query"], urls["update"], urls["gsp"]) == expected


def test_overrides_one_by_one_and_generic() -> None:
    ep = resolve("oxigraph", "http://h:1", update="http://other:2/up")
    assert (ep.query, ep.update, ep.gsp) == ("http://h:1/query", "http://other:2/up", "http://h:1/store")
    generic = resolve(query="http://q/sparql")
    assert (generic.store, generic.query, generic.update, generic.gsp) == (
        "generic",
        "http://q/sparql",
        None,
        None,
    )
    assert resolve("virtuoso", "http://h:8890").default_graph_writable is False
    assert resolve("oxigraph", "http://h:1").default_graph_writable is True


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"store": "graphdb", "url": "http://h:7200"}, "repositories/REPO"),
        ({"store": "nope", "url": "http://h"}, "unknown store"),
        ({"store": "oxigraph"}, "needs --url"),
        ({"url": "http://h"}, "--url needs --store"),
        ({"store": "oxigraph", "url": "ftp://h"}, r"not an http\(s\) URL"),
        ({"store": "oxigraph", "url": "http://u:secret@h"}, "credentials inside the URL"),
        ({"store": "oxigraph", "url": "http://h", "timeout": 0}, "--timeout"),
    ],
)
def test_bad_endpoint_options(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        resolve(**kwargs)  # type: ignore[arg-type]
    assert "secret" not in str(info.value)


def test_credentials_from_env_and_netrc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_STORE_PW", "s3cret-env")
    ep = resolve("virtuoso", "http://h:8890", user="writer", password_env="MY_STORE_PW")
    assert ep.credentials == Credentials("writer", "s3cret-env", "digest")
    assert "s3cret" not in repr(ep) and "s3cret" not in str(ep.credentials) and "s3cret" not in ep.describe()
    basic = resolve("fuseki", "http://h:3030/ds", user="writer", password_env="MY_STORE_PW")
    assert basic.credentials is not None and basic.credentials.scheme == "basic"

    rc = tmp_path / "netrc"
    rc.write_text("machine h login netuser password s3cret-netrc\n")
    rc.chmod(0o600)
    from_rc = resolve("oxigraph", "http://h:7878", netrc_file=str(rc))
    assert from_rc.credentials == Credentials("netuser", "s3cret-netrc", "basic")
    assert resolve("oxigraph", "http://other:7878", netrc_file=str(rc)).credentials is None

    with pytest.raises(InputError, match="MISSING_VAR is not set"):
        resolve("oxigraph", "http://h", user="u", password_env="MISSING_VAR")
    with pytest.raises(InputError, match="no password for user 'u'"):
        resolve("oxigraph", "http://nohost", user="u", netrc_file=str(rc))


def test_digest_response_matches_rfc_2617(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stdkg.stores.os.urandom", lambda n: bytes.fromhex("0a4f113b"))
    challenge = _Challenge(
        {
            "realm": "testrealm@host.com",
            "qop": "auth,auth-int",
            "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "opaque": "5ccc069c403ebaf9f0171e9517f40e41",
        }
    )
    header = _digest_header(
        Credentials("Mufasa", "Circle Of Life", "digest"), challenge, "GET", "http://h/dir/index.html"
    )
    assert 'response="6629fae49393a05397450978507c4ef1"' in header
    assert "nc=00000001" in header and "Circle" not in header


def test_batches_cut_at_line_ends() -> None:
    data = b"".join(f'<http://s/{i}> <http://p> "{"x" * (i % 7)}" .\n'.encode() for i in range(1000))
    chunks = list(batches(data, 1000, 90))
    assert b"".join(c for c, _ in chunks) == data
    assert sum(n for _, n in chunks) == 1000
    assert all(c.endswith(b"\n") and n == c.count(b"\n") for c, n in chunks)
    assert 8 <= len(chunks) <= 14
    assert list(batches(data, 1000, 5000)) == [(data, 1000)]
    assert list(batches(b"", 0, 10)) == []


def test_payload_is_normalised_like_stores() -> None:
    ttl = (
        b'<http://a> <http://p> "x"@en-GB, "007"^^<http://www.w3.org/2001/XMLSchema#integer>, '
        b'"7"^^<http://www.w3.org/2001/XMLSchema#integer>, "x"^^<http://www.w3.org/2001/XMLSchema#string>, "x" .'
    )
    from stdkg.formats import RdfFormat

    payload = payload_from_bytes("http://g", ttl, RdfFormat.TURTLE)
    assert payload.triples == 3
    assert b"@en-gb" in payload.data and not payload.blank_nodes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("A", None, "en-GB"), ("A", "@en-gb")),
        (("x", "http://www.w3.org/2001/XMLSchema#string", None), ("x", "")),
        (
            ("007", "http://www.w3.org/2001/XMLSchema#integer", None),
            ("7", "http://www.w3.org/2001/XMLSchema#integer"),
        ),
        (
            ("1", "http://www.w3.org/2001/XMLSchema#boolean", None),
            ("true", "http://www.w3.org/2001/XMLSchema#boolean"),
        ),
        (
            ("1.50", "http://www.w3.org/2001/XMLSchema#decimal", None),
            ("1.5", "http://www.w3.org/2001/XMLSchema#decimal"),
        ),
        (
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double", None),
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double"),
        ),
        (
            ("1e3", "http://www.w3.org/2001/XMLSchema#double", None),
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double"),
        ),
        (
            ("2025-12-02", "http://www.w3.org/2001/XMLSchema#date", None),
            ("2025-12-02", "http://www.w3.org/2001/XMLSchema#date"),
        ),
    ],
)
def test_normalise_literal(args: tuple[str, str | None, str | None], expected: tuple[str, str]) -> None:
    assert normalise_literal(*args) == expected


# -- failure modes without a store ----------------------------------------------------------------


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(sock.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        sock.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_endpoint_is_one_line_exit_2(runner, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STORE_PW", "pw-never-shown")
    port = _closed_port()
    result = runner.invoke(
        cli,
        [
            *("--kg", str(FIXTURES), "load", "--store", "oxigraph", "--url", f"http://127.0.0.1:{port}"),
            *("--timeout", "2", "--user", "u", "--password-env", "STORE_PW"),
        ],
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    # a replacing load into Oxigraph first reads the target graph back
    assert lines == [f"stdkg: error: cannot reach http://127.0.0.1:{port}/store: connection refused"]
    assert "pw-never-shown" not in result.output + result.stderr


def test_silent_endpoint_fails_within_the_timeout(runner, silent_server: int) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        cli,
        [
            *("--kg", str(FIXTURES), "load", "--store", "oxigraph"),
            *("--url", f"http://127.0.0.1:{silent_server}", "--timeout", "1"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"stdkg: error: http://127.0.0.1:{silent_server}/store did not answer within 1 s (--timeout)"
    ]


def test_client_retries_idempotent_requests_only() -> None:
    port = _closed_port()
    waits: list[float] = []
    client = Client(resolve("oxigraph", f"http://127.0.0.1:{port}", timeout=5), sleep=waits.append)
    with pytest.raises(StoreError, match="connection refused"):
        client.count("http://g")
    assert waits == [0.25, 0.5, 1.0]
    assert client.requests == 4


def test_load_and_dump_need_a_store(runner) -> None:  # type: ignore[no-untyped-def]
    for command in (["load"], ["dump"]):
        result = runner.invoke(cli, ["--kg", str(FIXTURES), *command])
        assert result.exit_code == 2
        assert "no store given" in result.stderr


def test_help_lists_endpoint_options(runner) -> None:  # type: ignore[no-untyped-def]
    for command in ("load", "dump"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        options = ["--store", "--url", "--query-endpoint", "--update-endpoint", "--gsp-endpoint"]
        options += ["--user", "--password-env", "--auth", "--timeout"]
        assert all(option in result.output for option in options)


def test_endpoints_dataclass_defaults() -> None:
    assert Endpoints().urls() == {}


# -- a fake store: retries on 503, writes may take longer than --timeout ----------------------------


class _FakeStore(http.server.BaseHTTPRequestHandler):
    calls: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.calls.append(self.path)
        if self.path == "/query" and self.calls.count("/query") == 1:
            self._answer(503, b"busy")
        elif self.path == "/query":
            body = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"3"}}]}}'
            self._answer(200, body, "application/sparql-results+json")
        else:
            time.sleep(1.5)  # longer than --timeout: a write is allowed more
            self._answer(204, b"")

    def _answer(self, status: int, body: bytes, ctype: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_store() -> Iterator[str]:
    _FakeStore.calls = []
    with serve_handler(_FakeStore) as url:
        yield url


def test_retry_after_503_and_patience_for_writes(fake_store: str) -> None:
    waits: list[float] = []
    ep = resolve(query=fake_store + "/query", update=fake_store + "/update", timeout=1)
    client = Client(ep, sleep=waits.append)
    assert client.count("http://g") == 3
    assert waits == [0.25]
    client.update("DROP SILENT GRAPH <http://g>")
    assert _FakeStore.calls == ["/query", "/query", "/update"]
