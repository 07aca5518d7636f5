"""Reading the vendored W3C conformance material (tests/w3c/) and comparing what engines answer.

SHACL: the manifests of the W3C SHACL test suite (``mf:Manifest``, ``mf:include``, ``mf:entries``;
each entry an ``sht:Validate`` with ``mf:action [ sht:dataGraph …; sht:shapesGraph … ]`` and
``mf:result`` the expected ``sh:ValidationReport``, or ``sht:Failure``). Reports are compared the
way the suite's own description says (tests/w3c/shacl/README.md): the report is cut down to the
predicates the suite uses, ``sh:resultMessage`` is kept only where the expected report names that
very message, and the two graphs must be isomorphic (so blank nodes match by structure, and two
equal results are two results).

OWL 2: see :func:`owl_cases` and tests/w3c/owl2/README.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from stdkg.rdf.quiet import quiet_rdflib

W3C = Path(__file__).resolve().parent / "w3c"
SHACL_DIR = W3C / "shacl"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RDF = rdflib.RDF
XSD_STRING = rdflib.XSD.string

#: The predicates an expected report uses (besides sh:resultMessage and the path structures).
_REPORT_PREDICATES = (SH.conforms, SH.result)
_RESULT_PREDICATES = (
    SH.focusNode,
    SH.resultSeverity,
    SH.sourceConstraint,
    SH.sourceConstraintComponent,
    SH.sourceShape,
    SH.value,
)


@dataclass(frozen=True)
class ShaclCase:
    """One ``sht:Validate`` entry of the suite."""

    name: str
    """The entry's path below tests/w3c/shacl without ``.ttl``, e.g. ``core/node/class-003``."""
    manifest: Path
    data: Path
    shapes: Path
    expects_failure: bool
    """``mf:result sht:Failure``: the engine must refuse the input (an error), not report."""

    def __str__(self) -> str:
        return self.name


def parse_file(path: Path) -> rdflib.Graph:
    """A Turtle file parsed with its own location as base (what ``stdkg`` does too)."""
    graph = rdflib.Graph()
    with quiet_rdflib():
        graph.parse(path, format="turtle", publicID=path.resolve().as_uri())
    return graph


def _local(iri: rdflib.term.Node) -> Path:
    text = str(iri)
    if not text.startswith("file://"):
        raise ValueError(f"not a local file: {text}")
    return Path(text[len("file://") :])


def _entries(manifest: Path) -> Iterator[tuple[Path, rdflib.Graph, rdflib.term.Node]]:
    graph = parse_file(manifest)
    for included in sorted(graph.objects(None, MF.include), key=str):
        yield from _entries(_local(included))
    for head in graph.objects(None, MF.entries):
        for entry in Collection(graph, head):
            yield manifest, graph, entry


def shacl_cases(part: str) -> list[ShaclCase]:
    """The entries of ``tests/w3c/shacl/<part>/manifest.ttl`` (``core`` or ``sparql``)."""
    cases = []
    for manifest, graph, entry in _entries(SHACL_DIR / part / "manifest.ttl"):
        action = graph.value(entry, MF.action)
        result = graph.value(entry, MF.result)
        name = str(_local(entry).relative_to(SHACL_DIR))
        cases.append(
            ShaclCase(
                name=name,
                manifest=manifest,
                data=_local(graph.value(action, SHT.dataGraph)),
                shapes=_local(graph.value(action, SHT.shapesGraph)),
                expects_failure=result == SHT.Failure,
            )
        )
    return sorted(cases, key=lambda c: c.name)


def expected_report(case: ShaclCase) -> rdflib.Graph:
    """The entry's ``mf:result``, cut down to the compared triples."""
    graph = parse_file(case.manifest)
    entry = rdflib.URIRef((SHACL_DIR / case.name).resolve().as_uri())
    report = graph.value(entry, MF.result)
    if report is None:
        raise ValueError(f"{case}: no mf:result")
    return report_closure(graph, report)


def report_closure(graph: rdflib.Graph, report: rdflib.term.Node) -> rdflib.Graph:
    """The triples of ``report`` the suite compares: report, results, paths, messages.

    Path structures are copied per result (never shared), as the suite asks.
    """
    out = rdflib.Graph()
    out.add((report, RDF.type, SH.ValidationReport))
    for p in _REPORT_PREDICATES:
        for o in graph.objects(report, p):
            out.add((report, p, _boolean(o) if p == SH.conforms else o))
    for result in graph.objects(report, SH.result):
        out.add((result, RDF.type, SH.ValidationResult))
        for p in _RESULT_PREDICATES:
            for o in graph.objects(result, p):
                out.add((result, p, plain(o)))
        for o in graph.objects(result, SH.resultMessage):
            out.add((result, SH.resultMessage, o))
        for path in graph.objects(result, SH.resultPath):
            out.add((result, SH.resultPath, _copy_path(graph, path, out)))
    return out


