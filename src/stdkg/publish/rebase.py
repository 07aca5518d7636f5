"""Moving the graph's IRIs to another base (``--base-uri``): the data moves, the vocabulary stays.

The ontology's terms (``https://w3id.org/stdkg/ns#…``), the ontology itself
(``https://w3id.org/stdkg/ns``) and its versions (``…/ns/0.1.0``) are names other graphs and every client's queries use, so they keep
their canonical IRIs on every copy of the site; only data IRIs (``id/…``, ``graph/…``, …) move under
the new base. The site still documents the vocabulary at ``<base>ns``.
"""

from __future__ import annotations

import re

from ..vocab import BASE_IRI, NS

#: the ontology's own IRI (its terms are ``NS`` + local name)
ONTOLOGY_IRI = NS.rstrip("#")

_IN_TEXT = re.compile(re.escape(BASE_IRI) + r"(?!ns(?![\w.~%-]))")
_IN_BYTES = re.compile(re.escape(("<" + BASE_IRI).encode()) + rb"(?!ns[#>/])")


def is_vocabulary(iri: str) -> bool:
    """Whether ``iri`` is the ontology or one of its terms (never rebased)."""
    return iri == ONTOLOGY_IRI or iri.startswith((NS, ONTOLOGY_IRI + "/"))


def moves(iri: str) -> bool:
    """Whether ``iri`` is data under the canonical base (so ``--base-uri`` moves it)."""
    return iri.startswith(BASE_IRI) and not is_vocabulary(iri)


def rebase_iri(iri: str, base: str) -> str:
    """``iri`` under ``base`` if it is data under the canonical base; otherwise unchanged."""
    return base + iri[len(BASE_IRI) :] if base != BASE_IRI and moves(iri) else iri


def rebase_ntriples(data: bytes, base: str) -> bytes:
    """N-Triples/N-Quads (or SPARQL) bytes with every data ``<IRI>`` moved under ``base``.

    Works on the text: ``<`` is not escaped inside N-Triples literals, so a literal holding ``<``
    and the canonical base would change too; the bundled data has none.
    """
    if base == BASE_IRI:
        return data
    return _IN_BYTES.sub(("<" + base).encode().replace(b"\\", b"\\\\"), data)


def rebase_text(text: str, base: str) -> str:
    """SPARQL text (comments included) with every data IRI under the canonical base moved to ``base``."""
    if base == BASE_IRI:
        return text
    return _IN_TEXT.sub(lambda _m: base, text)


__all__ = ["ONTOLOGY_IRI", "is_vocabulary", "moves", "rebase_iri", "rebase_ntriples", "rebase_text"]
