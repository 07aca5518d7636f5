"""stdkg.federation: SERVICE found from the parse (the text tricks that fooled a text filter included)."""

from __future__ import annotations

import pytest

from stdkg.errors import QueryError
from stdkg.federation import FederationRefused, inspect, refuse_service, uses_service

NBSP_TRICK = "SELECT ?x WHERE { FILTER(1 != <urn:x\u00a0#>) SERVICE <http://127.0.0.1:9/> { ?x ?p ?o } }"
NUMBER_TRICK = "SELECT * WHERE { ?s ?p 2596SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"


@pytest.mark.parametrize(
    ("text", "services"),
    [
        (
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            ("<http://example.org/sparql>",),
        ),
        ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?where { ?s ?p ?o } } }", ("?where",)),
        (
            "select * where { service <http://a/> { ?s ?p ?o } . service <http://b/> { ?s ?p ?o } }",
            ("<http://a/>", "<http://b/>"),
        ),
        ("SELECT * WHERE { ?s <http://ex/SERVICE> 'SERVICE <http://x/>' } # SERVICE <http://y/> {}", ()),
        ("SELECT ?SERVICE WHERE { ?SERVICE ?p ?o }", ()),
    ],
)
def test_services_come_from_the_parse(text: str, services: tuple[str, ...]) -> None:
    shape = inspect(text)
    assert not shape.update
    assert sorted(shape.services) == sorted(services)
    assert uses_service(text) is bool(services)


def test_updates_are_recognised_with_their_services() -> None:
    shape = inspect("DELETE { ?s ?p ?o } WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    assert shape.update and shape.services == ("<http://example.org/>",)
    assert inspect("INSERT DATA { <urn:a> <urn:b> <urn:c> }").update


@pytest.mark.parametrize("text", [NBSP_TRICK, NUMBER_TRICK])
def test_text_tricks_never_pass(text: str) -> None:
    # whatever the parser makes of them, they never come back as "no SERVICE here"
    with pytest.raises(QueryError):
        refuse_service(text)


def test_refusal_names_the_place() -> None:
    with pytest.raises(FederationRefused, match="not allowed on a SHACL constraint"):
        refuse_service("ASK { SERVICE <http://example.org/> { ?s ?p ?o } }", "a SHACL constraint")
    assert refuse_service("ASK { ?s ?p ?o }").services == ()


@pytest.mark.parametrize(
    "text", ["SELECT WHERE {", "ASK { " + "{" * 3000 + "}" * 3000 + " }", "ASK { ?s ?p }"]
)
def test_unreadable_text_fails_closed(text: str) -> None:
    with pytest.raises(QueryError, match="bad SPARQL query"):
        inspect(text)


def test_named_queries_all_pass() -> None:
    from stdkg import queries

    for q in queries.catalogue():
        assert not inspect(q.text).federated, q.name
