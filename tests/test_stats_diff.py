"""``stdkg stats`` (table, VoID, JSON) and ``stdkg diff``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from stdkg import kg as kgmod
from stdkg.cli import cli
from stdkg.diff import diff
from stdkg.stats import compute_stats, void_graph

FIX = Path(__file__).resolve().parent / "fixtures" / "cli"
A = str(FIX / "diff" / "a.ttl")
B = str(FIX / "diff" / "b.ttl")
VOID = "http://rdfs.org/ns/void#"
GRAPH = "https://w3id.org/stdkg/graph/tests/fixtures/cli/kg/"


@pytest.fixture(scope="module")
def small_kg() -> kgmod.KG:
    return kgmod.load([FIX / "kg"])


# -- stats ----------------------------------------------------------------------------------------


def test_compute_stats(small_kg: kgmod.KG) -> None:
    s = compute_stats(small_kg)
    assert (s.triples, s.entities, s.distinct_subjects, s.distinct_objects) == (29, 7, 7, 24)
    assert (s.distinct_classes, s.distinct_properties) == (5, 8)
    assert s.classes[0] == ("http://www.w3.org/ns/org#FormalOrganization", 3)
    assert dict(s.properties)["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"] == 10
    assert [(g.graph, g.triples) for g in s.graphs] == [
        (GRAPH + "organizations", 19),
        (GRAPH + "people", 10),
    ]
    assert sum(g.triples for g in s.graphs) == s.triples  # no triple in two files here
    assert "http://www.w3.org/ns/org#" in s.vocabularies


def test_stats_count_blank_nodes_as_subjects_not_entities() -> None:
    s = compute_stats(kgmod.load([FIX / "tricky.ttl"]))
    assert (s.triples, s.entities, s.distinct_subjects) == (21, 1, 6)


STATS_TABLE = f"""\
triples                  29
entities (IRI subjects)   7
distinct subjects         7
distinct objects         24
classes                   5
properties                8
source graphs             2

instances per class
  org:FormalOrganization  3
  schema:Organization     3
  foaf:Person             2
  org:OrganizationalUnit  1
  org:Post                1

triples per property
  rdf:type               10
  rdfs:label              7
  skos:prefLabel          4
  schema:foundingDate     3
  foaf:name               2
  org:heldBy              1
  org:postIn              1
  org:subOrganizationOf   1

triples per source graph
  <{GRAPH}organizations>  19
  <{GRAPH}people>         10
