"""The picture: an SVG of who committed to what, laid out deterministically without external tools.

Wide layout, four columns left to right: the people (with the post they hold), the bodies (a person
is drawn beside the body whose post they hold, or its parent body when the post is in a unit), the
commitments (in order of position) and the statement. Edges: person → body (holds a post in),
commitment → body (committed by, coloured per body), commitment → statement (part of). People are
ordered by the body they are drawn beside, so their lines do not cross.

Narrow layout (phones), one column top to bottom: the statement, its commitments with who committed
to each, the bodies, the people with their posts; no lines, the relations are written out.

Text is wrapped to its box with :mod:`.svgtext` (every box grows to hold its lines) and every box
carries its full label in a ``<title>``. Everything is sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from markupsafe import escape

from ..vocab import SCHEMA, SKOS
from .facts_read import BODY_TYPES
from .svgtext import text_width, wrap

if TYPE_CHECKING:
    from .model import SiteModel

SKOS_ALT = SKOS + "altLabel"
MAX_STATEMENTS = 3
PALETTE = ("#1f5fae", "#b5541b", "#2e7d4f", "#7b3fa0", "#a0282d", "#006d77", "#8a6d00", "#4a4e69")
FILLS = ("#f4f6fa", "#e8effb", "#fffaf0", "#eef7f0")
HEADS = ("People and posts", "Bodies", "Commitments", "Statement")

COL_X = (10, 290, 450, 930)
COL_W = (250, 110, 430, 250)
NARROW_W = 360
PAD_X = 10
PAD_Y = 8
SIZE = 13.0
SMALL = 11.5
LINE = 16.0
SMALL_LINE = 14.5
GAP = 14
TOP = 40


@dataclass
class Box:
    """A resource drawn as a box: its main text, an optional second text, where it goes."""

    iri: str
    text: str
    title: str
    col: int
    sub: str = ""
    bold: bool = False
    color: str = "#333"
    # set by a layout
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    lines: list[str] = field(default_factory=list)
    sub_lines: list[str] = field(default_factory=list)

    @property
    def h(self) -> float:
        return 2 * PAD_Y + len(self.lines) * LINE + len(self.sub_lines) * SMALL_LINE

    def fit(self, width: float, max_lines: int = 0) -> None:
        """Place the text in a box ``width`` wide (the height follows from the lines)."""
        self.w = width
        inner = width - 2 * PAD_X
        self.lines = list(wrap(self.text, inner, SIZE, self.bold, max_lines))
        self.sub_lines = list(wrap(self.sub, inner, SMALL, False, max_lines)) if self.sub else []


@dataclass
class Picture:
    people: list[Box] = field(default_factory=list)
    bodies: list[Box] = field(default_factory=list)
    commitments: list[Box] = field(default_factory=list)
    statements: list[Box] = field(default_factory=list)
    holds: list[tuple[str, str]] = field(default_factory=list)
    committed: list[tuple[str, str]] = field(default_factory=list)
    part_of: list[tuple[str, str]] = field(default_factory=list)

    @property
    def columns(self) -> list[list[Box]]:
        return [self.people, self.bodies, self.commitments, self.statements]


def short_name(site: SiteModel, iri: str) -> str:
    """An acronym (``stdkg:acronym``, or a ``skos:altLabel`` of at most 8 characters), else the label."""
    for o in site.objects(iri, site.ns + "acronym"):
        if isinstance(o, ox.Literal):
            return o.value
    for o in site.objects(iri, SKOS_ALT):
        if isinstance(o, ox.Literal) and len(o.value) <= 8 and o.language in (None, "en"):
            return o.value
    return site.label(iri)


def gather(site: SiteModel, statements: list[str] | None = None) -> Picture | None:
    """Collect what the diagram shows (``None`` when the graph has no statement with commitments)."""
    commitment_t = site.ns + "Commitment"
    statement_t = site.ns + "JointStatement"
    if statements is None:
        statements = sorted(s for s, ts in site.types.items() if statement_t in ts)[:MAX_STATEMENTS]
    pic = Picture()
    bodies: set[str] = set()
    for st in statements:
        parts: set[str] = {
            o.value for o in site.objects(st, SCHEMA + "hasPart") if isinstance(o, ox.NamedNode)
        }
        parts.update(site.subjects(SCHEMA + "isPartOf", st))
        commitments = [c for c in parts if commitment_t in site.types.get(c, ())]
        if not commitments:
            continue
        pic.statements.append(Box(st, site.label(st), site.label(st), 3, bold=True))

        def position(c: str) -> tuple[int, str]:
            pos = site.one(c, SCHEMA + "position")
            try:
                return (int(pos.value) if pos is not None else 1 << 30, c)
            except ValueError:
                return (1 << 30, c)

        for c in sorted(commitments, key=position):
            pos = site.one(c, SCHEMA + "position")
            text = site.one(c, SCHEMA + "text")
            head = f"{pos.value}. " if pos is not None else ""
            body_text = " ".join((text.value if text is not None else site.label(c)).split())
            pic.commitments.append(Box(c, head + body_text, head + body_text, 2))
            pic.part_of.append((c, st))
            for o in site.objects(c, site.ns + "committedBy"):
                if isinstance(o, ox.NamedNode):
                    bodies.add(o.value)
                    pic.committed.append((c, o.value))
    if not pic.commitments:
        return None
    order = sorted(bodies, key=lambda b: site.label(b).lower())
    for i, b in enumerate(order):
        pic.bodies.append(
            Box(b, short_name(site, b), site.label(b), 1, bold=True, color=PALETTE[i % len(PALETTE)])
        )
    people: dict[str, list[str]] = {}
    date = min((d.value for st in statements for d in site.objects(st, SCHEMA + "datePublished")), default="")
    for body in sorted(bodies):
        for person, post in _in_office(site, site.offices.members_by_body.get(body, []), date):
            people.setdefault(person, []).append(site.label(post) if post else "")
            if (person, body) not in pic.holds:
                pic.holds.append((person, body))
    rank = {b: i for i, b in enumerate(order)}

    def beside(person: str) -> tuple[float, str]:
        """People sit in the order of their bodies (the mean rank of the bodies they hold posts in)."""
        ranks = [rank[b] for p, b in pic.holds if p == person]
        return (sum(ranks) / len(ranks) if ranks else 0.0, site.label(person).lower())

    for person in sorted(people, key=beside):
        posts = "; ".join(sorted(set(filter(None, people[person]))))
        title = site.label(person) + (" — " + posts if posts else "")
        pic.people.append(Box(person, site.label(person), title, 0, sub=posts, bold=True))
    pic.holds.sort()
    return pic


def _in_office(
    site: SiteModel, held: list[tuple[str, str, str | None]], date: str
) -> list[tuple[str, str | None]]:
    """(person, post) of the people in office on ``date``: per post, the latest term begun by then.

    Bodies taking part as members and terms that ended before (or begin after) the date are left out.
    """
    by_post: dict[str | None, list[tuple[str, str]]] = {}
    for membership, member, post in held:
        if any(t in BODY_TYPES for t in site.types.get(member, ())):
            continue
        begin, end = site.offices.term_bounds(membership)
        if date and ((end and end[: len(date)] < date[: len(end)]) or (begin and begin[: len(date)] > date)):
            continue
        by_post.setdefault(post, []).append((begin, member))
    out: list[tuple[str, str | None]] = []
    for post, terms in by_post.items():
        latest = max(begin for begin, _ in terms)
        out += [(member, post) for begin, member in terms if begin == latest]
    return sorted(set(out), key=lambda pp: (pp[0], pp[1] or ""))


# -- wide layout -------------------------------------------------------------------------------


def _stack(boxes: list[Box], top: float, height: float) -> None:
    used = sum(b.h for b in boxes) + max(len(boxes) - 1, 0) * GAP
    y = top + (height - used) / 2
    for b in boxes:
        b.y = y
        y += b.h + GAP


def wide_svg(site: SiteModel, pic: Picture, root: str, highlight: str | None = None) -> str:
    """Four columns with lines between them (desktop)."""
    for n, boxes in enumerate(pic.columns):
        for b in boxes:
            b.fit(COL_W[n], max_lines=4)
            b.x = COL_X[n]
    inner = max(sum(b.h for b in boxes) + max(len(boxes) - 1, 0) * GAP for boxes in pic.columns)
    for boxes in pic.columns:
        _stack(boxes, TOP, inner)
    width = COL_X[3] + COL_W[3] + 10
    height = TOP + inner + 30
    out = _open(width, height, "wide")
    for x, w, head in zip(COL_X, COL_W, HEADS, strict=True):
        out.append(
            f'<text x="{x + w / 2:.0f}" y="22" text-anchor="middle" font-weight="700" fill="#555">{head}</text>'
        )
    where = {b.iri: b for boxes in pic.columns for b in boxes}
    color = {b.iri: b.color for b in pic.bodies}
    for person, body in pic.holds:
        if person in where and body in where:
            out.append(_edge(where[person], where[body], "#888", "holds a post in", dashed=True))
    for c, body in pic.committed:
        if c in where and body in where:
            out.append(_edge(where[c], where[body], color.get(body, "#333"), "committed by"))
    for c, st in pic.part_of:
        if c in where and st in where:
            out.append(_edge(where[c], where[st], "#999", "part of"))
    for boxes in pic.columns:
        for b in boxes:
            out += _box(site, b, root, highlight)
    out.append("</svg>")
    return "\n".join(out)


def _edge(a: Box, b: Box, stroke: str, label: str, dashed: bool = False) -> str:
    if a.col < b.col:
        x1, x2 = a.x + a.w, b.x
    else:
        x1, x2 = a.x, b.x + b.w
    y1, y2 = a.y + a.h / 2, b.y + b.h / 2
    mx = (x1 + x2) / 2
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return (
        f'<path d="M{x1:.1f},{y1:.1f} C{mx:.1f},{y1:.1f} {mx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
        f'fill="none" stroke="{stroke}" stroke-width="1.6" opacity="0.75"{dash}>'
        f"<title>{escape(label)}</title></path>"
    )


# -- narrow layout -----------------------------------------------------------------------------


def narrow_svg(site: SiteModel, pic: Picture, root: str, highlight: str | None = None) -> str:
    """One column, relations written out (phones)."""
    inner = NARROW_W - 20
    short = {b.iri: b.text for b in pic.bodies}
    y = 10.0
    out: list[str] = []
    sections: list[tuple[str, list[Box]]] = [
        ("Statement", pic.statements),
        ("Commitments", pic.commitments),
        ("Bodies", pic.bodies),
        ("People and posts", pic.people),
    ]
    for c in pic.commitments:
        by = [short[b] for cc, b in pic.committed if cc == c.iri and b in short]
        c.sub = "committed by " + ", ".join(by) if by else ""
    for head, boxes in sections:
        y += 16
        out.append(f'<text x="10" y="{y:.0f}" font-weight="700" fill="#555">{head}</text>')
        y += 8
        if head == "Bodies":  # small boxes side by side, wrapping to the next row
            x = 10.0
            row_h = 0.0
            for b in boxes:
                b.fit(min(inner, text_width(b.text, SIZE, True) + 2 * PAD_X + 2))
                if x > 10 and x + b.w > 10 + inner:
                    x, y = 10.0, y + row_h + 8
                    row_h = 0.0
                b.x, b.y = x, y
                x += b.w + 8
                row_h = max(row_h, b.h)
            y += row_h + 8
            continue
        for b in boxes:
            b.fit(inner)
            b.x, b.y = 10.0, y
            y += b.h + 8
    height = y + 4
    for boxes in pic.columns:
        for b in boxes:
            out += _box(site, b, root, highlight)
    return "\n".join([*_open(NARROW_W, height, "narrow"), *out, "</svg>"])


# -- shared ------------------------------------------------------------------------------------


def _open(width: float, height: float, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stdkg-diagram {kind}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'font-family="system-ui, sans-serif" font-size="{SIZE:g}">',
        "<title>Who committed to what</title>",
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]


def _box(site: SiteModel, b: Box, root: str, highlight: str | None) -> list[str]:
    href = site.href(b.iri, root)
    stroke = b.color if b.col == 1 else "#8792a6"
    if b.iri == highlight:
        stroke = "#d4a000"
    wide = 2 if b.col == 1 or b.iri == highlight else 1
    out = [
        f'<a class="node" href="{escape(href)}">' if href else '<g class="node">',
        f"<title>{escape(b.title)}</title>",
        f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="6" '
        f'fill="{FILLS[b.col]}" stroke="{stroke}" stroke-width="{wide}"/>',
    ]
    base = b.y + PAD_Y + SIZE * 0.95
    weight = ' font-weight="700"' if b.bold else ""
    for i, line in enumerate(b.lines):
        out.append(
            f'<text x="{b.x + PAD_X:.1f}" y="{base + i * LINE:.1f}" fill="#1d2330"{weight}>{escape(line)}</text>'
        )
    base += len(b.lines) * LINE - (SIZE - SMALL) * 0.3
    for i, line in enumerate(b.sub_lines):
        out.append(
            f'<text x="{b.x + PAD_X:.1f}" y="{base + i * SMALL_LINE:.1f}" fill="#5b6475" '
            f'font-size="{SMALL:g}">{escape(line)}</text>'
        )
    out.append("</a>" if href else "</g>")
    return out


def commitment_svg(
    site: SiteModel, root: str, statements: list[str] | None = None, highlight: str | None = None
) -> str | None:
    """The wide SVG (a standalone document; links relative to ``root``), or ``None``: nothing to draw."""
    pic = gather(site, statements)
    return wide_svg(site, pic, root, highlight) if pic is not None else None


def commitment_figure(
    site: SiteModel, root: str, statements: list[str] | None = None, highlight: str | None = None
) -> str | None:
    """Both layouts, for a page (its style sheet shows the one that fits the screen), or ``None``."""
    pic = gather(site, statements)
    if pic is None:
        return None
    return wide_svg(site, pic, root, highlight) + "\n" + narrow_svg(site, pic, root, highlight)
