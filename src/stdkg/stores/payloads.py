"""What a load sends: each target graph with its triples as N-Triples, cut into batches, and the
normalisation stores apply to literals (so that what was sent and what came back compare)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..errors import InputError
from ..formats import RdfFormat
from ..vocab import DEFAULT_GRAPH, XSD

if TYPE_CHECKING:
    import pyoxigraph

    from ..kg import KG


@dataclass
class Payload:
    """One target graph and its triples as N-Triples (``graph=None``: the default graph)."""

    graph: str | None
    data: bytes
    triples: int
    blank_nodes: bool = False


def has_blank_nodes(nt: bytes) -> bool:
    """Whether N-Triples text may hold a blank node (a literal holding ``> _:`` also says yes).

    A blank node starts a line, follows an IRI, or opens an RDF 1.2 triple term ``<<( _:b …``.
    """
    return nt.startswith(b"_:") or b"\n_:" in nt or b"> _:" in nt or b"( _:" in nt


def payloads(kg: KG, *, graph: str | None = DEFAULT_GRAPH, per_source: bool = False) -> list[Payload]:
    """What ``load`` sends: the whole KG into ``graph``, or each source graph into its own graph."""
    import pyoxigraph as ox

    targets: list[tuple[str | None, pyoxigraph.NamedNode | pyoxigraph.DefaultGraph]] = (
        [(g, ox.NamedNode(g)) for g in kg.graph_names] if per_source else [(graph, ox.DefaultGraph())]
    )
    found = []
    for target, source in targets:
        data = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source) or b""
        found.append(Payload(target, data, data.count(b"\n"), has_blank_nodes(data)))
    return found


def payload_from_bytes(graph: str | None, data: bytes, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> Payload:
    """A payload from RDF text (normalised and deduplicated the way stores do)."""
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(data, format=fmt.to_oxigraph(), to_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        raise InputError(f"bad {fmt.short}: {exc}") from None
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return Payload(graph, nt, nt.count(b"\n"), has_blank_nodes(nt))


def batches(data: bytes, triples: int, size: int) -> Iterator[tuple[bytes, int]]:
    """Cut N-Triples text into chunks of about ``size`` triples, at line ends."""
    if triples <= size or size <= 0:
        if data:
            yield data, triples
        return
    step = max(1, len(data) * size // triples)
    pos, end_all = 0, len(data)
    while pos < end_all:
        cut = data.find(b"\n", min(pos + step, end_all) - 1)
        end = end_all if cut < 0 else cut + 1
        chunk = data[pos:end]
        yield chunk, chunk.count(b"\n")
        pos = end


def insert_data(graph: str | None, chunk: bytes) -> bytes:
    """An ``INSERT DATA`` request adding N-Triples text to a graph (``None``: the default graph)."""
    head, tail = (f"INSERT DATA {{ GRAPH <{graph}> {{\n", "}\n}\n") if graph else ("INSERT DATA {\n", "}\n")
    return head.encode("utf-8") + chunk + tail.encode("utf-8")


# -- normalisation ------------------------------------------------------------------------------

_INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
    "unsignedByte",
}


def normalise_literal(value: str, datatype: str | None = None, lang: str | None = None) -> tuple[str, str]:
    """A comparable ``(lexical form, datatype-or-@lang)`` for a literal as any store returns it.

    Stores lower-case language tags, drop ``xsd:string``, write canonical numbers and (Virtuoso,
    in query results) integers for booleans; this maps all of them to one form.
    """
    if lang:
        return value, "@" + lang.lower()
    if not datatype or datatype == XSD + "string":
        return value, ""
    local = datatype[len(XSD) :] if datatype.startswith(XSD) else None
    try:
        if local in _INTEGERS:
            return str(int(value)), datatype
        if local == "boolean":
            return ("true" if value.strip().lower() in ("true", "1") else "false"), datatype
        if local == "decimal":
            return format(Decimal(value).normalize(), "f"), datatype
        if local in ("double", "float"):
            return repr(float(value)), datatype
    except (ValueError, ArithmeticError):
        return value, datatype
    return value, datatype


__all__ = [
    "DEFAULT_GRAPH",
    "Payload",
    "batches",
    "has_blank_nodes",
    "insert_data",
    "normalise_literal",
    "payload_from_bytes",
    "payloads",
]