"""


def test_cli_stats_table(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(FIX / "kg"), "stats"])
    assert result.exit_code == 0
    assert result.stdout == STATS_TABLE


def test_cli_stats_json(runner: CliRunner) -> None:
    import json

    result = runner.invoke(cli, ["--kg", str(FIX / "kg"), "stats", "-f", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["triples"] == 29
    assert doc["graphs"] == {GRAPH + "organizations": 19, GRAPH + "people": 10}


def _value(store: ox.Store, s: str, p: str) -> str:
    values = [q.object.value for q in store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None)]
    assert len(values) == 1, values
    return values[0]


def test_void_graph(small_kg: kgmod.KG) -> None:
    ds = "https://example.org/void#dataset"
    text = void_graph(
        compute_stats(small_kg),
        dataset_iri=ds,
        title="Test",
        license="https://creativecommons.org/licenses/by/4.0/",
        dumps=["https://example.org/kg.ttl"],
        sparql_endpoint="https://example.org/sparql",
    )
    store = ox.Store()
    store.load(text.encode(), format=ox.RdfFormat.TURTLE)
    assert _value(store, ds, VOID + "triples") == "29"
    assert _value(store, ds, VOID + "entities") == "7"
    assert _value(store, ds, VOID + "classes") == "5"
    assert _value(store, ds, VOID + "properties") == "8"
    assert _value(store, ds, VOID + "distinctSubjects") == "7"
    assert _value(store, ds, VOID + "distinctObjects") == "24"
    assert _value(store, ds, VOID + "dataDump") == "https://example.org/kg.ttl"
    assert _value(store, ds, VOID + "sparqlEndpoint") == "https://example.org/sparql"
    part = "https://example.org/void#class-org-FormalOrganization"
    assert _value(store, part, VOID + "class") == "http://www.w3.org/ns/org#FormalOrganization"
    assert _value(store, part, VOID + "entities") == "3"
    prop = "https://example.org/void#property-rdf-type"
    assert _value(store, prop, VOID + "triples") == "10"
    subset = "https://example.org/void#graph-tests/fixtures/cli/kg/people"
    assert _value(store, subset, VOID + "triples") == "10"
    assert _value(store, subset, "http://purl.org/dc/terms/source") == GRAPH + "people"
    assert text.startswith("@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    # deterministic
    assert text == void_graph(
        compute_stats(kgmod.load([FIX / "kg"])),
        dataset_iri=ds,
        title="Test",
        license="https://creativecommons.org/licenses/by/4.0/",
        dumps=["https://example.org/kg.ttl"],
        sparql_endpoint="https://example.org/sparql",
    )


def test_cli_stats_void(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(FIX / "kg"), "stats", "-f", "void"])
    assert result.exit_code == 0
    store = ox.Store()
    store.load(result.stdout_bytes, format=ox.RdfFormat.TURTLE)
    ds = "https://w3id.org/stdkg/void#dataset"
    assert _value(store, ds, VOID + "triples") == "29"
    assert _value(store, ds, VOID + "uriSpace") == "https://w3id.org/stdkg/id/"
    assert _value(store, "https://w3id.org/stdkg/void#class-foaf-Person", VOID + "entities") == "2"


# -- diff -----------------------------------------------------------------------------------------------

DIFF_TEXT = """\
- stdorg:iec (IEC) rdf:type org:FormalOrganization
- stdorg:iec (IEC) rdfs:label "IEC"@en
+ stdorg:itu (ITU) rdf:type org:FormalOrganization
+ stdorg:itu (ITU) rdfs:label "ITU"@en
- stdorg:itu-t (ITU-T) org:unitOf stdorg:iso (ISO)
+ stdorg:itu-t (ITU-T) org:unitOf stdorg:itu (ITU)
"""


def test_cli_diff_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", A, B])
    assert result.exit_code == 1
    assert result.stdout == DIFF_TEXT
    assert result.stderr == "3 removed, 3 added\n"


def test_cli_diff_nt(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-q", "diff", "--format", "nt", B, A])
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "+ <https://w3id.org/stdkg/id/org/iec> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#FormalOrganization> ."
    )
    assert [line[0] for line in lines] == ["+", "+", "-", "-", "+", "-"]


def test_cli_diff_identical_graphs(runner: CliRunner, tmp_path: Path) -> None:
    # the same graph in another syntax, other blank-node labels, another file layout
    ttl = FIX / "tricky.ttl"
    copy = tmp_path / "copy.nt"
    nt = ox.serialize(ox.parse(path=str(ttl)), format=ox.RdfFormat.N_TRIPLES) or b""
    copy.write_bytes(b"\n".join(reversed(nt.replace(b"_:", b"_:x").splitlines())) + b"\n")
    result = runner.invoke(cli, ["diff", str(ttl), str(copy)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "0 removed, 0 added\n"


def test_diff_folder_against_file(tmp_path: Path) -> None:
    merged = tmp_path / "merged.ttl"
    merged.write_bytes(b"".join(p.read_bytes() for p in sorted((FIX / "kg").glob("*.ttl"))))
    result = diff(kgmod.load([FIX / "kg"]), kgmod.load([merged]))
    assert result.identical


def test_diff_labels_prefer_english() -> None:
    result = diff(kgmod.load([A]), kgmod.load([FIX / "kg"]))
    assert result.labels["<https://w3id.org/stdkg/id/org/iso>"] == "ISO"
    assert result.labels["<https://w3id.org/stdkg/id/person/bo-example>"] == "Bo Example"
    assert not result.identical


def test_cli_diff_missing_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", A, "no/such/file.ttl"])
    assert result.exit_code == 2
    assert result.stderr == "stdkg: error: no/such/file.ttl: no such file or folder\n"
