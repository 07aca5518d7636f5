"""HTTP to one store through httpx: the Graph Store Protocol, SPARQL Update, and the SELECT/CONSTRUCT
requests a load needs to count and read back.

httpx does the HTTP: Basic and Digest authentication (``httpx.DigestAuth``; its challenge is
fetched with a body-less request before a large body, so the body is not sent twice), kept-alive
connections, streamed uploads. Here: timeouts (a write may take much longer to answer than a read),
retries with backoff for idempotent requests, and one-line errors (:mod:`stdkg.stores.errors`).
Passwords never appear in a message. Nothing here prints: upload progress goes to a callback.

Queries a user runs go through SPARQLWrapper (:mod:`stdkg.queries.remote`), with the same wording.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from ..errors import InputError, StoreError
from ..formats import RdfFormat
from .errors import (
    AuthenticationFailed,
    BadAnswer,
    ConnectionBroken,
    HTTPFailure,
    NoAnswer,
    SettingError,
    Unreachable,
    short_url,
)
from .profiles import Credentials, Endpoints

NT = "application/n-triples"
SPARQL_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = f"{NT}, text/plain;q=0.9, text/turtle;q=0.8"

#: Triples per second a store deletes or inserts in one transaction, at the least (Oxigraph measured
#: about 10 000-25 000 here): a large update is given this long to answer.
SLOWEST_WRITES = 2_000

_RETRY_STATUS = {429, 502, 503, 504}
#: A body larger than this is sent only once a Digest challenge is known.
_PRIME_DIGEST_ABOVE = 65536


class Upload(httpx.SyncByteStream):
    """A request body sent in blocks, reporting the lines (triples) sent as it goes.

    Stores parse a Graph Store body while it arrives, so what has been sent tracks what has been
    read. The body can be sent again (a retry, a Digest challenge); a second pass reports only the
    lines beyond the furthest point already reported.
    """

    BLOCK = 1 << 20
    REPORT_EVERY = 4 << 20  # bytes

    def __init__(self, data: bytes, on_lines: Callable[[int], None]) -> None:
        self._data = memoryview(data)
        self._on_lines = on_lines
        self._reported = 0  # bytes whose lines were reported

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[bytes]:
        size = len(self._data)
        for start in range(0, size, self.BLOCK):
            end = min(size, start + self.BLOCK)
            yield bytes(self._data[start:end])
            if end - self._reported >= self.REPORT_EVERY or (end == size and end > self._reported):
                self._on_lines(self._data[self._reported : end].tobytes().count(b"\n"))
                self._reported = end


class _Transient(Exception):
    """A failure worth retrying when the request is idempotent (``sent``: it may have arrived)."""

    def __init__(self, error: StoreError, sent: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.sent = sent


def detail(body: bytes, limit: int = 200) -> str:
    """The first informative words of an error body, on one line."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"(?is)<(script|style|head).*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 8:
        yield current
        current = current.__cause__ or current.__context__
        seen += 1


def transport_error(url: str, exc: BaseException, seconds: float) -> _Transient:
    """The one-line error for a request that got no HTTP answer."""
    causes = list(_causes(exc))
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return _Transient(Unreachable(url, "connection refused"), sent=False)
    if any(isinstance(c, socket.gaierror) for c in causes):
        return _Transient(Unreachable(url, "unknown host"), sent=False)
    if isinstance(exc, httpx.ConnectTimeout):
        return _Transient(NoAnswer(url, seconds), sent=False)
    if isinstance(exc, httpx.TimeoutException):
        return _Transient(NoAnswer(url, seconds), sent=True)
    if isinstance(exc, httpx.ConnectError):
        oserror = next((c for c in causes if isinstance(c, OSError)), None)
        text = (oserror.strerror if oserror else None) or str(exc) or type(exc).__name__
        return _Transient(Unreachable(url, text), sent=False)
    text = str(exc) or type(exc).__name__
    return _Transient(ConnectionBroken(url, text), sent=True)


