"""HTTP to a store (httpx): retries, timeouts, streamed uploads, Digest, redirects, error fields.

Stand-in servers on 127.0.0.1 only; no real store needed.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from stdkg.stores import http as store_http
from stdkg.stores.errors import AuthenticationFailed, HTTPFailure, NoAnswer, Unreachable
from stdkg.stores.http import Client, Upload
from stdkg.stores.profiles import Credentials, Endpoints, resolve
from tests.servers import serve_handler
from tests.stores_support import closed_port, silent_server

__all__ = ["silent_server"]  # a fixture, used below


def test_client_retries_idempotent_requests_only() -> None:
    port = closed_port()
    waits: list[float] = []
    with Client(resolve("oxigraph", f"http://127.0.0.1:{port}", timeout=5), sleep=waits.append) as client:
        with pytest.raises(Unreachable) as info:
            client.count("http://g")
        assert waits == [0.25, 0.5, 1.0]
        assert client.requests == 4
    assert (info.value.url, info.value.reason) == (f"http://127.0.0.1:{port}/query", "connection refused")
    assert str(info.value) == f"cannot reach http://127.0.0.1:{port}/query: connection refused"


def test_silent_store_no_answer_within_the_timeout(silent_server: int) -> None:
    started = time.monotonic()
    ep = resolve("oxigraph", f"http://127.0.0.1:{silent_server}", timeout=0.5)
    with Client(ep, retries=0) as client, pytest.raises(NoAnswer) as info:
        client.gsp_get("http://g")
    assert time.monotonic() - started < 5
    assert info.value.seconds == 0.5
    assert str(info.value) == f"http://127.0.0.1:{silent_server}/store did not answer within 0.5 s (timeout)"
    assert info.value.phrase({"timeout": "--timeout"}).endswith("within 0.5 s (--timeout)")


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
        elif self.path == "/moved":
            self.send_response(307)
            self.send_header("Location", "/update")
            self.send_header("Content-Length", "0")
            self.end_headers()
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
    with Client(ep, sleep=waits.append) as client:
        assert client.count("http://g") == 3
        assert waits == [0.25]
        client.update("DROP SILENT GRAPH <http://g>")
    assert _FakeStore.calls == ["/query", "/query", "/update"]


def test_a_redirected_write_is_an_error_not_a_success(fake_store: str) -> None:
    with Client(resolve(update=fake_store + "/moved")) as client, pytest.raises(HTTPFailure) as info:
        client.update("DROP SILENT GRAPH <http://g>")
    assert (info.value.method, info.value.status) == ("POST", 307)
    assert str(info.value) == (
        f"POST {fake_store}/moved failed: HTTP 307 redirected to {fake_store}/update: give that URL"
    )
    assert _FakeStore.calls == ["/moved"]


def test_upload_reports_lines_once_even_when_sent_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Upload, "BLOCK", 8)
    monkeypatch.setattr(Upload, "REPORT_EVERY", 10)
    data = b"".join(b"line %d\n" % i for i in range(20))
    seen: list[int] = []
    body = Upload(data, seen.append)
    assert len(body) == len(data)
    assert b"".join(body) == data
    assert sum(seen) == 20 and len(seen) > 2
    assert b"".join(body) == data  # a second pass (a retry, a Digest challenge) sends it all again
    assert sum(seen) == 20  # and reports nothing new


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str | None, bytes]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        self.requests.append((self.path, self.headers.get("Transfer-Encoding"), body))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.requests = []
    with serve_handler(_Recorder) as url:
        yield url


def test_streamed_bulk_post_sends_the_whole_body_with_its_length(recorder: str) -> None:
    data = b"".join(b"<http://s> <http://p> <http://o/%d> .\n" % i for i in range(50_000))
    seen: list[int] = []
    with Client(resolve("oxigraph", recorder)) as client:
        client.gsp_send("POST", "http://g", data, bulk=True, progress=seen.append)
    [(path, chunked, body)] = _Recorder.requests
    assert path == "/store?graph=http%3A%2F%2Fg&no_transaction"
    assert chunked is None and body == data
    assert sum(seen) == 50_000


def test_large_updates_are_given_longer_to_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    def answer(self, method, url, body, headers, wait_for):  # type: ignore[no-untyped-def]
        waits.append(wait_for)
        return httpx.Response(204)

    monkeypatch.setattr(store_http.Client, "_send", answer)
    with Client(resolve("oxigraph", "http://127.0.0.1:9", timeout=2)) as client:
        client.update("DROP SILENT GRAPH <http://g>")
        client.update("DROP SILENT GRAPH <http://g>", changes=3_000_000)
    assert waits == [300.0, 3_000_000 / store_http.SLOWEST_WRITES]


# -- Digest (httpx.DigestAuth) against a stand-in that checks the response ----------------------

REALM, NONCE, USER, PASSWORD = "stdkg-test", "f00dfeed", "writer", "s3cret-digest"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class _DigestStore(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, bool, int]]] = []  # (method, authorized, body bytes received)

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Digest "):
            return False
        fields = dict(
            part.strip().split("=", 1) for part in header[len("Digest ") :].split(",") if "=" in part
        )
        value = {k: v.strip('"') for k, v in fields.items()}
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{value.get('uri')}")
        expected = _md5(f"{ha1}:{NONCE}:{value.get('nc')}:{value.get('cnonce')}:auth:{ha2}")
        return value.get("username") == USER and value.get("response") == expected

    def _handle(self) -> None:
        authorized = self._authorized()
        length = int(self.headers.get("Content-Length") or 0)
        received = len(self.rfile.read(length)) if length else 0
        self.seen.append((self.command, authorized, received))
        if not authorized:
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"')
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_HEAD = do_GET = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def digest_store() -> Iterator[str]:
    _DigestStore.seen = []
    with serve_handler(_DigestStore) as url:
        yield url


def _digest_endpoints(url: str, password: str) -> Endpoints:
    return Endpoints(
        store="virtuoso", update=url + "/update", credentials=Credentials(USER, password, "digest")
    )


def test_digest_sends_a_large_body_once(digest_store: str) -> None:
    body = b"INSERT DATA { " + b"<http://s> <http://p> <http://o> . " * 10_000 + b"}"
    with Client(_digest_endpoints(digest_store, PASSWORD)) as client:
        client.update(body)
        client.update("DROP SILENT GRAPH <http://g>")
    # the challenge is fetched without a body; the body then goes out once, authorized
    assert _DigestStore.seen == [
        ("HEAD", False, 0),
        ("HEAD", True, 0),
        ("POST", True, len(body)),
        ("POST", True, len("DROP SILENT GRAPH <http://g>")),
    ]


def test_digest_wrong_password_is_refused_by_name_never_shown(digest_store: str) -> None:
    with (
        Client(_digest_endpoints(digest_store, "wrong-pw")) as client,
        pytest.raises(AuthenticationFailed) as info,
    ):
        client.update("DROP SILENT GRAPH <http://g>")
    assert (info.value.status, info.value.user, info.value.scheme) == (401, USER, "digest")
    assert (
        str(info.value)
        == f"{digest_store}/update refused the credentials of user 'writer' (digest auth, HTTP 401)"
    )
    assert "wrong-pw" not in str(info.value)


def test_no_credentials_names_the_settings_that_give_them(digest_store: str) -> None:
    with (
        Client(resolve(update=digest_store + "/update")) as client,
        pytest.raises(AuthenticationFailed) as info,
    ):
        client.update("DROP SILENT GRAPH <http://g>")
    assert info.value.user is None
    assert info.value.phrase({"user": "--user", "password_env": "--password-env"}) == (
        f"{digest_store}/update needs credentials: give --user and --password-env VAR (HTTP 401)"
    )


def test_https_verifies_certificates(tmp_path: Path) -> None:
    """Plain http skips loading certificates; https still verifies them (a self-signed one fails)."""
    import shutil
    import ssl
    import subprocess

    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeStore)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"https://127.0.0.1:{server.server_address[1]}/query"
        with Client(resolve(query=url, timeout=5), retries=0) as client, pytest.raises(Unreachable) as info:
            client.count("http://g")
        assert "CERTIFICATE_VERIFY_FAILED" in info.value.reason or "certificate" in info.value.reason
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
