"""SHACL validation of a loaded KG: engine choice, the report, its renderings, the engines.

:func:`validate` runs an engine chosen by name (:data:`ENGINES`): our own engine
(:mod:`.engine`) first, which declines what it cannot do, then pySHACL (:mod:`.reference`), the
reference. Every engine returns a :class:`ValidationReport` of :class:`ValidationResult`, so the
renderings (:mod:`.render`: text, Turtle, JSON) do not depend on the engine.

Modules: :mod:`.choice` (engine choice), :mod:`.report` (the report), :mod:`.render`,
:mod:`.paths` (SHACL paths as text), :mod:`.inputs` (shapes file, ontology), :mod:`.reference`
(pySHACL and the report-graph reader), :mod:`.turbo` (pyshacl-turbo), :mod:`.engine` (ours).
"""

from __future__ import annotations

from ..names import shorten
from ..rdf.quiet import quiet_rdflib
from .choice import ENGINES, INFERENCE_CHOICES, validate, validate_own, validate_turbo
from .inputs import load_shapes, ontology_graph
from .paths import path_text, path_turtle, shorten_path
from .reference import results_from_graph, validate_pyshacl
from .render import labels, render_json, render_text, render_turtle, result_lines, summary
from .report import SH, ValidationReport, ValidationResult, sort_key

__all__ = [
    "ENGINES",
    "INFERENCE_CHOICES",
    "SH",
    "ValidationReport",
    "ValidationResult",
    "labels",
    "load_shapes",
    "ontology_graph",
    "path_text",
    "path_turtle",
    "quiet_rdflib",
    "render_json",
    "render_text",
    "render_turtle",
    "result_lines",
    "results_from_graph",
    "shorten",
    "shorten_path",
    "sort_key",
    "summary",
    "validate",
    "validate_own",
    "validate_pyshacl",
    "validate_turbo",
]
