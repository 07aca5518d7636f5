"""Query parameters: their declaration, and their values as typed RDF terms.

Parameter types: ``iri``, ``string``, ``lang`` (a BCP 47 tag, bound as a plain string), ``date``
(``xsd:date``), ``integer``, ``gyear``, ``boolean``. A parameter without ``= default`` is required.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import QueryError
from ..vocab import PREFIXES, XSD

if TYPE_CHECKING:
    import pyoxigraph

ParamType = Literal["iri", "string", "lang", "date", "integer", "gyear", "boolean"]
PARAM_TYPES: tuple[str, ...] = ("iri", "string", "lang", "date", "integer", "gyear", "boolean")


class ParameterError(QueryError):
    """A parameter given wrongly on the way in: ``problem`` says how, ``name`` which one.

    ``problem`` is ``"malformed"`` (``given`` is the text that is not ``name=value``),
    ``"repeated"``, ``"missing"`` (``query`` needs it; ``type`` is its type) or ``"unknown"``
    (``declared`` lists the query's parameters). The command line phrases it with its option name.
    """

    def __init__(
        self,
        problem: Literal["malformed", "repeated", "missing", "unknown"],
        name: str,
        *,
        given: str = "",
        query: str = "",
        type: str = "",
        declared: tuple[str, ...] = (),
    ) -> None:
        self.problem = problem
        self.name = name
        self.given = given
        self.query = query
        self.type = type
        self.declared = declared
        super().__init__(self.describe("parameter"))

    def describe(self, option: str) -> str:
        """The error in one line, naming how parameters are given (``option``: ``--param``…)."""
        if self.problem == "malformed":
            return f"{option} {self.given!r}: expected name=value"
        if self.problem == "repeated":
            return f"{option} {self.name} given twice"
        if self.problem == "missing":
            return f"query {self.query} needs parameter {self.name} ({self.type}): {option} {self.name}=…"
        declared = ", ".join(self.declared) or "none"
        return f"unknown parameter {self.name!r} for query {self.query} (parameters: {declared})"


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def signature(self) -> str:
        """``name:type`` or ``name:type=default`` (as ``stdkg queries`` lists it)."""
        return f"{self.name}:{self.type}" + (f"={self.default}" if self.default is not None else "")


_BCP47 = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$")
_GYEAR = re.compile(r"^-?(?:[1-9]\d{4,}|\d{4})(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def to_term(param: Param, value: str) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    """The RDF term for a parameter value, typed from the header; ``QueryError`` if ill-typed."""
    import pyoxigraph as ox

    def bad(why: str) -> QueryError:
        return QueryError(f"parameter {param.name} ({param.type}): {value!r} is {why}")

    t = param.type
    if t == "iri":
        iri = expand_curie(value.strip().removeprefix("<").removesuffix(">"))
        if not _SCHEME.match(iri):
            raise bad("not an absolute IRI")
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise bad(f"not a valid IRI ({exc})") from None
    if t == "string":
        return ox.Literal(value)
    if t == "lang":
        if not _BCP47.match(value):
            raise bad("not a BCP 47 language tag")
        return ox.Literal(value)
    if t == "date":
        m = _DATE.match(value)
        if not m:
            raise bad("not an xsd:date (YYYY-MM-DD)")
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            datetime.date(2000 if year < 1 or year > 9999 else year, month, day)
        except ValueError:
            raise bad("not a calendar date") from None
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if t == "integer":
        if not _INTEGER.match(value.strip()):
            raise bad("not an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if t == "gyear":
        if not _GYEAR.match(value):
            raise bad("not an xsd:gYear (YYYY)")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "gYear"))
    if t == "boolean":
        key = value.strip().lower()
        if key not in ("true", "false", "1", "0"):
            raise bad("not a boolean (true or false)")
        return ox.Literal("true" if key in ("true", "1") else "false", datatype=ox.NamedNode(XSD + "boolean"))
    raise QueryError(f"parameter {param.name}: unknown type {t!r}")  # pragma: no cover


def expand_curie(value: str) -> str:
    """``stdorg:iso`` → the full IRI, for the project's prefixes; anything else unchanged."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def parse_assignments(pairs: Sequence[str]) -> dict[str, str]:
    """``["name=value", …]`` → a dict; ``QueryError`` for a pair without ``=`` or a repeated name."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise ParameterError("malformed", name, given=pair)
        if name in out:
            raise ParameterError("repeated", name)
        out[name] = value
    return out


__all__ = [
    "PARAM_TYPES",
    "Param",
    "ParamType",
    "ParameterError",
    "expand_curie",
    "parse_assignments",
    "to_term",
]
