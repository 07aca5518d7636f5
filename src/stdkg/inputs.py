"""Bounds on what an input file may make stdkg do, checked before the parser sees the file.

* Only regular files (and folders of them) are read: a FIFO, a device or a socket given as input is
  refused, so that nothing waits forever or reads without end.
* RDF/XML: the internal DTD subset may declare entities (``<!ENTITY owl "http://…#">`` is common),
  but their expansion is bounded (:data:`MAX_ENTITY_EXPANSION` characters in all, counted before
  parsing); external and parameter entities are refused. A "billion laughs" file is an error.
* Turtle and TriG: ``[ … ]`` and ``( … )`` may nest at most :data:`MAX_NESTING` levels deep; JSON-LD
  objects and arrays, and RDF/XML elements, twice that (a nested node takes two levels there). Deep
  nesting costs little to parse but makes graph canonicalisation (used by every deterministic dump)
  grow steeply with the depth.
* The parser keeps one term in a buffer of at most 16 MiB (pyoxigraph's own limit): a longer
  literal or IRI is reported with its line instead of a ``MemoryError``.

The limits can be raised with the environment variables ``STDKG_MAX_NESTING`` and
``STDKG_MAX_ENTITY_EXPANSION``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path

from .errors import InputError, ParseError
from .formats import RdfFormat, is_gzipped

#: Levels of ``[ ]`` / ``( )`` nesting allowed in Turtle and TriG.
MAX_NESTING = 64
#: Characters that entity references in an RDF/XML file may expand to, in all.
MAX_ENTITY_EXPANSION = 16 * 1024 * 1024
#: The longest term pyoxigraph's parsers accept (their buffer limit), in bytes.
MAX_TERM_BYTES = 16 * 1024 * 1024
#: How much of an RDF/XML file's start is read to find its DTD.
_PROLOG_BYTES = 1024 * 1024


def _limit(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r}: not a whole number") from None
    if value < 1:
        raise InputError(f"{name}={raw!r}: must be at least 1")
    return value


def max_nesting() -> int:
    """:data:`MAX_NESTING`, or ``$STDKG_MAX_NESTING``."""
    return _limit("STDKG_MAX_NESTING", MAX_NESTING)


def max_entity_expansion() -> int:
    """:data:`MAX_ENTITY_EXPANSION`, or ``$STDKG_MAX_ENTITY_EXPANSION``."""
    return _limit("STDKG_MAX_ENTITY_EXPANSION", MAX_ENTITY_EXPANSION)


def require_regular(path: Path) -> None:
    """Refuse anything but a regular file or a folder (following symbolic links)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a character device"
        if stat.S_ISCHR(mode)
        else "a block device"
        if stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise InputError(f"{path}: {kind}; give a regular file or a folder")


def check_path(path: Path | str) -> None:
    """All the bounds for one RDF file named by the user (for code that parses it without
    :func:`stdkg.kg.load`, which applies them itself): a regular file, within the limits of its format."""
    path = Path(path)
    require_regular(path)
    fmt = RdfFormat.from_path(path)
    if fmt is None or not path.is_file():
        return
    if is_gzipped(path):
        import gzip

        with gzip.open(path, "rb") as fh:
            check_file(path, fmt, fh.read())
        return
    check_file(path, fmt)


def check_file(path: Path, fmt: RdfFormat, data: bytes | None = None) -> None:
    """Apply the bounds of ``fmt`` to the file (``data``: its bytes, when already read)."""
    if fmt is RdfFormat.RDF_XML:
        check_entities(path, data)
        _check_depth(path, data, _XML_TOKENS, b"<", _xml_step, "elements", 2)
    elif fmt in (RdfFormat.TURTLE, RdfFormat.TRIG):
        check_nesting(path, data)
    elif fmt is RdfFormat.JSON_LD:
        _check_depth(path, data, _JSON_TOKENS, b"{[", _json_step, "objects and arrays", 2)


# -- RDF/XML entities ---------------------------------------------------------------------------

_DOCTYPE = re.compile(rb"<!DOCTYPE\b")
_DECL = re.compile(
    rb"<!ENTITY\s+(%\s+)?([^\s%\"'>]+)\s+"
    rb"(?:\"([^\"]*)\"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>"
)
_REF = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = {b"lt", b"gt", b"amp", b"apos", b"quot"}


