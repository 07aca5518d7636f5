"""Deterministic serialization of graphs given as N-Triples, in every RDF format.

The same graph always gives the same bytes, whatever order its triples came in:

* blank nodes are relabelled with RDFC-1.0 (``_:c14n0``, ``_:c14n1``…) when there are any;
* triples are sorted (:func:`stdkg.rdf.ntriples.sort_ntriples`; in Turtle, TriG and RDF/XML
  ``rdf:type`` first);
* Turtle, TriG and RDF/XML declare the project's prefixes (:data:`stdkg.vocab.PREFIXES`) that the
  data uses, in alphabetical order;
* named graphs (N-Quads, TriG) are sorted by IRI;
* JSON-LD is compacted with the ``@context`` the project ships (``ontology/context.jsonld``),
  embedded in the document so that it parses without network access.

The heavy lifting (parsing, Turtle/TriG/RDF-XML writing) is done by pyoxigraph's Rust code; Python
only sorts lines of bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..formats import RdfFormat
from ..vocab import PREFIXES
from .ntriples import canonical_ntriples, sort_ntriples, used_prefixes
from .terms import to_rdflib

if TYPE_CHECKING:
    import pyoxigraph


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
        return _prefix_header(ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=PREFIXES))
    return ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=used_prefixes(nt)) or b""


_LEADS = (b" ", b"\t", b"\n", b"^^", b"(", b"[")


def _prefix_header(data: bytes | None) -> bytes:
    """Replace the writer's ``@prefix`` block by the prefixes the body uses, sorted by name.

    The Turtle/TriG writer is given every project prefix; a prefix counts as used when ``name:``
    occurs in the body at the start of a line, after a space, a tab, ``^^``, ``(`` or ``[`` (a
    prefixed name). The body is searched in place, never copied.
    """
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
    triples: Iterable[pyoxigraph.Triple], fmt: RdfFormat, *, context: dict[str, Any] | None = None
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
    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    return _prefix_header(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


# -- JSON-LD -------------------------------------------------------------------------------------


def load_context(path: Path | None = None) -> dict[str, Any]:
    """The JSON-LD ``@context`` the project ships (its value, not the wrapping document)."""
    from ..kg import Layout

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
    import pyoxigraph as ox
    import rdflib

    ctx = context if context is not None else load_context()

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


__all__ = [
    "load_context",
    "serialize_graphs",
    "serialize_ntriples",
    "serialize_triples",
]
