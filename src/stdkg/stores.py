"""A client for triple stores: SPARQL 1.1 Graph Store Protocol, SPARQL 1.1 Update and Protocol.

``load`` sends graphs as N-Triples in a few large requests (GSP ``POST``/``PUT`` or ``INSERT DATA``)
and verifies the count the store reports. When replacing, readers never see a half-loaded graph: in
general the load goes into a staging graph first, swapped in with one ``MOVE``; into Oxigraph, whose
transactions are slow but whose bulk loader is fast, an empty graph is bulk-loaded and a full one gets
only the difference, in one update request (:func:`_replace_oxigraph`). ``dump`` reads a graph back.

HTTP is the standard library's ``urllib`` with Basic and Digest authentication done here (Digest
challenges are reused, so a large body is not sent twice). Idempotent requests retry with backoff.
Passwords never appear in a message. Nothing here prints: progress goes to a callback.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import http.client
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from .endpoints import Credentials, Endpoints
from .errors import InputError, StdkgError, StoreError
from .formats import RdfFormat

if TYPE_CHECKING:
    from email.message import Message

    from .kg import KG

#: The named graph ``stdkg load`` writes when no ``--graph`` is given.
DEFAULT_GRAPH = "https://w3id.org/stdkg/graph/kg"
#: Appended to a graph IRI to name the graph a replacing load is staged in.
STAGING_SUFFIX = "--stdkg-staging"
#: Triples per request (about: batches are cut at line ends of the N-Triples text). Few large
#: requests load fastest (Oxigraph commits each bulk request separately); update bodies stay smaller
#: because stores cap their size (Oxigraph: 128 MB).
DEFAULT_BATCH = {"gsp": 500_000, "update": 50_000}
#: Smaller ``INSERT DATA`` batches where a store's SPARQL compiler needs them (Virtuoso 7 runs out of
#: parser memory at about 5 000 triples in one request: "SP030 … memory exhausted").
STORE_UPDATE_BATCH = {"virtuoso": 2_000}

#: Triples per second a store deletes or inserts in one transaction, at the least (Oxigraph measured
#: about 10 000-25 000 here): a large update is given this long to answer.
SLOWEST_WRITES = 2_000

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` in triples."""

NT = "application/n-triples"
SPARQL_JSON = "application/sparql-results+json"


class AuthenticationFailed(StoreError):
    """The store refused the credentials (or wants some)."""


class LoadMismatch(StoreError):
    """The store holds a different number of triples than were sent (exit code 1)."""

    exit_code = 1


# -- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


@dataclass
class _Challenge:
    params: dict[str, str]
    count: int = 0


_RETRY_STATUS = {429, 502, 503, 504}


class _Upload:
    """A request body sent in blocks, reporting the lines (triples) sent as it goes.

    Stores parse a Graph Store body while it arrives, so what has been sent tracks what has been
    read. A body sent again (a retry, a Digest challenge) reports only the lines beyond the furthest
    point already reported.
    """

    REPORT_EVERY = 4 << 20  # bytes

    def __init__(self, data: bytes, on_lines: Callable[[int], None]) -> None:
        self._data = memoryview(data)
        self._on_lines = on_lines
        self._pos = 0
        self._reported = 0  # bytes whose lines were reported

    def __len__(self) -> int:
        return len(self._data)

    def rewind(self) -> None:
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else min(len(self._data), self._pos + size)
        block = bytes(self._data[self._pos : end])
        self._pos = end
        if end - self._reported >= self.REPORT_EVERY or (end == len(self._data) and end > self._reported):
            self._on_lines(self._data[self._reported : end].tobytes().count(b"\n"))
            self._reported = end
        return block


