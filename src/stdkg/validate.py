"""SHACL validation of a loaded KG, engine-independent results, and the report renderings.

:func:`validate` dispatches to an engine by name (see :data:`ENGINES`); pySHACL is the reference
and the fallback. Every engine returns a :class:`~stdkg.report.ValidationReport` of
:class:`~stdkg.report.ValidationResult`, so the renderings below (text, Turtle, JSON) do not depend
on the engine.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .kg import PREFIXES
from .locate import display_path, locate
from .names import shorten
from .rdf.quiet import quiet_rdflib
from .report import SH, ValidationReport, ValidationResult

if TYPE_CHECKING:
    import rdflib

    from .kg import KG

INFERENCE_CHOICES = ("none", "rdfs", "owlrl")

EngineFn = Callable[["KG", Path, str], ValidationReport]
"""An engine: ``(kg, shapes file, inference) -> ValidationReport``. An engine that cannot serve a
request raises :class:`stdkg.fast.EngineUnavailable`; :func:`validate` then falls back to pySHACL."""

#: Engine name -> ``"module:function"`` (imported on use). Adding an engine is one entry here.
ENGINES: dict[str, str] = {
    "pyshacl": "stdkg.validate:validate_pyshacl",
    "fast": "stdkg.validate:validate_fast",
}
#: What ``engine="auto"`` tries, in order (the first one that can be imported wins).
# (issue 6) the fast engine first: it declines (EngineUnavailable) what it cannot do, and pySHACL serves
AUTO_ORDER: tuple[str, ...] = ("fast", "pyshacl")

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")
_SEVERITY_RANK = {SH + "Violation": 0, SH + "Warning": 1, SH + "Info": 2}
_LABEL_PROPERTIES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "https://schema.org/name",
)


# -- entry point ------------------------------------------------------------------------------


def validate(
    kg: KG,
    shapes: Path | str | None = None,
    *,
    inference: str = "none",
    engine: str = "auto",
) -> ValidationReport:
    """Validate ``kg`` against ``shapes`` (default: the layout's data shapes)."""
    if inference not in INFERENCE_CHOICES:
        raise InputError(f"unknown inference {inference!r} (use one of: {', '.join(INFERENCE_CHOICES)})")
    shapes_path = Path(shapes) if shapes is not None else kg.layout.data_shapes
    if not shapes_path.exists():
        raise InputError(f"{shapes_path}: no such shapes file")
    fn = _engine(engine)
    with quiet_rdflib():
        try:
            report = fn(kg, shapes_path, inference)
        except Exception as exc:
            if fn is validate_pyshacl or not _is_unavailable(exc):
                raise
            report = validate_pyshacl(kg, shapes_path, inference)
    report.results.sort(key=sort_key)
    # SHACL's reading, whatever the engine: the graph conforms when there is no result at all.
    report.conforms = not report.results
    return report


def _is_unavailable(exc: Exception) -> bool:
    """An optional engine that is not installed or cannot serve this request."""
    if isinstance(exc, ImportError):
        return True
    try:
        from .fast import EngineUnavailable
    except ImportError:  # pragma: no cover - the fast engines are optional
        return False
    return isinstance(exc, EngineUnavailable)


def _engine(name: str) -> EngineFn:
    names = AUTO_ORDER if name == "auto" else (name,)
    for candidate in names:
        spec = ENGINES.get(candidate)
        if spec is None:
            raise InputError(
                f"unknown validation engine {candidate!r} (use one of: auto, {', '.join(ENGINES)})"
            )
        module_name, attr = spec.split(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # an optional engine that is not installed: the reference serves
        fn: EngineFn = getattr(module, attr)
        return fn
    return validate_pyshacl


def load_shapes(path: Path) -> rdflib.Graph:
    """Parse a shapes file (or folder) into an rdflib graph; errors name file:line:column."""
    from .kg import load

    if not path.exists():
        raise InputError(f"{path}: no such shapes file")
    with quiet_rdflib():
        graph = load([path]).rdflib_graph
    if not any(str(p).startswith(SH) or str(o).startswith(SH) for _, p, o in graph):
        raise InputError(f"{path}: no SHACL shapes found")
    return graph


def ontology_graph(kg: KG) -> rdflib.Graph | None:
    """The triples of the KG's files under the layout's ``ontology/`` folder, or None."""
    import pyoxigraph as ox
    import rdflib

    onto_dir = kg.layout.ontology_dir.resolve()
    graphs = [s.graph for s in kg.sources if s.path.resolve().is_relative_to(onto_dir)]
    if not graphs:
        return None
    kg.ensure_source_graphs(graphs)
    quads = (
        ox.Triple(q.subject, q.predicate, q.object)
        for g in graphs
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))
    )
    data = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


