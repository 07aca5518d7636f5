"""Deterministic RDF dumps of a KG in every format.

The same graph always gives the same bytes, whatever order its triples were loaded in, so that a
diff of two dumps shows exactly the triples that changed:

* blank nodes are relabelled with RDFC-1.0 (``_:c14n0``, ``_:c14n1``…) when there are any;
* triples are sorted: subjects by IRI (IRIs before blank nodes), then predicates by IRI (in
  Turtle, TriG and RDF/XML ``rdf:type`` first), then objects;
* Turtle, TriG and RDF/XML declare the project's prefixes (:data:`stdkg.kg.PREFIXES`) that the
  data uses, in alphabetical order;
* N-Quads and TriG keep one named graph per source file, graphs sorted by IRI;
* JSON-LD is compacted with the ``@context`` the project ships (``ontology/context.jsonld``),
  embedded in the document so that it parses without network access.

The heavy lifting (N-Triples dump, parsing, Turtle/TriG/RDF-XML writing) is done by pyoxigraph's
Rust code; Python only sorts lines of bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .formats import RdfFormat

if TYPE_CHECKING:
    from .kg import KG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: Named graph of the inferred triples in dataset dumps made with ``inferred=True``.
INFERRED_GRAPH = "https://w3id.org/stdkg/graph/inferred"

_TYPE_BYTES = b" <" + RDF_TYPE.encode() + b"> "


# -- sorting and blank nodes -------------------------------------------------------------------


def sort_ntriples(nt: bytes, *, type_first: bool = True, unique: bool = False) -> bytes:
    """Sort N-Triples (or N-Quads) lines into the canonical order (see the module docstring).

    Works on bytes, in C: every ``>`` is first mapped to NUL so that a plain byte sort orders IRIs as
    strings (``<http://a>`` before ``<http://a/b>``), and with ``type_first`` the ``rdf:type``
    predicate to a key that sorts before every other IRI; both are mapped back after sorting.
    pyoxigraph's N-Triples never contain raw control characters (it escapes them), so the mapping
    is lossless: pass only N-Triples written by pyoxigraph. ``unique=True`` also drops repeated
    lines (a triple stated twice).
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


#: ``bytes.translate`` tables to and from the sort key of N-Triples lines (``>`` written as NUL);
#: :mod:`stdkg.reason` keeps lines in that form so that its output is one sort away.
TO_SORT_KEY = bytes.maketrans(b">", b"\x00")
FROM_SORT_KEY = bytes.maketrans(b"\x00", b">")


_TYPE_MAPPED = _TYPE_BYTES.translate(TO_SORT_KEY)
_TYPE_KEY = b" <\x01\x00 "


def _sort_key(data: bytes, type_first: bool) -> bytes:
    data = data.translate(TO_SORT_KEY)
    return data.replace(_TYPE_MAPPED, _TYPE_KEY) if type_first else data


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

    ``rdf:`` counts only for IRIs other than ``rdf:type`` (Turtle writes that one ``a``).
    """
    from .kg import PREFIXES

    prefixes = PREFIXES if prefixes is None else prefixes
    used: dict[str, str] = {}
    for name in sorted(prefixes):
        ns = prefixes[name]
        needle = b"<" + ns.encode()
        # `in` stops at the first occurrence; rdf: needs a count because of rdf:type
        found = data.count(needle) > data.count(_TYPE_BYTES) if ns == RDF_NS else needle in data
        if found:
            used[name] = ns
    return used


# -- serialization -----------------------------------------------------------------------------


def serialize_ntriples(
    nt: bytes,
    fmt: RdfFormat,
    *,
    context: dict[str, Any] | None = None,
    canonical: bool = False,
    distinct: bool = True,
) -> bytes:
    """Serialize a graph given as N-Triples in ``fmt``, deterministically.

    ``canonical=True`` says that ``nt`` is already canonical (blank nodes relabelled, sorted);
    ``distinct=False`` that it may state a triple more than once (repeats are dropped).
    """
    import pyoxigraph as ox

    if fmt in (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS):
        # line formats: plain IRI order (the rdf:type-first rule only helps Turtle readers)
        if canonical:
            return nt
        return canonical_ntriples(nt, type_first=False, unique=not distinct)
    if not canonical:
        nt = canonical_ntriples(nt, unique=not distinct)
    if fmt is RdfFormat.JSON_LD:
        return _jsonld(nt, context)
    triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    if fmt is RdfFormat.TURTLE:
        from .kg import PREFIXES

        return _prefix_header(ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=PREFIXES))
    return ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=used_prefixes(nt)) or b""


_LEADS = (b" ", b"\t", b"\n", b"^^", b"(", b"[")


def _prefix_header(data: bytes | None) -> bytes:
    """Replace the writer's ``@prefix`` block by the prefixes the body uses, sorted by name.

    The Turtle/TriG writer is given every project prefix; a prefix counts as used when ``name:``
    occurs in the body at the start of a line, after a space, a tab, ``^^``, ``(`` or ``[`` (a
    prefixed name). The body is searched in place, never copied.
    """
    from .kg import PREFIXES

    data = data or b""
    pos = 0
    while data.startswith(b"@prefix ", pos):
        nl = data.find(b"\n", pos)
        if nl < 0:
            pos = len(data)
            break
        pos = nl + 1
    used = []
    for name in sorted(PREFIXES):
        token = name.encode() + b":"
        if data.find(token, pos) < 0:
            continue
        if data.startswith(token, pos) or any(data.find(lead + token, pos) >= 0 for lead in _LEADS):
            used.append(f"@prefix {name}: <{PREFIXES[name]}> .\n")
    header = "".join(used).encode()
    if not data[pos : pos + 64].strip():  # no triples (a body starts with a term)
        return header
    return b"".join((header, b"\n", memoryview(data)[pos:])) if header else data[pos:]


def serialize_triples(
    triples: Iterable[Any], fmt: RdfFormat, *, context: dict[str, Any] | None = None
) -> bytes:
    """Serialize pyoxigraph triples in ``fmt`` (canonical order and blank nodes)."""
    import pyoxigraph as ox

    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return serialize_ntriples(nt, fmt, context=context)


def serialize_graphs(graphs: dict[str, bytes], fmt: RdfFormat) -> bytes:
    """Serialize named graphs (graph IRI → N-Triples) as N-Quads or TriG, graphs sorted by IRI."""
    import pyoxigraph as ox

    if any(b"_:" in nt for nt in graphs.values()):  # blank nodes: canonicalise the whole dataset
        nq = b"".join(nt.replace(b" .\n", f" <{g}> .\n".encode()) for g, nt in graphs.items() if nt)
        ds = ox.Dataset(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        graphs = {
            g: ox.serialize(
                (
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in ds.quads_for_graph_name(ox.NamedNode(g))
                ),
                format=ox.RdfFormat.N_TRIPLES,
            )
            or b""
            for g in graphs
        }
    parts: list[bytes] = []
    for g in sorted(graphs):
        nt = sort_ntriples(graphs[g], type_first=fmt is RdfFormat.TRIG)
        if nt:
            parts.append(nt.replace(b" .\n", f" <{g}> .\n".encode()))
    nq = b"".join(parts)
    if fmt is RdfFormat.N_QUADS:
        return nq
    if fmt is not RdfFormat.TRIG:
        raise InputError(f"{fmt.short} cannot hold named graphs")
    from .kg import PREFIXES

    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    return _prefix_header(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


# -- JSON-LD -------------------------------------------------------------------------------------


def load_context(path: Path | None = None) -> dict[str, Any]:
    """The JSON-LD ``@context`` the project ships (its value, not the wrapping document)."""
    from .kg import Layout

    path = path or Layout.bundled().jsonld_context
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the JSON-LD context: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"{path}: not JSON: {exc}") from None
    ctx = doc.get("@context") if isinstance(doc, dict) else None
    if not isinstance(ctx, dict):
        raise InputError(f"{path}: no @context object")
    return ctx


def _jsonld(nt: bytes, context: dict[str, Any] | None) -> bytes:
    """Compact JSON-LD with the shipped context (rdflib), arrays sorted for stable output."""
    import rdflib

    ctx = context if context is not None else load_context()
    import pyoxigraph as ox

    from .queries import to_rdflib

    graph = rdflib.Graph()
    for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES):  # keeps the canonical blank-node labels
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    doc = _sorted_json(json.loads(text))
    if isinstance(doc, dict) and "@context" in doc:
        doc = {"@context": ctx, **{k: v for k, v in doc.items() if k != "@context"}}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sorted_json(value: Any, key: str | None = None) -> Any:
    """Sort every JSON array (except ``@list`` contents) by the canonical text of its items."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


# -- the KG ----------------------------------------------------------------------------------------


def _graph_ntriples(kg: KG, graph: Any) -> bytes:
    import pyoxigraph as ox

    return kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""


def inferred_ntriples(kg: KG, *, only_inferred: bool = False) -> bytes:
    """The OWL RL closure (asserted and inferred, or only inferred) as N-Triples."""
    from .reason import reason

    return reason(kg, engine="auto").ntriples(only_inferred=only_inferred)


def export(
    kg: KG,
    fmt: RdfFormat,
    *,
    inferred: bool = False,
    context: dict[str, Any] | None = None,
) -> bytes:
    """The KG in ``fmt``, deterministic.

    Triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) hold the union graph; N-Quads and TriG one
    named graph per source file. ``inferred=True`` adds the OWL RL closure: into the graph for the
    triple formats, as the extra named graph :data:`INFERRED_GRAPH` (inferred triples only) for
    the dataset formats.
    """
    import pyoxigraph as ox

    if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
        graphs = {name: _graph_ntriples(kg, ox.NamedNode(name)) for name in kg.graph_names}
        if inferred:
            graphs[INFERRED_GRAPH] = inferred_ntriples(kg, only_inferred=True)
        return serialize_graphs(graphs, fmt)
    if inferred:
        return serialize_ntriples(inferred_ntriples(kg), fmt, context=context)
    nt, distinct = kg.union_ntriples()
    return serialize_ntriples(nt, fmt, context=context, distinct=distinct)


__all__ = [
    "FROM_SORT_KEY",
    "INFERRED_GRAPH",
    "TO_SORT_KEY",
    "canonical_blank_nodes",
    "canonical_ntriples",
    "export",
    "inferred_ntriples",
    "load_context",
    "serialize_graphs",
    "serialize_ntriples",
    "serialize_triples",
    "sort_ntriples",
    "used_prefixes",
]
