"""``stdkg check``: every check at once, one report.

The checks, in order (each a :class:`CheckOutcome` with status passed, failed or skipped):

``parse``            every file parses on its own (triple count per file; a syntax error is a failed
                     check naming file:line:column, and the checks that need the graph are skipped);
``shacl``            the data shapes (``shapes/data.shapes.ttl``) over the whole graph;
``ontology-shapes``  the ontology shapes over the graph's files under ``ontology/``;
``owl-dl``           OWL 2 DL consistency of ontology + data with HermiT through owlready2 (Java);
``terms``            every class and property used in the data is declared under ``ontology/`` or
                     is an RDF/RDFS/OWL/XSD built-in;
``provenance``       fact nodes without ``prov:wasDerivedFrom`` (or a sub-property) or
                     ``prov:hadPrimarySource``;
``evidence-text``    quotation and commitment texts equal to their evidence's ``oa:exact``;
``source-spans``     each ``oa:TextQuoteSelector`` matches the source text at the paired
                     ``oa:TextPositionSelector`` (when the source text is available).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, ParseError
from .evidence import check_span
from .locate import display_path, first_mention

if TYPE_CHECKING:
    from .kg import KG, Layout

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
CHECK_NAMES = (
    "parse",
    "shacl",
    "ontology-shapes",
    "owl-dl",
    "terms",
    "provenance",
    "evidence-text",
    "source-spans",
)

#: Default press-release text, relative to the repository root.
DEFAULT_SOURCE_TEXT = Path("..") / "shared" / "sources" / "seoul-statement-2025-press-release.txt"
#: Seconds HermiT may take before the OWL check fails.
OWL_TIME_LIMIT = 300

_BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)
_DECLARING_TYPES = (
    "owl:Class",
    "rdfs:Class",
    "owl:ObjectProperty",
    "owl:DatatypeProperty",
    "owl:AnnotationProperty",
    "owl:OntologyProperty",
    "rdf:Property",
)
#: Classes whose instances are fact nodes and must carry provenance.
FACT_CLASSES = (
    "org:Membership",
    "schema:Quotation",
    "stdkg:Commitment",
    "stdkg:JointStatement",
    "schema:Event",
    "org:Organization",
    "org:FormalOrganization",
    "org:OrganizationalUnit",
    "schema:Organization",
)
_SPARQL_PREFIXES = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
"""


@dataclass
class CheckOutcome:
    """The outcome of one check."""

    name: str
    status: str
    details: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAILED


