"""A set-based SHACL engine on a pyoxigraph store, written to give the same results as pySHACL.

Each shape with targets is compiled to a few SPARQL queries run once over the whole store, which
return only the violations (and a few candidates that Python judges):

* every constraint becomes a SPARQL test: on the focus node (counts, sh:uniqueLang, qualified
  counts, node-level constraints, sh:or/sh:xone of property shapes...) or on a value of a path
  (sh:class as one ``EXISTS`` per subclass, read from the data once; datatypes, node kinds,
  patterns, lengths, languages, and sh:node/sh:not/sh:and/sh:or/sh:xone of such tests);
* the tests on focus nodes are batched into one query over the focus nodes of the shape, the tests
  on values into one query per path, which runs on every subject of the path (the focus test is
  then made in Python on the rows) or, when many rows come back, joined with the focus pattern;
* where SPARQL and pySHACL's Python rules could differ, SPARQL only vouches for what is surely
  right and Python decides the rest with pySHACL 0.40's rules: ill-typed literals for
  ``sh:datatype`` (rdflib's reading), ``sh:pattern`` (Python's ``re``; a "$" also matches before a
  final newline), value ranges and ``sh:lessThan`` (pySHACL's order of literals); inside logical
  constraints, the few such literals are found first and listed in the query;
* SPARQL-based constraints run once with ``$this`` unbound, their rows kept for focus nodes.

What cannot be compiled (sh:closed, sh:in/sh:hasValue of literals, paths that can take zero
steps, counts nested in logical constraints...) is checked the slow way, on (focus, value) pairs
in Python. Anything the engine does not know (sh:equals, SHACL-AF...) raises
:class:`stdkg.fast.EngineUnavailable`, and the caller falls back to another engine. The shapes
graph is small and is read with rdflib.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..report import SH, ValidationResult
from . import EngineUnavailable

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"

#: Parameters this engine understands (anything else in a shape makes it unavailable).
_KNOWN = {
    SH + name
    for name in [
        "targetClass",
        "target",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "lessThan",
        "lessThanOrEquals",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "property",
        "path",
        "minCount",
        "maxCount",
        "datatype",
        "class",
        "nodeKind",
        "pattern",
        "flags",
        "minLength",
        "maxLength",
        "in",
        "hasValue",
        "uniqueLang",
        "languageIn",
        "node",
        "not",
        "and",
        "or",
        "xone",
        "closed",
        "ignoredProperties",
        "sparql",
        "severity",
        "deactivated",
        "message",
        "name",
        "description",
        "order",
        "group",
        "defaultValue",
    ]
} | {RDF + "type", RDFS + "label", RDFS + "comment", RDFS + "isDefinedBy", RDFS + "seeAlso"}

Term = Any  # a pyoxigraph term
Pairs = dict[Term, list[Term]]


@dataclass
class _Result:
    focus: Term
    component: str
    shape: Any  # rdflib node
    path: Any = None  # rdflib path node
    value: Term = None
    severity: str = SH + "Violation"
    message: str = ""


@dataclass
class _Ctx:
    store: pyoxigraph.Store
    sg: rdflib.Graph
    instances: dict[str, set[Term]] = field(default_factory=dict)
    failing_cache: dict[tuple[Any, frozenset[Term]], set[Term]] = field(default_factory=dict)
    ill_typed_cache: dict[tuple[str, str], bool] = field(default_factory=dict)
    focus_cache: dict[str, set[Term]] = field(default_factory=dict)
    subclass_terms: dict[str, list[Term]] = field(default_factory=dict)
    children: dict[Term, list[Term]] | None = None
    cond_cache: dict[tuple[Any, str, str], str | None] = field(default_factory=dict)
    fresh: int = 0
    single_valued: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Focus:
    """The focus nodes of a shape with targets."""

    store: pyoxigraph.Store
    gen: str = ""
    """A group pattern binding ``?this`` to every focus node (possibly more than once)."""
    classes: set[Term] = field(default_factory=set)
    nodes: set[Term] = field(default_factory=set)
    subjects_of: list[Term] = field(default_factory=list)
    objects_of: list[Term] = field(default_factory=list)
    listed_only: bool = False
    """The focus nodes are only those that ``gen`` lists (read on first use into ``nodes``)."""

    def contains(self, node: Term) -> bool:
        """Whether ``node`` is a focus node (for the few candidates that SPARQL returns)."""
        if self.listed_only and not self.nodes:
            rows: Any = self.store.query(f"SELECT DISTINCT ?this WHERE {{ {self.gen} }}")
            self.nodes = {row[0] for row in rows}
        if node in self.nodes:
            return True
        graph = _default_graph()
        if _kind(node) != "Literal":
            if self.classes:
                rdf_type = _type_predicate()
                for q in self.store.quads_for_pattern(node, rdf_type, None, graph):
                    if q.object in self.classes:
                        return True
            for p in self.subjects_of:
                if next(iter(self.store.quads_for_pattern(node, p, None, graph)), None) is not None:
                    return True
        return any(
            next(iter(self.store.quads_for_pattern(None, p, node, graph)), None) is not None
            for p in self.objects_of
        )


Cond = Callable[[str], "str | None"]


@dataclass
class _Check:
    """One compiled constraint: a SPARQL test that is true on (possible) violations."""

    expr: str
    component: str
    shape: Any
    path: Any
    severity: str
    message: str
    kind: str
    """``focus`` (a test of ``?this``), ``value`` (of ``?this`` and its value ``?v``), ``count``
    (a GROUP BY query) or ``pair`` (sh:lessThan...)."""
    recheck: Callable[[Term, Term], bool] | None = None
    """The exact Python test of a candidate (focus, value): True when it is a violation."""
    other: Any = None
    with_value: bool = True


@dataclass
class _Batch:
    """The compiled checks of one shape with targets, grouped so that each path is read once."""

    focus: list[_Check] = field(default_factory=list)
    values: dict[str, list[_Check]] = field(default_factory=dict)
    counts: list[tuple[str, _Check]] = field(default_factory=list)
    pairs: list[tuple[str, _Check]] = field(default_factory=list)

    def add(self, check: _Check, path: str | None) -> None:
        if check.kind == "focus":
            self.focus.append(check)
        elif check.kind == "value" and path is not None:
            self.values.setdefault(path, []).append(check)
        elif check.kind == "count" and path is not None:
            self.counts.append((path, check))
        elif path is not None:
            self.pairs.append((path, check))


class Engine:
    """Validate a store against a shapes graph (an rdflib Graph)."""

    def __init__(self, store: pyoxigraph.Store, shapes: rdflib.Graph) -> None:
        self.ctx = _Ctx(store, shapes)
        self._check_supported()

    # -- shapes --------------------------------------------------------------------------
    def _sh(self, name: str) -> rdflib.URIRef:
        import rdflib

        return rdflib.URIRef(SH + name)

    def _check_supported(self) -> None:

        sg = self.ctx.sg
        for shape in self._all_shapes():
            for p in set(sg.predicates(shape)):
                if str(p) not in _KNOWN and str(p).startswith(SH):
                    raise EngineUnavailable(f"the fast SHACL engine does not support {p}")
            for c in sg.objects(shape, self._sh("sparql")):
                if (c, self._sh("ask"), None) in sg or (c, self._sh("select"), None) not in sg:
                    raise EngineUnavailable("only SELECT-based SPARQL constraints are supported")
        for target in sg.objects(None, self._sh("target")):
            if (target, self._sh("select"), None) not in sg or (target, self._sh("parameter"), None) in sg:
                raise EngineUnavailable("only SELECT-based SPARQL targets are supported")
        if (None, self._sh("rule"), None) in sg:
            raise EngineUnavailable("SHACL rules are not supported")

    def _all_shapes(self) -> set[Any]:
        import rdflib

        sg = self.ctx.sg
        shapes: set[Any] = set(sg.subjects(rdflib.RDF.type, self._sh("NodeShape")))
        shapes |= set(sg.subjects(rdflib.RDF.type, self._sh("PropertyShape")))
        for p in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target", "path"):
            shapes |= set(sg.subjects(self._sh(p), None))
        for p in ("property", "node", "not", "qualifiedValueShape"):
            shapes |= set(sg.objects(None, self._sh(p)))
        for p in ("and", "or", "xone"):
            for lst in sg.objects(None, self._sh(p)):
                shapes |= set(sg.items(lst))
        return shapes

    def _top_shapes(self) -> list[Any]:
        import rdflib

        sg = self.ctx.sg
        top = []
        for shape in self._all_shapes():
            has_target = any(
                (shape, self._sh(p), None) in sg
                for p in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")
            )
            implicit = (shape, rdflib.RDF.type, rdflib.RDFS.Class) in sg or (
                shape,
                rdflib.RDF.type,
                rdflib.OWL.Class,
            ) in sg
            if has_target or implicit:
                top.append(shape)
        return sorted(top, key=str)

    def _deactivated(self, shape: Any) -> bool:
        v = self.ctx.sg.value(shape, self._sh("deactivated"))
        return v is not None and _true(v)

    # -- run -----------------------------------------------------------------------------
    def run(self) -> list[ValidationResult]:
        results: list[_Result] = []
        for shape in self._top_shapes():
            if self._deactivated(shape):
                continue
            results.extend(self._validate_top(shape, self._focus(shape)))
        from ..validate import sort_key

        return sorted(
            {self._to_result(r) for r in results}, key=lambda r: (sort_key(r), r.source_shape or "")
        )

    def _to_result(self, r: _Result) -> ValidationResult:
        """Rendered like :func:`stdkg.validate.results_from_graph` renders pySHACL's report."""
        import rdflib

        from ..validate import _path_text, quiet_rdflib

        focus = _text(r.focus)
        with quiet_rdflib():
            value = _rd(r.value).n3() if r.value is not None else None
            if _kind(r.focus) == "Literal":  # a literal focus node, as the reader writes it
                focus = _rd(r.focus).n3()
        return ValidationResult(
            focus_node=focus[1:-1] if focus.startswith("<") else focus,
            constraint=r.component,
            path=_path_text(self.ctx.sg, r.path) if r.path is not None else None,
            severity=r.severity,
            value=value,
            source_shape=str(r.shape) if isinstance(r.shape, rdflib.URIRef) else None,
            message=r.message,
        )

    # -- focus nodes ---------------------------------------------------------------------
    def _focus(self, shape: Any) -> _Focus:
        """The focus nodes of a shape with targets: a pattern that lists them, and a membership test."""
        import rdflib

        sg = self.ctx.sg
        focus = _Focus(self.ctx.store)
        gens: list[str] = []
        classes = list(sg.objects(shape, self._sh("targetClass")))
        if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in sg or (
            shape,
            rdflib.RDF.type,
            rdflib.OWL.Class,
        ) in sg:
            classes.append(shape)
        flat: list[str] = []
        for c in classes:
            focus.classes.update(self._subclass_terms(c))
            subs = self._subclasses(c)
            if subs is None:  # a blank node among the subclasses: only the path can name them
                gens.append(f"{{ ?this {TYPE_PATH} {_sparql(c)} }}")
            else:
                flat.extend(s for s in subs if s not in flat)
        if flat:
            gens.append(f"{{ VALUES ?_fc {{ {' '.join(flat)} }} ?this <{RDF}type> ?_fc }}")
        nodes = [n for n in sg.objects(shape, self._sh("targetNode"))]
        if nodes:
            listed = "{ VALUES ?this { " + " ".join(_sparql(n) for n in nodes) + " } }"
            gens.append(listed)
            # as the store reads them (it canonicalises literals)
            focus.nodes.update(r[0] for r in self._select(f"SELECT ?this WHERE {listed}", "this"))
        for p in sg.objects(shape, self._sh("targetSubjectsOf")):
            gens.append(f"{{ ?this {_sparql(p)} ?_o }}")
            focus.subjects_of.append(_ox(p))
        for p in sg.objects(shape, self._sh("targetObjectsOf")):
            gens.append(f"{{ ?_s {_sparql(p)} ?this }}")
            focus.objects_of.append(_ox(p))
        for target in sg.objects(shape, self._sh("target")):
            query = self._prefixes(target) + str(sg.value(target, self._sh("select")))
            rows: Any = self.ctx.store.query(query)
            found = [row["this"] for row in rows if row["this"] is not None]
            found = [f for f in found if _kind(f) != "BlankNode"]
            gens.append("{ " + _values(found) + " }")
            focus.nodes.update(found)
        focus.gen = " UNION ".join(gens) if gens else "{ FILTER(false) }"
        return focus

    def _subclass_terms(self, cls: Any) -> list[Term]:
        """``cls`` and its subclasses (``rdfs:subClassOf*`` in the data)."""
        key = str(cls)
        found = self.ctx.subclass_terms.get(key)
        if found is not None:
            return found
        if self.ctx.children is None:
            children: dict[Term, list[Term]] = defaultdict(list)
            sub = _ox(_uri(RDFS + "subClassOf"))
            for q in self.ctx.store.quads_for_pattern(None, sub, None, _default_graph()):
                children[q.object].append(q.subject)
            self.ctx.children = children
        start = _ox(cls)
        found = [start]
        todo = [start]
        while todo:
            for child in self.ctx.children.get(todo.pop(), []):
                if child not in found:
                    found.append(child)
                    todo.append(child)
        self.ctx.subclass_terms[key] = found
        return found

    def _subclasses(self, cls: Any) -> list[str] | None:
        """``cls`` and its subclasses as SPARQL terms; None when one is a blank node (unnamable)."""
        terms = self._subclass_terms(cls)
        return None if any(_kind(t) == "BlankNode" for t in terms) else [_text(t) for t in terms]

    def _class_test(self, var: str, cls: Any) -> str:
        """SPARQL: the node in ``var`` is a SHACL instance of ``cls``."""
        subs = self._subclasses(cls)
        if subs is None:
            return f"EXISTS {{ {var} {TYPE_PATH} {_sparql(cls)} }}"
        return self._type_test(var, subs)

    def _type_test(self, var: str, classes: list[str]) -> str:
        # one EXISTS per class: Oxigraph reads the instances of each class, not every rdf:type triple
        tests = [f"EXISTS {{ {var} <{RDF}type> {c} }}" for c in classes]
        return tests[0] if len(tests) == 1 else "(" + " || ".join(tests) + ")"

    def _fresh(self) -> str:
        self.ctx.fresh += 1
        return f"?_x{self.ctx.fresh}"

    def _focus_pattern(self, shape: Any) -> str:
        return self._focus(shape).gen

    def _select(self, query: str, *names: str) -> list[tuple[Term, ...]]:
        rows: Any = self.ctx.store.query(query)
        if len(names) == 1:
            return [(row[0],) for row in rows]
        return [(row[0], row[1]) for row in rows] if len(names) == 2 else [tuple(row) for row in rows]

    def _instances(self, cls: Any) -> set[Term]:
        key = str(cls)
        found = self.ctx.instances.get(key)
        if found is None:
            found = {
                r[0]
                for r in self._select(f"SELECT DISTINCT ?x WHERE {{ ?x {TYPE_PATH} {_sparql(cls)} }}", "x")
            }
            self.ctx.instances[key] = found
        return found

    # -- the compiled path: every constraint as a SPARQL test, only violators come back -------
    def _validate_top(self, shape: Any, focus: _Focus) -> list[_Result]:
        """All results of a shape with targets: compiled checks, batched; the rest the slow way."""
        batch = _Batch()
        out: list[_Result] = []
        self._collect(shape, focus, batch, out)
        out.extend(self._run_batch(batch, focus))
        return out

    def _collect(self, shape: Any, focus: _Focus, batch: _Batch, out: list[_Result]) -> None:
        sg = self.ctx.sg
        path = sg.value(shape, self._sh("path"))
        severity = str(sg.value(shape, self._sh("severity")) or SH + "Violation")
        message = str(sg.value(shape, self._sh("message")) or "")
        checks = self._compile_own(shape, path, severity, message, focus)
        if checks is None:
            out.extend(self._own(shape, focus.gen))
        else:
            for check in checks:
                batch.add(check, self._path_sparql(path) if path is not None else None)
        for c in sg.objects(shape, self._sh("sparql")):
            if not self._deactivated(c):
                out.extend(self._sparql_constraint(shape, c, path, focus, severity))
        props = [
            p for p in sorted(sg.objects(shape, self._sh("property")), key=str) if not self._deactivated(p)
        ]
        if path is None:
            for prop in props:
                self._collect(prop, focus, batch, out)
        elif props:  # sh:property on a property shape: its value nodes are the focus nodes
            values = self._value_focus(focus, path)
            for prop in props:
                out.extend(self._validate_top(prop, values))

    def _value_focus(self, focus: _Focus, path: Any) -> _Focus:
        """The value nodes of ``path`` from the focus nodes, as focus nodes of nested shapes."""
        up = self._fresh()
        gen = (
            f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS {up}) WHERE {{ {focus.gen} }} }} "
            f"{up} {self._path_sparql(path)} ?this }} }}"
        )
        if self._nullable(path):  # each focus node is one of its values, in the graph or not
            gen = f"{{ {gen} }} UNION {{ SELECT DISTINCT ?this WHERE {{ {focus.gen} }} }}"
        return _Focus(self.ctx.store, gen, listed_only=True)

    def _compile_own(
        self, shape: Any, path: Any, severity: str, message: str, focus: _Focus
    ) -> list[_Check] | None:
        """The shape's own constraints as SPARQL checks; None when one of them cannot be compiled."""
        sg, sh = self.ctx.sg, self._sh
        params = {str(p) for p in sg.predicates(shape) if str(p).startswith(SH)}
        allowed = _VALUE_PARAMS | _NEUTRAL_PARAMS | (_PATH_PARAMS if path is not None else set())
        if params - allowed - {SH + "sparql", SH + "property"}:
            return None
        if path is not None and self._nullable(path):
            return None
        checks: list[_Check] = []
        var = "?v" if path is not None else "?this"
        p = self._path_sparql(path) if path is not None else ""

        def check(component: str, expr: str, kind: str, recheck: Any = None, other: Any = None) -> None:
            checks.append(_Check(expr, SH + component, shape, path, severity, message, kind, recheck, other))

        if path is not None:
            single = self._single_valued(path)
            for name, op in (("minCount", "<"), ("maxCount", ">")):
                for n in sg.objects(shape, sh(name)):
                    if op == ">" and single and int(str(n)) >= 1:
                        continue  # no subject has two values
                    component = name[0].upper() + name[1:] + "ConstraintComponent"
                    expr = self._count_test(f"?this {p}", int(str(n)), op, None)
                    if expr is None:
                        check(component, "", "count", None, (op, int(str(n)), None))
                    elif expr != "false":
                        check(component, expr, "focus")
            for flag in sg.objects(shape, sh("uniqueLang")):
                if _true(flag) and not single:
                    a, b = self._fresh(), self._fresh()
                    check(
                        "UniqueLangConstraintComponent",
                        f"EXISTS {{ ?this {p} {a} . ?this {p} {b} FILTER(isLiteral({a}) && isLiteral({b}) "
                        f'&& LANG({a}) != "" && !sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b}))) }}',
                        "focus",
                    )
            for hv in sg.objects(shape, sh("hasValue")):
                if not isinstance(hv, _uri_type()):
                    return None
                a = self._fresh()
                check(
                    "HasValueConstraintComponent",
                    f"NOT EXISTS {{ ?this {p} {a} FILTER(sameTerm({a}, <{hv}>)) }}",
                    "focus",
                )
            qshapes = list(sg.objects(shape, sh("qualifiedValueShape")))
            if len(qshapes) > 1:
                return None
            if qshapes:
                qshape = qshapes[0]

                def counted(x: str, qshape: Any = qshape) -> str | None:
                    return self._qualified_cond(shape, qshape, x, f"?this {p} {x}")

                if counted("?v") is None:
                    return None
                for name, op in (("qualifiedMaxCount", ">"), ("qualifiedMinCount", "<")):
                    for n in sg.objects(shape, sh(name)):
                        if op == ">" and single and int(str(n)) >= 1:
                            continue
                        expr = self._count_test(f"?this {p}", int(str(n)), op, counted)
                        component = name[0].upper() + name[1:] + "ConstraintComponent"
                        if expr is None:
                            check(component, "", "count", None, (op, int(str(n)), counted))
                        elif expr != "false":
                            check(component, expr, "focus")
            for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
                for other in sg.objects(shape, sh(name)):
                    if not isinstance(other, _uri_type()):
                        return None
                    c = f"{name[0].upper()}{name[1:]}ConstraintComponent"
                    check(c, "", "pair", None, (_ox(other), op == "<="))
        universe = focus.gen if path is None else f"?this {p} ?v"
        value_kind = "value" if path is not None else "focus"
        for component, expr, recheck in self._value_checks(shape, var, universe, path is None):
            if expr is None:
                return None
            check(component, expr, value_kind, recheck)
            # (on a node shape, the value of a result is the focus node, but for sh:hasValue)
            checks[-1].with_value = component != "HasValueConstraintComponent"
        return checks

    def _value_checks(
        self, shape: Any, var: str, universe: str, node_level: bool
    ) -> list[tuple[str, str | None, Any]]:
        """(component, SPARQL test true for a possible violation, exact Python re-check or None)."""
        sg, sh = self.ctx.sg, self._sh
        out: list[tuple[str, str | None, Any]] = []
        for cls in sg.objects(shape, sh("class")):
            out.append(("ClassConstraintComponent", f"!{self._class_test(var, cls)}", None))
        for dt in sg.objects(shape, sh("datatype")):
            d = str(dt)
            out.append(
                ("DatatypeConstraintComponent", f"!({_datatype_sure(var, d)})", _recheck_datatype(self, d))
            )
        for kind in sg.objects(shape, sh("nodeKind")):
            out.append(("NodeKindConstraintComponent", f"!({_kind_test(var, str(kind))})", None))
        for pat in sg.objects(shape, sh("pattern")):
            flags = str(sg.value(shape, sh("flags")) or "")
            regex = _compile_pattern(str(pat), flags)
            sure = _pattern_sure(var, str(pat), flags)

            def bad_pattern(_f: Term, v: Term, regex: Any = regex) -> bool:
                return _kind(v) == "BlankNode" or not regex.search(_lexical(v))

            out.append(("PatternConstraintComponent", f"!({sure})", bad_pattern))
        for name, op in (("minLength", ">="), ("maxLength", "<=")):
            for n in sg.objects(shape, sh(name)):
                if _always_long_enough(name, n):
                    continue
                test = f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(str(n))})"
                out.append((name[0].upper() + name[1:] + "ConstraintComponent", f"!{test}", None))
        for lst in sg.objects(shape, sh("languageIn")):
            out.append(("LanguageInConstraintComponent", f"!{_lang_test(var, list(sg.items(lst)))}", None))
        for lst in sg.objects(shape, sh("in")):
            members = list(sg.items(lst))
            if not all(isinstance(m, _uri_type()) for m in members):
                out.append(("InConstraintComponent", None, None))
            else:
                out.append(("InConstraintComponent", f"!({_one_of(var, [f'<{m}>' for m in members])})", None))
        if node_level:  # a node shape: sh:hasValue is a value test
            for hv in sg.objects(shape, sh("hasValue")):
                if not isinstance(hv, _uri_type()):
                    out.append(("HasValueConstraintComponent", None, None))
                else:
                    out.append(("HasValueConstraintComponent", f"!sameTerm({var}, <{hv}>)", None))
        for name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            for bound in sg.objects(shape, sh(name)):
                sure = _range_sure(var, name, bound)

                def bad_range(_f: Term, v: Term, name: str = name, bound: Any = bound) -> bool:
                    return not _range_ok(v, name, bound)

                out.append((name[0].upper() + name[1:] + "ConstraintComponent", f"!({sure})", bad_range))
        u = universe
        for node_shape in sg.objects(shape, sh("node")):
            cond = self._cond(node_shape, var, u)
            out.append(("NodeConstraintComponent", None if cond is None else f"!{cond}", None))
        for node_shape in sg.objects(shape, sh("not")):
            cond = self._cond(node_shape, var, u)
            out.append(("NotConstraintComponent", cond, None))
        for name, component in (("and", "And"), ("or", "Or"), ("xone", "Xone")):
            for lst in sg.objects(shape, sh(name)):
                conds = [self._cond(m, var, u) for m in sg.items(lst)]
                if any(c is None for c in conds):
                    out.append((component + "ConstraintComponent", None, None))
                    continue
                out.append((component + "ConstraintComponent", f"!{_combine(name, conds)}", None))
        return out

    def _count_test(self, subject_path: str, n: int, op: str, cond: Cond | None) -> str | None:
        """SPARQL: the number of distinct values (meeting ``cond``) is ``op`` ``n``.

        ``subject_path`` is ``"?this <path>"``. None when the count is too large for a pattern (a
        GROUP BY query is used instead) or a condition cannot be compiled.
        """
        if op == "<":
            if n <= 0:
                return "false"
            if n > 3:
                return None
            found = self._distinct_values(subject_path, n, cond)
            return None if found is None else "NOT " + found
        if n > 2:
            return None
        return self._distinct_values(subject_path, n + 1, cond)

    def _distinct_values(self, subject_path: str, n: int, cond: Cond | None) -> str | None:
        """SPARQL: at least ``n`` distinct values of the path meet ``cond``."""
        names = [self._fresh() for _ in range(n)]
        triples = " . ".join(f"{subject_path} {x}" for x in names)
        tests: list[str] = []
        if cond is not None:
            for x in names:
                c = cond(x)
                if c is None:
                    return None
                tests.append(c)
        tests += [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
        return f"EXISTS {{ {triples} {'FILTER(' + ' && '.join(tests) + ')' if tests else ''} }}"

    def _qualified_cond(self, shape: Any, qshape: Any, var: str, universe: str) -> str | None:
        """SPARQL: the value in ``var`` conforms to the qualified shape and to no sibling's."""
        sg, sh = self.ctx.sg, self._sh
        cond = self._cond(qshape, var, universe)
        if cond is None:
            return None
        parts = [cond]
        disjoint = sg.value(shape, sh("qualifiedValueShapesDisjoint"))
        if disjoint is not None and _true(disjoint):
            siblings: set[Any] = set()
            for parent in sg.subjects(sh("property"), shape):
                for sibling_prop in sg.objects(parent, sh("property")):
                    siblings |= {
                        q for q in sg.objects(sibling_prop, sh("qualifiedValueShape")) if q != qshape
                    }
            for sib in sorted(siblings, key=str):
                sc = self._cond(sib, var, universe)
                if sc is None:
                    return None
                parts.append(f"!{sc}")
        return "(" + " && ".join(parts) + ")"

    def _cond(self, shape: Any, var: str, universe: str) -> str | None:
        """SPARQL: the node in ``var`` conforms to ``shape`` (None: not expressible exactly).

        ``universe`` is a pattern that binds ``var`` to (at least) every node the test will see: it
        is used to find, in Python, the few literals whose SPARQL and Python readings differ.
        """
        sg, sh = self.ctx.sg, self._sh
        if self._deactivated(shape):
            return "true"
        key = (shape, var, universe)
        if key in self.ctx.cond_cache:
            return self.ctx.cond_cache[key]
        params = {str(p) for p in sg.predicates(shape) if str(p).startswith(SH)}
        path = sg.value(shape, sh("path"))
        allowed = _VALUE_PARAMS | _NEUTRAL_PARAMS | (_PATH_PARAMS if path is not None else {SH + "property"})
        if params - allowed or params & _NO_COND:
            self.ctx.cond_cache[key] = None
            return None
        parts: list[str] = []
        result: str | None = None
        if path is None:
            atoms = self._value_conds(shape, var, universe)
            if atoms is not None:
                parts.extend(atoms)
                for prop in sorted(sg.objects(shape, sh("property")), key=str):
                    c = self._cond(prop, var, universe)
                    if c is None:
                        break
                    parts.append(c)
                else:
                    result = "(" + " && ".join(parts) + ")" if parts else "true"
        else:
            result = self._property_cond(shape, path, var, universe)
        self.ctx.cond_cache[key] = result
        return result

    def _property_cond(self, shape: Any, path: Any, var: str, universe: str) -> str | None:
        sg, sh = self.ctx.sg, self._sh
        if self._nullable(path):
            return None
        p = self._path_sparql(path)
        parts: list[str] = []
        for name, op in (("minCount", "<"), ("maxCount", ">")):
            for n in sg.objects(shape, sh(name)):
                expr = self._count_test(f"{var} {p}", int(str(n)), op, None)
                if expr is None:
                    return None
                parts.append(f"!({expr})")
        for flag in sg.objects(shape, sh("uniqueLang")):
            if _true(flag):
                a, b = self._fresh(), self._fresh()
                parts.append(
                    f"NOT EXISTS {{ {var} {p} {a} . {var} {p} {b} FILTER(isLiteral({a}) && isLiteral({b}) "
                    f'&& LANG({a}) != "" && !sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
                )
        for hv in sg.objects(shape, sh("hasValue")):
            if not isinstance(hv, _uri_type()):
                return None
            a = self._fresh()
            parts.append(f"EXISTS {{ {var} {p} {a} FILTER(sameTerm({a}, <{hv}>)) }}")
        if (shape, sh("qualifiedValueShape"), None) in sg:
            return None
        x = self._fresh()
        atoms = self._value_conds(shape, x, f"{universe} . {var} {p} {x}")
        if atoms is None:
            return None
        if atoms:
            parts.append(f"NOT EXISTS {{ {var} {p} {x} FILTER(!({' && '.join(atoms)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _value_conds(self, shape: Any, var: str, universe: str) -> list[str] | None:
        """SPARQL tests that the node in ``var`` meets each value constraint of ``shape``."""
        sg, sh = self.ctx.sg, self._sh
        out: list[str] = []
        for cls in sg.objects(shape, sh("class")):
            out.append(self._class_test(var, cls))
        for dt in sg.objects(shape, sh("datatype")):
            d = str(dt)
            if d in (RDFS + "Literal", RDFS + "Datatype"):
                return None
            test = f"(isLiteral({var}) && DATATYPE({var}) = <{d}>)"
            if not _always_well_typed(d):
                # the literals of that datatype SPARQL cannot vouch for, judged in Python
                q = f"SELECT DISTINCT {var} WHERE {{ {universe} FILTER({test} && !({_datatype_sure(var, d)})) }}"
                bad = [r[0] for r in self._select(q, "v") if not self._datatype_ok(r[0], d)]
                if len(bad) > _MAX_LISTED:
                    return None
                if bad:
                    test = f"({test} && !({_one_of(var, [_text(b) for b in bad])}))"
            out.append(test)
        for kind in sg.objects(shape, sh("nodeKind")):
            out.append(f"({_kind_test(var, str(kind))})")
        for pat in sg.objects(shape, sh("pattern")):
            flags = str(sg.value(shape, sh("flags")) or "")
            if not _safe_pattern(str(pat), flags):
                return None
            regex = _compile_pattern(str(pat), flags)
            test = _pattern_sure(var, str(pat), flags)
            # Python's "$" also matches before a final newline: such values are judged in Python
            q = (
                f"SELECT DISTINCT {var} WHERE {{ {universe} FILTER(isLiteral({var}) && "
                f'CONTAINS(STR({var}), "\\n") && !({test})) }}'
            )
            extra = [r[0] for r in self._select(q, "v") if regex.search(_lexical(r[0]))]
            if len(extra) > _MAX_LISTED:
                return None
            if extra:
                test = f"({test} || {_one_of(var, [_text(e) for e in extra])})"
            out.append(test)
        for name, op in (("minLength", ">="), ("maxLength", "<=")):
            for n in sg.objects(shape, sh(name)):
                if not _always_long_enough(name, n):
                    out.append(f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(str(n))})")
        for lst in sg.objects(shape, sh("languageIn")):
            out.append(_lang_test(var, list(sg.items(lst))))
        for lst in sg.objects(shape, sh("in")):
            members = list(sg.items(lst))
            if not all(isinstance(m, _uri_type()) for m in members):
                return None
            out.append(f"({_one_of(var, [f'<{m}>' for m in members])})")
        if sg.value(shape, sh("path")) is None:
            for hv in sg.objects(shape, sh("hasValue")):
                if not isinstance(hv, _uri_type()):
                    return None
                out.append(f"sameTerm({var}, <{hv}>)")
        for node_shape in sg.objects(shape, sh("node")):
            c = self._cond(node_shape, var, universe)
            if c is None:
                return None
            out.append(c)
        for node_shape in sg.objects(shape, sh("not")):
            c = self._cond(node_shape, var, universe)
            if c is None:
                return None
            out.append(f"!{c}")
        for name in ("and", "or", "xone"):
            for lst in sg.objects(shape, sh(name)):
                conds = [self._cond(m, var, universe) for m in sg.items(lst)]
                if any(c is None for c in conds):
                    return None
                out.append(_combine(name, conds))
        return out

    # -- running the compiled checks ---------------------------------------------------------
    def _run_batch(self, batch: _Batch, focus: _Focus) -> list[_Result]:
        out: list[_Result] = []
        focus_set = f"{{ SELECT DISTINCT ?this WHERE {{ {focus.gen} }} }}"
        if batch.focus:
            # (the focus nodes may come more than once from the pattern: DISTINCT on the violators)
            binds = " ".join(f"BIND(COALESCE({c.expr}, false) AS ?_b{i})" for i, c in enumerate(batch.focus))
            any_ = " || ".join(f"?_b{i}" for i in range(len(batch.focus)))
            names = " ".join(f"?_b{i}" for i in range(len(batch.focus)))
            q = f"SELECT DISTINCT ?this {names} WHERE {{ {focus.gen} {binds} FILTER({any_}) }}"
            for row in self.ctx.store.query(q):  # type: ignore[union-attr]
                f = row[0]
                for i, c in enumerate(batch.focus):
                    if _true_term(row[i + 1]):
                        value = f if c.path is None and c.with_value else None
                        if c.recheck is not None and not c.recheck(f, f):
                            continue
                        out.append(_Result(f, c.component, c.shape, c.path, value, c.severity, c.message))
        for p, checks in batch.values.items():
            binds = " ".join(f"BIND(COALESCE({c.expr}, false) AS ?_b{i})" for i, c in enumerate(checks))
            any_ = " || ".join(f"?_b{i}" for i in range(len(checks)))
            names = " ".join(f"?_b{i}" for i in range(len(checks)))
            where = f"{_scan(p, '?this', '?v')} {binds} FILTER({any_})"
            rows, joined = self._candidates(
                f"SELECT DISTINCT ?this ?v {names} WHERE {{ {where} }}", where, focus, p, f"?this ?v {names}"
            )
            for row in rows:
                f, v = row[0], row[1]
                if not joined and not focus.contains(f):
                    continue
                for i, c in enumerate(checks):
                    if _true_term(row[i + 2]) and (c.recheck is None or c.recheck(f, v)):
                        out.append(_Result(f, c.component, c.shape, c.path, v, c.severity, c.message))
        for p, c in batch.counts:
            op, n, cond = c.other
            filt = "" if cond is None else f" FILTER({cond('?v')})"
            body = f"OPTIONAL {{ ?this {p} ?v{filt} }}" if op == "<" else f"?this {p} ?v{filt}"
            q = f"SELECT ?this WHERE {{ {focus_set} {body} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {n})"
            for (f,) in self._select(q, "this"):
                out.append(_Result(f, c.component, c.shape, c.path, None, c.severity, c.message))
        for p, c in batch.pairs:
            other, or_equal = c.other
            op = "<=" if or_equal else "<"
            sure = (
                f"{_datatype_sure('?v', XSD + 'integer')} && {_datatype_sure('?_w', XSD + 'integer')}"
                f" && ?v {op} ?_w"
            )
            where = f"?this {p} ?v . ?this <{other.value}> ?_w FILTER(!COALESCE({sure}, false))"
            rows, joined = self._candidates(
                f"SELECT DISTINCT ?this ?v WHERE {{ {where} }}", where, focus, p, "?this ?v"
            )
            for f, v in rows:
                if _kind(f) == "Literal" or (not joined and not focus.contains(f)):
                    continue
                for q2 in self.ctx.store.quads_for_pattern(f, other, None, _default_graph()):
                    if not _less(v, q2.object, or_equal):
                        out.append(_Result(f, c.component, c.shape, c.path, v, c.severity, c.message))
        return out

    def _candidates(
        self, free: str, where: str, focus: _Focus, path: str, names: str
    ) -> tuple[list[tuple[Term, ...]], bool]:
        """The rows of a violation query, and whether they are limited to the focus nodes already.

        The query first runs on every subject of the path (few values violate, and the focus test
        is then made in Python); when it returns many rows, it is run again joined with the focus
        pattern. (Paths that may take zero steps are not compiled: see _nullable.)
        """
        rows: list[tuple[Term, ...]] = []
        for row in self.ctx.store.query(free):  # type: ignore[union-attr]
            rows.append(tuple(row))
            if len(rows) > _MAX_CANDIDATES:
                break
        else:
            return rows, False
        joined = f"SELECT DISTINCT {names} WHERE {{ {where} {focus.gen} }}"
        return [tuple(row) for row in self.ctx.store.query(joined)], True  # type: ignore[union-attr]

    def _nullable(self, path: Any) -> bool:
        """Whether the path can take zero steps: then every focus node is one of its own values,
        even one that is not in the graph, which a SPARQL path cannot say (the slow path serves)."""
        import rdflib

        sg, sh = self.ctx.sg, self._sh
        if isinstance(path, rdflib.URIRef):
            return False
        if sg.value(path, rdflib.RDF.first) is not None:
            return all(self._nullable(p) for p in sg.items(path))
        if (
            sg.value(path, sh("zeroOrMorePath")) is not None
            or sg.value(path, sh("zeroOrOnePath")) is not None
        ):
            return True
        for name in ("inversePath", "oneOrMorePath"):
            inner = sg.value(path, sh(name))
            if inner is not None:
                return self._nullable(inner)
        alts = sg.value(path, sh("alternativePath"))
        return alts is not None and any(self._nullable(p) for p in sg.items(alts))

    def _single_valued(self, path: Any) -> bool:
        """Whether no subject has two values of the predicate ``path`` (then no count can exceed 1)."""
        if not isinstance(path, _uri_type()):
            return False
        key = str(path)
        found = self.ctx.single_valued.get(key)
        if found is None:
            q = f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?m) WHERE {{ ?s <{key}> ?o }}"
            rows = self._select(q, "n", "m")
            found = bool(rows) and rows[0][0] == rows[0][1]
            self.ctx.single_valued[key] = found
        return found

    # -- the slow path: (focus, value) pairs in Python ----------------------------------------
    def _own(self, shape: Any, focus: str | set[Term]) -> list[_Result]:
        """The results of the shape's own constraints (not its property shapes or SPARQL ones)."""
        sg = self.ctx.sg
        pattern = (
            f"{{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}" if isinstance(focus, str) else _values(focus)
        )
        if isinstance(focus, str):
            cached = self.ctx.focus_cache.get(focus)
            if cached is None:
                cached = {r[0] for r in self._select(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}", "this")}
                self.ctx.focus_cache[focus] = cached
            focus_nodes = cached
        else:
            focus_nodes = set(focus)
        if not focus_nodes:
            return []
        path = sg.value(shape, self._sh("path"))
        severity = str(sg.value(shape, self._sh("severity")) or SH + "Violation")
        message = str(sg.value(shape, self._sh("message")) or "")
        pairs = (
            self._pairs_of(path, focus_nodes, pattern if isinstance(focus, str) else None)
            if path is not None
            else {f: [f] for f in focus_nodes}
        )
        out: list[_Result] = []

        def res(f: Term, component: str, value: Term = None, rpath: Any = None) -> None:
            out.append(_Result(f, SH + component, shape, rpath or path, value, severity, message))

        self._core(shape, path, pairs, res)
        return out

    def _pairs_of(self, path: Any, focus_nodes: set[Term], pattern: str | None = None) -> Pairs:
        """The values of ``path`` for each focus node (``pattern``: a SPARQL pattern that lists them)."""
        pairs: Pairs = {f: [] for f in focus_nodes}
        listed = pattern if pattern is not None else _values(focus_nodes)
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {listed} ?this {self._path_sparql(path)} ?v }}"
        for f, v in self._select(query, "this", "v"):
            if f in pairs:
                pairs[f].append(v)
        if pattern is None:  # a query text cannot name blank nodes: read them here
            for f in focus_nodes:
                if _kind(f) == "BlankNode":
                    pairs[f].extend(self._values_of(f, path))
        if self._nullable(path):  # each focus node is a value of itself, in the graph or not
            for f, vs in pairs.items():
                if f not in vs:
                    vs.append(f)
        return pairs

    def _values_of(self, node: Term, path: Any) -> list[Term]:
        """The values of a predicate (or inverse predicate) path for one node, read from the store."""
        import rdflib

        sg, graph = self.ctx.sg, _default_graph()
        if isinstance(path, rdflib.URIRef):
            return [q.object for q in self.ctx.store.quads_for_pattern(node, _ox(path), None, graph)]
        inverse = sg.value(path, self._sh("inversePath"))
        if isinstance(inverse, rdflib.URIRef):
            return [q.subject for q in self.ctx.store.quads_for_pattern(None, _ox(inverse), node, graph)]
        raise EngineUnavailable("complex paths from blank nodes are not supported by the fast engine")

    def _validate(self, shape: Any, focus: set[Term]) -> list[_Result]:
        """All results of ``shape`` on a set of focus nodes (nested shapes of the slow path)."""
        sg = self.ctx.sg
        focus_nodes = set(focus)
        if not focus_nodes:
            return []
        out = self._own(shape, focus_nodes)
        path = sg.value(shape, self._sh("path"))
        severity = str(sg.value(shape, self._sh("severity")) or SH + "Violation")
        for c in sg.objects(shape, self._sh("sparql")):
            if not self._deactivated(c):
                out.extend(self._sparql_constraint(shape, c, path, focus_nodes, severity))
        props = [
            p for p in sorted(sg.objects(shape, self._sh("property")), key=str) if not self._deactivated(p)
        ]
        if props and path is not None:  # sh:property on a property shape: on its value nodes
            focus_nodes = {v for vs in self._pairs_of(path, focus_nodes).values() for v in vs}
        for prop in props:
            out.extend(self._validate(prop, focus_nodes))
        return out

    def _core(self, shape: Any, path: Any, pairs: Pairs, res: Any) -> None:
        import rdflib

        sg, sh = self.ctx.sg, self._sh
        for n in sg.objects(shape, sh("minCount")):
            for f, vs in pairs.items():
                if len(set(vs)) < int(str(n)):
                    res(f, "MinCountConstraintComponent")
        for n in sg.objects(shape, sh("maxCount")):
            for f, vs in pairs.items():
                if len(set(vs)) > int(str(n)):
                    res(f, "MaxCountConstraintComponent")
        for dt in sg.objects(shape, sh("datatype")):
            for f, vs in pairs.items():
                for v in vs:
                    if not self._datatype_ok(v, str(dt)):
                        res(f, "DatatypeConstraintComponent", v)
        for cls in sg.objects(shape, sh("class")):
            members = self._instances(cls)
            for f, vs in pairs.items():
                for v in vs:
                    if v not in members:
                        res(f, "ClassConstraintComponent", v)
        for kind in sg.objects(shape, sh("nodeKind")):
            allowed = _NODE_KINDS[str(kind)[len(SH) :]]
            for f, vs in pairs.items():
                for v in vs:
                    if _kind(v) not in allowed:
                        res(f, "NodeKindConstraintComponent", v)
        for pat in sg.objects(shape, sh("pattern")):
            flags = str(sg.value(shape, sh("flags")) or "")
            regex = _compile_pattern(str(pat), flags)
            for f, vs in pairs.items():
                for v in vs:
                    if _kind(v) == "BlankNode" or not regex.search(_lexical(v)):
                        res(f, "PatternConstraintComponent", v)
        for name, op in (("minLength", int.__lt__), ("maxLength", int.__gt__)):
            for n in sg.objects(shape, sh(name)):
                if _always_long_enough(name, n):
                    continue
                for f, vs in pairs.items():
                    for v in vs:
                        if _kind(v) == "BlankNode" or op(len(_lexical(v)), int(str(n))):
                            res(f, name[0].upper() + name[1:] + "ConstraintComponent", v)
        for lst in sg.objects(shape, sh("in")):
            allowed_terms = {_ox(t) for t in sg.items(lst)}
            for f, vs in pairs.items():
                for v in vs:
                    if v not in allowed_terms:
                        res(f, "InConstraintComponent", v)
        for hv in sg.objects(shape, sh("hasValue")):
            want = _ox(hv)
            for f, vs in pairs.items():
                if want not in vs:
                    res(f, "HasValueConstraintComponent")
        for flag in sg.objects(shape, sh("uniqueLang")):
            if not _true(flag):
                continue
            for f, vs in pairs.items():
                seen: set[str] = set()
                dups: set[str] = set()
                for v in vs:
                    lang = getattr(v, "language", None)
                    if lang:
                        (dups if lang.lower() in seen else seen).add(lang.lower())
                for _ in dups:
                    res(f, "UniqueLangConstraintComponent")
        for lst in sg.objects(shape, sh("languageIn")):
            ranges = [str(x).lower() for x in sg.items(lst)]
            for f, vs in pairs.items():
                for v in vs:
                    lang = (getattr(v, "language", None) or "").lower()
                    if not lang or not any(lang == r or lang.startswith(r + "-") or r == "*" for r in ranges):
                        res(f, "LanguageInConstraintComponent", v)
        self._ranges(shape, pairs, res)
        self._pairs(shape, pairs, res)
        self._logical(shape, pairs, res)
        self._qualified(shape, pairs, res)
        closed = sg.value(shape, sh("closed"))
        if closed is not None and _true(closed):
            allowed_p = {
                str(p) for prop in sg.objects(shape, sh("property")) for p in [sg.value(prop, sh("path"))]
            }
            for lst in sg.objects(shape, sh("ignoredProperties")):
                allowed_p |= {str(p) for p in sg.items(lst)}
            focus = set(pairs)
            for f in focus:
                if _kind(f) == "Literal":
                    continue
                for q in self.ctx.store.quads_for_pattern(f, None, None, _default_graph()):
                    if q.predicate.value not in allowed_p:
                        res(f, "ClosedConstraintComponent", q.object, rdflib.URIRef(q.predicate.value))

    def _logical(self, shape: Any, pairs: Pairs, res: Any) -> None:
        sg, sh = self.ctx.sg, self._sh
        all_values = {v for vs in pairs.values() for v in vs}
        if not all_values:
            return
        for node_shape in sg.objects(shape, sh("node")):
            bad = self._failing(node_shape, all_values)
            for f, vs in pairs.items():
                for v in vs:
                    if v in bad:
                        res(f, "NodeConstraintComponent", v)
        for node_shape in sg.objects(shape, sh("not")):
            bad = self._failing(node_shape, all_values)
            for f, vs in pairs.items():
                for v in vs:
                    if v not in bad:
                        res(f, "NotConstraintComponent", v)
        for name, component in (("and", "And"), ("or", "Or"), ("xone", "Xone")):
            for lst in sg.objects(shape, sh(name)):
                members = list(sg.items(lst))
                fails = [self._failing(m, all_values) for m in members]
                for f, vs in pairs.items():
                    for v in vs:
                        passed = sum(1 for bad in fails if v not in bad)
                        ok = (
                            passed == len(members)
                            if name == "and"
                            else passed >= 1
                            if name == "or"
                            else passed == 1
                        )
                        if not ok:
                            res(f, component + "ConstraintComponent", v)

    def _ranges(self, shape: Any, pairs: Pairs, res: Any) -> None:
        """sh:min/maxIn/Exclusive, with pySHACL's rules (strings only compare with strings)."""
        sg = self.ctx.sg
        for name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            for bound in sg.objects(shape, self._sh(name)):
                for f, vs in pairs.items():
                    for v in vs:
                        if not _range_ok(v, name, bound):
                            res(f, name[0].upper() + name[1:] + "ConstraintComponent", v)

    def _pairs(self, shape: Any, pairs: Pairs, res: Any) -> None:
        """sh:lessThan and sh:lessThanOrEquals (values of the path vs values of another property)."""
        sg = self.ctx.sg
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for other in sg.objects(shape, self._sh(name)):
                prop = _ox(other)
                for f, vs in pairs.items():
                    if _kind(f) == "Literal":
                        continue
                    compare = [
                        q.object for q in self.ctx.store.quads_for_pattern(f, prop, None, _default_graph())
                    ]
                    for v in vs:
                        for c in compare:
                            if not _less(v, c, op == "<="):
                                res(f, name[0].upper() + name[1:] + "ConstraintComponent", v)

    def _qualified(self, shape: Any, pairs: Pairs, res: Any) -> None:
        sg, sh = self.ctx.sg, self._sh
        qshape = sg.value(shape, sh("qualifiedValueShape"))
        if qshape is None:
            return
        low = sg.value(shape, sh("qualifiedMinCount"))
        high = sg.value(shape, sh("qualifiedMaxCount"))
        all_values = {v for vs in pairs.values() for v in vs}
        bad = self._failing(qshape, all_values) if all_values else set()
        siblings: set[Any] = set()
        disjoint = sg.value(shape, sh("qualifiedValueShapesDisjoint"))
        if disjoint is not None and _true(disjoint):
            for parent in sg.subjects(sh("property"), shape):
                for sibling_prop in sg.objects(parent, sh("property")):
                    siblings |= {
                        q for q in sg.objects(sibling_prop, sh("qualifiedValueShape")) if q != qshape
                    }
        sibling_ok: set[Term] = set()
        for sib in siblings:
            sibling_ok |= all_values - self._failing(sib, all_values)
        for f, vs in pairs.items():
            n = sum(1 for v in set(vs) if v not in bad and v not in sibling_ok)
            if high is not None and n > int(str(high)):
                res(f, "QualifiedMaxCountConstraintComponent")
            if low is not None and n < int(str(low)):
                res(f, "QualifiedMinCountConstraintComponent")

    def _failing(self, shape: Any, nodes: set[Term]) -> set[Term]:
        """The nodes that do not conform to ``shape``."""
        key = (shape, frozenset(nodes))
        cached = self.ctx.failing_cache.get(key)
        if cached is None:
            if self._deactivated(shape):
                cached = set()
            else:
                cached = {r.focus for r in self._validate(shape, set(nodes))}
            self.ctx.failing_cache[key] = cached
        return cached

    def _datatype_ok(self, v: Term, dt: str) -> bool:
        lit_dt = getattr(v, "datatype", None)
        if lit_dt is None:  # not a literal
            return False
        if lit_dt.value != dt:
            return dt in (RDFS + "Literal", RDFS + "Datatype")
        if dt in (XSD + "string", RDF + "langString"):
            return True
        key = (v.value, dt)
        ok = self.ctx.ill_typed_cache.get(key)
        if ok is None:
            ok = _well_typed(v.value, dt)
            self.ctx.ill_typed_cache[key] = ok
        return ok

    # -- SPARQL-based constraints ----------------------------------------------------------
    def _sparql_constraint(
        self, shape: Any, c: Any, path: Any, focus: _Focus | set[Term], severity: str
    ) -> list[_Result]:
        sg = self.ctx.sg
        text = str(sg.value(c, self._sh("select")))
        if re.search(r"[$?](currentShape|shapesGraph)\b", text):
            raise EngineUnavailable("$currentShape/$shapesGraph in SPARQL constraints are not supported")
        if path is not None:
            text = text.replace("$PATH", self._path_sparql(path))
        text = re.sub(r"\$this\b", "?this", text)
        projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.IGNORECASE | re.DOTALL)
        if projection is None or ("?this" not in projection.group(1) and "*" not in projection.group(1)):
            raise EngineUnavailable("a SPARQL constraint must project $this for the fast engine")
        query = self._prefixes(c) + text
        message = str(sg.value(c, self._sh("message")) or "")
        try:
            rows: Any = self.ctx.store.query(query)
            variables = [v.value for v in rows.variables]
            solutions = [{name: row[name] for name in variables} for row in rows]
        except (SyntaxError, OSError) as exc:
            raise EngineUnavailable(f"SPARQL constraint failed in Oxigraph: {exc}") from exc
        per_focus: dict[Term, list[tuple[Any, ...]]] = defaultdict(list)
        failures: set[Term] = set()
        focus_nodes = self._members({row["this"] for row in solutions if row.get("this") is not None}, focus)
        for row in solutions:
            t = row.get("this")
            if t is None or t not in focus_nodes:
                continue
            if row.get("failure") is not None:
                failures.add(t)
                continue
            p, v = row.get("path"), row.get("value")
            rest = tuple(sorted((k, str(x)) for k, x in row.items() if k not in ("this", "path", "value")))
            key = (t, p, v, rest)
            if key not in per_focus[t]:
                per_focus[t].append(key)
        out = []
        default_value = None if path is not None else True
        for f in failures:
            out.append(
                _Result(
                    f,
                    SH + "SPARQLConstraintComponent",
                    shape,
                    path,
                    f if default_value else None,
                    severity,
                    message,
                )
            )
        for f, keys in per_focus.items():
            if f in failures:
                continue
            for _t, p, v, _rest in keys:
                import rdflib

                value = v if v is not None else (f if default_value else None)
                rpath = rdflib.URIRef(p.value) if p is not None else path
                out.append(
                    _Result(f, SH + "SPARQLConstraintComponent", shape, rpath, value, severity, message)
                )
        return out

    def _members(self, nodes: set[Term], focus: _Focus | set[Term]) -> set[Term]:
        """Those of ``nodes`` that are focus nodes."""
        if isinstance(focus, set):
            return nodes & focus
        return {n for n in nodes if focus.contains(n)}

    def _prefixes(self, c: Any) -> str:
        sg, sh = self.ctx.sg, self._sh
        lines = []
        for holder in sg.objects(c, sh("prefixes")):
            for decl in sg.objects(holder, sh("declare")):
                prefix = sg.value(decl, sh("prefix"))
                ns = sg.value(decl, sh("namespace"))
                if prefix is not None and ns is not None:
                    lines.append(f"PREFIX {prefix}: <{ns}>\n")
        return "".join(lines)

    def _path_sparql(self, path: Any) -> str:
        import rdflib

        sg, sh = self.ctx.sg, self._sh
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>"
        if sg.value(path, rdflib.RDF.first) is not None:
            return "(" + "/".join(self._path_sparql(p) for p in sg.items(path)) + ")"
        for name, fmt in (
            ("inversePath", "^({})"),
            ("zeroOrMorePath", "({})*"),
            ("oneOrMorePath", "({})+"),
            ("zeroOrOnePath", "({})?"),
        ):
            inner = sg.value(path, sh(name))
            if inner is not None:
                return fmt.format(self._path_sparql(inner))
        alts = sg.value(path, sh("alternativePath"))
        if alts is not None:
            return "(" + "|".join(self._path_sparql(p) for p in sg.items(alts)) + ")"
        raise EngineUnavailable(f"unsupported SHACL path {path}")