class Client:
    """HTTP to one store's endpoints, with authentication, timeouts and retries.

    Use it as a context manager (or call :meth:`close`): it keeps connections open between requests.
    """

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        retries: int = 3,
        backoff: float = 0.25,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoints = endpoints
        self.timeout = endpoints.timeout
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        #: How long a write (a load, MOVE, DROP) may take to be answered: stores answer only when done.
        self.write_timeout = max(self.timeout * 10, 300.0)
        self.requests = 0
        creds = endpoints.credentials
        self._digest = creds is not None and creds.scheme == "digest"
        self._primed = False
        # an idle connection is dropped well before a store would close it under a request
        limits = httpx.Limits(keepalive_expiry=2.0)
        self._http = httpx.Client(
            auth=_auth(creds),
            # plain http needs no certificates: loading them costs ~50 ms per client, so the https
            # transport (verifying as usual) is made when a request first needs it
            transport=httpx.HTTPTransport(verify=False, limits=limits),
            mounts={"https://": _TLSOnFirstUse(limits)},
            event_hooks={"request": [self._counted]},
            trust_env=False,
        )

    def _counted(self, request: httpx.Request) -> None:
        self.requests += 1

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def credentials(self) -> Credentials | None:
        return self.endpoints.credentials

    # -- one request -------------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | Upload | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool,
        accept_status: Sequence[int] = (),
        write: bool = False,
        patience: float = 0.0,
    ) -> httpx.Response:
        """Send a request; raise a one-line :class:`StoreError` unless it succeeds.

        Connecting always has ``timeout`` seconds; the answer to a ``write`` has ``write_timeout``,
        or ``patience`` seconds if that is longer. Idempotent requests are retried with backoff
        after a failed connection or a 429/502/503/504 answer.
        """
        wait_for = max(self.write_timeout if write else self.timeout, patience)
        if self._digest and not self._primed and body is not None and len(body) > _PRIME_DIGEST_ABOVE:
            self._prime_digest(url)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send(method, url, body, dict(headers or {}), wait_for)
            except _Transient as exc:
                if exc.sent and not idempotent:
                    raise exc.error from None
                wait = self.backoff * 2 ** (attempt - 1)
                if attempt > self.retries or time.monotonic() - started + wait >= wait_for:
                    raise exc.error from None
                self._sleep(wait)
                continue
            if response.status_code < 300 or response.status_code in accept_status:
                return response
            if response.status_code in _RETRY_STATUS and idempotent and attempt <= self.retries:
                wait = self.backoff * 2 ** (attempt - 1)
                if time.monotonic() - started + wait < wait_for:
                    self._sleep(wait)
                    continue
            raise self._http_error(method, url, response)

    def _send(
        self, method: str, url: str, body: bytes | Upload | None, headers: dict[str, str], wait_for: float
    ) -> httpx.Response:
        """One exchange (with its authentication round trip); no HTTP answer raises :class:`_Transient`."""
        if isinstance(body, Upload):
            headers["Content-Length"] = str(len(body))
        timeout = httpx.Timeout(self.timeout, read=wait_for, write=wait_for)
        try:
            return self._http.request(
                method,
                url,
                content=body,
                headers=headers,
                timeout=timeout,
                # a redirected write would lose its body: only reads follow redirects
                follow_redirects=method in ("GET", "HEAD"),
            )
        except (httpx.TransportError, OSError) as exc:
            raise transport_error(url, exc, wait_for) from None
        except (KeyError, NotImplementedError):
            if not self._digest:
                raise
            # a Digest algorithm or qop that httpx does not implement
            raise HTTPFailure(method, url, 401, "unsupported Digest challenge") from None

    def _prime_digest(self, url: str) -> None:
        """Learn the Digest challenge with a body-less request, so a large body goes out once."""
        self._primed = True
        with contextlib.suppress(_Transient, StoreError):
            self._send("HEAD", url, None, {}, self.timeout)

    def _http_error(self, method: str, url: str, response: httpx.Response) -> StoreError:
        creds = self.credentials
        status = response.status_code
        if status in (401, 403):
            return AuthenticationFailed(
                url,
                status,
                user=creds.user if creds else None,
                scheme=creds.scheme if creds else None,
                detail=detail(response.content),
            )
        if 300 <= status < 400:
            where = str(httpx.URL(url).join(response.headers.get("Location", "")))
            return HTTPFailure(method, url, status, f"redirected to {short_url(where)}: give that URL")
        return HTTPFailure(method, url, status, detail(response.content))

    # -- SPARQL --------------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        """Run a SELECT on the query endpoint; the JSON result bindings."""
        url = self.need("query")
        response = self.request(
            "POST",
            url,
            body=urlencode({"query": sparql}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": SPARQL_JSON},
            idempotent=True,
        )
        try:
            data = json.loads(response.content.decode("utf-8"))
            return list(data["results"]["bindings"])
        except (ValueError, KeyError, TypeError):
            raise BadAnswer(
                url, f"did not answer with SPARQL JSON results: {detail(response.content, 80)}"
            ) from None

    def update(self, sparql: str | bytes, *, idempotent: bool = False, changes: int = 0) -> None:
        """Run an update; ``changes`` (about how many triples it deletes or inserts) extends the wait
        for its answer beyond ``write_timeout`` when it is large."""
        body = sparql.encode("utf-8") if isinstance(sparql, str) else sparql
        self.request(
            "POST",
            self.need("update"),
            body=body,
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            idempotent=idempotent,
            write=True,
            patience=changes / SLOWEST_WRITES,
        )

    def count(self, graph: str | None) -> int:
        """Triples in a named graph (``None``: the default graph)."""
        if self.endpoints.query:
            where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
            rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
            try:
                return int(rows[0]["n"]["value"])
            except (IndexError, KeyError, ValueError):
                raise BadAnswer(self.endpoints.query, "gave no count") from None
        data = self.gsp_get(graph)
        return 0 if data is None else data.count(b"\n")

    def construct(self, graph: str | None) -> bytes:
        """A graph as N-Triples through a CONSTRUCT on the query endpoint."""
        url = self.need("query")
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        response = self.request(
            "POST",
            url,
            body=urlencode({"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": GRAPH_ACCEPT},
            idempotent=True,
        )
        return to_ntriples(response, url)

    # -- Graph Store Protocol ------------------------------------------------------------------
    def gsp_url(self, graph: str | None) -> str:
        base = self.need("gsp")
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}default" if graph is None else f"{base}{sep}graph={quote(graph, safe='')}"

    def gsp_send(
        self,
        method: str,
        graph: str | None,
        data: bytes,
        *,
        bulk: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """PUT or POST N-Triples; ``bulk`` lets Oxigraph skip its transaction (private graphs only).

        ``progress(n)`` is called as lines are sent (the body is then streamed in blocks).
        """
        url = self.gsp_url(graph)
        if bulk and self.endpoints.store == "oxigraph":
            url += "&no_transaction"
        self.request(
            method,
            url,
            body=Upload(data, progress) if progress else data,
            headers={"Content-Type": f"{NT}; charset=utf-8"},
            idempotent=method == "PUT",
            write=True,
        )

    def gsp_delete(self, graph: str | None) -> None:
        self.request("DELETE", self.gsp_url(graph), idempotent=True, accept_status=(404,), write=True)

    def gsp_get(self, graph: str | None) -> bytes | None:
        """The graph as N-Triples, or ``None`` when the store does not have it."""
        url = self.gsp_url(graph)
        response = self.request(
            "GET", url, headers={"Accept": GRAPH_ACCEPT}, idempotent=True, accept_status=(404,)
        )
        if response.status_code == 404:
            return None
        return to_ntriples(response, url)

    def need(self, kind: str) -> str:
        """The ``query``, ``update`` or ``gsp`` URL, or a :class:`SettingError` naming it."""
        url = getattr(self.endpoints, kind)
        if not url:
            raise SettingError(kind, f"no {kind} endpoint: give {{store}} and {{url}}, or {{{kind}}}")
        return str(url)


class _TLSOnFirstUse(httpx.BaseTransport):
    """The https transport, with certificate verification, made on its first request."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limits = limits
        self._transport: httpx.HTTPTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            self._transport = httpx.HTTPTransport(limits=self._limits)
        return self._transport.handle_request(request)

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()


def _auth(creds: Credentials | None) -> httpx.Auth | None:
    if creds is None:
        return None
    if creds.scheme == "digest":
        return httpx.DigestAuth(creds.user, creds.password)
    return httpx.BasicAuth(creds.user, creds.password)


def to_ntriples(response: httpx.Response, url: str) -> bytes:
    """Re-serialize a graph answer (N-Triples, Turtle, RDF/XML) as N-Triples."""
    ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if ctype in (NT, "text/plain", "text/ntriples", ""):
        return response.content
    try:
        fmt = RdfFormat.from_name(ctype)
    except InputError:
        raise BadAnswer(url, f"answered with unsupported type {ctype!r}") from None
    if fmt is RdfFormat.N_TRIPLES:
        return response.content
    import pyoxigraph as ox

    try:
        triples: Any = ox.parse(response.content, format=fmt.to_oxigraph())
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    except SyntaxError as exc:
        raise BadAnswer(url, f"sent unreadable {fmt.short}: {exc}") from None


__all__ = ["SLOWEST_WRITES", "Client", "Upload", "detail", "to_ntriples", "transport_error"]
