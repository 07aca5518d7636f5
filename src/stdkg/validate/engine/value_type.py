"""Value type constraints: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``.

``sh:datatype`` follows pySHACL 0.40: a literal of the datatype is valid when rdflib reads its
lexical form into a value of the datatype's Python type. SPARQL vouches only for the lexical forms
that surely pass (:data:`SURE_LEXICAL`); Python judges the others.
"""

from __future__ import annotations

import datetime
import decimal
import logging
from typing import Any

import rdflib

from ...vocab import RDF, RDFS, SH, XSD
from .context import MAX_LISTED, TYPE_PATH, Context, Emit, Recheck, ValueCheck
from .terms import Node, Pairs, Term, kind, one_of, sh, sparql, string, text

#: Lexical forms that rdflib surely reads into a value of the expected Python type (pySHACL's
#: well-formedness rule, see :func:`well_typed`); any other form is judged in Python.
SURE_LEXICAL = {
    XSD + "integer": r"^[+-]?[0-9]+$",
    XSD + "decimal": r"^[+-]?[0-9]+(\.[0-9]+)?$",
    XSD + "double": r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$",
    XSD + "float": r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$",
    XSD + "boolean": r"^(true|false)$",
    # years 1000-9999; a day that every month has, or 29/30 outside February, or 31 in long months
    XSD + "date": r"^[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
    r"|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$",
}

_KIND_TEST = {"NamedNode": "isIRI(?v)", "BlankNode": "isBlank(?v)", "Literal": "isLiteral(?v)"}

#: sh:nodeKind values (local names) and the term kinds they allow.
NODE_KINDS = {
    "IRI": {"NamedNode"},
    "BlankNode": {"BlankNode"},
    "Literal": {"Literal"},
    "BlankNodeOrIRI": {"NamedNode", "BlankNode"},
    "BlankNodeOrLiteral": {"BlankNode", "Literal"},
    "IRIOrLiteral": {"NamedNode", "Literal"},
}

#: The Python type rdflib must read a literal of these datatypes into.
_PYTHON_TYPES: dict[str, type] = {
    XSD + "integer": int,
    XSD + "float": float,
    XSD + "decimal": decimal.Decimal,
    XSD + "boolean": bool,
    XSD + "date": datetime.date,
    XSD + "time": datetime.time,
    XSD + "dateTime": datetime.datetime,
}


# -- the compiled tests ------------------------------------------------------------------------


def value_checks(ctx: Context, shape: Node, var: str) -> list[ValueCheck]:
    """The shape's value type constraints as SPARQL tests true for possible violations."""
    out: list[ValueCheck] = []
    for cls in ctx.sg.objects(shape, sh("class")):
        out.append(("ClassConstraintComponent", f"!{class_test(ctx, var, cls)}", None))
    for dt in ctx.sg.objects(shape, sh("datatype")):
        d = str(dt)
        out.append(("DatatypeConstraintComponent", f"!({datatype_sure(var, d)})", recheck_datatype(ctx, d)))
    for node_kind in ctx.sg.objects(shape, sh("nodeKind")):
        out.append(("NodeKindConstraintComponent", f"!({kind_test(var, str(node_kind))})", None))
    return out


def value_conds(ctx: Context, shape: Node, var: str, universe: str) -> list[str] | None:
    """SPARQL tests that the node in ``var`` meets each value type constraint of ``shape``."""
    out: list[str] = []
    for cls in ctx.sg.objects(shape, sh("class")):
        out.append(class_test(ctx, var, cls))
    for dt in ctx.sg.objects(shape, sh("datatype")):
        d = str(dt)
        if d in (RDFS + "Literal", RDFS + "Datatype"):
            return None
        test = f"(isLiteral({var}) && DATATYPE({var}) = <{d}>)"
        if not always_well_typed(d):
            # the literals of that datatype SPARQL cannot vouch for, judged in Python
            q = f"SELECT DISTINCT {var} WHERE {{ {universe} FILTER({test} && !({datatype_sure(var, d)})) }}"
            bad = [r[0] for r in ctx.select(q, "v") if not datatype_ok(ctx, r[0], d)]
            if len(bad) > MAX_LISTED:
                return None
            if bad:
                test = f"({test} && !({one_of(var, [text(b) for b in bad])}))"
        out.append(test)
    for node_kind in ctx.sg.objects(shape, sh("nodeKind")):
        out.append(f"({kind_test(var, str(node_kind))})")
    return out