# -- helpers ---------------------------------------------------------------------------------

#: Constraint parameters that test each value node on its own (they compile to a SPARQL test).
_VALUE_PARAMS = {
    SH + name
    for name in [
        "class",
        "datatype",
        "nodeKind",
        "pattern",
        "flags",
        "minLength",
        "maxLength",
        "languageIn",
        "in",
        "hasValue",
        "node",
        "not",
        "and",
        "or",
        "xone",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
    ]
}
#: Parameters only property shapes have (counts and comparisons over all the values of the path).
_PATH_PARAMS = {
    SH + name
    for name in [
        "path",
        "minCount",
        "maxCount",
        "uniqueLang",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "lessThan",
        "lessThanOrEquals",
    ]
}
#: Parameters that are not constraints.
_NEUTRAL_PARAMS = {
    SH + name
    for name in [
        "severity",
        "message",
        "deactivated",
        "name",
        "description",
        "order",
        "group",
        "defaultValue",
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
    ]
}
#: Parameters a shape nested in a logical or qualified constraint must not have to be compiled.
_NO_COND = {
    SH + name
    for name in [
        "sparql",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "lessThan",
        "lessThanOrEquals",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
    ]
}
#: Above this many listed terms a test is not written into a query (the slow path serves).
_MAX_LISTED = 2000
#: Above this many candidate rows, a violation query is joined with the focus pattern instead.
_MAX_CANDIDATES = 2000

