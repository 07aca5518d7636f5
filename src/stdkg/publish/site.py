"""The linked-data site: which documents exist, what they contain, and writing them as static files.

A :class:`Site` wraps a KG whose IRIs have been rebased (``--base-uri``). Every IRI under the base that
occurs in the graph is a *thing*; its *document path* is the IRI minus the base (and minus any
``#fragment``), and the site has one document per format beside it: ``id/org/iso.html``,
``id/org/iso.ttl``, ``.nt``, ``.jsonld``, ``.rdf``. The ontology lives at ``ns`` (terms are
``ns#Term``), the home page at ``index.html``. :meth:`Site.document` answers any site path with bytes
and a media type, so the static publisher and the live server serve exactly the same thing.

The per-resource hot path uses pyoxigraph quad-pattern lookups and Python dicts built once; no rdflib.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..errors import InputError, OutputError
from ..kg import BASE_IRI, NS, PREFIXES
from . import conneg
from .conneg import FORMATS, RDF_FORMATS, DocFormat
from .rebase import ONTOLOGY_IRI, rebase_iri, rebase_ntriples

if TYPE_CHECKING:
    from ..kg import KG

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"

#: Label properties in order of preference for the name shown for a resource.
LABEL_PROPERTIES = (
    RDFS + "label",
    SKOS + "prefLabel",
    FOAF + "name",
    SCHEMA + "name",
    SCHEMA + "headline",
    DCT + "title",
)
#: Properties shown in the "Names" section (every language).
NAME_PROPERTIES = (*LABEL_PROPERTIES, SKOS + "altLabel", SCHEMA + "alternateName")
#: Properties whose values are provenance (evidence nodes or source documents).
PROVENANCE_PROPERTIES = (
    PROV + "wasDerivedFrom",
    PROV + "hadPrimarySource",
    PROV + "wasQuotedFrom",
)
DEFINITION_PROPERTIES = (SKOS + "definition", RDFS + "comment", DCT + "description")

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
INCOMING_CAP = 200
_MIN_PAGES_PER_JOB = 500
INDEX_CAP = 5000


@dataclass(frozen=True)
class IndexSpec:
    """An index page: every resource of one of these classes (IRIs relative to the ontology NS)."""

    name: str
    title: str
    intro: str
    classes: tuple[str, ...]


#: Index pages, in the order of the navigation. A resource goes to the first index that matches.
INDEXES: tuple[IndexSpec, ...] = (
    IndexSpec(
        "bodies",
        "Bodies",
        "Standards bodies and their units.",
        (
            ORG + "FormalOrganization",
            ORG + "OrganizationalUnit",
            ORG + "Organization",
            SCHEMA + "Organization",
        ),
    ),
    IndexSpec(
        "people", "People", "People who hold posts in the bodies.", (FOAF + "Person", SCHEMA + "Person")
    ),
    IndexSpec(
        "posts", "Posts", "Posts in the bodies, and who held them through memberships.", (ORG + "Post",)
    ),
    IndexSpec("memberships", "Memberships", "Who held which post, and when.", (ORG + "Membership",)),
    IndexSpec("statements", "Statements", "Joint statements of the bodies.", ("{ns}JointStatement",)),
    IndexSpec(
        "commitments", "Commitments", "The numbered commitments of each statement.", ("{ns}Commitment",)
    ),
    IndexSpec(
        "quotations", "Quotations", "Verbatim quotations with their speakers.", (SCHEMA + "Quotation",)
    ),
    IndexSpec(
        "events", "Events", "Events and publication events.", (SCHEMA + "Event", SCHEMA + "PublicationEvent")
    ),
    IndexSpec(
        "concepts",
        "Concepts",
        "Roles, themes and values, in their SKOS concept schemes.",
        (SKOS + "Concept", SKOS + "ConceptScheme", ORG + "Role"),
    ),
    IndexSpec(
        "sources",
        "Sources",
        "The source documents every fact is derived from.",
        (SCHEMA + "NewsArticle", SCHEMA + "WebPage", SCHEMA + "CreativeWork"),
    ),
    IndexSpec(
        "places", "Places", "Cities and countries.", (SCHEMA + "City", SCHEMA + "Country", SCHEMA + "Place")
    ),
    IndexSpec(
        "evidence",
        "Evidence",
        "Evidence spans: where in a source each fact is stated.",
        (OA + "SpecificResource", OA + "TextQuoteSelector", OA + "TextPositionSelector"),
    ),
)
OTHER_INDEX = IndexSpec("other", "Other resources", "Everything else: intervals, instants, attributions.", ())


@dataclass
class SiteOptions:
    """What a site says about itself."""

    title: str = "stdkg — the Standards Knowledge Graph"
    short_title: str = "stdkg"
    description: str = (
        "Linked open data about international standards bodies (ISO, IEC, ITU and their units), the "
        "people who lead them and the commitments they make, starting with the Seoul Statement on "
        "Artificial Intelligence of 2 December 2025. Every fact carries its source, and every quotation "
        "and commitment the exact span of the source text it comes from."
    )
    license: str = LICENSE
    license_name: str = "CC BY 4.0"
    publisher_name: str = "the stdkg contributors"
    homepage: str = BASE_IRI
    version: str = ""
    sparql: str | None = None
    """The SPARQL endpoint URL to advertise (``serve`` sets it), or ``None``."""


@dataclass(frozen=True)
class Document:
    """One representation: its bytes and media type (with charset)."""

    body: bytes
    content_type: str


def rebase_store(kg: KG, base: str) -> ox.Store:
    """A store holding the KG's union graph with every IRI under the canonical base moved to ``base``.

    Only the default (union) graph is copied: the pages need nothing else, and the source graphs are
    rebased on the fly when the N-Quads dump or the SPARQL store is written (:func:`rebased_named_quads`).
    The rewrite works on the N-Triples text (pyoxigraph serializes and parses in Rust): ``<`` is not
    escaped inside N-Triples literals, so a literal containing ``<`` followed by the canonical base
    would also change; the bundled data has none.
    """
    store = ox.Store()
    dump = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    dump = rebase_ntriples(dump, base)
    store.bulk_load(dump, format=ox.RdfFormat.N_TRIPLES)
    return store


def rebased_named_quads(kg: KG, base: str) -> bytes:
    """N-Quads of the KG's source graphs (one named graph per file), IRIs moved under ``base``."""
    parts: list[bytes] = []
    for g in kg.graph_names:
        triples = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
        # N-Triples escapes line breaks inside literals: " .\n" only ends a statement
        parts.append(triples.replace(b" .\n", b" <" + g.encode() + b"> .\n"))
    return rebase_ntriples(b"".join(parts), base)


