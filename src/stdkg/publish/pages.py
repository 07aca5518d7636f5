"""The site's own pages: the home page, the index pages and the page for a missing document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..vocab import SCHEMA
from .chrome import alternates, markup
from .diagram import commitment_figure
from .model import DUMP_LABELS
from .render import render
from .structure import structure_figure
from .timeline import timeline_figure

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

#: At most this many rows on an index page.
INDEX_CAP = 5000
#: The template of the page for a missing document (the static site's 404.html and ``serve``'s 404).
NOT_FOUND_TEMPLATE = "404.html"


def home_html(model: SiteModel, chrome: Chrome) -> str:
    indexes = [
        {"path": f"index/{s.name}.html", "title": s.title, "count": len(model.index_members[s.name])}
        for s in model.index_specs
    ]
    svg = commitment_figure(model, "") or ""
    structure = structure_figure(model, "")
    timeline = timeline_figure(model, "")
    ctx = chrome.context(
        model.options.title,
        "",
        canonical=model.url("index.html"),
        indexes=indexes,
        diagram=Markup(svg) if svg else None,
        structure=Markup(structure) if structure else None,
        timeline=Markup(timeline) if timeline else None,
        stats=model.summary,
        dumps=[{"path": p, "label": label} for p, label in DUMP_LABELS.items()],
        alternates=[{**a, "label": f"VoID ({a['label']})"} for a in alternates("void")],
    )
    return render("home.html", **ctx)


def index_html(model: SiteModel, chrome: Chrome, name: str) -> str | None:
    spec = next((s for s in model.index_specs if s.name == name), None)
    if spec is None:
        return None
    root = "../"
    members = model.index_members[name]
    rows_paths = sorted(members, key=lambda p: _sort_key(model, model.base + p))
    rows = [
        {
            "link": markup(chrome.link(model.base + p, root)),
            "types": markup(", ".join(chrome.link(t, root) for t in model.types.get(model.base + p, []))),
            "iri": model.base + p,
        }
        for p in rows_paths[:INDEX_CAP]
    ]
    ctx = chrome.context(
        spec.title,
        root,
        intro=spec.intro,
        rows=rows,
        total=len(members),
        more=len(members) > INDEX_CAP,
        canonical=model.url(f"index/{name}.html"),
    )
    return render("index.html", **ctx)


def _sort_key(model: SiteModel, iri: str) -> tuple[Any, ...]:
    pos = model.one(iri, SCHEMA + "position") if model.has_type(iri, model.ns + "Commitment") else None
    if pos is not None:
        try:
            return (0, int(pos.value), "")
        except ValueError:
            pass
    return (1, 0, model.label(iri).lower())


def not_found_html(chrome: Chrome, root: str, path: str) -> str:
    """The page for a document that does not exist, in the site's style (links relative to ``root``)."""
    return render(NOT_FOUND_TEMPLATE, **chrome.context("Not found", root, path=path))
