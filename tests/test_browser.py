"""Real headless Chromium opens pages of the live site: titles and the rendered SVG picture."""

from __future__ import annotations

import html
import http.server
import json
import re
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from stdkg.publish.site import Site
from stdkg.publish.static import publish
from tests.conftest import require_tool
from tests.publish_support import Server, running_server
from tests.servers import serve_handler

pytestmark = pytest.mark.integration

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium", "the browser tests open the site in headless Chromium")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as s:
        yield s


def _run(chromium: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=120,
            check=False,
        )


def dump_dom(chromium: str, url: str) -> str:
    done = _run(chromium, "--virtual-time-budget=5000", "--dump-dom", url)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")


class _Dom(HTMLParser):
    """The title and the text nodes inside the first <svg> of a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.svg_texts: list[str] = []
        self.svg_elements: dict[str, int] = {}
        self._stack: list[str] = []
        self._svg_depth = 0
        self._svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack.append(tag)
        if tag == "svg":
            self._svgs += 1
        if self._svgs == 1 and "svg" in self._stack:
            self.svg_elements[tag] = self.svg_elements.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "title" and "svg" not in self._stack:
            self.title += data
        if self._stack and self._stack[-1] == "text" and "svg" in self._stack and self._svgs == 1:
            self.svg_texts.append(data.strip())


def parse(dom: str) -> _Dom:
    d = _Dom()
    d.feed(dom)
    return d


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of raw pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    width = height = 0
    color = 0
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    bpp = {2: 3, 6: 4}[color]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def test_home_page_renders_title_and_picture(chromium: str, server: Server) -> None:
    dom = parse(dump_dom(chromium, server.url))
    assert dom.title == "stdkg — the Standards Knowledge Graph"
    assert dom.svg_elements.get("rect", 0) >= 8
    assert dom.svg_elements.get("path", 0) >= 8
    texts = set(dom.svg_texts)
    for expected in ("ISO", "IEC", "ITU", "Sung Hwan Cho", "Bodies", "Commitments"):
        assert expected in texts, (expected, sorted(texts))
    assert any(t.startswith("1. ") for t in texts)
    assert any(t.startswith("Seoul Statement") for t in texts)


def test_commitment_page_renders_title_and_picture(chromium: str, server: Server) -> None:
    url = server.url + "id/commitment/seoul-statement-2025-2"  # the thing IRI: Chromium follows the 303
    dom_text = dump_dom(chromium, url)
    dom = parse(dom_text)
    assert dom.title.startswith("Seoul Statement commitment 2")
    assert dom.title.endswith("· stdkg — the Standards Knowledge Graph")
    assert "2. Deepen the understanding" in " ".join(dom.svg_texts)
    assert re.search(r"<mark>[^<]+</mark>", dom_text), "the evidence span is highlighted"


def test_screenshot_is_not_blank(chromium: str, server: Server, tmp_path: Path) -> None:
    shot = tmp_path / "home.png"
    done = _run(chromium, "--window-size=1200,900", "--hide-scrollbars", f"--screenshot={shot}", server.url)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    width, bpp, rows = _png_pixels(shot)
    assert width == 1200
    # the picture sits below the intro: count distinct colours in that band
    band = rows[380:620]
    colours = {row[x : x + 3] for row in band for x in range(0, len(row), bpp * 7)}
    assert len(colours) > 20, "the diagram region has more than a background colour"


# -- every page kind at desktop and phone widths ---------------------------------------------------

#: Runs in the harness page: loads each page in an iframe as wide as the screen, opens every
#: <details>, and records what sticks out: elements past the right or left edge, the document's
#: scroll width, and SVG text outside the box (the rect drawn in the same link or group).
_MEASURE = """
function measure(doc) {
  for (const d of doc.querySelectorAll("details")) d.open = true;
  const vw = doc.documentElement.clientWidth;
  const out = {vw: vw, scroll: doc.documentElement.scrollWidth, wide: [], overflow: [], texts: 0, nodes: 0};
  for (const el of doc.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.right > vw + 1 || r.left < -1) {
      out.wide.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") +
        " [" + Math.round(r.left) + ", " + Math.round(r.right) + "] " + (el.textContent || "").slice(0, 40));
    }
  }
  out.text_px = [];  // the size a 13 px diagram text is drawn at, per visible picture
  for (const svg of doc.querySelectorAll("svg[viewBox]")) {
    const box = svg.getBoundingClientRect();
    if (box.width) out.text_px.push(13 * box.width / svg.viewBox.baseVal.width);
  }
  for (const rect of doc.querySelectorAll("svg a > rect, svg g > rect")) {  // a box and its texts
    const node = rect.parentNode;
    const rb = rect.getBoundingClientRect();
    if (!rb.width) continue;
    out.nodes += 1;
    for (const t of node.querySelectorAll("text")) {
      out.texts += 1;
      const tb = t.getBoundingClientRect();
      if (tb.left < rb.left - 0.5 || tb.right > rb.right + 0.5 || tb.top < rb.top - 0.5 || tb.bottom > rb.bottom + 0.5) {
        out.overflow.push(t.textContent + " [" + Math.round(tb.right - rb.right) + " px past]");
      }
    }
  }
  return out;
}
const results = {};
for (const page of PAGES) {
  const frame = document.createElement("iframe");
  frame.style.cssText = "width: " + WIDTH + "px; height: 1200px; border: 0; display: block";
  frame.onload = () => {
    results[page] = measure(frame.contentDocument);
    document.documentElement.setAttribute("data-results", JSON.stringify(results));
  };
  frame.src = page;
  document.body.appendChild(frame);
}
"""


class _SiteFiles(http.server.SimpleHTTPRequestHandler):
    """The published folder over HTTP (same origin for the harness and the pages)."""

    folder = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=self.folder, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def static_site(
    tmp_path_factory: pytest.TempPathFactory, bundled_kg
) -> Iterator[tuple[str, Path, list[str]]]:  # type: ignore[no-untyped-def]
    """The bundled graph published as a static site and served over HTTP; one page of every kind."""
    out = tmp_path_factory.mktemp("browser") / "site"
    publish(bundled_kg, out, base_uri="http://127.0.0.1:8000/")
    site = Site(bundled_kg, "http://127.0.0.1:8000/")
    pages = ["index.html", "ns.html", "void.html", "404.html"]
    pages += [f"index/{spec.name}.html" for spec in site.index_specs]
    for name in sorted(site.index_members):  # one resource of every index (= every kind)
        pages.append(site.index_members[name][0] + ".html")
    for path in KEY_PAGES:
        pages.append(path + ".html")
    handler = type("Files", (_SiteFiles,), {"folder": str(out)})
    with serve_handler(handler) as url:
        yield url + "/", out, sorted(set(pages))


#: Pages that show the most: the statement with its picture, a body with units, a person, a quotation.
KEY_PAGES = (
    "id/statement/seoul-statement-2025",
    "id/commitment/seoul-statement-2025-3",
    "id/org/itu",
    "id/org/iso",
    "id/person/sung-hwan-cho",
    "id/quotation/prnewswire-302629226-cho",
    "id/membership/jo-cops-iec-president",
    "id/source/prnewswire-302629226",
)


def measure_pages(chromium: str, url: str, folder: Path, pages: list[str], width: int) -> dict[str, Any]:
    harness = folder / f"measure-{width}.html"
    script = _MEASURE.replace("PAGES", json.dumps(pages)).replace("WIDTH", str(width))
    harness.write_text(
        f"<!DOCTYPE html><html><body><script>{script}</script></body></html>", encoding="utf-8"
    )
    done = _run(
        chromium, "--hide-scrollbars", "--virtual-time-budget=30000", "--dump-dom", url + harness.name
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    found = re.search(r'<html data-results="([^"]*)"', done.stdout.decode("utf-8"))
    assert found, "the harness recorded no result"
    results: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    assert sorted(results) == sorted(pages), "every page loaded"
    return results


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_kind_fits_the_screen(
    chromium: str, static_site: tuple[str, Path, list[str]], width: int
) -> None:
    url, folder, pages = static_site
    results = measure_pages(chromium, url, folder, pages, width)
    problems = []
    for page, r in sorted(results.items()):
        assert r["vw"] <= width, (page, r["vw"])
        if r["wide"] or r["scroll"] > r["vw"]:
            problems.append(f"{page}: scroll width {r['scroll']} > {r['vw']}: {r['wide'][:5]}")
        if r["overflow"]:
            problems.append(f"{page}: SVG text outside its box: {r['overflow'][:5]}")
    assert not problems, "\n".join(problems)
    # the pictures were measured, not skipped: home, statement and commitment pages draw one
    for page in (
        "index.html",
        "id/statement/seoul-statement-2025.html",
        "id/commitment/seoul-statement-2025-3.html",
    ):
        assert results[page]["nodes"] >= 11 and results[page]["texts"] >= 11, (page, results[page])
        assert results[page]["text_px"] and min(results[page]["text_px"]) >= 11, (
            page,
            results[page]["text_px"],
        )