def check_base(base: str) -> str:
    """Validate ``--base-uri``: absolute http(s) IRI ending in ``/``."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--base-uri {base!r}: need an absolute http(s) IRI such as http://127.0.0.1:8000/")
    if parts.query or parts.fragment:
        raise InputError(f"--base-uri {base!r}: no query or fragment allowed")
    if not base.endswith("/"):
        base += "/"
    return base


@dataclass
class Page:
    """A document path of the site and the things (IRIs) it describes."""

    path: str
    iris: list[str] = field(default_factory=list)


class Site:
    """The site model over a rebased KG. Build once; ask for documents by path."""

    def __init__(self, kg: KG, base_uri: str | None = None, options: SiteOptions | None = None) -> None:
        from .. import __version__

        self.kg = kg
        self.base = check_base(base_uri) if base_uri else BASE_IRI
        self.options = options or SiteOptions()
        if not self.options.version:
            self.options.version = __version__
        self.ns = NS  # the vocabulary keeps its IRIs (see .rebase)
        self.ontology_iri = ONTOLOGY_IRI
        self.store = rebase_store(kg, self.base) if self.base != BASE_IRI else kg.store
        self._dg = ox.DefaultGraph()
        self.prefixes = {k: rebase_iri(v, self.base) for k, v in PREFIXES.items()}
        self._curie_table = sorted(
            ((ns_, p) for p, ns_ in self.prefixes.items()),
            key=lambda t: -len(t[0]),
        )
        self._nav_cache: dict[str, Any] = {}
        self._chrome_cache: dict[str, tuple[str, str, str]] = {}
        self._link_cache: dict[str, tuple[str | None, str, str]] = {}
        self._ns_cache: dict[str, tuple[str, str] | None] = {}
        self._build_indexes()

    def _quads(self, s: Any, p: Any, o: Any, g: Any) -> Iterator[Any]:
        """``quads_for_pattern`` typed loosely (terms are read through ``.value``)."""
        return iter(self.store.quads_for_pattern(s, p, o, g))

    # -- one pass over the graph ------------------------------------------------------------
    def _build_indexes(self) -> None:
        base = self.base
        dg = self._dg
        labels: dict[str, tuple[int, str]] = {}
        rank = {p: i for i, p in enumerate(LABEL_PROPERTIES)}
        for prop in LABEL_PROPERTIES:
            r = rank[prop]
            for q in self._quads(None, ox.NamedNode(prop), None, dg):
                o = q.object
                if not isinstance(o, ox.Literal):
                    continue
                key = q.subject.value
                lang = o.language
                score = r * 3 + (0 if lang in (None, "en") or (lang and lang.startswith("en")) else 2)
                if lang is None:
                    score += 1
                prev = labels.get(key)
                if prev is None or score < prev[0]:
                    labels[key] = (score, o.value)
        self.labels: dict[str, str] = {k: v for k, (_, v) in labels.items()}
        types: dict[str, list[str]] = defaultdict(list)
        for q in self._quads(None, ox.NamedNode(RDF_TYPE), None, dg):
            if isinstance(q.object, ox.NamedNode):
                types[q.subject.value].append(q.object.value)
        self.types: dict[str, list[str]] = dict(types)
        pages: dict[str, Page] = {}
        graph_base = base + "graph/"
        seen: set[str] = set()
        counter = 0
        predicates: dict[str, int] = defaultdict(int)
        for q in self._quads(None, None, None, dg):
            counter += 1
            predicates[q.predicate.value] += 1
            for term in (q.subject, q.object):
                if not isinstance(term, ox.NamedNode):
                    continue
                iri = term.value
                if iri in seen or not iri.startswith(base):
                    continue
                seen.add(iri)
                if iri.startswith(graph_base):
                    continue
                path = self.doc_path(iri)
                if path is None or path in ("index", "ns"):
                    continue
                page = pages.get(path)
                if page is None:
                    page = pages[path] = Page(path)
                page.iris.append(iri)
        for page in pages.values():
            page.iris.sort(key=lambda i: (i != self.base + page.path, i))
        self.pages: dict[str, Page] = dict(sorted(pages.items()))
        self.triple_count = counter
        self.predicates: dict[str, int] = dict(predicates)
        self.index_of: dict[str, str] = {}
        members: dict[str, list[str]] = defaultdict(list)
        specs = [self._spec(ix) for ix in INDEXES]
        for path in self.pages:
            iri = self.base + path
            tset = set(self.types.get(iri, ()))
            name = OTHER_INDEX.name
            for spec in specs:
                if tset.intersection(spec.classes):
                    name = spec.name
                    break
            members[name].append(path)
            self.index_of[path] = name
        self.index_members = members

    def _spec(self, spec: IndexSpec) -> IndexSpec:
        return IndexSpec(
            spec.name, spec.title, spec.intro, tuple(c.replace("{ns}", self.ns) for c in spec.classes)
        )

    @property
    def index_specs(self) -> list[IndexSpec]:
        specs = [self._spec(ix) for ix in INDEXES]
        return [s for s in [*specs, OTHER_INDEX] if self.index_members.get(s.name)]

    def warm(self) -> None:
        """Build the lazily computed parts every page uses (before forking writers)."""
        from .render import environment

        environment().get_template("resource.html")
        self._nav_html(self.root_of("id/x/y"))
        from .diagram import memberships

        memberships(self)

    # -- IRIs, paths, links -----------------------------------------------------------------
    def doc_path(self, iri: str) -> str | None:
        """The document path (no suffix) of an IRI under the base, or ``None`` for external IRIs."""
        if not iri.startswith(self.base):
            return None
        rest = iri[len(self.base) :].split("#", 1)[0].split("?", 1)[0]
        if rest == "":
            return "index"
        if rest.endswith("/"):
            rest += "index"
        return rest

    def iri_of(self, path: str) -> str:
        return self.base + path

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.base + path

    def curie(self, iri: str) -> str:
        for ns_, p in self._curie_table:
            if iri.startswith(ns_) and len(iri) > len(ns_):
                local = iri[len(ns_) :]
                if "/" not in local and "#" not in local:
                    return f"{p}:{local}"
        return iri

    def label(self, iri: str) -> str:
        found = self.labels.get(iri)
        if found:
            return found
        if iri.startswith(self.ns):
            return iri[len(self.ns) :]
        c = self.curie(iri)
        if c != iri:
            return c
        tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        return tail or iri

    def href(self, iri: str, root: str) -> str | None:
        """Relative link from a page at depth ``root`` to the page of ``iri`` (``None``: external)."""
        if iri.startswith(self.ns):
            return f"{root}ns.html#{iri[len(self.ns) :]}"
        if iri == self.ontology_iri:
            return f"{root}ns.html"
        path = self.doc_path(iri)
        if path is None:
            return None
        if path == "index":
            return f"{root}index.html"
        if path not in self.pages:
            return None
        frag = iri.partition("#")[2]
        return f"{root}{path}.html" + (f"#{frag}" if frag else "")

    def link(self, iri: str, root: str) -> str:
        """An HTML link to a resource, showing its label (parts cached per IRI: the hot path)."""
        parts = self._link_cache.get(iri)
        if parts is None:
            h = self.href(iri, "")
            parts = (
                None if h is None else str(escape(h)),
                str(escape(iri)),
                str(escape(self.label(iri))),
            )
            self._link_cache[iri] = parts
        rel, esc_iri, text = parts
        if rel is None:
            return f'<a class="ext" href="{esc_iri}" title="{esc_iri}">{text}</a>'
        return f'<a href="{root}{rel}" title="{esc_iri}">{text}</a>'

    @staticmethod
    def root_of(path: str) -> str:
        return "../" * path.count("/")

    # -- routing ----------------------------------------------------------------------------
    def thing_paths(self) -> list[str]:
        """Every path (no suffix) that names a thing and is answered by a 303."""
        return [*self.pages, "ns"]

    def is_thing(self, path: str) -> bool:
        return path in self.pages or path in ("ns", "void")

    def document(self, path: str) -> Document | None:
        """The document at a site path (``id/org/iso.ttl``, ``index.html``, ``dumps/…``), or ``None``."""
        if path in ("", "index.html"):
            return self._html(self.home_html())
        if path == "style.css":
            from .render import stylesheet

            return Document(stylesheet().encode(), "text/css; charset=utf-8")
        if path == "robots.txt":
            return Document(self.robots_txt().encode(), "text/plain; charset=utf-8")
        if path == "sitemap.xml":
            return Document(self.sitemap_xml().encode(), "application/xml; charset=utf-8")
        if path == "diagram.svg":
            return Document(self.diagram_svg().encode(), "image/svg+xml")
        if path.startswith("index/") and path.endswith(".html"):
            name = path[len("index/") : -len(".html")]
            html = self.index_html(name)
            return self._html(html) if html is not None else None
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
        for spec in self.index_specs:
            yield f"index/{spec.name}.html"
        for fmt in FORMATS:
            yield f"ns.{fmt.suffix}"
            yield f"void.{fmt.suffix}"
        yield from self.dumps()

    @staticmethod
    def _html(text: str) -> Document:
        return Document(text.encode("utf-8"), conneg.HTML.content_type)

    # -- resource documents -----------------------------------------------------------------
    def _describe(self, iris: list[str]) -> list[ox.Triple]:
        """Outgoing triples of the things (closed over blank-node objects), then incoming ones (capped)."""
        triples: list[ox.Triple] = []
        todo: list[Any] = [ox.NamedNode(i) for i in iris]
        seen_b: set[str] = set()
        while todo:
            s = todo.pop()
            for q in self._quads(s, None, None, self._dg):
                triples.append(q.triple)
                o = q.object
                if isinstance(o, ox.BlankNode) and o.value not in seen_b:
                    seen_b.add(o.value)
                    todo.append(o)
        for i in iris:
            for n, q in enumerate(self._quads(None, None, ox.NamedNode(i), self._dg)):
                if n >= INCOMING_CAP:
                    break
                if not (isinstance(q.subject, ox.NamedNode) and q.subject.value in iris):
                    triples.append(q.triple)
        return triples

    def serialize(self, triples: list[ox.Triple], fmt: DocFormat) -> bytes:
        oxfmt = {
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
            "rdf": ox.RdfFormat.RDF_XML,
        }[fmt.suffix]
        prefixes = self._used_prefixes(triples) if fmt.suffix in ("ttl", "rdf") else None
        return ox.serialize(triples, format=oxfmt, prefixes=prefixes) or b""

    def _used_prefixes(self, triples: list[ox.Triple]) -> dict[str, str]:
        """The prefixes whose namespace some IRI of the triples starts with (cached per namespace)."""
        used: dict[str, str] = {}
        cache = self._ns_cache
        for t in triples:
            for term in (t.subject, t.predicate, t.object):
                if not isinstance(term, ox.NamedNode):
                    continue
                v = term.value
                cut = max(v.rfind("/"), v.rfind("#")) + 1
                key = v[:cut]
                if key not in cache:
                    cache[key] = next(((p, ns_) for ns_, p in self._curie_table if key.startswith(ns_)), None)
                hit = cache[key]
                if hit is not None:
                    used[hit[0]] = hit[1]
        return used

    def resource_document(self, path: str, fmt: DocFormat) -> Document:
        page = self.pages[path]
        triples = self._describe(page.iris)
        if fmt is conneg.HTML:
            jsonld = self.serialize(triples, conneg.JSON_LD)
            return self._html(self.resource_html(page, triples, jsonld))
        return Document(self.serialize(triples, fmt), fmt.content_type)

    def resource_documents(self, path: str) -> dict[str, bytes]:
        """Every representation of one page (for the static publisher): suffix -> bytes."""
        page = self.pages[path]
        triples = self._describe(page.iris)
        out = {fmt.suffix: self.serialize(triples, fmt) for fmt in RDF_FORMATS}
        out["html"] = self.resource_html(page, triples, out["jsonld"]).encode("utf-8")
        return out

    def alternates(self, path: str, root: str) -> list[dict[str, str]]:
        name = path.rsplit("/", 1)[-1]
        return [
            {"media_type": f.media_type, "href": f"{name}.{f.suffix}", "label": f.label} for f in RDF_FORMATS
        ]

    def _context(self, title: str, root: str, **extra: Any) -> dict[str, Any]:
        opts = self.options
        site = {
            "title": opts.title,
            "short_title": opts.short_title,
            "description": opts.description,
            "license": opts.license,
            "license_name": opts.license_name,
            "publisher_name": opts.publisher_name,
            "homepage": opts.homepage,
            "version": opts.version,
            "sparql": opts.sparql,
            "base": self.base,
            "ontology_iri": self.ontology_iri,
            "nav": self._nav,
        }
        ctx: dict[str, Any] = {
            "site": site,
            "nav_html": self._nav_html(root),
            "title": title,
            "root": root,
            "canonical": None,
            "alternates": [],
        }
        ctx.update(extra)
        ctx["head_html"], ctx["footer_html"] = self._chrome(root, ctx["canonical"], ctx["alternates"])
        return ctx

    def _chrome(self, root: str, canonical: str | None, alternates: list[dict[str, str]]) -> tuple[Any, Any]:
        """The page head links and the footer, as markup (built in Python: every page has them)."""
        fixed = self._chrome_cache.get(root)
        if fixed is None:
            o = self.options
            head = (
                f'<meta name="description" content="{escape(o.description)}">\n'
                f'<link rel="stylesheet" href="{root}style.css">\n'
                f'<link rel="license" href="{escape(o.license)}">\n'
            )
            foot = (
                f'<p>Data licensed under <a rel="license" href="{escape(o.license)}">{escape(o.license_name)}</a> '
                f"by {escape(o.publisher_name)}. Every fact cites its source; see the provenance on each page.</p>\n"
            )
            tail = (
                f'<a href="{root}void.html">dataset description (VoID/DCAT)</a> · '
                f'<a href="{root}dumps/stdkg.nt.gz">download</a> · '
                f'<a href="{escape(o.homepage)}">stdkg</a> {escape(o.version)}</p>'
            )
            fixed = (head, foot, tail)
            self._chrome_cache[root] = fixed
        head, foot, tail = fixed
        alt_head = "".join(
            f'<link rel="alternate" type="{a["media_type"]}" href="{escape(a["href"])}" title="{escape(a["label"])}">\n'
            for a in alternates
        )
        canon = f'<link rel="canonical" href="{escape(canonical)}">\n' if canonical else ""
        alt_foot = " · ".join(f'<a href="{escape(a["href"])}">{escape(a["label"])}</a>' for a in alternates)
        source = "<p>Source: " + (alt_foot + " · " if alt_foot else "") + tail
        return Markup(head + canon + alt_head), Markup(foot + source)

    def _nav_html(self, root: str) -> Any:
        cached = self._nav_cache.get(root)
        if cached is None:
            cached = Markup(
                "\n".join(f'<a href="{root}{escape(path)}">{escape(name)}</a>' for name, path in self._nav)
            )
            self._nav_cache[root] = cached
        return cached

    @cached_property
    def _nav(self) -> list[tuple[str, str]]:
        nav = [(s.title, f"index/{s.name}.html") for s in self.index_specs if s.name != OTHER_INDEX.name]
        nav.append(("Ontology", "ns.html"))
        if self.options.sparql:
            nav.append(("SPARQL", "sparql"))
        return nav

    def resource_html(self, page: Page, triples: list[ox.Triple], jsonld: bytes) -> str:
        from .render import json_for_script, render

        root = self.root_of(page.path)
        resources = [self._resource_view(iri, triples, root) for iri in page.iris]
        diagram = None
        statement_type = self.ns + "JointStatement"
        commitment_type = self.ns + "Commitment"
        for r, iri in zip(resources, page.iris, strict=True):
            types = self.types.get(iri, ())
            statements: list[str] = []
            if statement_type in types:
                statements = [iri]
            elif commitment_type in types:
                statements = [
                    o.value
                    for o in self._objects(iri, SCHEMA + "isPartOf")
                    if statement_type in self.types.get(o.value, ())
                ]
            if statements:
                from .diagram import commitment_svg

                diagram = commitment_svg(self, root, statements=statements, highlight=iri)
                r["diagram"] = Markup(diagram) if diagram else None
        title = resources[0]["label"] if resources else page.path
        ctx = self._context(
            str(title),
            root,
            resources=resources,
            canonical=self.url(page.path + ".html"),
            alternates=self.alternates(page.path, root),
            jsonld=Markup(json_for_script(jsonld.decode("utf-8"))),
        )
        return render("resource.html", **ctx)

    def _resource_view(self, iri: str, triples: list[ox.Triple], root: str) -> dict[str, Any]:
        props: dict[str, list[str]] = {}
        names: list[dict[str, str | None]] = []
        provenance: list[tuple[str, str]] = []
        name_set = set(NAME_PROPERTIES)
        prov_set = set(PROVENANCE_PROPERTIES)
        for t in triples:
            if not isinstance(t.subject, ox.NamedNode) or t.subject.value != iri:
                continue
            p = t.predicate.value
            o = t.object
            if p == RDF_TYPE:
                continue
            if p in name_set and isinstance(o, ox.Literal):
                names.append({"text": o.value, "lang": o.language, "prop": self.curie(p)})
            if isinstance(o, ox.NamedNode) and (
                p in prov_set or OA + "SpecificResource" in self.types.get(o.value, ())
            ):
                provenance.append((p, o.value))
            props.setdefault(p, []).append(self.value_html(o, root, triples))
        properties = [
            {"label": self._prop_label(p, root), "vals": vals}
            for p, vals in sorted(props.items(), key=lambda kv: self.label(kv[0]).lower())
        ]
        by_node: dict[str, list[str]] = {}
        for prop, node in provenance:
            by_node.setdefault(node, []).append(prop)
        evidence = []
        for node, ps in by_node.items():
            entry = self._evidence(ps[0], node, root)
            entry["via"] = ", ".join(dict.fromkeys(self.label(prop) for prop in ps))
            evidence.append(entry)
        types = self.types.get(iri, [])
        if OA + "SpecificResource" in types:
            evidence.insert(0, self._evidence(None, iri, root))
        return {
            "iri": iri,
            "anchor": iri.partition("#")[2] or "about",
            "label": self.label(iri),
            "types": [_markup(self.link(t, root)) for t in types],
            "names": names,
            "properties": _rows_html(properties, ""),
            "incoming": _rows_html(self._incoming(iri, root), " of"),
            "evidence": evidence,
            "diagram": None,
        }

    def _prop_label(self, p: str, root: str) -> Any:
        return _markup(self.link(p, root))

    def value_html(self, o: Any, root: str, triples: list[ox.Triple] | None = None, depth: int = 0) -> Any:
        if isinstance(o, ox.NamedNode):
            return _markup(self.link(o.value, root))
        if isinstance(o, ox.Literal):
            text = escape(o.value)
            if o.language:
                return _markup(
                    f'<span lang="{escape(o.language)}">{text}</span> <span class="lang">{escape(o.language)}</span>'
                )
            dt = o.datatype.value
            if dt.startswith(("http://www.w3.org/2001/XMLSchema#string",)):
                if o.value.startswith(("http://", "https://")):
                    return _markup(f'<a class="ext" href="{text}">{text}</a>')
                return _markup(str(text))
            return _markup(f'{text} <span class="dt">{escape(self.curie(dt))}</span>')
        if isinstance(o, ox.BlankNode) and triples is not None and depth < 4:
            rows = []
            for t in triples:
                if isinstance(t.subject, ox.BlankNode) and t.subject.value == o.value:
                    rows.append(
                        f"<tr><th>{self._prop_label(t.predicate.value, root)}</th>"
                        f"<td>{self.value_html(t.object, root, triples, depth + 1)}</td></tr>"
                    )
            return _markup('<table class="bnode">' + "".join(rows) + "</table>")
        return _markup(str(escape(str(o))))

    def _incoming(self, iri: str, root: str) -> list[dict[str, Any]]:
        by_prop: dict[str, list[str]] = {}
        more: dict[str, int] = defaultdict(int)
        total = 0
        for q in self._quads(None, None, ox.NamedNode(iri), self._dg):
            s = q.subject
            if not isinstance(s, ox.NamedNode):
                continue
            p = q.predicate.value
            if total >= INCOMING_CAP:
                more[p] += 1
                continue
            total += 1
            by_prop.setdefault(p, []).append(s.value)
        out = []
        for p, subjects in sorted(by_prop.items(), key=lambda kv: self.label(kv[0]).lower()):
            subjects.sort(key=lambda s: self.label(s).lower())
            out.append(
                {
                    "label": self._prop_label(p, root),
                    "vals": [_markup(self.link(s, root)) for s in subjects],
                    "more": more.pop(p, 0),
                }
            )
        for p, n in more.items():
            out.append({"label": self._prop_label(p, root), "vals": [], "more": n})
        return out

    def _objects(self, iri: str, prop: str) -> list[Any]:
        return [q.object for q in self._quads(ox.NamedNode(iri), ox.NamedNode(prop), None, self._dg)]

    def _one(self, iri: str, prop: str) -> Any | None:
        found = self._objects(iri, prop)
        return found[0] if found else None

    def _evidence(self, prop: str | None, node: str, root: str) -> dict[str, Any]:
        """Provenance view: an evidence node (selectors shown in context) or a source document."""
        entry: dict[str, Any] = {
            "via": self.label(prop) if prop else "this evidence span",
            "node": _markup(self.link(node, root)) if prop else "",
            "source": None,
            "url": None,
            "prefix": "",
            "exact": None,
            "suffix": "",
            "start": None,
            "end": None,
        }
        src = self._one(node, OA + "hasSource")
        if src is None:
            src_iri = node
        else:
            src_iri = src.value
            for sel in self._objects(node, OA + "hasSelector"):
                if not isinstance(sel, ox.NamedNode | ox.BlankNode):
                    continue
                for q in self._quads(sel, None, None, self._dg):
                    p, o = q.predicate.value, q.object
                    if p == OA + "exact":
                        entry["exact"] = o.value
                    elif p == OA + "prefix":
                        entry["prefix"] = o.value
                    elif p == OA + "suffix":
                        entry["suffix"] = o.value
                    elif p == OA + "start":
                        entry["start"] = o.value
                    elif p == OA + "end":
                        entry["end"] = o.value
        entry["source"] = _markup(self.link(src_iri, root))
        url = self._one(src_iri, SCHEMA + "url")
        if url is not None:
            entry["url"] = url.value
        return entry

    # -- other pages ----------------------------------------------------------------------
    def home_html(self) -> str:
        from .render import render

        indexes = [
            {"path": f"index/{s.name}.html", "title": s.title, "count": len(self.index_members[s.name])}
            for s in self.index_specs
        ]
        svg = self.diagram_svg_inline("")
        ctx = self._context(
            self.options.title,
            "",
            canonical=self.url("index.html"),
            indexes=indexes,
            diagram=Markup(svg) if svg else None,
            stats=self.summary,
            dumps=[{"path": p, "label": label} for p, label in self.dump_labels().items()],
            alternates=[
                {"media_type": f.media_type, "href": f"void.{f.suffix}", "label": f"VoID ({f.label})"}
                for f in RDF_FORMATS
            ],
        )
        return render("home.html", **ctx)

    @cached_property
    def stats(self) -> Any:
        """:class:`stdkg.stats.Stats` of the rebased graph (computed once, on first use)."""
        import dataclasses

        from ..stats import GraphCount, compute_stats

        stats = compute_stats(self.kg)
        if self.base == BASE_IRI:
            return stats

        def rb(iri: str) -> str:
            return rebase_iri(iri, self.base)

        return dataclasses.replace(
            stats,
            classes=tuple((rb(i), n) for i, n in stats.classes),
            properties=tuple((rb(i), n) for i, n in stats.properties),
            graphs=tuple(GraphCount(rb(g.graph), g.triples) for g in stats.graphs),
            vocabularies=tuple(rb(v) for v in stats.vocabularies),
        )

    @property
    def summary(self) -> dict[str, int]:
        st = self.stats
        return {
            "triples": st.triples,
            "entities": st.entities,
            "classes": st.distinct_classes,
            "properties": st.distinct_properties,
        }

    def index_html(self, name: str) -> str | None:
        from .render import render

        spec = next((s for s in self.index_specs if s.name == name), None)
        if spec is None:
            return None
        root = "../"
        members = self.index_members[name]
        rows_paths = sorted(members, key=lambda p: self._sort_key(self.base + p))
        rows = [
            {
                "link": _markup(self.link(self.base + p, root)),
                "types": _markup(", ".join(self.link(t, root) for t in self.types.get(self.base + p, []))),
                "iri": self.base + p,
            }
            for p in rows_paths[:INDEX_CAP]
        ]
        ctx = self._context(
            spec.title,
            root,
            intro=spec.intro,
            rows=rows,
            total=len(members),
            more=len(members) > INDEX_CAP,
            canonical=self.url(f"index/{name}.html"),
        )
        return render("index.html", **ctx)

    def _sort_key(self, iri: str) -> tuple[Any, ...]:
        pos = (
            self._one(iri, SCHEMA + "position") if self.ns + "Commitment" in self.types.get(iri, ()) else None
        )
        if pos is not None:
            try:
                return (0, int(pos.value), "")
            except ValueError:
                pass
        return (1, 0, self.label(iri).lower())

    # -- ontology ---------------------------------------------------------------------------
    def ontology_triples(self) -> list[ox.Triple]:
        out: list[ox.Triple] = []
        for q in self._quads(None, None, None, self._dg):
            s = q.subject
            if isinstance(s, ox.NamedNode) and (s.value == self.ontology_iri or s.value.startswith(self.ns)):
                out.append(q.triple)
        return out

    def ontology_document(self, fmt: DocFormat) -> Document:
        from .ontology import ontology_html

        triples = self.ontology_triples()
        if fmt is conneg.HTML:
            return self._html(ontology_html(self))
        return Document(self.serialize(triples, fmt), fmt.content_type)

    # -- VoID / DCAT ------------------------------------------------------------------------
    def void_document(self, fmt: DocFormat) -> Document:
        from .void import void_html, void_triples

        if fmt is conneg.HTML:
            return self._html(void_html(self))
        return Document(self.serialize(void_triples(self), fmt), fmt.content_type)

    # -- dumps, sitemap, robots -------------------------------------------------------------
    def dump_labels(self) -> dict[str, str]:
        return {
            "dumps/stdkg.nt.gz": "N-Triples (gzip)",
            "dumps/stdkg.nq.gz": "N-Quads, one named graph per source file (gzip)",
            "dumps/stdkg.ttl": "Turtle",
            "dumps/stdkg.jsonld": "JSON-LD",
        }

    def dumps(self) -> dict[str, tuple[Callable[[], bytes], str]]:
        def union(fmt: Any) -> bytes:
            prefixes = self.prefixes if fmt is ox.RdfFormat.TURTLE else None
            return self.store.dump(format=fmt, from_graph=self._dg, prefixes=prefixes) or b""

        def quads() -> bytes:
            return rebased_named_quads(self.kg, self.base)

        return {
            "dumps/stdkg.nt.gz": (lambda: _gzip(union(ox.RdfFormat.N_TRIPLES)), "application/gzip"),
            "dumps/stdkg.nq.gz": (lambda: _gzip(quads()), "application/gzip"),
            "dumps/stdkg.ttl": (lambda: union(ox.RdfFormat.TURTLE), conneg.TURTLE.content_type),
            "dumps/stdkg.jsonld": (lambda: union(ox.RdfFormat.JSON_LD), conneg.JSON_LD.content_type),
        }

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

    # -- the picture ----------------------------------------------------------------------
    def diagram_svg(self) -> str:
        from .diagram import commitment_svg

        return commitment_svg(self, "") or _EMPTY_SVG

    def diagram_svg_inline(self, root: str) -> str:
        from .diagram import commitment_svg

        return commitment_svg(self, root) or ""


_EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


def _markup(s: str) -> Any:
    return Markup(s)


def _rows_html(rows: list[dict[str, Any]], suffix: str) -> Any:
    """Table rows for property/value lists, built in Python (the per-page hot path)."""
    parts: list[str] = []
    for row in rows:
        vals = "".join(f'<div class="value">{v}</div>' for v in row["vals"])
        if row.get("more"):
            vals += f'<div class="more">and {row["more"]} more</div>'
        parts.append(f'<tr><th scope="row">{row["label"]}{suffix}</th><td>{vals}</td></tr>')
    return _markup("\n".join(parts))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


# -- static publishing ------------------------------------------------------------------------


@dataclass
class PublishReport:
    """What ``publish`` wrote."""

    out: Path
    base: str
    pages: int
    files: int
    bytes: int
    seconds: float
    """Wall time of the whole run (loading excluded)."""
    pages_seconds: float
    """Wall time of rendering and writing the resource documents (5 files per page)."""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.pages_seconds if self.pages_seconds > 0 else float("inf")


def publish(
    kg: KG,
    out: Path | str,
    *,
    base_uri: str | None = None,
    options: SiteOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> PublishReport:
    """Write the static site into ``out`` (replaced atomically: built beside it, then renamed)."""
    from .rules import htaccess, nginx_conf

    started = time.perf_counter()
    site = Site(kg, base_uri, options)
    target = Path(out)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: {exc}") from None
    files = 0
    size = 0
    try:
        made_dirs: set[str] = set()

        def write(rel: str, data: bytes) -> None:
            nonlocal files, size
            d = os.path.dirname(rel)
            if d not in made_dirs:
                os.makedirs(tmp / d, exist_ok=True)
                made_dirs.add(d)
            with open(tmp / rel, "wb") as fh:
                fh.write(data)
            files += 1
            size += len(data)

        for rel in site.all_paths():
            doc = site.document(rel)
            assert doc is not None, rel
            write(rel, doc.body)
        void_ttl = site.document("void.ttl")
        assert void_ttl is not None
        write(".well-known/void", void_ttl.body)
        write(".htaccess", htaccess(site).encode())
        write("nginx.conf", nginx_conf(site).encode())
        paths = list(site.pages)
        total = len(paths)
        pages_started = time.perf_counter()
        jobs = max(1, min(workers, len(paths) // _MIN_PAGES_PER_JOB or 1)) if hasattr(os, "fork") else 1
        if jobs > 1:
            import gc

            site.warm()
            gc.freeze()  # forked writers then share the site's objects without copying them
        children = [_fork_writer(site, paths[k::jobs], tmp) for k in range(1, jobs)]
        mine = paths[0::jobs]
        for i, path in enumerate(mine, 1):
            for suffix, data in site.resource_documents(path).items():
                write(f"{path}.{suffix}", data)
            if progress and (i % 200 == 0 or i == len(mine)):
                progress(min(total, i * jobs), total)
        for conn, proc in children:
            try:
                got = conn.recv()
            except EOFError:
                got = None
            proc.join()
            if not isinstance(got, tuple) or proc.exitcode != 0:
                raise OutputError(f"{target}: a page writer failed: {got}")
            files += got[0]
            size += got[1]
        pages_seconds = time.perf_counter() - pages_started
        os.chmod(tmp, 0o755)
        _replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PublishReport(
        target, site.base, len(paths), files, size, time.perf_counter() - started, pages_seconds
    )


def _fork_writer(site: Site, paths: list[str], tmp: Path) -> tuple[Any, Any]:
    """Render and write ``paths`` in a forked child (it shares the built site copy-on-write)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent_conn, child_conn = ctx.Pipe(duplex=False)

    def run() -> None:
        files = size = 0
        try:
            made: set[str] = set()
            for path in paths:
                for suffix, data in site.resource_documents(path).items():
                    rel = f"{path}.{suffix}"
                    d = os.path.dirname(rel)
                    if d not in made:
                        os.makedirs(tmp / d, exist_ok=True)
                        made.add(d)
                    with open(tmp / rel, "wb") as fh:
                        fh.write(data)
                    files += 1
                    size += len(data)
            child_conn.send((files, size))
        except BaseException as exc:
            child_conn.send(f"{type(exc).__name__}: {exc}")
            raise

    proc = ctx.Process(target=run, daemon=True)
    proc.start()
    child_conn.close()
    return parent_conn, proc


def _replace_dir(tmp: Path, target: Path) -> None:
    try:
        if target.exists():
            if not target.is_dir():
                raise OutputError(f"{target}: exists and is not a folder")
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: {exc}") from None