@dataclass
class CheckReport:
    """Every check's outcome, in order."""

    outcomes: list[CheckOutcome] = field(default_factory=list)
    kg: KG | None = field(default=None, repr=False, compare=False)
    """The graph that was checked (None when a file did not parse)."""

    @property
    def ok(self) -> bool:
        return not any(o.failed for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        out = {PASSED: 0, FAILED: 0, SKIPPED: 0}
        for o in self.outcomes:
            out[o.status] += 1
        return out

    def outcome(self, name: str) -> CheckOutcome:
        for o in self.outcomes:
            if o.name == name:
                return o
        raise KeyError(name)


# -- entry point ------------------------------------------------------------------------------


def check(
    paths: Sequence[Path | str] | None = None,
    *,
    layout: Layout | None = None,
    source_text: Path | str | None = None,
    skip: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Run every check over the KG files ``paths`` (default: the bundled ontology and data).

    ``skip`` names checks not to run (reported as skipped); ``parse`` cannot be skipped.
    """
    from .kg import Layout

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
        ("evidence-text", check_evidence_text),
        ("source-spans", lambda k: check_source_spans(k, source_text)),
    ]
    unknown = sorted(set(skip) - {name for name, _ in steps})
    if unknown:
        raise InputError(f"unknown check {unknown[0]!r} (use one of: {', '.join(CHECK_NAMES[1:])})")
    for i, (name, fn) in enumerate(steps, 1):
        if name in skip:
            report.outcomes.append(CheckOutcome(name, SKIPPED, summary="skipped: --skip"))
        elif kg is None:
            report.outcomes.append(CheckOutcome(name, SKIPPED, summary="skipped: the files do not parse"))
        else:
            report.outcomes.append(fn(kg))
        if progress:
            progress(i, len(steps))
    return report


# -- parse ------------------------------------------------------------------------------------


def check_parse(paths: Sequence[Path | str] | None, layout: Layout) -> tuple[CheckOutcome, KG | None]:
    """Parse each file on its own; the KG when every file parses."""
    import pyoxigraph as ox

    from .kg import KG, discover, load_file

    sources = discover(paths if paths else layout.default_sources(), layout)
    if not sources:
        raise InputError("no RDF files found")
    store = ox.Store()
    details: list[str] = []
    errors = 0
    for src in sources:
        name = display_path(src.path, layout.root)
        try:
            load_file(store, src)
        except ParseError as exc:
            errors += 1
            where = ":".join(str(p) for p in (name, exc.line, exc.col) if p is not None)
            details.append(f"{where}: {exc.message}")
            continue
        except InputError as exc:
            errors += 1
            details.append(str(exc))
            continue
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(src.graph)))
        details.append(f"{name}: {n} triples")
    if errors:
        summary = f"{errors} of {len(sources)} files do not parse"
        return CheckOutcome("parse", FAILED, details, summary), None
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    kg = KG(store, sources, layout)
    summary = f"{len(sources)} files, {len(kg)} distinct triples"
    return CheckOutcome("parse", PASSED, details, summary), kg


# -- SHACL ------------------------------------------------------------------------------------


def _shacl_outcome(name: str, kg: KG, shapes: Path) -> CheckOutcome:
    from .validate import result_lines, summary, validate

    if not shapes.exists():
        return CheckOutcome(name, SKIPPED, summary=f"skipped: no shapes at {display_path(shapes)}")
    report = validate(kg, shapes)
    status = FAILED if report.count("Violation") else PASSED
    return CheckOutcome(
        name, status, result_lines(kg, report), f"{display_path(shapes, kg.layout.root)}: {summary(report)}"
    )


def check_shacl(kg: KG) -> CheckOutcome:
    return _shacl_outcome("shacl", kg, kg.layout.data_shapes)


def _ontology_sources(kg: KG) -> list[Any]:
    onto_dir = kg.layout.ontology_dir.resolve()
    return [s for s in kg.sources if s.path.resolve().is_relative_to(onto_dir)]


def check_ontology_shapes(kg: KG) -> CheckOutcome:
    from .kg import KG as KGClass

    onto = _ontology_sources(kg)
    if not onto:
        return CheckOutcome("ontology-shapes", SKIPPED, summary="skipped: no files under ontology/")
    sub = _sub_kg(kg, onto, KGClass)
    return _shacl_outcome("ontology-shapes", sub, kg.layout.ontology_shapes)


def _sub_kg(kg: KG, sources: list[Any], cls: type[KG]) -> KG:
    import pyoxigraph as ox

    store = ox.Store()
    for src in sources:
        g = ox.NamedNode(src.graph)
        store.extend(kg.store.quads_for_pattern(None, None, None, g))
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in kg.store.quads_for_pattern(None, None, None, g)
        )
    return cls(store, sources, kg.layout)


# -- OWL 2 DL ---------------------------------------------------------------------------------


def check_owl_dl(kg: KG, *, time_limit: int = OWL_TIME_LIMIT) -> CheckOutcome:
    """Consistency (and class satisfiability) of ontology + data with HermiT via owlready2."""
    import subprocess

    name = "owl-dl"
    if shutil.which("java") is None:
        return CheckOutcome(name, SKIPPED, summary="skipped: java is not installed (HermiT needs it)")
    try:
        import owlready2
        import owlready2.reasoning
    except ImportError:
        return CheckOutcome(name, SKIPPED, summary="skipped: owlready2 is not installed")
    from .formats import RdfFormat

    fd, tmp = tempfile.mkstemp(suffix=".nt", prefix="stdkg-owl-")
    captured = io.StringIO()
    kargs: dict[str, Any] = owlready2.reasoning._subprocess_kargs
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(kg.serialize(RdfFormat.N_TRIPLES))
        kargs["timeout"] = time_limit
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            world = owlready2.World()
            world.get_ontology(Path(tmp).as_uri()).load(format="ntriples")
            owlready2.sync_reasoner(
                world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
            )
            unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
            world.close()
    except owlready2.OwlReadyInconsistentOntologyError:
        return CheckOutcome(
            name, FAILED, ["HermiT: Inconsistent ontology"], "inconsistent: ontology + data have no model"
        )
    except subprocess.TimeoutExpired:
        return CheckOutcome(name, FAILED, summary=f"HermiT did not finish within {time_limit} s")
    except owlready2.OwlReadyJavaError as exc:
        lines = [ln for ln in str(exc).splitlines() if ln.strip()]
        return CheckOutcome(name, FAILED, lines[:5], "HermiT failed (not OWL 2 DL?)")
    finally:
        kargs.pop("timeout", None)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if unsatisfiable:
        from .validate import shorten

        details = [f"unsatisfiable class {shorten(c)}" for c in unsatisfiable]
        return CheckOutcome(name, FAILED, details, f"{len(unsatisfiable)} unsatisfiable classes")
    outside = _outside_owl2_datatypes(kg)
    note = (
        f"; {', '.join(outside)} literals not interpreted (outside the OWL 2 datatype map)" if outside else ""
    )
    return CheckOutcome(name, PASSED, summary=f"consistent (HermiT, {len(kg)} triples{note})")


_OWL2_XSD = set(
    [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "double",
        "float",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    ]
)


def _outside_owl2_datatypes(kg: KG) -> list[str]:
    """Datatypes of the KG's literals that HermiT cannot interpret (it is told to ignore them)."""
    from .validate import shorten

    rows = kg.query("SELECT DISTINCT (DATATYPE(?o) AS ?d) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")
    out = []
    for row in rows:
        dt = row["d"].value
        if dt.startswith(_BUILTIN[3]) and dt[len(_BUILTIN[3]) :] not in _OWL2_XSD:
            out.append(shorten(dt))
    return sorted(out)


# -- undefined terms --------------------------------------------------------------------------


def check_terms(kg: KG) -> CheckOutcome:
    """Every class and property used in the data is declared in ontology/ or built in."""
    from .validate import shorten

    name = "terms"
    onto = _ontology_sources(kg)
    data = [s for s in kg.sources if s not in onto]
    if not data:
        return CheckOutcome(name, SKIPPED, summary="skipped: no data files (only ontology/)")
    declared = _declared_terms(kg, [s.graph for s in onto]) if onto else _bundled_declared(kg.layout)
    values = " ".join(f"<{s.graph}>" for s in data)
    rows = kg.query(
        _SPARQL_PREFIXES + f"SELECT ?t (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
        "GRAPH ?g { { ?s ?t ?o } UNION { ?s rdf:type ?t } } } GROUP BY ?t"
    )
    used = {row["t"].value: int(row["n"].value) for row in rows if hasattr(row["t"], "value")}
    undefined = sorted(t for t in used if t not in declared and not t.startswith(_BUILTIN))
    paths = {s.path for s in data}
    details = []
    for term in undefined:
        loc = first_mention(kg, term, paths=paths)
        where = f" (first at {loc.display(kg.layout.root)})" if loc else ""
        times = "once" if used[term] == 1 else f"{used[term]} times"
        details.append(f"{shorten(term)} is not declared in ontology/; used {times}{where}")
    if undefined:
        return CheckOutcome(name, FAILED, details, f"{len(undefined)} undefined terms")
    return CheckOutcome(name, PASSED, summary=f"{len(used)} classes and properties used, all declared")


def _declared_terms(kg: KG, graphs: list[str]) -> set[str]:
    values = " ".join(f"<{g}>" for g in graphs)
    types = " ".join(_DECLARING_TYPES)
    rows = kg.query(
        _SPARQL_PREFIXES + f"SELECT DISTINCT ?t WHERE {{ VALUES ?g {{ {values} }} VALUES ?c {{ {types} }} "
        "GRAPH ?g { ?t rdf:type ?c } }"
    )
    return {row["t"].value for row in rows}


def _bundled_declared(layout: Layout) -> set[str]:
    from .kg import load

    if not layout.ontology_dir.is_dir():
        return set()
    onto = load([layout.ontology_dir], layout=layout)
    return _declared_terms(onto, [s.graph for s in onto.sources])


# -- provenance -------------------------------------------------------------------------------


def check_provenance(kg: KG) -> CheckOutcome:
    """Fact nodes without any recorded source."""
    from .validate import labels, shorten

    classes = " ".join(FACT_CLASSES)
    rows = kg.query(
        _SPARQL_PREFIXES + f"SELECT DISTINCT ?n ?c WHERE {{ VALUES ?c {{ {classes} }} ?n rdf:type ?c "
        "FILTER NOT EXISTS { ?n ?p ?src . ?p rdfs:subPropertyOf* prov:wasDerivedFrom } "
        "FILTER NOT EXISTS { ?n prov:wasDerivedFrom|prov:hadPrimarySource|stdkg:textEvidence ?src2 } "
        "} ORDER BY ?n ?c"
    )
    missing: dict[str, list[str]] = {}
    for row in rows:
        missing.setdefault(_node_id(row["n"]), []).append(shorten(row["c"].value))
    return _node_outcome(
        kg,
        "provenance",
        missing,
        lambda n, cs: f"{' / '.join(cs)} without prov:wasDerivedFrom or prov:hadPrimarySource",
        "fact nodes without provenance",
        "every fact node has a recorded source",
        labels,
    )


def _node_id(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


def _node_outcome(
    kg: KG,
    name: str,
    problems: dict[str, list[str]],
    describe: Callable[[str, list[str]], str],
    failed_summary: str,
    passed_summary: str,
    labels: Callable[[KG, list[str]], dict[str, str]],
) -> CheckOutcome:
    from .locate import locate

    if not problems:
        return CheckOutcome(name, PASSED, summary=passed_summary)
    names = labels(kg, list(problems))
    details = []
    for node in sorted(problems):
        loc = locate(kg, node)
        label = names.get(node)
        shown = f"{label} <{node}>" if label else (node if node.startswith("_:") else f"<{node}>")
        where = f"  ({loc.display(kg.layout.root)})" if loc else ""
        details.append(f"{shown}: {describe(node, problems[node])}{where}")
    return CheckOutcome(name, FAILED, details, f"{len(problems)} {failed_summary}")


# -- evidence text ----------------------------------------------------------------------------


def check_evidence_text(kg: KG) -> CheckOutcome:
    """Quotation and commitment texts equal their evidence's ``oa:exact``."""
    from .validate import labels

    rows = kg.query(
        _SPARQL_PREFIXES
        + "SELECT ?n ?text ?ev ?exact WHERE { VALUES ?c { schema:Quotation stdkg:Commitment } "
        "?n rdf:type ?c ; schema:text ?text "
        "OPTIONAL { ?n stdkg:textEvidence ?ev OPTIONAL { ?ev oa:hasSelector ?sel . "
        "?sel rdf:type oa:TextQuoteSelector ; oa:exact ?exact } } } ORDER BY ?n ?ev"
    )
    problems: dict[str, list[str]] = {}
    checked: set[str] = set()
    for row in rows:
        node = _node_id(row["n"])
        checked.add(node)
        text = row["text"].value
        if row["ev"] is None:
            problems.setdefault(node, []).append("has schema:text but no stdkg:textEvidence")
        elif row["exact"] is None:
            problems.setdefault(node, []).append(f"evidence <{row['ev'].value}> has no oa:exact")
        elif row["exact"].value != text:
            problems.setdefault(node, []).append(
                f"schema:text differs from the oa:exact of <{row['ev'].value}>: "
                f"{_clip(text)!r} vs {_clip(row['exact'].value)!r}"
            )
    return _node_outcome(
        kg,
        "evidence-text",
        problems,
        lambda n, ps: "; ".join(ps),
        "texts that do not match their evidence",
        f"{len(checked)} quotation and commitment texts equal their evidence",
        labels,
    )


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- source spans -----------------------------------------------------------------------------


def source_text_path(explicit: Path | str | None, layout: Layout) -> Path | None:
    """``explicit``, else ``$STDKG_SOURCE_TEXT``, else the shared default beside the repository."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise InputError(f"{path}: no such source text file")
        return path
    env = os.environ.get("STDKG_SOURCE_TEXT")
    if env:
        path = Path(env)
        if not path.is_file():
            raise InputError(f"{path}: no such source text file (from STDKG_SOURCE_TEXT)")
        return path
    default = (layout.root / DEFAULT_SOURCE_TEXT).resolve()
    return default if default.is_file() else None


def check_source_spans(kg: KG, source_text: Path | str | None = None) -> CheckOutcome:
    """Each quote selector's ``exact`` sits at its paired position selector's span."""
    name = "source-spans"
    path = source_text_path(source_text, kg.layout)
    if path is None:
        return CheckOutcome(
            name, SKIPPED, summary="skipped: source text not found (use --source-text or STDKG_SOURCE_TEXT)"
        )
    text = path.read_text(encoding="utf-8")
    rows = kg.query(
        _SPARQL_PREFIXES + "SELECT ?r ?exact ?prefix ?suffix ?start ?end WHERE { ?r oa:hasSelector ?q , ?p . "
        "?q rdf:type oa:TextQuoteSelector ; oa:exact ?exact . "
        "?p rdf:type oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . "
        "OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } } ORDER BY ?r"
    )
    problems: dict[str, list[str]] = {}
    count = 0
    for row in rows:
        count += 1
        node = _node_id(row["r"])
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
    from .validate import labels

    return _node_outcome(
        kg,
        name,
        problems,
        lambda n, ps: "; ".join(ps),
        f"evidence spans that do not match {path.name}",
        f"{count} evidence spans match {path.name}",
        labels,
    )


# -- rendering --------------------------------------------------------------------------------


def render_text(report: CheckReport) -> str:
    """One block per check (status, name, summary, indented details), then the totals."""
    tags = {PASSED: "PASS", FAILED: "FAIL", SKIPPED: "SKIP"}
    lines = []
    for o in report.outcomes:
        lines.append(
            f"{tags[o.status]}  {o.name}: {o.summary}" if o.summary else f"{tags[o.status]}  {o.name}"
        )
        lines.extend(f"      {d}" for d in o.details)
    c = report.counts()
    lines.append(
        f"{len(report.outcomes)} checks: {c[PASSED]} passed, {c[FAILED]} failed, {c[SKIPPED]} skipped"
    )
    return "\n".join(lines) + "\n"


__all__ = [
    "CHECK_NAMES",
    "FACT_CLASSES",
    "CheckOutcome",
    "CheckReport",
    "check",
    "check_evidence_text",
    "check_owl_dl",
    "check_parse",
    "check_provenance",
    "check_shacl",
    "check_source_spans",
    "check_terms",
    "render_text",
    "source_text_path",
]
