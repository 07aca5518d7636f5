"""The home page's timeline: summits and other dated events, statements, and terms of office.

One entry per dated thing, oldest first, down a vertical line: the date on the left, what happened
on the right (wrapped to the width), a dot coloured by kind. A term of office gives an entry when it
begins and one when it ends, where the sources date them. The same drawing serves desktop and
phone widths (it is drawn twice, 640 and 360 wide).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from markupsafe import escape

from ..vocab import ORG, SCHEMA, TIME
from .facts_read import BODY_TYPES
from .offices import INSTANT_VALUES, POST
from .svgtext import wrap

if TYPE_CHECKING:
    from .model import SiteModel

SIZE = 13.0
LINE = 16.0
DATE_W = 92
COLOURS = {"event": "#1f5fae", "statement": "#b5541b", "term": "#2e7d4f"}


@dataclass(frozen=True)
class Entry:
    when: str
    """The date as an XSD value (sorts in time order)."""
    date_text: str
    text: str
    iri: str
    kind: str


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def in_words(xsd: str) -> str:
    """``2025-12-02`` → ``2 December 2025``, ``2018-04`` → ``April 2018``; anything else as it is."""
    parts = xsd[:10].split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2 and len(parts[0]) == 4:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return xsd


def _date(site: SiteModel, node: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> tuple[str, str]:
    """(XSD value, words) of a date literal or a time:Instant; ("", "") when there is none."""
    if node is None:
        return ("", "")
    if isinstance(node, ox.Literal):
        return (node.value, in_words(node.value))
    for p in INSTANT_VALUES:
        v = site.one(node.value, p)
        if v is not None:
            return (str(v.value), site.labels.get(node.value, in_words(str(v.value))))
    return ("", "")


def entries(site: SiteModel) -> list[Entry]:
    found: list[Entry] = []
    statement_t = site.ns + "JointStatement"
    for iri, types in site.types.items():
        if statement_t in types:
            when, words = _date(site, site.one(iri, SCHEMA + "datePublished"))
            if when:
                found.append(Entry(when, words, site.label(iri) + " issued", iri, "statement"))
        elif any(
            t.startswith(SCHEMA) and t.endswith("Event") and t != SCHEMA + "PublicationEvent" for t in types
        ):
            when, words = _date(site, site.one(iri, SCHEMA + "startDate"))
            if when:
                places = [site.label(p.value) for p in site.objects(iri, SCHEMA + "location")]
                found.append(
                    Entry(when, words, site.label(iri) + (f", {places[0]}" if places else ""), iri, "event")
                )
        elif ORG + "Membership" in types:
            found += _term(site, iri)
    return sorted(set(found), key=lambda e: (e.when, e.kind, e.text))


def _term(site: SiteModel, membership: str) -> list[Entry]:
    people = [o.value for o in site.objects(membership, ORG + "member") if isinstance(o, ox.NamedNode)]
    if not people or any(t in BODY_TYPES for p in people for t in site.types.get(p, ())):
        return []  # national bodies taking part are not terms of office
    post = site.one(membership, POST) or site.one(membership, ORG + "role")
    what = site.label(post.value) if post is not None else site.label(membership)
    who = site.label(people[0])
    out: list[Entry] = []
    for interval in site.objects(membership, ORG + "memberDuring"):
        begin = _date(site, site.one(interval.value, TIME + "hasBeginning"))
        end = _date(site, site.one(interval.value, TIME + "hasEnd"))
        if begin[0]:
            out.append(Entry(begin[0], begin[1], f"{who} becomes {what}", membership, "term"))
        if end[0]:
            out.append(Entry(end[0], end[1], f"{who}'s term as {what} ends", membership, "term"))
    return out


def timeline_svg(site: SiteModel, found: list[Entry], root: str, width: int, kind: str) -> str:
    date_w = DATE_W if width < 480 else DATE_W + 40
    axis = date_w + 8
    text_x = axis + 14
    body: list[str] = []
    y = 14.0
    for e in found:
        lines = wrap(e.text, width - text_x - 8, SIZE)
        dates = wrap(e.date_text, date_w - 16, SIZE - 1)
        height = max(len(lines), len(dates)) * LINE + 8
        href = site.href(e.iri, root)
        body.append(f'<a href="{escape(href)}">' if href else "<g>")
        body.append(f"<title>{escape(e.date_text)}: {escape(e.text)}</title>")
        body.append(f'<circle cx="{axis}" cy="{y + 6:.1f}" r="5" fill="{COLOURS[e.kind]}"/>')
        for i, d in enumerate(dates):
            body.append(
                f'<text x="{axis - 12}" y="{y + 10 + i * LINE:.1f}" text-anchor="end" fill="#5b6475" '
                f'font-size="{SIZE - 1:g}">{escape(d)}</text>'
            )
        for i, line in enumerate(lines):
            body.append(
                f'<text x="{text_x}" y="{y + 10 + i * LINE:.1f}" fill="#1d2330">{escape(line)}</text>'
            )
        body.append("</a>" if href else "</g>")
        y += height
    height = y + 6
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="stdkg-timeline {kind}" role="img" '
            f'viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
            f'font-family="system-ui, sans-serif" font-size="{SIZE:g}">',
            "<title>Timeline: summits, statements and terms of office</title>",
            '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
            f'<path d="M{axis},6 V{height - 6:.0f}" stroke="#d9dee8" stroke-width="2"/>',
            *body,
            "</svg>",
        ]
    )


def timeline_figure(site: SiteModel, root: str) -> str | None:
    """The timeline at desktop and phone widths (the style sheet shows one), or ``None``: no dates."""
    found = entries(site)
    if not found:
        return None
    return (
        timeline_svg(site, found, root, 640, "wide") + "\n" + timeline_svg(site, found, root, 360, "narrow")
    )
