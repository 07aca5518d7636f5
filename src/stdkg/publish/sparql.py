"""The read-only SPARQL 1.1 Protocol engine behind ``/sparql``.

Queries run in worker processes that open the site's store read-only from disk, so a query that
runs past the time limit is stopped for real: its worker is killed and a fresh one takes its place.
The checks that refuse a request (updates, ``SERVICE``) run before any evaluation. Results are
serialized here (JSON, XML, CSV, TSV; RDF formats for CONSTRUCT/DESCRIBE) with a row cap.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .conneg import RDF_FORMATS, negotiate, negotiate_media

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV_RESULTS = "text/csv"
TSV_RESULTS = "text/tab-separated-values"
RESULT_MEDIA_TYPES: tuple[str, ...] = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS)
_RESULT_ALIASES = {"application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/xml": XML_RESULTS}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class SparqlResponse:
    """What the endpoint answers: HTTP status, content type, body, whether rows were cut."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def refusal(status: int, message: str) -> SparqlResponse:
    return SparqlResponse(status, "text/plain; charset=utf-8", (message + "\n").encode())


# -- static checks --------------------------------------------------------------------------------

_LEXICAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
# after strip_lexical, IRIs are blanks: a prologue is "PREFIX name: " / "BASE " repeated
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[A-Za-z0-9_.\-]*:|BASE)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE\b", re.IGNORECASE)


def strip_lexical(query: str) -> str:
    """The query with strings, IRIs and comments blanked out (so keywords inside them do not count)."""
    return _LEXICAL.sub(" ", query)


def check_query(query: str) -> SparqlResponse | None:
    """A refusal for queries the endpoint does not run (``SERVICE``, updates), or ``None``."""
    bare = strip_lexical(query)
    if _SERVICE.search(bare):
        return refusal(400, "SERVICE (federated query) is not allowed on this endpoint")
    if _UPDATE.match(bare):
        return refusal(403, "SPARQL Update is not allowed: this endpoint is read-only")
    return None


# -- serialization ----------------------------------------------------------------------------------


#: Result media type -> the stdkg.results format that writes it (one writer for CLI and endpoint).
_RESULT_FORMAT = {JSON_RESULTS: "json", XML_RESULTS: "xml", CSV_RESULTS: "csv", TSV_RESULTS: "tsv"}


def serialize_solutions(variables: list[str], rows: list[list[Any]], media: str) -> bytes:
    from ..results import Results, render

    return render(Results.select(variables, rows), _RESULT_FORMAT[media])


def serialize_boolean(value: bool, media: str) -> bytes:
    from ..results import Results, render

    return render(Results.ask(value), _RESULT_FORMAT[media])


def _result_media(accept: str | None) -> str | None:
    offers = [*RESULT_MEDIA_TYPES, *_RESULT_ALIASES]
    chosen = negotiate_media(accept, offers)
    return _RESULT_ALIASES.get(chosen, chosen) if chosen else None


def execute(
    store: Any,
    query: str,
    accept: str | None,
    max_rows: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> SparqlResponse:
    """Run one query on ``store`` and serialize the result as ``accept`` asks (in the worker)."""
    import pyoxigraph as ox

    refused = check_query(query)
    if refused is not None:
        return refused
    kwargs: dict[str, Any] = {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as exc:
        return refusal(400, f"bad SPARQL query: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return refusal(400, f"query failed: {exc}")
    try:
        if isinstance(result, ox.QueryBoolean):
            media = _result_media(accept)
            if media is None:
                return _not_acceptable(RESULT_MEDIA_TYPES)
            return SparqlResponse(200, _ct(media), serialize_boolean(bool(result), media))
        if isinstance(result, ox.QuerySolutions):
            media = _result_media(accept)
            if media is None:
                return _not_acceptable(RESULT_MEDIA_TYPES)
            variables = [v.value for v in result.variables]
            rows: list[list[Any]] = []
            truncated = False
            for solution in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([solution[v] for v in variables])
            return SparqlResponse(200, _ct(media), serialize_solutions(variables, rows, media), truncated)
        fmt = negotiate(accept, RDF_FORMATS)
        if fmt is None:
            return _not_acceptable(tuple(f.media_type for f in RDF_FORMATS))
        triples: list[Any] = []
        truncated = False
        for t in result:
            if len(triples) >= max_rows:
                truncated = True
                break
            triples.append(t)
        oxfmt = {
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
            "rdf": ox.RdfFormat.RDF_XML,
        }[fmt.suffix]
        return SparqlResponse(200, fmt.content_type, ox.serialize(triples, format=oxfmt) or b"", truncated)
    except (OSError, ValueError, RuntimeError) as exc:
        return refusal(500, f"query evaluation failed: {exc}")


def _ct(media: str) -> str:
    return media + "; charset=utf-8"


def _not_acceptable(offers: tuple[str, ...]) -> SparqlResponse:
    return refusal(406, "not acceptable; this result is available as: " + ", ".join(offers))


# -- worker processes -------------------------------------------------------------------------------


def _worker_main(store_path: str, conn: Connection) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            response = execute(store, *job)
        except Exception as exc:  # the worker must answer whatever happens
            response = refusal(500, f"query failed: {type(exc).__name__}: {exc}")
        conn.send(response)


class _Worker:
    def __init__(self, store_path: str) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(store_path, child), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready and self.conn.poll(timeout):
            self.ready = self.conn.recv() == "ready"
        return self.ready

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryEngine:
    """A pool of query worker processes over a read-only on-disk copy of the store."""

    def __init__(
        self, store_path: str, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 10000
    ) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self.max_rows = max_rows
        self._idle: list[_Worker] = [_Worker(store_path) for _ in range(max(1, workers))]
        self._lock = threading.Lock()
        self._available = threading.Semaphore(len(self._idle))
        self.killed = 0

    def _take(self) -> _Worker:
        self._available.acquire()
        with self._lock:
            return self._idle.pop()

    def _give(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)
        self._available.release()

    def run(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> SparqlResponse:
        """Run a query with the time limit (blocking; call from a thread)."""
        refused = check_query(query)
        if refused is not None:
            return refused
        worker = self._take()
        started = time.monotonic()
        try:
            if not worker.wait_ready(max(self.timeout, 30.0)):
                raise TimeoutError
            worker.conn.send((query, accept, self.max_rows, default_graphs, named_graphs))
            left = self.timeout - (time.monotonic() - started)
            if not worker.conn.poll(max(left, 0.0)):
                raise TimeoutError
            response: SparqlResponse = worker.conn.recv()
        except (TimeoutError, EOFError, OSError, BrokenPipeError):
            worker.kill()
            self.killed += 1
            worker = _Worker(self.store_path)
            return refusal(503, f"query stopped: it ran longer than the limit of {self.timeout:g} s")
        finally:
            self._give(worker)
        return response

    def close(self) -> None:
        with self._lock:
            for w in self._idle:
                w.kill()
            self._idle.clear()