def _detail(body: bytes, limit: int = 200) -> str:
    """The first informative words of an error body, on one line."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"(?is)<(script|style|head).*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


class Client:
    """HTTP to one store's endpoints, with authentication, timeouts and retries."""

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
        self._challenge: _Challenge | None = None
        #: How long a write (a load, MOVE, DROP) may take to be answered: stores answer only when done.
        self.write_timeout = max(self.timeout * 10, 300.0)
        self._opener = urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler(), _NoRedirectForWrites())
        self.requests = 0

    @property
    def credentials(self) -> Credentials | None:
        return self.endpoints.credentials

    # -- authentication ----------------------------------------------------------------------
    def _auth_header(self, method: str, url: str) -> str | None:
        creds = self.credentials
        if creds is None:
            return None
        if creds.scheme == "basic":
            token = base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
            return f"Basic {token}"
        if self._challenge is None:
            return None
        return _digest_header(creds, self._challenge, method, url)

    def _ensure_challenge(self, url: str) -> None:
        """Fetch a Digest challenge with a body-less request before sending a large body."""
        creds = self.credentials
        if creds is None or creds.scheme != "digest" or self._challenge is not None:
            return
        with contextlib.suppress(StoreError, _Transient):
            self._send("GET", url, None, {}, authorize=False)

    # -- one request -------------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | _Upload | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool,
        accept_status: Sequence[int] = (),
        write: bool = False,
        patience: float = 0.0,
    ) -> Response:
        """Send a request; raise :class:`StoreError` (one line) unless it succeeds.

        Connecting always has ``timeout`` seconds; the answer to a ``write`` has ``write_timeout``,
        or ``patience`` seconds if that is longer.
        """
        headers = dict(headers or {})
        wait_for = max(self.write_timeout if write else self.timeout, patience)
        if body is not None and len(body) > 65536:
            self._ensure_challenge(url)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._send_with_auth(method, url, body, headers, wait_for)
            except _Transient as exc:
                if exc.sent and not idempotent:
                    raise StoreError(exc.message) from None
                wait = self.backoff * 2 ** (attempt - 1)
                if attempt > self.retries or time.monotonic() - started + wait >= wait_for:
                    raise StoreError(exc.message) from None
                self._sleep(wait)
                continue
            if response.status < 400 or response.status in accept_status:
                return response
            if response.status in _RETRY_STATUS and idempotent and attempt <= self.retries:
                wait = self.backoff * 2 ** (attempt - 1)
                if time.monotonic() - started + wait < wait_for:
                    self._sleep(wait)
                    continue
            raise self._http_error(method, url, response)

    def _send_with_auth(
        self, method: str, url: str, body: bytes | _Upload | None, headers: dict[str, str], wait_for: float
    ) -> Response:
        response = self._send(method, url, body, headers, authorize=True, wait_for=wait_for)
        if response.status != 401 or self.credentials is None:
            return response
        challenge = _parse_digest_challenge(response.headers)
        if self.credentials.scheme == "digest" and challenge is not None:
            self._challenge = _Challenge(challenge)
            response = self._send(method, url, body, headers, authorize=True, wait_for=wait_for)
        return response

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | _Upload | None,
        headers: dict[str, str],
        *,
        authorize: bool,
        wait_for: float | None = None,
    ) -> Response:
        all_headers = dict(headers)
        if isinstance(body, _Upload):
            body.rewind()
            all_headers["Content-Length"] = str(len(body))
        if authorize:
            auth = self._auth_header(method, url)
            if auth:
                all_headers["Authorization"] = auth
        req = urllib.request.Request(url, data=body, method=method, headers=all_headers)
        wait_for = wait_for or self.timeout
        req.read_timeout = wait_for  # type: ignore[attr-defined]
        self.requests += 1
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return Response(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as exc:
            try:
                data = exc.read()
            except (OSError, http.client.HTTPException):
                data = b""
            finally:
                exc.close()
            if exc.code == 401 and self.credentials and self.credentials.scheme == "digest":
                challenge = _parse_digest_challenge(exc.headers)
                if challenge is not None and self._challenge is None:
                    self._challenge = _Challenge(challenge)
            return Response(exc.code, exc.headers, data)
        except urllib.error.URLError as exc:
            raise _transient(url, exc.reason, wait_for) from None
        except TimeoutError as exc:
            raise _transient(url, exc, wait_for) from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise _transient(url, exc, wait_for) from None

    def _http_error(self, method: str, url: str, response: Response) -> StoreError:
        where = _short(url)
        detail = _detail(response.body)
        if response.status == 401:
            creds = self.credentials
            if creds is None:
                return AuthenticationFailed(
                    f"{where} needs credentials: give --user and --password-env VAR (HTTP 401)"
                )
            return AuthenticationFailed(
                f"{where} refused the credentials of user {creds.user!r} ({creds.scheme} auth, HTTP 401)"
            )
        if response.status == 403:
            who = f"user {self.credentials.user!r}" if self.credentials else "anonymous access"
            return AuthenticationFailed(f"{where}: {who} is not allowed to do this (HTTP 403) {detail}")
        return StoreError(f"{method} {where} failed: HTTP {response.status} {detail}".rstrip())

    # -- SPARQL --------------------------------------------------------------------------------
    def select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        """Run a SELECT on the query endpoint; the JSON result bindings."""
        url = self._need("query")
        response = self.request(
            "POST",
            url,
            body=urlencode({"query": sparql}).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": SPARQL_JSON,
            },
            idempotent=True,
        )
        try:
            data = json.loads(response.body.decode("utf-8"))
            return list(data["results"]["bindings"])
        except (ValueError, KeyError, TypeError):
            raise StoreError(
                f"{_short(url)} did not answer with SPARQL JSON results: {_detail(response.body, 80)}"
            ) from None

    def update(self, sparql: str | bytes, *, idempotent: bool = False, changes: int = 0) -> None:
        """Run an update; ``changes`` (about how many triples it deletes or inserts) extends the wait
        for its answer beyond ``write_timeout`` when it is large."""
        url = self._need("update")
        body = sparql.encode("utf-8") if isinstance(sparql, str) else sparql
        self.request(
            "POST",
            url,
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
                raise StoreError(f"{_short(self.endpoints.query)} gave no count") from None
        data = self.gsp_get(graph)
        return 0 if data is None else data.count(b"\n")

    # -- Graph Store Protocol ------------------------------------------------------------------
    def gsp_url(self, graph: str | None) -> str:
        base = self._need("gsp")
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
            body=_Upload(data, progress) if progress else data,
            headers={"Content-Type": f"{NT}; charset=utf-8"},
            idempotent=method == "PUT",
            write=True,
        )

    def gsp_delete(self, graph: str | None) -> None:
        self.request("DELETE", self.gsp_url(graph), idempotent=True, accept_status=(404,), write=True)

    def gsp_get(self, graph: str | None) -> bytes | None:
        """The graph as N-Triples, or ``None`` when the store does not have it."""
        response = self.request(
            "GET",
            self.gsp_url(graph),
            headers={"Accept": f"{NT}, text/plain;q=0.9, text/turtle;q=0.8"},
            idempotent=True,
            accept_status=(404,),
        )
        if response.status == 404:
            return None
        return _to_ntriples(response, self.gsp_url(graph))

    def construct(self, graph: str | None) -> bytes:
        url = self._need("query")
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        response = self.request(
            "POST",
            url,
            body=urlencode({"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"}).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": f"{NT}, text/plain;q=0.9, text/turtle;q=0.8",
            },
            idempotent=True,
        )
        return _to_ntriples(response, url)

    def _need(self, kind: str) -> str:
        url = getattr(self.endpoints, kind)
        if not url:
            option = {"query": "--query-endpoint", "update": "--update-endpoint", "gsp": "--gsp-endpoint"}
            raise InputError(f"no {kind} endpoint: give --store and --url, or {option[kind]}")
        return str(url)


