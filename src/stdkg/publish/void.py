"""VoID and DCAT 3 description of the published dataset, generated from the data.

The counts and the VoID core come from :mod:`stdkg.stats` (computed on the rebased store). The
dataset node is both a
``void:Dataset`` and a ``dcat:Dataset``; each dump is a ``dcat:Distribution`` and the SPARQL endpoint
(when served) a ``dcat:DataService``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import escape

from ..stats import void_triples as stats_void_triples
from ..vocab import DCAT, DCT, FOAF, IANA, RDF_TYPE, SD, VOID, XSD
from .chrome import alternates, markup
from .conneg import TURTLE
from .model import DUMP_LABELS
from .render import render

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

DUMP_MEDIA = {
    "dumps/stdkg.nt.gz": ("application/n-triples", "application/gzip"),
    "dumps/stdkg.nq.gz": ("application/n-quads", "application/gzip"),
    "dumps/stdkg.ttl": ("text/turtle", None),
    "dumps/stdkg.jsonld": ("application/ld+json", None),
}


def dataset_iri(site: SiteModel) -> str:
    return site.base + "void#dataset"


def void_triples(site: SiteModel) -> list[ox.Triple]:
    """VoID from :func:`stdkg.stats.void_triples` (the counting lives there), plus DCAT 3 around it."""
    N = ox.NamedNode
    ds = dataset_iri(site)
    opts = site.options
    out: list[ox.Triple] = list(
        stats_void_triples(
            site.stats,
            dataset_iri=ds,
            title=opts.title,
            description=opts.description,
            license=opts.license,
            dumps=[site.url(p) for p in DUMP_LABELS],
            sparql_endpoint=opts.sparql,
            uri_space=site.base + "id/",
            example_resources=[site.iri_of(p) for p in list(site.pages)[:3]],
        )
    )

    def add(s: str, p: str, o: Any) -> None:
        out.append(ox.Triple(N(s), N(p), o if not isinstance(o, str) else N(o)))

    def lit(value: Any, dtype: str | None = None, lang: str | None = None) -> ox.Literal:
        if lang:
            return ox.Literal(str(value), language=lang)
        return ox.Literal(str(value), datatype=N(dtype or XSD + "string"))

    add(ds, RDF_TYPE, DCAT + "Dataset")
    publisher = site.base + "void#publisher"
    add(ds, DCT + "publisher", publisher)
    add(publisher, RDF_TYPE, FOAF + "Organization")
    add(publisher, FOAF + "name", lit(opts.publisher_name, lang="en"))
    add(ds, DCAT + "version", lit(opts.version))
    add(ds, DCT + "issued", lit(_dt.date.today().isoformat(), XSD + "date"))
    add(ds, DCAT + "landingPage", site.url("index.html"))
    add(ds, FOAF + "homepage", site.url("index.html"))
    add(ds, DCT + "conformsTo", site.ontology_iri)
    add(ds, VOID + "vocabulary", site.ontology_iri)
    add(ds, VOID + "rootResource", site.url(""))
    for path, label in DUMP_LABELS.items():
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
        add(svc, RDF_TYPE, DCAT + "DataService")
        add(svc, DCT + "title", lit("SPARQL endpoint", lang="en"))
        add(svc, DCAT + "endpointURL", opts.sparql)
        add(svc, DCAT + "endpointDescription", opts.sparql)
        add(svc, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
        add(svc, DCAT + "servesDataset", ds)
        add(svc, DCT + "license", opts.license)
        acc = site.base + "void#sparql-access"
        add(ds, DCAT + "distribution", acc)
        add(acc, RDF_TYPE, DCAT + "Distribution")
        add(acc, DCAT + "accessURL", opts.sparql)
        add(acc, DCAT + "accessService", svc)
    return sorted(out, key=lambda t: (t.subject != N(ds), str(t.subject)))  # grouped per subject


def void_html(site: SiteModel, chrome: Chrome) -> str:
    """A human page for the dataset description: the counts and the Turtle."""
    ttl = site.serialize(void_triples(site), TURTLE).decode("utf-8")
    body = (
        f"<p>{escape(site.options.description)}</p>"
        f"<p>{site.stats.triples} triples, {site.stats.entities} entities.</p>"
        f"<pre>{escape(ttl)}</pre>"
    )
    ctx = chrome.context(
        "Dataset description (VoID and DCAT)",
        "",
        body=markup(body),
        canonical=site.url("void.html"),
        alternates=alternates("void"),
    )
    return render("page.html", **ctx)


def service_description(site: SiteModel, endpoint: str) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description of the endpoint."""
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