def check_entities(path: Path, data: bytes | None = None) -> None:
    """Refuse an RDF/XML file whose entities are external, parameters, recursive or expand too far."""
    head = data[:_PROLOG_BYTES] if data is not None else _read_head(path)
    start = _DOCTYPE.search(head)
    if start is None:
        return
    open_ = head.find(b"[", start.end())
    close_tag = head.find(b">", start.end())
    if open_ < 0 or (0 <= close_tag < open_):
        return  # no internal subset
    end = head.find(b"]>", open_)
    if end < 0:
        end = head.find(b"]", open_)
    if end < 0:
        raise ParseError(
            f"the DTD is longer than {_PROLOG_BYTES // 1024} KiB", path, _line(head, start.start())
        )
    subset = head[open_:end]
    values: dict[bytes, bytes] = {}
    for m in _DECL.finditer(subset):
        line = _line(head, open_ + m.start())
        name = m.group(2)
        if m.group(1):
            raise ParseError(f"parameter entity %{name.decode(errors='replace')} refused", path, line)
        if m.group(5):
            raise ParseError(
                f"external entity &{name.decode(errors='replace')}; refused (files and URLs are not read)",
                path,
                line,
            )
        values.setdefault(name, m.group(3) if m.group(3) is not None else m.group(4) or b"")
    if not values:
        return
    limit = max_entity_expansion()
    sizes: dict[bytes, int] = {}

    def size(name: bytes, trail: tuple[bytes, ...]) -> int:
        if name in sizes:
            return sizes[name]
        if name in trail:
            raise ParseError(f"entity &{name.decode(errors='replace')}; refers to itself", path)
        total = 0
        for ref in _REF.finditer(values[name]):
            inner = ref.group(1)
            total += size(inner, (*trail, name)) if inner in values else len(ref.group(0))
            if total > limit:
                break
        total += len(values[name]) - sum(len(r.group(0)) for r in _REF.finditer(values[name]))
        sizes[name] = min(total, limit + 1)
        return sizes[name]

    body = data if data is not None else path.read_bytes()
    expanded = 0
    for ref in _REF.finditer(body, pos=_find_body(body)):
        name = ref.group(1)
        if name in values:
            expanded += size(name, ())
        if expanded > limit:
            raise ParseError(
                f"entity references expand to more than {limit:,} characters "
                "(raise STDKG_MAX_ENTITY_EXPANSION to allow more)",
                path,
                _line(body, ref.start()),
            )


def _find_body(data: bytes) -> int:
    """Where the document element starts: after the DTD's ``]>``, or 0."""
    start = _DOCTYPE.search(data)
    if start is None:
        return 0
    end = data.find(b"]>", start.end())
    return end + 2 if end >= 0 else start.end()


def _read_head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(_PROLOG_BYTES)


# -- Turtle nesting ------------------------------------------------------------------------------

#: The tokens that can hide a bracket (strings, IRIs, comments) and the brackets themselves.
_TOKENS = re.compile(
    rb'"""(?:[^"\\]|\\.|"(?!""))*"""'
    rb"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    rb'|"(?:[^"\\\n]|\\.)*"'
    rb"|'(?:[^'\\\n]|\\.)*'"
    rb"|<[^>\s]*>"
    rb"|#[^\n]*"
    rb"|[\[\]()]",
    re.S,
)
_OPENERS = frozenset(b"[(")


def check_nesting(path: Path, data: bytes | None = None) -> None:
    """Refuse Turtle/TriG whose ``[ ]`` / ``( )`` nest deeper than :func:`max_nesting` levels."""
    limit = max_nesting()
    if data is None:
        data = path.read_bytes()
    if data.count(b"[") + data.count(b"(") <= limit:
        return  # cannot nest deeper than the number of openers: the common case costs two counts
    depth = 0
    for m in _TOKENS.finditer(data):
        token = m.group(0)
        if len(token) != 1:
            continue
        if token[0] in _OPENERS:
            depth += 1
            if depth > limit:
                pos = m.start()
                raise ParseError(
                    f"[ ] and ( ) nested more than {limit} levels deep "
                    "(raise STDKG_MAX_NESTING to allow more)",
                    path,
                    _line(data, pos),
                    pos - data.rfind(b"\n", 0, pos),
                )
        elif depth:
            depth -= 1


#: JSON: strings (which may hide brackets) and brackets.
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
#: XML: comments, CDATA, processing instructions and declarations (skipped), and tags.
_XML_TOKENS = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<(/?)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S
)


def _json_step(token: bytes) -> int:
    if len(token) != 1:
        return 0
    return 1 if token in b"[{" else -1


def _xml_step(token: bytes) -> int:
    if token.startswith((b"<!", b"<?")):
        return 0
    if token.startswith(b"</"):
        return -1
    return 0 if token.endswith(b"/>") else 1


def _check_depth(
    path: Path,
    data: bytes | None,
    tokens: re.Pattern[bytes],
    openers: bytes,
    step: Callable[[bytes], int],
    what: str,
    per_level: int,
) -> None:
    """Refuse a document whose ``what`` nest deeper than ``per_level`` × :func:`max_nesting` + 4.

    A JSON-LD node or an RDF/XML blank node takes two levels (an object in an array, a node element
    in a property element); the 4 are the root elements.
    """
    limit = per_level * max_nesting() + 4
    if data is None:
        data = path.read_bytes()
    if sum(data.count(bytes([c])) for c in openers) <= limit:
        return
    depth = 0
    for m in tokens.finditer(data):
        depth += step(m.group(0))
        if depth > limit:
            pos = m.start()
            raise ParseError(
                f"{what} nested more than {limit} levels deep (raise STDKG_MAX_NESTING to allow more)",
                path,
                _line(data, pos),
                pos - data.rfind(b"\n", 0, pos),
            )


def _line(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


# -- terms over the parser's buffer --------------------------------------------------------------


def oversized_term(
    path: Path, lines: Callable[[], AbstractContextManager[Iterable[bytes]]] | None = None
) -> ParseError:
    """The error for a term over :data:`MAX_TERM_BYTES`, at the first line that long when found.

    ``lines`` opens the file's text (default: the file itself; a gzip reader for ``.gz``).
    """
    message = f"a literal or IRI longer than {MAX_TERM_BYTES // (1024 * 1024)} MiB (the parser's limit)"
    line = None
    try:
        with lines() if lines is not None else path.open("rb") as fh:
            for n, text in enumerate(fh, 1):
                if len(text) > MAX_TERM_BYTES:
                    line = n
                    break
    except OSError:
        pass
    return ParseError(message, path, line)