#: Lexical forms that rdflib surely reads into a value of the expected Python type (pySHACL's
#: well-formedness rule, see _well_typed); any other form is judged in Python.
_SURE_LEXICAL = {
    XSD + "integer": r"^[+-]?[0-9]+$",
    XSD + "decimal": r"^[+-]?[0-9]+(\.[0-9]+)?$",
    XSD + "double": r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$",
    XSD + "float": r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$",
    XSD + "boolean": r"^(true|false)$",
    # years 1000-9999; a day that every month has, or 29/30 outside February, or 31 in long months
    XSD + "date": r"^[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
    r"|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$",
}

#: A pattern that Python's re and the regex engine of Oxigraph read alike, except that Python's
#: "$" also matches before a final newline: ASCII literals, escaped punctuation, simple classes,
#: groups, alternatives and quantifiers.
_SAFE_PATTERN = re.compile(
    r"""(?:[A-Za-z0-9 _:/@#%&=~,;'<>!"-]"""
    r"|\\[.\-+*?()\[\]{}|^$/\\]"
    r"|\[\^?(?:[A-Za-z0-9 _:/.@#%&=~,;'<>!+*?(){}|$-]|\\[.\-\]\\^\[])+\]"
    r"|\(\?:|[()^$.*+?|]"
    r"|\{[0-9]+(?:,[0-9]*)?\})*"
)


