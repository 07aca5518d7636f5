"""Where the facts about a resource come from: its claims (per triple) and its cited evidence.

A claim (``stdkg:Claim``) states triples as reified statements (``rdf:Statement``) and cites an
evidence span or a source (``prov:wasDerivedFrom``). A page lists, per claim, the facts about the
resource it supports and the quoted words with their source. Older data cites evidence on the
resource itself; that is listed too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import Markup

from ..vocab import NS, OA, PROV, RDF_OBJECT, RDF_PREDICATE, RDF_SUBJECT, SCHEMA
from .chrome import markup

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

#: A claim states triples through this property.
STATES = NS + "states"
#: Properties of reified statements (shown in the provenance section, not under "Referenced by").
REIFICATION = (RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT)


def claim_views(model: SiteModel, chrome: Chrome, iri: str, root: str) -> list[dict[str, Any]]:
    """One view per claim supporting a fact about ``iri``: what it says, the facts, the evidence."""
    said: dict[str, dict[str, list[Markup]]] = {}
    for q in model.quads(None, ox.NamedNode(RDF_SUBJECT), ox.NamedNode(iri)):
        if not isinstance(q.subject, ox.NamedNode):
            continue
        statement = q.subject.value
        p = model.one(statement, RDF_PREDICATE)
        o = model.one(statement, RDF_OBJECT)
        if p is None or o is None:
            continue
        for claim in model.subjects(STATES, statement):
            said.setdefault(claim, {}).setdefault(p.value, []).append(chrome.value_html(o, root))
    views: list[dict[str, Any]] = []
    for claim, by_prop in said.items():
        cited = [
            evidence_view(model, chrome, PROV + "wasDerivedFrom", e.value, root)
            for e in model.objects(claim, PROV + "wasDerivedFrom")
            if isinstance(e, ox.NamedNode)
        ]
        sources = sorted({model.label(e["source_iri"]) for e in cited})
        props = sorted(by_prop, key=lambda p: model.label(p).lower())
        views.append(
            {
                "summary": "; ".join(sources or ["no source"])
                + ": "
                + ", ".join(model.label(p) for p in props),
                "facts": [
                    {"label": chrome.prop_label(p, root), "vals": sorted(set(by_prop[p]))} for p in props
                ],
                "claim": markup(chrome.link(claim, root)),
                "cited": cited,
            }
        )
    return sorted(views, key=lambda v: str(v["summary"]).lower())


def evidence_view(model: SiteModel, chrome: Chrome, prop: str | None, node: str, root: str) -> dict[str, Any]:
    """Provenance view: an evidence node (selectors shown in context) or a source document."""
    entry: dict[str, Any] = {
        "via": model.label(prop) if prop else "this evidence span",
        "node": markup(chrome.link(node, root)) if prop else "",
        "source": None,
        "url": None,
        "prefix": "",
        "exact": None,
        "suffix": "",
        "start": None,
        "end": None,
        "claim": model.label(node),
        "open": prop is None,
    }
    src = model.one(node, OA + "hasSource")
    if src is None:
        src_iri = node
        entry["claim"] = "Cited source: " + model.label(node)
    else:
        src_iri = src.value
        for sel in model.objects(node, OA + "hasSelector"):
            if not isinstance(sel, ox.NamedNode | ox.BlankNode):
                continue
            for q in model.quads(sel):
                p, o = q.predicate.value, q.object
                if p == OA + "exact":
                    entry["exact"] = o.value
                elif p == OA + "prefix":
                    entry["prefix"] = o.value
                elif p == OA + "suffix":
                    entry["suffix"] = o.value
                elif p == OA + "start":
                    entry["start"] = o.value
                elif p == OA + "end":
                    entry["end"] = o.value
    entry["source"] = markup(chrome.link(src_iri, root))
    entry["source_iri"] = src_iri
    url = model.one(src_iri, SCHEMA + "url")
    if url is not None:
        entry["url"] = url.value
    return entry
