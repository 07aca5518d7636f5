"""Every SHACL constraint in ``shapes/`` catches the real mistake it is written for.

The bundled graph conforms; then, for every constraint of ``shapes/data.shapes.ttl`` and
``shapes/ontology.shapes.ttl``, one case plants a mistake and checks that pySHACL reports exactly
the planted result(s): focus node, constraint component, source shape, result path and severity,
and nothing else. Most cases are the bundled graph minus and plus a few triples (written as SPARQL
CONSTRUCT templates, so that each case reads like the mistake it plants); a few are Turtle files
under ``tests/fixtures/shapes/`` loaded through :func:`stdkg.load` (the path real data takes).

A coverage test walks the shapes graphs and fails when a constraint has no case, so a constraint
added later cannot go untested. A case whose mistake the shapes miss, or which draws a false
positive, is kept and marked ``xfail(strict=True)`` with the problem as its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

import stdkg
from stdkg.kg import PREFIXES

if TYPE_CHECKING:
    import rdflib

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures" / "shapes"
SH = "http://www.w3.org/ns/shacl#"
SHAPE_NS = "https://w3id.org/stdkg/shapes#"
DATA_SHAPES = "data.shapes.ttl"
ONTOLOGY_SHAPES = "ontology.shapes.ttl"

#: Parameters that make a constraint of their own (SHACL Core + SPARQL), by component local name.
PARAMETERS = {
    "minCount": "MinCount",
    "maxCount": "MaxCount",
    "datatype": "Datatype",
    "class": "Class",
    "nodeKind": "NodeKind",
    "pattern": "Pattern",
    "uniqueLang": "UniqueLang",
    "languageIn": "LanguageIn",
    "qualifiedMinCount": "QualifiedMinCount",
    "qualifiedMaxCount": "QualifiedMaxCount",
    "or": "Or",
    "xone": "Xone",
    "and": "And",
    "not": "Not",
    "node": "Node",
    "in": "In",
    "hasValue": "HasValue",
    "equals": "Equals",
    "disjoint": "Disjoint",
    "lessThan": "LessThan",
    "lessThanOrEquals": "LessThanOrEquals",
    "minLength": "MinLength",
    "maxLength": "MaxLength",
    "minInclusive": "MinInclusive",
    "maxInclusive": "MaxInclusive",
    "minExclusive": "MinExclusive",
    "maxExclusive": "MaxExclusive",
    "closed": "Closed",
    "sparql": "SPARQL",
}

#: The provenance path of shape:ProvenanceShape, as :func:`path_text` renders it.
PROV = "(prov:wasDerivedFrom|prov:hadPrimarySource|prov:wasQuotedFrom|stdkg:textEvidence)"


# -- reading shapes and reports ---------------------------------------------------------------


def curie(term: Any) -> str:
    """A compact, stable name for an IRI (longest matching stdkg prefix), else its N-Triples form."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        text = str(term)
        best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{text[len(best) :]}"
        if text.startswith(SHAPE_NS):
            return text.split("#", 1)[1]
    return str(term.n3())