class _Connection(http.client.HTTPConnection):
    """Connects within the request's timeout, then waits ``read_timeout`` for the answer."""

    def __init__(self, *args: Any, read_timeout: float | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("blocksize", 1 << 20)  # a streamed body goes out in 1 MB sends
        super().__init__(*args, **kwargs)
        self.read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()
        if self.read_timeout is not None and self.sock is not None:
            self.sock.settimeout(self.read_timeout)


class _SecureConnection(_Connection, http.client.HTTPSConnection):
    """The same over TLS (HTTPSConnection.connect wraps the socket after HTTPConnection.connect)."""


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_Connection, read_timeout=getattr(req, "read_timeout", None))
        return self.do_open(factory, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_SecureConnection, read_timeout=getattr(req, "read_timeout", None))
        return self.do_open(factory, req, context=self._context)  # type: ignore[attr-defined]


class _NoRedirectForWrites(urllib.request.HTTPRedirectHandler):
    """Follow redirects for reads only; a redirected write would silently lose its body."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if req.get_method() not in ("GET", "HEAD"):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Transient(Exception):
    def __init__(self, message: str, sent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.sent = sent


def _transient(url: str, reason: object, timeout: float) -> _Transient:
    where = _short(url)
    if isinstance(reason, ConnectionRefusedError):
        return _Transient(f"cannot reach {where}: connection refused", sent=False)
    if isinstance(reason, TimeoutError):
        return _Transient(f"{where} did not answer within {timeout:g} s (--timeout)", sent=True)
    if isinstance(reason, socket.gaierror):
        return _Transient(f"cannot reach {where}: unknown host", sent=False)
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        text = str(reason) or type(reason).__name__
        return _Transient(f"connection to {where} broken: {text}", sent=True)
    text = getattr(reason, "strerror", None) or str(reason)
    return _Transient(f"cannot reach {where}: {text}", sent=False)


def _short(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def _parse_digest_challenge(headers: Message | None) -> dict[str, str] | None:
    if headers is None:
        return None
    for value in headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = value.strip().partition(" ")
        if scheme.lower() == "digest":
            items = urllib.request.parse_http_list(rest)
            return {k.lower(): v for k, v in urllib.request.parse_keqv_list(items).items()}
    return None


def _digest_header(creds: Credentials, challenge: _Challenge, method: str, url: str) -> str:
    params = challenge.params
    algorithm = params.get("algorithm", "MD5")
    algo = algorithm.upper().removesuffix("-SESS")
    hash_name = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}.get(algo)
    if hash_name is None:
        raise StoreError(f"unsupported Digest algorithm {algorithm!r}")

    def h(text: str) -> str:
        return hashlib.new(hash_name, text.encode("utf-8")).hexdigest()

    parts = urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")
    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    challenge.count += 1
    nc = f"{challenge.count:08x}"
    cnonce = os.urandom(8).hex()
    ha1 = h(f"{creds.user}:{realm}:{creds.password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = [
        f'username="{creds.user}"',
        f'realm="{realm}"',
        f'nonce="{nonce}"',
        f'uri="{uri}"',
        f"algorithm={algorithm}",
    ]
    if "auth" in qops:
        digest = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        fields += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        digest = h(f"{ha1}:{nonce}:{ha2}")
    fields.append(f'response="{digest}"')
    if "opaque" in params:
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)


def _to_ntriples(response: Response, url: str) -> bytes:
    """Re-serialize a graph answer (N-Triples, Turtle, RDF/XML) as N-Triples."""
    ctype = response.content_type
    if ctype in (NT, "text/plain", "text/ntriples", ""):
        fmt = RdfFormat.N_TRIPLES
    else:
        try:
            fmt = RdfFormat.from_name(ctype)
        except InputError:
            raise StoreError(f"{_short(url)} answered with unsupported type {ctype!r}") from None
    if fmt is RdfFormat.N_TRIPLES:
        return response.body
    import pyoxigraph as ox

    try:
        triples = ox.parse(response.body, format=fmt.to_oxigraph())
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    except SyntaxError as exc:
        raise StoreError(f"{_short(url)} sent unreadable {fmt.short}: {exc}") from None


# -- what to load -------------------------------------------------------------------------------


@dataclass
class Payload:
    """One target graph and its triples as N-Triples (``graph=None``: the default graph)."""

    graph: str | None
    data: bytes
    triples: int
    blank_nodes: bool = False


def payloads(kg: KG, *, graph: str | None = DEFAULT_GRAPH, per_source: bool = False) -> list[Payload]:
    """What ``load`` sends: the whole KG into ``graph``, or each source graph into its own graph."""
    import pyoxigraph as ox

    if per_source:
        targets: list[tuple[str | None, Any]] = [(g, ox.NamedNode(g)) for g in kg.graph_names]
    else:
        targets = [(graph, ox.DefaultGraph())]
    found = []
    for target, source in targets:
        data = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source) or b""
        found.append(Payload(target, data, data.count(b"\n"), has_blank_nodes(data)))
    return found


def payload_from_bytes(graph: str | None, data: bytes, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> Payload:
    """A payload from RDF text (normalised and deduplicated the way stores do)."""
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(data, format=fmt.to_oxigraph(), to_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        raise InputError(f"bad {fmt.short}: {exc}") from None
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return Payload(graph, nt, nt.count(b"\n"), has_blank_nodes(nt))


def batches(data: bytes, triples: int, size: int) -> Iterator[tuple[bytes, int]]:
    """Cut N-Triples text into chunks of about ``size`` triples, at line ends."""
    if triples <= size or size <= 0:
        if data:
            yield data, triples
        return
    step = max(1, len(data) * size // triples)
    pos, end_all = 0, len(data)
    while pos < end_all:
        cut = data.find(b"\n", min(pos + step, end_all) - 1)
        end = end_all if cut < 0 else cut + 1
        chunk = data[pos:end]
        yield chunk, chunk.count(b"\n")
        pos = end


# -- load ---------------------------------------------------------------------------------------


@dataclass
class GraphResult:
    graph: str | None
    sent: int
    before: int | None
    after: int
    #: triples taken out of and put into the graph, when the load wrote only the difference
    removed: int | None = None
    added: int | None = None

    @property
    def label(self) -> str:
        return graph_label(self.graph)

    @property
    def change(self) -> str:
        """How the graph changed, when that is known: ``unchanged``, ``14 removed, 3 added``."""
        if self.removed is None or self.added is None:
            return ""
        if not self.removed and not self.added:
            return "unchanged"
        return f"{self.removed} removed, {self.added} added"


@dataclass
class LoadReport:
    protocol: str
    replace: bool
    graphs: list[GraphResult] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0

    @property
    def triples(self) -> int:
        return sum(g.sent for g in self.graphs)

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


def graph_label(graph: str | None) -> str:
    return "the default graph" if graph is None else f"<{graph}>"


def staging_graph(graph: str | None) -> str:
    return (graph or DEFAULT_GRAPH + "/default") + STAGING_SUFFIX


def _graph_ref(graph: str | None) -> str:
    return "DEFAULT" if graph is None else f"GRAPH <{graph}>"


def load(
    endpoints: Endpoints,
    items: Sequence[Payload],
    *,
    replace: bool = True,
    protocol: str | None = None,
    batch: int | None = None,
    progress: ProgressCallback | None = None,
    client: Client | None = None,
    read_back: ReadBack | None = None,
) -> LoadReport:
    """Load payloads into a store and verify the counts; see the module docstring.

    ``read_back`` (from :func:`start_read_back`) holds target graphs already being read back.
    """
    client = client or Client(endpoints)
    protocol = protocol or ("gsp" if endpoints.gsp else "update")
    if protocol not in ("gsp", "update"):
        raise InputError(f"unknown protocol {protocol!r} (use gsp or update)")
    if protocol == "gsp" and not endpoints.gsp:
        raise InputError("--protocol gsp needs a Graph Store endpoint (--store/--url or --gsp-endpoint)")
    if protocol == "update" and not endpoints.update:
        raise InputError("--protocol update needs an update endpoint (--store/--url or --update-endpoint)")
    if batch is not None and batch <= 0:
        raise InputError("--batch must be a positive number of triples")
    # Oxigraph: bulk loads and diffs (see _replace_oxigraph); --protocol update keeps the generic way.
    fast = _writes_differences(endpoints, replace, protocol)
    if not batch and not fast:
        batch = DEFAULT_BATCH[protocol]
        if protocol == "update":
            batch = STORE_UPDATE_BATCH.get(endpoints.store, batch)
    for item in items:
        if item.graph is None and not endpoints.default_graph_writable:
            raise InputError(
                f"{endpoints.store.capitalize()} has no writable default graph over HTTP: "
                "load into a named graph (--graph IRI)"
            )
    started = time.monotonic()
    report = LoadReport(protocol, replace)
    total = sum(p.triples for p in items)
    done = [0]

    def sent(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    if progress:
        progress(0, total)
    if fast:
        report.graphs = _replace_oxigraph(client, items, batch, sent, read_back)
    elif replace and endpoints.update:
        assert batch is not None
        report.graphs = _replace_staged(client, items, protocol, batch, sent)
    elif replace:
        report.graphs = _replace_by_put(client, items, sent)
    else:
        assert batch is not None
        report.graphs = _append(client, items, protocol, batch, sent)
    report.seconds = time.monotonic() - started
    report.requests = client.requests
    return report


def _send_batches(
    client: Client,
    protocol: str,
    graph: str | None,
    item: Payload,
    batch: int,
    sent: Callable[[int], None],
    pushed: list[int],
    *,
    bulk: bool = False,
) -> int:
    """Send a payload in batches (one request if it has blank nodes); return triples sent.

    ``bulk``: the graph is private to this load (staging, or empty before), so a store's
    non-transactional bulk path may be used.
    """
    size = item.triples if item.blank_nodes else batch
    count = 0
    for chunk, n in batches(item.data, item.triples, size):
        if protocol == "gsp":
            client.gsp_send("POST", graph, chunk, bulk=bulk)
        else:
            head = f"INSERT DATA {{ GRAPH <{graph}> {{\n" if graph else "INSERT DATA {\n"
            tail = "}\n}\n" if graph else "}\n"
            try:
                client.update(head.encode("utf-8") + chunk + tail.encode("utf-8"))
            except StoreError as exc:
                text = str(exc)
                if n > 1 and ("memory exhausted" in text or "HTTP 413" in text):
                    raise StoreError(
                        f"{text} (the batch of {n} triples is too large: try a smaller --batch)"
                    ) from None
                raise
        count += n
        pushed[0] = count
        sent(n)
    return count


def _best_effort_count(client: Client, graph: str | None) -> int | None:
    try:
        return client.count(graph)
    except StoreError:
        return None


def _replace_staged(
    client: Client,
    items: Sequence[Payload],
    protocol: str,
    batch: int,
    sent: Callable[[int], None],
) -> list[GraphResult]:
    """Replace graphs so that readers never see a half-loaded one.

    A target that holds triples is loaded into a staging graph, whose count is checked before one
    update request moves every staging graph over its target. A target that is empty (or absent)
    has nothing to protect: it is loaded directly and removed again if the load fails.
    """
    before = {item.graph: client.count(item.graph) for item in items}
    staged: list[tuple[Payload, str]] = []
    for item in items:
        direct = before[item.graph] == 0
        into = item.graph if direct else staging_graph(item.graph)
        # Nothing is written before this succeeds: bad credentials fail here, with one line.
        client.update(f"DROP SILENT {_graph_ref(into)}", idempotent=True)
        if not direct:
            staged.append((item, staging_graph(item.graph)))
        pushed = [0]
        try:
            _send_batches(client, protocol, into, item, batch, sent, pushed, bulk=True)
            got = client.count(into)
        except StoreError as exc:
            raise _abort(client, staged, item, pushed[0], exc, direct=direct) from None
        if got != item.triples:
            _drop(client, [into, *(s for _, s in staged if s != into)])
            was = "was empty and is empty again" if direct else "left unchanged"
            where = "the store holds" if direct else "the staging graph holds"
            raise LoadMismatch(
                f"{graph_label(item.graph)}: {where} {got} triples but {item.triples} were sent; "
                f"{graph_label(item.graph)} {was}"
            )
    if staged:
        swap = " ;\n".join(
            f"MOVE SILENT GRAPH <{stage}> TO {_graph_ref(item.graph)}" for item, stage in staged
        )
        moved = sum(2 * item.triples + before[item.graph] for item, _ in staged)  # delete, copy, delete
        try:
            client.update(swap, changes=moved)
        except StoreError as exc:
            names = ", ".join(f"<{s}>" for _, s in staged)
            if "did not answer" in str(exc):
                raise StoreError(
                    f"the swap (MOVE) was sent but not answered ({exc}); the store may still finish it: "
                    f"check the targets; the staging data is in {names} until then"
                ) from None
            raise StoreError(
                f"swap failed ({exc}); the targets keep their previous content; staged data kept in {names}"
            ) from None
    return [_verify(client, item, None, before[item.graph]) for item in items]


def _abort(
    client: Client,
    staged: list[tuple[Payload, str]],
    item: Payload,
    pushed: int,
    exc: StoreError,
    *,
    direct: bool,
) -> StoreError:
    label = graph_label(item.graph)
    head = f"load failed after {pushed} of {item.triples} triples: {exc}"
    if direct:
        removed = _drop(client, [item.graph, *(s for _, s in staged)])
        state = (
            f"{label} was empty before and has been emptied again"
            if removed
            else f"{label} was empty before and may now hold part of the load: drop it or load again"
        )
        return StoreError(f"{head}; {state}")
    removed = _drop(client, [s for _, s in staged])
    kept = _best_effort_count(client, item.graph)
    whole = f"{label} was not touched"
    whole += f" ({kept} triples kept)" if kept is not None else " (its previous content is kept)"
    staging = (
        "staging graph removed" if removed else f"staging graph <{staging_graph(item.graph)}> may remain"
    )
    return StoreError(f"{head}; {whole}; {staging}")


def _drop(client: Client, graphs: Sequence[str | None], changes: int = 0) -> bool:
    if not graphs:
        return True
    try:
        client.update(
            " ;\n".join(f"DROP SILENT {_graph_ref(g)}" for g in graphs), idempotent=True, changes=changes
        )
    except StoreError:
        return False
    return True


# -- Oxigraph: bulk loads, and only the difference in one transaction -------------------------------

#: A difference is sent inside the swap request itself up to this many bytes of N-Triples; a larger
#: one is bulk-loaded into staging graphs first (Oxigraph refuses update bodies over 128 MB, and its
#: bulk loader writes many times faster than a transaction).
DIFF_DATA_BYTES = 32 << 20
#: Appended to a graph IRI to name the staging graphs of a large difference.
REMOVED_SUFFIX = "--stdkg-removed"
ADDED_SUFFIX = "--stdkg-added"


def has_blank_nodes(nt: bytes) -> bool:
    """Whether N-Triples text may hold a blank node (a literal holding ``> _:`` also says yes).

    A blank node starts a line, follows an IRI, or opens an RDF 1.2 triple term ``<<( _:b …``.
    """
    return nt.startswith(b"_:") or b"\n_:" in nt or b"> _:" in nt or b"( _:" in nt


def _aux_graphs(graph: str | None) -> tuple[str, str]:
    """The staging graphs of a large difference: (removed triples, added triples)."""
    base = graph or DEFAULT_GRAPH + "/default"
    return base + REMOVED_SUFFIX, base + ADDED_SUFFIX


@dataclass
class _Diff:
    item: Payload
    before: int
    removed: list[bytes]
    added: list[bytes]

    @property
    def size(self) -> int:
        return sum(map(len, self.removed)) + sum(map(len, self.added)) + len(self.removed) + len(self.added)


def _diff(item: Payload, old: bytes) -> _Diff:
    """Compare a graph's N-Triples as the store sent them with the payload, line by line.

    Both sides are Oxigraph's canonical N-Triples (the payload comes from a pyoxigraph store), so a
    triple has one spelling; a spelling the store would canonicalise only costs a needless
    delete-and-insert of that triple, never a wrong result.
    """
    new = set(item.data.split(b"\n"))
    new.discard(b"")
    before = set(old.split(b"\n"))
    before.discard(b"")
    return _Diff(item, len(before), sorted(before - new), sorted(new - before))


def _writes_differences(endpoints: Endpoints, replace: bool, protocol: str | None) -> bool:
    """Whether a load replaces graphs the Oxigraph way (:func:`_replace_oxigraph`)."""
    return (
        replace
        and endpoints.store == "oxigraph"
        and bool(endpoints.update and endpoints.gsp)
        and protocol in (None, "gsp")
    )


class ReadBack:
    """Target graphs read back from the store in a background thread (see :func:`start_read_back`)."""

    def __init__(self, endpoints: Endpoints, graphs: Sequence[str | None]) -> None:
        self._graphs = list(graphs)
        self._found: dict[str | None, bytes | None] = {}
        self._error: StdkgError | None = None
        self._thread = threading.Thread(
            target=self._run, args=(Client(endpoints),), name="stdkg-read-back", daemon=True
        )
        self._thread.start()

    def _run(self, client: Client) -> None:
        try:
            for graph in self._graphs:
                self._found[graph] = client.gsp_get(graph)
        except StdkgError as exc:
            self._error = exc

    def take(self, graph: str | None) -> tuple[bool, bytes | None]:
        """``(True, N-Triples or None when absent)`` once read; ``(False, None)`` if not asked for."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if graph not in self._found:
            return False, None
        return True, self._found.pop(graph)


def start_read_back(
    endpoints: Endpoints, graphs: Sequence[str | None], *, replace: bool = True, protocol: str | None = None
) -> ReadBack | None:
    """Start reading the target graphs back, for a replacing load that compares them with the payload.

    Reading a large graph back takes the server about as long as parsing the KG takes the client,
    so a caller starts this before building the payload and passes it to :func:`load`. ``None``
    when the load will not compare (not Oxigraph, not replacing, ``--protocol update``).
    """
    if not _writes_differences(endpoints, replace, protocol):
        return None
    return ReadBack(endpoints, graphs)


def _replace_oxigraph(
    client: Client,
    items: Sequence[Payload],
    batch: int | None,
    sent: Callable[[int], None],
    read_back: ReadBack | None = None,
) -> list[GraphResult]:
    """Replace graphs in an Oxigraph server, writing only what changed, all in one transaction.

    Each target is read back (Graph Store GET) and compared with the payload. A target that is empty
    (or absent) has nothing to protect: it is bulk-loaded directly (Oxigraph's bulk loader, one
    streamed request unless ``batch`` asks for more), counted, and emptied again on failure.
    For the others, one update request deletes the removed triples and inserts the added ones in
    every target: Oxigraph runs a request in one transaction, so readers see the old graphs or the
    new ones, and a server killed mid-way keeps the old ones. A difference too large for one request
    is bulk-loaded into two staging graphs per target first, counted, and swapped in from there. The
    counts are checked after the swap, which is undone when they differ. Oxigraph deletes about ten
    times slower than it bulk-loads, so a reload of a large graph costs what changed, not its size.
    Blank nodes cannot be named in ``DELETE DATA``: graphs that hold any go the generic staged way.
    """
    diffs: dict[int, _Diff] = {}
    for i, item in enumerate(items):
        found, old = read_back.take(item.graph) if read_back else (False, None)
        if not found:
            old = client.gsp_get(item.graph)
        old = old or b""
        if item.blank_nodes or has_blank_nodes(old):
            return _replace_staged(client, items, "gsp", batch or DEFAULT_BATCH["gsp"], sent)
        if old.strip():
            diffs[i] = _diff(item, old)
    leftovers = [g for item in items for g in (*_aux_graphs(item.graph), staging_graph(item.graph))]
    # Nothing is written before this succeeds; it also drops what an interrupted load left behind.
    client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers), idempotent=True)
    results: dict[int, GraphResult] = {}
    for i, item in enumerate(items):
        if i not in diffs:
            results[i] = _load_empty(client, item, batch, sent)
    changed = [d for d in diffs.values() if d.removed or d.added]
    for d in diffs.values():
        if not (d.removed or d.added):
            sent(d.item.triples)
    staged = sum(d.size for d in changed) > DIFF_DATA_BYTES
    if staged:
        _stage_diffs(client, changed, batch, sent)
    if changed:
        _swap(client, changed, staged)
        for d in changed:
            sent(d.item.triples - (len(d.added) if staged else 0))
    mismatches = []
    for i, d in diffs.items():
        after = client.count(d.item.graph)
        results[i] = GraphResult(d.item.graph, d.item.triples, d.before, after, len(d.removed), len(d.added))
        if after != d.item.triples:
            mismatches.append(results[i])
    if mismatches:
        raise _undo(client, changed, staged, mismatches)
    if staged:
        _drop(client, [g for d in changed for g in _aux_graphs(d.item.graph)], _changes(changed))
    return [results[i] for i in range(len(items))]


