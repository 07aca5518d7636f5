"""Queries on a SPARQL 1.1 endpoint, through SPARQLWrapper; the answer parsed by pyoxigraph.

An endpoint's protocol has no parameter binding: parameters are bound with a ``VALUES ?name { term }``
block inserted as the first element of the outermost ``WHERE`` group, the term written by pyoxigraph
(:func:`stdkg.queries.text.with_values`).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError, QueryError, StoreError
from ..formats import RdfFormat
from ..vocab import XSD_STRING
from .results import Results
from .text import count_query, names_its_dataset, one_line, query_form, with_values

if TYPE_CHECKING:
    import pyoxigraph

AuthScheme = Literal["basic", "digest"]
DEFAULT_TIMEOUT = 30.0
#: The header with which ``stdkg serve`` says it cut an answer at its ``--max-rows``.
TRUNCATED_HEADER = "X-Stdkg-Truncated"


class TruncatedAnswer(StoreError):
    """The endpoint sent ``got`` rows (or triples) of ``expected`` (None: it says it cut the answer)."""

    def __init__(self, endpoint: str, got: int, expected: int | None) -> None:
        self.endpoint = endpoint
        self.got = got
        self.expected = expected
        of = f"{got} of the {expected}" if expected is not None else f"only {got} of the"
        super().__init__(
            f"{endpoint} sent {of} results (a result limit of the endpoint cut the answer; "
            "narrow the query or raise the limit)"
        )


@dataclass(frozen=True)
class Remote:
    """Where and how to reach a SPARQL endpoint."""

    endpoint: str
    """The query URL."""
    user: str | None = None
    """With ``password``: HTTP credentials (``auth`` says which scheme)."""
    password: str | None = None
    auth: AuthScheme = "basic"
    timeout: float = DEFAULT_TIMEOUT
    """Seconds to wait for an answer."""
    default_graphs: tuple[str, ...] = ()
    """Graphs whose merge the query sees as its default graph (the protocol's ``default-graph-uri``);
    empty: the endpoint's own default graph. A query with its own ``FROM`` is sent as written."""


def run_remote(
    sparql: str,
    remote: Remote | str,
    bindings: Mapping[str, pyoxigraph.NamedNode | pyoxigraph.Literal] | None = None,
) -> Results:
    """Run on a SPARQL 1.1 endpoint through SPARQLWrapper and parse the answer with pyoxigraph.

    SELECT/ASK ask for SPARQL JSON results, CONSTRUCT/DESCRIBE for N-Triples (Turtle accepted).
    Unreachable endpoint, timeout, refused credentials and HTTP errors raise :class:`StoreError`
    naming the URL; a query the endpoint rejects as malformed (HTTP 400) raises :class:`QueryError`.
    """
    import pyoxigraph as ox

    if isinstance(remote, str):
        remote = Remote(remote)
    form = query_form(sparql)
    text = with_values(sparql, bindings or {})
    body, content_type, cut = _http_query(text, remote, form=form)
    try:
        if form in ("SELECT", "ASK"):
            doc = normalise_json_results(json.loads(body.decode("utf-8")), ask=form == "ASK")
            parsed = ox.parse_query_results(
                json.dumps(doc).encode("utf-8"), format=ox.QueryResultsFormat.JSON
            )
            results = Results.from_oxigraph(parsed)
        else:
            results = Results.graph(ox.parse(body, format=_rdf_format_for(content_type).to_oxigraph()))
    except (ValueError, SyntaxError) as exc:
        raise StoreError(f"{remote.endpoint}: unreadable answer: {one_line(str(exc))}") from None
    if cut:
        raise TruncatedAnswer(remote.endpoint, len(results), None)
    if form == "SELECT" and results.rows:
        expected = _count_rows(text, remote)
        if expected is not None and len(results) < expected:
            raise TruncatedAnswer(remote.endpoint, len(results), expected)
    return results


def _count_rows(text: str, remote: Remote) -> int | None:
    """How many rows the SELECT ``text`` has, asked of the endpoint as a ``COUNT`` over it as a
    subquery (a result cap leaves a one-row answer whole); None if the endpoint cannot say."""
    import pyoxigraph as ox

    try:
        counting = count_query(text)
        body, _, _ = _http_query(counting, remote, form="SELECT")
        doc = normalise_json_results(json.loads(body.decode("utf-8")))
        parsed = ox.parse_query_results(json.dumps(doc).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        rows = Results.from_oxigraph(parsed).rows
        value = rows[0][0] if len(rows) == 1 and rows[0] else None
        return int(value.value) if isinstance(value, ox.Literal) else None
    except (QueryError, ValueError, SyntaxError):
        # the endpoint does not take the COUNT form of this query: nothing to compare with
        return None


def _rdf_format_for(content_type: str) -> RdfFormat:
    """The RDF format of a graph answer's media type (Turtle when it names none we know)."""
    media = content_type.split(";")[0].strip().lower()
    if media == "text/plain":  # N-Triples' media type before RDF 1.1
        return RdfFormat.N_TRIPLES
    try:
        return RdfFormat.from_name(media) if "/" in media else RdfFormat.TURTLE
    except InputError:
        return RdfFormat.TURTLE


def normalise_json_results(doc: Any, *, ask: bool = False) -> Any:
    """Smooth over what stores write differently in SPARQL JSON results.

    Virtuoso writes ``"type": "typed-literal"`` (SPARQL 1.0 style), ``0``/``1`` booleans, and may
    answer an ASK with a one-cell table (variable ``__ASK_RETVAL``); some stores write
    ``xsd:string`` explicitly or upper-case language tags. The rest is normalised on the terms
    (:class:`~stdkg.queries.results.Results`). ``ask=True`` says the query was an ASK.
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
            if term.get("datatype") == XSD_STRING:
                del term["datatype"]
            if "xml:lang" in term:
                term["xml:lang"] = str(term["xml:lang"]).lower()
                term.pop("datatype", None)
            clean[var] = term
        out.append(clean)
    return {"head": {"vars": list(head.get("vars") or [])}, "results": {"bindings": out}}


def _http_query(text: str, remote: Remote, *, form: str) -> tuple[bytes, str, bool]:
    """POST the query; return the body, its content type and whether the server says it cut the
    answer (:data:`TRUNCATED_HEADER`), or raise a one-line error."""
    import socket
    import urllib.error

    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper import SPARQLExceptions as sx

    # the wording of every store error, whichever client met it
    from ..stores.errors import AuthenticationFailed, HTTPFailure, NoAnswer, Unreachable

    endpoint, user, password, timeout = remote.endpoint, remote.user, remote.password, remote.timeout
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
    for graph in () if names_its_dataset(text) else remote.default_graphs:  # FROM in the query wins
        client.addDefaultGraph(graph)
    if user is not None:
        client.setHTTPAuth(DIGEST if remote.auth == "digest" else BASIC)
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
            headers = getattr(raw, "headers", None)
            content_type = str(headers.get("Content-Type", "")) if headers is not None else ""
            cut = headers is not None and bool(headers.get(TRUNCATED_HEADER))
        finally:
            raw.close()
        return body, content_type, cut
    except sx.QueryBadFormed as exc:
        raise QueryError(f"{endpoint} rejected the query: {_server_message(exc)}") from None
    except sx.Unauthorized:
        raise AuthenticationFailed(endpoint, 401, user=user, scheme=remote.auth) from None
    except sx.EndPointNotFound:
        raise HTTPFailure("POST", endpoint, 404, "Not Found (is this the SPARQL query URL?)") from None
    except sx.URITooLong:
        raise HTTPFailure("POST", endpoint, 414, "URI Too Long") from None
    except sx.EndPointInternalError as exc:
        raise HTTPFailure("POST", endpoint, 500, _server_message(exc)) from None
    except urllib.error.HTTPError as exc:
        if exc.code == 403:
            raise AuthenticationFailed(endpoint, 403, user=user, scheme=remote.auth) from None
        raise HTTPFailure("POST", endpoint, exc.code, str(exc.reason)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise NoAnswer(endpoint, timeout) from None
        if isinstance(reason, ConnectionRefusedError):
            raise Unreachable(endpoint, "connection refused") from None
        raise Unreachable(endpoint, str(reason)) from None
    except TimeoutError:
        raise NoAnswer(endpoint, timeout) from None
    except (ConnectionError, OSError) as exc:
        raise Unreachable(endpoint, exc.strerror or str(exc)) from None
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
    return one_line(text.replace("\\n", " "))[:300] or type(exc).__name__


__all__ = [
    "DEFAULT_TIMEOUT",
    "TRUNCATED_HEADER",
    "AuthScheme",
    "Remote",
    "TruncatedAnswer",
    "normalise_json_results",
    "run_remote",
]
