"""The site model: which documents exist, what each describes, and how the graph is read for them.

A :class:`SiteModel` wraps a KG whose data IRIs have been rebased (``--base-uri``). Every IRI under
the base that occurs in the graph is a *thing*; its *document path* is the IRI minus the base (and
minus any ``#fragment``). The model answers graph questions through public accessors
(:meth:`~SiteModel.quads`, :meth:`~SiteModel.objects`, :meth:`~SiteModel.one`, …) that the pages,
the diagram, the ontology and VoID documents use; it writes no HTML.

The per-resource hot path uses pyoxigraph quad-pattern lookups and Python dicts built once; no rdflib.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from ..errors import InputError
from ..vocab import BASE_IRI, LABEL_PROPERTIES, NS, OWL, PREFIXES, RDF_TYPE
from .conneg import DocFormat
from .indexes import INDEXES, OTHER_INDEX, IndexSpec
from .offices import Offices
from .rebase import ONTOLOGY_IRI, rebase_iri, rebase_ntriples

if TYPE_CHECKING:
    from ..kg import KG
    from ..stats import Stats

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
#: At most this many triples pointing at a thing are described with it.
INCOMING_CAP = 200


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


@dataclass
class Page:
    """A document path of the site and the things (IRIs) it describes."""

    path: str
    iris: list[str] = field(default_factory=list)


def rebase_store(kg: KG, base: str) -> ox.Store:
    """A store holding the KG's union graph with every data IRI moved under ``base``.

    Only the default (union) graph is copied: the pages need nothing else, and the source graphs are
    rebased on the fly when the N-Quads dump or the SPARQL store is written (:func:`rebased_named_quads`).
    """
    store = ox.Store()
    dump = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    store.bulk_load(rebase_ntriples(dump, base), format=ox.RdfFormat.N_TRIPLES)
    return store


def rebased_named_quads(kg: KG, base: str) -> bytes:
    """N-Quads of the KG's source graphs (one named graph per file), data IRIs moved under ``base``."""
    parts: list[bytes] = []
    for g in kg.graph_names:
        triples = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
        # N-Triples escapes line breaks inside literals: " .\n" only ends a statement
        parts.append(triples.replace(b" .\n", b" <" + g.encode() + b"> .\n"))
    return rebase_ntriples(b"".join(parts), base)


class BadBase(InputError):
    """A base IRI a site cannot live under (the command line names its option when it reports it)."""

    def __init__(self, base: str, problem: str) -> None:
        self.base = base
        self.problem = problem
        super().__init__(f"base IRI {base!r}: {problem}")


