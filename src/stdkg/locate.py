"""Find where a node is defined in the KG's source files (file and line), for reports.

Each source file is scanned once (and cached by path, size and modification time) into an index
from full IRI to two line numbers: the first line that *starts a subject block* for the IRI, and the
first line that mentions it at all. A mention is the full IRI ``<…>`` or any prefixed-name spelling
of it under that file's ``@prefix``/``PREFIX`` declarations (Turtle, TriG, N-Triples, N-Quads); in
JSON-LD and RDF/XML files the bare IRI string counts as a mention. String literals are skipped, so
an IRI quoted inside a text does not count.

:func:`locate` prefers a subject-block line in any file over a mere mention; among equals, the
first file in the KG's source order wins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import RdfFormat, is_gzipped

if TYPE_CHECKING:
    from .kg import KG

# A string literal (long or short, either quote) or a token of interest.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'  # long double-quoted string (may span lines)
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"  # long single-quoted string
    r'|"(?:[^"\\\n]|\\.)*"'  # short double-quoted string
    r"|'(?:[^'\\\n]|\\.)*'"  # short single-quoted string
    r"|#[^\n]*"  # comment
    r"|<([^<>\"{}|^`\\\s]*)>"  # IRI reference
    r"|(?<![\w.:-])([A-Za-z][\w.-]*)?:((?:[\w:%-]|\\.|\.(?=[\w:%-]))*)",  # prefixed name
    re.DOTALL,
)
_PREFIX_DECL = re.compile(
    r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE
)
_STATEMENT_END = re.compile(r"(?<!\d)\.(?!\d)|[{}]")
_IRI_IN_TEXT = re.compile(r"https?://[^\s\"'<>{}|\\^`]+")


@dataclass(frozen=True)
class Location:
    """A place in a source file (1-based line)."""

    path: Path
    line: int

    def display(self, root: Path | None = None) -> str:
        """``path:line`` with the path relative to ``root`` (or the working folder) when inside it."""
        return f"{display_path(self.path, root)}:{self.line}"


def display_path(path: Path, root: Path | None = None) -> str:
    """A short, stable spelling of a file path: relative to ``root`` or the cwd when possible."""
    return _display_path(path, root, Path.cwd())


@functools.lru_cache(maxsize=1024)
def _display_path(path: Path, root: Path | None, cwd: Path) -> str:
    resolved = path.resolve()
    for base in (root, cwd):
        if base is None:
            continue
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


@dataclass
class _FileIndex:
    subject_line: dict[str, int] = field(default_factory=dict)
    mention_line: dict[str, int] = field(default_factory=dict)


_CACHE: dict[tuple[str, int, int], _FileIndex] = {}


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)


def _index_turtle_like(text: str) -> _FileIndex:
    index = _FileIndex()
    prefixes = {(m.group(1) or ""): m.group(2) for m in _PREFIX_DECL.finditer(text)}
    # Blank out the declarations (keeping offsets) so that their names are not taken as mentions.
    text = _PREFIX_DECL.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    starts = _line_starts(text)
    # A token starts a subject block when it is the first token after ".", "{", "}" or the file start.
    statement_open = True
    last_end = 0
    for m in _TOKEN.finditer(text):
        if _STATEMENT_END.search(text, last_end, m.start()):
            statement_open = True
        last_end = m.end()
        token = m.group(0)
        if token.startswith(("#", '"', "'")):
            continue
        iri: str | None
        if token.startswith("<"):
            iri = m.group(1)
        else:
            local = (m.group(3) or "").replace("\\", "")
            ns = prefixes.get(m.group(2) or "")
            iri = ns + local if ns is not None else None
        line = _line_of(starts, m.start())
        if iri:
            index.mention_line.setdefault(iri, line)
            if statement_open:
                index.subject_line.setdefault(iri, line)
        statement_open = False
    return index


def _index_plain(text: str) -> _FileIndex:
    index = _FileIndex()
    starts = _line_starts(text)
    for m in _IRI_IN_TEXT.finditer(text):
        index.mention_line.setdefault(m.group(0), _line_of(starts, m.start()))
    return index


def file_index(path: Path, fmt: RdfFormat | None = None) -> _FileIndex:
    """The (cached) IRI → line index of one file."""
    try:
        st = path.stat()
    except OSError:
        return _FileIndex()
    key = (str(path.absolute()), st.st_size, st.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        text = _read(path).decode("utf-8", errors="replace")
    except OSError:
        return _FileIndex()
    fmt = fmt or RdfFormat.from_path(path)
    plain = fmt in (RdfFormat.JSON_LD, RdfFormat.RDF_XML)
    index = _index_plain(text) if plain else _index_turtle_like(text)
    _CACHE[key] = index
    return index


#: N-Triples and N-Quads files larger than this are searched for the IRIs asked about instead of
#: being indexed whole (indexing every token of a 1M-triple file takes seconds; a search, a few ms).
SEARCH_ABOVE = 8 * 1024 * 1024

_LINE_FORMATS = (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS)
_BYTES_CACHE: dict[tuple[str, int, int], bytes] = {}


def _lines(path: Path, fmt: RdfFormat | None, iri: str) -> tuple[int | None, int | None]:
    """The first subject-block line and the first mention line of ``iri`` in one file."""
    fmt = fmt or RdfFormat.from_path(path)
    try:
        big = fmt in _LINE_FORMATS and path.stat().st_size > SEARCH_ABOVE
    except OSError:
        big = False
    if not big:
        index = file_index(path, fmt)
        return index.subject_line.get(iri), index.mention_line.get(iri)
    return _search_lines(path, iri)


def _read(path: Path) -> bytes:
    """A file's bytes, decompressed when its name ends in ``.gz`` (line numbers are the text's)."""
    if is_gzipped(path):
        import gzip

        try:
            with gzip.open(path, "rb") as fh:
                return fh.read()
        except (EOFError, gzip.BadGzipFile) as exc:
            raise OSError(str(exc)) from None
    return path.read_bytes()


def _file_bytes(path: Path) -> bytes:
    try:
        st = path.stat()
        key = (str(path.absolute()), st.st_size, st.st_mtime_ns)
        data = _BYTES_CACHE.get(key)
        if data is None:
            _BYTES_CACHE.clear()  # one large file at a time
            data = _BYTES_CACHE[key] = _read(path)
        return data
    except OSError:
        return b""


def _search_lines(path: Path, iri: str) -> tuple[int | None, int | None]:
    """:func:`file_index`'s answer for one IRI of a line-based file (no prefixes, one statement a
    line), found by searching the bytes for ``<iri>`` and tokenising only the lines that hold it."""
    data = _file_bytes(path)
    needle = f"<{iri}>".encode()
    # the first mention: the first occurrence that is an IRI token (not inside a string)
    pos = data.find(needle)
    kind = None
    while pos != -1:
        kind = _occurrence(data, pos, iri)
        if kind is not None:
            break
        pos = data.find(needle, pos + len(needle))
    if pos == -1:
        return None, None
    mention = data.count(b"\n", 0, pos) + 1
    if kind == "subject":
        return mention, mention
    # the first line (after it) where it is the first IRI token: blanks, a blank node or "<<" before
    lines = re.compile(rb"\n[^<\n\"#]*(?:<<[^<\n\"#]*)*" + re.escape(needle))
    found = lines.search(data, pos)
    while found is not None:
        at = found.end() - len(needle)
        if _occurrence(data, at, iri) == "subject":
            return data.count(b"\n", 0, at) + 1, mention
        found = lines.search(data, found.end())
    return None, mention


def _occurrence(data: bytes, pos: int, iri: str) -> str | None:
    """How the tokeniser of _index_turtle_like reads the ``<iri>`` at byte ``pos`` of a line-based
    file: ``"subject"`` (it opens a statement), ``"mention"``, or None (inside a string or comment)."""
    start = data.rfind(b"\n", 0, pos) + 1
    end = data.find(b"\n", pos)
    line = data[start : len(data) if end == -1 else end].decode("utf-8", errors="replace")
    offset = len(data[start:pos].decode("utf-8", errors="replace"))
    statement_open = True  # every line starts a statement
    last_end = 0
    for m in _TOKEN.finditer(line):
        if m.start() > offset:
            return None
        if _STATEMENT_END.search(line, last_end, m.start()):
            statement_open = True
        last_end = m.end()
        token = m.group(0)
        if m.start() == offset:
            if token.startswith("<") and m.group(1) == iri:
                return "subject" if statement_open else "mention"
            return None
        if m.end() > offset:
            return None  # inside a string or comment
        if not token.startswith(("#", '"', "'")):
            statement_open = False
    return None


def locate(kg: KG, iri: str) -> Location | None:
    """Where ``iri`` is defined: the first subject-block line, else the first mention, else None."""
    if not iri or iri.startswith("_:"):
        return None
    mention: Location | None = None
    for src in kg.sources:
        subject_line, mention_line = _lines(src.path, src.format, iri)
        if subject_line is not None:
            return Location(src.path, subject_line)
        if mention is None and mention_line is not None:
            mention = Location(src.path, mention_line)
    return mention


def first_mention(kg: KG, iri: str, *, paths: set[Path] | None = None) -> Location | None:
    """The first line (in source order) that mentions ``iri``, optionally among ``paths`` only."""
    for src in kg.sources:
        if paths is not None and src.path not in paths:
            continue
        line = _lines(src.path, src.format, iri)[1]
        if line is not None:
            return Location(src.path, line)
    return None


__all__ = ["Location", "display_path", "file_index", "first_mention", "locate"]
