"""The picture: an SVG of who committed to what, laid out deterministically without external tools.

Four columns, left to right: the people (with the post they hold), the bodies (a person is drawn
beside the body whose post they hold, or its parent body when the post is in a unit), the
commitments (in order of position) and the statement. Edges: person → body (holds a post in),
commitment → body (committed by, coloured per body), commitment → statement (part of). Everything
is sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from markupsafe import escape

from ..vocab import SCHEMA, SKOS

if TYPE_CHECKING:
    from .model import SiteModel

SKOS_ALT = SKOS + "altLabel"
MAX_STATEMENTS = 3
PALETTE = ("#1f5fae", "#b5541b", "#2e7d4f", "#7b3fa0", "#a0282d", "#006d77", "#8a6d00", "#4a4e69")

COL_X = (10, 290, 450, 930)
COL_W = (250, 110, 430, 250)
BOX_H = 44
GAP = 14
TOP = 40


@dataclass
class Box:
    iri: str
    lines: list[str]
    title: str
    col: int
    y: float = 0.0
    color: str = "#333"


@dataclass
class Picture:
    people: list[Box] = field(default_factory=list)
    bodies: list[Box] = field(default_factory=list)
    commitments: list[Box] = field(default_factory=list)
    statements: list[Box] = field(default_factory=list)
    holds: list[tuple[str, str]] = field(default_factory=list)
    committed: list[tuple[str, str]] = field(default_factory=list)
    part_of: list[tuple[str, str]] = field(default_factory=list)


def short_name(site: SiteModel, iri: str) -> str:
    """An acronym (``skos:altLabel`` of at most 8 characters) if there is one, else the label."""
    for o in site.objects(iri, SKOS_ALT):
        if isinstance(o, ox.Literal) and len(o.value) <= 8 and o.language in (None, "en"):
            return o.value
    return site.label(iri)


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


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
        pic.statements.append(Box(st, [_short(site.label(st), 34)], site.label(st), 3))

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
            body_text = text.value if text is not None else site.label(c)
            pic.commitments.append(Box(c, [_short(head + body_text, 66)], head + body_text, 2))
            pic.part_of.append((c, st))
            for o in site.objects(c, site.ns + "committedBy"):
                if isinstance(o, ox.NamedNode):
                    bodies.add(o.value)
                    pic.committed.append((c, o.value))
    if not pic.commitments:
        return None
    for i, b in enumerate(sorted(bodies, key=lambda b: site.label(b).lower())):
        pic.bodies.append(
            Box(b, [_short(short_name(site, b), 22)], site.label(b), 1, color=PALETTE[i % len(PALETTE)])
        )
    people: dict[str, list[str]] = {}
    by_body = site.members_by_body
    for body in sorted(bodies):
        for person, post in by_body.get(body, ()):
            people.setdefault(person, []).append(site.label(post) if post else "")
            if (person, body) not in pic.holds:
                pic.holds.append((person, body))
    for person in sorted(people, key=lambda p: site.label(p).lower()):
        posts = sorted(set(filter(None, people[person])))
        lines = [_short(site.label(person), 32)]
        if posts:
            lines.append(_short("; ".join(posts), 40))
        pic.people.append(
            Box(person, lines, site.label(person) + (" — " + "; ".join(posts) if posts else ""), 0)
        )
    pic.holds.sort()
    return pic


def _place(boxes: list[Box], height: float) -> None:
    used = len(boxes) * BOX_H + max(len(boxes) - 1, 0) * GAP
    y = TOP + (height - used) / 2
    for b in boxes:
        b.y = y
        y += BOX_H + GAP


def commitment_svg(
    site: SiteModel, root: str, statements: list[str] | None = None, highlight: str | None = None
) -> str | None:
    """The SVG text (inline-ready; links relative to ``root``), or ``None`` if there is nothing to draw."""
    pic = gather(site, statements)
    if pic is None:
        return None
    columns = [pic.people, pic.bodies, pic.commitments, pic.statements]
    n = max(len(c) for c in columns)
    inner = n * BOX_H + max(n - 1, 0) * GAP
    for col in columns:
        _place(col, inner)
    width = COL_X[3] + COL_W[3] + 10
    height = TOP + inner + 30
    where = {b.iri: b for col in columns for b in col}
    color = {b.iri: b.color for b in pic.bodies}
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stdkg-diagram" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        "<title>Who committed to what</title>",
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]
    for x, w, head in zip(
        COL_X, COL_W, ("People and posts", "Bodies", "Commitments", "Statement"), strict=True
    ):
        out.append(
            f'<text x="{x + w / 2:.0f}" y="22" text-anchor="middle" font-weight="700" fill="#555">{head}</text>'
        )

    def edge(a: Box, b: Box, stroke: str, label: str, dashed: bool = False) -> None:
        if a.col < b.col:
            x1, x2 = COL_X[a.col] + COL_W[a.col], COL_X[b.col]
        else:
            x1, x2 = COL_X[a.col], COL_X[b.col] + COL_W[b.col]
        y1, y2 = a.y + BOX_H / 2, b.y + BOX_H / 2
        mx = (x1 + x2) / 2
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        out.append(
            f'<path d="M{x1:.1f},{y1:.1f} C{mx:.1f},{y1:.1f} {mx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
            f'fill="none" stroke="{stroke}" stroke-width="1.6" opacity="0.75"{dash}>'
            f"<title>{escape(label)}</title></path>"
        )

    for person, body in pic.holds:
        if person in where and body in where:
            edge(where[person], where[body], "#888", "holds a post in", dashed=True)
    for c, body in pic.committed:
        if c in where and body in where:
            edge(where[c], where[body], color.get(body, "#333"), "committed by")
    for c, st in pic.part_of:
        if c in where and st in where:
            edge(where[c], where[st], "#999", "part of")
    fills = ("#f4f6fa", "#e8effb", "#fffaf0", "#eef7f0")
    for col in columns:
        for b in col:
            x, w = COL_X[b.col], COL_W[b.col]
            href = site.href(b.iri, root)
            stroke = b.color if b.col == 1 else "#8792a6"
            if b.iri == highlight:
                stroke = "#d4a000"
            out.append(f'<a href="{escape(href)}">' if href else "<g>")
            out.append(f"<title>{escape(b.title)}</title>")
            out.append(
                f'<rect x="{x}" y="{b.y:.1f}" width="{w}" height="{BOX_H}" rx="6" '
                f'fill="{fills[b.col]}" stroke="{stroke}" stroke-width="{2 if b.col == 1 or b.iri == highlight else 1}"/>'
            )
            if len(b.lines) == 1:
                weight = ' font-weight="700"' if b.col in (1, 3) else ""
                out.append(
                    f'<text x="{x + 10}" y="{b.y + BOX_H / 2 + 4.5:.1f}" fill="#1d2330"{weight}>'
                    f"{escape(b.lines[0])}</text>"
                )
            else:
                out.append(
                    f'<text x="{x + 10}" y="{b.y + 18:.1f}" fill="#1d2330" font-weight="600">{escape(b.lines[0])}</text>'
                )
                out.append(
                    f'<text x="{x + 10}" y="{b.y + 35:.1f}" fill="#5b6475" font-size="11.5">{escape(b.lines[1])}</text>'
                )
            out.append("</a>" if href else "</g>")
    out.append("</svg>")
    return "\n".join(out)
