"""`stdkg serve` as a real process on 127.0.0.1: content negotiation, SPARQL protocol, linkcheck."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from stdkg.cli import cli
from stdkg.kg import load
from stdkg.publish.linkcheck import check_site, render_report
from tests.publish_support import FIXTURE, Server, children_of, running_server

pytestmark = pytest.mark.integration

TIMEOUT = 2.0
MAX_ROWS = 7


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server(
        "--query-timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--query-workers", "1"
    ) as s:
        yield s


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=60) as c:
        yield c


# one resource of each kind in the bundled graph
KINDS = {
    "body": "id/org/iso",
    "person": "id/person/sung-hwan-cho",
    "commitment": "id/commitment/seoul-statement-2025-1",
    "statement": "id/statement/seoul-statement-2025",
    "ontology": "ns",
}
ACCEPTS = {
    "text/html": ("html", "text/html"),
    "application/xhtml+xml": ("html", "text/html"),
    "text/turtle": ("ttl", "text/turtle"),
    "application/n-triples": ("nt", "application/n-triples"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/json": ("jsonld", "application/ld+json"),
    "application/rdf+xml": ("rdf", "application/rdf+xml"),
    "*/*": ("html", "text/html"),
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": ("html", "text/html"),
    "text/turtle;q=0.4, application/rdf+xml;q=0.8, text/html;q=0.1": ("rdf", "application/rdf+xml"),
    "application/ld+json;q=1, text/turtle;q=0.9": ("jsonld", "application/ld+json"),
}
RDF_PARSERS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _media(r: httpx.Response) -> str:
    return r.headers.get("content-type", "").split(";")[0].strip()


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("accept", list(ACCEPTS))
def test_conneg_matrix(client: httpx.Client, server: Server, kind: str, accept: str) -> None:
    path = KINDS[kind]
    suffix, media = ACCEPTS[accept]
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 303, r.text
    assert "accept" in r.headers["vary"].lower()
    assert r.headers["location"] == f"{server.url}{path}.{suffix}"
    d = client.get(r.headers["location"], headers={"Accept": accept})
    assert d.status_code == 200
    assert _media(d) == media
    if media in RDF_PARSERS:
        triples = list(ox.parse(d.content, format=RDF_PARSERS[media], base_iri=r.headers["location"]))
        iri = server.url + path
        mentioned = {t.subject.value for t in triples} | {
            t.object.value for t in triples if isinstance(t.object, ox.NamedNode)
        }
        if kind == "ontology":
            # the vocabulary keeps its IRIs on a rebased site (issue 14 #1)
            assert "https://w3id.org/stdkg/ns#Commitment" in mentioned
        else:
            assert iri in mentioned
    else:
        assert "<title>" in d.text


@pytest.mark.parametrize("accept", ["image/png", "text/plain", "application/pdf, text/html;q=0"])
def test_not_acceptable(client: httpx.Client, accept: str) -> None:
    r = client.get("id/org/iso", headers={"Accept": accept})
    assert r.status_code == 406
    assert "accept" in r.headers["vary"].lower()
    assert "text/turtle" in r.text


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("ttl", "ttl"), ("turtle", "ttl"), ("jsonld", "jsonld"), ("nt", "nt"), ("rdf", "rdf"), ("html", "html")],
)
def test_format_parameter_overrides_accept(
    client: httpx.Client, server: Server, fmt: str, suffix: str
) -> None:
    r = client.get("id/org/iso", params={"format": fmt}, headers={"Accept": "text/html"})
    assert r.status_code == 303
    assert r.headers["location"] == f"{server.url}id/org/iso.{suffix}"
    # on a document, ?format= picks the representation directly
    d = client.get("id/org/iso.html", params={"format": fmt}, headers={"Accept": "text/html"})
    assert d.status_code == 200
    assert (
        _media(d)
        == {
            "ttl": "text/turtle",
            "jsonld": "application/ld+json",
            "nt": "application/n-triples",
            "rdf": "application/rdf+xml",
            "html": "text/html",
        }[suffix]
    )


def test_bad_format_parameter(client: httpx.Client) -> None:
    assert client.get("id/org/iso", params={"format": "png"}).status_code == 406


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
        ("html", "text/html"),
    ],
)
def test_suffix_documents_ignore_accept(client: httpx.Client, suffix: str, media: str) -> None:
    r = client.get(f"id/person/sung-hwan-cho.{suffix}", headers={"Accept": "image/png"})
    assert r.status_code == 200
    assert _media(r) == media


def test_home_void_and_misc(client: httpx.Client, server: Server) -> None:
    home = client.get("", headers={"Accept": "text/html"})
    assert home.status_code == 200 and _media(home) == "text/html"
    assert "accept" in home.headers["vary"].lower()
    rdf = client.get("", headers={"Accept": "text/turtle"})
    assert rdf.status_code == 303 and rdf.headers["location"] == server.url + "void.ttl"
    wk = client.get(".well-known/void", headers={"Accept": "text/turtle"})
    assert wk.status_code == 303 and wk.headers["location"] == server.url + "void.ttl"
    void = client.get("void.ttl")
    assert void.status_code == 200 and _media(void) == "text/turtle"
    triples = list(ox.parse(void.content, format=ox.RdfFormat.TURTLE))
    preds = {t.predicate.value for t in triples}
    assert "http://rdfs.org/ns/void#sparqlEndpoint" in preds
    assert "http://www.w3.org/ns/dcat#endpointURL" in preds
    for path, media in [
        ("robots.txt", "text/plain"),
        ("sitemap.xml", "application/xml"),
        ("style.css", "text/css"),
        ("index/commitments.html", "text/html"),
        ("dumps/stdkg.nt.gz", "application/gzip"),
        ("ns.html", "text/html"),
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert _media(r) == media, path
    assert client.get("id/org/no-such-body").status_code == 404
    assert client.get("id/org/iso.png").status_code == 404
    head = client.head("id/org/iso.ttl")
    assert head.status_code == 200 and int(head.headers["content-length"]) > 100


def test_cors(client: httpx.Client) -> None:
    r = client.get("id/org/iso.ttl", headers={"Origin": "http://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "sparql",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "*"


# -- SPARQL protocol -----------------------------------------------------------------------------

SELECT = "SELECT ?p ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"


def _expect_names(names: list[str]) -> None:
    assert "Sung Hwan Cho" in names
    assert names == sorted(names)


@pytest.mark.parametrize("method", ["get", "post-form", "post-query"])
@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "application/json",
    ],
)
def test_sparql_select(client: httpx.Client, method: str, accept: str) -> None:
    headers = {"Accept": accept}
    if method == "get":
        r = client.get("sparql", params={"query": SELECT}, headers=headers)
    elif method == "post-form":
        r = client.post("sparql", data={"query": SELECT}, headers=headers)
    else:
        r = client.post(
            "sparql", content=SELECT.encode(), headers={**headers, "Content-Type": "application/sparql-query"}
        )
    assert r.status_code == 200, r.text
    assert "accept" in r.headers["vary"].lower()
    media = _media(r)
    if accept in ("application/sparql-results+json", "application/json"):
        assert media == "application/sparql-results+json"
        data = r.json()
        assert data["head"]["vars"] == ["p", "name"]
        _expect_names([b["name"]["value"] for b in data["results"]["bindings"]])
        assert data["results"]["bindings"][0]["p"]["type"] == "uri"
    elif accept.endswith("xml"):
        assert media == accept
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(r.content)
        names = [e.text or "" for e in root.findall(".//s:binding[@name='name']/s:literal", ns)]
        _expect_names(names)
    elif accept == "text/csv":
        assert media == "text/csv"
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["p", "name"]
        _expect_names([row[1] for row in rows[1:]])
    else:
        assert media == "text/tab-separated-values"
        lines = r.text.splitlines()
        assert lines[0] == "?p\t?name"
        _expect_names([line.split("\t")[1].strip('"') for line in lines[1:]])


def test_sparql_ask(client: httpx.Client) -> None:
    r = client.get(
        "sparql",
        params={"query": "ASK { ?s a <https://w3id.org/stdkg/ns#Commitment> }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200
    assert r.json()["boolean"] is True  # only data IRIs move to the server's base, not the vocabulary
    r = client.get(
        "sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert b"<boolean>true</boolean>" in r.content


@pytest.mark.parametrize("accept", list(RDF_PARSERS))
def test_sparql_construct_and_describe(client: httpx.Client, server: Server, accept: str) -> None:
    q = f"CONSTRUCT {{ ?s a ?t }} WHERE {{ ?s a ?t . FILTER(?s = <{server.url}id/org/iso>) }}"
    r = client.post("sparql", data={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert _media(r) == accept
    triples = list(ox.parse(r.content, format=RDF_PARSERS[accept]))
    assert triples and all(t.subject.value == server.url + "id/org/iso" for t in triples)
    d = client.get(
        "sparql", params={"query": f"DESCRIBE <{server.url}id/org/iso>"}, headers={"Accept": accept}
    )
    assert d.status_code == 200 and _media(d) == accept


def test_sparql_construct_turtle_by_default(client: httpx.Client) -> None:
    r = client.get("sparql", params={"query": "CONSTRUCT WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }"})
    assert r.status_code == 200
    assert _media(r) == "text/turtle"


def test_sparql_result_not_acceptable(client: httpx.Client) -> None:
    r = client.get("sparql", params={"query": SELECT}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406


@pytest.mark.parametrize(
    "request_kind",
    ["form-update", "post-update", "query-update", "get-query-update"],
)
def test_sparql_update_refused(client: httpx.Client, request_kind: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    if request_kind == "form-update":
        r = client.post("sparql", data={"update": update})
    elif request_kind == "post-update":
        r = client.post(
            "sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}
        )
    elif request_kind == "query-update":
        r = client.post(
            "sparql", content=update.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    else:
        r = client.get("sparql", params={"query": update})
    assert r.status_code == 403
    assert "read-only" in r.text
    ask = client.get(
        "sparql",
        params={"query": "ASK { <http://example.org/a> ?p ?o }"},
        headers={"Accept": "application/json"},
    )
    assert ask.json()["boolean"] is False


def test_sparql_service_refused(client: httpx.Client) -> None:
    r = client.get(
        "sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}
    )
    assert r.status_code == 400
    assert "SERVICE" in r.text


def test_sparql_syntax_error(client: httpx.Client) -> None:
    r = client.get("sparql", params={"query": "SELECT WHERE {"})
    assert r.status_code == 400


def test_sparql_result_cap(client: httpx.Client) -> None:
    r = client.get(
        "sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "application/json"}
    )
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert "max-rows" in r.headers["x-stdkg-truncated"]
    small = client.get(
        "sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"},
        headers={"Accept": "application/json"},
    )
    assert "x-stdkg-truncated" not in small.headers


def test_sparql_timeout_really_stops_the_query(client: httpx.Client, server: Server) -> None:
    before = children_of(server.pid)
    assert before, "the query worker runs in a child process"
    # a cross product over the whole graph: about 1500^3 rows to count
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    r = client.get("sparql", params={"query": slow}, headers={"Accept": "application/json"})
    elapsed = time.monotonic() - started
    assert r.status_code == 503, r.text
    assert "longer than the limit" in r.text
    assert elapsed < 60
    after = children_of(server.pid)
    killed = before - after
    assert killed, "the worker that ran the slow query is gone"
    for pid in killed:
        with pytest.raises(FileNotFoundError):
            open(f"/proc/{pid}/stat").close()
    # the endpoint still answers with a fresh worker
    ok = client.get("sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_sparql_service_description_and_query_page(client: httpx.Client, server: Server) -> None:
    sd = client.get("sparql", headers={"Accept": "text/turtle"})
    assert sd.status_code == 200 and _media(sd) == "text/turtle"
    triples = list(ox.parse(sd.content, format=ox.RdfFormat.TURTLE))
    sdns = "http://www.w3.org/ns/sparql-service-description#"
    assert ox.NamedNode(sdns + "Service") in {t.object for t in triples}
    assert (ox.NamedNode(sdns + "endpoint"), ox.NamedNode(server.url + "sparql")) in {
        (t.predicate, t.object) for t in triples
    }
    page = client.get("sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and _media(page) == "text/html"
    assert "<textarea" in page.text
    assert "Commitments in order" in page.text  # a named query from queries/
    assert "https://w3id.org/stdkg/id/" not in page.text.split('id="examples">', 1)[1].split("</script>")[0]


# -- linkcheck ------------------------------------------------------------------------------------


def test_whole_site_passes_linkcheck(server: Server, bundled_kg) -> None:  # type: ignore[no-untyped-def]
    report = check_site(bundled_kg, server.url, base_uri=server.url, jobs=4)
    assert report.ok, render_report(report)
    assert report.iris > 100
    assert report.links > 100
    assert report.requests >= report.iris * 6


def test_linkcheck_cli_reports_failures(runner, server: Server) -> None:  # type: ignore[no-untyped-def]
    # the fixture graph has IRIs the running (bundled) site does not serve
    result = runner.invoke(cli, ["--kg", str(FIXTURE), "linkcheck", server.url, "--base-uri", server.url])
    assert result.exit_code == 1
    assert "FAIL " in result.output
    assert "expected 303 See Other, got 404" in result.output
    fixture_only = load([FIXTURE])
    report = check_site(fixture_only, server.url, base_uri=server.url)
    assert not report.ok


def test_linkcheck_cli_passes(runner, server: Server) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["linkcheck", server.url, "--base-uri", server.url])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("— ok")


def test_canonical_base_served_under_its_path() -> None:
    with running_server(base=False) as s:
        r = httpx.get(s.url + "stdkg/id/org/iso", headers={"Accept": "text/turtle"}, follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == s.url + "stdkg/id/org/iso.ttl"
        doc = httpx.get(r.headers["location"])
        assert b"<https://w3id.org/stdkg/id/org/iso>" in doc.content or b"stdorg:iso" in doc.content
        assert httpx.get(s.url, follow_redirects=False).status_code == 302
        report = check_site(load(), s.url + "stdkg/", jobs=4)
        assert report.ok, render_report(report)


def test_serve_refuses_a_busy_port(runner) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_serve_refuses_a_bad_base(runner) -> None:  # type: ignore[no-untyped-def]
    from tests.publish_support import free_port

    result = runner.invoke(cli, ["serve", "--port", str(free_port()), "--base-uri", "localhost:8000"])
    assert result.exit_code == 2
    assert "--base-uri" in result.stderr


def test_sparql_dataset_parameters_and_source_graphs(client: httpx.Client, server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    accept = {"Accept": "application/sparql-results+json"}
    total = int(
        client.get("sparql", params={"query": count}, headers=accept).json()["results"]["bindings"][0]["n"][
            "value"
        ]
    )
    graph = server.url + "graph/data/organizations"
    r = client.get("sparql", params={"query": count, "default-graph-uri": graph}, headers=accept)
    assert r.status_code == 200, r.text
    part = int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert 0 < part < total
    graphs = client.get(
        "sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}, headers=accept
    )
    names = {b["g"]["value"] for b in graphs.json()["results"]["bindings"]}
    assert names and all(g.startswith(server.url + "graph/") for g in names)  # capped at MAX_ROWS
    ask = client.get("sparql", params={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}, headers=accept)
    assert ask.json()["boolean"] is True
