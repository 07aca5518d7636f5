"""Literals as written: the dumps, the rdflib view and the source graphs keep each term's spelling;
the store (which keeps values) is the one place a literal is respelled, and it says which."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg import kg as kgmod
from stdkg.cli import cli
from stdkg.formats import RdfFormat

XSD = "http://www.w3.org/2001/XMLSchema#"

#: (datatype, a spelling as a user may write it, how the store keeps it or None when unchanged)
CASES = [
    ("int", "3", '"3"^^<{xsd}integer>'),
    ("integer", "+05", '"5"^^<{xsd}integer>'),
    ("decimal", "30.0", '"30"^^<{xsd}decimal>'),
    ("double", "4.0E0", '"4"^^<{xsd}double>'),
    ("float", "1.50", '"1.5"^^<{xsd}float>'),
    ("boolean", "1", '"true"^^<{xsd}boolean>'),
    ("byte", "300", '"300"^^<{xsd}integer>'),  # not a byte at all: still respelled as an integer
    ("short", "01", '"1"^^<{xsd}integer>'),
    ("long", "7", '"7"^^<{xsd}integer>'),
    ("nonNegativeInteger", "4", '"4"^^<{xsd}integer>'),
    ("positiveInteger", "4", '"4"^^<{xsd}integer>'),
    ("nonPositiveInteger", "-4", '"-4"^^<{xsd}integer>'),
    ("negativeInteger", "-4", '"-4"^^<{xsd}integer>'),
    ("unsignedInt", "4", '"4"^^<{xsd}integer>'),
    ("unsignedLong", "4", '"4"^^<{xsd}integer>'),
    ("date", "2025-12-02", None),
    ("dateTime", "2025-12-02T10:00:00.000+00:00", '"2025-12-02T10:00:00Z"^^<{xsd}dateTime>'),
    ("time", "10:00:00.0", '"10:00:00"^^<{xsd}time>'),
    ("gYear", "2025", None),
    ("gYearMonth", "2025-12", None),
    ("duration", "P1Y0M", '"P1Y"^^<{xsd}duration>'),
    ("anyURI", "http://example.org/", None),
    ("string", "abc", None),
]


def _written(datatype: str, lexical: str) -> str:
    """The N-Triples term (an ``xsd:string`` literal is written plain: RDF 1.1, the same term)."""
    if datatype == "string":
        return f'"{lexical}"'
    return f'"{lexical}"^^<{XSD}{datatype}>'


def _graph(tmp_path: Path) -> Path:
    lines = ["@prefix ex: <http://example.org/> ."]
    for i, (datatype, lexical, _) in enumerate(CASES):
        lines.append(f"ex:s{i} ex:value {_written(datatype, lexical)} .")
    lines.append('ex:t ex:label "tagged"@en ; ex:part [ ex:value "2"^^<' + XSD + "int> ] .")
    path = tmp_path / "literals.ttl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    return _graph(tmp_path)


@pytest.mark.parametrize(("datatype", "lexical", "stored"), CASES, ids=[c[0] for c in CASES])
def test_every_reader_of_the_files_sees_the_literal_as_written(
    graph: Path, datatype: str, lexical: str, stored: str | None
) -> None:
    written = _written(datatype, lexical)
    kg = kgmod.load([graph])
    assert written in kg.union_ntriples()[0].decode()
    assert written in kg.serialize(RdfFormat.N_TRIPLES).decode()
    assert written in kg.serialize(RdfFormat.N_QUADS).decode()
    assert written in kg.source_ntriples(kg.sources[0].graph).decode()
    # rdflib keeps the datatype; it writes a valid value's lexical form canonically itself
    # (rdflib.NORMALIZE_LITERALS), which is why only the datatype and the value are compared here
    import rdflib

    expected = rdflib.Literal(lexical, datatype=None if datatype == "string" else XSD + datatype)
    same = [
        o
        for o in kg.rdflib_graph.objects()
        if isinstance(o, rdflib.Literal) and o.datatype == expected.datatype and o.eq(expected)
    ]
    assert same, written
    # the file has a blank node, which used to send export through the store
    result = CliRunner().invoke(cli, ["-q", "--kg", str(graph), "export", "-f", "nt"])
    assert result.exit_code == 0, result.output
    assert written in result.stdout
    for fmt in ("ttl", "xml"):
        text = CliRunner().invoke(cli, ["-q", "--kg", str(graph), "export", "-f", fmt]).stdout
        reparsed = kgmod.load([_save(graph.parent / f"again.{fmt}", text)])
        assert written in reparsed.union_ntriples()[0].decode(), fmt


@pytest.mark.parametrize(("datatype", "lexical", "stored"), CASES, ids=[c[0] for c in CASES])
def test_the_store_says_which_literals_it_respells(
    graph: Path, datatype: str, lexical: str, stored: str | None
) -> None:
    kg = kgmod.load([graph])
    respelled = kg.respelled_literals()
    written = _written(datatype, lexical)
    if stored is None:
        assert written not in respelled
    else:
        assert respelled[written] == stored.format(xsd=XSD)


def test_respelled_literals_is_empty_for_the_bundled_graph(bundled_kg: kgmod.KG) -> None:
    assert bundled_kg.respelled_literals() == {}


def test_language_tags_and_xsd_string_follow_rdf_term_equality(tmp_path: Path) -> None:
    """The parser itself reads ``@EN-GB`` as ``@en-gb`` and ``"a"^^xsd:string`` as ``"a"`` (RDF 1.1:
    the same term), so these are not respellings."""
    path = tmp_path / "tags.ttl"
    path.write_text(f'<http://example.org/a> <http://example.org/p> "x"@EN-GB, "y"^^<{XSD}string> .\n')
    kg = kgmod.load([path])
    assert kg.serialize(RdfFormat.N_TRIPLES).decode().split("\n")[:2] == [
        '<http://example.org/a> <http://example.org/p> "x"@en-gb .',
        '<http://example.org/a> <http://example.org/p> "y" .',
    ]
    assert kg.respelled_literals() == {}


def _save(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
