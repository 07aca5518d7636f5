"""Query results as one engine-independent value.

Whatever ran the query (the embedded pyoxigraph store, rdflib, or a remote SPARQL endpoint), its
answer becomes a :class:`Results` of pyoxigraph terms, normalised so that the differences between
stores disappear (language tags lower-cased, ``"1"^^xsd:boolean`` written ``"true"``, integers in
canonical form, blank nodes relabelled ``b0``, ``b1``… in order of appearance). The renderers
(:mod:`stdkg.queries.render`) then write the same bytes for the same results.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from ..rdf.ntriples import canonical_ntriples
from ..vocab import XSD

XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"

if TYPE_CHECKING:
    import pyoxigraph

    from ..rdf.terms import Term

Kind = Literal["select", "ask", "graph"]
Row = tuple["Term | None", ...]


@dataclass(frozen=True)
class Results:
    """The answer to one query.

    ``kind`` is ``select`` (``variables`` and ``rows``; a row holds one term or ``None`` per
    variable), ``ask`` (``boolean``) or ``graph`` (``triples``, for CONSTRUCT and DESCRIBE).
    """

    kind: Kind
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[pyoxigraph.Triple, ...] = field(default=())

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def select(cls, variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> Results:
        """Normalised SELECT results (terms normalised, blank nodes relabelled in order)."""
        return cls("select", variables=tuple(variables), rows=_normalise_rows(rows))

    @classmethod
    def ask(cls, value: bool) -> Results:
        return cls("ask", boolean=bool(value))

    @classmethod
    def graph(cls, triples: Iterable[pyoxigraph.Triple]) -> Results:
        """Graph results; literals normalised (blank nodes are made stable when serialized)."""
        import pyoxigraph as ox

        unused: dict[str, str] = {}
        out = tuple(
            ox.Triple(t.subject, t.predicate, _normalise(t.object, unused, relabel=False)) for t in triples
        )
        return cls("graph", triples=out)

    @classmethod
    def from_oxigraph(
        cls, answer: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | Iterable[pyoxigraph.Triple]
    ) -> Results:
        """From what ``pyoxigraph.Store.query`` or ``parse_query_results`` returns."""
        import pyoxigraph as ox

        if isinstance(answer, ox.QueryBoolean):
            return cls.ask(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            # a solution iterates over its values in variable order (None when unbound); this is
            # faster than indexing it once per variable
            return cls.select(names, (tuple(sol) for sol in answer))
        return cls.graph(answer)

    # -- comparison helper (engine parity tests) --------------------------------------------
    def as_set(self) -> Counter[tuple[str, ...]] | set[bytes] | bool | None:
        """An order-insensitive view, for comparing results from different engines."""
        if self.kind == "select":
            return Counter(tuple(_key(t) for t in row) for row in self.rows)
        if self.kind == "ask":
            return self.boolean
        import pyoxigraph as ox

        # blank nodes compared after canonicalisation
        nt = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return set(canonical_ntriples(nt).splitlines())


def _key(term: Term | None) -> str:
    return "" if term is None else str(term)


def _normalise_rows(rows: Iterable[Sequence[Term | None]]) -> tuple[Row, ...]:
    """:func:`_normalise` over result rows, blank nodes relabelled in order of appearance.

    IRIs, unbound values and literals that are neither language-tagged with capitals nor
    ``xsd:boolean``/``xsd:integer`` (nearly every term of a large answer) are kept as they are
    without a call: a result of 10,000 rows holds tens of thousands of terms.
    """
    import pyoxigraph as ox

    named, literal = ox.NamedNode, ox.Literal
    boolean, integer = ox.NamedNode(XSD_BOOLEAN), ox.NamedNode(XSD_INTEGER)
    labels: dict[str, str] = {}
    out: list[Row] = []
    for row in rows:
        values: list[Term | None] = []
        for term in row:
            kind = type(term)
            if term is None or kind is named:
                values.append(term)
                continue
            if isinstance(term, literal):
                lang = term.language
                if lang is None:
                    datatype = term.datatype
                    if datatype != boolean and datatype != integer:
                        values.append(term)
                        continue
                elif lang == lang.lower():
                    values.append(term)
                    continue
            values.append(_normalise(term, labels))
        out.append(tuple(values))
    return tuple(out)


_T = TypeVar("_T", "pyoxigraph.NamedNode", "pyoxigraph.BlankNode", "pyoxigraph.Literal", "pyoxigraph.Triple")


@overload
def _normalise(term: None, labels: dict[str, str], *, relabel: bool = True) -> None: ...
@overload
def _normalise(term: _T, labels: dict[str, str], *, relabel: bool = True) -> _T: ...
def _normalise(term: Term | None, labels: dict[str, str], *, relabel: bool = True) -> Term | None:
    """Smooth over how stores differ: tag case, boolean and integer forms, blank node labels
    (a term of each kind stays of its kind)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.language:
            lang = term.language.lower()
            return term if lang == term.language else ox.Literal(term.value, language=lang)
        dt = term.datatype.value
        if dt == XSD_BOOLEAN and term.value in ("1", "0"):
            return ox.Literal("true" if term.value == "1" else "false", datatype=term.datatype)
        if dt == XSD_INTEGER and _INT.match(term.value) and _NON_CANONICAL_INT.match(term.value):
            return ox.Literal(str(int(term.value)), datatype=term.datatype)
        return term
    if isinstance(term, ox.BlankNode) and relabel:
        label = labels.setdefault(term.value, f"b{len(labels)}")
        return ox.BlankNode(label)
    if isinstance(term, ox.Triple):
        return ox.Triple(
            _normalise(term.subject, labels, relabel=relabel),
            term.predicate,
            _normalise(term.object, labels, relabel=relabel),
        )
    return term


_INT = re.compile(r"^[+-]?\d+$")
_NON_CANONICAL_INT = re.compile(r"^(?:\+|-?0+(?=\d)|-0$)")


__all__ = ["Kind", "Results"]
