"""The pieces of a replacing load into Oxigraph that need no server: diff, swap request, upload body."""

from __future__ import annotations

import http.client
import http.server
from collections.abc import Iterator
from typing import ClassVar

import pytest

from stdkg import stores
from stdkg.endpoints import resolve
from stdkg.stores import Payload, _diff, _swap_request, _Upload, has_blank_nodes
from tests.servers import serve_handler

A = b"<https://w3id.org/stdkg/id/a> <http://p> <http://o> ."
B = b'<https://w3id.org/stdkg/id/b> <http://p> "b"@en .'
C = b'<https://w3id.org/stdkg/id/c> <http://p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .'


def _payload(graph: str | None, *lines: bytes) -> Payload:
    data = b"".join(line + b"\n" for line in lines)
    return Payload(graph, data, len(lines), has_blank_nodes(data))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (A + b"\n", False),
        (b"_:b0 <http://p> <http://o> .\n", True),
        (A + b"\n<http://s> <http://p> _:b1 .\n", True),
        (A + b"\n_:b2 <http://p> <http://o> .\n", True),
        (b'<http://s> <http://p> "_:not a node" .\n', False),
        (b"<http://s> <http://p> <<( _:b3 <http://p> <http://o> )>> .\n", True),
        (b"", False),
    ],
)
def test_has_blank_nodes(text: bytes, expected: bool) -> None:
    assert has_blank_nodes(text) is expected


def test_diff_is_line_set_difference() -> None:
    diff = _diff(_payload("http://g", B, C), A + b"\n" + B + b"\n" + A + b"\n")
    assert diff.before == 2
    assert diff.removed == [A]
    assert diff.added == [C]
    assert diff.size == len(A) + len(C) + 2
    same = _diff(_payload("http://g", A, B), B + b"\n" + A + b"\n")
    assert (same.removed, same.added, same.before) == ([], [], 2)


def test_swap_request_data_form_and_its_undo() -> None:
    named = _diff(_payload("http://g", B, C), A + b"\n" + B + b"\n")
    default = _diff(_payload(None, A), C + b"\n")
    forward = _swap_request([named, default], staged=False)
    assert forward == (
        b"DELETE DATA { GRAPH <http://g> {\n" + A + b"\n}\n} ;\n"
        b"INSERT DATA { GRAPH <http://g> {\n" + C + b"\n}\n} ;\n"
        b"DELETE DATA {\n" + C + b"\n} ;\n"
        b"INSERT DATA {\n" + A + b"\n}"
    )
    undo = _swap_request([named], staged=False, undo=True)
    assert undo == (
        b"DELETE DATA { GRAPH <http://g> {\n" + C + b"\n}\n} ;\n"
        b"INSERT DATA { GRAPH <http://g> {\n" + A + b"\n}\n}"
    )


def test_swap_request_staged_form_reads_the_staging_graphs() -> None:
    named = _diff(_payload("http://g", B, C), A + b"\n" + B + b"\n")
    only_added = _diff(_payload(None, A, B), B + b"\n")
    text = _swap_request([named, only_added], staged=True).decode()
    removed, added = "http://g" + stores.REMOVED_SUFFIX, "http://g" + stores.ADDED_SUFFIX
    default_added = stores.DEFAULT_GRAPH + "/default" + stores.ADDED_SUFFIX
    assert text.split(" ;\n") == [
        f"DELETE {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{removed}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{added}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{default_added}> {{ ?s ?p ?o }} }}",
    ]
    undo = _swap_request([named], staged=True, undo=True).decode()
    assert undo.split(" ;\n") == [
        f"DELETE {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{added}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{removed}> {{ ?s ?p ?o }} }}",
    ]


def test_upload_reports_lines_once_even_when_sent_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Upload, "REPORT_EVERY", 10)
    data = b"".join(b"line %d\n" % i for i in range(20))
    seen: list[int] = []
    body = _Upload(data, seen.append)
    assert len(body) == len(data)
    assert b"".join(iter(lambda: body.read(8), b"")) == data
    assert sum(seen) == 20 and len(seen) > 2
    body.rewind()
    assert body.read(len(data) // 2) == data[: len(data) // 2]
    assert body.read() == data[len(data) // 2 :]
    assert sum(seen) == 20  # a second send reports nothing new


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
    client = stores.Client(resolve("oxigraph", recorder))
    client.gsp_send("POST", "http://g", data, bulk=True, progress=seen.append)
    [(path, chunked, body)] = _Recorder.requests
    assert path == "/store?graph=http%3A%2F%2Fg&no_transaction"
    assert chunked is None and body == data
    assert sum(seen) == 50_000


def test_large_updates_are_given_longer_to_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    def answer(self, method, url, body, headers, wait_for):  # type: ignore[no-untyped-def]
        waits.append(wait_for)
        return stores.Response(204, http.client.HTTPMessage(), b"")

    monkeypatch.setattr(stores.Client, "_send_with_auth", answer)
    client = stores.Client(resolve("oxigraph", "http://127.0.0.1:9", timeout=2))
    client.update("DROP SILENT GRAPH <http://g>")
    client.update("DROP SILENT GRAPH <http://g>", changes=3_000_000)
    assert waits == [300.0, 3_000_000 / stores.SLOWEST_WRITES]
