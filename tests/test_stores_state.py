"""After a failed load, what the store holds is found out and said (issue 15, "Loads").

A proxy on 127.0.0.1 stands between stdkg and a real Oxigraph server. It forwards every request,
except the one that carries a marker: that one it forwards and then drops the connection without
passing the answer on (the store has applied it; stdkg never hears), or drops before forwarding
(the store never sees it).
"""

from __future__ import annotations

import http.client
import http.server
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from stdkg import stores
from stdkg.stores import state
from stdkg.stores.errors import ConnectionBroken, LoadFailed, Unreachable
from stdkg.stores.profiles import resolve
from tests.servers import OxigraphServer, serve_handler
from tests.stores_support import synthetic_ntriples

G = "https://w3id.org/stdkg/graph/test/state-"


class _Proxy(http.server.BaseHTTPRequestHandler):
    url: ClassVar[str] = ""
    upstream: ClassVar[str] = ""
    marker: ClassVar[bytes] = b""
    forward_marked: ClassVar[bool] = True
    dropped: ClassVar[list[str]] = []

    def _relay(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        marked = bool(self.marker) and self.marker in body and not self.dropped
        if marked and not self.forward_marked:
            self.dropped.append(self.path)
            self.close_connection = True
            return
        parts = urlsplit(self.upstream)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        conn.request(self.command, self.path, body=body or None, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        if marked:  # the store has answered (and committed): the answer is lost on the way back
            self.dropped.append(self.path)
            self.close_connection = True
            return
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def proxy(oxigraph_server: OxigraphServer) -> Iterator[type[_Proxy]]:
    _Proxy.upstream = oxigraph_server.base_url
    _Proxy.marker = b""
    _Proxy.forward_marked = True
    _Proxy.dropped = []
    with serve_handler(_Proxy) as url:
        _Proxy.url = url
        yield _Proxy


def _through(proxy: type[_Proxy]) -> stores.Endpoints:
    return resolve("oxigraph", proxy.url, timeout=10)


def _old_and_new(name: str) -> tuple[stores.Payload, stores.Payload]:
    old = synthetic_ntriples(1548, name)
    new = b"".join(old.splitlines(keepends=True)[:1400]) + synthetic_ntriples(86, name + "-new")
    return stores.Payload(G + name, old, 1548), stores.Payload(G + name, new, 1486)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("forward", "found"),
    [
        (True, "{g} holds the new content (1486 triples): the change took effect"),
        (False, "{g} keeps its previous content (1548 triples)"),
    ],
    ids=["applied-answer-lost", "never-arrived"],
)
def test_lost_swap_answer_oxigraph_diff(
    proxy: type[_Proxy], oxigraph_server: OxigraphServer, forward: bool, found: str
) -> None:
    old, new = _old_and_new("diff-" + str(forward).lower())
    direct = resolve("oxigraph", oxigraph_server.base_url)
    stores.load(direct, [old])
    proxy.marker, proxy.forward_marked = b"DELETE DATA", forward
    with pytest.raises(LoadFailed) as info:
        stores.load(_through(proxy), [new])
    assert proxy.dropped == ["/update"]
    assert isinstance(info.value.cause, ConnectionBroken)
    label = f"<{new.graph}>"
    message = str(info.value)
    assert message.startswith(f"the swap failed: connection to {proxy.url}/update broken: ")
    assert message.endswith("; checked afterwards: " + found.format(g=label))
    assert "keep their previous content" not in message
    assert stores.count(direct, new.graph) == (1486 if forward else 1548)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("forward", "found"),
    [
        (True, "{g} holds the 1486 triples sent (it had 1548): the swap took effect"),
        (False, "{g} keeps its 1548 previous triples; the new ones are in <{g_}--stdkg-staging>"),
    ],
    ids=["applied-answer-lost", "never-arrived"],
)
def test_lost_move_answer_staged(
    proxy: type[_Proxy], oxigraph_server: OxigraphServer, forward: bool, found: str
) -> None:
    old, new = _old_and_new("move-" + str(forward).lower())
    direct = resolve("oxigraph", oxigraph_server.base_url)
    stores.load(direct, [old])
    proxy.marker, proxy.forward_marked = b"MOVE SILENT", forward
    with pytest.raises(LoadFailed) as info:
        stores.load(_through(proxy), [new], protocol="update")
    assert proxy.dropped == ["/update"]
    message = str(info.value)
    assert message.startswith("the swap (MOVE) failed: connection to ")
    assert message.endswith("; checked afterwards: " + found.format(g=f"<{new.graph}>", g_=new.graph))
    assert stores.count(direct, new.graph) == (1486 if forward else 1548)


