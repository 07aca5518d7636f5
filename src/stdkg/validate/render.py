"""The renderings of a report: one line per result for people, the ``sh:ValidationReport`` graph
as Turtle, and JSON. Pure functions: they return text, never print."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..locate import locate
from ..names import shorten
from ..vocab import LABEL_PROPERTIES, PREFIXES
from .paths import path_turtle, shorten_path, turtle_term
from .report import ValidationReport, sort_key

if TYPE_CHECKING:
    from ..kg import KG

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$")


def labels(kg: KG, iris: list[str]) -> dict[str, str]:
    """A label for each IRI: English first, then untagged, then any; rdfs:label before the others."""
    import pyoxigraph as ox

    wanted = sorted({i for i in iris if i and not i.startswith("_:") and not i.startswith('"')})
    if not wanted:
        return {}
    values = " ".join(f"<{i}>" for i in wanted)
    props = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    rows = kg.query(
        f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {props} }} ?s ?p ?l "
        "FILTER(isLiteral(?l)) }"
    )
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for row in rows:
        s, p, lit = row["s"].value, row["p"].value, row["l"]
        lang = lit.language if isinstance(lit, ox.Literal) else None
        lang_rank = 0 if lang and lang.lower().startswith("en") else (1 if not lang else 2)
        rank = (lang_rank, LABEL_PROPERTIES.index(p), lit.value)
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


def render_turtle(report: ValidationReport) -> str:
    """The ``sh:ValidationReport`` graph as deterministic Turtle."""
    used = {"sh", "rdf", "xsd"}
    body: list[str] = []
    blank: dict[str, str] = {}  # a blank source constraint: one stable label per node
    for r in sorted(report.results, key=sort_key):
        props = [
            "a sh:ValidationResult",
            f"sh:focusNode {turtle_term(r.focus_node)}",
            f"sh:resultSeverity {turtle_term(r.severity)}",
            f"sh:sourceConstraintComponent {turtle_term(r.constraint)}",
        ]
        if r.path:
            props.append(f"sh:resultPath {path_turtle(r.path)}")
        if r.value is not None:
            props.append(f"sh:value {r.value}")
        if _stable_shape(r.source_shape):
            props.append(f"sh:sourceShape {turtle_term(r.source_shape or '')}")
        if r.source_constraint:
            constraint = r.source_constraint
            if constraint.startswith("_:"):
                constraint = blank.setdefault(constraint, f"_:c{len(blank) + 1}")
            props.append(f"sh:sourceConstraint {turtle_term(constraint)}")
        if r.message:
            tag = f"@{r.message_language}" if r.message_language else ""
            props.append(f"sh:resultMessage {json.dumps(r.message, ensure_ascii=False)}{tag}")
        body.append("    [\n        " + " ;\n        ".join(props) + "\n    ]")
        for term in (r.focus_node, r.severity, r.constraint, r.source_shape or "", r.source_constraint or ""):
            short = turtle_term(term) if term else ""
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


__all__ = ["labels", "render_json", "render_text", "render_turtle", "result_lines", "summary"]
