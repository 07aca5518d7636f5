"""``stdkg check``: every check at once, one report.

The checks, in order (each a :class:`CheckOutcome` with status passed, failed or skipped, and
warnings that do not fail it):

``parse``            every file parses on its own (triple count per file; a syntax error is a failed
                     check naming file:line:column, and the checks that need the graph are skipped);
``shacl``            the data shapes (``shapes/data.shapes.ttl``) over the whole graph;
``ontology-shapes``  the ontology shapes over the graph's files under ``ontology/``;
``owl-dl``           OWL 2 DL consistency of ontology + data with HermiT through owlready2 (Java);
``terms``            every class and property used in the data is declared under ``ontology/`` or
                     is an RDF/RDFS/OWL/XSD built-in;
``provenance``       fact nodes (see :mod:`.provenance`) that cite no source and that no claim is about;
``claims``           every claim states triples that are in the graph and cites a span or a source;
                     claims that disagree on a single-valued property are warnings;
``sources``          every source snapshot is a file in ``sources/`` with the recorded SHA-256;
``evidence-text``    quotation and commitment texts equal to their evidence's ``oa:exact``;
``source-spans``     each ``oa:TextQuoteSelector`` matches its source's snapshot at the paired
                     ``oa:TextPositionSelector`` (snapshots are read from ``sources/`` only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .graph import check_ontology_shapes, check_parse, check_shacl, check_terms
from .outcome import FAILED, PASSED, SKIPPED, CheckOutcome, CheckReport
from .owl import OWL_TIME_LIMIT, check_owl_dl
from .provenance import (
    check_claims,
    check_evidence_text,
    check_provenance,
    check_source_spans,
    check_sources,
    fact_classes,
)

if TYPE_CHECKING:
    from ..kg import KG, Layout

CHECK_NAMES = (
    "parse",
    "shacl",
    "ontology-shapes",
    "owl-dl",
    "terms",
    "provenance",
    "claims",
    "sources",
    "evidence-text",
    "source-spans",
)


def check(
    paths: Sequence[Path | str] | None = None,
    *,
    layout: Layout | None = None,
    skip: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Run every check over the KG files ``paths`` (default: the bundled ontology and data).

    ``skip`` names checks not to run (reported as skipped); ``parse`` cannot be skipped.
    """
    from ..kg import Layout

    layout = layout or Layout.bundled()
    report = CheckReport()
    parse_outcome, kg = check_parse(paths, layout)
    report.outcomes.append(parse_outcome)
    report.kg = kg
    steps: list[tuple[str, Callable[[KG], CheckOutcome]]] = [
        ("shacl", check_shacl),
        ("ontology-shapes", check_ontology_shapes),
        ("owl-dl", check_owl_dl),
        ("terms", check_terms),
        ("provenance", check_provenance),
        ("claims", check_claims),
        ("sources", check_sources),
        ("evidence-text", check_evidence_text),
        ("source-spans", check_source_spans),
    ]
    unknown = sorted(set(skip) - {name for name, _ in steps})
    if unknown:
        raise InputError(f"unknown check {unknown[0]!r} (use one of: {', '.join(CHECK_NAMES[1:])})")
    for i, (name, fn) in enumerate(steps, 1):
        if name in skip:
            report.outcomes.append(CheckOutcome(name, SKIPPED, summary="skipped: not asked for"))
        elif kg is None:
            report.outcomes.append(CheckOutcome(name, SKIPPED, summary="skipped: the files do not parse"))
        else:
            report.outcomes.append(fn(kg))
        if progress:
            progress(i, len(steps))
    return report


def render_text(report: CheckReport) -> str:
    """One block per check (status, name, summary, indented details), then the totals."""
    tags = {PASSED: "PASS", FAILED: "FAIL", SKIPPED: "SKIP"}
    lines = []
    for o in report.outcomes:
        lines.append(
            f"{tags[o.status]}  {o.name}: {o.summary}" if o.summary else f"{tags[o.status]}  {o.name}"
        )
        lines.extend(f"      {d}" for d in o.details)
        lines.extend(f"      warning: {w}" for w in o.warnings)
    c = report.counts()
    warned = sum(len(o.warnings) for o in report.outcomes)
    lines.append(
        f"{len(report.outcomes)} checks: {c[PASSED]} passed, {c[FAILED]} failed, {c[SKIPPED]} skipped"
        + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else "")
    )
    return "\n".join(lines) + "\n"


__all__ = [
    "CHECK_NAMES",
    "FAILED",
    "OWL_TIME_LIMIT",
    "PASSED",
    "SKIPPED",
    "CheckOutcome",
    "CheckReport",
    "check",
    "check_claims",
    "check_evidence_text",
    "check_owl_dl",
    "check_parse",
    "check_provenance",
    "check_shacl",
    "check_source_spans",
    "check_sources",
    "check_terms",
    "fact_classes",
    "render_text",
]
