"""The static linked-data site: structure, content, links, conneg rules, VoID/DCAT, the picture."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pyoxigraph as ox
import pytest

from stdkg.cli import cli
from stdkg.kg import load
from stdkg.publish import conneg
from stdkg.publish.site import Site
from stdkg.publish.sparql import check_query
from stdkg.publish.static import publish
from tests.publish_support import FIXTURE

BASE = "http://127.0.0.1:8123/"


@pytest.fixture(scope="module")
def fixture_kg():  # type: ignore[no-untyped-def]
    return load([FIXTURE])


@pytest.fixture(scope="module")
def site(fixture_kg) -> Site:  # type: ignore[no-untyped-def]
    return Site(fixture_kg, BASE)


@pytest.fixture(scope="module")
def out(fixture_kg, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path_factory.mktemp("pub") / "site"
    report = publish(fixture_kg, target, base_uri=BASE, workers=1)
    assert report.pages == len(Site(fixture_kg, BASE).pages)
    return target


# -- content negotiation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        (None, "html"),
        ("", "html"),
        ("*/*", "html"),
        ("text/html", "html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("text/turtle", "ttl"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "jsonld"),
        ("application/json", "jsonld"),
        ("application/rdf+xml", "rdf"),
        ("text/turtle;q=0.5, application/rdf+xml;q=0.9", "rdf"),
        ("text/html;q=0.1, text/turtle", "ttl"),
        ("text/*", "html"),
        ("application/*;q=0.9, text/html;q=0.2", "jsonld"),
        ("image/png, text/turtle;q=0", None),
        ("text/html;q=0, */*", "ttl"),
        ("text/html;q=0", None),
    ],
)
def test_negotiate(accept: str | None, suffix: str | None) -> None:
    fmt = conneg.negotiate(accept)
    if suffix is None:
        assert fmt is None
    else:
        assert fmt is not None and fmt.suffix == suffix


def test_format_by_name() -> None:
    assert conneg.format_by_name("turtle") is conneg.TURTLE
    assert conneg.format_by_name("ttl") is conneg.TURTLE
    assert conneg.format_by_name("application/ld+json") is conneg.JSON_LD
    assert conneg.format_by_name("xml") is conneg.RDF_XML
    assert conneg.format_by_name("png") is None


# -- base rewriting -------------------------------------------------------------------------------


def test_base_uri_moves_the_data_and_keeps_the_vocabulary(site: Site) -> None:
    values = [
        t.value for q in site.store for t in (q.subject, q.predicate, q.object) if isinstance(t, ox.NamedNode)
    ]
    canonical = [v for v in values if v.startswith("https://w3id.org/stdkg/")]
    assert canonical and all(v.startswith("https://w3id.org/stdkg/ns") for v in canonical)
    assert BASE + "id/org/iso" in values
    assert "https://w3id.org/stdkg/ns#Commitment" in values  # issue 14 #1: vocabulary IRIs stay
    assert not [v for v in values if v.startswith(BASE + "ns")]


def test_canonical_base_kept_without_option(fixture_kg) -> None:  # type: ignore[no-untyped-def]
    canonical = Site(fixture_kg)
    assert canonical.base == "https://w3id.org/stdkg/"
    assert "id/org/iso" in canonical.pages


def test_bad_base_uri(fixture_kg) -> None:  # type: ignore[no-untyped-def]
    from stdkg.publish.model import BadBase

    with pytest.raises(BadBase) as caught:
        Site(fixture_kg, "ftp://example.org/")
    assert caught.value.base == "ftp://example.org/" and "http(s)" in caught.value.problem
    assert "--" not in str(caught.value)  # the library names no command-line option


def test_cli_linkcheck_bad_base(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["--kg", str(FIXTURE), "linkcheck", "http://127.0.0.1:9/", "--base-uri", "x"])
    assert result.exit_code == 2
    assert "--base-uri 'x': need an absolute http(s) IRI" in result.stderr


# -- output structure -----------------------------------------------------------------------------


def test_every_resource_has_five_documents(out: Path, site: Site) -> None:
    assert len(site.pages) > 20
    for path in site.pages:
        for suffix in ("html", "ttl", "nt", "jsonld", "rdf"):
            assert (out / f"{path}.{suffix}").is_file(), f"{path}.{suffix}"


def test_site_files(out: Path) -> None:
    for rel in [
        "index.html",
        "style.css",
        "robots.txt",
        "sitemap.xml",
        "diagram.svg",
        ".htaccess",
        "nginx.conf",
        ".well-known/void",
        "void.ttl",
        "void.html",
        "ns.html",
        "ns.ttl",
        "ns.jsonld",
        "ns.rdf",
        "ns.nt",
        "dumps/stdkg.nt.gz",
        "dumps/stdkg.nq.gz",
        "dumps/stdkg.ttl",
        "dumps/stdkg.jsonld",
    ]:
        assert (out / rel).is_file(), rel
    for name in [
        "bodies",
        "people",
        "posts",
        "statements",
        "commitments",
        "quotations",
        "events",
        "concepts",
    ]:
        assert (out / "index" / f"{name}.html").is_file(), name
    assert not list(out.parent.glob(".site.*")), "no staging folder left behind"


def test_rdf_documents_parse_and_describe_the_resource(out: Path, site: Site) -> None:
    formats = {
        "ttl": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdf": ox.RdfFormat.RDF_XML,
    }
    iri = BASE + "id/org/iso"
    for suffix, fmt in formats.items():
        triples = [q.triple for q in ox.parse(path=str(out / f"id/org/iso.{suffix}"), format=fmt)]
        subjects = {t.subject.value for t in triples}
        assert iri in subjects, suffix
        assert (
            ox.Triple(
                ox.NamedNode(iri),
                ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
                ox.NamedNode("http://www.wikidata.org/entity/Q15028"),
            )
            in triples
        )


def test_dumps_hold_the_rebased_graph(out: Path, site: Site) -> None:
    nt = gzip.decompress((out / "dumps/stdkg.nt.gz").read_bytes())
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == site.stats.triples
    nq = gzip.decompress((out / "dumps/stdkg.nq.gz").read_bytes())
    graphs = {q.graph_name.value for q in ox.parse(nq, format=ox.RdfFormat.N_QUADS)}
    assert graphs and all(g.startswith(("file:", BASE + "graph/")) for g in graphs)
    assert b"<https://w3id.org/stdkg/id/" not in nt and b"<https://w3id.org/stdkg/ns#" in nt


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self.scripts: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        self.links.append((tag, d))
        if tag == "title":
            self._in_title = True
        if tag == "script" and d.get("type") == "application/ld+json":
            self._script = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._script is not None:
            self._script += data


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def assert_internal_links_resolve(out: Path) -> int:
    """Every href/src inside the site points to a file that was written; returns how many were checked."""
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    checked = 0
    for page in pages:
        base = page.relative_to(out).as_posix()
        for tag, attrs in _parse(page).links:
            href = attrs.get("href") or (attrs.get("src") if tag in ("img", "script") else None)
            if not href:
                continue
            absolute = urljoin("http://site.invalid/" + base, href)
            parts = urlsplit(absolute)
            if parts.netloc != "site.invalid":
                continue
            rel = parts.path.lstrip("/") or "index.html"
            if rel.endswith("/"):
                rel += "index.html"
            assert (out / rel).is_file(), f"{base}: {href} -> {rel} missing"
            checked += 1
    return checked


def test_every_internal_href_resolves_to_a_written_file(out: Path) -> None:
    assert assert_internal_links_resolve(out) > 500


def test_bundled_static_site_links_resolve(bundled_kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bundled"
    report = publish(bundled_kg, target, base_uri=BASE, workers=1)
    assert report.pages > 100
    assert assert_internal_links_resolve(target) > 2000


def test_resource_page_content(out: Path) -> None:
    page = out / "id/statement/seoul-statement-2025/commitment/1.html"
    html = page.read_text(encoding="utf-8")
    parsed = _parse(page)
    assert parsed.title.startswith("Commitment 1 ·")
    # labels rather than IRIs; provenance with the span in context; language tags
    assert ">ISO</a>" in html and ">ITU</a>" in html
    assert '<span class="ctx">They agreed to: </span><mark>Work together on AI standards.</mark>' in html
    assert 'href="https://www.example.org/news/pr-1.html"' in html
    assert "characters 100–131" in html
    # canonical, alternates, license
    links = {(a.get("rel"), a.get("type")): a.get("href") for t, a in parsed.links if t == "link"}
    assert links[("canonical", None)] == BASE + "id/statement/seoul-statement-2025/commitment/1.html"
    assert links[("alternate", "text/turtle")] == "1.ttl"
    assert links[("alternate", "application/ld+json")] == "1.jsonld"
    assert links[("alternate", "application/rdf+xml")] == "1.rdf"
    assert links[("alternate", "application/n-triples")] == "1.nt"
    assert "creativecommons.org/licenses/by/4.0/" in html
    # embedded JSON-LD is the resource's description
    (script,) = parsed.scripts
    data = json.loads(script)
    ids = {node["@id"] for node in data}
    assert BASE + "id/statement/seoul-statement-2025/commitment/1" in ids
    # the picture sits on the commitment's page too, this commitment highlighted
    assert "<svg" in html and "Who committed to what" in html


def test_escaping(out: Path) -> None:
    html = (out / "id/statement/seoul-statement-2025/commitment/2.html").read_text(encoding="utf-8")
    assert "Respect human rights &lt;always&gt; &amp; everywhere." in html
    assert "<always>" not in html


def test_language_tagged_labels(out: Path) -> None:
    html = (out / "id/org/iso.html").read_text(encoding="utf-8")
    assert '<span lang="fr">Organisation internationale de normalisation</span>' in html
    assert '<span class="lang">fr</span>' in html


def test_incoming_links(out: Path) -> None:
    html = (out / "id/person/sung-hwan-cho.html").read_text(encoding="utf-8")
    assert "Referenced by" in html
    assert "Sung Hwan Cho as President of ISO" in html


def test_index_pages(out: Path) -> None:
    commitments = (out / "index/commitments.html").read_text(encoding="utf-8")
    assert commitments.index("Commitment 1") < commitments.index("Commitment 2")
    bodies = (out / "index/bodies.html").read_text(encoding="utf-8")
    assert all(name in bodies for name in (">ISO<", ">ITU<", ">TSB<"))
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Linked open data about international standards bodies" in home
    assert 'href="index/commitments.html"' in home
    assert "<svg" in home


def test_ontology_documentation(out: Path) -> None:
    html = (out / "ns.html").read_text(encoding="utf-8")
    for anchor in ("Commitment", "JointStatement", "committedBy", "post"):
        assert f'id="{anchor}"' in html
    assert "Relates a commitment to an agent that undertakes it." in html
    assert "2 instances" in html  # two commitments in the fixture
    assert "Reused terms" in html and "org:Membership" in html
    triples = list(ox.parse(path=str(out / "ns.ttl"), format=ox.RdfFormat.TURTLE))
    assert ox.NamedNode("https://w3id.org/stdkg/ns#Commitment") in {t.subject for t in triples}


def test_void_and_dcat(out: Path, site: Site) -> None:
    triples = [q.triple for q in ox.parse(path=str(out / "void.ttl"), format=ox.RdfFormat.TURTLE)]
    well_known = [q.triple for q in ox.parse(path=str(out / ".well-known/void"), format=ox.RdfFormat.TURTLE)]
    assert set(triples) == set(well_known)
    ds = ox.NamedNode(BASE + "void#dataset")
    po = {(t.predicate.value, t.object.value) for t in triples if t.subject == ds}
    types = {o for p, o in po if p.endswith("#type")}
    assert {"http://rdfs.org/ns/void#Dataset", "http://www.w3.org/ns/dcat#Dataset"} <= types
    assert ("http://rdfs.org/ns/void#triples", str(site.stats.triples)) in po
    assert ("http://purl.org/dc/terms/license", "https://creativecommons.org/licenses/by/4.0/") in po
    preds = {p for p, _ in po}
    for p in [
        "http://rdfs.org/ns/void#entities",
        "http://rdfs.org/ns/void#classes",
        "http://rdfs.org/ns/void#properties",
        "http://rdfs.org/ns/void#dataDump",
        "http://www.w3.org/ns/dcat#distribution",
        "http://www.w3.org/ns/dcat#version",
        "http://purl.org/dc/terms/publisher",
    ]:
        assert p in preds, p
    downloads = {
        t.object.value for t in triples if t.predicate.value == "http://www.w3.org/ns/dcat#downloadURL"
    }
    assert BASE + "dumps/stdkg.nq.gz" in downloads


def test_sparql_endpoint_advertised_when_given(fixture_kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stdkg.publish.model import SiteOptions

    s = Site(fixture_kg, BASE, SiteOptions(sparql=BASE + "sparql"))
    body = s.document("void.ttl")
    assert body is not None
    triples = list(ox.parse(body.body, format=ox.RdfFormat.TURTLE))
    assert ox.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint") in {t.predicate for t in triples}
    assert ox.NamedNode("http://www.w3.org/ns/dcat#DataService") in {t.object for t in triples}


def test_sitemap_and_robots(out: Path, site: Site) -> None:
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert BASE + "id/org/iso.html" in locs
    assert len(locs) >= len(site.pages)
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_conneg_rules(out: Path) -> None:
    htaccess = (out / ".htaccess").read_text(encoding="utf-8")
    assert "R=303" in htaccess and "text/turtle" in htaccess and "Vary Accept" in htaccess
    assert "AddType application/ld+json .jsonld" in htaccess
    nginx = (out / "nginx.conf").read_text(encoding="utf-8")
    assert "return 303 $uri.$stdkg_ext;" in nginx and "add_header Vary Accept" in nginx
    assert '"~*application/rdf\\+xml"     rdf;' in nginx


def test_diagram_is_deterministic_and_shows_who_committed(fixture_kg) -> None:  # type: ignore[no-untyped-def]
    a = Site(fixture_kg, BASE).document("diagram.svg").body.decode()  # type: ignore[union-attr]
    b = Site(fixture_kg, BASE).document("diagram.svg").body.decode()  # type: ignore[union-attr]
    assert a == b
    for text in (
        ">ISO<",
        ">ITU<",
        "Sung Hwan Cho",
        "Seizo Onoe",
        "1. Work together on AI standards.",
        "Seoul Statement",
    ):
        assert text in a, text
    assert a.count("<path") == 2 + 3 + 2  # holds (Cho→ISO, Onoe→ITU via TSB), committed by, part of


def test_publish_replaces_output_atomically(fixture_kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "site"
    target.mkdir()
    (target / "stale.html").write_text("old")
    publish(fixture_kg, target, base_uri=BASE, workers=1)
    assert not (target / "stale.html").exists()
    assert (target / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_with_forked_writers_writes_the_same_files(fixture_kg, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import stdkg.publish.static as static_mod

    one = tmp_path / "one"
    two = tmp_path / "two"
    publish(fixture_kg, one, base_uri=BASE, workers=1)
    monkeypatch.setattr(static_mod, "_MIN_PAGES_PER_JOB", 1)
    publish(fixture_kg, two, base_uri=BASE, workers=2)
    files_one = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    assert files_one == files_two
    assert (one / "id/org/iso.ttl").read_bytes() == (two / "id/org/iso.ttl").read_bytes()


def test_cli_publish(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out"
    result = runner.invoke(
        cli, ["--kg", str(FIXTURE), "publish", "--base-uri", BASE, "--out", str(target), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "resource pages" in result.stderr
    assert (target / "id/org/iso.html").is_file()


def test_cli_publish_bad_base(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        cli, ["--kg", str(FIXTURE), "publish", "--base-uri", "nope", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "--base-uri" in result.stderr
    assert not (tmp_path / "o").exists()


def test_bundled_graph_publishes(bundled_kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = Site(bundled_kg, BASE)
    statement = next(p for p in site.pages if site.ns + "JointStatement" in site.types.get(BASE + p, ()))
    doc = site.document(statement + ".html")
    assert doc is not None
    html = doc.body.decode()
    assert "<svg" in html and "<mark>" in html
    assert site.index_members["commitments"] and site.index_members["bodies"]


# -- SPARQL static checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", None),
        ("PREFIX ex: <http://x/> SELECT ?add ?service WHERE { ?add ex:service ?service }", None),
        ('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE in a comment', None),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400),
        ("select * where { service silent <http://x/> { ?s ?p ?o } }", 400),
        ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", 403),
        ("PREFIX ex: <http://x/>\nDELETE WHERE { ?s ex:p ?o }", 403),
        ("LOAD <http://example.org/data.ttl>", 403),
        ("CLEAR ALL", 403),
    ],
)
def test_check_query(query: str, status: int | None) -> None:
    refused = check_query(query)
    assert (refused.status if refused else None) == status
