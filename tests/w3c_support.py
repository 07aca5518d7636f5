"""Reading the vendored W3C conformance material (tests/w3c/) and comparing what engines answer.

SHACL: the manifests of the W3C SHACL test suite (``mf:Manifest``, ``mf:include``, ``mf:entries``;
each entry an ``sht:Validate`` with ``mf:action [ sht:dataGraph …; sht:shapesGraph … ]`` and
``mf:result`` the expected ``sh:ValidationReport``, or ``sht:Failure``). Reports are compared the
way the suite's own description says (tests/w3c/shacl/README.md): the report is cut down to the
predicates the suite uses, ``sh:resultMessage`` is kept only where the expected report names that
very message, and the two graphs must be isomorphic (so blank nodes match by structure, and two
equal results are two results).

OWL 2 RL: the W3C OWL 2 test cases of the RL profile (tests/w3c/owl2, see its README) and W3C
vocabularies with instance data (tests/w3c/vocab). owlrl's ``DeductiveClosure(OWLRL_Semantics)``
is the reference; :func:`reference_view` says what of its closure stdkg is held to.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from stdkg.rdf.quiet import quiet_rdflib

W3C = Path(__file__).resolve().parent / "w3c"
SHACL_DIR = W3C / "shacl"
OWL_DIR = W3C / "owl2" / "rl"
VOCAB_DIR = W3C / "vocab"

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


@contextmanager
def as_written() -> Iterator[None]:
    """rdflib (and owlrl through it) keeping literals as written: by default rdflib rewrites
    the lexical form of some on parsing (``…T12:00:00Z`` becomes ``…T12:00:00+00:00``), which
    would hide the very rewrites these tests look for. Also quiets rdflib's ill-typed warnings."""
    previous = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with quiet_rdflib(), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Parsing weird boolean", category=UserWarning)
            yield
    finally:
        rdflib.NORMALIZE_LITERALS = previous


def parse_file(path: Path) -> rdflib.Graph:
    """A Turtle file parsed with its own location as base (what ``stdkg`` does too)."""
    graph = rdflib.Graph()
    with as_written():
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


# -- OWL 2 RL -------------------------------------------------------------------------------------

OWL = rdflib.OWL
RDFS = rdflib.RDFS
#: Where owlrl writes what it found inconsistent (``[] a err:ErrorMessage; err:error "…"``).
OWLRL_ERROR = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(rdflib.XSD))
_REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
_ABOUT_THING = {RDF.type, RDFS.subClassOf, RDFS.domain, RDFS.range}


@dataclass(frozen=True)
class OwlCase:
    """One W3C OWL 2 RL test case (a folder of tests/w3c/owl2/rl)."""

    name: str
    kind: str
    """``POSITIVE_ENTAILMENT`` or ``INCONSISTENCY`` (``testcase.type`` of its metadata)."""
    premise: Path
    """The premise graph (``*.premisegraph.ttl``; ``*.graph.ttl`` for an inconsistency test)."""
    conclusion: Path | None

    def __str__(self) -> str:
        return self.name


def owl_cases() -> list[OwlCase]:
    cases = []
    for folder in sorted(p for p in OWL_DIR.iterdir() if p.is_dir()):
        meta = (folder / f"{folder.name}.metadata.properties").read_text(encoding="utf-8")
        kind = meta.split('key="testcase.type">', 1)[1].split("<", 1)[0]
        conclusion = folder / f"{folder.name}.conclusiongraph.ttl"
        premise = folder / f"{folder.name}.premisegraph.ttl"
        cases.append(
            OwlCase(
                name=folder.name,
                kind=kind,
                premise=premise if premise.exists() else folder / f"{folder.name}.graph.ttl",
                conclusion=conclusion if conclusion.exists() else None,
            )
        )
    return cases


def parse_rdf(paths: list[Path]) -> rdflib.Graph:
    """Files as an rdflib graph with every literal as written.

    rdflib's own Turtle parser rewrites some literals whatever its settings (the decimal token
    ``0.00000037`` becomes ``"3.7E-7"``), so the files are read by pyoxigraph's parsers (Turtle,
    or RDF/XML for ``.rdf``; blank nodes kept apart per file) and handed over as N-Triples.
    """
    import pyoxigraph as ox

    data = b""
    for path in paths:
        fmt = ox.RdfFormat.RDF_XML if path.suffix == ".rdf" else ox.RdfFormat.TURTLE
        quads = ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        data += ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    with as_written():
        graph.parse(data=data, format="nt")
    return normalised(graph)


