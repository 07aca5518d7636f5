"""The named-query catalogue, parameter binding, and running queries locally or remotely.

A named query is a ``queries/NAME.rq`` file whose header comment names it::

    # title: Commitments in order
    # description: The commitments of a statement in order, verbatim, with the bodies each binds.
    #   (continuation lines start with "#   " and continue the description)
    # param: statement iri = https://w3id.org/stdkg/id/statement/seoul-statement-2025 -- The statement.
    # param: date date -- The day on which the post was held.

Parameter types: ``iri``, ``string``, ``lang`` (a BCP 47 tag, bound as a plain string), ``date``
(``xsd:date``), ``integer``, ``gyear``, ``boolean``. A parameter without ``= default`` is required.

Parameters are bound as RDF terms, never pasted into the query text:

* on the embedded store through pyoxigraph's ``substitutions``; pyoxigraph accepts a substitution
  only for a variable the query projects, so for any other variable (``COUNT`` queries…) the term is
  bound with a ``VALUES`` block instead, exactly as for an endpoint;
* with ``engine="rdflib"`` through rdflib's ``initBindings``;
* on a remote endpoint (the protocol has no binding) with a ``VALUES ?name { term }`` block inserted
  as the first element of the outermost ``WHERE`` group, the term written by pyoxigraph.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError, QueryError, StoreError
from .results import Results

if TYPE_CHECKING:
    from .kg import KG

ParamType = Literal["iri", "string", "lang", "date", "integer", "gyear", "boolean"]
PARAM_TYPES: tuple[str, ...] = ("iri", "string", "lang", "date", "integer", "gyear", "boolean")
QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
Engine = Literal["oxigraph", "rdflib"]
AuthScheme = Literal["basic", "digest"]

XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_TIMEOUT = 30.0


# ============================================================================================
# The catalogue
# ============================================================================================


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


@dataclass(frozen=True)
class NamedQuery:
    """A query with its header: ``name`` is the file stem (or ``-e`` for inline SPARQL)."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None

    @property
    def form(self) -> QueryForm:
        return query_form(self.text)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_FIELD = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)


