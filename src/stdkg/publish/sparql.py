"""Evaluating one request of the read-only SPARQL 1.1 endpoint behind ``/sparql``.

:func:`execute` runs in a query worker (:mod:`.query_pool`): it refuses what the endpoint does not
run — updates, ``SERVICE``, text the checking parser cannot read — from a parse of the query
(:func:`check_query`), evaluates the rest on the read-only store and serializes the result (JSON,
XML, CSV, TSV; RDF formats for CONSTRUCT/DESCRIBE) with a row cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .conneg import RDF_FORMATS, negotiate, negotiate_media

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV_RESULTS = "text/csv"
TSV_RESULTS = "text/tab-separated-values"
RESULT_MEDIA_TYPES: tuple[str, ...] = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS)
_RESULT_ALIASES = {"application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/xml": XML_RESULTS}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class SparqlResponse:
    """What the endpoint answers: HTTP status, content type, body, whether rows were cut."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def refusal(status: int, message: str) -> SparqlResponse:
    return SparqlResponse(status, "text/plain; charset=utf-8", (message + "\n").encode())


# -- checks before evaluation --------------------------------------------------------------------


def check_query(query: str) -> SparqlResponse | None:
    """A refusal for what the endpoint does not run (``SERVICE``, updates, unreadable text), or ``None``.

    Decided from a parse of the query (:mod:`stdkg.federation`), never by looking for words in it.
    """
    from ..errors import QueryError
    from ..federation import inspect

    try:
        shape = inspect(query)
    except QueryError as exc:
        return refusal(400, str(exc))
    if shape.update:
        return refusal(403, "SPARQL Update is not allowed: this endpoint is read-only")
    if shape.federated:
        return refusal(400, "SERVICE (federated query) is not allowed on this endpoint")
    return None


def short_message(message: str, limit: int = 300) -> str:
    """An engine message on one line and cut to ``limit`` characters (never a page of someone's body)."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


# -- serialization ----------------------------------------------------------------------------------


#: Result media type -> the stdkg.queries.render format that writes it (one writer for CLI and endpoint).
_RESULT_FORMAT = {JSON_RESULTS: "json", XML_RESULTS: "xml", CSV_RESULTS: "csv", TSV_RESULTS: "tsv"}


def serialize_solutions(variables: list[str], rows: list[list[Any]], media: str) -> bytes:
    from ..queries.render import render
    from ..queries.results import Results

    return render(Results.select(variables, rows), _RESULT_FORMAT[media])


def serialize_boolean(value: bool, media: str) -> bytes:
    from ..queries.render import render
    from ..queries.results import Results

    return render(Results.ask(value), _RESULT_FORMAT[media])


def _result_media(accept: str | None) -> str | None:
    offers = [*RESULT_MEDIA_TYPES, *_RESULT_ALIASES]
    chosen = negotiate_media(accept, offers)
    return _RESULT_ALIASES.get(chosen, chosen) if chosen else None


def execute(
    store: Any,
    query: str,
    accept: str | None,
    max_rows: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    prefixes: dict[str, str] | None = None,
) -> SparqlResponse:
    """Run one query on ``store`` and serialize the result as ``accept`` asks (in the worker).

    ``prefixes`` are predeclared: a query may use them without ``PREFIX`` lines.
    """
    import pyoxigraph as ox

    refused = check_query(query)
    if refused is not None:
        return refused
    kwargs: dict[str, Any] = {"prefixes": prefixes} if prefixes else {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as exc:
        return refusal(400, f"bad SPARQL query: {short_message(str(exc))}")
    except (OSError, ValueError, RuntimeError) as exc:
        return refusal(400, f"query failed: {short_message(str(exc))}")
    try:
        if isinstance(result, ox.QueryBoolean):
            media = _result_media(accept)
            if media is None:
                return _not_acceptable(RESULT_MEDIA_TYPES)
            return SparqlResponse(200, _ct(media), serialize_boolean(bool(result), media))
        if isinstance(result, ox.QuerySolutions):
            media = _result_media(accept)
            if media is None:
                return _not_acceptable(RESULT_MEDIA_TYPES)
            variables = [v.value for v in result.variables]
            rows: list[list[Any]] = []
            truncated = False
            for solution in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([solution[v] for v in variables])
            return SparqlResponse(200, _ct(media), serialize_solutions(variables, rows, media), truncated)
        fmt = negotiate(accept, RDF_FORMATS)
        if fmt is None:
            return _not_acceptable(tuple(f.media_type for f in RDF_FORMATS))
        triples: list[Any] = []
        truncated = False
        for t in result:
            if len(triples) >= max_rows:
                truncated = True
                break
            triples.append(t)
        oxfmt = {
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
            "rdf": ox.RdfFormat.RDF_XML,
        }[fmt.suffix]
        return SparqlResponse(200, fmt.content_type, ox.serialize(triples, format=oxfmt) or b"", truncated)
    except (OSError, ValueError, RuntimeError) as exc:
        return refusal(500, f"query evaluation failed: {short_message(str(exc))}")


def _ct(media: str) -> str:
    return media + "; charset=utf-8"


def _not_acceptable(offers: tuple[str, ...]) -> SparqlResponse:
    return refusal(406, "not acceptable; this result is available as: " + ", ".join(offers))