def check_base(base: str) -> str:
    """Validate a base IRI: absolute http(s) IRI ending in ``/`` (one is added if missing)."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadBase(base, "need an absolute http(s) IRI such as http://127.0.0.1:8000/")
    if parts.query or parts.fragment:
        raise BadBase(base, "no query or fragment allowed")
    if not base.endswith("/"):
        base += "/"
    return base


class SiteModel:
    """The graph as the site sees it. Build once (one pass over the graph); then only lookups."""

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
        self.default_graph = ox.DefaultGraph()
        self.prefixes = {k: rebase_iri(v, self.base) for k, v in PREFIXES.items()}
        self.curie_table = sorted(((ns_, p) for p, ns_ in self.prefixes.items()), key=lambda t: -len(t[0]))
        self._ns_cache: dict[str, tuple[str, str] | None] = {}
        self._ox_formats: dict[str, ox.RdfFormat] = {}
        self._build_indexes()

    # -- graph access -----------------------------------------------------------------------
    def quads(self, s: Any = None, p: Any = None, o: Any = None) -> Iterator[Any]:
        """Quads of the union graph matching a pattern (terms are pyoxigraph terms or ``None``)."""
        return iter(self.store.quads_for_pattern(s, p, o, self.default_graph))

    def objects(self, iri: str, prop: str) -> list[Any]:
        """The objects of ``iri prop ?o``."""
        return [q.object for q in self.quads(ox.NamedNode(iri), ox.NamedNode(prop))]

    def one(self, iri: str, prop: str) -> Any | None:
        """One object of ``iri prop ?o`` (the first found), or ``None``."""
        found = self.objects(iri, prop)
        return found[0] if found else None

    def subjects(self, prop: str, iri: str) -> list[str]:
        """The IRIs ``?s`` of ``?s prop iri``."""
        return [
            q.subject.value
            for q in self.quads(None, ox.NamedNode(prop), ox.NamedNode(iri))
            if isinstance(q.subject, ox.NamedNode)
        ]

    def has_type(self, iri: str, cls: str) -> bool:
        return cls in self.types.get(iri, ())

    # -- one pass over the graph ------------------------------------------------------------
    def _build_indexes(self) -> None:
        base = self.base
        labels: dict[str, tuple[int, str]] = {}
        rank = {p: i for i, p in enumerate(LABEL_PROPERTIES)}
        for prop in LABEL_PROPERTIES:
            r = rank[prop]
            for q in self.quads(None, ox.NamedNode(prop)):
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
        for q in self.quads(None, ox.NamedNode(RDF_TYPE)):
            if isinstance(q.object, ox.NamedNode):
                types[q.subject.value].append(q.object.value)
        self.types: dict[str, list[str]] = dict(types)
        pages: dict[str, Page] = {}
        graph_base = base + "graph/"
        seen: set[str] = set()
        counter = 0
        predicates: dict[str, int] = defaultdict(int)
        for q in self.quads():
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
        specs = [ix.resolved(self.ns) for ix in INDEXES]
        for path in self.pages:
            tset = set(self.types.get(self.base + path, ()))
            name = OTHER_INDEX.name
            for spec in specs:
                if tset.intersection(spec.classes):
                    name = spec.name
                    break
            members[name].append(path)
            self.index_of[path] = name
        self.index_members = members

    @property
    def index_specs(self) -> list[IndexSpec]:
        """The index pages that list something, in navigation order."""
        specs = [ix.resolved(self.ns) for ix in INDEXES]
        return [s for s in [*specs, OTHER_INDEX] if self.index_members.get(s.name)]

    # -- IRIs, paths, names -----------------------------------------------------------------
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
        for ns_, p in self.curie_table:
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

    @staticmethod
    def root_of(path: str) -> str:
        """The relative prefix from a page at ``path`` back to the site root."""
        return "../" * path.count("/")

    # -- what a document holds --------------------------------------------------------------
    def describe(self, iris: list[str]) -> list[ox.Triple]:
        """Outgoing triples of the things (closed over blank-node objects), then incoming ones (capped)."""
        triples: list[ox.Triple] = []
        todo: list[Any] = [ox.NamedNode(i) for i in iris]
        seen_b: set[str] = set()
        while todo:
            s = todo.pop()
            for q in self.quads(s):
                triples.append(q.triple)
                o = q.object
                if isinstance(o, ox.BlankNode) and o.value not in seen_b:
                    seen_b.add(o.value)
                    todo.append(o)
        for i in iris:
            for n, q in enumerate(self.quads(None, None, ox.NamedNode(i))):
                if n >= INCOMING_CAP:
                    break
                if not (isinstance(q.subject, ox.NamedNode) and q.subject.value in iris):
                    triples.append(q.triple)
        return triples

    def serialize(self, triples: list[ox.Triple], fmt: DocFormat) -> bytes:
        """Triples in an RDF document format (Turtle and RDF/XML with the prefixes they use)."""
        oxfmt = self._ox_formats.get(fmt.suffix)
        if oxfmt is None:
            assert fmt.rdf is not None, fmt
            oxfmt = self._ox_formats[fmt.suffix] = fmt.rdf.to_oxigraph()
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
                    cache[key] = next(((p, ns_) for ns_, p in self.curie_table if key.startswith(ns_)), None)
                hit = cache[key]
                if hit is not None:
                    used[hit[0]] = hit[1]
        return used

    # -- derived views ----------------------------------------------------------------------
    @cached_property
    def stats(self) -> Stats:
        """:class:`stdkg.stats.Stats` of the rebased graph (computed once, on first use)."""
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

    @cached_property
    def inverse_properties(self) -> dict[str, str]:
        """Property -> its inverse, from every ``owl:inverseOf`` of the graph (both directions)."""
        found: dict[str, str] = {}
        for q in self.quads(None, ox.NamedNode(OWL + "inverseOf")):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                found.setdefault(q.subject.value, q.object.value)
                found.setdefault(q.object.value, q.subject.value)
        return found

    @cached_property
    def offices(self) -> Offices:
        """Memberships, who holds which post and the terms (built on first use)."""
        return Offices(self)


#: The dumps of the whole graph every site offers: path -> what it is.
DUMP_LABELS: dict[str, str] = {
    "dumps/stdkg.nt.gz": "N-Triples (gzip)",
    "dumps/stdkg.nq.gz": "N-Quads, one named graph per source file (gzip)",
    "dumps/stdkg.ttl": "Turtle",
    "dumps/stdkg.jsonld": "JSON-LD",
}