_KIND_TEST = {"NamedNode": "isIRI(?v)", "BlankNode": "isBlank(?v)", "Literal": "isLiteral(?v)"}

_NODE_KINDS = {
    "IRI": {"NamedNode"},
    "BlankNode": {"BlankNode"},
    "Literal": {"Literal"},
    "BlankNodeOrIRI": {"NamedNode", "BlankNode"},
    "BlankNodeOrLiteral": {"BlankNode", "Literal"},
    "IRIOrLiteral": {"NamedNode", "Literal"},
}


def _true(node: Any) -> bool:
    return str(node).strip().lower() in ("true", "1")


def _kind(term: Term) -> str:
    return type(term).__name__


def _lexical(term: Term) -> str:
    return str(term.value)


def _text(term: Term) -> str:
    if _kind(term) == "BlankNode":
        return f"_:{term.value}"
    return str(term)


def _default_graph() -> Any:
    import pyoxigraph as ox

    return ox.DefaultGraph()


def _sparql(term: Any) -> str:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        return str(_ox(term))
    raise EngineUnavailable(f"blank node {term} cannot be used as a target")


def _values(nodes: Iterable[Term]) -> str:
    return "VALUES ?this { " + " ".join(_text(n) for n in nodes if _kind(n) != "BlankNode") + " }"


