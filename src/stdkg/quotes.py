"""Finding a curator's quotation in a source snapshot, and the Web Annotation selectors for it.

A curator copies words from a page; the snapshot may differ in typography. Both sides are compared
after this normalisation (and only for finding: the selectors record the snapshot's own characters):

* typographic quotes and apostrophes (‘ ’ ‚ ‛ “ ” „ ‟ ″ ′) read as ``'`` or ``"``;
* dashes (‐ ‑ ‒ – — ―) read as ``-``; the ellipsis ``…`` as ``...``;
* every run of white space (spaces, no-break and narrow no-break spaces, tabs, line breaks) reads
  as one space; white space at either end of the quote is ignored.

Positions are Unicode code points of the snapshot text as stored (UTF-8, no normalisation),
``start`` inclusive and ``end`` exclusive, as ``oa:TextPositionSelector`` defines them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

#: Characters of context kept as ``oa:prefix`` and ``oa:suffix`` (cut at line breaks).
CONTEXT = 32
#: The largest snapshot searched for a quote, in characters.
MAX_TEXT = 8_000_000
#: Windows compared when looking for the nearest match of a quote that is not found.
MAX_WINDOWS = 200_000

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Where a quotation sits in a snapshot, with its quote context."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class QuoteProblem(Exception):
    """The quote is not found once; ``nearest`` is the closest passage of the snapshot, if any."""

    def __init__(self, message: str, nearest: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.nearest = nearest


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset it came from in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        folded = "..." if ch == "…" else ch.translate(_FOLD)
        for c in folded:
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def find(text: str, quote: str) -> Span:
    """The one span of ``text`` that reads as ``quote`` after normalisation.

    Raises :class:`QuoteProblem` when the quote is empty, not found (with the nearest passage), or
    found more than once.
    """
    if len(text) > MAX_TEXT:
        raise QuoteProblem(f"the snapshot has {len(text):,} characters; at most {MAX_TEXT:,} are searched")
    needle, _ = normalise(quote)
    if not needle:
        raise QuoteProblem("the quote is empty")
    hay, origin = normalise(text)
    first = hay.find(needle)
    if first < 0:
        raise QuoteProblem("the quote is not in the snapshot", nearest=_nearest(hay, needle))
    second = hay.find(needle, first + 1)
    if second >= 0:
        count = hay.count(needle)
        raise QuoteProblem(
            f"the quote occurs {count} times in the snapshot; quote more words so that it occurs once",
            nearest=None,
        )
    start = origin[first]
    last = origin[first + len(needle) - 1]
    end = last + 1
    return span_at(text, start, end)


def span_at(text: str, start: int, end: int, context: int = CONTEXT) -> Span:
    """The span ``text[start:end]`` with up to ``context`` characters either side (cut at line breaks)."""
    prefix = text[max(0, start - context) : start].rsplit("\n", 1)[-1]
    suffix = text[end : end + context].split("\n", 1)[0]
    return Span(start, end, text[start:end], prefix, suffix)


def _nearest(hay: str, needle: str) -> str | None:
    """The passage of ``hay`` (as many words as ``needle``) most like ``needle``, if any is alike."""
    words = hay.split(" ")
    width = max(1, needle.count(" ") + 1)
    if len(words) <= width:
        candidates = [hay]
    else:
        step = max(1, (len(words) - width) // MAX_WINDOWS + 1)
        candidates = [" ".join(words[i : i + width]) for i in range(0, len(words) - width + 1, step)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    best, best_ratio = None, 0.0
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best if best_ratio >= 0.5 else None


def check_span(text: str, exact: str, start: int, end: int, prefix: str = "", suffix: str = "") -> list[str]:
    """Problems with recorded selectors (empty when they agree with ``text``)."""
    if not 0 <= start <= end <= len(text):
        return [f"span {start}..{end} is outside the text (length {len(text)})"]
    problems: list[str] = []
    found = text[start:end]
    if found != exact:
        problems.append(f"text at {start}..{end} is {clip(found)!r}, not {clip(exact)!r}")
    if prefix and not text[:start].endswith(prefix):
        problems.append(f"prefix {prefix!r} does not precede {start}")
    if suffix and not text[end:].startswith(suffix):
        problems.append(f"suffix {suffix!r} does not follow {end}")
    return problems


def clip(text: str, n: int = 60) -> str:
    """``text`` cut to ``n`` characters with an ellipsis."""
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["CONTEXT", "QuoteProblem", "Span", "check_span", "clip", "find", "normalise", "span_at"]
