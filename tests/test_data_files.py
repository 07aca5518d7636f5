"""The bundled Turtle files themselves: they parse alike everywhere, read well, and hold evidence
that matches the press-release text.

* every ``.ttl`` file in ``ontology/``, ``data/`` and ``shapes/`` parses on its own with rdflib and
  with pyoxigraph, and ``rapper`` (raptor2) reports the same triple count;
* every file opens with a comment header and declares its prefixes before its first statement;
* ``data/`` has no blank nodes, readable slug IRIs, and no triple stated in two files;
* every evidence span's selectors agree with the press-release text, and every text with evidence
  equals the exact text of its span.
"""

from __future__ import annotations

import re
import subprocess
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import stdkg
from stdkg.quotes import check_span
from tests.conftest import require_tool

if TYPE_CHECKING:
    import rdflib

ROOT = stdkg.Layout.bundled().root
FOLDERS = ("ontology", "data", "shapes")
TURTLE_FILES = sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.ttl"))
DATA_FILES = sorted((ROOT / "data").rglob("*.ttl"))
ID_BASE = "https://w3id.org/stdkg/id/"
SLUG = re.compile(r"[a-z0-9-]+")
RELEASE = ID_BASE + "source/prnewswire-302629226"


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def parse_rdflib(path: Path) -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


def parse_oxigraph(path: Path) -> list[Any]:
    import pyoxigraph as ox

    return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))


def test_there_are_files_to_check() -> None:
    assert {rel(p).split("/")[0] for p in TURTLE_FILES} == set(FOLDERS)
    assert len(DATA_FILES) >= 5


# -- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TURTLE_FILES, ids=rel)
def test_file_parses_alike_with_rdflib_and_pyoxigraph(path: Path) -> None:
    graph = parse_rdflib(path)
    triples = parse_oxigraph(path)
    assert len(graph) > 0
    assert len(triples) == len(set(triples)), "the file states a triple twice"
    assert len(set(triples)) == len(graph)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=rel)
def test_rapper_agrees_on_the_triple_count(path: Path) -> None:
    rapper = require_tool("rapper", "raptor2-utils cross-checks the Turtle parsers")
    done = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    match = re.search(r"rapper: Parsing returned (\d+) triples?", done.stderr)
    assert match, done.stderr
    assert int(match.group(1)) == len(parse_rdflib(path))


# -- layout of the files ----------------------------------------------------------------------

PREFIX_LINE = re.compile(r"^\s*(@prefix|PREFIX)\s", re.IGNORECASE)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=rel)
def test_file_starts_with_a_comment_header(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 10, f"first line is {first!r}"


@pytest.mark.parametrize("path", TURTLE_FILES, ids=rel)
def test_prefixes_come_before_any_triple(path: Path) -> None:
    seen_statement = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if PREFIX_LINE.match(line):
            assert not seen_statement, (
                f"line {number}: prefix declared after the statement on line {seen_statement}"
            )
        elif not seen_statement:
            seen_statement = number
    assert seen_statement, "no statement"


# -- data/ ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES, ids=rel)
def test_data_has_no_blank_nodes(path: Path) -> None:
    import rdflib

    blank = [t for t in parse_rdflib(path) if any(isinstance(term, rdflib.BNode) for term in t)]
    assert not blank, f"{len(blank)} triples with blank nodes, e.g. {blank[0]}"


@pytest.mark.parametrize("path", DATA_FILES, ids=rel)
def test_data_iris_are_readable_slugs(path: Path) -> None:
    import rdflib

    ours = {str(term) for t in parse_rdflib(path) for term in t if isinstance(term, rdflib.URIRef)}
    ours = {iri for iri in ours if iri.startswith(ID_BASE)}
    bad = sorted(
        iri for iri in ours if not all(SLUG.fullmatch(seg) for seg in iri[len(ID_BASE) :].split("/"))
    )
    assert ours, "no stdkg IRIs"
    assert not bad


def test_no_triple_is_stated_in_two_data_files() -> None:
    triples = {path: set(parse_rdflib(path)) for path in DATA_FILES}
    clashes = {
        (rel(a), rel(b)): sorted(str(t) for t in triples[a] & triples[b])[:3]
        for a, b in combinations(DATA_FILES, 2)
        if triples[a] & triples[b]
    }
    assert not clashes


# -- evidence spans against the source text ---------------------------------------------------

SPANS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?span ?source ?exact ?prefix ?suffix ?start ?end WHERE {
    ?span a oa:SpecificResource ; oa:hasSource ?source ;
        oa:hasSelector ?quote , ?position .
    ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
    ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    OPTIONAL { ?quote oa:prefix ?prefix }
    OPTIONAL { ?quote oa:suffix ?suffix }
}"""

TEXTS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
SELECT ?node ?text ?exact WHERE {
    ?node stdkg:textEvidence ?span .
    OPTIONAL { ?node schema:text ?text }
    OPTIONAL { ?span oa:hasSelector/oa:exact ?exact }
}"""


def value(term: Any) -> str:
    return "" if term is None else str(term.value)


def test_every_span_matches_the_press_release(bundled_kg: stdkg.KG, press_release_text: str) -> None:
    rows = list(bundled_kg.query(SPANS))
    spans = {value(r["span"]) for r in rows}
    assert len(rows) == len(spans), "a span with more than one quote or position selector"
    assert len(rows) >= 10
    others = sorted(value(r["span"]) for r in rows if value(r["source"]) != RELEASE)
    assert not others, "spans in a source whose text the tests do not have"
    problems = {
        value(r["span"]): check_span(
            press_release_text,
            value(r["exact"]),
            int(value(r["start"])),
            int(value(r["end"])),
            value(r["prefix"]),
            value(r["suffix"]),
        )
        for r in rows
    }
    assert {span: p for span, p in problems.items() if p} == {}


def test_every_evidenced_text_equals_its_span(bundled_kg: stdkg.KG) -> None:
    rows = list(bundled_kg.query(TEXTS))
    assert len(rows) >= 10
    missing = sorted(value(r["node"]) for r in rows if r["text"] is None or r["exact"] is None)
    differ = sorted(value(r["node"]) for r in rows if value(r["text"]) != value(r["exact"]))
    assert (missing, differ) == ([], [])


def test_every_commitment_and_quotation_text_has_evidence(bundled_kg: stdkg.KG) -> None:
    rows = bundled_kg.query(
        """PREFIX schema: <https://schema.org/>
        PREFIX stdkg: <https://w3id.org/stdkg/ns#>
        SELECT ?node WHERE {
            ?node schema:text ?text .
            { ?node a stdkg:Commitment } UNION { ?node a schema:Quotation }
            FILTER NOT EXISTS { ?node stdkg:textEvidence ?span }
        }"""
    )
    assert [value(r["node"]) for r in rows] == []
