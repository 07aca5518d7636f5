"""Ontology documentation generated from the graph: our classes and properties, and the reused terms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..vocab import DEFINITION_PROPERTIES, OWL, RDF, RDFS
from .chrome import alternates, markup
from .render import render

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

_CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
_PROPERTY_TYPES = {
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    RDF + "Property",
}
EXAMPLES = 5


def _first_literal(site: SiteModel, iri: str, props: tuple[str, ...]) -> str:
    for p in props:
        best = None
        for o in site.objects(iri, p):
            if isinstance(o, ox.Literal) and (best is None or o.language in (None, "en")):
                best = o.value
        if best:
            return best
    return ""


def _links(chrome: Chrome, iris: list[Any], root: str) -> Any:
    return markup(", ".join(chrome.link(o.value, root) for o in iris if isinstance(o, ox.NamedNode)))


def _class_usage(site: SiteModel) -> dict[str, list[str]]:
    usage: dict[str, list[str]] = {}
    for s, ts in site.types.items():
        for t in ts:
            usage.setdefault(t, []).append(s)
    return usage


def ontology_triples(site: SiteModel) -> list[ox.Triple]:
    """The ontology's own triples (about the ontology IRI and the terms of its namespace)."""
    out: list[ox.Triple] = []
    for q in site.quads():
        s = q.subject
        if isinstance(s, ox.NamedNode) and (s.value == site.ontology_iri or s.value.startswith(site.ns)):
            out.append(q.triple)
    return out


def ontology_html(site: SiteModel, chrome: Chrome) -> str:
    """The ontology documentation page: our classes and properties, then the reused terms."""
    root = ""
    usage = _class_usage(site)
    classes: list[dict[str, Any]] = []
    properties: list[dict[str, Any]] = []
    ours = sorted(
        {iri for iri in site.types if iri.startswith(site.ns)}
        | {p for p in site.predicates if p.startswith(site.ns)}
        | {t for t in usage if t.startswith(site.ns)}
    )
    for iri in ours:
        types = set(site.types.get(iri, ()))
        is_class = bool(types & _CLASS_TYPES) or (iri in usage and not (types & _PROPERTY_TYPES))
        term: dict[str, Any] = {
            "iri": iri,
            "anchor": iri[len(site.ns) :],
            "label": site.label(iri),
            "curie": site.curie(iri),
            "definition": _first_literal(site, iri, DEFINITION_PROPERTIES),
        }
        if is_class:
            members = sorted(usage.get(iri, []), key=lambda s: site.label(s).lower())
            term["supers"] = _links(chrome, site.objects(iri, RDFS + "subClassOf"), root)
            term["count"] = len(members)
            term["examples"] = markup(", ".join(chrome.link(m, root) for m in members[:EXAMPLES]))
            classes.append(term)
        else:
            term["domain"] = _links(chrome, site.objects(iri, RDFS + "domain"), root)
            term["range"] = _links(chrome, site.objects(iri, RDFS + "range"), root)
            term["supers"] = _links(chrome, site.objects(iri, RDFS + "subPropertyOf"), root)
            term["count"] = site.predicates.get(iri, 0)
            subjects: list[str] = []
            for q in site.quads(None, ox.NamedNode(iri)):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value not in subjects:
                    subjects.append(q.subject.value)
                    if len(subjects) >= EXAMPLES:
                        break
            term["examples"] = markup(", ".join(chrome.link(s, root) for s in subjects))
            properties.append(term)
    reused: list[dict[str, Any]] = []
    for iri, count in sorted(site.predicates.items(), key=lambda kv: site.curie(kv[0])):
        if not iri.startswith(site.base):
            reused.append(
                {
                    "iri": iri,
                    "curie": site.curie(iri),
                    "kind": "property",
                    "label": site.label(iri),
                    "count": count,
                }
            )
    for iri, members in sorted(usage.items(), key=lambda kv: site.curie(kv[0])):
        if not iri.startswith(site.base):
            reused.append(
                {
                    "iri": iri,
                    "curie": site.curie(iri),
                    "kind": "class",
                    "label": site.label(iri),
                    "count": len(members),
                }
            )
    reused.sort(key=lambda t: (t["kind"], t["curie"]))
    title = site.labels.get(site.ontology_iri) or "The stdkg ontology"
    version = _first_literal(site, site.ontology_iri, (OWL + "versionInfo",))
    description = _first_literal(site, site.ontology_iri, DEFINITION_PROPERTIES)
    ctx = chrome.context(
        title,
        root,
        iri=site.ontology_iri,
        ns=site.ns,
        version=version,
        description=description,
        classes=classes,
        properties=properties,
        reused=reused,
        canonical=site.url("ns.html"),
        alternates=alternates("ns"),
    )
    return render("ontology.html", **ctx)
