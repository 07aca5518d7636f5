"""What every HTML page shares: links to resources, values, the head, navigation and footer.

Built in Python rather than in templates where every page needs it (the per-page hot path), with
the parts that depend only on a page's depth cached.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..vocab import XSD, XSD_STRING
from .conneg import RDF_FORMATS
from .indexes import OTHER_INDEX
from .phrases import inverse_phrase

if TYPE_CHECKING:
    from .model import SiteModel

XSD_ANY_URI = XSD + "anyURI"


def markup(s: str) -> Markup:
    """Trusted HTML (built here from escaped parts)."""
    return Markup(s)


def rows_html(rows: list[dict[str, Any]], suffix: str) -> Markup:
    """Table rows for property/value lists, built in Python (the per-page hot path)."""
    parts: list[str] = []
    for row in rows:
        vals = "".join(f'<div class="value">{v}</div>' for v in row["vals"])
        if row.get("more"):
            vals += f'<div class="more">and {row["more"]} more</div>'
        parts.append(f'<tr><th scope="row">{row["label"]}{suffix}</th><td>{vals}</td></tr>')
    return markup("\n".join(parts))


def alternates(name: str) -> list[dict[str, str]]:
    """The alternate RDF documents of a page whose file stem is ``name`` (links relative to it)."""
    return [{"media_type": f.media_type, "href": f"{name}.{f.suffix}", "label": f.label} for f in RDF_FORMATS]


class Chrome:
    """The shared HTML parts of the pages of one site model."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self._nav_cache: dict[str, Markup] = {}
        self._chrome_cache: dict[str, tuple[str, str, str]] = {}
        self._link_cache: dict[str, tuple[str | None, str, str]] = {}
        self._inverse_cache: dict[str, tuple[str | None, str, str]] = {}

    # -- links and values -------------------------------------------------------------------
    def link(self, iri: str, root: str) -> str:
        """An HTML link to a resource, showing its label (parts cached per IRI: the hot path)."""
        parts = self._link_cache.get(iri)
        if parts is None:
            h = self.model.href(iri, "")
            parts = (
                None if h is None else str(escape(h)),
                str(escape(iri)),
                str(escape(self.model.label(iri))),
            )
            self._link_cache[iri] = parts
        rel, esc_iri, text = parts
        if rel is None:
            return f'<a class="ext" href="{esc_iri}" title="{esc_iri}">{text}</a>'
        return f'<a href="{root}{rel}" title="{esc_iri}">{text}</a>'

    def inverse_link(self, prop: str, root: str) -> Markup:
        """How a property reads from its object's page (:func:`.phrases.inverse_phrase`), linked to it."""
        parts = self._inverse_cache.get(prop)
        if parts is None:
            rel = self.model.href(prop, "")
            parts = (
                None if rel is None else str(escape(rel)),
                str(escape(prop)),
                str(escape(inverse_phrase(self.model, prop))),
            )
            self._inverse_cache[prop] = parts
        rel, iri, text = parts
        return markup(f'<a href="{iri if rel is None else root + rel}" title="{iri}">{text}</a>')

    def prop_label(self, p: str, root: str) -> Markup:
        return markup(self.link(p, root))

    def value_html(self, o: Any, root: str, triples: list[ox.Triple] | None = None, depth: int = 0) -> Markup:
        """One RDF term as HTML: a link, a literal (language, datatype) or a nested blank node."""
        if isinstance(o, ox.NamedNode):
            return markup(self.link(o.value, root))
        if isinstance(o, ox.Literal):
            text = escape(o.value)
            if o.language:
                return markup(
                    f'<span lang="{escape(o.language)}">{text}</span> <span class="lang">{escape(o.language)}</span>'
                )
            dt = o.datatype.value
            web = o.value.startswith(("http://", "https://"))
            if dt == XSD_STRING:
                return markup(f'<a class="ext" href="{text}">{text}</a>' if web else str(text))
            if dt == XSD_ANY_URI and web:
                return markup(f'<a class="ext" href="{text}">{text}</a> <span class="dt">xsd:anyURI</span>')
            return markup(f'{text} <span class="dt">{escape(self.model.curie(dt))}</span>')
        if isinstance(o, ox.BlankNode) and triples is not None and depth < 4:
            rows = []
            for t in triples:
                if isinstance(t.subject, ox.BlankNode) and t.subject.value == o.value:
                    rows.append(
                        f"<tr><th>{self.prop_label(t.predicate.value, root)}</th>"
                        f"<td>{self.value_html(t.object, root, triples, depth + 1)}</td></tr>"
                    )
            return markup('<table class="bnode">' + "".join(rows) + "</table>")
        return markup(str(escape(str(o))))

    # -- the page frame ---------------------------------------------------------------------
    def context(self, title: str, root: str, **extra: Any) -> dict[str, Any]:
        """The template context every page starts from (``extra`` adds or overrides keys)."""
        opts = self.model.options
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
            "base": self.model.base,
            "ontology_iri": self.model.ontology_iri,
            "nav": self.nav,
        }
        ctx: dict[str, Any] = {
            "site": site,
            "nav_html": self.nav_html(root),
            "title": title,
            "root": root,
            "canonical": None,
            "alternates": [],
        }
        ctx.update(extra)
        ctx["head_html"], ctx["footer_html"] = self._chrome(root, ctx["canonical"], ctx["alternates"])
        return ctx

    def _chrome(
        self, root: str, canonical: str | None, alternates: list[dict[str, str]]
    ) -> tuple[Markup, Markup]:
        """The page head links and the footer, as markup (built in Python: every page has them)."""
        fixed = self._chrome_cache.get(root)
        if fixed is None:
            o = self.model.options
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

    def nav_html(self, root: str) -> Markup:
        cached = self._nav_cache.get(root)
        if cached is None:
            cached = Markup(
                "\n".join(f'<a href="{root}{escape(path)}">{escape(name)}</a>' for name, path in self.nav)
            )
            self._nav_cache[root] = cached
        return cached

    @cached_property
    def nav(self) -> list[tuple[str, str]]:
        """(title, path) of the navigation links."""
        m = self.model
        nav = [(s.title, f"index/{s.name}.html") for s in m.index_specs if s.name != OTHER_INDEX.name]
        nav.append(("Ontology", "ns.html"))
        if m.options.sparql:
            nav.append(("SPARQL", "sparql"))
        return nav
