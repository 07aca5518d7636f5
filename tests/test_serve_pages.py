"""`stdkg serve` as a visitor meets it (issue 14): named queries against a rebased site, cache
validators on every document, the 404 page, and the SPARQL page (prefixes, examples, a plain table)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from email.utils import formatdate

import httpx
import pytest
from click.testing import CliRunner

from stdkg.cli import cli
from stdkg.publish.server import not_modified
from tests.publish_support import Server, running_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--query-workers", "1") as s:
        yield s


@pytest.mark.parametrize("name", ["terms-of-office", "commitments-in-order", "quotations"])
def test_named_queries_answer_on_a_rebased_site(server: Server, name: str) -> None:
    # issue 14 #1: --base-uri moved the vocabulary too, so the canonical terms the CLI sends found nothing
    result = CliRunner().invoke(cli, ["query", name, "--endpoint", server.url + "sparql", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1, result.output
    local = CliRunner().invoke(cli, ["query", name, "--format", "csv"])
    assert len(list(csv.reader(io.StringIO(local.stdout)))) == len(rows)


def test_vocabulary_keeps_its_iris_and_data_moves(server: Server) -> None:
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/stdkg/ns#Commitment> }"
    r = httpx.get(server.url + "sparql", params={"query": q}, headers={"Accept": "application/json"})
    subjects = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
    assert subjects and all(s.startswith(server.url + "id/commitment/") for s in subjects)
    page = httpx.get(server.url + "ns.ttl").text
    assert "<https://w3id.org/stdkg/ns#>" in page or "https://w3id.org/stdkg/ns#Commitment" in page


DOCUMENTS = [
    "",
    "index.html",
    "id/org/iso.html",
    "id/org/iso.ttl",
    "id/person/sung-hwan-cho.jsonld",
    "index/bodies.html",
    "ns.html",
    "void.ttl",
    "style.css",
    "robots.txt",
    "sitemap.xml",
    "dumps/stdkg.nt.gz",
    "sparql",
]


@pytest.mark.parametrize(
    ("path", "accept"), [*((p, "text/html") for p in DOCUMENTS), ("sparql", "text/turtle")]
)
def test_every_document_has_validators_and_answers_304(server: Server, path: str, accept: str) -> None:
    first = httpx.get(server.url + path, headers={"Accept": accept})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["last-modified"].endswith("GMT")
    assert "max-age" in first.headers["cache-control"]
    again = httpx.get(server.url + path, headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    weak = httpx.get(server.url + path, headers={"Accept": accept, "If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304
    modified = first.headers["last-modified"]
    since = httpx.get(server.url + path, headers={"Accept": accept, "If-Modified-Since": modified})
    assert since.status_code == 304
    stale = httpx.get(server.url + path, headers={"Accept": accept, "If-None-Match": '"other"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_conditional_rules() -> None:
    assert not_modified({"if-none-match": "*"}, '"a"', 100.0)
    assert not not_modified({"if-none-match": '"b"', "if-modified-since": formatdate(200)}, '"a"', 100.0)
    assert not_modified({"if-modified-since": formatdate(100)}, '"a"', 100.4)
    assert not not_modified({"if-modified-since": formatdate(99)}, '"a"', 100.0)
    assert not not_modified({"if-modified-since": "yesterday"}, '"a"', 100.0)
    assert not not_modified({}, '"a"', 100.0)


def test_404_page_in_the_site_style(server: Server) -> None:
    r = httpx.get(server.url + "id/org/no-such-body.html", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "style.css" in html and 'class="top"' in html  # the site's stylesheet and header
    assert "id/org/no-such-body.html" in html
    assert 'href="/index.html"' in html
    plain = httpx.get(server.url + "id/org/no-such-body", headers={"Accept": "text/turtle"})
    assert plain.status_code == 404 and plain.headers["content-type"].startswith("text/plain")


def test_query_page_prefixes_examples_and_a_plain_table(server: Server) -> None:
    page = httpx.get(server.url + "sparql", headers={"Accept": "text/html"})
    assert "PREFIX stdkg: &lt;https://w3id.org/stdkg/ns#&gt;" in page.text
    assert f"PREFIX stdorg: &lt;{server.url}id/org/&gt;" in page.text
    assert "Terms of office" in page.text or "terms-of-office" in page.text
    # a browser's query (no PREFIX lines: they are predeclared) comes back as a table of plain values
    q = "SELECT ?org ?name WHERE { ?org a org:FormalOrganization ; skos:prefLabel ?name } ORDER BY ?name"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = httpx.post(server.url + "sparql", data={"query": q}, headers={"Accept": browser})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    table = r.text.split('class="results"', 1)[1].split("</table>", 1)[0]
    assert "<th>org</th>" in table and "<th>name</th>" in table
    assert f'<a href="{server.url}id/org/iso"' in table and ">stdorg:iso</a>" in table
    assert "@en" not in table and "&#34;" not in table and "&quot;" not in table
    assert "International Organization for Standardization" in table
    # the textarea keeps the query that was run
    assert "ORDER BY ?name" in r.text.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    # a command-line client still gets the result format
    raw = httpx.post(server.url + "sparql", data={"query": q}, headers={"Accept": "*/*"})
    assert raw.headers["content-type"].startswith("application/sparql-results+json")


def test_query_page_shows_refusals(server: Server) -> None:
    r = httpx.get(
        server.url + "sparql",
        params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"},
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 400
    assert "SERVICE (federated query) is not allowed" in r.text and "<textarea" in r.text
