"""Query results as one engine-independent value, and their renderers.

Whatever ran the query (the embedded pyoxigraph store, rdflib, or a remote SPARQL endpoint), its
answer becomes a :class:`Results` of pyoxigraph terms, normalised so that the differences between
stores disappear (language tags lower-cased, ``"1"^^xsd:boolean`` written ``"true"``, integers in
canonical form, blank nodes relabelled ``b0``, ``b1``… in order of appearance). The renderers then
write the same bytes for the same results:

* ``table`` – aligned columns for people, IRIs shortened with :data:`stdkg.kg.PREFIXES`;
* ``csv`` / ``tsv`` – SPARQL 1.1 Query Results CSV and TSV;
* ``json`` – SPARQL 1.1 Query Results JSON (keys in a fixed order);
* ``xml`` – SPARQL Query Results XML;
* ``md`` – a GitHub Markdown table.

ASK results: ``true``/``false`` in table and md, the proper documents in json and xml, and in csv/tsv
a single column named ``_askResult`` (the CSV/TSV spec does not define booleans; this is what Apache
Jena writes too). Graph results (CONSTRUCT, DESCRIBE) are written with :mod:`stdkg.export`, in any RDF
format, sorted and with stable blank nodes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError
from .formats import RdfFormat, ResultFormat
from .names import shorten

if TYPE_CHECKING:
    pass

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Kind = Literal["select", "ask", "graph"]


@dataclass(frozen=True)
class Results:
    """The answer to one query.

    ``kind`` is ``select`` (``variables`` and ``rows``; a row holds one term or ``None`` per
    variable), ``ask`` (``boolean``) or ``graph`` (``triples``, for CONSTRUCT and DESCRIBE).
    """

    kind: Kind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Any, ...] = field(default=())

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def select(cls, variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> Results:
        """Normalised SELECT results (terms normalised, blank nodes relabelled in order)."""
        return cls("select", variables=tuple(variables), rows=_normalise_rows(rows))

    @classmethod
    def ask(cls, value: bool) -> Results:
        return cls("ask", boolean=bool(value))

    @classmethod
    def graph(cls, triples: Iterable[Any]) -> Results:
        """Graph results; terms normalised (blank nodes are made stable when serialized)."""
        import pyoxigraph as ox

        unused: dict[str, str] = {}
        out = tuple(
            ox.Triple(t.subject, t.predicate, _normalise(t.object, unused, relabel=False)) for t in triples
        )
        return cls("graph", triples=out)

    @classmethod
    def from_oxigraph(cls, answer: Any) -> Results:
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
    def as_set(self) -> Any:
        """An order-insensitive view, for comparing results from different engines."""
        if self.kind == "select":
            from collections import Counter

            return Counter(tuple(_key(t) for t in row) for row in self.rows)
        if self.kind == "ask":
            return self.boolean
        import pyoxigraph as ox

        from .export import canonical_ntriples  # blank nodes compared after canonicalisation

        nt = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return set(canonical_ntriples(nt).splitlines())


def _key(term: Any) -> str:
    return "" if term is None else str(term)


def _normalise_rows(rows: Iterable[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
    """:func:`_normalise` over result rows, blank nodes relabelled in order of appearance.

    IRIs, unbound values and literals that are neither language-tagged with capitals nor
    ``xsd:boolean``/``xsd:integer`` (nearly every term of a large answer) are kept as they are
    without a call: a result of 10,000 rows holds tens of thousands of terms.
    """
    import pyoxigraph as ox

    named, literal = ox.NamedNode, ox.Literal
    boolean, integer = ox.NamedNode(XSD_BOOLEAN), ox.NamedNode(XSD_INTEGER)
    labels: dict[str, str] = {}
    out: list[tuple[Any, ...]] = []
    for row in rows:
        values: list[Any] = []
        for term in row:
            kind = type(term)
            if term is None or kind is named:
                values.append(term)
                continue
            if kind is literal:
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


def _normalise(term: Any, labels: dict[str, str], *, relabel: bool = True) -> Any:
    """Smooth over how stores differ: tag case, boolean and integer forms, blank node labels."""
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


# ============================================================================================
# Rendering
# ============================================================================================


def check_format(kind: Kind, fmt: str | None) -> RdfFormat | ResultFormat:
    """The output format for results of ``kind``; ``InputError`` naming the valid choices."""
    if kind == "graph":
        try:
            return RdfFormat.from_name(fmt) if fmt else RdfFormat.TURTLE
        except InputError:
            raise InputError(
                f"--format {fmt} does not fit a graph result (CONSTRUCT/DESCRIBE); "
                f"use one of: {', '.join(RdfFormat.choices())}"
            ) from None
    try:
        return ResultFormat.from_name(fmt) if fmt else ResultFormat.TABLE
    except InputError:
        raise InputError(
            f"--format {fmt} does not fit a {'SELECT' if kind == 'select' else 'ASK'} result; "
            f"use one of: {', '.join(ResultFormat.choices())}"
        ) from None


def kind_of(form: str) -> Kind:
    """The result kind of a query form (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    return {"SELECT": "select", "ASK": "ask"}.get(form.upper(), "graph")  # type: ignore[return-value]


def render(results: Results, fmt: str | None = None) -> bytes:
    """Render results in the named format (default: ``table``, or Turtle for graph results)."""
    chosen = check_format(results.kind, fmt)
    if isinstance(chosen, RdfFormat):
        from .export import serialize_triples

        return serialize_triples(results.triples, chosen)
    return _WRITERS[chosen](results).encode("utf-8")


# -- people: table and markdown ---------------------------------------------------------------


def display(term: Any) -> str:
    """A short human-readable form of a term (prefixed names, plain values)."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        # plain strings, numbers, dates and booleans as their value (control characters escaped);
        # language-tagged and other typed literals as in Turtle: "text"@en, "v"^^xsd:anyURI
        dt = term.datatype.value
        if term.language:
            return f'"{_escape_string(term.value)}"@{term.language}'
        if dt in _PLAIN_TYPES:
            value = term.value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            return value.replace("\t", "\\t")
        return f'"{_escape_string(term.value)}"^^{shorten(dt)}'
    if isinstance(term, ox.Triple):
        return f"<< {display(term.subject)} {display(term.predicate)} {display(term.object)} >>"
    return str(term)


_PLAIN_TYPES = frozenset(
    XSD + t for t in ("string", "integer", "decimal", "double", "boolean", "date", "dateTime", "gYear")
)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _render_table(results: Results) -> str:
    if results.kind == "ask":
        return ("true" if results.boolean else "false") + "\n"
    header = list(results.variables)
    body = [[display(t) for t in row] for row in results.rows]
    widths = [_width(h) for h in header]
    for row in body:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _width(cell))
    lines = []

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    lines.append(line(header))
    lines.append(line(["-" * w for w in widths]))
    lines.extend(line(row) for row in body)
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _render_md(results: Results) -> str:
    if results.kind == "ask":
        return ("true" if results.boolean else "false") + "\n"
    lines = ["| " + " | ".join(_md_cell(v) for v in results.variables) + " |"]
    lines.append("|" + "|".join("---" for _ in results.variables) + "|")
    for row in results.rows:
        lines.append("| " + " | ".join(_md_cell(display(t)) for t in row) + " |")
    return "\n".join(lines) + "\n"


# -- machines: SPARQL 1.1 CSV / TSV / JSON / XML -----------------------------------------------


def _csv_field(text: str) -> str:
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_term(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return ntriples_term(term)


def _render_csv(results: Results) -> str:
    if results.kind == "ask":
        return "_askResult\r\n" + ("true" if results.boolean else "false") + "\r\n"
    out = [",".join(_csv_field(v) for v in results.variables)]
    for row in results.rows:
        out.append(",".join(_csv_field(_csv_term(t)) for t in row))
    return "\r\n".join(out) + "\r\n"


_TURTLE_NUMBER = {
    XSD_INTEGER: re.compile(r"^[+-]?\d+$"),
    XSD + "decimal": re.compile(r"^[+-]?\d*\.\d+$"),
    XSD + "double": re.compile(r"^[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+$"),
    XSD_BOOLEAN: re.compile(r"^(?:true|false)$"),
}


def _escape_string(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def ntriples_term(term: Any) -> str:
    """A term in N-Triples / SPARQL syntax (used by TSV and by diffs)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        text = '"' + _escape_string(term.value) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value == XSD_STRING:
            return text
        return f"{text}^^<{term.datatype.value}>"
    if isinstance(term, ox.Triple):
        return (
            f"<<( {ntriples_term(term.subject)} {ntriples_term(term.predicate)} "
            f"{ntriples_term(term.object)} )>>"
        )
    return str(term)


def _tsv_term(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language:
        pattern = _TURTLE_NUMBER.get(term.datatype.value)
        if pattern is not None and pattern.match(term.value):
            return term.value
    return ntriples_term(term)


def _render_tsv(results: Results) -> str:
    if results.kind == "ask":
        return "?_askResult\n" + ("true" if results.boolean else "false") + "\n"
    out = ["\t".join("?" + v for v in results.variables)]
    for row in results.rows:
        out.append("\t".join(_tsv_term(t) for t in row))
    return "\n".join(out) + "\n"


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def _render_json(results: Results) -> str:
    doc: dict[str, Any]
    if results.kind == "ask":
        doc = {"head": {}, "boolean": bool(results.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
            for row in results.rows
        ]
        doc = {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _xml_escape(text: str, *, attr: bool = False) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attr:
        out = out.replace('"', "&quot;")
    return out


def _xml_term(term: Any) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attrs = f' xml:lang="{_xml_escape(term.language, attr=True)}"'
        elif term.datatype.value != XSD_STRING:
            attrs = f' datatype="{_xml_escape(term.datatype.value, attr=True)}"'
        else:
            attrs = ""
        return f"<literal{attrs}>{_xml_escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def _render_xml(results: Results) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if results.kind == "ask":
        lines += ["  <head/>", f"  <boolean>{'true' if results.boolean else 'false'}</boolean>"]
    else:
        lines.append("  <head>")
        lines += [f'    <variable name="{_xml_escape(v, attr=True)}"/>' for v in results.variables]
        lines.append("  </head>")
        lines.append("  <results>")
        for row in results.rows:
            lines.append("    <result>")
            for v, t in zip(results.variables, row, strict=True):
                if t is not None:
                    lines.append(
                        f'      <binding name="{_xml_escape(v, attr=True)}">{_xml_term(t)}</binding>'
                    )
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


_WRITERS = {
    ResultFormat.TABLE: _render_table,
    ResultFormat.MARKDOWN: _render_md,
    ResultFormat.CSV: _render_csv,
    ResultFormat.TSV: _render_tsv,
    ResultFormat.JSON: _render_json,
    ResultFormat.XML: _render_xml,
}

__all__ = ["Results", "check_format", "display", "kind_of", "ntriples_term", "render", "shorten"]