def normalised(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` with every ``xsd:string`` literal written as the simple literal it is."""
    out = rdflib.Graph()
    for s, p, o in graph:
        out.add((plain(s), p, plain(o)))
    return out


def owlrl_closure(premise: rdflib.Graph) -> rdflib.Graph:
    """owlrl's ``DeductiveClosure(OWLRL_Semantics)`` (its defaults) of ``premise``, run the way
    owlrl's users run it: on literals as rdflib builds them by default, i.e. in rdflib's normal
    lexical forms (owlrl misjudges some literals kept as written, e.g. it finds the decimal
    ``0.00000037`` ill-typed). :func:`restore_literals` maps the forms back."""
    import owlrl

    graph = rdflib.Graph()
    with quiet_rdflib(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Parsing weird boolean", category=UserWarning)
        for s, p, o in premise:
            if isinstance(o, rdflib.Literal):
                o = rdflib.Literal(str(o), lang=o.language, datatype=o.datatype)
            graph.add((s, p, o))
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def owlrl_inconsistent(closure: rdflib.Graph) -> bool:
    """owlrl found a clash: it then writes an ``ErrorMessage`` node into the graph."""
    return (None, RDF.type, OWLRL_ERROR) in closure


def dropped_by_design(triple: tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]) -> str | None:
    """Why stdkg leaves an owlrl triple out of what it writes, by its documented rules, or None.

    * a literal subject, or a blank node as predicate: generalized RDF, which no RDF syntax holds;
    * a subject that is an RDF, RDFS, OWL or XSD term: axioms about the built-in vocabularies,
      true of every graph;
    * a tautology true of every resource: ``x owl:sameAs x`` (and the other reflexive
      ``owl:equivalent*``/``rdfs:sub*Of`` statements), ``x rdf:type owl:Thing``,
      ``c rdfs:subClassOf owl:Thing``, ``p rdfs:domain owl:Thing``, ``p rdfs:range owl:Thing``.
    """
    s, p, o = triple
    if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
        return "generalized RDF"
    if isinstance(s, rdflib.URIRef) and str(s).startswith(BUILTIN):
        return "about a built-in term"
    if p in _REFLEXIVE and s == o:
        return "tautology"
    if o == OWL.Thing and p in _ABOUT_THING:
        return "tautology"
    return None


def restore_literals(premise: rdflib.Graph, closure: rdflib.Graph) -> rdflib.Graph:
    """owlrl's closure with the premise's literals as written.

    owlrl writes some literals back in a lexical form of its own (``"1"^^xsd:boolean`` as
    ``"true"``, ``…T12:00:00Z`` as ``…T12:00:00+00:00``), asserted ones included. stdkg keeps
    literals as written, so each literal owlrl put in place of an asserted one (same subject and
    predicate, same datatype and value) is mapped back, wherever it occurs.
    """
    mapping: dict[rdflib.Literal, rdflib.Literal] = {}
    for s, p, o in premise:
        if not isinstance(o, rdflib.Literal) or (s, p, o) in closure:
            continue
        for other in closure.objects(s, p):
            if (
                isinstance(other, rdflib.Literal)
                and other.datatype == o.datatype
                and other.language == o.language
                and (s, p, other) not in premise
                and _same_value(o, other)
            ):
                mapping[other] = o
    if not mapping:
        return closure
    out = rdflib.Graph()
    for s, p, o in closure:
        out.add((mapping.get(s, s), p, mapping.get(o, o)))
    return out


def _same_value(a: rdflib.Literal, b: rdflib.Literal) -> bool:
    if a.value is not None and b.value is not None:
        return bool(a.value == b.value)
    return str(a) == str(b)


def reference_view(closure: rdflib.Graph, premise: rdflib.Graph) -> rdflib.Graph:
    """What stdkg must write for a consistent input: the premise as written, and owlrl's inferred
    triples without what :func:`dropped_by_design` names (owlrl's own axiomatic triples are not
    there: its defaults leave them out)."""
    out = rdflib.Graph()
    for triple in restore_literals(premise, closure):
        if triple in premise or dropped_by_design(triple) is None:
            out.add(triple)
    return out


def missing_conclusions(closure: rdflib.Graph, conclusion: rdflib.Graph) -> list[str]:
    """The conclusion's triples the closure does not entail (blank nodes are existential), as text.

    The conclusion is asked as one basic graph pattern (its blank nodes as variables); when that
    fails, each triple is asked on its own to say which ones are missing.
    """

    def pattern(triples: list[Any]) -> str:
        def term(t: rdflib.term.Node) -> str:
            return f"?b{t}" if isinstance(t, rdflib.BNode) else t.n3()

        return " ".join(f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples)

    triples = sorted(conclusion)
    if not triples or closure.query(f"ASK {{ {pattern(triples)} }}").askAnswer:
        return []
    missing = [t for t in triples if not closure.query(f"ASK {{ {pattern([t])} }}").askAnswer]
    return [" ".join(x.n3() for x in t) for t in missing] or ["(each triple is there, not all together)"]


def canonical(ntriples: bytes) -> Any:
    """N-Triples as a pyoxigraph ``Dataset`` with its blank nodes canonically renamed."""
    import pyoxigraph as ox

    dataset = ox.Dataset(q for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def ntriples(graph: rdflib.Graph) -> bytes:
    data: bytes = graph.serialize(format="nt", encoding="utf-8")
    return data


def closure_difference(expected: bytes, actual: bytes, limit: int = 12) -> str | None:
    """``None`` when the two N-Triples graphs are the same up to blank node names, else a sample
    of what each lacks (triples without blank nodes first: their difference reads directly)."""
    want, have = canonical(expected), canonical(actual)
    if want == have:
        return None
    want_set, have_set = {str(q) for q in want}, {str(q) for q in have}
    missing, extra = sorted(want_set - have_set), sorted(have_set - want_set)
    lines = [
        f"closures differ: {len(want)} triples expected, {len(have)} given "
        f"({len(missing)} missing, {len(extra)} extra after canonical blank node names)"
    ]
    for label, side in (("missing", missing), ("extra", extra)):
        side.sort(key=lambda q: "_:" in q)
        lines += [f"  {label}: {q}" for q in side[:limit]]
    return "\n".join(lines)
