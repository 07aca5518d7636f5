"""Counts over a KG, and their VoID description.

``compute_stats(kg)`` counts with SPARQL on the embedded store (the default graph is the union of
the source graphs, so every triple counts once). ``void_graph(stats, dataset_iri=…)`` describes
the same figures in VoID as canonical Turtle; ``void_triples`` gives the triples themselves for
callers that merge them with more metadata (the published site adds DCAT around them).

Partition IRIs are made from the dataset IRI: ``<dataset>/class/<prefix>-<local>``,
``<dataset>/property/<prefix>-<local>`` and ``<dataset>/graph/<path>`` (or ``<doc>#class-…``,
``#property-…``, ``#graph-…`` when the dataset IRI has a fragment); terms without a project
prefix and graphs outside the bundle get a short hash of their IRI.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .formats import RdfFormat
from .names import shorten
from .rdf.serialize import serialize_triples
from .vocab import DCT, GRAPH_BASE, PREFIXES, RDF_TYPE, VOID, XSD_INTEGER

if TYPE_CHECKING:
    from .kg import KG


@dataclass(frozen=True)
class GraphCount:
    """The size of one source graph."""

    graph: str
    triples: int


@dataclass(frozen=True)
class Stats:
    """Counts over the union graph of a KG (tuples sorted by count, descending, then IRI)."""

    triples: int
    entities: int  #: distinct IRI subjects
    distinct_subjects: int
    distinct_objects: int
    distinct_classes: int
    distinct_properties: int
    classes: tuple[tuple[str, int], ...] = ()  #: (class IRI, distinct instances)
    properties: tuple[tuple[str, int], ...] = ()  #: (property IRI, triples)
    graphs: tuple[GraphCount, ...] = field(default=())  #: per source graph, sorted by IRI
    vocabularies: tuple[str, ...] = ()  #: namespaces of the classes and properties used

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "triples": self.triples,
            "entities": self.entities,
            "distinctSubjects": self.distinct_subjects,
            "distinctObjects": self.distinct_objects,
            "classes": self.distinct_classes,
            "properties": self.distinct_properties,
            "classPartitions": dict(self.classes),
            "propertyPartitions": dict(self.properties),
            "graphs": {g.graph: g.triples for g in self.graphs},
            "vocabularies": list(self.vocabularies),
        }


def _scalar(kg: KG, sparql: str) -> int:
    answer: Any = kg.store.query(sparql)
    for row in answer:
        return int(row[0].value)
    return 0


def _pairs(kg: KG, sparql: str) -> tuple[tuple[str, int], ...]:
    answer: Any = kg.store.query(sparql)
    rows = [(row[0].value, int(row[1].value)) for row in answer]
    return tuple(sorted(rows, key=lambda r: (-r[1], r[0])))


def compute_stats(kg: KG) -> Stats:
    """Count triples, subjects, objects, entities, classes and properties of ``kg``."""
    import pyoxigraph as ox

    triples = len(kg)
    classes = _pairs(
        kg,
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(isIRI(?c)) } GROUP BY ?c",
    )
    properties = _pairs(kg, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
    graphs = tuple(
        GraphCount(name, sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(name))))
        for name in kg.graph_names
    )
    vocabularies = sorted({namespace(iri) for iri, _ in classes + properties} - {""})
    return Stats(
        triples=triples,
        entities=_scalar(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o . FILTER(isIRI(?s)) }"),
        distinct_subjects=_scalar(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        distinct_objects=_scalar(kg, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        distinct_classes=len(classes),
        distinct_properties=len(properties),
        classes=classes,
        properties=properties,
        graphs=graphs,
        vocabularies=tuple(vocabularies),
    )


def namespace(iri: str) -> str:
    """The namespace of a term IRI: up to and including the last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else ""


# -- rendering ---------------------------------------------------------------------------------------


def render_table(stats: Stats) -> str:
    """The counts as plain text for people (IRIs shortened with the project prefixes)."""

    def block(title: str, rows: Sequence[tuple[str, int]]) -> list[str]:
        if not rows:
            return []
        names = [shorten(n) if n.startswith(("http:", "https:", "file:")) else n for n, _ in rows]
        width = max(len(n) for n in names)
        num = max(len(f"{c:,}") for _, c in rows)
        out = ["", title]
        out += [f"  {n.ljust(width)}  {f'{c:,}'.rjust(num)}" for n, (_, c) in zip(names, rows, strict=True)]
        return out

    summary = [
        ("triples", stats.triples),
        ("entities (IRI subjects)", stats.entities),
        ("distinct subjects", stats.distinct_subjects),
        ("distinct objects", stats.distinct_objects),
        ("classes", stats.distinct_classes),
        ("properties", stats.distinct_properties),
        ("source graphs", len(stats.graphs)),
    ]
    width = max(len(k) for k, _ in summary)
    num = max(len(f"{v:,}") for _, v in summary)
    lines = [f"{k.ljust(width)}  {f'{v:,}'.rjust(num)}" for k, v in summary]
    lines += block("instances per class", stats.classes)
    lines += block("triples per property", stats.properties)
    lines += block("triples per source graph", [(g.graph, g.triples) for g in stats.graphs])
    return "\n".join(lines) + "\n"


