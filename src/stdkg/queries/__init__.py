"""Named queries, their parameters, and running them locally or on an endpoint.

* :mod:`stdkg.queries.catalogue` — the ``queries/NAME.rq`` files and their header comment;
* :mod:`stdkg.queries.params` — declared parameters and their values as typed RDF terms;
* :mod:`stdkg.queries.text` — the SPARQL scanner (query form, ``VALUES`` binding), one-line errors;
* :mod:`stdkg.queries.execute` — :func:`run` on the embedded store, with rdflib, or remotely;
* :mod:`stdkg.queries.remote` — SPARQL endpoints through SPARQLWrapper (:class:`Remote`);
* :mod:`stdkg.queries.results` — :class:`Results`, one normalised value whatever ran the query;
* :mod:`stdkg.queries.render` — results as a table, CSV, TSV, JSON, XML or Markdown.
"""

from __future__ import annotations

from .catalogue import NamedQuery, UnknownQuery, bind, catalogue, inline, parse_header, read_query, resolve
from .execute import Engine, run, run_local, run_rdflib
from .params import PARAM_TYPES, Param, ParameterError, expand_curie, parse_assignments, to_term
from .remote import AuthScheme, Remote, normalise_json_results, run_remote
from .results import Results
from .text import query_form, where_group_offset, with_values

__all__ = [
    "PARAM_TYPES",
    "AuthScheme",
    "Engine",
    "NamedQuery",
    "Param",
    "ParameterError",
    "Remote",
    "Results",
    "UnknownQuery",
    "bind",
    "catalogue",
    "expand_curie",
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