def parse_header(text: str, *, name: str, path: Path | None = None) -> NamedQuery:
    """Read the header comment of a query text (fields may be absent)."""
    where = str(path) if path else name
    title = ""
    description: list[str] = []
    params: list[Param] = []
    current: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            current = None
            continue
        m = _FIELD.match(line)
        if m:
            key, value = m.group(1), m.group(2)
            current = key
            if key == "title":
                title = value
            elif key == "description":
                description = [value] if value else []
            else:
                params.append(_parse_param(value, f"{where}:{lineno}"))
            continue
        c = _CONTINUATION.match(line)
        if c and current == "description":
            description.append(c.group(1))
        elif c and current == "param":
            last = params[-1]
            params[-1] = Param(last.name, last.type, last.default, (last.doc + " " + c.group(1)).strip())
        else:
            current = None
    names = [p.name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise QueryError(f"{where}: parameter declared twice: {', '.join(dupes)}")
    return NamedQuery(
        name=name,
        text=text,
        title=title,
        description=" ".join(description),
        params=tuple(params),
        path=path,
    )


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise QueryError(f"{where}: bad param line {spec!r} (expected: name type [= default] [-- doc])")
    ptype = m.group("type").lower()
    if ptype not in PARAM_TYPES:
        raise QueryError(
            f"{where}: parameter {m.group('name')} has unknown type {ptype!r} "
            f"(use one of: {', '.join(PARAM_TYPES)})"
        )
    default = m.group("default")
    param = Param(m.group("name"), ptype, default if default else None, (m.group("doc") or "").strip())
    if param.default is not None:
        to_term(param, param.default)  # a bad default is the query author's error: say so early
    return param


def catalogue(queries_dir: Path | None = None) -> list[NamedQuery]:
    """Every named query in ``queries_dir`` (default: the bundled ``queries/``), sorted by name."""
    from .kg import Layout

    folder = queries_dir or Layout.bundled().queries_dir
    if not folder.is_dir():
        return []
    return [read_query(p) for p in sorted(folder.glob("*.rq"))]


def read_query(path: Path | str) -> NamedQuery:
    """A query file (with or without a header)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text") from None
    return parse_header(text, name=p.stem, path=p)


def resolve(spec: str, queries_dir: Path | None = None) -> NamedQuery:
    """A query name from the catalogue, or the path of a ``.rq``/``.sparql`` file."""
    from .kg import Layout

    folder = queries_dir or Layout.bundled().queries_dir
    candidate = Path(spec)
    if spec.endswith((".rq", ".sparql")) or ("/" in spec and candidate.exists()):
        if not candidate.is_file():
            raise InputError(f"{spec}: no such query file")
        return read_query(candidate)
    path = folder / f"{spec}.rq"
    if path.is_file():
        return read_query(path)
    known = [q.name for q in catalogue(folder)]
    hint = f" (known: {', '.join(known)})" if known else ""
    raise QueryError(f"unknown query {spec!r}{hint}; `stdkg queries` lists them")


def inline(sparql: str) -> NamedQuery:
    """An inline query (``-e``); its header, if it has one, declares parameters too."""
    return parse_header(sparql, name="-e")


# ============================================================================================
# Parameters
# ============================================================================================

_BCP47 = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$")
_GYEAR = re.compile(r"^-?(?:[1-9]\d{4,}|\d{4})(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def to_term(param: Param, value: str) -> Any:
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
    from .kg import PREFIXES

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
            raise QueryError(f"--param {pair!r}: expected name=value")
        if name in out:
            raise QueryError(f"--param {name} given twice")
        out[name] = value
    return out


def bind(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Any]:
    """Typed terms for every declared parameter (given values, else defaults)."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.signature() for p in query.params) or "none"
        raise QueryError(f"unknown parameter {unknown[0]!r} for query {query.name} (parameters: {declared})")
    terms: dict[str, Any] = {}
    for p in query.params:
        if p.name in values:
            terms[p.name] = to_term(p, values[p.name])
        elif p.default is not None:
            terms[p.name] = to_term(p, p.default)
        else:
            raise QueryError(f"query {query.name} needs parameter {p.name} ({p.type}): --param {p.name}=…")
    return terms


# ============================================================================================
# A small SPARQL scanner: query form and the outermost WHERE group
# ============================================================================================

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.:%]*)?|:[\w\-.:%]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _tokens(sparql: str) -> list[tuple[str, str, int]]:
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(sparql)]


def query_form(sparql: str) -> QueryForm:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first such keyword outside braces)."""
    depth = 0
    for kind, text, _ in _tokens(sparql):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and text.upper() in _FORMS:
            return text.upper()  # type: ignore[return-value]
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def where_group_offset(sparql: str) -> int:
    """Offset just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    form: str | None = None
    after_where = False
    template_done = False
    for kind, text, pos in _tokens(sparql):
        if kind == "word" and depth == 0:
            upper = text.upper()
            if form is None and upper in _FORMS:
                form = upper
            elif upper == "WHERE":
                after_where = True
        elif kind == "open":
            if depth == 0 and form is not None:
                if after_where or form in ("SELECT", "ASK", "DESCRIBE"):
                    return pos + 1
                if form == "CONSTRUCT" and template_done:
                    return pos + 1
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0 and form == "CONSTRUCT":
                template_done = True
    raise QueryError("cannot find the WHERE group of the query to bind its parameters")


