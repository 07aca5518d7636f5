"""A client for triple stores: SPARQL 1.1 Graph Store Protocol, SPARQL 1.1 Update and Protocol.

``load`` sends graphs as N-Triples in a few large requests (GSP ``POST``/``PUT`` or ``INSERT DATA``),
verifies the count the store reports and, when replacing, loads into a staging graph first and swaps
it in with one ``MOVE`` so readers never see a half-loaded graph. ``dump`` reads a graph back.

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
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from .endpoints import Credentials, Endpoints
from .errors import InputError, StoreError
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
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool,
        accept_status: Sequence[int] = (),
        write: bool = False,
    ) -> Response:
        """Send a request; raise :class:`StoreError` (one line) unless it succeeds.

        Connecting always has ``timeout`` seconds; the answer to a ``write`` has ``write_timeout``.
        """
        headers = dict(headers or {})
        wait_for = self.write_timeout if write else self.timeout
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
        self, method: str, url: str, body: bytes | None, headers: dict[str, str], wait_for: float
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
        body: bytes | None,
        headers: dict[str, str],
        *,
        authorize: bool,
        wait_for: float | None = None,
    ) -> Response:
        all_headers = dict(headers)
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

    def update(self, sparql: str | bytes, *, idempotent: bool = False) -> None:
        url = self._need("update")
        body = sparql.encode("utf-8") if isinstance(sparql, str) else sparql
        self.request(
            "POST",
            url,
            body=body,
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            idempotent=idempotent,
            write=True,
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

    def gsp_send(self, method: str, graph: str | None, data: bytes, *, bulk: bool = False) -> None:
        """PUT or POST N-Triples; ``bulk`` lets Oxigraph skip its transaction (private graphs only)."""
        url = self.gsp_url(graph)
        if bulk and self.endpoints.store == "oxigraph":
            url += "&no_transaction"
        self.request(
            method,
            url,
            body=data,
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
        pattern = (
            "?s ?p ?o" if isinstance(source, ox.DefaultGraph) else f"GRAPH <{source.value}> {{ ?s ?p ?o }}"
        )
        blank = bool(kg.store.query(f"ASK {{ {pattern} FILTER(isBlank(?s) || isBlank(?o)) }}"))
        found.append(Payload(target, data, data.count(b"\n"), blank))
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
    blank = bool(store.query("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"))
    return Payload(graph, nt, nt.count(b"\n"), blank)


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

    @property
    def label(self) -> str:
        return graph_label(self.graph)


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
) -> LoadReport:
    """Load payloads into a store and verify the counts; see the module docstring."""
    client = client or Client(endpoints)
    protocol = protocol or ("gsp" if endpoints.gsp else "update")
    if protocol not in ("gsp", "update"):
        raise InputError(f"unknown protocol {protocol!r} (use gsp or update)")
    if protocol == "gsp" and not endpoints.gsp:
        raise InputError("--protocol gsp needs a Graph Store endpoint (--store/--url or --gsp-endpoint)")
    if protocol == "update" and not endpoints.update:
        raise InputError("--protocol update needs an update endpoint (--store/--url or --update-endpoint)")
    if not batch:
        batch = DEFAULT_BATCH[protocol]
        if protocol == "update":
            batch = STORE_UPDATE_BATCH.get(endpoints.store, batch)
    if batch <= 0:
        raise InputError("--batch must be a positive number of triples")
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
    if replace and endpoints.update:
        report.graphs = _replace_staged(client, items, protocol, batch, sent)
    elif replace:
        report.graphs = _replace_by_put(client, items, sent)
    else:
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
        try:
            client.update(swap)
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


def _drop(client: Client, graphs: Sequence[str | None]) -> bool:
    if not graphs:
        return True
    try:
        client.update(" ;\n".join(f"DROP SILENT {_graph_ref(g)}" for g in graphs), idempotent=True)
    except StoreError:
        return False
    return True


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
    "STAGING_SUFFIX",
    "AuthenticationFailed",
    "Client",
    "GraphResult",
    "LoadMismatch",
    "LoadReport",
    "Payload",
    "batches",
    "count",
    "drop",
    "dump",
    "graph_label",
    "load",
    "normalise_literal",
    "payload_from_bytes",
    "payloads",
    "staging_graph",
]
