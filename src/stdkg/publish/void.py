"""VoID and DCAT 3 description of the published dataset, generated from the data.

The counts come from the site's one pass over the graph (triples, entities = resources with a page,
classes, properties, per-class and per-property partitions). The dataset node is both a
``void:Dataset`` and a ``dcat:Dataset``; each dump is a ``dcat:Distribution`` and the SPARQL endpoint
(when served) a ``dcat:DataService``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .site import DCT, RDF_TYPE, XSD, _markup

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .site import Site

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
SD = "http://www.w3.org/ns/sparql-service-description#"
IANA = "http://www.iana.org/assignments/media-types/"

DUMP_MEDIA = {
    "dumps/stdkg.nt.gz": ("application/n-triples", "application/gzip"),
    "dumps/stdkg.nq.gz": ("application/n-quads", "application/gzip"),
    "dumps/stdkg.ttl": ("text/turtle", None),
    "dumps/stdkg.jsonld": ("application/ld+json", None),
}


def dataset_iri(site: Site) -> str:
    return site.base + "void#dataset"


def void_triples(site: Site) -> list[ox.Triple]:
    import pyoxigraph as ox

    N = ox.NamedNode
    out: list[ox.Triple] = []

    def add(s: str, p: str, o: Any) -> None:
        out.append(ox.Triple(N(s), N(p), o if not isinstance(o, str) else N(o)))

    def lit(value: Any, dtype: str | None = None, lang: str | None = None) -> ox.Literal:
        if lang:
            return ox.Literal(str(value), language=lang)
        return ox.Literal(str(value), datatype=N(dtype or XSD + "string"))

    def integer(n: int) -> ox.Literal:
        return lit(n, XSD + "integer")

    ds = dataset_iri(site)
    stats = site.summary
    opts = site.options
    add(ds, RDF_TYPE, VOID + "Dataset")
    add(ds, RDF_TYPE, DCAT + "Dataset")
    add(ds, DCT + "title", lit(opts.title, lang="en"))
    add(ds, DCT + "description", lit(opts.description, lang="en"))
    add(ds, DCT + "license", opts.license)
    publisher = site.base + "void#publisher"
    add(ds, DCT + "publisher", publisher)
    add(publisher, RDF_TYPE, FOAF + "Organization")
    add(publisher, FOAF + "name", lit(opts.publisher_name, lang="en"))
    add(ds, DCAT + "version", lit(opts.version))
    add(ds, DCT + "hasVersion", lit(opts.version))
    add(ds, DCT + "issued", lit(_dt.date.today().isoformat(), XSD + "date"))
    add(ds, DCAT + "landingPage", site.url("index.html"))
    add(ds, FOAF + "homepage", site.url("index.html"))
    add(ds, VOID + "uriSpace", lit(site.base + "id/"))
    add(ds, VOID + "triples", integer(stats["triples"]))
    add(ds, VOID + "entities", integer(stats["entities"]))
    add(ds, VOID + "classes", integer(stats["classes"]))
    add(ds, VOID + "properties", integer(stats["properties"]))
    add(ds, VOID + "vocabulary", site.ontology_iri)
    for ns in sorted(
        {site.prefixes[p] for p in ("org", "foaf", "schema", "prov", "skos", "dcterms", "time", "oa")}
    ):
        add(ds, VOID + "vocabulary", ns)
    add(ds, VOID + "rootResource", site.url(""))
    for path in list(site.pages)[:3]:
        add(ds, VOID + "exampleResource", site.iri_of(path))
    add(ds, VOID + "dataDump", site.url("dumps/stdkg.nt.gz"))
    for path, label in site.dump_labels().items():
        dist = site.base + "void#" + path.rsplit("/", 1)[-1].replace(".", "-")
        media, compress = DUMP_MEDIA[path]
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF_TYPE, DCAT + "Distribution")
        add(dist, DCT + "title", lit(label, lang="en"))
        add(dist, DCAT + "downloadURL", site.url(path))
        add(dist, DCAT + "accessURL", site.url(path))
        add(dist, DCAT + "mediaType", IANA + media)
        if compress:
            add(dist, DCAT + "compressFormat", IANA + compress)
        add(dist, DCT + "license", opts.license)
    if opts.sparql:
        svc = site.base + "void#sparql"
        add(ds, VOID + "sparqlEndpoint", opts.sparql)
        add(svc, RDF_TYPE, DCAT + "DataService")
        add(svc, DCT + "title", lit("SPARQL endpoint", lang="en"))
        add(svc, DCAT + "endpointURL", opts.sparql)
        add(svc, DCAT + "endpointDescription", opts.sparql)
        add(svc, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
        add(svc, DCAT + "servesDataset", ds)
        add(svc, DCT + "license", opts.license)
        add(ds, DCAT + "distribution", site.base + "void#sparql-access")
        acc = site.base + "void#sparql-access"
        add(acc, RDF_TYPE, DCAT + "Distribution")
        add(acc, DCAT + "accessURL", opts.sparql)
        add(acc, DCAT + "accessService", svc)
    class_counts: dict[str, int] = {}
    for ts in site.types.values():
        for t in ts:
            class_counts[t] = class_counts.get(t, 0) + 1
    for cls, n in sorted(class_counts.items()):
        part = site.base + "void#class-" + _slug(site.curie(cls))
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", cls)
        add(part, VOID + "entities", integer(n))
    for prop, n in sorted(site.predicates.items()):
        part = site.base + "void#property-" + _slug(site.curie(prop))
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", prop)
        add(part, VOID + "triples", integer(n))
    return out


def _slug(curie: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in curie.replace(":", "-"))


def void_html(site: Site) -> str:
    """A human page for the dataset description: the counts and the Turtle."""
    from markupsafe import escape

    from .conneg import RDF_FORMATS, TURTLE
    from .render import render

    ttl = site.serialize(void_triples(site), TURTLE).decode("utf-8")
    body = (
        f"<p>{escape(site.options.description)}</p>"
        f"<p>{site.summary['triples']} triples, {site.summary['entities']} resources.</p>"
        f"<pre>{escape(ttl)}</pre>"
    )
    ctx = site._context(
        "Dataset description (VoID and DCAT)",
        "",
        body=_markup(body),
        canonical=site.url("void.html"),
        alternates=[
            {"media_type": f.media_type, "href": f"void.{f.suffix}", "label": f.label} for f in RDF_FORMATS
        ],
    )
    return render("page.html", **ctx)


def service_description(site: Site, endpoint: str) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description of the endpoint."""
    import pyoxigraph as ox

    from .sparql import RESULT_MEDIA_TYPES

    N = ox.NamedNode
    svc = N(endpoint + "#service")
    out = [
        ox.Triple(svc, N(RDF_TYPE), N(SD + "Service")),
        ox.Triple(svc, N(SD + "endpoint"), N(endpoint)),
        ox.Triple(svc, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
        ox.Triple(svc, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
        ox.Triple(svc, N(SD + "defaultDataset"), N(dataset_iri(site))),
        ox.Triple(N(dataset_iri(site)), N(RDF_TYPE), N(SD + "Dataset")),
        ox.Triple(
            N(dataset_iri(site)),
            N(VOID + "triples"),
            ox.Literal(str(site.summary["triples"]), datatype=N(XSD + "integer")),
        ),
    ]
    for media in RESULT_MEDIA_TYPES:
        out.append(ox.Triple(svc, N(SD + "resultFormat"), N(IANA + media)))
    return out