def path_text(graph: rdflib.Graph, path: Any) -> str:
    """A SHACL path as text: ``prefix:name``, ``(a|b|…)`` for an alternative path, ``^p`` for an
    inverse path, ``(a/b)`` for a sequence."""
    import rdflib
    from rdflib.collection import Collection

    if isinstance(path, rdflib.BNode):
        alternatives = graph.value(path, rdflib.URIRef(SH + "alternativePath"))
        if alternatives is not None:
            return "(" + "|".join(path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
        inverse = graph.value(path, rdflib.URIRef(SH + "inversePath"))
        if inverse is not None:
            return "^" + path_text(graph, inverse)
        if graph.value(path, rdflib.RDF.first) is not None:
            return "(" + "/".join(path_text(graph, p) for p in Collection(graph, path)) + ")"
        raise AssertionError(f"unsupported SHACL path {path!r}")
    return curie(path)


def shape_ids(shapes: rdflib.Graph) -> dict[Any, str]:
    """Node shapes by local name; property shapes as ``NodeShape/path[qualifier]``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    ids: dict[Any, str] = {}
    for node_shape in shapes.subjects(rdflib.RDF.type, sh.NodeShape):
        name = curie(node_shape)
        ids[node_shape] = name
        for prop in shapes.objects(node_shape, sh.property):
            ids[prop] = f"{name}/{path_text(shapes, shapes.value(prop, sh.path))}{qualifier(shapes, prop)}"
    return ids


def qualifier(shapes: rdflib.Graph, prop: Any) -> str:
    """``[class]`` or ``[@lang]`` of a qualified property shape (tells apart two on one path)."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    qvs = shapes.value(prop, sh.qualifiedValueShape)
    if qvs is None:
        return ""
    cls = shapes.value(qvs, sh["class"])
    if cls is not None:
        return f"[{curie(cls)}]"
    langs = shapes.value(qvs, sh.languageIn)
    if langs is not None:
        return "[" + ",".join("@" + str(lang) for lang in Collection(shapes, langs)) + "]"
    raise AssertionError("qualified value shape with neither sh:class nor sh:languageIn")


def constraints(shapes: rdflib.Graph) -> set[tuple[str, str]]:
    """Every constraint of a shapes graph as ``(shape id, component)``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    found: set[tuple[str, str]] = set()
    for shape, name in shape_ids(shapes).items():
        for p in set(shapes.predicates(shape)):
            param = str(p)[len(SH) :] if str(p).startswith(SH) else ""
            if param in PARAMETERS:
                found.add((name, PARAMETERS[param]))
        assert (shape, sh.qualifiedValueShapesDisjoint, None) not in shapes
    return found


class Hit(NamedTuple):
    """One validation result, reduced to what identifies the mistake it reports."""

    focus: str
    component: str
    shape: str
    path: str | None
    severity: str

    def __str__(self) -> str:
        return f"{self.severity} {self.component} on {self.focus} from {self.shape} (path {self.path})"


def hits(report: rdflib.Graph, shapes: rdflib.Graph) -> list[Hit]:
    """The results of a pySHACL report graph as :class:`Hit` values, sorted (duplicates kept)."""
    import rdflib

    sh = rdflib.Namespace(SH)
    ids = shape_ids(shapes)
    found: list[Hit] = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = report.value(node, sh.sourceShape)
        component = str(report.value(node, sh.sourceConstraintComponent))
        path = report.value(node, sh.resultPath)
        found.append(
            Hit(
                focus=curie(report.value(node, sh.focusNode)),
                component=component.removeprefix(SH).removesuffix("ConstraintComponent"),
                shape=ids.get(source, f"unknown shape {source!r}"),
                path=None if path is None else path_text(report, path),
                severity=str(report.value(node, sh.resultSeverity)).removeprefix(SH),
            )
        )
    return sorted(found, key=str)


@cache
def shapes_graph(name: str) -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(ROOT / "shapes" / name, format="turtle")


@cache
def base_graph(dirs: tuple[str, ...], fixture: str = "") -> rdflib.Graph:
    """The bundled ``dirs`` (``ontology``, ``data``) plus a fixture file, loaded with :func:`stdkg.load`."""
    root = stdkg.Layout.bundled().root
    paths: list[Path] = [root / d for d in dirs]
    if fixture:
        paths.append(FIX / fixture)
    return stdkg.load(paths).rdflib_graph


def validate(data: rdflib.Graph, shapes_name: str) -> list[Hit]:
    """pySHACL (advanced mode, for the SPARQL constraints and targets) on ``data``."""
    import pyshacl

    from stdkg.validate import quiet_rdflib

    shapes = shapes_graph(shapes_name)
    with quiet_rdflib():
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=shapes, advanced=True, inplace=False, abort_on_first=False
        )
    return hits(report, shapes)


def construct(graph: rdflib.Graph, template: str, where: str) -> set[tuple[Any, Any, Any]]:
    with quiet():
        result = graph.query(f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}", initNs=PREFIXES)
    return set(result)


@dataclass(frozen=True)
class Case:
    """One planted mistake and exactly what the shapes must report for it.

    The invalid graph is the base graph (the bundled ``load`` folders, plus ``fixture`` if given)
    minus the triples of the CONSTRUCT template ``remove`` (matched by ``remove_where``, by default
    the template itself) plus those of ``add`` (matched by ``add_where`` on the base graph).
    """

    id: str
    expected: tuple[Hit, ...]
    remove: str = ""
    add: str = ""
    remove_where: str = ""
    add_where: str = ""
    fixture: str = ""
    load: tuple[str, ...] = ("ontology", "data")
    shapes: str = DATA_SHAPES
    xfail: str = ""

    def graph(self) -> rdflib.Graph:
        import rdflib

        base = base_graph(self.load, self.fixture)
        graph = rdflib.Graph()
        graph += base
        if self.remove:
            gone = construct(base, self.remove, self.remove_where or self.remove)
            assert gone, f"{self.id}: nothing to remove"
            assert all(t in base for t in gone), f"{self.id}: removes triples that are not there"
            for t in gone:
                graph.remove(t)
        if self.add:
            new = construct(base, self.add, self.add_where)
            assert new, f"{self.id}: nothing to add"
            assert not any(t in base for t in new), f"{self.id}: adds triples that are already there"
            for t in new:
                graph.add(t)
        return graph


def quiet() -> Any:
    from stdkg.validate import quiet_rdflib

    return quiet_rdflib()


def R(focus: str, component: str, shape: str, *, path: str | None = "", severity: str = "Violation") -> Hit:
    """An expected result; ``path`` defaults to the path of the property shape (None for a node shape)."""
    if path == "":
        path = shape.split("/", 1)[1].split("[", 1)[0] if "/" in shape else None
    return Hit(focus, component, shape, path, severity)


# -- the cases: data shapes -------------------------------------------------------------------

EV = "evidence:prnewswire-302629226-"
QU = "quotation:prnewswire-302629226-"
CO = "commitment:seoul-statement-2025-"
ST = "statement:seoul-statement-2025"
SUMMIT = "event:international-ai-standards-summit-2025"
ISSUE = "event:seoul-statement-2025-issuance"
M = "membership:jo-cops-iec-president"
IV = "interval:seizo-onoe-tsb-director"
PR = "source:prnewswire-302629226"
ONTOLOGY = "<https://w3id.org/stdkg/ns>"
PROV_SHAPE = f"ProvenanceShape/{PROV}"
NO_PROV = "ProvenanceShape"  # the node shape's sh:or: neither a citation of its own nor a claim about it
CLAIM = "claim:wsc-website--wsc"
HOMEPAGE = "triple:205f62b505a8726263a5"  # the statement that the WSC's homepage is https://www.worldstandardscooperation.org/


def unclaimed(node: str) -> dict[str, str]:
    """Remove the claims about ``node`` and the statements they state (so nothing traces it)."""
    return {
        "remove": "?c ?p1 ?o1 . ?st ?p2 ?o2",
        "remove_where": f"?st rdf:subject {node} . ?c stdkg:states ?st . ?c ?p1 ?o1 . ?st ?p2 ?o2",
    }


VERBATIM = R("", "SPARQL", "VerbatimTextShape")  # template: focus filled in with ._replace


def verbatim(focus: str) -> Hit:
    return VERBATIM._replace(focus=focus)


def replace(subject: str, prop: str, new: str) -> dict[str, str]:
    """Remove every ``subject prop ?old`` and add ``subject prop new``."""
    return {"remove": f"{subject} {prop} ?old", "add": f"{subject} {prop} {new}"}


def rewrite(subject: str, prop: str, expression: str) -> dict[str, str]:
    """Replace each value ``?old`` of ``subject prop`` by the SPARQL ``expression`` of it."""
    return {
        "remove": f"{subject} {prop} ?old",
        "add": f"{subject} {prop} ?new",
        "add_where": f"{subject} {prop} ?old BIND ({expression} AS ?new)",
    }


DATA_CASES: list[Case] = [
    # -- a fact node without provenance; provenance to an unrecorded source --------------------
    Case(
        "organization-without-provenance",
        (R("stdorg:wsc", "Or", NO_PROV),),
        **unclaimed("stdorg:wsc"),
    ),
    Case(
        "person-without-provenance",
        (R("person:jo-cops", "Or", NO_PROV),),
        **unclaimed("person:jo-cops"),
    ),
    Case(
        "post-without-provenance",
        (R("post:iec-president", "Or", NO_PROV),),
        **unclaimed("post:iec-president"),
    ),
    Case("membership-without-provenance", (R(M, "Or", NO_PROV),), remove=f"{M} prov:wasDerivedFrom ?s"),
    Case(
        "event-without-provenance",
        (R(ISSUE, "Or", NO_PROV),),
        remove=f"{ISSUE} prov:wasDerivedFrom ?s",
    ),
    Case(
        "statement-without-provenance",
        (R(ST, "Or", NO_PROV),),
        remove=f"{ST} prov:wasDerivedFrom ?s ; prov:hadPrimarySource ?p",
    ),
    Case(
        "commitment-without-provenance",
        (R(f"{CO}3", "Or", NO_PROV), R(f"{CO}3", "MinCount", "CommitmentShape/stdkg:textEvidence")),
        remove=f"{CO}3 prov:wasDerivedFrom ?s ; stdkg:textEvidence ?e",
    ),
    Case(
        "quotation-without-provenance",
        (R(f"{QU}cops", "Or", NO_PROV),),
        remove=f"{QU}cops prov:wasDerivedFrom ?s ; prov:wasQuotedFrom ?q",
    ),
    Case(
        "provenance-to-unrecorded-source",
        (R("person:jo-cops", "Or", PROV_SHAPE),),
        add="person:jo-cops prov:wasDerivedFrom source:prnewswire-30262922",
    ),
    Case(
        "primary-source-is-an-unrecorded-url",
        (R(ST, "Or", PROV_SHAPE),),
        add=f"{ST} prov:hadPrimarySource <https://www.prnewswire.com/news-releases/302629226.html>",
    ),
    Case(
        "provenance-is-a-literal",
        (R("stdorg:iso", "Or", PROV_SHAPE),),
        add='stdorg:iso prov:wasDerivedFrom "Wikipedia"',
    ),
    Case(
        "place-without-provenance",
        (R("place:london", "Or", NO_PROV),),
        **unclaimed("place:london"),
    ),
    Case(
        "provenance-is-another-fact-node",
        (R("person:jo-cops", "Or", PROV_SHAPE),),
        add=f"person:jo-cops prov:wasDerivedFrom {CO}1",
    ),
    Case(
        "provenance-is-a-place",
        (R("stdorg:iec", "Or", PROV_SHAPE),),
        add="stdorg:iec prov:wasDerivedFrom place:geneva",
    ),
    # -- claims and the statements they state -------------------------------------------------
    Case(
        "claim-that-states-nothing",
        (R("claim:bare", "MinCount", "ClaimShape/stdkg:states"),),
        add=f"claim:bare a stdkg:Claim ; prov:wasDerivedFrom {PR}",
    ),
    Case(
        "claim-that-states-a-resource-not-a-statement",
        (R("claim:bare", "Class", "ClaimShape/stdkg:states"),),
        add=f"claim:bare a stdkg:Claim ; prov:wasDerivedFrom {PR} ; stdkg:states stdorg:iso",
    ),
    Case(
        "claim-without-evidence",
        (R(CLAIM, "MinCount", "ClaimShape/prov:wasDerivedFrom"),),
        remove=f"{CLAIM} prov:wasDerivedFrom ?d",
    ),
    Case(
        "claim-derived-from-a-place",
        (R(CLAIM, "Or", "ClaimShape/prov:wasDerivedFrom"),),
        **replace(CLAIM, "prov:wasDerivedFrom", "place:geneva"),
    ),
    Case(
        "claim-preferred-twice",
        (R(CLAIM, "MaxCount", "ClaimShape/stdkg:preferred"),),
        add=f"{CLAIM} stdkg:preferred true , false",
    ),
    Case(
        "claim-preferred-is-text",
        (R(CLAIM, "Datatype", "ClaimShape/stdkg:preferred"),),
        add=f'{CLAIM} stdkg:preferred "yes"',
    ),
    Case(
        "statement-without-subject",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:subject"),),
        remove=f"{HOMEPAGE} rdf:subject ?s",
    ),
    Case(
        "statement-with-two-subjects",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:subject"),),
        add=f"{HOMEPAGE} rdf:subject stdorg:iso",
    ),
    Case(
        "statement-about-a-literal",
        (R(HOMEPAGE, "NodeKind", "ReifiedStatementShape/rdf:subject"),),
        **rewrite(HOMEPAGE, "rdf:subject", "STR(?old)"),
    ),
    Case(
        "statement-without-predicate",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:predicate"),),
        remove=f"{HOMEPAGE} rdf:predicate ?p",
    ),
    Case(
        "statement-with-two-predicates",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:predicate"),),
        add=f"{HOMEPAGE} rdf:predicate rdfs:seeAlso",
    ),
    Case(
        "statement-predicate-is-a-literal",
        (R(HOMEPAGE, "NodeKind", "ReifiedStatementShape/rdf:predicate"),),
        **replace(HOMEPAGE, "rdf:predicate", '"homepage"'),
    ),
    Case(
        "statement-without-object",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:object"),),
        remove=f"{HOMEPAGE} rdf:object ?o",
    ),
    Case(
        "statement-with-two-objects",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:object"),),
        add=f"{HOMEPAGE} rdf:object <https://example.org/>",
    ),
    Case(
        "statement-that-no-claim-states",
        (R("triple:orphan", "MinCount", "ReifiedStatementShape/^stdkg:states"),),
        add='triple:orphan a rdf:Statement ; rdf:subject stdorg:iso ; rdf:predicate rdfs:label ; rdf:object "ISO"',
    ),
    # -- sources and their snapshots -----------------------------------------------------------
    Case(
        "source-retrieved-twice",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:retrievedOn"),),
        add=f'{PR} stdkg:retrievedOn "2026-12-01"^^xsd:date , "2026-12-02"^^xsd:date',
    ),
    Case(
        "source-retrieved-in-a-year",
        (R(PR, "Datatype", "SourceDocumentShape/stdkg:retrievedOn"),),
        add=f'{PR} stdkg:retrievedOn "2026"^^xsd:gYear',
    ),
    Case(
        "snapshot-with-a-folder",
        (R(PR, "Pattern", "SourceDocumentShape/stdkg:snapshotFile"),),
        **replace(PR, "stdkg:snapshotFile", '"../secrets.txt"'),
    ),
    Case(
        "two-snapshots",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:snapshotFile"),),
        add=f'{PR} stdkg:snapshotFile "other.txt"',
    ),
    Case(
        "snapshot-digest-not-hex",
        (R(PR, "Pattern", "SourceDocumentShape/stdkg:sha256"),),
        **replace(PR, "stdkg:sha256", '"not-a-digest"'),
    ),
    Case(
        "two-snapshot-digests",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:sha256"),),
        add=f'{PR} stdkg:sha256 "{"0" * 64}"',
    ),
    Case(
        "snapshot-without-digest",
        (R(PR, "Or", "SourceDocumentShape"),),
        remove=f"{PR} stdkg:sha256 ?d",
    ),
    Case(
        "read-from-copy-is-text",
        (R(PR, "Datatype", "SourceDocumentShape/(stdkg:readFromCopy|stdkg:excerptOnly)"),),
        add=f'{PR} stdkg:readFromCopy "yes"',
    ),
    # -- labels --------------------------------------------------------------------------------
    Case(
        "two-english-preferred-labels",
        (R("stdorg:iso", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iso skos:prefLabel "ISO"@en',
    ),
    Case(
        "two-french-preferred-labels",
        (R("stdorg:iec", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iec skos:prefLabel "CEI"@fr',
    ),
    Case(
        "concept-with-two-preferred-labels",
        (R("theme:trust", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='theme:trust skos:prefLabel "confidence"@en',
    ),
    Case(
        "preferred-label-without-language",
        (R("stdorg:iso", "Datatype", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iso skos:prefLabel "ISO"',
    ),
    Case(
        "person-without-label",
        (R("person:jo-cops", "MinCount", "LabelShape/rdfs:label"),),
        remove="person:jo-cops rdfs:label ?l",
    ),
    Case(
        "interval-without-label", (R(IV, "MinCount", "LabelShape/rdfs:label"),), remove=f"{IV} rdfs:label ?l"
    ),
    Case(
        "evidence-span-without-label",
        (R(f"{EV}cho-1", "MinCount", "LabelShape/rdfs:label"),),
        remove=f"{EV}cho-1 rdfs:label ?l",
    ),
    Case(
        "two-english-labels",
        (R("place:seoul", "UniqueLang", "LabelShape/rdfs:label"),),
        add='place:seoul rdfs:label "Seoul City"@en',
    ),
    # -- schema:sameAs only to Wikidata entity IRIs ------------------------------------------------
    Case(
        "sameas-wikipedia-url",
        (R("stdorg:iec", "Pattern", "SameAsShape/schema:sameAs"),),
        add="stdorg:iec schema:sameAs <https://en.wikipedia.org/wiki/International_Electrotechnical_Commission>",
    ),
    Case(
        "sameas-wikidata-page-url",
        (R("place:seoul", "Pattern", "SameAsShape/schema:sameAs"),),
        **replace("place:seoul", "schema:sameAs", "<https://www.wikidata.org/wiki/Q8684>"),
    ),
    Case(
        "sameas-wikidata-property",
        (R("stdorg:iso", "Pattern", "SameAsShape/schema:sameAs"),),
        add="stdorg:iso schema:sameAs wd:P159",
    ),
    Case(
        "sameas-literal-holding-a-wikidata-iri",
        (R("place:geneva", "NodeKind", "SameAsShape/schema:sameAs"),),
        **replace("place:geneva", "schema:sameAs", '"http://www.wikidata.org/entity/Q71"'),
    ),
    Case(
        "sameas-literal-qid",
        (
            R("stdorg:iso", "NodeKind", "SameAsShape/schema:sameAs"),
            R("stdorg:iso", "Pattern", "SameAsShape/schema:sameAs"),
        ),
        **replace("stdorg:iso", "schema:sameAs", '"Q15028"'),
    ),
    # -- organizations and units ---------------------------------------------------------------
    Case(
        "organization-without-english-name",
        (R("stdorg:iso", "QualifiedMinCount", "OrganizationShape/skos:prefLabel[@en]"),),
        remove='stdorg:iso skos:prefLabel "International Organization for Standardization"@en',
    ),
    Case(
        "acronym-without-language",
        (R("stdorg:iso", "Datatype", "OrganizationShape/skos:altLabel"),),
        add='stdorg:iso skos:altLabel "ISO"',
    ),
    Case(
        "two-founding-dates",
        (R("stdorg:iso", "MaxCount", "OrganizationShape/schema:foundingDate", severity="Warning"),),
        add='stdorg:iso schema:foundingDate "1946"^^xsd:gYear',
    ),
    Case(
        "founding-date-ill-typed",
        (R("stdorg:iso", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:iso", "schema:foundingDate", '"1947-02-30"^^xsd:date'),
    ),
    Case(
        "founding-date-plain-string",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"1865"'),
    ),
    Case(
        "founding-date-as-datetime",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"1865-05-17T00:00:00"^^xsd:dateTime'),
    ),
    Case(
        "founding-year-ill-typed",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"18x5"^^xsd:gYear'),
    ),
    Case(
        "two-headquarters",
        (R("stdorg:iso", "MaxCount", "OrganizationShape/stdkg:headquarters", severity="Warning"),),
        add="stdorg:iso stdkg:headquarters place:london",
    ),
    Case(
        "headquarters-is-a-name",
        (R("stdorg:iec", "Class", "OrganizationShape/stdkg:headquarters"),),
        **replace("stdorg:iec", "stdkg:headquarters", '"Geneva"@en'),
    ),
    Case(
        "homepage-is-a-literal",
        (R("stdorg:iso", "NodeKind", "OrganizationShape/foaf:homepage"),),
        **replace("stdorg:iso", "foaf:homepage", '"https://www.iso.org/"'),
    ),
    Case(
        "unit-without-parent",
        (R("stdorg:itu-t", "MinCount", "UnitShape/org:unitOf"),),
        remove="stdorg:itu-t org:unitOf ?p",
    ),
    Case(
        "unit-of-from-a-non-unit",
        (R("stdorg:wsc", "Class", "UnitOfShape"),),
        add="stdorg:wsc org:unitOf stdorg:itu",
    ),
    Case(
        "unit-whose-parent-is-a-unit",
        (R("stdorg:tsb", "Class", "UnitOfShape/org:unitOf"),),
        remove="stdorg:tsb org:unitOf stdorg:itu",
        add="stdorg:tsb org:unitOf stdorg:itu-t",
    ),
    Case(
        "unit-whose-parent-is-a-unit-standalone",
        (R("stdorg:tsb", "Class", "UnitOfShape/org:unitOf"),),
        fixture="unit-of-a-unit.ttl",
        load=("ontology",),
    ),
    # -- people ----------------------------------------------------------------------------------
    Case(
        "person-without-name",
        (R("person:jo-cops", "MinCount", "PersonShape/foaf:name"),),
        remove="person:jo-cops foaf:name ?n",
    ),
    Case(
        "person-with-two-names",
        (R("person:jo-cops", "MaxCount", "PersonShape/foaf:name"),),
        add='person:jo-cops foaf:name "J. Cops"',
    ),
    Case(
        "person-name-with-language",
        (R("person:jo-cops", "Datatype", "PersonShape/foaf:name"),),
        **rewrite("person:jo-cops", "foaf:name", 'STRLANG(?old, "en")'),
    ),
    Case(
        "two-given-names",
        (R("person:seizo-onoe", "MaxCount", "PersonShape/foaf:givenName"),),
        add='person:seizo-onoe foaf:givenName "S."',
    ),
    Case(
        "given-name-with-language",
        (R("person:seizo-onoe", "Datatype", "PersonShape/foaf:givenName"),),
        **rewrite("person:seizo-onoe", "foaf:givenName", 'STRLANG(?old, "en")'),
    ),
    Case(
        "person-without-family-name",
        (R("person:jo-cops", "MinCount", "PersonShape/foaf:familyName", severity="Warning"),),
        remove="person:jo-cops foaf:familyName ?n",
    ),
    Case(
        "given-name-recorded-as-second-family-name",
        (R("person:sung-hwan-cho", "MaxCount", "PersonShape/foaf:familyName", severity="Warning"),),
        add='person:sung-hwan-cho foaf:familyName "Sung Hwan"',
    ),
    Case(
        "family-name-with-language",
        (R("person:seizo-onoe", "Datatype", "PersonShape/foaf:familyName", severity="Warning"),),
        **rewrite("person:seizo-onoe", "foaf:familyName", 'STRLANG(?old, "en")'),
    ),
    # -- roles and posts -------------------------------------------------------------------------
    Case(
        "role-outside-scheme",
        (
            R("role:director", "MinCount", "RoleShape/skos:inScheme"),
            R("role:director", "MinCount", "ConceptShape/skos:inScheme"),
        ),
        remove="role:director skos:inScheme ?s",
    ),
    Case(
        "role-in-unrecorded-scheme",
        (
            R("role:director", "Class", "RoleShape/skos:inScheme"),
            R("role:director", "Class", "ConceptShape/skos:inScheme"),
        ),
        **replace("role:director", "skos:inScheme", "scheme:role"),
    ),
    Case(
        "post-without-organization",
        (R("post:iso-president", "MinCount", "PostShape/org:postIn"),),
        remove="post:iso-president org:postIn ?o",
    ),
    Case(
        "post-in-two-organizations",
        (
            R("post:tsb-director", "MaxCount", "PostShape/org:postIn"),
            R("membership:seizo-onoe-tsb-director", "SPARQL", "MembershipShape"),
        ),
        add="post:tsb-director org:postIn stdorg:itu",
    ),
    Case(
        "post-in-a-place",
        (R("post:wsc-chair", "Class", "PostShape/org:postIn"),),
        add='post:wsc-chair a org:Post ; rdfs:label "Chair of the World Standards Cooperation"@en ; '
        "org:postIn place:geneva ; org:role role:president ; prov:wasDerivedFrom source:wsc-website",
    ),
    Case(
        "post-without-role",
        (R("post:iec-president", "MinCount", "PostShape/org:role"),),
        remove="post:iec-president org:role ?r",
    ),
    Case(
        "post-role-is-a-name",
        (R("post:iec-president", "Class", "PostShape/org:role"),),
        **replace("post:iec-president", "org:role", '"President"@en'),
    ),
    # -- memberships -----------------------------------------------------------------------------
    Case(
        "membership-without-member",
        (R(M, "MinCount", "MembershipShape/org:member"),),
        remove=f"{M} org:member ?m",
    ),
    Case(
        "membership-with-two-members",
        (R(M, "MaxCount", "MembershipShape/org:member"),),
        add=f"{M} org:member person:seizo-onoe",
    ),
    Case(
        "membership-member-is-a-name",
        (R(M, "Class", "MembershipShape/org:member"),),
        **replace(M, "org:member", '"Jo Cops"'),
    ),
    Case(
        "membership-without-organization",
        (R(M, "MinCount", "MembershipShape/org:organization"),),
        remove=f"{M} org:organization ?o",
    ),
    Case(
        "membership-in-two-organizations",
        (R(M, "MaxCount", "MembershipShape/org:organization"), R(M, "SPARQL", "MembershipShape")),
        add=f"{M} org:organization stdorg:wsc",
    ),
    Case(
        "membership-organization-is-a-place",
        (R(M, "Class", "MembershipShape/org:organization"), R(M, "SPARQL", "MembershipShape")),
        **replace(M, "org:organization", "place:geneva"),
    ),
    Case(
        "membership-without-role", (R(M, "MinCount", "MembershipShape/org:role"),), remove=f"{M} org:role ?r"
    ),
    Case(
        "membership-with-two-roles",
        (R(M, "MaxCount", "MembershipShape/org:role"),),
        add=f"{M} org:role role:director",
    ),
    Case(
        "membership-role-is-a-post",
        (R(M, "Class", "MembershipShape/org:role"),),
        **replace(M, "org:role", "post:iec-president"),
    ),
    Case(
        "membership-without-interval",
        (R(M, "MinCount", "MembershipShape/org:memberDuring"),),
        remove=f"{M} org:memberDuring ?i",
    ),
    Case(
        "membership-with-two-intervals",
        (R(M, "MaxCount", "MembershipShape/org:memberDuring"),),
        add=f"{M} org:memberDuring {IV}",
    ),
    Case(
        "membership-interval-is-an-instant",
        (R(M, "Class", "MembershipShape/org:memberDuring"),),
        **replace(M, "org:memberDuring", "instant:2025-12-02"),
    ),
    Case(
        "membership-with-two-posts",
        (R(M, "MaxCount", "MembershipShape/stdkg:post"), R(M, "SPARQL", "MembershipShape")),
        add=f"{M} stdkg:post post:iso-president",
    ),
    Case(
        "membership-post-is-a-role",
        (R(M, "Class", "MembershipShape/stdkg:post"),),
        **replace(M, "stdkg:post", "role:president"),
    ),
    Case(
        "membership-post-of-another-organization",
        (R(M, "SPARQL", "MembershipShape"),),
        **replace(M, "stdkg:post", "post:iso-president"),
    ),
    # -- time ------------------------------------------------------------------------------------
    Case(
        "interval-saying-nothing",
        (R("interval:jo-cops-iec-president", "Or", "IntervalShape"),),
        remove="interval:jo-cops-iec-president time:hasBeginning ?b ; time:inside ?d",
    ),
    Case(
        "interval-begins-after-a-date-inside",
        (R(IV, "SPARQL", "IntervalShape"),),
        remove=f"{IV} time:hasBeginning ?b",
        add=f"{IV} time:hasBeginning instant:2026-01-01 . instant:2026-01-01 a time:Instant ; "
        'rdfs:label "1 January 2026"@en ; time:inXSDDate "2026-01-01"^^xsd:date',
    ),
    Case(
        "interval-ends-before-it-begins",
        (R(IV, "SPARQL", "IntervalShape"),),
        add=f"{IV} time:hasEnd instant:2022-12-31 . instant:2022-12-31 a time:Instant ; "
        'rdfs:label "31 December 2022"@en ; time:inXSDDate "2022-12-31"^^xsd:date',
    ),
    Case(
        "interval-begins-in-a-month-after-a-date-inside",
        (R("interval:sung-hwan-cho-iso-president", "SPARQL", "IntervalShape"),),
        **replace("instant:2024-01", "time:inXSDgYearMonth", '"2026-01"^^xsd:gYearMonth'),
    ),
    Case(
        "interval-begins-in-a-year-after-a-date-inside",
        (R("interval:jo-cops-iec-president", "SPARQL", "IntervalShape"),),
        **replace("instant:2023", "time:inXSDgYear", '"2026"^^xsd:gYear'),
    ),
    Case(
        "interval-with-two-beginnings",
        (R(IV, "MaxCount", "IntervalShape/time:hasBeginning", severity="Warning"),),
        add=f"{IV} time:hasBeginning instant:2023",
    ),
    Case(
        "interval-beginning-is-a-literal",
        (R(IV, "Class", "IntervalShape/time:hasBeginning"),),
        **replace(IV, "time:hasBeginning", '"2023-01-01"^^xsd:date'),
    ),
    Case(
        "interval-with-two-ends",
        (R(IV, "MaxCount", "IntervalShape/time:hasEnd", severity="Warning"),),
        add=f"{IV} time:hasEnd instant:2025-12-02 , instant:2024-01",
    ),
    Case(
        "interval-end-is-a-literal",
        (R(IV, "Class", "IntervalShape/time:hasEnd"),),
        add=f'{IV} time:hasEnd "2026"^^xsd:gYear',
    ),
    Case(
        "instant-without-position",
        (R("instant:2023", "Xone", "InstantShape"),),
        remove="instant:2023 time:inXSDgYear ?y",
    ),
    Case(
        "instant-with-two-positions",
        (R("instant:2023-01-01", "Xone", "InstantShape"),),
        add='instant:2023-01-01 time:inXSDgYear "2023"^^xsd:gYear',
    ),
    Case(
        "instant-with-two-dates",
        (R("instant:2025-12-02", "MaxCount", "InstantShape/time:inXSDDate"),),
        add='instant:2025-12-02 time:inXSDDate "2025-12-03"^^xsd:date',
    ),
    Case(
        "instant-date-ill-typed",
        (R("instant:2025-12-02", "Datatype", "InstantShape/time:inXSDDate"),),
        **replace("instant:2025-12-02", "time:inXSDDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "instant-date-plain-string",
        (R("instant:2023-01-01", "Datatype", "InstantShape/time:inXSDDate"),),
        **rewrite("instant:2023-01-01", "time:inXSDDate", "STR(?old)"),
    ),
    Case(
        "ill-typed-dates-loaded-from-turtle",
        (
            R("instant:2025-13-45", "Datatype", "InstantShape/time:inXSDDate"),
            R("event:impossible-day", "Datatype", "EventShape/schema:startDate"),
        ),
        fixture="ill-typed-dates.ttl",
    ),
    Case(
        "instant-with-two-year-months",
        (R("instant:2024-01", "MaxCount", "InstantShape/time:inXSDgYearMonth"),),
        add='instant:2024-01 time:inXSDgYearMonth "2024-02"^^xsd:gYearMonth',
    ),
    Case(
        "year-month-typed-as-date",
        (R("instant:2024-01", "Datatype", "InstantShape/time:inXSDgYearMonth"),),
        **rewrite("instant:2024-01", "time:inXSDgYearMonth", "STRDT(STR(?old), xsd:date)"),
    ),
    # rdflib does not check the lexical forms of xsd:gYearMonth and xsd:gYear, so sh:datatype lets
    # ill-typed ones pass in pySHACL; the shapes' sh:pattern catches them.
    Case(
        "year-month-ill-typed",
        (R("instant:2024-01", "Pattern", "InstantShape/time:inXSDgYearMonth"),),
        **replace("instant:2024-01", "time:inXSDgYearMonth", '"2024-13"^^xsd:gYearMonth'),
    ),
    Case(
        "instant-with-two-years",
        (R("instant:2023", "MaxCount", "InstantShape/time:inXSDgYear"),),
        add='instant:2023 time:inXSDgYear "2022"^^xsd:gYear',
    ),
    Case(
        "year-as-integer",
        (R("instant:2023", "Datatype", "InstantShape/time:inXSDgYear"),),
        **replace("instant:2023", "time:inXSDgYear", "2023"),
    ),
    Case(
        "year-in-roman-numerals",
        (R("instant:mmxxiii", "Pattern", "InstantShape/time:inXSDgYear"),),
        add='instant:mmxxiii a time:Instant ; rdfs:label "MMXXIII"@en ; time:inXSDgYear "MMXXIII"^^xsd:gYear',
    ),
    Case(
        "year-ill-typed",
        (R("instant:2023", "Pattern", "InstantShape/time:inXSDgYear"),),
        **replace("instant:2023", "time:inXSDgYear", '"20x3"^^xsd:gYear'),
    ),
    # -- events and places -----------------------------------------------------------------------
    Case(
        "event-without-name",
        (R(ISSUE, "MinCount", "EventShape/schema:name"),),
        remove=f"{ISSUE} schema:name ?n",
    ),
    Case(
        "event-name-without-language",
        (R(SUMMIT, "Datatype", "EventShape/schema:name"),),
        **rewrite(SUMMIT, "schema:name", "STR(?old)"),
    ),
    Case(
        "event-without-start-date",
        (R(ISSUE, "MinCount", "EventShape/schema:startDate"),),
        remove=f"{ISSUE} schema:startDate ?d",
    ),
    Case(
        "event-with-two-start-dates",
        (R(SUMMIT, "MaxCount", "EventShape/schema:startDate", severity="Warning"),),
        add=f'{SUMMIT} schema:startDate "2025-12-01"^^xsd:date',
    ),
    Case(
        "event-start-date-ill-typed",
        (R(ISSUE, "Datatype", "EventShape/schema:startDate"),),
        **replace(ISSUE, "schema:startDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "event-with-end-start-date-ill-typed",
        (R(SUMMIT, "Datatype", "EventShape/schema:startDate"),),
        **replace(SUMMIT, "schema:startDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "event-with-start-end-date-ill-typed",
        (R(SUMMIT, "Datatype", "EventShape/schema:endDate"),),
        **replace(SUMMIT, "schema:endDate", '"2025-12-32"^^xsd:date'),
    ),
    Case(
        "event-ends-before-it-starts",
        (R(SUMMIT, "SPARQL", "EventShape"),),
        **replace(SUMMIT, "schema:endDate", '"2025-12-01"^^xsd:date'),
    ),
    Case(
        "event-with-two-end-dates",
        (R(SUMMIT, "MaxCount", "EventShape/schema:endDate", severity="Warning"),),
        add=f'{SUMMIT} schema:endDate "2025-12-04"^^xsd:date',
    ),
    Case(
        "event-end-date-plain-string",
        (R(SUMMIT, "Datatype", "EventShape/schema:endDate"),),
        **rewrite(SUMMIT, "schema:endDate", "STR(?old)"),
    ),
    Case(
        "event-without-place",
        (R(ISSUE, "MinCount", "EventShape/schema:location"),),
        remove=f"{ISSUE} schema:location ?l",
    ),
    Case(
        "event-place-is-a-name",
        (R(SUMMIT, "Class", "EventShape/schema:location"),),
        **replace(SUMMIT, "schema:location", '"Seoul"@en'),
    ),
    Case(
        "place-without-name",
        (R("place:london", "MinCount", "PlaceShape/schema:name"),),
        remove="place:london schema:name ?n",
    ),
    Case(
        "place-name-without-language",
        (R("place:london", "Datatype", "PlaceShape/schema:name"),),
        **rewrite("place:london", "schema:name", "STR(?old)"),
    ),
    Case(
        "place-inside-an-organization",
        (R("place:geneva", "Class", "PlaceShape/schema:containedInPlace"),),
        add="place:geneva schema:containedInPlace stdorg:iso",
    ),
    # -- the statement ---------------------------------------------------------------------------
    Case(
        "two-commitments-with-the-same-position",
        (R(ST, "SPARQL", "StatementShape"),),
        **replace(f"{CO}2", "schema:position", "1"),
    ),
    Case(
        "statement-without-name",
        (R(ST, "MinCount", "StatementShape/schema:name"),),
        remove=f"{ST} schema:name ?n",
    ),
    Case(
        "statement-name-without-language",
        (R(ST, "Datatype", "StatementShape/schema:name"),),
        **rewrite(ST, "schema:name", "STR(?old)"),
    ),
    Case(
        "statement-by-one-organization",
        (R(ST, "MinCount", "StatementShape/schema:creator"),),
        remove=f"{ST} schema:creator ?c",
        remove_where=f"{ST} schema:creator ?c FILTER (?c != stdorg:iso)",
    ),
    Case(
        "statement-by-a-person",
        (R(ST, "Class", "StatementShape/schema:creator"),),
        add=f"{ST} schema:creator person:jo-cops",
    ),
    Case(
        "statement-without-date",
        (R(ST, "MinCount", "StatementShape/schema:datePublished"),),
        remove=f"{ST} schema:datePublished ?d",
    ),
    Case(
        "statement-with-two-dates",
        (R(ST, "MaxCount", "StatementShape/schema:datePublished"),),
        add=f'{ST} schema:datePublished "2025-12-03"^^xsd:date',
    ),
    Case(
        "statement-date-ill-typed",
        (R(ST, "Datatype", "StatementShape/schema:datePublished"),),
        **replace(ST, "schema:datePublished", '"2025-12-32"^^xsd:date'),
    ),
    Case(
        "statement-with-a-quotation-as-part",
        (R(ST, "Class", "StatementShape/schema:hasPart"),),
        add=f"{ST} schema:hasPart {QU}cho",
    ),
    Case(
        "statement-without-themes",
        (R(ST, "MinCount", "StatementShape/schema:about", severity="Warning"),),
        remove=f"{ST} schema:about ?t",
    ),
    Case(
        "statement-about-a-person",
        (R(ST, "Class", "StatementShape/schema:about", severity="Warning"),),
        add=f"{ST} schema:about person:jo-cops",
    ),
    # -- commitments -----------------------------------------------------------------------------
    Case(
        "commitment-without-text",
        (R(f"{CO}2", "MinCount", "CommitmentShape/schema:text"),),
        remove=f"{CO}2 schema:text ?t",
    ),
    Case(
        "commitment-with-two-texts",
        (R(f"{CO}2", "MaxCount", "CommitmentShape/schema:text"), verbatim(f"{CO}2")),
        add=f'{CO}2 schema:text "Approfondir la compréhension des liens entre normes et droits humains."@fr',
    ),
    Case(
        "commitment-text-without-language",
        (R(f"{CO}2", "Datatype", "CommitmentShape/schema:text"),),
        **rewrite(f"{CO}2", "schema:text", "STR(?old)"),
    ),
    Case(
        "commitment-with-empty-text",
        (R(f"{CO}2", "MinLength", "CommitmentShape/schema:text"), verbatim(f"{CO}2")),
        **replace(f"{CO}2", "schema:text", '""@en'),
    ),
    Case(
        "commitment-text-not-verbatim",
        (verbatim(f"{CO}1"),),
        **replace(f"{CO}1", "schema:text", '"Incorporate socio-technical dimensions in standards."@en'),
    ),
    Case(
        "commitment-without-position",
        (R(f"{CO}3", "MinCount", "CommitmentShape/schema:position"),),
        remove=f"{CO}3 schema:position ?p",
    ),
    Case(
        "commitment-with-two-positions",
        (R(f"{CO}4", "MaxCount", "CommitmentShape/schema:position"),),
        add=f"{CO}4 schema:position 5",
    ),
    Case(
        "commitment-position-as-decimal",
        (R(f"{CO}4", "Datatype", "CommitmentShape/schema:position"),),
        **replace(f"{CO}4", "schema:position", "4.0"),
    ),
    Case(
        "commitment-position-as-string",
        (
            R(f"{CO}4", "Datatype", "CommitmentShape/schema:position"),
            R(f"{CO}4", "MinInclusive", "CommitmentShape/schema:position"),
        ),
        **replace(f"{CO}4", "schema:position", '"4"'),
    ),
    Case(
        "commitment-position-zero",
        (R(f"{CO}1", "MinInclusive", "CommitmentShape/schema:position"),),
        **replace(f"{CO}1", "schema:position", "0"),
    ),
    Case(
        "commitment-without-committer",
        (R(f"{CO}1", "MinCount", "CommitmentShape/stdkg:committedBy"),),
        remove=f"{CO}1 stdkg:committedBy ?a",
    ),
    Case(
        "commitment-committed-by-a-name",
        (R(f"{CO}1", "Class", "CommitmentShape/stdkg:committedBy"),),
        add=f'{CO}1 stdkg:committedBy "ISO"',
    ),
    Case(
        "commitment-outside-a-statement",
        (R(f"{CO}4", "MinCount", "CommitmentShape/schema:isPartOf"),),
        remove=f"{CO}4 schema:isPartOf ?s",
    ),
    Case(
        "commitment-part-of-two-works",
        (
            R(f"{CO}4", "MaxCount", "CommitmentShape/schema:isPartOf"),
            R(f"{CO}4", "Class", "CommitmentShape/schema:isPartOf"),
        ),
        add=f"{CO}4 schema:isPartOf {PR}",
    ),
    Case(
        "commitment-part-of-an-event",
        (R(f"{CO}4", "Class", "CommitmentShape/schema:isPartOf"),),
        **replace(f"{CO}4", "schema:isPartOf", SUMMIT),
    ),
    Case(
        "commitment-without-evidence",
        (R(f"{CO}3", "MinCount", "CommitmentShape/stdkg:textEvidence"),),
        remove=f"{CO}3 stdkg:textEvidence ?e",
    ),
    Case(
        "commitment-with-two-evidence-spans",
        (R(f"{CO}3", "MaxCount", "CommitmentShape/stdkg:textEvidence"), verbatim(f"{CO}3")),
        add=f"{CO}3 stdkg:textEvidence {EV}commitment-4",
    ),
    Case(
        "commitment-evidence-is-the-whole-document",
        (R(f"{CO}3", "Class", "CommitmentShape/stdkg:textEvidence"),),
        **replace(f"{CO}3", "stdkg:textEvidence", PR),
    ),
    # -- quotations and attributions -------------------------------------------------------------
    Case(
        "quotation-without-words-or-parts",
        (R(f"{QU}cho", "Or", "QuotationShape"),),
        remove=f"{QU}cho schema:hasPart ?p",
    ),
    Case(
        "quotation-without-speaker",
        (R(f"{QU}cho", "MinCount", "QuotationShape/schema:creator"),),
        remove=f"{QU}cho schema:creator ?c",
    ),
    Case(
        "quotation-part-without-speaker",
        (R(f"{QU}onoe-2", "MinCount", "QuotationShape/schema:creator"),),
        remove=f"{QU}onoe-2 schema:creator ?c",
    ),
    Case(
        "quotation-with-two-speakers",
        (R(f"{QU}cho", "MaxCount", "QuotationShape/schema:creator"),),
        add=f"{QU}cho schema:creator person:jo-cops",
    ),
    Case(
        "quotation-by-an-organization",
        (R(f"{QU}cho", "Class", "QuotationShape/schema:creator"),),
        **replace(f"{QU}cho", "schema:creator", "stdorg:iso"),
    ),
    Case(
        "quotation-with-two-texts",
        (R(f"{QU}cho-1", "MaxCount", "QuotationShape/schema:text"), verbatim(f"{QU}cho-1")),
        add=f'{QU}cho-1 schema:text "AI has the potential to bring profound benefits."@en',
    ),
    Case(
        "quotation-text-without-language",
        (R(f"{QU}cho-1", "Datatype", "QuotationShape/schema:text"),),
        **rewrite(f"{QU}cho-1", "schema:text", "STR(?old)"),
    ),
    Case(
        "quotation-without-evidence",
        (R(f"{QU}cho-1", "Or", "QuotedTextEvidenceShape"), R(f"{QU}cho-1", "Or", NO_PROV)),
        remove=f"{QU}cho-1 stdkg:textEvidence ?e",
    ),
    Case(
        "quotation-with-a-source-but-without-evidence",
        (R(f"{QU}cops-2", "Or", "QuotedTextEvidenceShape"),),
        remove=f"{QU}cops-2 stdkg:textEvidence ?e",
        add=f"{QU}cops-2 prov:wasDerivedFrom {PR}",
    ),
    Case(
        "quotation-text-not-verbatim",
        (verbatim(f"{QU}onoe-1"),),
        **rewrite(f"{QU}onoe-1", "schema:text", 'STRLANG(REPLACE(STR(?old), "principles", "values"), "en")'),
    ),
    Case(
        "attribution-without-agent",
        (R(f"{QU}cho-attribution", "MinCount", "AttributionShape/prov:agent"),),
        remove=f"{QU}cho-attribution prov:agent ?a",
    ),
    Case(
        "attribution-with-two-agents",
        (R(f"{QU}cho-attribution", "MaxCount", "AttributionShape/prov:agent"),),
        add=f"{QU}cho-attribution prov:agent person:jo-cops",
    ),
    Case(
        "attribution-with-two-roles",
        (R(f"{QU}cho-attribution", "MaxCount", "AttributionShape/prov:hadRole"),),
        add=f"{QU}cho-attribution prov:hadRole role:director",
    ),
    Case(
        "attribution-role-is-a-post",
        (R(f"{QU}cho-attribution", "Class", "AttributionShape/prov:hadRole"),),
        **replace(f"{QU}cho-attribution", "prov:hadRole", "post:iso-president"),
    ),
    Case(
        "attribution-in-two-capacities",
        (R(f"{QU}cops-attribution", "MaxCount", "AttributionShape/stdkg:inCapacity"),),
        add=f"{QU}cops-attribution stdkg:inCapacity post:iso-president",
    ),
    Case(
        "attribution-capacity-is-a-role",
        (R(f"{QU}cops-attribution", "Class", "AttributionShape/stdkg:inCapacity"),),
        **replace(f"{QU}cops-attribution", "stdkg:inCapacity", "role:president"),
    ),
    # -- sources and evidence --------------------------------------------------------------------
    Case(
        "source-without-url",
        (R("source:wikipedia-iso", "MinCount", "SourceDocumentShape/schema:url"),),
        remove="source:wikipedia-iso schema:url ?u",
    ),
    Case(
        "source-with-two-urls",
        (R("source:wikipedia-iso", "MaxCount", "SourceDocumentShape/schema:url"),),
        add='source:wikipedia-iso schema:url "https://fr.wikipedia.org/wiki/ISO"^^xsd:anyURI',
    ),
    Case(
        "source-url-plain-string",
        (R(PR, "Datatype", "SourceDocumentShape/schema:url"),),
        **rewrite(PR, "schema:url", "STR(?old)"),
    ),
    Case(
        "source-with-two-dates",
        (R(PR, "MaxCount", "SourceDocumentShape/schema:datePublished"),),
        add=f'{PR} schema:datePublished "2025-12-01"^^xsd:date',
    ),
    Case(
        "source-date-ill-typed",
        (R(PR, "Or", "SourceDocumentShape/schema:datePublished"),),
        **replace(PR, "schema:datePublished", '"2025-02-30"^^xsd:date'),
    ),
    Case(
        "evidence-without-source",
        (R(f"{EV}cho-1", "MinCount", "EvidenceShape/oa:hasSource"),),
        remove=f"{EV}cho-1 oa:hasSource ?s",
    ),
    Case(
        "evidence-with-two-sources",
        (R(f"{EV}cho-1", "MaxCount", "EvidenceShape/oa:hasSource"),),
        add=f"{EV}cho-1 oa:hasSource source:wikipedia-iso",
    ),
    Case(
        "evidence-in-unrecorded-source",
        (R(f"{EV}cho-1", "Or", "EvidenceShape/oa:hasSource"),),
        **replace(
            f"{EV}cho-1", "oa:hasSource", "<https://www.prnewswire.co.uk/news-releases/302629226.html>"
        ),
    ),
    Case(
        "evidence-without-quote-selector",
        (R(f"{EV}cho-1", "QualifiedMinCount", "EvidenceShape/oa:hasSelector[oa:TextQuoteSelector]"),),
        remove=f"{EV}cho-1 oa:hasSelector {EV}cho-1-quote",
    ),
    Case(
        "evidence-with-two-quote-selectors",
        (R(f"{EV}cho-1", "QualifiedMaxCount", "EvidenceShape/oa:hasSelector[oa:TextQuoteSelector]"),),
        add=f"{EV}cho-1 oa:hasSelector evidence:copy-quote . evidence:copy-quote a oa:TextQuoteSelector ; "
        "oa:exact ?exact",
        add_where=f"{EV}cho-1-quote oa:exact ?exact",
    ),
    Case(
        "evidence-without-position-selector",
        (R(f"{EV}cho-1", "QualifiedMinCount", "EvidenceShape/oa:hasSelector[oa:TextPositionSelector]"),),
        remove=f"{EV}cho-1 oa:hasSelector {EV}cho-1-position",
    ),
    Case(
        "evidence-with-two-position-selectors",
        (R(f"{EV}cho-1", "QualifiedMaxCount", "EvidenceShape/oa:hasSelector[oa:TextPositionSelector]"),),
        add=f"{EV}cho-1 oa:hasSelector evidence:copy-position . evidence:copy-position a "
        "oa:TextPositionSelector ; oa:start ?start ; oa:end ?end",
        add_where=f"{EV}cho-1-position oa:start ?start ; oa:end ?end",
    ),
    Case(
        "quote-selector-without-exact",
        (R(f"{EV}cho-1-quote", "MinCount", "TextQuoteSelectorShape/oa:exact"),),
        remove=f"{EV}cho-1-quote oa:exact ?e",
    ),
    Case(
        "quote-selector-with-two-exacts",
        (R(f"{EV}cho-1-quote", "MaxCount", "TextQuoteSelectorShape/oa:exact"), verbatim(f"{QU}cho-1")),
        add=f'{EV}cho-1-quote oa:exact "AI has the potential"',
    ),
    Case(
        "quote-selector-exact-with-language",
        (R(f"{EV}cho-1-quote", "Datatype", "TextQuoteSelectorShape/oa:exact"),),
        **rewrite(f"{EV}cho-1-quote", "oa:exact", 'STRLANG(?old, "en")'),
    ),
    Case(
        "quote-selector-empty-exact",
        (R(f"{EV}cho-1-quote", "MinLength", "TextQuoteSelectorShape/oa:exact"), verbatim(f"{QU}cho-1")),
        **replace(f"{EV}cho-1-quote", "oa:exact", '""'),
    ),
    Case(
        "quote-selector-with-two-prefixes",
        (R(f"{EV}cho-2-quote", "MaxCount", "TextQuoteSelectorShape/oa:prefix"),),
        add=f'{EV}cho-2-quote oa:prefix "said Dr Sung Hwan Cho. \\""',
    ),
    Case(
        "quote-selector-prefix-with-language",
        (R(f"{EV}cho-2-quote", "Datatype", "TextQuoteSelectorShape/oa:prefix"),),
        **rewrite(f"{EV}cho-2-quote", "oa:prefix", 'STRLANG(?old, "en")'),
    ),
    Case(
        "quote-selector-with-two-suffixes",
        (R(f"{EV}cho-2-quote", "MaxCount", "TextQuoteSelectorShape/oa:suffix"),),
        add=f'{EV}cho-2-quote oa:suffix "\\" end"',
    ),
    Case(
        "quote-selector-suffix-with-language",
        (R(f"{EV}cho-2-quote", "Datatype", "TextQuoteSelectorShape/oa:suffix"),),
        **rewrite(f"{EV}cho-2-quote", "oa:suffix", 'STRLANG(?old, "en")'),
    ),
    Case(
        "position-selector-without-start",
        (R(f"{EV}cho-1-position", "MinCount", "TextPositionSelectorShape/oa:start"),),
        remove=f"{EV}cho-1-position oa:start ?s",
    ),
    Case(
        "position-selector-with-two-starts",
        (R(f"{EV}cho-1-position", "MaxCount", "TextPositionSelectorShape/oa:start"),),
        add=f"{EV}cho-1-position oa:start ?next",
        add_where=f"{EV}cho-1-position oa:start ?s BIND (?s + 1 AS ?next)",
    ),
    Case(
        "position-selector-start-typed-non-negative-integer",
        (R(f"{EV}cho-1-position", "Datatype", "TextPositionSelectorShape/oa:start"),),
        **rewrite(f"{EV}cho-1-position", "oa:start", "STRDT(STR(?old), xsd:nonNegativeInteger)"),
    ),
    Case(
        "position-selector-start-negative",
        (R(f"{EV}cho-1-position", "MinInclusive", "TextPositionSelectorShape/oa:start"),),
        **replace(f"{EV}cho-1-position", "oa:start", "-1"),
    ),
    Case(
        "position-selector-start-not-before-end",
        (R(f"{EV}cho-1-position", "LessThan", "TextPositionSelectorShape/oa:start"),),
        remove=f"{EV}cho-1-position oa:start ?s",
        add=f"{EV}cho-1-position oa:start ?end",
        add_where=f"{EV}cho-1-position oa:end ?end",
    ),
    Case(
        "position-selector-without-end",
        (R(f"{EV}cho-1-position", "MinCount", "TextPositionSelectorShape/oa:end"),),
        remove=f"{EV}cho-1-position oa:end ?e",
    ),
    Case(
        "position-selector-with-two-ends",
        (R(f"{EV}cho-1-position", "MaxCount", "TextPositionSelectorShape/oa:end"),),
        add=f"{EV}cho-1-position oa:end ?next",
        add_where=f"{EV}cho-1-position oa:end ?e BIND (?e + 1 AS ?next)",
    ),
    Case(
        "position-selector-end-as-decimal",
        (R(f"{EV}cho-1-position", "Datatype", "TextPositionSelectorShape/oa:end"),),
        **rewrite(f"{EV}cho-1-position", "oa:end", "STRDT(STR(?old), xsd:decimal)"),
    ),
    Case(
        "position-selector-end-negative",
        (
            R(f"{EV}cho-1-position", "MinInclusive", "TextPositionSelectorShape/oa:end"),
            R(f"{EV}cho-1-position", "LessThan", "TextPositionSelectorShape/oa:start"),
        ),
        **replace(f"{EV}cho-1-position", "oa:end", "-1"),
    ),
    # -- concepts --------------------------------------------------------------------------------
    Case(
        "concept-without-preferred-label",
        (R("theme:trust", "MinCount", "ConceptShape/skos:prefLabel"),),
        remove="theme:trust skos:prefLabel ?l",
    ),
    Case(
        "concept-without-definition",
        (R("theme:trust", "QualifiedMinCount", "ConceptShape/skos:definition[@en]"),),
        remove="theme:trust skos:definition ?d",
    ),
    Case(
        "concept-definition-only-in-french",
        (R("value:fair", "QualifiedMinCount", "ConceptShape/skos:definition[@en]"),),
        **replace("value:fair", "skos:definition", '"Qui traite chacun avec équité."@fr'),
    ),
    Case(
        "concept-outside-scheme",
        (R("theme:trust", "MinCount", "ConceptShape/skos:inScheme"),),
        remove="theme:trust skos:inScheme ?s",
    ),
    Case(
        "concept-in-unrecorded-scheme",
        (R("theme:trust", "Class", "ConceptShape/skos:inScheme"),),
        **replace("theme:trust", "skos:inScheme", "scheme:theme"),
    ),
]


# -- the cases: ontology shapes ---------------------------------------------------------------

TERM = "OntologyTermShape"
HEADER = "OntologyHeaderShape"


def onto(id: str, expected: tuple[Hit, ...], **kwargs: Any) -> Case:
    return Case(id, expected, load=("ontology",), shapes=ONTOLOGY_SHAPES, **kwargs)


def header_case(prop: str, kind: str, expected_component: str, **kwargs: Any) -> Case:
    slug = prop.split(":", 1)[1].lower()
    return onto(
        f"ontology-header-{kind}-{slug}", (R(ONTOLOGY, expected_component, f"{HEADER}/{prop}"),), **kwargs
    )


ONTOLOGY_CASES: list[Case] = [
    onto(
        "term-without-label",
        (R("stdkg:post", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),),
        remove="stdkg:post rdfs:label ?l",
    ),
    onto(
        "term-with-two-english-labels",
        (R("stdkg:post", "QualifiedMaxCount", f"{TERM}/rdfs:label[@en]"),),
        add='stdkg:post rdfs:label "held post"@en',
    ),
    onto(
        "term-label-without-language",
        (
            R("stdkg:Commitment", "Datatype", f"{TERM}/rdfs:label"),
            R("stdkg:Commitment", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),
        ),
        **rewrite("stdkg:Commitment", "rdfs:label", "STR(?old)"),
    ),
    onto(
        "term-without-definition",
        (R("stdkg:headquarters", "QualifiedMinCount", f"{TERM}/skos:definition[@en]"),),
        remove="stdkg:headquarters skos:definition ?d",
    ),
    onto(
        "term-with-two-english-definitions",
        (R("stdkg:headquarters", "QualifiedMaxCount", f"{TERM}/skos:definition[@en]"),),
        add='stdkg:headquarters skos:definition "Links an organization to its seat."@en',
    ),
    onto(
        "term-definition-not-a-sentence",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **replace("stdkg:JointStatement", "skos:definition", '"a statement issued by several bodies"@en'),
    ),
    onto(
        "term-definition-without-full-stop",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **rewrite("stdkg:JointStatement", "skos:definition", 'STRLANG(REPLACE(STR(?old), "[.]$", ""), "en")'),
    ),
    onto(
        "term-definition-on-two-lines",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **replace(
            "stdkg:JointStatement", "skos:definition", '"A statement issued by two\\nor more bodies."@en'
        ),
    ),
    onto(
        "term-without-defined-by",
        (R("stdkg:textEvidence", "HasValue", f"{TERM}/rdfs:isDefinedBy"),),
        remove="stdkg:textEvidence rdfs:isDefinedBy ?o",
    ),
    onto(
        "term-defined-by-another-ontology",
        (R("stdkg:textEvidence", "HasValue", f"{TERM}/rdfs:isDefinedBy"),),
        **replace("stdkg:textEvidence", "rdfs:isDefinedBy", "<http://www.w3.org/ns/oa#>"),
    ),
    onto(
        "new-term-declared-bare",
        (
            R("stdkg:issuedAt", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),
            R("stdkg:issuedAt", "QualifiedMinCount", f"{TERM}/skos:definition[@en]"),
            R("stdkg:issuedAt", "HasValue", f"{TERM}/rdfs:isDefinedBy"),
        ),
        fixture="bare-ontology-term.ttl",
    ),
    onto("ontology-not-declared", (R(ONTOLOGY, "Class", HEADER),), remove=f"{ONTOLOGY} a owl:Ontology"),
    header_case("dcterms:title", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:title ?v"),
    header_case("dcterms:title", "untagged", "Datatype", **rewrite(ONTOLOGY, "dcterms:title", "STR(?old)")),
    header_case("dcterms:description", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:description ?v"),
    header_case(
        "dcterms:description", "untagged", "Datatype", **rewrite(ONTOLOGY, "dcterms:description", "STR(?old)")
    ),
    header_case("dcterms:creator", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:creator ?v"),
    header_case("dcterms:created", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:created ?v"),
    header_case(
        "dcterms:created", "two", "MaxCount", add=f'{ONTOLOGY} dcterms:created "2026-01-01"^^xsd:date'
    ),
    header_case(
        "dcterms:created",
        "ill-typed",
        "Datatype",
        **replace(ONTOLOGY, "dcterms:created", '"2026-11-31"^^xsd:date'),
    ),
    header_case("dcterms:modified", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:modified ?v"),
    header_case(
        "dcterms:modified", "two", "MaxCount", add=f'{ONTOLOGY} dcterms:modified "2026-01-01"^^xsd:date'
    ),
    header_case(
        "dcterms:modified",
        "datetime",
        "Datatype",
        **replace(ONTOLOGY, "dcterms:modified", '"2026-11-25T12:00:00Z"^^xsd:dateTime'),
    ),
    header_case("dcterms:license", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:license ?v"),
    header_case(
        "dcterms:license", "literal", "NodeKind", **replace(ONTOLOGY, "dcterms:license", '"CC BY 4.0"')
    ),
    header_case("owl:versionIRI", "without", "MinCount", remove=f"{ONTOLOGY} owl:versionIRI ?v"),
    header_case(
        "owl:versionIRI",
        "two",
        "MaxCount",
        add=f"{ONTOLOGY} owl:versionIRI <https://w3id.org/stdkg/ns/0.0.9>",
    ),
    header_case("owl:versionIRI", "literal", "NodeKind", **rewrite(ONTOLOGY, "owl:versionIRI", "STR(?old)")),
    header_case("owl:versionInfo", "without", "MinCount", remove=f"{ONTOLOGY} owl:versionInfo ?v"),
    header_case("owl:versionInfo", "two", "MaxCount", add=f'{ONTOLOGY} owl:versionInfo "0.0.9"'),
    header_case(
        "vann:preferredNamespacePrefix",
        "without",
        "MinCount",
        remove=f"{ONTOLOGY} vann:preferredNamespacePrefix ?v",
    ),
    header_case(
        "vann:preferredNamespacePrefix",
        "two",
        "MaxCount",
        add=f'{ONTOLOGY} vann:preferredNamespacePrefix "skg"',
    ),
    header_case(
        "vann:preferredNamespaceUri",
        "without",
        "MinCount",
        remove=f"{ONTOLOGY} vann:preferredNamespaceUri ?v",
    ),
    header_case(
        "vann:preferredNamespaceUri",
        "two",
        "MaxCount",
        add=f'{ONTOLOGY} vann:preferredNamespaceUri "https://w3id.org/stdkg/ns/"',
    ),
]

CASES = DATA_CASES + ONTOLOGY_CASES


def params(cases: list[Case]) -> Iterator[Any]:
    for case in cases:
        marks = (
            [pytest.mark.xfail(strict=True, reason=case.xfail, raises=AssertionError)] if case.xfail else []
        )
        yield pytest.param(case, id=case.id, marks=marks)


# -- tests ------------------------------------------------------------------------------------


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_bundled_graph_conforms_to_the_data_shapes(bundled_kg: stdkg.KG) -> None:
    import pyshacl

    conforms, _report, text = pyshacl.validate(
        bundled_kg.rdflib_graph, shacl_graph=shapes_graph(DATA_SHAPES), advanced=True
    )
    assert conforms, text


def test_ontology_conforms_to_the_ontology_shapes() -> None:
    import pyshacl

    ontology = stdkg.load([stdkg.Layout.bundled().ontology_dir]).rdflib_graph
    conforms, _report, text = pyshacl.validate(
        ontology, shacl_graph=shapes_graph(ONTOLOGY_SHAPES), advanced=True
    )
    assert conforms, text


def test_ontology_shapes_target_every_term_of_ours() -> None:
    """Every IRI of our namespace described in ontology/ is a focus node of the term shape."""
    import rdflib

    sh = rdflib.Namespace(SH)
    shapes = shapes_graph(ONTOLOGY_SHAPES)
    target = shapes.value(shapes.value(rdflib.URIRef(SHAPE_NS + TERM), sh.target), sh.select)
    ontology = base_graph(("ontology",))
    targeted = {curie(row[0]) for row in ontology.query(str(target))}
    ours = {curie(s) for s in ontology.subjects() if str(s).startswith(stdkg.kg.NS)}
    assert targeted == ours
    assert {"stdkg:JointStatement", "stdkg:Commitment", "stdkg:committedBy", "stdkg:post"} <= targeted


@pytest.mark.parametrize("case", list(params(CASES)))
def test_shape_rejects_the_planted_mistake(case: Case) -> None:
    assert validate(case.graph(), case.shapes) == sorted(case.expected, key=str)


@pytest.mark.parametrize("shapes_name", [DATA_SHAPES, ONTOLOGY_SHAPES])
def test_every_constraint_has_a_case(shapes_name: str) -> None:
    """Each constraint of the shapes file is the expected source of a result in a passing case."""
    defined = constraints(shapes_graph(shapes_name))
    covered = {
        (hit.shape, hit.component)
        for case in CASES
        if case.shapes == shapes_name and not case.xfail
        for hit in case.expected
    }
    assert sorted(covered - defined) == [], "cases expect constraints that the shapes do not have"
    assert sorted(defined - covered) == [], "constraints without a case"


def test_turtle_fixture_keeps_ill_typed_dates() -> None:
    """Loaded through stdkg.load (Oxigraph), an ill-typed date reaches pySHACL unchanged."""
    import rdflib

    graph = base_graph(("ontology", "data"), "ill-typed-dates.ttl")
    xsd_date = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#date")
    with quiet():
        bad = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and str(o) == "2025-13-45"]
    assert len(bad) == 2
    assert all(o.datatype == xsd_date and o.ill_typed for o in bad)
