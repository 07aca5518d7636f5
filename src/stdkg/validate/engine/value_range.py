"""Value range constraints: ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``,
``sh:maxExclusive``, with pySHACL's order of literals (strings compare only with strings)."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable

import rdflib

from ...vocab import XSD
from .context import Context, Emit, ValueCheck
from .terms import Node, Pairs, Term, kind, sh, sparql, to_rdflib
from .value_type import datatype_sure

_BOUNDS = ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive")
_OK: dict[str, Callable[[int], bool]] = {
    "minInclusive": lambda c: c >= 0,
    "maxInclusive": lambda c: c <= 0,
    "minExclusive": lambda c: c > 0,
    "maxExclusive": lambda c: c < 0,
}


def value_checks(ctx: Context, shape: Node, var: str) -> list[ValueCheck]:
    """The bounds as SPARQL tests (integers only), each candidate re-checked in Python."""
    out: list[ValueCheck] = []
    for name in _BOUNDS:
        for bound in ctx.sg.objects(shape, sh(name)):
            sure = range_sure(var, name, bound)

            def bad_range(_f: Term, v: Term, name: str = name, bound: Node = bound) -> bool:
                return not range_ok(v, name, bound)

            out.append((name[0].upper() + name[1:] + "ConstraintComponent", f"!({sure})", bad_range))
    return out


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: every value of every focus node against the bounds."""
    for name in _BOUNDS:
        for bound in ctx.sg.objects(shape, sh(name)):
            for f, vs in pairs.items():
                for v in vs:
                    if not range_ok(v, name, bound):
                        emit(f, name[0].upper() + name[1:] + "ConstraintComponent", v)


def range_sure(var: str, name: str, bound: Node) -> str:
    """SPARQL: the node surely meets the bound (integers only; else re-checked)."""
    value = getattr(bound, "value", None)
    if isinstance(value, bool) or not isinstance(value, int | decimal.Decimal):
        return "false"
    op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
    return f"{datatype_sure(var, XSD + 'integer')} && {var} {op} {sparql(bound)}"


def range_ok(v: Term, name: str, bound: Node) -> bool:
    """pySHACL's test of one value against a sh:min/maxIn/Exclusive bound."""
    if kind(v) != "Literal":
        return False
    lit = to_rdflib(v)
    assert isinstance(lit, rdflib.Literal)
    if isinstance(lit.value, str) != isinstance(getattr(bound, "value", None), str):
        return False
    try:
        return bool(_OK[name](compare(lit, bound)))
    except (TypeError, NotImplementedError):
        return False


def compare(a: rdflib.Literal, b: Node) -> int:
    """pySHACL's order of two rdflib literals: 0 when equal, 1 when ``a`` is greater, else -1.

    Value equality first; date-times and times by their Python values; anything else by rdflib's
    own order of literals (so incomparable values are "less", unless rdflib raises TypeError).
    """
    if a.eq(b):
        return 0
    if type(a.value) in (datetime.datetime, datetime.time):
        other = getattr(b, "value", None)
        if a.value == other:
            return 0
        if a.value > other:
            return 1
    elif a > b:
        return 1
    return -1


__all__ = ["compare", "evaluate", "range_ok", "range_sure", "value_checks"]
