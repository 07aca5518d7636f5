"""The ``/sparql`` route of ``stdkg serve``: the SPARQL 1.1 Protocol over HTTP, bounded.

* A request body is read up to ``max_body`` bytes; past that the answer is ``413`` and the rest is
  not read (a declared ``Content-Length`` over the cap is refused before reading anything).
* Updates are ``403`` (by media type, by ``update=``, and from the parse of a ``query=``); ``SERVICE``
  and text the checking parser cannot read are ``400`` (decided in the worker, see :mod:`.sparql`).
* A query is admitted only when the pool has room (workers + queue); otherwise ``503`` with
  ``Retry-After``. Admitted queries run on their own threads (not the thread pool that renders
  pages), and the connection is watched: when the client goes, the query is stopped.
* On a site served under another base (``--base-uri``), canonical data IRIs in a query
  (``https://w3id.org/stdkg/id/…``) are read as this site's, so the named queries and their default
  parameters work against any stdkg endpoint; vocabulary IRIs never move.
* Without ``query`` the route answers the HTML query page or the service description (RDF).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from . import conneg
from .conneg import RDF_FORMATS, negotiate
from .rebase import rebase_text

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from .query_pool import QueryEngine
    from .serve_options import ServeOptions
    from .site import Site
    from .sparql import SparqlResponse

READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
DEFAULT_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
#: what a browser's query is run as; the answer is then shown as an HTML table
_FOR_HTML = "application/sparql-results+json, text/turtle;q=0.9"
_RESULT_OFFERS = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
]


def wants_html(accept: str | None) -> bool:
    """Whether the client (a browser) prefers an HTML page to every result format (ties: results)."""
    return conneg.negotiate_media(accept, [*_RESULT_OFFERS, "text/html"]) == "text/html"


class BodyTooLarge(Exception):
    """Internal: the request body is over the cap."""


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or :class:`BodyTooLarge` as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


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
        text = rebase_text(text, site.base)
        out.append({"name": q.name, "title": q.title or q.name, "description": q.description, "query": text})
    return out


def prefix_block(prefixes: dict[str, str]) -> str:
    """The predeclared prefixes as SPARQL ``PREFIX`` lines (shown on the query page)."""
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(prefixes.items()))


def query_page(
    site: Site,
    options: ServeOptions,
    prefixes: dict[str, str],
    query: str | None = None,
    result: SparqlResponse | None = None,
) -> str:
    """The HTML query page; with ``query`` and ``result``, the answer below the form as a table."""
    from markupsafe import Markup

    from .render import json_for_script, render

    ex = examples(site)
    root = urlsplit(site.base).path or "/"
    ctx = site.context(
        "SPARQL endpoint",
        root,
        endpoint=site.url("sparql"),
        timeout=f"{options.query_timeout:g}",
        max_rows=options.max_rows,
        examples=ex,
        examples_json=Markup(json_for_script(json.dumps(ex, ensure_ascii=False))),
        default_query=query if query is not None else (ex[0]["query"] if ex else DEFAULT_QUERY),
        canonical=site.url("sparql"),
        prefixes=prefix_block(prefixes),
        answer=results_html(site, result) if result is not None else None,
    )
    return render("query.html", **ctx)


def results_html(site: Site, result: SparqlResponse) -> Any:
    """A query's answer as HTML: a table of plain values (IRIs as links), a yes/no, or the message."""
    from markupsafe import Markup, escape

    media = result.content_type.split(";")[0].strip()
    if result.status != 200:
        return Markup(
            f'<p class="error">{result.status}: {escape(result.body.decode("utf-8", "replace"))}</p>'
        )
    if media != "application/sparql-results+json":
        return Markup(f"<pre>{escape(result.body.decode('utf-8', 'replace'))}</pre>")
    data = json.loads(result.body)
    if "boolean" in data:
        return Markup(f"<p>{'yes' if data['boolean'] else 'no'} ({str(data['boolean']).lower()})</p>")
    names = data["head"]["vars"]
    rows = data["results"]["bindings"]
    head = "".join(f"<th>{escape(v)}</th>" for v in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(site, b.get(v))}</td>" for v in names) + "</tr>\n" for b in rows
    )
    cut = " (cut at the row limit)" if result.truncated else ""
    count = f"<p>{len(rows)} row{'s' if len(rows) != 1 else ''}{cut}</p>"
    return Markup(f'{count}<table class="results">\n<tr>{head}</tr>\n{body}</table>')


def _cell(site: Site, term: dict[str, str] | None) -> Any:
    from markupsafe import Markup, escape

    if term is None:
        return ""
    value = term.get("value", "")
    if term.get("type") == "uri":
        return Markup(f'<a href="{escape(value)}" title="{escape(value)}">{escape(site.curie(value))}</a>')
    if term.get("type") == "bnode":
        return escape("_:" + value)
    if value.startswith(("http://", "https://")) and " " not in value:
        return Markup(f'<a href="{escape(value)}">{escape(value)}</a>')
    return escape(value)


