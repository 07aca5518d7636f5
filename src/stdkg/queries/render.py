"""Query results rendered for people and machines; the same results always give the same bytes.

* ``table`` – aligned columns for people, IRIs shortened with :data:`stdkg.vocab.PREFIXES`;
* ``csv`` / ``tsv`` – SPARQL 1.1 Query Results CSV and TSV;
* ``json`` – SPARQL 1.1 Query Results JSON (keys in a fixed order);
* ``xml`` – SPARQL Query Results XML;
* ``md`` – a GitHub Markdown table.

ASK results: ``true``/``false`` in table and md, the proper documents in json and xml, and in csv/tsv
a single column named ``_askResult`` (the CSV/TSV spec does not define booleans; this is what Apache
Jena writes too). Graph results (CONSTRUCT, DESCRIBE) are written with :mod:`stdkg.rdf.serialize`,
in any RDF format, sorted and with stable blank nodes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..formats import RdfFormat, ResultFormat
from ..names import shorten
from ..rdf.serialize import serialize_triples
from ..rdf.terms import escape_string, ntriples_term
from ..vocab import XSD, XSD_STRING
from .results import XSD_BOOLEAN, XSD_INTEGER, Kind, Results

if TYPE_CHECKING:
    from ..rdf.terms import Term


class FormatMismatch(InputError):
    """An output format that does not fit the kind of result (``kind``); ``choices`` do."""

    def __init__(self, given: str, kind: Kind, choices: list[str]) -> None:
        self.given = given
        self.kind = kind
        self.choices = choices
        super().__init__(self.describe("format"))

    def describe(self, option: str) -> str:
        """The error in one line, naming how the format was given (``option``: ``--format``…)."""
        what = {"graph": "a graph result (CONSTRUCT/DESCRIBE)", "select": "a SELECT result"}.get(
            self.kind, "an ASK result"
        )
        return f"{option} {self.given} does not fit {what}; use one of: {', '.join(self.choices)}"


def check_format(kind: Kind, fmt: str | None) -> RdfFormat | ResultFormat:
    """The output format for results of ``kind``; ``InputError`` naming the valid choices."""
    if kind == "graph":
        try:
            return RdfFormat.from_name(fmt) if fmt else RdfFormat.TURTLE
        except InputError:
            raise FormatMismatch(fmt or "", kind, RdfFormat.choices()) from None
    try:
        return ResultFormat.from_name(fmt) if fmt else ResultFormat.TABLE
    except InputError:
        raise FormatMismatch(fmt or "", kind, ResultFormat.choices()) from None


def kind_of(form: str) -> Kind:
    """The result kind of a query form (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    return {"SELECT": "select", "ASK": "ask"}.get(form.upper(), "graph")  # type: ignore[return-value]


def render(results: Results, fmt: str | None = None) -> bytes:
    """Render results in the named format (default: ``table``, or Turtle for graph results)."""
    chosen = check_format(results.kind, fmt)
    if isinstance(chosen, RdfFormat):
        return serialize_triples(results.triples, chosen)
    return _WRITERS[chosen](results).encode("utf-8")


# -- people: table and markdown ---------------------------------------------------------------


def display(term: Term | None) -> str:
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
            return f'"{escape_string(term.value)}"@{term.language}'
        if dt in _PLAIN_TYPES:
            value = term.value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
            return value.replace("\t", "\\t")
        return f'"{escape_string(term.value)}"^^{shorten(dt)}'
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


def _csv_term(term: Term | None) -> str:
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


def _tsv_term(term: Term | None) -> str:
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


def _json_term(term: Term) -> dict[str, Any]:
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


def _xml_term(term: Term | None) -> str:
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


__all__ = ["FormatMismatch", "check_format", "display", "kind_of", "render"]
