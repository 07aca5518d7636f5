"""The linked-data site: every document it has, answered by path.

The site has one document per format beside each thing of the :class:`~.model.SiteModel`:
``id/org/iso.html``, ``id/org/iso.ttl``, ``.nt``, ``.jsonld``, ``.rdf``. The ontology is documented
at ``ns`` (terms are ``ns#Term``), the dataset at ``void``, the home page is ``index.html``.
:meth:`Site.document` answers any site path with bytes and a media type, so the static publisher
(:mod:`.static`) and the live server serve exactly the same thing.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from markupsafe import escape

from . import conneg
from .chrome import Chrome
from .conneg import FORMATS, RDF_FORMATS, DocFormat
from .diagram import commitment_svg
from .model import DUMP_LABELS, Document, SiteModel, SiteOptions, rebased_named_quads
from .ontology import ontology_html, ontology_triples
from .pages import home_html, index_html, not_found_html
from .render import environment, stylesheet
from .resource_page import resource_html
from .void import void_html, void_triples

if TYPE_CHECKING:
    from ..kg import KG

#: The static site's page for a missing document (the web-server rules point at it).
NOT_FOUND_PAGE = "404.html"
_EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


class Site(SiteModel):
    """The site over a rebased KG. Build once; ask for documents by path."""

    def __init__(self, kg: KG, base_uri: str | None = None, options: SiteOptions | None = None) -> None:
        super().__init__(kg, base_uri, options)
        self.chrome = Chrome(self)

    def context(self, title: str, root: str, **extra: Any) -> dict[str, Any]:
        """The template context of a page of this site (see :meth:`.chrome.Chrome.context`)."""
        return self.chrome.context(title, root, **extra)

    def warm(self) -> None:
        """Build the lazily computed parts every page uses (before forking writers)."""
        environment().get_template("resource.html")
        self.chrome.nav_html(self.root_of("id/x/y"))
        _ = self.offices.members_by_body

    # -- routing ----------------------------------------------------------------------------
    def thing_paths(self) -> list[str]:
        """Every path (no suffix) that names a thing and is answered by a 303."""
        return [*self.pages, "ns"]

    def is_thing(self, path: str) -> bool:
        return path in self.pages or path in ("ns", "void")

    def document(self, path: str) -> Document | None:
        """The document at a site path (``id/org/iso.ttl``, ``index.html``, ``dumps/…``), or ``None``."""
        if path in ("", "index.html"):
            return _html(home_html(self, self.chrome))
        if path == "style.css":
            return Document(stylesheet().encode(), "text/css; charset=utf-8")
        if path == "robots.txt":
            return Document(self.robots_txt().encode(), "text/plain; charset=utf-8")
        if path == "sitemap.xml":
            return Document(self.sitemap_xml().encode(), "application/xml; charset=utf-8")
        if path == NOT_FOUND_PAGE:
            return _html(not_found_html(self.chrome, urlsplit(self.base).path or "/", ""))
        if path == "diagram.svg":
            return Document((commitment_svg(self, "") or _EMPTY_SVG).encode(), "image/svg+xml")
        if path.startswith("index/") and path.endswith(".html"):
            html = index_html(self, self.chrome, path[len("index/") : -len(".html")])
            return _html(html) if html is not None else None
        if path.startswith("dumps/"):
            dump = self.dumps().get(path)
            return Document(dump[0](), dump[1]) if dump else None
        stem, dot, suffix = path.rpartition(".")
        if not dot:
            return None
        fmt = conneg.BY_SUFFIX.get(suffix)
        if fmt is None:
            return None
        if stem == "ns":
            return self.ontology_document(fmt)
        if stem == "void":
            return self.void_document(fmt)
        if stem in self.pages:
            return self.resource_document(stem, fmt)
        return None

    def all_paths(self) -> Iterator[str]:
        """Every document path of the static site (resource documents excluded: see ``resource_documents``)."""
        yield "index.html"
        yield "style.css"
        yield "robots.txt"
        yield "sitemap.xml"
        yield "diagram.svg"
        yield NOT_FOUND_PAGE
        for spec in self.index_specs:
            yield f"index/{spec.name}.html"
        for fmt in FORMATS:
            yield f"ns.{fmt.suffix}"
            yield f"void.{fmt.suffix}"
        yield from self.dumps()

    # -- documents --------------------------------------------------------------------------
    def resource_document(self, path: str, fmt: DocFormat) -> Document:
        page = self.pages[path]
        triples = self.describe(page.iris)
        if fmt is conneg.HTML:
            jsonld = self.serialize(triples, conneg.JSON_LD)
            return _html(resource_html(self, self.chrome, page, triples, jsonld))
        return Document(self.serialize(triples, fmt), fmt.content_type)

    def resource_documents(self, path: str) -> dict[str, bytes]:
        """Every representation of one page (for the static publisher): suffix -> bytes."""
        page = self.pages[path]
        triples = self.describe(page.iris)
        out = {fmt.suffix: self.serialize(triples, fmt) for fmt in RDF_FORMATS}
        out["html"] = resource_html(self, self.chrome, page, triples, out["jsonld"]).encode("utf-8")
        return out

    def ontology_document(self, fmt: DocFormat) -> Document:
        if fmt is conneg.HTML:
            return _html(ontology_html(self, self.chrome))
        return Document(self.serialize(ontology_triples(self), fmt), fmt.content_type)

    def void_document(self, fmt: DocFormat) -> Document:
        if fmt is conneg.HTML:
            return _html(void_html(self, self.chrome))
        return Document(self.serialize(void_triples(self), fmt), fmt.content_type)

    def dumps(self) -> dict[str, tuple[Callable[[], bytes], str]]:
        """The whole-graph dumps: path -> (a function making the bytes, media type)."""

        def union(fmt: Any) -> bytes:
            prefixes = self.prefixes if fmt is ox.RdfFormat.TURTLE else None
            return self.store.dump(format=fmt, from_graph=self.default_graph, prefixes=prefixes) or b""

        def quads() -> bytes:
            return rebased_named_quads(self.kg, self.base)

        made = {
            "dumps/stdkg.nt.gz": (lambda: _gzip(union(ox.RdfFormat.N_TRIPLES)), "application/gzip"),
            "dumps/stdkg.nq.gz": (lambda: _gzip(quads()), "application/gzip"),
            "dumps/stdkg.ttl": (lambda: union(ox.RdfFormat.TURTLE), conneg.TURTLE.content_type),
            "dumps/stdkg.jsonld": (lambda: union(ox.RdfFormat.JSON_LD), conneg.JSON_LD.content_type),
        }
        assert list(made) == list(DUMP_LABELS)
        return made

    def sitemap_xml(self) -> str:
        urls = ["index.html", "ns.html", "void.html"]
        urls += [f"index/{s.name}.html" for s in self.index_specs]
        urls += [f"{p}.html" for p in self.pages]
        body = "".join(f"<url><loc>{escape(self.url(u))}</loc></url>\n" for u in urls)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
        )

    def robots_txt(self) -> str:
        return f"User-agent: *\nAllow: /\nDisallow: {urlsplit(self.base).path}sparql\nSitemap: {self.url('sitemap.xml')}\n"


def _html(text: str) -> Document:
    return Document(text.encode("utf-8"), conneg.HTML.content_type)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


__all__ = ["Document", "Site", "SiteOptions"]