def with_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with ``VALUES ?name { term }`` blocks first in its outermost WHERE group."""
    if not bindings:
        return sparql
    if query_form(sparql) == "CONSTRUCT" and re.search(
        r"\bCONSTRUCT\s+WHERE\b", _strip_comments(sparql), re.IGNORECASE
    ):
        raise QueryError(
            "parameters need the full CONSTRUCT { … } WHERE { … } form (CONSTRUCT WHERE cannot hold VALUES)"
        )
    at = where_group_offset(sparql)
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return sparql[:at] + " " + block + " " + sparql[at:]


def _strip_comments(sparql: str) -> str:
    return "".join(text for kind, text, _ in _tokens(sparql) if kind != "comment")


# ============================================================================================
# Running
# ============================================================================================


def run(
    query: NamedQuery | str,
    kg: KG | None = None,
    *,
    params: Mapping[str, str] | None = None,
    endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: AuthScheme = "basic",
    timeout: float = DEFAULT_TIMEOUT,
    engine: Engine = "oxigraph",
) -> Results:
    """Run a query with typed parameters on ``kg`` or on a SPARQL ``endpoint``.

    ``query`` is a :class:`NamedQuery` or SPARQL text (whose header, if any, declares parameters).
    Local runs use pyoxigraph (default) or rdflib (``engine="rdflib"``); either way the answer is a
    normalised :class:`~stdkg.results.Results`, so output does not depend on where it ran.
    """
    nq = query if isinstance(query, NamedQuery) else inline(query)
    bindings = bind(nq, params or {})
    if endpoint:
        return run_remote(
            nq.text,
            endpoint,
            bindings,
            user=user,
            password=password,
            auth=auth,
            timeout=timeout,
        )
    if kg is None:
        raise QueryError("no graph to query: give a KG or an endpoint")
    if engine == "rdflib":
        return run_rdflib(nq.text, kg, bindings)
    return run_local(nq.text, kg, bindings)


_NOT_PROJECTED = "does not contains variable"


def run_local(sparql: str, kg: KG, bindings: Mapping[str, Any] | None = None) -> Results:
    """Run on the embedded pyoxigraph store (default graph = union of the source graphs)."""
    import pyoxigraph as ox

    subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        try:
            answer = kg.prepare(sparql).query(sparql, substitutions=subs or None)
        except RuntimeError as exc:
            if not subs or _NOT_PROJECTED not in str(exc):
                raise
            # pyoxigraph substitutes only projected variables: bind the others with VALUES
            answer = kg.prepare(sparql).query(with_values(sparql, bindings or {}))
        return Results.from_oxigraph(answer)
    except SyntaxError as exc:
        raise sparql_error(exc) from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"query failed: {_one_line(str(exc))}") from None


_POSITION = re.compile(r"error at (\d+):(\d+)")


def sparql_error(exc: SyntaxError) -> QueryError:
    """A SPARQL syntax error as one line naming line:column when the engine gives it."""
    message = _one_line(str(getattr(exc, "msg", None) or exc))
    m = _POSITION.search(message)
    if m:
        rest = message[m.end() :].lstrip(": ") or message
        return QueryError(f"bad SPARQL at line {m.group(1)}, column {m.group(2)}: {rest}")
    if exc.lineno:
        return QueryError(f"bad SPARQL at line {exc.lineno}, column {exc.offset or 0}: {message}")
    return QueryError(f"bad SPARQL: {message}")


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    m = _EXPECTED.search(text)
    if m:  # the parser lists every token it could take: keep the first few
        items = _split_alternatives(m.group(1))
        if len(items) > 6:
            text = text[: m.start(1)] + ", ".join(items[:6]) + ", …"
    return text


_EXPECTED = re.compile(r"expected one of (.*)$")


def _split_alternatives(text: str) -> list[str]:
    """Split ``"a", "b", ['0'..='9']`` on top-level commas."""
    items: list[str] = []
    depth = 0
    quote = ""
    current = ""
    for ch in text:
        if quote:
            current += ch
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        items.append(current.strip())
    return items


def run_rdflib(sparql: str, kg: KG, bindings: Mapping[str, Any] | None = None) -> Results:
    """Run with rdflib on ``kg.rdflib_graph`` (parameters through ``initBindings``)."""
    import rdflib

    init: Any = {rdflib.Variable(k): to_rdflib(v) for k, v in (bindings or {}).items()}
    try:
        answer: Any = kg.rdflib_graph.query(sparql, initBindings=init)
    except Exception as exc:  # rdflib raises pyparsing errors and assorted exceptions
        raise QueryError(f"query failed (rdflib): {_one_line(str(exc))}") from None
    if answer.type == "ASK":
        return Results.ask(bool(answer.askAnswer))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        return Results.graph(_ox_triple(s, p, o) for s, p, o in answer.graph)
    names = [str(v) for v in answer.vars or []]
    return Results.select(names, ([from_rdflib(t) for t in row] for row in answer))


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def from_rdflib(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (``None`` stays ``None``)."""
    import pyoxigraph as ox
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(_bnode_id(str(term)))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"unsupported term from rdflib: {term!r}")


