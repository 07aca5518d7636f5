"""Running a query with typed parameters, on the KG's embedded store or on an endpoint.

Parameters are bound as RDF terms, never pasted into the query text:

* on the embedded store through pyoxigraph's ``substitutions``; pyoxigraph accepts a substitution
  only for a variable the query projects, so for any other variable (``COUNT`` queries…) the term is
  bound with a ``VALUES`` block instead, exactly as for an endpoint;
* with ``engine="rdflib"`` through rdflib's ``initBindings``;
* on a remote endpoint (:mod:`stdkg.queries.remote`) with a ``VALUES`` block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from ..errors import QueryError
from ..rdf.terms import from_rdflib, to_rdflib
from .catalogue import NamedQuery, bind, inline
from .remote import Remote, run_remote
from .results import Results
from .text import one_line, sparql_error, with_values

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib.term import Node

    from ..kg import KG

Engine = Literal["oxigraph", "rdflib"]
Bindings = Mapping[str, "pyoxigraph.NamedNode | pyoxigraph.Literal"]


def run(
    query: NamedQuery | str,
    kg: KG | None = None,
    *,
    params: Mapping[str, str] | None = None,
    endpoint: Remote | str | None = None,
    engine: Engine = "oxigraph",
) -> Results:
    """Run a query with typed parameters on ``kg`` or on a SPARQL ``endpoint``.

    ``query`` is a :class:`NamedQuery` or SPARQL text (whose header, if any, declares parameters).
    ``endpoint`` is a :class:`~stdkg.queries.remote.Remote` (or just its URL). Local runs use
    pyoxigraph (default) or rdflib (``engine="rdflib"``); either way the answer is a normalised
    :class:`~stdkg.queries.results.Results`, so output does not depend on where it ran.
    """
    nq = query if isinstance(query, NamedQuery) else inline(query)
    bindings = bind(nq, params or {})
    if endpoint:
        return run_remote(nq.sparql, endpoint, bindings)
    if kg is None:
        raise QueryError("no graph to query: give a KG or an endpoint")
    if engine == "rdflib":
        return run_rdflib(nq.sparql, kg, bindings)
    return run_local(nq.text, kg, bindings, prologue=nq.prologue)


_NOT_PROJECTED = "does not contains variable"


def run_local(sparql: str, kg: KG, bindings: Bindings | None = None, *, prologue: str = "") -> Results:
    """Run on the embedded pyoxigraph store (default graph = union of the source graphs).

    ``prologue`` goes before ``sparql`` on its first line (a syntax error's column is the text's).
    """
    sparql = prologue + sparql
    import pyoxigraph as ox

    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (bindings or {}).items()
    }
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
        raise sparql_error(exc, shift=len(prologue)) from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"query failed: {one_line(str(exc))}") from None


def run_rdflib(sparql: str, kg: KG, bindings: Bindings | None = None) -> Results:
    """Run with rdflib on ``kg.rdflib_graph`` (parameters through ``initBindings``)."""
    import rdflib

    init: Any = {rdflib.Variable(k): to_rdflib(v) for k, v in (bindings or {}).items()}
    try:
        answer: Any = kg.rdflib_graph.query(sparql, initBindings=init)
    except Exception as exc:  # rdflib raises pyparsing errors and assorted exceptions
        raise QueryError(f"query failed (rdflib): {one_line(str(exc))}") from None
    if answer.type == "ASK":
        return Results.ask(bool(answer.askAnswer))
    if answer.type in ("CONSTRUCT", "DESCRIBE"):
        return Results.graph(_ox_triple(s, p, o) for s, p, o in answer.graph)
    names = [str(v) for v in answer.vars or []]
    return Results.select(names, ([from_rdflib(t) for t in row] for row in answer))


def _ox_triple(s: Node, p: Node, o: Node) -> pyoxigraph.Triple:
    import pyoxigraph as ox

    subject, predicate, obj = from_rdflib(s), from_rdflib(p), from_rdflib(o)
    if not isinstance(subject, (ox.NamedNode, ox.BlankNode)) or not isinstance(predicate, ox.NamedNode):
        raise QueryError(f"rdflib answered a triple that is not RDF: {s} {p} {o}")
    if obj is None:
        raise QueryError(f"rdflib answered a triple without an object: {s} {p}")
    return ox.Triple(subject, predicate, obj)


__all__ = ["Engine", "run", "run_local", "run_rdflib"]
