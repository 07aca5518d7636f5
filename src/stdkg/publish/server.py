"""``stdkg serve``: the site live on starlette + uvicorn, with content negotiation and ``/sparql``.

Routing (paths relative to the base IRI's path):

* a thing IRI (``id/org/iso``, ``ns``, ``void``) → ``303 See Other`` to ``id/org/iso.<ext>``, the
  extension chosen from ``Accept`` (q-values) or ``?format=``; ``406`` when nothing fits. The base
  itself answers HTML directly and 303s RDF requests to the dataset description.
* a document (``id/org/iso.ttl``, ``index/bodies.html``, ``dumps/…``) → 200 from :class:`Site`.
* ``sparql`` → the read-only SPARQL 1.1 Protocol endpoint (see :mod:`.sparql`).

Every negotiated response carries ``Vary: Accept``; CORS is open (``*``).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import signal
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from types import FrameType
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from . import conneg
from .conneg import FORMATS, negotiate
from .serve_options import ServeOptions

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from ..kg import KG
    from .query_pool import QueryEngine
    from .site import Site

CACHE_SIZE = 2048
#: documents change only when the server restarts: caches revalidate (ETag) after a minute
CACHE_CONTROL = "public, max-age=60"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def check_port(host: str, port: int) -> None:
    """Raise :class:`InputError` when ``host:port`` cannot be listened on (before any work starts)."""
    import socket

    from ..errors import InputError

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def default_base(host: str, port: int) -> str:
    return f"http://{host}:{port}/"


@dataclass(frozen=True)
class _Entry:
    """A rendered document with its validator (the ``ETag``)."""

    body: bytes
    content_type: str
    etag: str


class _DocCache:
    """A small LRU of rendered documents (dumps stay cached once built)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> _Entry | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: str, body: bytes, content_type: str) -> _Entry:
        entry = _Entry(body, content_type, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"')
        with self._lock:
            self._data[key] = entry
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return entry


def write_query_store(site: Site, path: str | None = None) -> str:
    """Copy the site's store to an on-disk store (``path``, default a fresh temporary folder) that the
    query workers open read-only."""
    import pyoxigraph as ox

    from .model import rebased_named_quads

    path = path or tempfile.mkdtemp(prefix="stdkg-sparql-")
    disk = ox.Store(path)
    union = site.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    disk.bulk_load(union, format=ox.RdfFormat.N_TRIPLES)
    disk.bulk_load(rebased_named_quads(site.kg, site.base), format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk
    return path


def not_modified(headers: Any, etag: str, modified: float) -> bool:
    """Whether a conditional request (``If-None-Match``, else ``If-Modified-Since``) is answered 304."""
    match = headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag in tags
    since = headers.get("if-modified-since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        return when.timestamp() >= int(modified)
    return False


def create_app(site: Site, engine: QueryEngine | None, options: ServeOptions) -> Starlette:
    """The ASGI application serving ``site`` (``engine`` runs SPARQL; ``None`` disables it)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import PlainTextResponse, RedirectResponse
    from starlette.responses import Response as StarletteResponse
    from starlette.routing import Route

    from .sparql_route import make_handler

    base_path = urlsplit(site.base).path or "/"
    cache = _DocCache(CACHE_SIZE)
    started = time.time()
    last_modified = formatdate(started, usegmt=True)
    prefixes = dict(site.prefixes)

    def text(status: int, message: str, vary: bool = False) -> StarletteResponse:
        headers = {"Vary": "Accept"} if vary else {}
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)

    def see_other(request: Request, rel: str, vary: bool = True) -> StarletteResponse:
        location = str(request.url.replace(path=base_path + rel, query=""))
        return RedirectResponse(location, status_code=303, headers={"Vary": "Accept"} if vary else {})

    def choose(request: Request, formats: tuple[conneg.DocFormat, ...] = FORMATS) -> conneg.DocFormat | None:
        name = request.query_params.get("format")
        if name is not None:
            fmt = conneg.format_by_name(name)
            return fmt if fmt in formats else None
        return negotiate(request.headers.get("accept"), formats)

    def not_acceptable(formats: tuple[conneg.DocFormat, ...] = FORMATS) -> StarletteResponse:
        offers = ", ".join(f.media_type for f in formats)
        return text(406, f"not acceptable; available: {offers}", vary=True)

    async def document(rel: str) -> _Entry | None:
        entry = cache.get(rel)
        if entry is None:
            doc = await run_in_threadpool(site.document, rel)
            if doc is not None:
                entry = cache.put(rel, doc.body, doc.content_type)
        return entry

    def not_found(request: Request, message: str) -> StarletteResponse:
        if not conneg.negotiate_media(request.headers.get("accept"), ["text/html"]):
            return text(404, message)
        html = not_found_page(site, base_path, request.url.path)
        resp = StarletteResponse(b"" if request.method == "HEAD" else html.encode("utf-8"), status_code=404)
        resp.headers["Content-Type"] = conneg.HTML.content_type
        resp.headers["Vary"] = "Accept"
        return resp

    async def resource(request: Request) -> StarletteResponse:
        path = request.url.path
        if not path.startswith(base_path):
            if path in ("/", "") and base_path != "/":
                return RedirectResponse(base_path, status_code=302)
            return not_found(request, f"not found: {path} (the site lives under {base_path})")
        rel = unquote(path[len(base_path) :])
        if rel == ".well-known/void":
            fmt = choose(request)
            return see_other(request, f"void.{fmt.suffix}") if fmt else not_acceptable()
        if rel in ("", "index"):
            fmt = choose(request)
            if fmt is None:
                return not_acceptable()
            if fmt is conneg.HTML:
                return _doc_response(await document("index.html"), request, vary=True)
            return see_other(request, f"void.{fmt.suffix}")
        if site.is_thing(rel):
            fmt = choose(request)
            if fmt is None:
                return not_acceptable()
            return see_other(request, f"{rel}.{fmt.suffix}")
        stem, dot, suffix = rel.rpartition(".")
        if dot and suffix in conneg.BY_SUFFIX and "format" in request.query_params and site.is_thing(stem):
            fmt = choose(request)
            if fmt is None:
                return not_acceptable()
            rel = f"{stem}.{fmt.suffix}"
        entry = await document(rel)
        if entry is None:
            return not_found(request, f"not found: {path}")
        return _doc_response(entry, request, vary="format" in request.query_params)

    def _doc_response(entry: _Entry | None, request: Request, vary: bool = False) -> StarletteResponse:
        if entry is None:
            return text(404, "not found")
        headers = {"ETag": entry.etag, "Last-Modified": last_modified, "Cache-Control": CACHE_CONTROL}
        if vary:
            headers["Vary"] = "Accept"
        if not_modified(request.headers, entry.etag, started):
            return StarletteResponse(status_code=304, headers=headers)
        body = b"" if request.method == "HEAD" else entry.body
        resp = StarletteResponse(body, headers=headers)
        resp.headers["Content-Type"] = entry.content_type
        if request.method == "HEAD":
            resp.headers["Content-Length"] = str(len(entry.body))
        return resp

    async def built(request: Request, key: str, build: Callable[[], tuple[bytes, str]]) -> StarletteResponse:
        entry = cache.get(key)
        if entry is None:
            body, content_type = await run_in_threadpool(build)
            entry = cache.put(key, body, content_type)
        return _doc_response(entry, request, vary=True)

    sparql = make_handler(site, engine, options, built, prefixes)
    routes = [
        Route(base_path + "sparql", sparql, methods=["GET", "POST", "HEAD"]),
        Route("/{path:path}", resource, methods=["GET", "HEAD"]),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=["Location", "Vary", "X-Stdkg-Truncated", "ETag", "Retry-After"],
        )
    ]
    return Starlette(routes=routes, middleware=middleware)


def not_found_page(site: Site, root: str, path: str) -> str:
    """The 404 page in the site's style (the static site's ``404.html``), links relative to ``root``."""
    from .pages import not_found_html

    return not_found_html(site.chrome, root, path)


class LiveSite:
    """Everything ``serve`` runs: the site, the query workers and their on-disk store."""

    def __init__(self, kg: KG, options: ServeOptions) -> None:
        from .model import SiteOptions
        from .query_pool import MB, QueryEngine
        from .site import Site

        self.options = options
        self.site = Site(kg, options.base_uri, SiteOptions())
        self.site.options.sparql = self.site.url("sparql")
        self.store_path = tempfile.mkdtemp(prefix="stdkg-sparql-")
        try:
            write_query_store(self.site, self.store_path)
            self.engine = QueryEngine(
                self.store_path,
                workers=options.workers,
                timeout=options.query_timeout,
                max_rows=options.max_rows,
                queue=options.queue,
                memory=options.query_memory * MB,
                prefixes=dict(self.site.prefixes),
            )
        except BaseException:
            shutil.rmtree(self.store_path, ignore_errors=True)
            raise

    def app(self) -> Starlette:
        return create_app(self.site, self.engine, self.options)

    def close(self) -> None:
        self.engine.close()
        shutil.rmtree(self.store_path, ignore_errors=True)


def serve(kg: KG, options: ServeOptions) -> int | None:
    """Run the server until SIGTERM or SIGINT (blocking); return the signal that stopped it.

    Both signals stop it the same way: no new connections, in-flight queries are stopped (their
    workers killed), other requests get ``options.grace`` seconds, then every worker is stopped and
    the on-disk store copy is removed. A second signal skips the grace period.
    """
    import uvicorn

    # until uvicorn takes the signals over (and again while closing), a stop is recorded, not
    # obeyed at once, so the store copy and the workers are always cleaned up
    asked: list[int] = []
    previous = _record_signals(asked)
    live: LiveSite | None = None
    try:
        live = LiveSite(kg, options)
        if asked:
            return asked[0]
        config = uvicorn.Config(
            live.app(),
            host=options.host,
            port=options.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=max(1, round(options.grace)),
        )
        server = _make_server(config, live)
        server.run()
        stopped_by: int | None = server.stopped_by
        return stopped_by
    finally:
        if live is not None:
            _record_signals(asked)
            live.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _record_signals(asked: list[int]) -> dict[int, Any]:
    """Make SIGTERM/SIGINT append to ``asked`` (main thread only); return the handlers replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, lambda signum, _frame: asked.append(signum)) for sig in STOP_SIGNALS}


def _make_server(config: Any, live: LiveSite) -> Any:
    """uvicorn's server with one stop path for SIGTERM and SIGINT (no re-raised signal afterwards)."""
    import uvicorn

    class StoppableServer(uvicorn.Server):
        stopped_by: int | None = None

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in STOP_SIGNALS}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if self.stopped_by is not None:
                self.force_exit = True
            self.stopped_by = sig
            live.engine.stop()
            self.should_exit = True

    return StoppableServer(config)


__all__ = ["LiveSite", "ServeOptions", "check_port", "create_app", "default_base", "not_modified", "serve"]
