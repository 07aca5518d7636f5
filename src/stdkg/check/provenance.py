"""The checks that every fact is traceable: provenance, claims, sources, evidence texts and spans.

*A fact node* is an instance of a class that the ontology marks ``stdkg:provenanceRequired true``
(or of a subclass of one). The SHACL provenance shape targets the same classes (a test keeps them
equal) and so does the ``facts-without-provenance`` query: one definition for all three. A fact
node is traced when it cites a source or evidence span itself (records that are claims:
memberships, events, statements, commitments, quotations) or when a claim states a triple about it
(real-world things: organizations, people, posts, places).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import claims as cl
from ..quotes import check_span, clip
from ..sources import MAX_SNAPSHOT, registered, sha256, snapshot_path
from .outcome import SKIPPED, SPARQL_PREFIXES, CheckOutcome, node_id, node_outcome

if TYPE_CHECKING:
    from ..kg import KG, Layout

_FACT_CLASSES = SPARQL_PREFIXES + "SELECT ?c WHERE { ?c stdkg:provenanceRequired true } ORDER BY ?c"
_CITATIONS = "prov:wasDerivedFrom prov:hadPrimarySource prov:wasQuotedFrom stdkg:textEvidence"


def fact_classes(kg: KG) -> list[str]:
    """The classes whose instances must be traced, as the graph's ontology (else the bundled one) marks them."""
    found = [row["c"].value for row in kg.query(_FACT_CLASSES)]
    if found:
        return found
    return _bundled_fact_classes(kg.layout)


def _bundled_fact_classes(layout: Layout) -> list[str]:
    from ..kg import Layout as LayoutClass
    from ..kg import load

    bundled = LayoutClass.bundled()
    for candidate in (layout, bundled):
        if candidate.ontology_dir.is_dir():
            onto = load([candidate.ontology_dir], layout=candidate)
            found = [row["c"].value for row in onto.query(_FACT_CLASSES)]
            if found:
                return found
    return []


def check_provenance(kg: KG) -> CheckOutcome:
    """Fact nodes that cite no source and about which no claim states anything."""
    from ..names import shorten
    from ..validate import labels

    classes = " ".join(f"<{c}>" for c in fact_classes(kg))
    rows = kg.query(
        SPARQL_PREFIXES + f"SELECT DISTINCT ?n ?c WHERE {{ VALUES ?c {{ {classes} }} "
        "?n rdf:type ?t . ?t rdfs:subClassOf* ?c "
        f"FILTER NOT EXISTS {{ ?n ?p ?src . VALUES ?p {{ {_CITATIONS} }} }} "
        "FILTER NOT EXISTS { ?st rdf:subject ?n . ?claim stdkg:states ?st } "
        "} ORDER BY ?n ?c"
    )
    missing: dict[str, list[str]] = {}
    for row in rows:
        missing.setdefault(node_id(row["n"]), []).append(shorten(row["c"].value))
    return node_outcome(
        kg,
        "provenance",
        missing,
        lambda n, cs: f"{' / '.join(cs)} that cites no source and has no claim about it",
        "fact nodes without provenance",
        "every fact node has a recorded source",
        labels,
    )