def _ox(term: Any) -> Term:
    """An rdflib term (from the shapes graph) as a pyoxigraph term."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def _rd(term: Term) -> Any:
    """A pyoxigraph term as an rdflib term (for pySHACL's value comparisons)."""
    import rdflib

    kind = _kind(term)
    if kind == "NamedNode":
        return rdflib.URIRef(term.value)
    if kind == "BlankNode":
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == XSD + "string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(dt))


def _compare(a: Any, b: Any) -> int:
    """pySHACL's order of two rdflib literals: 0 when equal, 1 when ``a`` is greater, else -1.

    Value equality first; date-times and times by their Python values; anything else by rdflib's
    own order of literals (so incomparable values are "less", unless rdflib raises TypeError).
    """
    import datetime

    if a.eq(b):
        return 0
    if type(a.value) in (datetime.datetime, datetime.time):
        if a.value == b.value:
            return 0
        if a.value > b.value:
            return 1
    elif a > b:
        return 1
    return -1


def _less(value: Term, other: Term, or_equal: bool) -> bool:
    """pySHACL's sh:lessThan(OrEquals) test for one pair (IRIs and strings compare as strings)."""
    a, b = _rd(value), _rd(other)
    a_str = _kind(value) == "NamedNode" or isinstance(getattr(a, "value", None), str)
    b_str = _kind(other) == "NamedNode" or isinstance(getattr(b, "value", None), str)
    if a_str != b_str:
        return False
    if a_str:
        x, y = str(a), str(b)
        return x <= y if or_equal else x < y
    try:
        return bool(a <= b) if or_equal else bool(a < b)
    except TypeError as exc:
        raise EngineUnavailable(f"values cannot be compared: {value} and {other}") from exc


def _always_long_enough(name: str, n: Any) -> bool:
    """``sh:minLength 0`` passes every value node, blank nodes too.

    The SHACL text gives blank nodes a result for every ``sh:minLength``; pySHACL, the reference
    this engine must equal, treats a minimum of 0 as no constraint at all, and so does this engine.
    """
    return name == "minLength" and int(str(n)) == 0


def _compile_pattern(pattern: str, flags: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _re_flags(flags))
    except re.error as exc:
        raise EngineUnavailable(f"sh:pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def _re_flags(flags: str) -> int:
    value = 0
    for ch, flag in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL), ("x", re.VERBOSE)):
        if ch in flags:
            value |= flag
    return value


