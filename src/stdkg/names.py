"""How terms read to people: prefixed names with the project's prefixes."""

from __future__ import annotations

import re

from .vocab import PREFIXES

# A local name that can stand after a prefix in Turtle and SPARQL without escapes (PN_LOCAL, less
# the escapes): letters, digits, ``_ - . : %``, not ending in ``.``; empty is allowed (``stdkg:``).
_LOCAL = re.compile(r"^(?:[\w\-:%]|\.(?!$))*$")


def shorten(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """``prefix:local`` with the longest namespace of ``prefixes`` (default: the project's) that
    leaves a plain local name, else ``<iri>``."""
    best = ""
    best_ns = ""
    for prefix, ns in (prefixes or PREFIXES).items():
        if iri.startswith(ns) and len(ns) > len(best_ns) and _LOCAL.match(iri[len(ns) :]):
            best, best_ns = prefix, ns
    if best_ns:
        return f"{best}:{iri[len(best_ns) :]}"
    return f"<{iri}>"


__all__ = ["shorten"]