def _bulk_post(
    client: Client,
    graph: str | None,
    data: bytes,
    triples: int,
    batch: int | None,
    sent: Callable[[int], None],
) -> Iterator[int]:
    """POST N-Triples through Oxigraph's bulk loader; yield the triples acknowledged after each request."""
    for chunk, n in batches(data, triples, batch or triples):
        client.gsp_send("POST", graph, chunk, bulk=True, progress=sent)
        yield n


def _load_empty(client: Client, item: Payload, batch: int | None, sent: Callable[[int], None]) -> GraphResult:
    label = graph_label(item.graph)
    pushed = 0
    try:
        for n in _bulk_post(client, item.graph, item.data, item.triples, batch, sent):
            pushed += n
        got = client.count(item.graph)
    except StoreError as exc:
        raise _abort(client, [], item, pushed, exc, direct=True) from None
    if got != item.triples:
        _drop(client, [item.graph], got)
        raise LoadMismatch(
            f"{label}: the store holds {got} triples but {item.triples} were sent; {label} was empty and is empty again"
        )
    return GraphResult(item.graph, item.triples, 0, got, 0, got)


def _stage_diffs(
    client: Client, diffs: Sequence[_Diff], batch: int | None, sent: Callable[[int], None]
) -> None:
    """Bulk-load each difference into its staging graphs and count them there."""
    staging = [g for d in diffs for g in _aux_graphs(d.item.graph)]
    for d in diffs:
        label = graph_label(d.item.graph)
        removed_graph, added_graph = _aux_graphs(d.item.graph)
        # progress counts the added triples (what the payload brings); the removed ones are extra
        for graph, lines, progress in ((removed_graph, d.removed, _ignore), (added_graph, d.added, sent)):
            if not lines:
                continue
            data = b"\n".join(lines) + b"\n"
            pushed = 0
            try:
                for n in _bulk_post(client, graph, data, len(lines), batch, progress):
                    pushed += n
                got = client.count(graph)
            except StoreError as exc:
                removed = _drop(client, staging, _changes(diffs))
                state = "staging graphs removed" if removed else "its staging graphs may remain"
                raise StoreError(
                    f"load failed while staging the changes of {label} ({pushed} of {len(lines)} triples "
                    f"into <{graph}>): {exc}; {label} was not touched; {state}"
                ) from None
            if got != len(lines):
                _drop(client, staging, _changes(diffs))
                raise LoadMismatch(
                    f"{label}: the staging graph <{graph}> holds {got} triples but {len(lines)} were sent; "
                    f"{label} left unchanged"
                )


