"""``stdkg export``: round trips in every format, determinism, prefixes, JSON-LD context."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from stdkg import kg as kgmod
from stdkg.cli import cli
from stdkg.export import export
from stdkg.formats import RdfFormat
from stdkg.rdf.ntriples import canonical_ntriples, sort_ntriples
from stdkg.rdf.serialize import load_context

FIX = Path(__file__).resolve().parent / "fixtures" / "cli"
TRICKY = FIX / "tricky.ttl"
ROOT = Path(__file__).resolve().parents[1]


def canonical_union(kg: kgmod.KG) -> bytes:
    nt = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return canonical_ntriples(nt)


def canonical_of(data: bytes, fmt: RdfFormat) -> bytes:
    """The canonical N-Triples of a dump (dataset formats: the union of their graphs)."""
    quads = ox.parse(data, format=fmt.to_oxigraph())
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return canonical_ntriples(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")


def quads_of(data: bytes, fmt: RdfFormat) -> bytes:
    nq = ox.serialize(ox.parse(data, format=fmt.to_oxigraph()), format=ox.RdfFormat.N_QUADS) or b""
    ds = ox.Dataset(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sort_ntriples(ox.serialize(ds, format=ox.RdfFormat.N_QUADS) or b"")


@pytest.fixture(scope="module")
def tricky_kg() -> kgmod.KG:
    return kgmod.load([TRICKY])


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.short)
def test_round_trip_tricky(tricky_kg: kgmod.KG, fmt: RdfFormat) -> None:
    data = export(tricky_kg, fmt)
    assert canonical_of(data, fmt) == canonical_union(tricky_kg)


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.short)
def test_round_trip_bundled(bundled_kg: kgmod.KG, fmt: RdfFormat) -> None:
    data = export(bundled_kg, fmt)
    assert canonical_of(data, fmt) == canonical_union(bundled_kg)


@pytest.mark.parametrize("fmt", [RdfFormat.N_QUADS, RdfFormat.TRIG], ids=lambda f: f.short)
def test_dataset_formats_keep_source_graphs(bundled_kg: kgmod.KG, fmt: RdfFormat) -> None:
    data = export(bundled_kg, fmt)
    expected = quads_of(bundled_kg.serialize(RdfFormat.N_QUADS), RdfFormat.N_QUADS)
    assert quads_of(data, fmt) == expected
    graphs = {q.graph_name.value for q in ox.parse(data, format=fmt.to_oxigraph())}
    assert graphs == set(bundled_kg.graph_names)
    assert "https://w3id.org/stdkg/graph/data/organizations" in graphs


def test_rdflib_agrees_the_turtle_is_isomorphic(tricky_kg: kgmod.KG) -> None:
    import rdflib
    from rdflib.compare import isomorphic

    exported = rdflib.Graph().parse(data=export(tricky_kg, RdfFormat.TURTLE).decode(), format="turtle")
    source = rdflib.Graph().parse(data=canonical_union(tricky_kg).decode(), format="nt")
    assert len(exported) == len(source) == 21
    assert isomorphic(exported, source)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_is_compacted_with_the_shipped_context(tricky_kg: kgmod.KG) -> None:
    import rdflib
    from rdflib.compare import isomorphic

    data = export(tricky_kg, RdfFormat.JSON_LD)
    doc = json.loads(data)
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text())["@context"]
    assert doc["@context"] == shipped == load_context()
    assert '"rdfs:label"' in data.decode() and '"schema:text"' in data.decode()
    parsed = rdflib.Graph().parse(data=data.decode(), format="json-ld")
    source = rdflib.Graph().parse(data=canonical_union(tricky_kg).decode(), format="nt")
    assert isomorphic(parsed, source)


def test_context_declares_every_project_prefix() -> None:
    ctx = load_context()
    assert ctx == dict(sorted(kgmod.PREFIXES.items()))


def _shuffled_copy(src: Path, dest_root: Path) -> Path:
    """The same graph as N-Triples, lines shuffled and blank nodes renamed."""
    lines = [
        line.replace("_:", "_:renamed")
        for line in (ox.serialize(ox.parse(path=str(src)), format=ox.RdfFormat.N_TRIPLES) or b"")
        .decode()
        .splitlines()
    ]
    random.Random(7).shuffle(lines)
    out = dest_root / (src.stem + ".nt")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=lambda f: f.short)
def test_deterministic_across_runs_and_input_order(tmp_path: Path, fmt: RdfFormat) -> None:
    a_root, b_root = tmp_path / "a", tmp_path / "b"
    a_root.mkdir()
    b_root.mkdir()
    original = a_root / "tricky.nt"
    original.write_bytes(ox.serialize(ox.parse(path=str(TRICKY)), format=ox.RdfFormat.N_TRIPLES) or b"")
    shuffled = _shuffled_copy(TRICKY, b_root)
    first = export(kgmod.load([original], layout=kgmod.Layout(a_root)), fmt)
    again = export(kgmod.load([original], layout=kgmod.Layout(a_root)), fmt)
    other = export(kgmod.load([shuffled], layout=kgmod.Layout(b_root)), fmt)
    assert first == again == other


def test_bundled_export_is_deterministic(bundled_kg: kgmod.KG) -> None:
    fresh = kgmod.load()
    for fmt in (RdfFormat.TURTLE, RdfFormat.TRIG):
        assert export(bundled_kg, fmt) == export(fresh, fmt)


EXPECTED_TTL = """\
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix person: <https://w3id.org/stdkg/id/person/> .
@prefix post: <https://w3id.org/stdkg/id/post/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix stdorg: <https://w3id.org/stdkg/id/org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

