"""Evidence spans: locate a verbatim text in its source and check recorded selectors.

Positions follow the Web Annotation model's ``oa:TextPositionSelector``: offsets in Unicode code
points of the source text as stored (UTF-8 decoded, no normalisation), ``start`` inclusive and
``end`` exclusive. ``oa:TextQuoteSelector`` carries the ``exact`` text with up to
:data:`CONTEXT` characters of ``prefix`` and ``suffix`` (cut at line breaks).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError

CONTEXT = 32


@dataclass(frozen=True)
class Span:
    """Where a verbatim text sits in a source text."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def locate(text: str, exact: str, *, occurrence: int = 1, context: int = CONTEXT) -> Span:
    """The ``occurrence``-th span of ``exact`` in ``text`` with its quote context."""
    start = -1
    for _ in range(occurrence):
        start = text.find(exact, start + 1)
        if start < 0:
            raise InputError(f"text not found in source: {exact[:60]!r}")
    end = start + len(exact)
    prefix = text[max(0, start - context) : start].rsplit("\n", 1)[-1]
    suffix = text[end : end + context].split("\n", 1)[0]
    return Span(start, end, exact, prefix, suffix)


def check_span(text: str, exact: str, start: int, end: int, prefix: str = "", suffix: str = "") -> list[str]:
    """Problems with a recorded span (empty when the selectors agree with the text)."""
    if not 0 <= start <= end <= len(text):
        return [f"span {start}..{end} is outside the text (length {len(text)})"]
    problems: list[str] = []
    found = text[start:end]
    if found != exact:
        problems.append(f"text at {start}..{end} is {_clip(found)!r}, not {_clip(exact)!r}")
    if prefix and not text[:start].endswith(prefix):
        problems.append(f"prefix {prefix!r} does not precede {start}")
    if suffix and not text[end:].startswith(suffix):
        problems.append(f"suffix {suffix!r} does not follow {end}")
    return problems


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
