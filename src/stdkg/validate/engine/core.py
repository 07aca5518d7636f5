"""The engine: every shape with targets compiled to a few SPARQL queries over the whole store,
what cannot be compiled judged on the slow path, and the results as the reference reports them."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from ...rdf.quiet import quiet_rdflib
from ...vocab import SH, XSD_STRING
from ..paths import path_text
from ..report import ValidationResult, sort_key
from . import (
    cardinality,
    logical,
    other,
    property_pair,
    shape_based,
    slow,
    sparql_based,
    string_based,
    value_range,
    value_type,
)
from .compiled import Batch, Check, run_batch
from .context import Cond, Context, Finding, Recheck, ValueCheck
from .focus import Focus, focus_of, value_focus
from .shapes import NEUTRAL_PARAMS, NO_COND, PATH_PARAMS, VALUE_PARAMS, check_supported, top_shapes
from .terms import Node, Term, sh, text, to_rdflib


class Engine(Context):
    """Validate a store against a shapes graph (an rdflib Graph)."""

    def __init__(self, store: ox.Store, shapes: rdflib.Graph) -> None:
        super().__init__(store, shapes)
        check_supported(shapes)

    def run(self) -> list[ValidationResult]:
        results: list[Finding] = []
        for shape in top_shapes(self.sg):
            if not self.deactivated(shape):
                results.extend(self._validate_top(shape, focus_of(self, shape)))
        # every result counts: two constraints (or two shapes) reporting the same thing are two results
        results_out = [self._to_result(r) for r in results]
        return sorted(results_out, key=lambda r: (sort_key(r), r.source_shape or ""))

    def _to_result(self, r: Finding) -> ValidationResult:
        """Rendered like :func:`stdkg.validate.reference.results_from_graph` renders pySHACL's report."""
        focus_term = self.written.get(r.focus, r.focus)  # a target node as the shapes write it
        value_term = focus_term if r.value is not None and r.value == r.focus else r.value
        focus = text(focus_term)
        with quiet_rdflib():
            value = _n3(value_term) if value_term is not None else None
            if isinstance(focus_term, ox.Literal):  # a literal focus node, as the reader writes it
                focus = _n3(focus_term)
        return ValidationResult(
            focus_node=focus[1:-1] if focus.startswith("<") else focus,
            constraint=r.component,
            path=path_text(self.sg, r.path) if r.path is not None else None,
            severity=r.severity,
            value=value,
            source_shape=str(r.shape) if isinstance(r.shape, rdflib.URIRef) else None,
            message=str(r.message) if r.message is not None else "",
            message_language=getattr(r.message, "language", None),
            source_constraint=_node_id(r.source_constraint),
        )

    # -- the ways back from the constraint families ---------------------------------------------
    def failing(self, shape: Node, nodes: set[Term]) -> set[Term]:
        return slow.failing(self, shape, nodes)

    def cond(self, shape: Node, var: str, universe: str) -> str | None:
        """SPARQL: the node in ``var`` conforms to ``shape`` (None: not expressible exactly).

        ``universe`` is a pattern that binds ``var`` to (at least) every node the test will see: it
        is used to find, in Python, the few literals whose SPARQL and Python readings differ.
        """
        if self.deactivated(shape):
            return "true"
        key = (shape, var, universe)
        if key in self.cond_cache:
            return self.cond_cache[key]
        params = self.params(shape)
        path = self.sg.value(shape, sh("path"))
        allowed = VALUE_PARAMS | NEUTRAL_PARAMS | (PATH_PARAMS if path is not None else {SH + "property"})
        result: str | None = None
        if not (params - allowed or params & NO_COND):
            result = (
                self._node_cond(shape, var, universe)
                if path is None
                else self._path_cond(shape, path, var, universe)
            )
        self.cond_cache[key] = result
        return result

    def _node_cond(self, shape: Node, var: str, universe: str) -> str | None:
        parts = self._value_conds(shape, var, universe)
        if parts is None:
            return None
        for prop in sorted(self.sg.objects(shape, sh("property")), key=str):
            c = self.cond(prop, var, universe)
            if c is None:
                return None
            parts.append(c)
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _path_cond(self, shape: Node, path: Node, var: str, universe: str) -> str | None:
        if self.nullable(path):
            return None
        p = self.path_sparql(path)
        parts: list[str] = []
        for found in (
            cardinality.path_conds(self, shape, var, p),
            string_based.path_conds(self, shape, var, p),
            other.path_conds(self, shape, var, p),
            shape_based.path_conds(self, shape),
        ):
            if found is None:
                return None
            parts.extend(found)
        x = self.fresh()
        atoms = self._value_conds(shape, x, f"{universe} . {var} {p} {x}")
        if atoms is None:
            return None
        if atoms:
            parts.append(f"NOT EXISTS {{ {var} {p} {x} FILTER(!({' && '.join(atoms)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _value_conds(self, shape: Node, var: str, universe: str) -> list[str] | None:
        """SPARQL tests that the node in ``var`` meets each value constraint of ``shape``."""
        out: list[str] = []
        for conds in (
            lambda: value_type.value_conds(self, shape, var, universe),
            lambda: string_based.value_conds(self, shape, var, universe),
            lambda: other.value_conds(self, shape, var),
            lambda: shape_based.value_conds(self, shape, var, universe),
            lambda: logical.value_conds(self, shape, var, universe),
        ):
            found = conds()
            if found is None:
                return None
            out.extend(found)
        return out

    # -- shapes with targets: compiled checks, batched; the rest the slow way --------------------
    def _validate_top(self, shape: Node, focus: Focus) -> list[Finding]:
        """The results of ``shape`` on its focus nodes, and those of the shapes nested in it.

        A focus node reached from several parents (``focus.weights``) is validated once per parent,
        as the reference does: its results are repeated.
        """
        batch = Batch()
        out: list[Finding] = []
        nested: list[Finding] = []
        self._collect(shape, focus, batch, out, nested)
        out.extend(run_batch(self, batch, focus))
        if focus.weights:
            out = [r for r in out for _ in range(focus.weights.get(r.focus, 1))]
        return out + nested

    def _collect(
        self, shape: Node, focus: Focus, batch: Batch, out: list[Finding], nested: list[Finding]
    ) -> None:
        sg = self.sg
        path = sg.value(shape, sh("path"))
        severity = str(sg.value(shape, sh("severity")) or SH + "Violation")
        message = self.message(shape)
        checks = self._compile_own(shape, path, severity, message, focus)
        if checks is None:
            out.extend(slow.own(self, shape, focus.gen))
        else:
            for check in checks:
                batch.add(check, self.path_sparql(path) if path is not None else None)
        for c in sg.objects(shape, sh("sparql")):
            if not self.deactivated(c):
                out.extend(sparql_based.evaluate(self, shape, c, path, focus, severity))
        props = [p for p in sorted(sg.objects(shape, sh("property")), key=str) if not self.deactivated(p)]
        if path is None:
            for prop in props:
                self._collect(prop, focus, batch, out, nested)
        elif props:  # sh:property on a property shape: its value nodes are the focus nodes
            values = value_focus(self, focus, path)
            for prop in props:
                nested.extend(self._validate_top(prop, values))

    def _compile_own(
        self, shape: Node, path: Node | None, severity: str, message: Node | None, focus: Focus
    ) -> list[Check] | None:
        """The shape's own constraints as SPARQL checks; None when one of them cannot be compiled."""
        allowed = VALUE_PARAMS | NEUTRAL_PARAMS | (PATH_PARAMS if path is not None else set())
        if self.params(shape) - allowed - {SH + "sparql", SH + "property"}:
            return None
        if path is not None and self.nullable(path):
            return None
        checks: list[Check] = []

        def add(
            component: str,
            expr: str,
            kind: str,
            recheck: Recheck | None = None,
            count: tuple[str, int, Cond | None] | None = None,
            pair: tuple[ox.NamedNode, bool] | None = None,
        ) -> None:
            checks.append(
                Check(expr, SH + component, shape, path, severity, message, kind, recheck, count, pair)
            )

        if path is not None:
            p = self.path_sparql(path)
            single = self.single_valued(path)
            cardinality.focus_checks(self, shape, p, single, add)
            string_based.focus_checks(self, shape, single, add)
            if not (
                other.focus_checks(self, shape, p, add)
                and shape_based.focus_checks(self, shape, p, single, add)
                and property_pair.focus_checks(self, shape, add)
            ):
                return None
            var, universe, value_kind = "?v", f"?this {p} ?v", "value"
        else:
            var, universe, value_kind = "?this", focus.gen, "focus"
        for component, expr, recheck in self._value_checks(shape, var, universe, path is None):
            if expr is None:
                return None
            add(component, expr, value_kind, recheck)
            # (on a node shape, the value of a result is the focus node, but for sh:hasValue)
            checks[-1].with_value = component != "HasValueConstraintComponent"
        return checks

    def _value_checks(self, shape: Node, var: str, universe: str, node_level: bool) -> list[ValueCheck]:
        """(component, SPARQL test true for a possible violation, exact Python re-check or None)."""
        return [
            *value_type.value_checks(self, shape, var),
            *string_based.value_checks(self, shape, var),
            *other.value_checks(self, shape, var, node_level),
            *value_range.value_checks(self, shape, var),
            *shape_based.value_checks(self, shape, var, universe),
            *logical.value_checks(self, shape, var, universe),
        ]


def _n3(term: Term) -> str:
    """A term as the report reader writes it (rdflib's N3), its lexical form kept as the store has it."""
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language, normalize=False).n3()
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return rdflib.Literal(term.value, normalize=False).n3()
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype), normalize=False).n3()
    return to_rdflib(term).n3()


def _node_id(node: Node | None) -> str | None:
    """A shapes-graph node as a report names it: the IRI, ``_:id`` for a blank node."""
    if node is None:
        return None
    return f"_:{node}" if isinstance(node, rdflib.BNode) else str(node)


__all__ = ["Engine"]