def check_claims(kg: KG) -> CheckOutcome:
    """Claims state triples that are in the graph and derive from a span or a source; disagreements warn."""
    from ..validate import labels

    problems: dict[str, list[str]] = {}
    for row in kg.query(
        SPARQL_PREFIXES + "SELECT ?c ?s ?p ?o WHERE { ?c stdkg:states ?st . "
        "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o FILTER NOT EXISTS { ?s ?p ?o } } ORDER BY ?c"
    ):
        problems.setdefault(node_id(row["c"]), []).append(
            f"states {row['s']} {row['p']} {clip(str(row['o']))}, which is not in the graph"
        )
    for row in kg.query(
        SPARQL_PREFIXES + "SELECT ?c WHERE { ?c rdf:type stdkg:Claim "
        "FILTER NOT EXISTS { ?c stdkg:states ?st } } ORDER BY ?c"
    ):
        problems.setdefault(node_id(row["c"]), []).append("states no triple")
    for row in kg.query(
        SPARQL_PREFIXES + "SELECT ?c WHERE { ?c rdf:type stdkg:Claim "
        "FILTER NOT EXISTS { ?c prov:wasDerivedFrom ?d } } ORDER BY ?c"
    ):
        problems.setdefault(node_id(row["c"]), []).append("cites no evidence span and no source")
    counts = next(
        iter(
            kg.query(
                SPARQL_PREFIXES + "SELECT (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?st) AS ?triples) "
                "(COUNT(DISTINCT ?bare) AS ?unquoted) WHERE { ?c rdf:type stdkg:Claim . "
                "OPTIONAL { ?c stdkg:states ?st } "
                "OPTIONAL { ?c prov:wasDerivedFrom ?bare FILTER NOT EXISTS { ?bare oa:hasSelector ?sel } "
                "FILTER NOT EXISTS { ?c prov:wasDerivedFrom ?span . ?span oa:hasSelector ?sel2 } } }"
            )
        )
    )
    n_claims, n_triples = int(counts["claims"].value), int(counts["triples"].value)
    warnings = []
    names = labels(kg, [d.subject for d in cl.disagreements(kg)])
    from ..names import shorten

    resolved = 0
    for d in cl.disagreements(kg):
        if d.resolved:
            resolved += 1
            continue
        who = names.get(d.subject, shorten(d.subject))
        values = "; ".join(f"{v} (claim {', '.join(shorten(c) for c in cs)})" for v, cs in d.values)
        warnings.append(
            f"{who}: {shorten(d.predicate)} disagrees: {values} — mark one claim stdkg:preferred true"
        )
    outcome = node_outcome(
        kg,
        "claims",
        problems,
        lambda n, ps: "; ".join(ps),
        "claims that do not hold",
        f"{n_claims} claims state {n_triples} triples"
        + (f"; {resolved} disagreements resolved by a preferred claim" if resolved else "")
        + (f"; {len(warnings)} disagreements to resolve" if warnings else ""),
        labels,
    )
    outcome.warnings = warnings
    return outcome


def check_sources(kg: KG) -> CheckOutcome:
    """Every snapshot a source names is a file inside ``sources/`` whose SHA-256 is the recorded one."""
    from ..errors import InputError

    name = "sources"
    found = registered(kg)
    with_snapshot = [s for s in found.values() if s.snapshot]
    problems: dict[str, list[str]] = {}
    for source in with_snapshot:
        try:
            path = snapshot_path(kg.layout, source.snapshot or "")
        except InputError as exc:
            problems.setdefault(source.iri, []).append(str(exc))
            continue
        if not path.is_file():
            problems.setdefault(source.iri, []).append(f"snapshot sources/{path.name} is missing")
            continue
        if path.stat().st_size > MAX_SNAPSHOT:
            problems.setdefault(source.iri, []).append(
                f"snapshot sources/{path.name} is over {MAX_SNAPSHOT:,} bytes"
            )
            continue
        digest = sha256(path.read_bytes())
        if source.sha256 != digest:
            problems.setdefault(source.iri, []).append(
                f"sources/{path.name} has SHA-256 {digest[:12]}…, the graph records {(source.sha256 or 'none')[:12]}…"
            )
    from ..validate import labels

    without = len(found) - len(with_snapshot)
    outcome = node_outcome(
        kg,
        name,
        problems,
        lambda n, ps: "; ".join(ps),
        "sources whose snapshot does not match",
        f"{len(with_snapshot)} snapshots match their recorded SHA-256"
        + (f"; {without} sources have no snapshot (their claims cite no quoted words)" if without else ""),
        labels,
    )
    return outcome