def _well_typed(lexical: str, datatype: str) -> bool:
    """pySHACL's rule: rdflib must parse the lexical form, into the Python type of the datatype."""
    import datetime
    import decimal
    import logging

    import rdflib

    logger = logging.getLogger("rdflib.term")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        lit = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    finally:
        logger.setLevel(old)
    if getattr(lit, "ill_typed", None) is True:
        return False
    value = lit.value
    expected: dict[str, Any] = {
        XSD + "integer": int,
        XSD + "float": float,
        XSD + "decimal": decimal.Decimal,
        XSD + "boolean": bool,
        XSD + "date": datetime.date,
        XSD + "time": datetime.time,
        XSD + "dateTime": datetime.datetime,
    }
    want = expected.get(datatype)
    return True if want is None else isinstance(value, want)


def _uri(iri: str) -> Any:
    import rdflib

    return rdflib.URIRef(iri)


def _uri_type() -> type:
    import rdflib

    return rdflib.URIRef


def _true_term(term: Term) -> bool:
    return term is not None and getattr(term, "value", None) == "true"


def _string(text: str) -> str:
    """A SPARQL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _one_of(var: str, terms: list[str]) -> str:
    """SPARQL: ``var`` is one of ``terms`` (term equality, unlike IN)."""
    return "(" + " || ".join(f"sameTerm({var}, {t})" for t in terms) + ")" if terms else "false"


def _combine(name: str, conds: list[str | None]) -> str:
    parts = [c for c in conds if c is not None]
    if name == "and":
        return "(" + " && ".join(parts) + ")" if parts else "true"
    if name == "or":
        return "(" + " || ".join(parts) + ")" if parts else "false"
    return "((" + " + ".join(f"IF({c}, 1, 0)" for c in parts) + ") = 1)" if parts else "false"


def _kind_test(var: str, kind: str) -> str:
    return " || ".join(_KIND_TEST[k].replace("?v", var) for k in sorted(_NODE_KINDS[kind[len(SH) :]]))


def _lang_test(var: str, ranges: list[Any]) -> str:
    """SPARQL for sh:languageIn, with the Python engine's rules (lower case, prefixes, "*")."""
    wanted = [str(x).lower() for x in ranges]
    if "*" in wanted:
        return f'(isLiteral({var}) && LANG({var}) != "")'
    lang = f"LCASE(LANG({var}))"
    tests = [f"{lang} = {_string(r)} || STRSTARTS({lang}, {_string(r + '-')})" for r in wanted]
    return f'(isLiteral({var}) && LANG({var}) != "" && ({" || ".join(tests) or "false"}))'


