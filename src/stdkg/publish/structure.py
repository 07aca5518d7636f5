"""The home page's picture of how the bodies hang together (ISO, IEC, ITU → JTC 1 → SC 42 …).

A body is drawn when it is a unit of another (``org:unitOf``, ``org:subOrganizationOf``, or the
other's ``org:hasUnit``) or has units. Wide layout: one row per level, the top-level bodies first,
each row ordered by where its parents stand so that lines cross little; a body with two parents
(JTC 1 under ISO and IEC) has a line to each. Narrow layout (phones): an indented outline, a body
with a second parent listed under the first with the others named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import escape

from ..vocab import ORG
from .diagram import short_name
from .facts_read import BODY_TYPES
from .svgtext import text_width, wrap

if TYPE_CHECKING:
    from .model import SiteModel

WIDE_W = 1000
NARROW_W = 360
SIZE = 13.0
LINE = 16.0
PAD_X = 8
PAD_Y = 7
ROW_GAP = 46
BOX_GAP = 12
INDENT = 18
MAX_BOX_W = 170


@dataclass
class Node:
    iri: str
    text: str
    title: str
    parents: list[str] = field(default_factory=list)
    depth: int = 0
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    lines: tuple[str, ...] = ()

    @property
    def h(self) -> float:
        return 2 * PAD_Y + len(self.lines) * LINE


def hierarchy(site: SiteModel) -> dict[str, Node]:
    """The bodies linked as units and parents, with their parents and levels (empty: none)."""
    bodies = {iri for iri, types in site.types.items() if any(t in BODY_TYPES for t in types)}
    parents: dict[str, set[str]] = {}
    for b in bodies:
        for p in (ORG + "unitOf", ORG + "subOrganizationOf"):
            parents.setdefault(b, set()).update(o.value for o in site.objects(b, p) if o.value in bodies)
        for child in site.objects(b, ORG + "hasUnit"):
            if child.value in bodies:
                parents.setdefault(child.value, set()).add(b)
    linked = {b for b, ps in parents.items() if ps} | {p for ps in parents.values() for p in ps}
    nodes = {
        b: Node(b, short_name(site, b), site.label(b), sorted(parents.get(b, set()) & linked, key=site.label))
        for b in sorted(linked, key=lambda b: site.label(b).lower())
    }
    for _ in range(len(nodes)):  # depth = longest path from a top-level body (cycles stop at len)
        changed = False
        for n in nodes.values():
            depth = max((nodes[p].depth + 1 for p in n.parents), default=0)
            if depth != n.depth and depth < len(nodes):
                n.depth, changed = depth, True
        if not changed:
            break
    return nodes


def _fit(n: Node, max_w: float) -> None:
    n.lines = wrap(n.text, max_w - 2 * PAD_X, SIZE, True)
    n.w = min(max_w, max(text_width(line, SIZE, True) for line in n.lines) + 2 * PAD_X + 2)


def wide_svg(site: SiteModel, nodes: dict[str, Node], root: str) -> str:
    levels: dict[int, list[Node]] = {}
    for n in nodes.values():
        levels.setdefault(n.depth, []).append(n)
    y = 12.0
    for depth in sorted(levels):
        row = levels[depth]
        for n in row:
            _fit(n, MAX_BOX_W)

        def under(n: Node) -> tuple[float, str]:
            xs = [nodes[p].x + nodes[p].w / 2 for p in n.parents]
            return (sum(xs) / len(xs) if xs else 0.0, n.text.lower())

        row.sort(key=under)
        lines: list[list[Node]] = [[]]
        used = 0.0
        for n in row:  # wrap a level onto more rows when it is wider than the picture
            if lines[-1] and used + n.w > WIDE_W - 20:
                lines.append([])
                used = 0.0
            lines[-1].append(n)
            used += n.w + BOX_GAP
        for line in lines:
            total = sum(n.w for n in line) + BOX_GAP * (len(line) - 1)
            x = (WIDE_W - total) / 2
            height = max(n.h for n in line)
            for n in line:
                n.x, n.y = x, y + (height - n.h) / 2
                x += n.w + BOX_GAP
            y += height + ROW_GAP
    out = _open(WIDE_W, y - ROW_GAP + 12, "wide")
    for n in nodes.values():
        for p in n.parents:
            a = nodes[p]
            x1, y1, x2, y2 = a.x + a.w / 2, a.y + a.h, n.x + n.w / 2, n.y
            my = (y1 + y2) / 2
            out.append(
                f'<path d="M{x1:.1f},{y1:.1f} C{x1:.1f},{my:.1f} {x2:.1f},{my:.1f} {x2:.1f},{y2:.1f}" '
                f'fill="none" stroke="#8792a6" stroke-width="1.4"><title>{escape(n.title)}: unit of '
                f"{escape(a.title)}</title></path>"
            )
    for n in nodes.values():
        out += _node(site, n, root)
    out.append("</svg>")
    return "\n".join(out)


def narrow_svg(site: SiteModel, nodes: dict[str, Node], root: str) -> str:
    out: list[str] = []
    placed: set[str] = set()
    y = [8.0]

    def visit(n: Node, level: int) -> None:
        placed.add(n.iri)
        x = 8 + level * INDENT
        others = [nodes[p].text for p in n.parents[1:]] if level else []
        n.text = n.text + (" (also under " + ", ".join(others) + ")" if others else "")
        _fit(n, NARROW_W - 8 - x)
        n.x, n.y = x, y[0]
        if level:
            px = x - INDENT + 8
            out.append(
                f'<path d="M{px:.1f},{n.y - 6:.1f} V{n.y + n.h / 2:.1f} H{x:.1f}" fill="none" stroke="#8792a6" '
                f'stroke-width="1.2"/>'
            )
        out.extend(_node(site, n, root))
        y[0] += n.h + 6
        for c in sorted(
            (c for c in nodes.values() if c.parents[:1] == [n.iri]), key=lambda c: c.text.lower()
        ):
            if c.iri not in placed:
                visit(c, level + 1)

    for n in sorted((n for n in nodes.values() if not n.parents), key=lambda n: n.text.lower()):
        visit(n, 0)
    return "\n".join([*_open(NARROW_W, y[0] + 4, "narrow"), *out, "</svg>"])


def structure_figure(site: SiteModel, root: str) -> str | None:
    """Both layouts of the bodies' structure (the style sheet shows one), or ``None``: no units."""
    nodes = hierarchy(site)
    if not nodes:
        return None
    wide = wide_svg(site, nodes, root)
    return wide + "\n" + narrow_svg(site, hierarchy(site), root)


def _open(width: float, height: float, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stdkg-structure {kind}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'font-family="system-ui, sans-serif" font-size="{SIZE:g}">',
        "<title>How the bodies hang together</title>",
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]


def _node(site: SiteModel, n: Node, root: str) -> list[str]:
    href = site.href(n.iri, root)
    out = [
        f'<a class="node" href="{escape(href)}">' if href else '<g class="node">',
        f"<title>{escape(n.title)}</title>",
        f'<rect x="{n.x:.1f}" y="{n.y:.1f}" width="{n.w:.1f}" height="{n.h:.1f}" rx="5" fill="#e8effb" '
        f'stroke="#1f5fae" stroke-width="1.2"/>',
    ]
    for i, line in enumerate(n.lines):
        out.append(
            f'<text x="{n.x + PAD_X:.1f}" y="{n.y + PAD_Y + SIZE * 0.95 + i * LINE:.1f}" fill="#1d2330" '
            f'font-weight="700">{escape(line)}</text>'
        )
    out.append("</a>" if href else "</g>")
    return out