def _slug(iri: str) -> str:
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = re.sub(r"[^A-Za-z0-9_.\-]", "-", iri[len(PREFIXES[best]) :])
        if local:
            return f"{best}-{local}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def _part_iri(dataset_iri: str, kind: str, slug: str) -> str:
    """``<doc>#kind-slug`` for a hash dataset IRI, ``<dataset>/kind/slug`` otherwise."""
    if "#" in dataset_iri:
        return f"{dataset_iri.split('#', 1)[0]}#{kind}-{slug}"
    return f"{dataset_iri.rstrip('/')}/{kind}/{slug}"


def _graph_slug(graph: str) -> str:
    if graph.startswith(GRAPH_BASE):
        return re.sub(r"[^A-Za-z0-9_.\-/]", "-", graph[len(GRAPH_BASE) :])
    return hashlib.sha1(graph.encode()).hexdigest()[:12]


def void_triples(
    stats: Stats,
    *,
    dataset_iri: str,
    title: str | None = None,
    description: str | None = None,
    license: str | None = None,
    dumps: Sequence[str] = (),
    sparql_endpoint: str | None = None,
    uri_space: str | None = None,
    example_resources: Sequence[str] = (),
) -> list[Any]:
    """The VoID description of ``stats`` as pyoxigraph triples."""
    import pyoxigraph as ox

    def iri(value: str) -> Any:
        return ox.NamedNode(value)

    def integer(n: int) -> Any:
        return ox.Literal(str(n), datatype=iri(XSD_INTEGER))

    ds = iri(dataset_iri)
    out: list[Any] = [ox.Triple(ds, iri(RDF_TYPE), iri(VOID + "Dataset"))]

    def add(s: Any, p: str, o: Any) -> None:
        out.append(ox.Triple(s, iri(p), o))

    if title:
        add(ds, DCT + "title", ox.Literal(title, language="en"))
    if description:
        add(ds, DCT + "description", ox.Literal(description, language="en"))
    if license:
        add(ds, DCT + "license", iri(license))
    for dump in dumps:
        add(ds, VOID + "dataDump", iri(dump))
    if sparql_endpoint:
        add(ds, VOID + "sparqlEndpoint", iri(sparql_endpoint))
    if uri_space:
        add(ds, VOID + "uriSpace", ox.Literal(uri_space))
    for ex in example_resources:
        add(ds, VOID + "exampleResource", iri(ex))
    add(ds, VOID + "triples", integer(stats.triples))
    add(ds, VOID + "entities", integer(stats.entities))
    add(ds, VOID + "distinctSubjects", integer(stats.distinct_subjects))
    add(ds, VOID + "distinctObjects", integer(stats.distinct_objects))
    add(ds, VOID + "classes", integer(stats.distinct_classes))
    add(ds, VOID + "properties", integer(stats.distinct_properties))
    for vocab in stats.vocabularies:
        add(ds, VOID + "vocabulary", iri(vocab))
    for cls, n in stats.classes:
        part = iri(_part_iri(dataset_iri, "class", _slug(cls)))
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", iri(cls))
        add(part, VOID + "entities", integer(n))
    for prop, n in stats.properties:
        part = iri(_part_iri(dataset_iri, "property", _slug(prop)))
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", iri(prop))
        add(part, VOID + "triples", integer(n))
    for g in stats.graphs:
        sub = iri(_part_iri(dataset_iri, "graph", _graph_slug(g.graph)))
        add(ds, VOID + "subset", sub)
        out.append(ox.Triple(sub, iri(RDF_TYPE), iri(VOID + "Dataset")))
        add(sub, VOID + "triples", integer(g.triples))
        add(sub, DCT + "source", iri(g.graph))
    return out


def void_graph(
    stats: Stats,
    *,
    dataset_iri: str,
    title: str | None = None,
    description: str | None = None,
    license: str | None = None,
    dumps: Sequence[str] = (),
    sparql_endpoint: str | None = None,
    uri_space: str | None = None,
    example_resources: Sequence[str] = (),
) -> str:
    """The VoID description of ``stats`` as canonical Turtle (see :func:`void_triples`)."""

    triples = void_triples(
        stats,
        dataset_iri=dataset_iri,
        title=title,
        description=description,
        license=license,
        dumps=dumps,
        sparql_endpoint=sparql_endpoint,
        uri_space=uri_space,
        example_resources=example_resources,
    )
    return serialize_triples(triples, RdfFormat.TURTLE).decode("utf-8")


__all__ = [
    "GraphCount",
    "Stats",
    "compute_stats",
    "render_table",
    "void_graph",
    "void_triples",
]