def check_evidence_text(kg: KG) -> CheckOutcome:
    """Quotation and commitment texts equal their evidence's ``oa:exact``."""
    from ..validate import labels

    rows = kg.query(
        SPARQL_PREFIXES
        + "SELECT ?n ?text ?ev ?exact WHERE { VALUES ?c { schema:Quotation stdkg:Commitment } "
        "?n rdf:type ?c ; schema:text ?text "
        "OPTIONAL { ?n stdkg:textEvidence ?ev OPTIONAL { ?ev oa:hasSelector ?sel . "
        "?sel rdf:type oa:TextQuoteSelector ; oa:exact ?exact } } } ORDER BY ?n ?ev"
    )
    problems: dict[str, list[str]] = {}
    checked: set[str] = set()
    for row in rows:
        node = node_id(row["n"])
        checked.add(node)
        text = row["text"].value
        if row["ev"] is None:
            problems.setdefault(node, []).append("has schema:text but no stdkg:textEvidence")
        elif row["exact"] is None:
            problems.setdefault(node, []).append(f"evidence <{row['ev'].value}> has no oa:exact")
        elif row["exact"].value != text:
            problems.setdefault(node, []).append(
                f"schema:text differs from the oa:exact of <{row['ev'].value}>: "
                f"{clip(text)!r} vs {clip(row['exact'].value)!r}"
            )
    return node_outcome(
        kg,
        "evidence-text",
        problems,
        lambda n, ps: "; ".join(ps),
        "texts that do not match their evidence",
        f"{len(checked)} quotation and commitment texts equal their evidence",
        labels,
    )


def check_source_spans(kg: KG) -> CheckOutcome:
    """Each span's quote selector sits at its position selector in its source's snapshot."""
    from ..errors import InputError
    from ..sources import read_snapshot
    from ..validate import labels

    name = "source-spans"
    rows = kg.query(
        SPARQL_PREFIXES
        + "SELECT ?r ?src ?exact ?prefix ?suffix ?start ?end WHERE { ?r oa:hasSelector ?q , ?p . "
        "OPTIONAL { ?r oa:hasSource ?src } "
        "?q rdf:type oa:TextQuoteSelector ; oa:exact ?exact . "
        "?p rdf:type oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . "
        "OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } } ORDER BY ?r"
    )
    found = registered(kg)
    texts: dict[str, str | None] = {}
    problems: dict[str, list[str]] = {}
    count = 0
    total = 0
    for row in rows:
        total += 1
        node = node_id(row["r"])
        src = row["src"].value if row["src"] is not None else None
        source = found.get(src) if src else None
        if source is None or not source.snapshot:
            problems.setdefault(node, []).append(
                f"its source {('<' + src + '>') if src else '(none)'} has no snapshot in sources/ to check it against"
            )
            continue
        if source.iri not in texts:
            try:
                texts[source.iri] = read_snapshot(snapshot_path(kg.layout, source.snapshot))
            except InputError as exc:
                texts[source.iri] = None
                problems.setdefault(node, []).append(str(exc))
        text = texts[source.iri]
        if text is None:
            continue
        count += 1
        try:
            start, end = int(row["start"].value), int(row["end"].value)
        except ValueError:
            problems.setdefault(node, []).append("oa:start/oa:end are not integers")
            continue
        for problem in check_span(
            text,
            row["exact"].value,
            start,
            end,
            row["prefix"].value if row["prefix"] is not None else "",
            row["suffix"].value if row["suffix"] is not None else "",
        ):
            problems.setdefault(node, []).append(problem)
    if total == 0:
        return CheckOutcome(name, SKIPPED, summary="skipped: no evidence spans")
    snapshots = len([t for t in texts.values() if t is not None])
    return node_outcome(
        kg,
        name,
        problems,
        lambda n, ps: "; ".join(ps),
        "evidence spans that do not match their snapshot",
        f"{count} evidence spans match their {snapshots} source snapshot{'s' if snapshots != 1 else ''}",
        labels,
    )


__all__ = [
    "check_claims",
    "check_evidence_text",
    "check_provenance",
    "check_source_spans",
    "check_sources",
    "fact_classes",
]