def _ignore(n: int) -> None:
    pass


def _swap_request(diffs: Sequence[_Diff], staged: bool, *, undo: bool = False) -> bytes:
    """One update: per target, delete the removed triples and insert the added ones (or the reverse)."""
    parts: list[bytes] = []
    for d in diffs:
        target = d.item.graph
        removed_graph, added_graph = _aux_graphs(target)
        out, into = (d.added, d.removed) if undo else (d.removed, d.added)
        out_graph, into_graph = (added_graph, removed_graph) if undo else (removed_graph, added_graph)
        pattern = "?s ?p ?o" if target is None else f"GRAPH <{target}> {{ ?s ?p ?o }}"
        for op, lines, source in (("DELETE", out, out_graph), ("INSERT", into, into_graph)):
            if not lines:
                continue
            if staged:
                parts.append(f"{op} {{ {pattern} }} WHERE {{ GRAPH <{source}> {{ ?s ?p ?o }} }}".encode())
            else:
                head, tail = (
                    (f"{op} DATA {{\n", "}")
                    if target is None
                    else (f"{op} DATA {{ GRAPH <{target}> {{\n", "}\n}")
                )
                parts.append(head.encode() + b"\n".join(lines) + b"\n" + tail.encode())
    return b" ;\n".join(parts)