def _always_well_typed(datatype: str) -> bool:
    """Whether rdflib accepts every lexical form of the datatype (it has no converter for it)."""
    try:
        from rdflib.term import _toPythonMapping
    except ImportError:  # pragma: no cover - another rdflib
        return datatype in (XSD + "string", RDF + "langString")
    import rdflib

    return _toPythonMapping.get(rdflib.URIRef(datatype)) is None


def _datatype_sure(var: str, datatype: str) -> str:
    """SPARQL: the node in ``var`` surely meets sh:datatype (false for some that do: re-checked)."""
    if datatype in (RDFS + "Literal", RDFS + "Datatype"):
        return f"isLiteral({var}) && DATATYPE({var}) != <{datatype}>"
    base = f"isLiteral({var}) && DATATYPE({var}) = <{datatype}>"
    if datatype in (XSD + "string", RDF + "langString") or _always_well_typed(datatype):
        return base
    sure = _SURE_LEXICAL.get(datatype)
    return f"{base} && REGEX(STR({var}), {_string(sure)})" if sure else "false"


def _recheck_datatype(engine: Engine, datatype: str) -> Callable[[Term, Term], bool] | None:
    if datatype in (XSD + "string", RDF + "langString") or (
        datatype not in (RDFS + "Literal", RDFS + "Datatype") and _always_well_typed(datatype)
    ):
        return None

    def bad(_focus: Term, value: Term) -> bool:
        return not engine._datatype_ok(value, datatype)

    return bad


