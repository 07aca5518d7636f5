"""Does a SPARQL text call another endpoint? Answered from a real parse, never from the text.

A query that reaches the network (``SERVICE <url> { … }``) must not run on a public endpoint or in a
SHACL-SPARQL constraint: it would make this machine fetch any address a stranger writes. Looking for
the word ``SERVICE`` in the text can be fooled (a no-break space inside an IRI, a number written right
before the keyword), so this module parses the text with rdflib's SPARQL grammar and walks the parse
tree for ``ServiceGraphPattern`` nodes.

The check fails closed: a text the parser cannot read is a :class:`~stdkg.errors.QueryError`, never
"no SERVICE found". Use :func:`refuse_service` where a query is about to be evaluated, or
:func:`inspect` to learn whether the text is an update as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import QueryError


class FederationRefused(QueryError):
    """A SPARQL text that uses ``SERVICE`` (a federated query) where none is allowed."""


@dataclass(frozen=True)
class QueryShape:
    """What the parse says about a SPARQL text: an update or not, and what ``SERVICE`` names."""

    update: bool
    services: tuple[str, ...]

    @property
    def federated(self) -> bool:
        return bool(self.services)


def _walk(node: Any, found: list[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Node

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                term = item.get("term")
                found.append(term.n3() if hasattr(term, "n3") else str(term))
            stack.extend(item.values())
        elif isinstance(item, Node | str | bytes | int | float | bool) or item is None:
            continue
        elif isinstance(item, dict):
            stack.extend(item.values())
        else:
            try:
                stack.extend(iter(item))
            except TypeError:
                continue


def _short(message: str, limit: int = 300) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def inspect(text: str) -> QueryShape:
    """Parse ``text`` as a SPARQL query, else as an update; raise :class:`QueryError` if neither."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    update = False
    try:
        tree: Any = parseQuery(text)
    except ParseBaseException as query_error:
        try:
            tree = parseUpdate(text)
        except ParseBaseException:
            raise QueryError(f"bad SPARQL query: {_short(str(query_error))}") from None
        except RecursionError:
            raise QueryError("bad SPARQL query: nested too deeply to check") from None
        update = True
    except RecursionError:
        raise QueryError("bad SPARQL query: nested too deeply to check") from None
    found: list[str] = []
    _walk(tree, found)
    return QueryShape(update=update, services=tuple(found))


def uses_service(text: str) -> bool:
    """Whether the parsed ``text`` contains a ``SERVICE`` clause (unreadable text raises)."""
    return inspect(text).federated


def refuse_service(text: str, where: str = "this endpoint") -> QueryShape:
    """Raise :class:`FederationRefused` when ``text`` uses ``SERVICE``; return its shape otherwise."""
    shape = inspect(text)
    if shape.federated:
        raise FederationRefused(f"SERVICE (federated query) is not allowed on {where}")
    return shape


__all__ = ["FederationRefused", "QueryShape", "inspect", "refuse_service", "uses_service"]
