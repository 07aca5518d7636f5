"""Real headless Chromium opens pages of the live site: titles and the rendered SVG picture."""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.publish_support import Server, running_server

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