def _bnode_id(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", label) or "b"


def _ox_triple(s: Any, p: Any, o: Any) -> Any:
    import pyoxigraph as ox

    return ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))


# -- remote -------------------------------------------------------------------------------------


def run_remote(
    sparql: str,
    endpoint: str,
    bindings: Mapping[str, Any] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: AuthScheme = "basic",
    timeout: float = DEFAULT_TIMEOUT,
) -> Results:
    """Run on a SPARQL 1.1 endpoint through SPARQLWrapper and parse the answer with pyoxigraph.

    SELECT/ASK ask for SPARQL JSON results, CONSTRUCT/DESCRIBE for N-Triples (Turtle accepted).
    Unreachable endpoint, timeout, refused credentials and HTTP errors raise :class:`StoreError`
    naming the URL; a query the endpoint rejects as malformed (HTTP 400) raises :class:`QueryError`.
    """
    import pyoxigraph as ox

    form = query_form(sparql)
    text = with_values(sparql, bindings or {})
    body, content_type = _http_query(
        text, endpoint, form=form, user=user, password=password, auth=auth, timeout=timeout
    )
    try:
        if form in ("SELECT", "ASK"):
            doc = normalise_json_results(json.loads(body.decode("utf-8")), ask=form == "ASK")
            parsed = ox.parse_query_results(
                json.dumps(doc).encode("utf-8"), format=ox.QueryResultsFormat.JSON
            )
            return Results.from_oxigraph(parsed)
        rdf_format = _rdf_format_for(content_type)
        return Results.graph(ox.parse(body, format=rdf_format))
    except (ValueError, SyntaxError) as exc:
        raise StoreError(f"{endpoint}: unreadable answer: {_one_line(str(exc))}") from None


def _rdf_format_for(content_type: str) -> Any:
    import pyoxigraph as ox

    media = content_type.split(";")[0].strip().lower()
    return {
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "text/plain": ox.RdfFormat.N_TRIPLES,
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "application/ld+json": ox.RdfFormat.JSON_LD,
        "application/n-quads": ox.RdfFormat.N_QUADS,
        "application/trig": ox.RdfFormat.TRIG,
    }.get(media, ox.RdfFormat.TURTLE)


def normalise_json_results(doc: Any, *, ask: bool = False) -> Any:
    """Smooth over what stores write differently in SPARQL JSON results.

    Virtuoso writes ``"type": "typed-literal"`` (SPARQL 1.0 style), ``0``/``1`` booleans, and may
    answer an ASK with a one-cell table (variable ``__ASK_RETVAL``); some stores write
    ``xsd:string`` explicitly or upper-case language tags. The rest is normalised on the terms
    (:class:`~stdkg.results.Results`). ``ask=True`` says the query was an ASK.
    """
    if not isinstance(doc, dict):
        raise ValueError("not a SPARQL JSON results document")
    if ask and "boolean" not in doc:
        rows = (doc.get("results") or {}).get("bindings") or []
        cells = [term.get("value") for row in rows for term in row.values()]
        if len(cells) > 1:
            raise ValueError("an ASK answered with a table of more than one cell")
        cell = str(cells[0]).strip().lower() if cells else "false"
        return {"head": {}, "boolean": cell in ("1", "true")}
    if "boolean" in doc:
        raw = doc["boolean"]
        flag = raw.strip().lower() in ("true", "1") if isinstance(raw, str) else bool(raw)
        return {"head": doc.get("head") or {}, "boolean": flag}
    head = doc.get("head") or {}
    bindings = (doc.get("results") or {}).get("bindings") or []
    out = []
    for row in bindings:
        clean = {}
        for var, term in row.items():
            term = dict(term)
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            if term.get("datatype") == XSD + "string":
                del term["datatype"]
            if "xml:lang" in term:
                term["xml:lang"] = str(term["xml:lang"]).lower()
                term.pop("datatype", None)
            clean[var] = term
        out.append(clean)
    return {"head": {"vars": list(head.get("vars") or [])}, "results": {"bindings": out}}


