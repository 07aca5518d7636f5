"""The HTML page of a resource: its names, properties, incoming links, provenance and picture."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import Markup

from ..vocab import NAME_PROPERTIES, OA, PROVENANCE_PROPERTIES, RDF_TYPE, SCHEMA
from .chrome import alternates, markup, rows_html
from .diagram import commitment_figure
from .facts import Facts
from .model import INCOMING_CAP
from .phrases import inverse_phrase
from .provenance import REIFICATION, claim_views, evidence_view
from .render import json_for_script, render

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import Page, SiteModel


def resource_html(
    model: SiteModel, chrome: Chrome, page: Page, triples: list[ox.Triple], jsonld: bytes
) -> str:
    """The HTML document of one page (every thing it describes, the main one first)."""
    root = model.root_of(page.path)
    resources = [_resource_view(model, chrome, iri, triples, root) for iri in page.iris]
    statement_type = model.ns + "JointStatement"
    commitment_type = model.ns + "Commitment"
    for r, iri in zip(resources, page.iris, strict=True):
        types = model.types.get(iri, ())
        statements: list[str] = []
        if statement_type in types:
            statements = [iri]
        elif commitment_type in types:
            statements = [
                o.value
                for o in model.objects(iri, SCHEMA + "isPartOf")
                if statement_type in model.types.get(o.value, ())
            ]
        if statements:
            diagram = commitment_figure(model, root, statements=statements, highlight=iri)
            r["diagram"] = Markup(diagram) if diagram else None
    title = resources[0]["label"] if resources else page.path
    ctx = chrome.context(
        str(title),
        root,
        resources=resources,
        canonical=model.url(page.path + ".html"),
        alternates=alternates(page.path.rsplit("/", 1)[-1]),
        jsonld=Markup(json_for_script(jsonld.decode("utf-8"))),
    )
    return render("resource.html", **ctx)


def _resource_view(
    model: SiteModel, chrome: Chrome, iri: str, triples: list[ox.Triple], root: str
) -> dict[str, Any]:
    props: dict[str, list[str]] = {}
    names: dict[tuple[str, str | None], dict[str, str | None]] = {}
    provenance: list[tuple[str, str]] = []
    name_set = set(NAME_PROPERTIES)
    prov_set = set(PROVENANCE_PROPERTIES)
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode) or t.subject.value != iri:
            continue
        p = t.predicate.value
        o = t.object
        if p == RDF_TYPE:
            continue
        if p in name_set and isinstance(o, ox.Literal):
            seen = names.get((o.value, o.language))
            if seen is None:
                names[(o.value, o.language)] = {"text": o.value, "lang": o.language, "prop": model.curie(p)}
            else:
                seen["prop"] = f"{seen['prop']}, {model.curie(p)}"
        if isinstance(o, ox.NamedNode) and (
            p in prov_set or OA + "SpecificResource" in model.types.get(o.value, ())
        ):
            provenance.append((p, o.value))
        props.setdefault(p, []).append(chrome.value_html(o, root, triples))
    properties = [
        {"label": chrome.prop_label(p, root), "vals": vals}
        for p, vals in sorted(props.items(), key=lambda kv: model.label(kv[0]).lower())
    ]
    by_node: dict[str, list[str]] = {}
    for prop, node in provenance:
        by_node.setdefault(node, []).append(prop)
    evidence = []
    for node, ps in by_node.items():
        entry = evidence_view(model, chrome, ps[0], node, root)
        entry["via"] = ", ".join(dict.fromkeys(model.label(prop) for prop in ps))
        evidence.append(entry)
    types = model.types.get(iri, [])
    if OA + "SpecificResource" in types:
        evidence.insert(0, evidence_view(model, chrome, None, iri, root))
    badges: dict[str, Markup] = {}
    for cls in types:  # foaf:Person and schema:Person both read "Person": one badge
        badges.setdefault(model.label(cls).lower(), markup(chrome.link(cls, root)))
    label = model.label(iri)
    return {
        "iri": iri,
        "anchor": iri.partition("#")[2] or "about",
        "label": label,
        "types": list(badges.values()),
        "names": [n for n in names.values() if (n["text"], n["lang"]) != (label, "en")]
        if len(names) > 1
        else [],
        "facts": Facts(model, chrome, root).of(iri),
        "properties": rows_html(properties, ""),
        "incoming": rows_html(_incoming(model, chrome, iri, root), ""),
        "evidence": evidence,
        "claims": claim_views(model, chrome, iri, root),
        "diagram": None,
    }


def _incoming(model: SiteModel, chrome: Chrome, iri: str, root: str) -> list[dict[str, Any]]:
    by_prop: dict[str, list[str]] = {}
    more: dict[str, int] = defaultdict(int)
    total = 0
    for q in model.quads(None, None, ox.NamedNode(iri)):
        s = q.subject
        if not isinstance(s, ox.NamedNode):
            continue
        p = q.predicate.value
        if p in REIFICATION:  # the claims about it: shown under Provenance
            continue
        if total >= INCOMING_CAP:
            more[p] += 1
            continue
        total += 1
        by_prop.setdefault(p, []).append(s.value)
    out = []
    for p, subjects in sorted(by_prop.items(), key=lambda kv: inverse_phrase(model, kv[0]).lower()):
        subjects.sort(key=lambda s: model.label(s).lower())
        out.append(
            {
                "label": chrome.inverse_link(p, root),
                "vals": [markup(chrome.link(s, root)) for s in subjects],
                "more": more.pop(p, 0),
            }
        )
    for p, n in more.items():
        out.append({"label": chrome.inverse_link(p, root), "vals": [], "more": n})
    return out