def _changes(diffs: Sequence[_Diff]) -> int:
    return sum(len(d.removed) + len(d.added) for d in diffs)


def _swap(client: Client, diffs: Sequence[_Diff], staged: bool) -> None:
    try:
        client.update(_swap_request(diffs, staged), changes=_changes(diffs))
    except StoreError as exc:
        if "did not answer" in str(exc):
            raise StoreError(
                f"the swap was sent but not answered ({exc}); the store may still finish it: check the targets"
            ) from None
        left = ""
        if staged:
            left = (
                "; staging graphs removed"
                if _drop(client, [g for d in diffs for g in _aux_graphs(d.item.graph)], _changes(diffs))
                else ""
            )
        raise StoreError(f"swap failed ({exc}); the targets keep their previous content{left}") from None


def _undo(
    client: Client, diffs: Sequence[_Diff], staged: bool, mismatches: Sequence[GraphResult]
) -> StoreError:
    """Put the previous content back after a swap whose counts are wrong; the error to raise."""
    first = mismatches[0]
    if not diffs:  # nothing was written: the graphs were already as they should be, by our reading
        return LoadMismatch(
            f"{first.label}: the store holds {first.after} triples but {first.sent} were sent "
            f"(it was left unchanged)"
        )
    head = f"{first.label}: the store holds {first.after} triples after the swap but {first.sent} were sent"
    try:
        client.update(_swap_request(diffs, staged, undo=True), changes=_changes(diffs))
    except StoreError as exc:
        return LoadMismatch(f"{head}; undoing the swap failed ({exc}): the targets hold the new triples")
    finally:
        if staged:
            _drop(client, [g for d in diffs for g in _aux_graphs(d.item.graph)], _changes(diffs))
    return LoadMismatch(f"{head}; the swap was undone and {first.label} left unchanged")