def class_test(ctx: Context, var: str, cls: Node) -> str:
    """SPARQL: the node in ``var`` is a SHACL instance of ``cls``."""
    subs = ctx.subclasses(cls)
    if subs is None:
        return f"EXISTS {{ {var} {TYPE_PATH} {sparql(cls)} }}"
    # one EXISTS per class: Oxigraph reads the instances of each class, not every rdf:type triple
    tests = [f"EXISTS {{ {var} <{RDF}type> {c} }}" for c in subs]
    return tests[0] if len(tests) == 1 else "(" + " || ".join(tests) + ")"


def kind_test(var: str, node_kind: str) -> str:
    """SPARQL: the node in ``var`` is of the sh:nodeKind (an IRI of the SHACL vocabulary)."""
    return " || ".join(_KIND_TEST[k].replace("?v", var) for k in sorted(NODE_KINDS[node_kind[len(SH) :]]))


def datatype_sure(var: str, datatype: str) -> str:
    """SPARQL: the node in ``var`` surely meets sh:datatype (false for some that do: re-checked)."""
    if datatype in (RDFS + "Literal", RDFS + "Datatype"):
        return f"isLiteral({var}) && DATATYPE({var}) != <{datatype}>"
    base = f"isLiteral({var}) && DATATYPE({var}) = <{datatype}>"
    if datatype in (XSD + "string", RDF + "langString") or always_well_typed(datatype):
        return base
    sure = SURE_LEXICAL.get(datatype)
    return f"{base} && REGEX(STR({var}), {string(sure)})" if sure else "false"


def recheck_datatype(ctx: Context, datatype: str) -> Recheck | None:
    """The Python re-check of the candidates of a sh:datatype test (None: SPARQL is exact)."""
    if datatype in (XSD + "string", RDF + "langString") or (
        datatype not in (RDFS + "Literal", RDFS + "Datatype") and always_well_typed(datatype)
    ):
        return None

    def bad(_focus: Term, value: Term) -> bool:
        return not datatype_ok(ctx, value, datatype)

    return bad


# -- the Python rules --------------------------------------------------------------------------


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: every value of every focus node against the value type constraints."""
    for dt in ctx.sg.objects(shape, sh("datatype")):
        for f, vs in pairs.items():
            for v in vs:
                if not datatype_ok(ctx, v, str(dt)):
                    emit(f, "DatatypeConstraintComponent", v)
    for cls in ctx.sg.objects(shape, sh("class")):
        members = ctx.instances(cls)
        for f, vs in pairs.items():
            for v in vs:
                if v not in members:
                    emit(f, "ClassConstraintComponent", v)
    for node_kind in ctx.sg.objects(shape, sh("nodeKind")):
        allowed = NODE_KINDS[str(node_kind)[len(SH) :]]
        for f, vs in pairs.items():
            for v in vs:
                if kind(v) not in allowed:
                    emit(f, "NodeKindConstraintComponent", v)


def datatype_ok(ctx: Context, v: Term, dt: str) -> bool:
    """pySHACL's sh:datatype test of one value node."""
    lit_dt = getattr(v, "datatype", None)
    if lit_dt is None:  # not a literal
        return False
    if lit_dt.value != dt:
        return dt in (RDFS + "Literal", RDFS + "Datatype")
    if dt in (XSD + "string", RDF + "langString"):
        return True
    key = (v.value, dt)
    ok = ctx.ill_typed_cache.get(key)
    if ok is None:
        ok = well_typed(v.value, dt)
        ctx.ill_typed_cache[key] = ok
    return ok


def well_typed(lexical: str, datatype: str) -> bool:
    """pySHACL's rule: rdflib must parse the lexical form, into the Python type of the datatype."""
    logger = logging.getLogger("rdflib.term")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        lit = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    finally:
        logger.setLevel(old)
    if getattr(lit, "ill_typed", None) is True:
        return False
    value: Any = lit.value
    want = _PYTHON_TYPES.get(datatype)
    return True if want is None else isinstance(value, want)


def always_well_typed(datatype: str) -> bool:
    """Whether rdflib accepts every lexical form of the datatype (it has no converter for it)."""
    try:
        from rdflib.term import _toPythonMapping
    except ImportError:  # pragma: no cover - another rdflib
        return datatype in (XSD + "string", RDF + "langString")
    return _toPythonMapping.get(rdflib.URIRef(datatype)) is None


__all__ = [
    "NODE_KINDS",
    "SURE_LEXICAL",
    "class_test",
    "datatype_ok",
    "datatype_sure",
    "evaluate",
    "kind_test",
    "value_checks",
    "value_conds",
    "well_typed",
]