# -- the fast engine (pyshacl-turbo on pyoxigraph stores, see stdkg.fast) ----------------------


def validate_fast(kg: KG, shapes: Path, inference: str) -> ValidationReport:
    """pyshacl-turbo through :mod:`stdkg.fast.shacl` (no inference; otherwise pySHACL serves)."""
    from .fast import EngineUnavailable

    if inference != "none":
        raise EngineUnavailable("the fast engine does not do inference")
    # the same input checks (and errors) as the reference, and the shapes graph it sees
    graph = load_shapes(shapes)
    from .fast.shacl import validate as fast_validate

    return fast_validate(kg, shapes, graph=graph)


# -- pySHACL (reference engine) ---------------------------------------------------------------


def validate_pyshacl(kg: KG, shapes: Path, inference: str) -> ValidationReport:
    """Run pySHACL (``advanced=True`` for SPARQL-based constraints and targets)."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    shapes_graph = load_shapes(shapes)
    ont = ontology_graph(kg) if inference != "none" else None
    try:
        _conforms, report_graph, _text = pyshacl.validate(
            kg.rdflib_graph,
            shacl_graph=shapes_graph,
            ont_graph=ont,
            inference=inference,
            advanced=True,
            allow_warnings=False,
            abort_on_first=False,
            inplace=False,
        )
    except ReportableRuntimeError as exc:
        raise InputError(f"SHACL shapes cannot be used: {exc.message}") from exc
    results = results_from_graph(report_graph)
    # SHACL's reading: the graph conforms when there is no result at all (whatever its severity).
    return ValidationReport(conforms=not results, results=results, engine="pyshacl")


def results_from_graph(graph: rdflib.Graph) -> list[ValidationResult]:
    """Read the ``sh:ValidationResult`` nodes of a SHACL report graph."""
    import rdflib

    sh = rdflib.Namespace(SH)
    out: list[ValidationResult] = []
    for node in graph.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = graph.value(node, sh.focusNode)
        component = graph.value(node, sh.sourceConstraintComponent)
        path = graph.value(node, sh.resultPath)
        severity = graph.value(node, sh.resultSeverity)
        value = graph.value(node, sh.value)
        shape = graph.value(node, sh.sourceShape)
        messages = sorted(
            graph.objects(node, sh.resultMessage),
            key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)),
        )
        out.append(
            ValidationResult(
                focus_node=_term_id(focus),
                constraint=str(component) if component is not None else "",
                path=_path_text(graph, path) if path is not None else None,
                severity=str(severity) if severity is not None else SH + "Violation",
                value=value.n3() if value is not None else None,
                source_shape=str(shape) if isinstance(shape, rdflib.URIRef) else None,
                message=str(messages[0]) if messages else "",
            )
        )
    return out


def _term_id(term: Any) -> str:
    import rdflib

    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        return str(term.n3())
    return str(term)


def _path_text(graph: rdflib.Graph, path: Any) -> str:
    """A result path: the IRI for a predicate path, SPARQL property-path text otherwise."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    if isinstance(path, rdflib.URIRef):
        return str(path)

    def sub(node: Any, top: bool = False) -> str:
        if isinstance(node, rdflib.URIRef):
            return f"<{node}>"
        inv = graph.value(node, sh.inversePath)
        if inv is not None:
            return f"^{sub(inv)}"
        for pred, op in (
            (sh.zeroOrMorePath, "*"),
            (sh.oneOrMorePath, "+"),
            (sh.zeroOrOnePath, "?"),
        ):
            inner = graph.value(node, pred)
            if inner is not None:
                return f"({sub(inner, True)}){op}"
        alt = graph.value(node, sh.alternativePath)
        if alt is not None:
            return "(" + "|".join(sub(x, True) for x in Collection(graph, alt)) + ")"
        if graph.value(node, rdflib.RDF.first) is not None:
            seq = "/".join(sub(x) for x in Collection(graph, node))
            return seq if top else f"({seq})"
        return f"_:{node}"

    return sub(path, True)


