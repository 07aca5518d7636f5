"""``stdkg check`` on a small fixture tree (ontology/, data/, shapes/, a source text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import cli

from .conftest import require_tool

GOOD = Path(__file__).resolve().parent / "fixtures" / "check" / "good"

PARSE_OK = [
    "PASS  parse: 2 files, 49 distinct triples",
    "      ontology/onto.ttl: 29 triples",
    "      data/data.ttl: 20 triples",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the good fixture tree, used as the bundled layout ($STDKG_HOME)."""
    root = tmp_path / "kg"
    shutil.copytree(GOOD, root)
    monkeypatch.setenv("STDKG_HOME", str(root))
    return root


def run(runner: CliRunner, root: Path, *args: str, owl: bool = False) -> tuple[int, list[str], str]:
    """``stdkg check`` on the tree; the OWL check (a Java start-up) only when ``owl``."""
    skip = [] if owl else ["--skip", "owl-dl"]
    result = runner.invoke(cli, ["check", *skip, *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_everything_passes(runner: CliRunner, tree: Path) -> None:
    code, lines, err = run(runner, tree)
    assert (code, err) == (0, "")
    assert lines == [
        *PARSE_OK,
        "PASS  shacl: shapes/data.shapes.ttl: 0 violations, 0 warnings",
        "PASS  ontology-shapes: shapes/ontology.shapes.ttl: 0 violations, 0 warnings",
        "SKIP  owl-dl: skipped: not asked for",
        "PASS  terms: 19 classes and properties used, all declared",
        "PASS  provenance: every fact node has a recorded source",
        "PASS  claims: 0 claims state 0 triples",
        "PASS  sources: 1 snapshots match their recorded SHA-256",
        "PASS  evidence-text: 1 quotation and commitment texts equal their evidence",
        "PASS  source-spans: 1 evidence spans match their 1 source snapshot",
        "10 checks: 9 passed, 0 failed, 1 skipped",
    ]


def test_parse_error_is_a_failed_check_not_a_crash(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", "oa:start 13 ;", "oa:start 13 ;;; ]")
    code, lines, err = run(runner, tree)
    assert code == 1
    assert lines[0] == "FAIL  parse: 1 of 2 files do not parse"
    assert lines[1] == "      ontology/onto.ttl: 29 triples"
    assert lines[2] == "      data/data.ttl:31:21: ] is not a valid subject or graph name"
    assert lines[3:] == [
        "SKIP  shacl: skipped: the files do not parse",
        "SKIP  ontology-shapes: skipped: the files do not parse",
        "SKIP  owl-dl: skipped: not asked for",
        "SKIP  terms: skipped: the files do not parse",
        "SKIP  provenance: skipped: the files do not parse",
        "SKIP  claims: skipped: the files do not parse",
        "SKIP  sources: skipped: the files do not parse",
        "SKIP  evidence-text: skipped: the files do not parse",
        "SKIP  source-spans: skipped: the files do not parse",
        "10 checks: 0 passed, 1 failed, 9 skipped",
    ]
    assert err == "stdkg: check failed: parse\n"


def test_shacl_violation(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", 'schema:text "open standards for all"@en ;', "")
    code, lines, _ = run(runner, tree)
    assert code == 1
    assert lines[3:5] == [
        "FAIL  shacl: shapes/data.shapes.ttl: 1 violation, 0 warnings",
        "      Violation  Open standards <https://w3id.org/stdkg/id/commitment/open>  schema:text  "
        "A commitment needs its text.  (data/data.ttl:16)",
    ]


def test_ontology_shapes(runner: CliRunner, tree: Path) -> None:
    edit(tree / "ontology" / "onto.ttl", 'rdfs:label "text evidence"@en ;', "")
    code, lines, _ = run(runner, tree)
    assert code == 1
    assert "FAIL  ontology-shapes: shapes/ontology.shapes.ttl: 1 violation, 0 warnings" in lines
    assert (
        "      Violation  <https://w3id.org/stdkg/ns#textEvidence>  rdfs:label  "
        "Every term of ours needs a label.  (ontology/onto.ttl:11)"
    ) in lines


def test_undefined_term_is_reported_where_used(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", "    oa:end 35 .", "    oa:end 35 ;\n    schema:madeUp 1 .")
    code, lines, _ = run(runner, tree)
    assert code == 1
    assert "FAIL  terms: 1 undefined terms" in lines
    assert "      schema:madeUp is not declared in ontology/; used once (first at data/data.ttl:33)" in lines


def test_fact_node_without_provenance(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", "    prov:hadPrimarySource source:note .", "    .")
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  provenance: 1 fact nodes without provenance")
    assert lines[i + 1] == (
        "      ACME <https://w3id.org/stdkg/id/org/acme>: org:FormalOrganization that cites no source "
        "and has no claim about it  (data/data.ttl:12)"
    )


def test_text_differs_from_evidence(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", '"open standards for all"@en', '"open standards for everyone"@en')
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  evidence-text: 1 texts that do not match their evidence")
    assert lines[i + 1] == (
        "      Open standards <https://w3id.org/stdkg/id/commitment/open>: schema:text differs from "
        "the oa:exact of <https://w3id.org/stdkg/id/evidence/open>: 'open standards for everyone' "
        "vs 'open standards for all'  (data/data.ttl:16)"
    )


def test_span_that_does_not_match_the_source(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", "oa:start 13 ;", "oa:start 12 ;")
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  source-spans: 1 evidence spans that do not match their snapshot")
    assert lines[i + 1] == (
        "      <https://w3id.org/stdkg/id/evidence/open>: text at 12..35 is ' open standards for all', "
        "not 'open standards for all'; prefix 'commit to ' does not precede 12  (data/data.ttl:21)"
    )


def test_snapshot_missing_fails_the_sources_and_span_checks(runner: CliRunner, tree: Path) -> None:
    (tree / "sources" / "note.txt").unlink()
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  sources: 1 sources whose snapshot does not match")
    assert (
        lines[i + 1]
        == "      <https://w3id.org/stdkg/id/source/note>: snapshot sources/note.txt is missing  (data/data.ttl:34)"
    )
    assert "FAIL  source-spans: 1 evidence spans that do not match their snapshot" in lines


def test_snapshot_changed_after_it_was_recorded(runner: CliRunner, tree: Path) -> None:
    (tree / "sources" / "note.txt").write_text(
        "We commit to open standards for all. Thanks!\n", encoding="utf-8"
    )
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  sources: 1 sources whose snapshot does not match")
    assert lines[i + 1].startswith(
        "      <https://w3id.org/stdkg/id/source/note>: sources/note.txt has SHA-256 "
    )


def test_snapshot_path_outside_sources_is_refused(runner: CliRunner, tree: Path) -> None:
    edit(tree / "data" / "data.ttl", '"note.txt"', '"../data/data.ttl"')
    code, lines, _ = run(runner, tree)
    assert code == 1
    i = lines.index("FAIL  sources: 1 sources whose snapshot does not match")
    assert "give a file name inside sources/ (no folders, no '..')" in lines[i + 1]


def test_owl_consistency_with_hermit(runner: CliRunner, tree: Path) -> None:
    require_tool("java", "HermiT runs on Java")
    assert "PASS  owl-dl: consistent (HermiT, 49 triples)" in run(runner, tree, owl=True)[1]


def test_owl_inconsistency_fails(runner: CliRunner, tree: Path) -> None:
    require_tool("java", "HermiT runs on Java")
    edit(
        tree / "data" / "data.ttl",
        "stdorg:acme a org:FormalOrganization ;",
        "stdorg:acme a org:FormalOrganization , foaf:Person ;",
    )
    edit(
        tree / "data" / "data.ttl",
        "@prefix org:",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix org:",
    )
    code, lines, _ = run(runner, tree, owl=True)
    assert code == 1
    i = lines.index("FAIL  owl-dl: inconsistent: ontology + data have no model")
    assert lines[i + 1] == "      HermiT: Inconsistent ontology"


def test_owl_check_skips_without_java(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stdkg
    from stdkg.check import check_owl_dl

    kg = stdkg.load()
    monkeypatch.setenv("PATH", str(tree))
    outcome = check_owl_dl(kg)
    assert (outcome.status, outcome.summary) == (
        "skipped",
        "skipped: java is not installed (HermiT needs a Java runtime: install one, e.g. apt-get install default-jre-headless)",
    )


def test_library_report() -> None:
    from stdkg.check import check
    from stdkg.kg import Layout

    report = check(layout=Layout(GOOD), skip=["owl-dl"])
    assert report.ok
    assert [o.name for o in report.outcomes] == [
        "parse",
        "shacl",
        "ontology-shapes",
        "owl-dl",
        "terms",
        "provenance",
        "claims",
        "sources",
        "evidence-text",
        "source-spans",
    ]
    assert report.outcome("owl-dl").status == "skipped"
    assert report.outcome("parse").details == [d.strip() for d in PARSE_OK[1:]]


def test_unknown_check_name_is_an_input_error() -> None:
    from stdkg.check import check
    from stdkg.errors import InputError
    from stdkg.kg import Layout

    with pytest.raises(InputError, match="unknown check 'nope'"):
        check(layout=Layout(GOOD), skip=["nope"])
