"""pySHACL, the reference engine, and the reader of SHACL report graphs every engine's report goes
through."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..vocab import SH
from .inputs import load_shapes, ontology_graph
from .paths import path_text
from .report import ValidationReport, ValidationResult

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

    from ..kg import KG

ENGINE = "pyshacl"


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
        raise InputError(
            f"SHACL shapes cannot be used: {_one_line(getattr(exc, 'message', None) or exc)}"
        ) from exc
    except Exception as exc:  # pySHACL fails this way on shapes it cannot use: an input error
        raise InputError(
            f"SHACL shapes cannot be used: pySHACL: {type(exc).__name__}: {_one_line(exc)}"
        ) from exc
    results = results_from_graph(report_graph)
    # SHACL's reading: the graph conforms when there is no result at all (whatever its severity).
    return ValidationReport(conforms=not results, results=results, engine=ENGINE)


def results_from_graph(graph: rdflib.Graph) -> list[ValidationResult]:
    """Read the results of a SHACL report graph: those the report lists with ``sh:result`` (the
    nested ``sh:detail`` results stay inside theirs), or, without a report node, every result."""
    import rdflib

    sh = rdflib.Namespace(SH)
    reports = list(graph.subjects(rdflib.RDF.type, sh.ValidationReport))
    if reports:
        nodes = [n for report in reports for n in graph.objects(report, sh.result)]
    else:
        nodes = list(graph.subjects(rdflib.RDF.type, sh.ValidationResult))
    out: list[ValidationResult] = []
    for node in nodes:
        focus = graph.value(node, sh.focusNode)
        component = graph.value(node, sh.sourceConstraintComponent)
        path = graph.value(node, sh.resultPath)
        severity = graph.value(node, sh.resultSeverity)
        value = graph.value(node, sh.value)
        shape = graph.value(node, sh.sourceShape)
        constraint = graph.value(node, sh.sourceConstraint)
        messages = sorted(
            graph.objects(node, sh.resultMessage),
            key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)),
        )
        out.append(
            ValidationResult(
                focus_node=_term_id(focus),
                constraint=str(component) if component is not None else "",
                path=path_text(graph, path) if path is not None else None,
                severity=str(severity) if severity is not None else SH + "Violation",
                value=value.n3() if value is not None else None,
                source_shape=str(shape) if isinstance(shape, rdflib.URIRef) else None,
                message=str(messages[0]) if messages else "",
                message_language=getattr(messages[0], "language", None) if messages else None,
                source_constraint=_term_id(constraint) if constraint is not None else None,
            )
        )
    return out


def _one_line(message: object, limit: int = 300) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _term_id(term: Node | None) -> str:
    import rdflib

    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        return str(term.n3())
    return str(term)


__all__ = ["ENGINE", "results_from_graph", "validate_pyshacl"]