def _http_query(
    text: str,
    endpoint: str,
    *,
    form: str,
    user: str | None,
    password: str | None,
    auth: AuthScheme,
    timeout: float,
) -> tuple[bytes, str]:
    """POST the query; return the body and its content type, or raise a one-line error."""
    import socket
    import urllib.error

    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper import SPARQLExceptions as sx

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setOnlyConneg(True)
    client.timeout = timeout  # type: ignore[assignment]  # setTimeout() truncates to int seconds
    client.setQuery(text)
    # SPARQLWrapper guesses the form with a keyword regex that also matches comments (a header
    # saying "addresses" reads as ADD, an update); the form is known from parsing, so set it.
    client.queryType = form
    if form in ("SELECT", "ASK"):
        client.setReturnFormat(JSON)
    else:
        client.setReturnFormat(TURTLE)
        client.addCustomHttpHeader(
            "Accept", "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
        )
    if user is not None:
        client.setHTTPAuth(DIGEST if auth == "digest" else BASIC)
        client.setCredentials(user, password or "")
    try:
        try:
            response = client.query()
        except Exception as exc:
            _close_responses(exc)
            raise
        raw = response.response
        try:
            body: bytes = raw.read()
            content_type = raw.headers.get("Content-Type", "") if hasattr(raw, "headers") else ""
        finally:
            raw.close()
        return body, content_type
    except sx.QueryBadFormed as exc:
        raise QueryError(f"{endpoint} rejected the query: {_server_message(exc)}") from None
    except sx.Unauthorized:
        raise StoreError(f"{endpoint}: HTTP 401 Unauthorized (wrong or missing credentials)") from None
    except sx.EndPointNotFound:
        raise StoreError(f"{endpoint}: HTTP 404 Not Found (is this the SPARQL query URL?)") from None
    except sx.URITooLong:
        raise StoreError(f"{endpoint}: HTTP 414 URI Too Long") from None
    except sx.EndPointInternalError as exc:
        raise StoreError(f"{endpoint}: HTTP 500 server error: {_server_message(exc)}") from None
    except urllib.error.HTTPError as exc:
        if exc.code == 403:
            raise StoreError(f"{endpoint}: HTTP 403 Forbidden (credentials refused)") from None
        raise StoreError(f"{endpoint}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise StoreError(f"{endpoint}: no answer within {timeout:g} s (timeout)") from None
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"cannot reach {endpoint}: connection refused") from None
        raise StoreError(f"cannot reach {endpoint}: {reason}") from None
    except TimeoutError:
        raise StoreError(f"{endpoint}: no answer within {timeout:g} s (timeout)") from None
    except (ConnectionError, OSError) as exc:
        raise StoreError(f"cannot reach {endpoint}: {exc.strerror or exc}") from None
    except sx.SPARQLWrapperException as exc:
        raise StoreError(f"{endpoint}: {_server_message(exc)}") from None
    except ValueError as exc:  # a malformed URL
        raise StoreError(f"{endpoint}: {exc}") from None


def _close_responses(exc: BaseException | None) -> None:
    """Close the HTTP responses that urllib errors in an exception chain keep open."""
    seen = 0
    while exc is not None and seen < 5:
        close = getattr(exc, "close", None)
        if callable(close):
            with contextlib.suppress(Exception):
                close()
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _server_message(exc: Exception) -> str:
    text = str(exc)
    text = re.sub(r"^\w+: ", "", text)
    text = text.split("Response:", 1)[-1]
    text = re.sub(r"^b['\"]|['\"]$", "", text.strip())
    return _one_line(text.replace("\\n", " "))[:300] or type(exc).__name__


__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "bind",
    "catalogue",
    "inline",
    "normalise_json_results",
    "parse_assignments",
    "parse_header",
    "query_form",
    "read_query",
    "resolve",
    "run",
    "run_local",
    "run_rdflib",
    "run_remote",
    "to_term",
    "where_group_offset",
    "with_values",
]