@pytest.mark.integration
def test_cli_says_what_the_store_holds(
    runner, proxy: type[_Proxy], oxigraph_server: OxigraphServer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """The issue's case, through the command line: exit 2, one line, the state as found."""
    from stdkg.cli import cli

    old, new = _old_and_new("cli")
    stores.load(resolve("oxigraph", oxigraph_server.base_url), [old])
    kg = tmp_path / "new.nt"
    kg.write_bytes(new.data)
    proxy.marker = b"DELETE DATA"
    result = runner.invoke(
        cli,
        ["--kg", str(kg), "load", "--store", "oxigraph", "--url", proxy.url, "--graph", new.graph],
    )
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("stdkg: error: the swap failed: connection to ")
    assert line.endswith(
        f"checked afterwards: <{new.graph}> holds the new content (1486 triples): the change took effect"
    )


# -- the phrases, from a stand-in client ---------------------------------------------------------


class _Stub:
    """Answers ``count``/``gsp_get`` from a table; a missing graph is a store that cannot be asked."""

    def __init__(self, counts: dict[str | None, int], content: bytes | None = None) -> None:
        self.counts = counts
        self.content = content

    def count(self, graph: str | None) -> int:
        if graph not in self.counts:
            raise Unreachable("http://127.0.0.1:9/query", "connection refused")
        return self.counts[graph]

    def gsp_get(self, graph: str | None) -> bytes | None:
        if self.content is None:
            raise Unreachable("http://127.0.0.1:9/store", "connection refused")
        return self.content


@pytest.mark.parametrize(
    ("counts", "before", "sent", "expected"),
    [
        ({"http://g": 20}, 20, 7, "<http://g> holds 20 triples, as before"),
        ({"http://g": 7}, 20, 7, "<http://g> holds 7 triples, the number sent (it had 20)"),
        ({"http://g": 9}, 20, 7, "<http://g> holds 9 triples (20 before, 7 sent)"),
        ({"http://g": 9}, None, None, "<http://g> holds 9 triples"),
        (
            {},
            20,
            7,
            "what <http://g> holds now could not be checked "
            "(cannot reach http://127.0.0.1:9/query: connection refused)",
        ),
    ],
)
def test_holds(counts: dict[str | None, int], before: int | None, sent: int | None, expected: str) -> None:
    assert state.holds(_Stub(counts), "http://g", before=before, sent=sent) == expected  # type: ignore[arg-type]


def test_emptied_and_after_move() -> None:
    assert (
        state.emptied(_Stub({None: 0}), None, True) == "the default graph was empty before and is empty again"
    )  # type: ignore[arg-type]
    assert state.emptied(_Stub({"http://g": 3}), "http://g", False) == (  # type: ignore[arg-type]
        "<http://g> was empty before and now holds 3 triples of this load: drop it or load again"
    )
    odd = state.after_move(_Stub({"http://g": 5, "http://s": 2}), "http://g", "http://s", before=4, sent=3)  # type: ignore[arg-type]
    assert odd == "<http://g> holds 5 triples (4 before, 3 sent) and <http://s> holds 2"


def test_compared() -> None:
    new, old = {b"a", b"b"}, {b"a", b"c"}
    assert state.compared(_Stub({}, b"a\nc\n"), "http://g", new, old) == (  # type: ignore[arg-type]
        "<http://g> keeps its previous content (2 triples)"
    )
    assert state.compared(_Stub({}, b"a\n"), "http://g", new, old) == (  # type: ignore[arg-type]
        "<http://g> holds 1 triple, neither its previous content (2) nor the new one (2)"
    )
    assert state.compared(_Stub({}), "http://g", new, old).startswith(  # type: ignore[arg-type]
        "what <http://g> holds now could not be checked (cannot reach"
    )


@pytest.mark.integration
def test_lost_swap_also_says_what_was_loaded_before(
    proxy: type[_Proxy], oxigraph_server: OxigraphServer
) -> None:
    """Two targets: an empty one (bulk-loaded first) and a full one (its swap answer is lost)."""
    old, new = _old_and_new("two")
    fresh = stores.Payload(G + "two-fresh", synthetic_ntriples(30, "fresh"), 30)
    direct = resolve("oxigraph", oxigraph_server.base_url)
    stores.load(direct, [old])
    proxy.marker = b"DELETE DATA"
    with pytest.raises(LoadFailed) as info:
        stores.load(_through(proxy), [fresh, new])
    assert str(info.value).endswith(
        f"; checked afterwards: <{new.graph}> holds the new content (1486 triples): the change took effect"
        f"; loaded before that: <{fresh.graph}> holds 30 triples (0 before)"
    )