def _replace_by_put(
    client: Client, items: Sequence[Payload], sent: Callable[[int], None]
) -> list[GraphResult]:
    """Without an update endpoint, replace each graph with one PUT (as atomic as the store makes it)."""
    results = []
    for item in items:
        previous = client.count(item.graph)
        try:
            client.gsp_send("PUT", item.graph, item.data)
        except StoreError as exc:
            raise StoreError(f"load of {graph_label(item.graph)} failed: {exc}") from None
        sent(item.triples)
        results.append(_verify(client, item, None, previous))
    return results


def _append(
    client: Client,
    items: Sequence[Payload],
    protocol: str,
    batch: int,
    sent: Callable[[int], None],
) -> list[GraphResult]:
    results = []
    for item in items:
        before = client.count(item.graph)
        pushed = [0]
        try:
            _send_batches(client, protocol, item.graph, item, batch, sent, pushed)
        except StoreError as exc:
            now = _best_effort_count(client, item.graph)
            holds = f"; it now holds {now} triples (had {before})" if now is not None else ""
            raise StoreError(
                f"append to {graph_label(item.graph)} failed after {pushed[0]} of {item.triples} triples: "
                f"{exc}{holds}"
            ) from None
        results.append(_verify(client, item, before))
    return results


def _verify(client: Client, item: Payload, before: int | None, replaced: int | None = None) -> GraphResult:
    after = client.count(item.graph)
    label = graph_label(item.graph)
    if before is None:
        if after != item.triples:
            raise LoadMismatch(f"{label}: the store holds {after} triples but {item.triples} were sent")
    elif not (item.triples <= after <= before + item.triples):
        raise LoadMismatch(
            f"{label}: the store holds {after} triples after appending {item.triples} to {before}"
        )
    return GraphResult(item.graph, item.triples, before if before is not None else replaced, after)


