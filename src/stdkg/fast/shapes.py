"""A set-based SHACL engine on a pyoxigraph store, written to give the same results as pySHACL.

Instead of checking focus nodes one by one, each shape is compiled to a few SPARQL queries run once
over the whole store: one for its focus nodes (the targets as a SPARQL pattern), one per property
shape for all (focus node, value node) pairs of its path, one per class for its instances
(``rdf:type/rdfs:subClassOf*``), and one per SPARQL-based constraint with ``$this`` left unbound, the
rows then grouped by ``?this``. The constraints themselves are checked in Python on those pairs with
the same rules as pySHACL 0.40 (which value, path and component each result carries; how ill-typed
literals fail ``sh:datatype``; duplicate languages for ``sh:uniqueLang``; ``?failure``/``?path``/``?value``
rows of SPARQL constraints).

Supported: targets (class with subclasses, node, subjectsOf, objectsOf, implicit class), predicate and
complex paths, min/maxCount, datatype, class, nodeKind, pattern/flags, min/maxLength, in, hasValue,
uniqueLang, languageIn, node, not, and, or, xone, closed/ignoredProperties, sh:sparql SELECT constraints
(with sh:prefixes and $PATH), severities and sh:deactivated. Anything else (value ranges, property
pairs, qualified shapes, SHACL-AF...) raises :class:`stdkg.fast.EngineUnavailable`, and the caller
falls back to another engine. The shapes graph is small and is read with rdflib.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
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
            focus = self._focus_pattern(shape)
            results.extend(self._validate(shape, focus))
        return sorted({self._to_result(r) for r in results})

    def _to_result(self, r: _Result) -> ValidationResult:
        """Rendered like :func:`stdkg.validate.results_from_graph` renders pySHACL's report."""
        import rdflib

        from ..validate import _path_text, quiet_rdflib

        focus = _text(r.focus)
        with quiet_rdflib():
            value = _rd(r.value).n3() if r.value is not None else None
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
    def _focus_pattern(self, shape: Any) -> str:
        import rdflib

        sg = self.ctx.sg
        parts = []
        classes = list(sg.objects(shape, self._sh("targetClass")))
        if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in sg or (
            shape,
            rdflib.RDF.type,
            rdflib.OWL.Class,
        ) in sg:
            classes.append(shape)
        for c in classes:
            parts.append(f"{{ ?this {TYPE_PATH} {_sparql(c)} }}")
        nodes = list(sg.objects(shape, self._sh("targetNode")))
        if nodes:
            parts.append("{ VALUES ?this { " + " ".join(_sparql(n) for n in nodes) + " } }")
        for p in sg.objects(shape, self._sh("targetSubjectsOf")):
            parts.append(f"{{ ?this {_sparql(p)} ?_o }}")
        for p in sg.objects(shape, self._sh("targetObjectsOf")):
            parts.append(f"{{ ?_s {_sparql(p)} ?this }}")
        for target in sg.objects(shape, self._sh("target")):
            query = self._prefixes(target) + str(sg.value(target, self._sh("select")))
            rows: Any = self.ctx.store.query(query)
            found = [row["this"] for row in rows if row["this"] is not None]
            parts.append("{ " + _values(found) + " }")
        return " UNION ".join(parts) if parts else "{ FILTER(false) }"

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

    # -- validation ------------------------------------------------------------------------
    def _validate(self, shape: Any, focus: str | set[Term]) -> list[_Result]:
        """All results of ``shape`` on the focus nodes (a SPARQL pattern binding ?this, or a set)."""
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
        if path is not None and isinstance(focus, str) and self._pushable(shape):
            # only counts, classes, node kinds, lengths and datatypes: SPARQL returns the violators
            return self._pushed_down(shape, path, pattern, severity, message)
        if path is not None:
            pairs: Pairs = {f: [] for f in focus_nodes}
            query = f"SELECT DISTINCT ?this ?v WHERE {{ {pattern} ?this {self._path_sparql(path)} ?v }}"
            for f, v in self._select(query, "this", "v"):
                if f in pairs:
                    pairs[f].append(v)
        else:
            pairs = {f: [f] for f in focus_nodes}
        out: list[_Result] = []

        def res(f: Term, component: str, value: Term = None, rpath: Any = None) -> None:
            out.append(_Result(f, SH + component, shape, rpath or path, value, severity, message))

        self._core(shape, path, pairs, res)
        for c in sg.objects(shape, self._sh("sparql")):
            if not self._deactivated(c):
                out.extend(self._sparql_constraint(shape, c, path, pattern, focus_nodes, severity))
        for prop in sorted(sg.objects(shape, self._sh("property")), key=str):
            if not self._deactivated(prop):
                out.extend(self._validate(prop, focus if isinstance(focus, str) else focus_nodes))
        return out

    def _pushable(self, shape: Any) -> bool:
        """Whether every constraint of a property shape can be answered by SPARQL alone."""
        sg = self.ctx.sg
        allowed = {SH + n for n in _PUSHABLE}
        for p in set(sg.predicates(shape)):
            if str(p).startswith(SH) and str(p) not in allowed:
                return False
        return all(
            str(d) not in (RDFS + "Literal", RDFS + "Datatype")
            for d in sg.objects(shape, self._sh("datatype"))
        )

    def _pushed_down(self, shape: Any, path: Any, pattern: str, severity: str, message: str) -> list[_Result]:
        sg, sh = self.ctx.sg, self._sh
        p = self._path_sparql(path)
        pairs = f"{pattern} ?this {p} ?v"
        out: list[_Result] = []

        def add(rows: list[tuple[Term, ...]], component: str, with_value: bool = True) -> None:
            for row in rows:
                value = row[1] if with_value else None
                out.append(_Result(row[0], SH + component, shape, path, value, severity, message))

        for n in sg.objects(shape, sh("minCount")):
            q = f"SELECT ?this WHERE {{ {pattern} OPTIONAL {{ ?this {p} ?v }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(str(n))})"
            add(self._select(q, "this"), "MinCountConstraintComponent", False)
        for n in sg.objects(shape, sh("maxCount")):
            q = f"SELECT ?this WHERE {{ {pairs} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(str(n))})"
            add(self._select(q, "this"), "MaxCountConstraintComponent", False)
        for cls in sg.objects(shape, sh("class")):
            q = f"SELECT DISTINCT ?this ?v WHERE {{ {pairs} FILTER NOT EXISTS {{ ?v {TYPE_PATH} {_sparql(cls)} }} }}"
            add(self._select(q, "this", "v"), "ClassConstraintComponent")
        for kind in sg.objects(shape, sh("nodeKind")):
            test = " || ".join(_KIND_TEST[k] for k in sorted(_NODE_KINDS[str(kind)[len(SH) :]]))
            q = f"SELECT DISTINCT ?this ?v WHERE {{ {pairs} FILTER(!({test})) }}"
            add(self._select(q, "this", "v"), "NodeKindConstraintComponent")
        for name, op in (("minLength", "<"), ("maxLength", ">")):
            for n in sg.objects(shape, sh(name)):
                q = f"SELECT DISTINCT ?this ?v WHERE {{ {pairs} FILTER(isBlank(?v) || STRLEN(STR(?v)) {op} {int(str(n))}) }}"
                add(self._select(q, "this", "v"), name[0].upper() + name[1:] + "ConstraintComponent")
        for dt in sg.objects(shape, sh("datatype")):
            d = f"<{dt}>"
            q = f"SELECT DISTINCT ?this ?v WHERE {{ {pairs} FILTER(!isLiteral(?v) || DATATYPE(?v) != {d}) }}"
            add(self._select(q, "this", "v"), "DatatypeConstraintComponent")
            if str(dt) in (XSD + "string", RDF + "langString"):
                continue
            q = f"SELECT DISTINCT ?v WHERE {{ {pairs} FILTER(isLiteral(?v) && DATATYPE(?v) = {d}) }}"
            bad = [row[0] for row in self._select(q, "v") if not self._datatype_ok(row[0], str(dt))]
            if bad:
                values = " ".join(str(v) for v in bad)
                q = f"SELECT DISTINCT ?this ?v WHERE {{ {pairs} VALUES ?v {{ {values} }} }}"
                add(self._select(q, "this", "v"), "DatatypeConstraintComponent")
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
            regex = re.compile(str(pat), _re_flags(flags))
            for f, vs in pairs.items():
                for v in vs:
                    if _kind(v) == "BlankNode" or not regex.search(_lexical(v)):
                        res(f, "PatternConstraintComponent", v)
        for name, op in (("minLength", int.__lt__), ("maxLength", int.__gt__)):
            for n in sg.objects(shape, sh(name)):
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
        for name, ok in (
            ("minInclusive", lambda c: c >= 0),
            ("maxInclusive", lambda c: c <= 0),
            ("minExclusive", lambda c: c > 0),
            ("maxExclusive", lambda c: c < 0),
        ):
            for bound in sg.objects(shape, self._sh(name)):
                bound_is_string = isinstance(getattr(bound, "value", None), str)
                for f, vs in pairs.items():
                    for v in vs:
                        passed = False
                        if _kind(v) == "Literal":
                            lit = _rd(v)
                            if isinstance(lit.value, str) == bound_is_string:
                                try:
                                    passed = ok(_compare(lit, bound))
                                except (TypeError, NotImplementedError):
                                    passed = False
                        if not passed:
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
        self, shape: Any, c: Any, path: Any, pattern: str, focus_nodes: set[Term], severity: str
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

#: Parameters a property shape may have and still be checked by SPARQL alone (see _pushed_down).
_PUSHABLE = [
    "path",
    "minCount",
    "maxCount",
    "class",
    "nodeKind",
    "minLength",
    "maxLength",
    "datatype",
    "property",
    "severity",
    "message",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
]

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
    """Compare two rdflib literals by value: negative, zero or positive (TypeError if incomparable)."""
    x, y = a.value, b.value
    if x is None or y is None:
        raise TypeError("ill-typed literal")
    if x == y:
        return 0
    return -1 if x < y else 1


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


__all__ = ["Engine"]