# -- presentation helpers (pure: they return text, never print) -------------------------------


def sort_key(r: ValidationResult) -> tuple[Any, ...]:
    return (
        _SEVERITY_RANK.get(r.severity, 9),
        r.focus_node,
        r.path or "",
        r.constraint,
        r.value or "",
        r.message,
    )


def shorten_path(path: str | None) -> str:
    if not path:
        return "-"
    if path.startswith(("<", "^", "(")):
        return re.sub(r"<([^>]*)>", lambda m: shorten(m.group(1)), path)
    return shorten(path)


def labels(kg: KG, iris: list[str]) -> dict[str, str]:
    """A label for each IRI: English first, then untagged, then any; rdfs:label before the others."""
    import pyoxigraph as ox

    wanted = sorted({i for i in iris if i and not i.startswith("_:") and not i.startswith('"')})
    if not wanted:
        return {}
    values = " ".join(f"<{i}>" for i in wanted)
    props = " ".join(f"<{p}>" for p in _LABEL_PROPERTIES)
    rows = kg.query(
        f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {props} }} ?s ?p ?l "
        "FILTER(isLiteral(?l)) }"
    )
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for row in rows:
        s, p, lit = row["s"].value, row["p"].value, row["l"]
        lang = lit.language if isinstance(lit, ox.Literal) else None
        lang_rank = 0 if lang and lang.lower().startswith("en") else (1 if not lang else 2)
        rank = (lang_rank, _LABEL_PROPERTIES.index(p), lit.value)
        if s not in best or rank < best[s][0]:
            best[s] = (rank, lit.value)
    return {s: v for s, (_, v) in best.items()}


def summary(report: ValidationReport) -> str:
    v, w, i = report.count("Violation"), report.count("Warning"), report.count("Info")
    text = f"{v} violation{'s' if v != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
    if i:
        text += f", {i} info{'s' if i != 1 else ''}"
    return text


def _location_map(kg: KG, report: ValidationReport) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in report.results:
        if r.focus_node in out:
            continue
        loc = locate(kg, r.focus_node)
        out[r.focus_node] = loc.display(kg.layout.root) if loc else ""
    return out


def result_lines(kg: KG, report: ValidationReport) -> list[str]:
    """One line per result: severity, focus (label and IRI), path, message, (file:line)."""
    names = labels(kg, [r.focus_node for r in report.results])
    where = _location_map(kg, report)
    lines = []
    ordered = sorted(report.results, key=sort_key)
    # Results that would print the same line (several values, one message) show their value.
    same: dict[tuple[str, str | None, str, str], int] = {}
    for r in ordered:
        k = (r.focus_node, r.path, r.severity, r.message)
        same[k] = same.get(k, 0) + 1
    for r in ordered:
        focus = r.focus_node if r.focus_node.startswith(("_:", '"')) else f"<{r.focus_node}>"
        label = names.get(r.focus_node)
        node = f"{label} {focus}" if label else focus
        message = " ".join(r.message.split()) or shorten(r.constraint)
        if r.value is not None and same[(r.focus_node, r.path, r.severity, r.message)] > 1:
            message += f" (value: {_short_value(r.value)})"
        line = f"{r.severity_name:<9}  {node}  {shorten_path(r.path)}  {message}"
        if where.get(r.focus_node):
            line += f"  ({where[r.focus_node]})"
        lines.append(line)
    return lines


def _short_value(value: str) -> str:
    """An N-Triples term shortened for people: prefixed IRIs, datatypes shortened."""
    if value.startswith("<") and value.endswith(">"):
        return shorten(value[1:-1])
    return re.sub(r"\^\^<([^>]*)>$", lambda m: "^^" + shorten(m.group(1)), value)


def render_text(kg: KG, report: ValidationReport) -> str:
    """The human report: sorted result lines, then the summary line."""
    lines = [*result_lines(kg, report), summary(report)]
    return "\n".join(lines) + "\n"


def _turtle_term(term: str) -> str:
    """An N-Triples/IRI term as Turtle (IRIs shortened where safe)."""
    if term.startswith(("_:", '"', "<")):
        return term
    return shorten(term)