# -- dump and count -----------------------------------------------------------------------------


def dump(endpoints: Endpoints, graph: str | None, fmt: RdfFormat = RdfFormat.TURTLE) -> bytes:
    """A graph read back from the store (GSP GET, else CONSTRUCT), serialized as ``fmt``."""
    if fmt.supports_datasets and fmt is not RdfFormat.JSON_LD:
        raise InputError(f"dump writes one graph: use a triples format, not {fmt.short}")
    client = Client(endpoints)
    data: bytes | None = None
    if endpoints.gsp:
        try:
            data = client.gsp_get(graph)
        except AuthenticationFailed:
            # e.g. Virtuoso's GSP endpoint wants Digest even for reads: CONSTRUCT works anonymously
            if endpoints.credentials is not None or not endpoints.query:
                raise
        else:
            if data is None:
                raise StoreError(f"{graph_label(graph)} is not in the store")
    if data is not None:
        pass
    elif endpoints.query:
        data = client.construct(graph)
    else:
        raise InputError("dump needs a Graph Store or query endpoint (--store/--url)")
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        raise StoreError(f"the store sent unreadable N-Triples: {exc}") from None
    if endpoints.query:
        expected = client.count(graph)
        got = len(store)
        if got < expected:
            raise StoreError(
                f"the store sent {got} of the {expected} triples of {graph_label(graph)} "
                "(truncated answer; for Virtuoso raise [SPARQL] ResultSetMaxRows)"
            )
    from .kg import PREFIXES

    prefixes = None
    if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML):
        prefixes = {p: ns for p, ns in PREFIXES.items() if b"<" + ns.encode() in data}
    # Sorted by subject so Turtle groups each resource's triples together.
    triples = sorted(
        (q.triple for q in store), key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
    )
    return ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=prefixes) or b""


def count(endpoints: Endpoints, graph: str | None) -> int:
    """Triples in one graph of the store."""
    return Client(endpoints).count(graph)


def drop(endpoints: Endpoints, graph: str | None) -> None:
    """Remove a graph (idempotent)."""
    client = Client(endpoints)
    if endpoints.update:
        client.update(f"DROP SILENT {'DEFAULT' if graph is None else f'GRAPH <{graph}>'}", idempotent=True)
    else:
        client.gsp_delete(graph)


# -- normalisation ------------------------------------------------------------------------------

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
    "unsignedByte",
}


def normalise_literal(value: str, datatype: str | None = None, lang: str | None = None) -> tuple[str, str]:
    """A comparable ``(lexical form, datatype-or-@lang)`` for a literal as any store returns it.

    Stores lower-case language tags, drop ``xsd:string``, write canonical numbers and (Virtuoso,
    in query results) integers for booleans; this maps all of them to one form.
    """
    if lang:
        return value, "@" + lang.lower()
    if not datatype or datatype == _XSD + "string":
        return value, ""
    local = datatype[len(_XSD) :] if datatype.startswith(_XSD) else None
    try:
        if local in _INTEGERS:
            return str(int(value)), datatype
        if local == "boolean":
            return ("true" if value.strip().lower() in ("true", "1") else "false"), datatype
        if local == "decimal":
            from decimal import Decimal

            d = Decimal(value).normalize()
            return format(d, "f"), datatype
        if local in ("double", "float"):
            return repr(float(value)), datatype
    except (ValueError, ArithmeticError):
        return value, datatype
    return value, datatype


__all__ = [
    "DEFAULT_BATCH",
    "DEFAULT_GRAPH",
    "DIFF_DATA_BYTES",
    "STAGING_SUFFIX",
    "AuthenticationFailed",
    "Client",
    "GraphResult",
    "LoadMismatch",
    "LoadReport",
    "Payload",
    "ReadBack",
    "batches",
    "count",
    "drop",
    "dump",
    "graph_label",
    "has_blank_nodes",
    "load",
    "normalise_literal",
    "payload_from_bytes",
    "payloads",
    "staging_graph",
    "start_read_back",
]