stdorg:iec a org:FormalOrganization , schema:Organization ;
\trdfs:label "IEC"@en ;
\tskos:prefLabel "International Electrotechnical Commission"@en ;
\tschema:foundingDate "1906-06-26"^^xsd:date .
stdorg:iso a org:FormalOrganization , schema:Organization ;
\trdfs:label "ISO"@en ;
\tskos:prefLabel "International Organization for Standardization"@en , "Organisation internationale de normalisation"@fr ;
\tschema:foundingDate "1947-02-23"^^xsd:date .
stdorg:itu a org:FormalOrganization , schema:Organization ;
\trdfs:label "ITU"@en ;
\tskos:prefLabel "International Telecommunication Union"@en ;
\tschema:foundingDate "1865-05-17"^^xsd:date .
stdorg:itu-t a org:OrganizationalUnit ;
\trdfs:label "ITU-T"@en ;
\torg:subOrganizationOf stdorg:itu .
person:ada-example a foaf:Person ;
\trdfs:label "Ada Example"@en ;
\tfoaf:name "Ada Example" .
person:bo-example a foaf:Person ;
\trdfs:label "Bo Example"@en ;
\tfoaf:name "Bo Example" .
post:iso-secretary-general a org:Post ;
\trdfs:label "ISO Secretary-General"@en ;
\torg:heldBy person:ada-example ;
\torg:postIn stdorg:iso .
"""


def test_cli_export_turtle_exact(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-q", "--kg", str(FIX / "kg"), "export"])
    assert result.exit_code == 0
    assert result.stdout_bytes.decode() == EXPECTED_TTL


def test_cli_export_nquads_to_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "kg.nq"
    result = runner.invoke(cli, ["--kg", str(FIX / "kg"), "export", "-f", "nq", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {out} ({out.stat().st_size:,} bytes)\n"
    lines = out.read_text().splitlines()
    assert len(lines) == 29
    assert lines[0] == (
        "<https://w3id.org/stdkg/id/org/iec> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#FormalOrganization> "
        "<https://w3id.org/stdkg/graph/tests/fixtures/cli/kg/organizations> ."
    )
    assert lines[-1].endswith("<https://w3id.org/stdkg/graph/tests/fixtures/cli/kg/people> .")


def test_cli_export_unwritable_output(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    out = blocker / "kg.ttl"
    result = runner.invoke(cli, ["--kg", str(FIX / "kg"), "export", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"stdkg: error: cannot write {out}")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == [blocker]


def test_cli_export_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    result = runner.invoke(cli, ["--kg", str(bad), "export"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"stdkg: error: {bad}:2:")


@pytest.mark.slow
def test_inferred_export_adds_the_closure(bundled_kg: kgmod.KG) -> None:
    plain = canonical_of(export(bundled_kg, RdfFormat.N_TRIPLES), RdfFormat.N_TRIPLES)
    inferred = export(bundled_kg, RdfFormat.N_TRIPLES, inferred=True)
    lines = set(inferred.splitlines())
    assert set(plain.splitlines()) < lines
    trig = export(bundled_kg, RdfFormat.TRIG, inferred=True)
    graphs = {q.graph_name.value for q in ox.parse(trig, format=ox.RdfFormat.TRIG)}
    assert "https://w3id.org/stdkg/graph/inferred" in graphs
