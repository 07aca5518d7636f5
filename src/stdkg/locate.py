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

from .formats import RdfFormat

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
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _FileIndex()
    fmt = fmt or RdfFormat.from_path(path)
    plain = fmt in (RdfFormat.JSON_LD, RdfFormat.RDF_XML)
    index = _index_plain(text) if plain else _index_turtle_like(text)
    _CACHE[key] = index
    return index


def locate(kg: KG, iri: str) -> Location | None:
    """Where ``iri`` is defined: the first subject-block line, else the first mention, else None."""
    if not iri or iri.startswith("_:"):
        return None
    mention: Location | None = None
    for src in kg.sources:
        index = file_index(src.path, src.format)
        line = index.subject_line.get(iri)
        if line is not None:
            return Location(src.path, line)
        if mention is None:
            line = index.mention_line.get(iri)
            if line is not None:
                mention = Location(src.path, line)
    return mention


def first_mention(kg: KG, iri: str, *, paths: set[Path] | None = None) -> Location | None:
    """The first line (in source order) that mentions ``iri``, optionally among ``paths`` only."""
    for src in kg.sources:
        if paths is not None and src.path not in paths:
            continue
        line = file_index(src.path, src.format).mention_line.get(iri)
        if line is not None:
            return Location(src.path, line)
    return None


__all__ = ["Location", "display_path", "file_index", "first_mention", "locate"]