def path_turtle(path: str) -> str:
    """A result path (an IRI or SPARQL property-path text) as a SHACL path in Turtle."""
    if not path.startswith(("<", "^", "(")):
        return _turtle_term(path)
    pos = 0

    def peek() -> str:
        return path[pos] if pos < len(path) else ""

    def alternative() -> str:
        nonlocal pos
        items = [sequence()]
        while peek() == "|":
            pos += 1
            items.append(sequence())
        return items[0] if len(items) == 1 else f"[ sh:alternativePath ( {' '.join(items)} ) ]"

    def sequence() -> str:
        nonlocal pos
        items = [unary()]
        while peek() == "/":
            pos += 1
            items.append(unary())
        return items[0] if len(items) == 1 else f"( {' '.join(items)} )"

    def unary() -> str:
        nonlocal pos
        if peek() == "^":
            pos += 1
            return f"[ sh:inversePath {unary()} ]"
        item = primary()
        ops = {"*": "sh:zeroOrMorePath", "+": "sh:oneOrMorePath", "?": "sh:zeroOrOnePath"}
        if peek() in ops:
            op = ops[peek()]
            pos += 1
            return f"[ {op} {item} ]"
        return item

    def primary() -> str:
        nonlocal pos
        if peek() == "(":
            pos += 1
            inner = alternative()
            if peek() != ")":
                raise ValueError(f"bad path text: {path}")
            pos += 1
            return inner
        end = path.index(">", pos)
        iri = path[pos + 1 : end]
        pos = end + 1
        return _turtle_term(iri)

    return alternative()


def render_turtle(report: ValidationReport) -> str:
    """The ``sh:ValidationReport`` graph as deterministic Turtle."""
    used = {"sh", "rdf", "xsd"}
    body: list[str] = []
    for r in sorted(report.results, key=sort_key):
        props = [
            "a sh:ValidationResult",
            f"sh:focusNode {_turtle_term(r.focus_node)}",
            f"sh:resultSeverity {_turtle_term(r.severity)}",
            f"sh:sourceConstraintComponent {_turtle_term(r.constraint)}",
        ]
        if r.path:
            props.append(f"sh:resultPath {path_turtle(r.path)}")
        if r.value is not None:
            props.append(f"sh:value {r.value}")
        if _stable_shape(r.source_shape):
            props.append(f"sh:sourceShape {_turtle_term(r.source_shape or '')}")
        if r.message:
            props.append(f"sh:resultMessage {json.dumps(r.message, ensure_ascii=False)}")
        body.append("    [\n        " + " ;\n        ".join(props) + "\n    ]")
        for term in (r.focus_node, r.severity, r.constraint, r.source_shape or ""):
            short = _turtle_term(term) if term else ""
            if short and not short.startswith(("<", "_", '"')):
                used.add(short.split(":", 1)[0])
        if r.path:
            used.update(re.findall(r"(?<![\w<])([A-Za-z][\w-]*):", path_turtle(r.path)))
    header = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(used) if p in PREFIXES)
    text = header + "\n[] a sh:ValidationReport ;\n"
    text += f"    sh:conforms {'true' if report.conforms else 'false'}"
    if body:
        text += " ;\n    sh:result\n" + " ,\n".join(body)
    return text + " .\n"


def _stable_shape(shape: str | None) -> str | None:
    """Source shapes are shown by IRI; blank-node shapes have no stable name and are left out."""
    return shape if shape and _ABSOLUTE_IRI.match(shape) and not shape.startswith("_:") else None


def render_json(kg: KG, report: ValidationReport) -> str:
    """A stable JSON document (sorted results, sorted keys)."""
    names = labels(kg, [r.focus_node for r in report.results])
    where = _location_map(kg, report)
    doc = {
        "conforms": report.conforms,
        "engine": report.engine,
        "violations": report.count("Violation"),
        "warnings": report.count("Warning"),
        "infos": report.count("Info"),
        "results": [
            {
                "severity": r.severity_name,
                "focusNode": r.focus_node,
                "label": names.get(r.focus_node),
                "path": r.path,
                "constraint": r.constraint,
                "value": r.value,
                "sourceShape": _stable_shape(r.source_shape),
                "message": r.message,
                "location": where.get(r.focus_node) or None,
            }
            for r in sorted(report.results, key=sort_key)
        ],
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


__all__ = [
    "ENGINES",
    "INFERENCE_CHOICES",
    "display_path",
    "labels",
    "load_shapes",
    "render_json",
    "render_text",
    "render_turtle",
    "result_lines",
    "summary",
    "validate",
    "validate_pyshacl",
]
