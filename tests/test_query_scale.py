"""Named queries rewritten for speed at 1M triples keep their answers, and the fast path that turns
pyoxigraph solutions into normalised rows gives the same terms as the per-term normaliser."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import stdkg
from stdkg import queries as Q
from stdkg.queries.results import Results, _normalise, _normalise_rows

FIXTURES = Path(__file__).parent / "fixtures" / "query-scale"
TEST = "https://w3id.org/stdkg/id/test/"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The formulation facts-without-provenance had before it was rewritten (an alternative path).
PATH_FORM = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
SELECT ?node ?type WHERE {
  VALUES ?type { org:FormalOrganization org:OrganizationalUnit org:Organization foaf:Person org:Post
                 org:Membership schema:Event schema:PublicationEvent stdkg:JointStatement
                 stdkg:Commitment schema:Quotation schema:City schema:Country }
  ?node a ?type .
  FILTER NOT EXISTS {
    ?node prov:wasDerivedFrom|prov:hadPrimarySource|prov:wasQuotedFrom|stdkg:textEvidence ?source .
  }
}
ORDER BY ?node
"""


@pytest.fixture(scope="module")
def provenance_kg() -> Any:
    return stdkg.load([FIXTURES / "provenance.ttl"])


def _pairs(results: Results) -> Counter[tuple[str, str]]:
    return Counter((row[0].value, row[1].value) for row in results.rows)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_facts_without_provenance_finds_uncited_nodes(provenance_kg: Any, engine: str) -> None:
    query = Q.resolve("facts-without-provenance")
    results = Q.run(query, provenance_kg, engine=engine)  # type: ignore[arg-type]
    assert results.variables == ("node", "type")
    assert _pairs(results) == Counter(
        {
            (TEST + "cited-by-others", ORG + "Membership"): 1,  # only the object of a citation
            (TEST + "place", SCHEMA + "City"): 1,
            (TEST + "two-types", ORG + "FormalOrganization"): 1,  # one row per listed type
            (TEST + "two-types", ORG + "Organization"): 1,
            (TEST + "unsourced", ORG + "Post"): 1,  # dcterms:source is not a citation
        }
    )
    pairs = [(row[0].value, row[1].value) for row in results.rows]
    assert pairs == sorted(pairs)  # ordered by node, then type (a total order: same bytes everywhere)
    # the same rows as the alternative-path formulation it replaced
    assert results.as_set() == Q.run(PATH_FORM, provenance_kg, engine=engine).as_set()  # type: ignore[arg-type]


def test_normalise_rows_matches_the_per_term_normaliser() -> None:
    boolean, integer = ox.NamedNode(XSD + "boolean"), ox.NamedNode(XSD + "integer")
    triple = ox.Triple(ox.BlankNode("t"), ox.NamedNode(TEST + "p"), ox.Literal("x", language="FR"))
    rows = [
        (ox.NamedNode(TEST + "a"), None, ox.Literal("plain"), ox.Literal("x", language="en-GB")),
        (
            ox.Literal("1", datatype=boolean),
            ox.Literal("0", datatype=boolean),
            ox.Literal("true", datatype=boolean),
            None,
        ),
        (
            ox.Literal("+07", datatype=integer),
            ox.Literal("-0", datatype=integer),
            ox.Literal("12", datatype=integer),
            None,
        ),
        (ox.BlankNode("z"), ox.BlankNode("y"), ox.BlankNode("z"), ox.Literal("x", language="fr")),
        (triple, ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal")), None, None),
    ]
    labels: dict[str, str] = {}
    reference = tuple(tuple(_normalise(t, labels) for t in row) for row in rows)
    fast = _normalise_rows(rows)
    assert fast == reference
    assert fast[0][3] == ox.Literal("x", language="en-gb")
    assert fast[1][:3] == tuple(ox.Literal(v, datatype=boolean) for v in ("true", "false", "true"))
    assert fast[2][:3] == tuple(ox.Literal(v, datatype=integer) for v in ("7", "0", "12"))
    assert fast[3][:3] == (ox.BlankNode("b0"), ox.BlankNode("b1"), ox.BlankNode("b0"))
    assert fast[4][0] == ox.Triple(
        ox.BlankNode("b2"), ox.NamedNode(TEST + "p"), ox.Literal("x", language="fr")
    )


def test_solutions_keep_unbound_values_in_place() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(TEST + "s"), ox.NamedNode(TEST + "p"), ox.Literal("o", language="EN")))
    answer = store.query(
        "SELECT ?missing ?s ?o ?also WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } "
        "OPTIONAL { ?o <urn:none> ?also } }"
    )
    results = Results.from_oxigraph(answer)
    assert results.variables == ("missing", "s", "o", "also")
    assert results.rows == ((None, ox.NamedNode(TEST + "s"), ox.Literal("o", language="en"), None),)


# -- the rewritten query on real servers: the same bytes as the embedded store -------------------


def _local_json(runner: Any, name: str) -> bytes:
    from stdkg.cli import cli

    result = runner.invoke(cli, ["-q", "--kg", str(FIXTURES / "provenance.ttl"), "query", name, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return bytes(result.stdout_bytes)


def _remote_json(runner: Any, name: str, endpoint: str) -> bytes:
    from stdkg.cli import cli

    result = runner.invoke(cli, ["-q", "query", name, "-f", "json", "--endpoint", endpoint])
    assert result.exit_code == 0, result.stderr
    return bytes(result.stdout_bytes)


@pytest.fixture(scope="module")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Any:

    from tests.servers import OxigraphServer

    server = OxigraphServer.start(tmp_path_factory.mktemp("query-scale-oxigraph") / "db")
    try:
        server.put(None, (FIXTURES / "provenance.ttl").read_bytes())
        yield f"{server.base_url}/query"
    finally:
        server.stop()


@pytest.fixture(scope="module")
def virtuoso_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A Virtuoso of our own: its default graph is the union of all graphs."""
    from tests.servers import start_virtuoso

    server = start_virtuoso(tmp_path_factory.mktemp("query-scale-virtuoso"))
    try:
        dump = server.import_dir / "provenance.nt"
        dump.write_bytes(stdkg.load([FIXTURES / "provenance.ttl"]).serialize(stdkg.RdfFormat.N_TRIPLES))
        server.isql(f"DB.DBA.TTLP(file_to_string('{dump}'), '', 'urn:stdkg:test:query-scale');")
        yield f"{server.base_url}/sparql"
    finally:
        server.stop()


@pytest.mark.integration
@pytest.mark.parametrize("store", ["oxigraph", "virtuoso"])
def test_facts_without_provenance_same_bytes_on_servers(
    runner: Any, request: pytest.FixtureRequest, store: str
) -> None:
    endpoint = request.getfixturevalue(f"{store}_endpoint")
    local = _local_json(runner, "facts-without-provenance")
    assert len(json.loads(local)["results"]["bindings"]) == 5  # not an empty answer compared with another
    assert _remote_json(runner, "facts-without-provenance", endpoint) == local