_SAFE_CACHE: dict[tuple[str, str], bool] = {}


def _safe_pattern(pattern: str, flags: str) -> bool:
    """Whether Oxigraph's REGEX matches at least what Python's re matches, but for "$" and newlines."""
    key = (pattern, flags)
    if key not in _SAFE_CACHE:
        ok = not flags and _SAFE_PATTERN.fullmatch(pattern) is not None
        if ok:
            for bad in ("--", "&&", "~~", "||", "[[", "{,"):
                ok = ok and bad not in pattern
        if ok:
            try:
                re.compile(pattern)
                import pyoxigraph as ox

                rows: Any = ox.Store().query(f'SELECT (REGEX("", {_string(pattern)}) AS ?ok) WHERE {{}}')
                ok = all(row[0] is not None for row in rows)
            except Exception:  # either engine rejects it: the slow path decides
                ok = False
        _SAFE_CACHE[key] = ok
    return _SAFE_CACHE[key]


def _pattern_sure(var: str, pattern: str, flags: str) -> str:
    """SPARQL: the node in ``var`` surely matches sh:pattern (false for some that do: re-checked)."""
    if not _safe_pattern(pattern, flags):
        return "false"
    return f"(!isBlank({var}) && REGEX(STR({var}), {_string(pattern)}))"


def _range_sure(var: str, name: str, bound: Any) -> str:
    """SPARQL: the node surely meets the sh:min/maxIn/Exclusive bound (integers only; else re-checked)."""
    import decimal

    value = getattr(bound, "value", None)
    if isinstance(value, bool) or not isinstance(value, int | decimal.Decimal):
        return "false"
    op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
    return f"{_datatype_sure(var, XSD + 'integer')} && {var} {op} {_sparql(bound)}"


def _range_ok(v: Term, name: str, bound: Any) -> bool:
    """pySHACL's test of one value against a sh:min/maxIn/Exclusive bound."""
    ok = {
        "minInclusive": lambda c: c >= 0,
        "maxInclusive": lambda c: c <= 0,
        "minExclusive": lambda c: c > 0,
        "maxExclusive": lambda c: c < 0,
    }[name]
    if _kind(v) != "Literal":
        return False
    lit = _rd(v)
    if isinstance(lit.value, str) != isinstance(getattr(bound, "value", None), str):
        return False
    try:
        return bool(ok(_compare(lit, bound)))
    except (TypeError, NotImplementedError):
        return False


def _type_predicate() -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(RDF + "type")


def _scan(path: str, subject: str, obj: str) -> str:
    """A triple pattern for a path; an alternative of predicates as VALUES (Oxigraph reads it faster)."""
    inner = path[1:-1] if path.startswith("(") and path.endswith(")") else ""
    preds = inner.split("|") if inner else []
    if len(preds) > 1 and all(re.fullmatch(r"<[^<>]*>", x) for x in preds):
        return f"VALUES ?_p {{ {' '.join(preds)} }} {subject} ?_p {obj}"
    return f"{subject} {path} {obj}"


__all__ = ["Engine"]