def make_handler(
    site: Site,
    engine: QueryEngine | None,
    options: ServeOptions,
    document: Callable[[Request, str, Callable[[], tuple[bytes, str]]], Any],
    prefixes: dict[str, str],
) -> Callable[[Request], Any]:
    """The endpoint for ``site``.

    ``document(request, key, build)`` answers a document (the query page, the service description)
    built once by ``build() -> (body, content type)``, with the server's validators and 304s.
    """
    import anyio
    from starlette.responses import PlainTextResponse
    from starlette.responses import Response as StarletteResponse

    from .sparql import refusal

    limiter = anyio.CapacityLimiter(engine.capacity if engine else 1)

    def plain(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        return PlainTextResponse(
            message + "\n", status_code=status, headers={"Vary": "Accept", **(headers or {})}
        )

    def out(result: SparqlResponse) -> Response:
        resp = StarletteResponse(result.body, status_code=result.status, headers={"Vary": "Accept"})
        resp.headers["Content-Type"] = result.content_type
        if result.truncated:
            resp.headers["X-Stdkg-Truncated"] = f"results cut at --max-rows {options.max_rows}"
        if result.status == 503 and engine is not None:
            resp.headers["Retry-After"] = str(engine.retry_after())
        return resp

    async def run(request: Request, query: str, params: dict[str, list[str]]) -> Response:
        assert engine is not None
        accept = request.headers.get("accept")
        html = wants_html(accept)
        if not engine.admit():
            return plain(
                503,
                "too many queries: every query worker is busy and the queue is full; try again later",
                {"Retry-After": str(engine.retry_after())},
            )
        cancelled = threading.Event()
        result: list[SparqlResponse] = []
        try:
            async with anyio.create_task_group() as tg:

                async def watch() -> None:
                    while True:
                        message = await request.receive()
                        if message["type"] == "http.disconnect":
                            cancelled.set()
                            return

                async def evaluate() -> None:
                    result.append(
                        await anyio.to_thread.run_sync(
                            lambda: engine.run(
                                query,
                                _FOR_HTML if html else accept,
                                params.get("default-graph-uri"),
                                params.get("named-graph-uri"),
                                cancelled,
                            ),
                            limiter=limiter,
                        )
                    )
                    tg.cancel_scope.cancel()

                tg.start_soon(watch)
                tg.start_soon(evaluate)
        finally:
            engine.release()
        if html:
            text = await anyio.to_thread.run_sync(query_page, site, options, prefixes, query, result[0])
            resp = StarletteResponse(
                text.encode("utf-8"), status_code=result[0].status, headers={"Vary": "Accept"}
            )
            resp.headers["Content-Type"] = conneg.HTML.content_type
            return resp
        return out(result[0])

    async def endpoint(request: Request) -> Response:
        params: dict[str, list[str]] = {}
        for k, v in request.query_params.multi_items():
            params.setdefault(k, []).append(v)
        query: str | None = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return out(refusal(403, READ_ONLY))
            if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
                return plain(415, "POST needs application/x-www-form-urlencoded or application/sparql-query")
            try:
                raw = (await read_body(request, options.max_body)).decode("utf-8", errors="replace")
            except BodyTooLarge:
                return plain(
                    413, f"request body over the limit of {options.max_body} bytes", {"Connection": "close"}
                )
            if ctype == "application/sparql-query":
                query = raw
            else:
                for k, fv in parse_qsl(raw, keep_blank_values=True):
                    params.setdefault(k, []).append(fv)
        if "update" in params:
            return out(refusal(403, READ_ONLY))
        if query is None:
            found = params.get("query")
            if found and len(found) > 1:
                return plain(400, "exactly one query parameter is allowed")
            query = str(found[0]) if found else None
        if query is None:
            accept = request.headers.get("accept")
            rdf = negotiate(accept, (conneg.HTML, *RDF_FORMATS))
            if (
                rdf is not None
                and rdf is not conneg.HTML
                and not conneg.negotiate_media(accept, ["text/html"])
            ):
                from .void import service_description

                def describe(fmt: conneg.DocFormat = rdf) -> tuple[bytes, str]:
                    return site.serialize(
                        service_description(site, site.url("sparql")), fmt
                    ), fmt.content_type

                return await document(request, f"sparql#{rdf.suffix}", describe)

            def page() -> tuple[bytes, str]:
                return query_page(site, options, prefixes).encode("utf-8"), conneg.HTML.content_type

            return await document(request, "sparql#html", page)
        if engine is None:
            return plain(503, "the SPARQL endpoint is disabled")
        # a client that only knows the canonical IRIs (a named query's default parameters) asks for
        # data this site holds under its own base: read them as this site's IRIs
        return await run(request, rebase_text(query, site.base), params)

    return endpoint


__all__ = ["BodyTooLarge", "examples", "make_handler", "prefix_block", "query_page", "read_body"]
