"""N-Triples lines as bytes: the canonical sort, the encoding lines are held in, canonical blank nodes.

Every ``>`` mapped to NUL makes a plain byte sort order IRIs as strings (``<http://a>`` before
``<http://a/b>``): :func:`encode` and :func:`decode` translate to and from that form, and
:func:`sort_ntriples` sorts in it. pyoxigraph's N-Triples never contain raw control characters (it
escapes them), so the mapping is lossless: pass only N-Triples written by pyoxigraph.
"""

from __future__ import annotations

from itertools import islice

from ..vocab import PREFIXES, RDF, RDF_TYPE

#: ``bytes.translate`` tables to and from the sort key of N-Triples lines (``>`` written as NUL).
TO_SORT_KEY = bytes.maketrans(b">", b"\x00")
FROM_SORT_KEY = bytes.maketrans(b"\x00", b">")

TYPE_BYTES = b" <" + RDF_TYPE.encode() + b"> "
"""The ``rdf:type`` predicate as it sits in an N-Triples line."""
_TYPE_MAPPED = TYPE_BYTES.translate(TO_SORT_KEY)
_TYPE_KEY = b" <\x01\x00 "


def encode(ntriples: bytes) -> bytes:
    """N-Triples (written by pyoxigraph) in the encoding lines are held in: ``>`` as NUL.

    A byte sort of encoded lines is the canonical order of :func:`sort_ntriples`
    (``type_first=False``).
    """
    return ntriples.translate(TO_SORT_KEY)


def decode(data: bytes) -> bytes:
    """The inverse of :func:`encode`."""
    return data.translate(FROM_SORT_KEY)


def _sort_key(data: bytes, type_first: bool) -> bytes:
    data = data.translate(TO_SORT_KEY)
    return data.replace(_TYPE_MAPPED, _TYPE_KEY) if type_first else data


def sort_ntriples(nt: bytes, *, type_first: bool = True, unique: bool = False) -> bytes:
    """Sort N-Triples (or N-Quads) lines into the canonical order.

    Subjects by IRI (IRIs before blank nodes), then predicates (with ``type_first`` the ``rdf:type``
    predicate before every other IRI), then objects. Works on bytes, in C (see the module doc).
    ``unique=True`` also drops repeated lines (a triple stated twice).
    """
    if not nt:
        return b""
    data = _sort_key(nt, type_first)
    lines = data.split(b"\n")
    lines.sort()
    if unique:  # sorted: a repeat sits right after its first copy
        last = lines[-1]
        lines = [line for line, after in zip(lines, islice(lines, 1, None), strict=False) if line != after]
        lines.append(last)
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    if start:
        del lines[:start]
    lines.append(b"")  # the final newline, without copying the joined text once more
    body = b"\n".join(lines)
    if type_first:
        body = body.replace(_TYPE_KEY, _TYPE_MAPPED)
    return body.translate(FROM_SORT_KEY)


def canonical_blank_nodes(data: bytes, *, quads: bool = False) -> bytes:
    """Relabel blank nodes with RDFC-1.0 (no-op when there are none). Input and output: N-Triples/N-Quads."""
    if b"_:" not in data:
        return data
    import pyoxigraph as ox

    fmt = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    ds = ox.Dataset(ox.parse(data, format=fmt))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return ox.serialize(ds, format=ox.RdfFormat.N_QUADS) or b""


def canonical_ntriples(nt: bytes, *, type_first: bool = True, unique: bool = False) -> bytes:
    """Blank nodes canonicalised, lines sorted: the canonical form of a graph as bytes.

    ``type_first`` and ``unique`` are :func:`sort_ntriples`'s.
    """
    return sort_ntriples(canonical_blank_nodes(nt), type_first=type_first, unique=unique)


def used_prefixes(data: bytes, prefixes: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes whose namespace occurs in N-Triples ``data``, sorted by prefix name.

    ``rdf:`` counts only for IRIs other than ``rdf:type`` (Turtle writes that one ``a``);
    ``prefixes`` defaults to the project's (:data:`stdkg.vocab.PREFIXES`).
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    used: dict[str, str] = {}
    for name in sorted(prefixes):
        ns = prefixes[name]
        needle = b"<" + ns.encode()
        # `in` stops at the first occurrence; rdf: needs a count because of rdf:type
        found = data.count(needle) > data.count(TYPE_BYTES) if ns == RDF else needle in data
        if found:
            used[name] = ns
    return used


__all__ = [
    "FROM_SORT_KEY",
    "TO_SORT_KEY",
    "TYPE_BYTES",
    "canonical_blank_nodes",
    "canonical_ntriples",
    "decode",
    "encode",
    "sort_ntriples",
    "used_prefixes",
]
