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

import json
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ..kg import BASE_IRI
from . import conneg
from .conneg import FORMATS, RDF_FORMATS, negotiate

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from ..kg import KG
    from .site import Site
    from .sparql import QueryEngine

CACHE_SIZE = 2048


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    base_uri: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2


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


class _DocCache:
    """A small LRU of rendered documents (dumps stay cached once built)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def write_query_store(site: Site) -> str:
    """Copy the site's store to a fresh on-disk store the query workers open read-only."""
    import pyoxigraph as ox

    from .site import rebased_named_quads

    path = tempfile.mkdtemp(prefix="stdkg-sparql-")
    disk = ox.Store(path)
    union = site.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    disk.bulk_load(union, format=ox.RdfFormat.N_TRIPLES)
    disk.bulk_load(rebased_named_quads(site.kg, site.base), format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk
    return path


def examples(site: Site) -> list[dict[str, str]]:
    """The named queries (``queries/*.rq``) as examples, parameters set to their defaults."""
    from .. import queries
    from ..errors import StdkgError

    out: list[dict[str, str]] = []
    try:
        catalogue = queries.catalogue(site.kg.layout.queries_dir)
    except (StdkgError, OSError):
        return out
    for q in catalogue:
        text = q.text
        try:
            text = queries.with_values(q.text, queries.bind(q, {}))
        except (StdkgError, ValueError):
            text = q.text
        if site.base != BASE_IRI:
            text = text.replace(BASE_IRI, site.base)
        out.append({"name": q.name, "title": q.title or q.name, "description": q.description, "query": text})
    return out


def create_app(site: Site, engine: QueryEngine | None, options: ServeOptions) -> Starlette:
    """The ASGI application serving ``site`` (``engine`` runs SPARQL; ``None`` disables it)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import PlainTextResponse, RedirectResponse
    from starlette.responses import Response as StarletteResponse
    from starlette.routing import Route

    base_path = urlsplit(site.base).path or "/"
    cache = _DocCache(CACHE_SIZE)
    sparql_url = site.url("sparql")

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

    async def document(rel: str) -> Any:
        doc = cache.get(rel)
        if doc is None:
            doc = await run_in_threadpool(site.document, rel)
            if doc is not None:
                cache.put(rel, doc)
        return doc

    async def resource(request: Request) -> StarletteResponse:
        path = request.url.path
        if not path.startswith(base_path):
            if path in ("/", "") and base_path != "/":
                return RedirectResponse(base_path, status_code=302)
            return text(404, f"not found: {path} (the site lives under {base_path})")
        rel = unquote(path[len(base_path) :])
        if rel == ".well-known/void":
            fmt = choose(request)
            return see_other(request, f"void.{fmt.suffix}") if fmt else not_acceptable()
        if rel in ("", "index"):
            fmt = choose(request)
            if fmt is None:
                return not_acceptable()
            if fmt is conneg.HTML:
                doc = await document("index.html")
                return _doc_response(doc, request, vary=True)
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
        doc = await document(rel)
        if doc is None:
            return text(404, f"not found: {path}")
        return _doc_response(doc, request, vary="format" in request.query_params)

    def _doc_response(doc: Any, request: Request, vary: bool = False) -> StarletteResponse:
        headers = {"Vary": "Accept"} if vary else {}
        body = b"" if request.method == "HEAD" else doc.body
        resp = StarletteResponse(body, headers=headers)
        resp.headers["Content-Type"] = doc.content_type
        if request.method == "HEAD":
            resp.headers["Content-Length"] = str(len(doc.body))
        return resp

    async def sparql(request: Request) -> StarletteResponse:
        from .sparql import refusal

        accept = request.headers.get("accept")
        query: str | None = None
        params: dict[str, list[str]] = {}
        for k, v in request.query_params.multi_items():
            params.setdefault(k, []).append(v)
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                raw = (await request.body()).decode("utf-8", errors="replace")
                for k, fv in parse_qsl(raw, keep_blank_values=True):
                    params.setdefault(k, []).append(fv)
            elif ctype == "application/sparql-query":
                query = (await request.body()).decode("utf-8", errors="replace")
            elif ctype == "application/sparql-update":
                return _sparql_out(refusal(403, "SPARQL Update is not allowed: this endpoint is read-only"))
            else:
                return text(415, "POST needs application/x-www-form-urlencoded or application/sparql-query")
        if "update" in params:
            return _sparql_out(refusal(403, "SPARQL Update is not allowed: this endpoint is read-only"))
        if query is None:
            found = params.get("query")
            if found and len(found) > 1:
                return text(400, "exactly one query parameter is allowed")
            query = str(found[0]) if found else None
        if query is None:
            rdf = negotiate(accept, (conneg.HTML, *RDF_FORMATS))
            if (
                rdf is not None
                and rdf is not conneg.HTML
                and not conneg.negotiate_media(accept, ["text/html"])
            ):
                from .void import service_description

                body = site.serialize(service_description(site, sparql_url), rdf)
                resp = StarletteResponse(body, headers={"Vary": "Accept"})
                resp.headers["Content-Type"] = rdf.content_type
                return resp
            html = await run_in_threadpool(query_page, site, options)
            resp = StarletteResponse(html.encode("utf-8"), headers={"Vary": "Accept"})
            resp.headers["Content-Type"] = conneg.HTML.content_type
            return resp
        if engine is None:
            return text(503, "the SPARQL endpoint is disabled")
        result = await run_in_threadpool(
            engine.run,
            query,
            accept,
            params.get("default-graph-uri"),
            params.get("named-graph-uri"),
        )
        return _sparql_out(result)

    def _sparql_out(result: Any) -> StarletteResponse:
        resp = StarletteResponse(result.body, status_code=result.status, headers={"Vary": "Accept"})
        resp.headers["Content-Type"] = result.content_type
        if result.truncated:
            resp.headers["X-Stdkg-Truncated"] = f"results cut at --max-rows {options.max_rows}"
        return resp

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
            expose_headers=["Location", "Vary", "X-Stdkg-Truncated"],
        )
    ]
    return Starlette(routes=routes, middleware=middleware)


def query_page(site: Site, options: ServeOptions) -> str:
    from markupsafe import Markup

    from .render import json_for_script, render

    ex = examples(site)
    ctx = site._context(
        "SPARQL endpoint",
        "",
        endpoint=site.url("sparql"),
        timeout=f"{options.query_timeout:g}",
        max_rows=options.max_rows,
        examples=ex,
        examples_json=Markup(json_for_script(json.dumps(ex, ensure_ascii=False))),
        default_query=ex[0]["query"] if ex else "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
        canonical=site.url("sparql"),
    )
    return render("query.html", **ctx)


class LiveSite:
    """Everything ``serve`` runs: the site, the query workers and their on-disk store."""

    def __init__(self, kg: KG, options: ServeOptions) -> None:
        from .site import Site, SiteOptions

        base = options.base_uri
        self.options = options
        self.site = Site(kg, base, SiteOptions())
        self.site.options.sparql = self.site.url("sparql")
        self.store_path = write_query_store(self.site)
        from .sparql import QueryEngine

        self.engine = QueryEngine(
            self.store_path, workers=options.workers, timeout=options.query_timeout, max_rows=options.max_rows
        )

    def app(self) -> Starlette:
        return create_app(self.site, self.engine, self.options)

    def close(self) -> None:
        self.engine.close()
        shutil.rmtree(self.store_path, ignore_errors=True)


def serve(kg: KG, options: ServeOptions) -> None:
    """Run the server until interrupted (blocking)."""
    import uvicorn

    live = LiveSite(kg, options)
    try:
        uvicorn.run(
            live.app(),
            host=options.host,
            port=options.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
    finally:
        live.close()


__all__ = ["LiveSite", "ServeOptions", "check_port", "create_app", "default_base", "serve"]