def plain(term: rdflib.term.Node) -> rdflib.term.Node:
    """RDF 1.1: a simple literal *is* an ``xsd:string``; rdflib keeps them apart, so we join them."""
    if isinstance(term, rdflib.Literal) and term.datatype == XSD_STRING:
        return rdflib.Literal(str(term))
    return term


def _boolean(term: rdflib.term.Node) -> rdflib.term.Node:
    """``true``/``"true"^^xsd:boolean``/``"1"^^xsd:boolean`` all as the one canonical literal."""
    if isinstance(term, rdflib.Literal):
        return rdflib.Literal(str(term).strip() in ("true", "1"))
    return term


def _copy_path(graph: rdflib.Graph, node: rdflib.term.Node, out: rdflib.Graph) -> rdflib.term.Node:
    if not isinstance(node, rdflib.BNode):
        return node
    copy = rdflib.BNode()
    for p, o in graph.predicate_objects(node):
        out.add((copy, p, _copy_path(graph, o, out)))
    return copy


def actual_report(report_graph: rdflib.Graph, expected: rdflib.Graph) -> rdflib.Graph:
    """An engine's report graph cut down like the expected one.

    ``sh:resultMessage`` stays only where the expected report has the same message (literal,
    language tag included) somewhere; results of shapes that are blank nodes lose their
    ``sh:sourceShape`` on both sides (see :func:`without_blank_shapes`).
    """
    reports = list(report_graph.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        raise AssertionError(f"expected one sh:ValidationReport, found {len(reports)}")
    out = report_closure(report_graph, reports[0])
    wanted = set(expected.objects(None, SH.resultMessage))
    for s, o in list(out.subject_objects(SH.resultMessage)):
        if o not in wanted:
            out.remove((s, SH.resultMessage, o))
    return out


def without_blank_shapes(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` without the ``sh:sourceShape`` triples whose shape is a blank node.

    stdkg names a result's shape by IRI only (a blank-node shape has no name a reader can look
    up, and the suite itself says source shapes need not be reported and that blank nodes should
    be avoided there). Results stay distinct nodes, so two results that differed only in their
    blank-node shape must still both be there.
    """
    out = rdflib.Graph()
    for s, p, o in graph:
        if p == SH.sourceShape and isinstance(o, rdflib.BNode):
            continue
        out.add((s, p, o))
    return out


def compare(expected: rdflib.Graph, actual: rdflib.Graph) -> str | None:
    """``None`` when the two reports are isomorphic, else the results each side lacks."""
    if isomorphic(expected, actual):
        return None
    want, have = _results(expected), _results(actual)
    lines = [f"reports differ: {sum(want.values())} results expected, {sum(have.values())} given"]
    for label, side, other in (("missing", want, have), ("extra", have, want)):
        for row, n in sorted(side.items()):
            if n > other.get(row, 0):
                lines.append(f"  {label} x{n - other.get(row, 0)}: {row}")
    conforms = [sorted(str(o) for o in g.objects(None, SH.conforms)) for g in (expected, actual)]
    if conforms[0] != conforms[1]:
        lines.append(f"  sh:conforms {conforms[0]} expected, {conforms[1]} given")
    if len(lines) == 1:
        lines.append("  (the same results, but blank nodes are shared differently)")
    return "\n".join(lines[:30])


def _results(graph: rdflib.Graph) -> Counter[str]:
    """Each result as one line (blank nodes as ``[]``, paths written out), counted."""

    def term(node: rdflib.term.Node) -> str:
        if isinstance(node, rdflib.BNode):
            inner = sorted(f"{p.n3()} {term(o)}" for p, o in graph.predicate_objects(node))
            return "[" + "; ".join(inner) + "]"
        return node.n3()

    rows: Counter[str] = Counter()
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        parts = sorted(
            f"{p.n3().rsplit('#', 1)[-1].rstrip('>')}={term(o)}"
            for p, o in graph.predicate_objects(result)
            if p != RDF.type
        )
        rows[" ".join(parts)] += 1
    return rows
