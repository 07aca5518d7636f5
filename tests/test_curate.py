"""``stdkg curate``: a draft (one source, its claims) into a copy of the repository, checked first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import cli

from .conftest import ROOT

SNAPSHOT = (
    "World Standards Cooperation (WSC)\n\n"
    "The World Standards Cooperation (WSC) was established in 2001 by the International\n"
    "Telecommunication Union (ITU), the International Organization for Standardization (ISO), and the\n"
    "International Electrotechnical Commission (IEC). Its chair rotates\u00a0annually; the \u201cWSC\u201d "
    "meets once a year. The WSC meets once a year.\n"
)
DRAFT = """\
source:
  id: itu-wsc-page
  url: https://www.itu.int/en/ITU-T/extcoop/Pages/wsc.aspx
  title: World Standards Cooperation (WSC)
  publisher: ITU
  published: "2024"
  retrieved: "2026-12-03"
  media_type: text/html
  terms: quoted passages only
  from_copy: true
  excerpt: true
  snapshot: wsc.txt
claims:
  - quote: "The World Standards Cooperation (WSC) was established in 2001 by the International Telecommunication Union (ITU)"
    turtle: |
      stdorg:wsc schema:foundingDate "2001"^^xsd:gYear .
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repository's ontology, shapes, queries, data and sources."""
    root = tmp_path / "repo"
    for folder in ("ontology", "shapes", "queries", "data", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def draft(tmp_path: Path, text: str = DRAFT, snapshot: str = SNAPSHOT, name: str = "draft.yaml") -> Path:
    (tmp_path / "wsc.txt").write_text(snapshot, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def curate(runner: CliRunner, repo: Path, path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["curate", "--repo", str(repo), *args, str(path)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_curate_registers_the_source_and_adds_the_claim(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    code, out, err = curate(runner, repo, draft(tmp_path))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "+ source:itu-wsc-page  https://www.itu.int/en/ITU-T/extcoop/Pages/wsc.aspx  "
        "(new; snapshot sources/itu-wsc-page.txt)"
    )
    assert lines[1].startswith("+ claim:itu-wsc-page-")
    assert "[35..147]" in lines[1]
    assert lines[2] == (
        '    data/organizations.ttl  World Standards Cooperation (stdorg:wsc)  schema:foundingDate  "2001"^^xsd:gYear'
    )
    assert (repo / "sources" / "itu-wsc-page.txt").read_text(encoding="utf-8") == SNAPSHOT
    assert "added 35 triples from source itu-wsc-page" in err
    # the result passes every check, and the provenance queries find the words
    import stdkg
    from stdkg import queries
    from stdkg.check import check
    from stdkg.kg import Layout

    report = check(layout=Layout(repo), skip=["owl-dl"])
    assert report.ok
    kg = stdkg.load(layout=Layout(repo))
    rows = queries.run(
        queries.resolve("sources-of-fact"),
        kg,
        params={
            "subject": "https://w3id.org/stdkg/id/org/wsc",
            "predicate": "https://schema.org/foundingDate",
        },
    ).rows
    assert len(rows) == 1
    assert str(rows[0][2]) == "<https://w3id.org/stdkg/id/source/itu-wsc-page>"
    assert rows[0][4].value.startswith("The World Standards Cooperation (WSC) was established in 2001 by the")
    assert "\n" in rows[0][4].value  # the snapshot's own characters (a line break), not the curator's
    claims = queries.run(
        queries.resolve("claims-of-source"),
        kg,
        params={"source": "https://w3id.org/stdkg/id/source/itu-wsc-page"},
    ).rows
    assert [(str(r[4]), str(r[5]), str(r[6])) for r in claims] == [
        (
            "<https://w3id.org/stdkg/id/org/wsc>",
            "<https://schema.org/foundingDate>",
            '"2001"^^<http://www.w3.org/2001/XMLSchema#gYear>',
        )
    ]


def test_a_second_run_adds_nothing(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    path = draft(tmp_path)
    assert curate(runner, repo, path)[0] == 0
    before = tree_bytes(repo)
    code, _out, err = curate(runner, repo, path)
    assert code == 0
    assert f"{path}:14: already curated, skipped" in err
    assert tree_bytes(repo) == before


def test_dry_run_writes_nothing(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    before = tree_bytes(repo)
    code, out, err = curate(runner, repo, draft(tmp_path), "--dry-run")
    assert code == 0
    assert "schema:foundingDate" in out
    assert "would add 35 triples" in err
    assert tree_bytes(repo) == before


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        (
            "established in 2010 by the International Telecommunication Union",
            "draft.yaml:14: the quote is not in the snapshot; nearest: 'established in 2001 by the "
            "International Telecommunication Union'",
        ),
        (
            "meets once a year",
            "draft.yaml:14: the quote occurs 2 times in the snapshot; quote more words so that it occurs once",
        ),
        ("  ", "draft.yaml:14: a claim needs 'quote' (text)"),
    ],
)
def test_quotes_that_are_not_found_once_are_refused(
    runner: CliRunner, repo: Path, tmp_path: Path, quote: str, message: str
) -> None:
    before = tree_bytes(repo)
    text = DRAFT.replace(
        "The World Standards Cooperation (WSC) was established in 2001 by the International Telecommunication Union (ITU)",
        quote,
    )
    code, _out, err = curate(runner, repo, draft(tmp_path, text))
    assert code == 2
    assert err.startswith("stdkg: error: ") and err.endswith(message + "\n"), err
    assert err.count("\n") == 1
    assert tree_bytes(repo) == before


def test_typography_line_breaks_and_no_break_spaces_are_read_as_plain(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    # the snapshot has a no-break space, a line break and typographic quotes; the curator types plain ones
    text = DRAFT.replace(
        '"The World Standards Cooperation (WSC) was established in 2001 by the International Telecommunication Union (ITU)"',
        "'Its chair rotates annually; the \"WSC\"'",
    )
    code, out, err = curate(runner, repo, draft(tmp_path, text))
    assert code == 0, err
    assert (
        "\u201cIts chair rotates annually; the \u201cWSC\u201d\u201d" in out
    )  # shown with white space folded
    evidence = (repo / "data" / "evidence.ttl").read_text(encoding="utf-8")
    assert (
        'oa:exact "Its chair rotates\u00a0annually; the \u201cWSC\u201d"' in evidence
    )  # recorded as the snapshot has it


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("claims:", "claims: [oops"), "draft.yaml:14: YAML: "),
        (
            ("  publisher: ITU", "  publisher: ITU\n  colour: blue"),
            "draft.yaml:6: unknown source key 'colour'",
        ),
        (
            ("    turtle: |", "    file: Organizations\n    turtle: |"),
            "draft.yaml:15: 'file' names a data file",
        ),
        (
            ('  published: "2024"', '  published: "2024-13-45x"'),
            "draft.yaml:6: 'published' must be YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (("  url: https://", "  url: ftp://"), "draft.yaml:3: 'url' must be an http(s) address"),
        (
            ('stdorg:wsc schema:foundingDate "2001"^^xsd:gYear .', "stdorg:wsc schema:foundingDate [ ] ."),
            "draft.yaml:16: a claim's triples name their nodes with IRIs (no blank nodes)",
        ),
        (
            (
                'stdorg:wsc schema:foundingDate "2001"^^xsd:gYear .',
                'stdorg:wsc\n      schema:foundingDate "2001 .',
            ),
            "draft.yaml:17: Turtle: Unexpected end of file",
        ),
        (
            ('stdorg:wsc schema:foundingDate "2001"^^xsd:gYear .', 'nope:wsc schema:foundingDate "2001" .'),
            "draft.yaml:16: Turtle: The prefix nope: has not been declared",
        ),
        (("  snapshot: wsc.txt", "  snapshot: missing.txt"), "missing.txt: no such snapshot file"),
        (("id: itu-wsc-page", "id: Not A Slug"), "draft.yaml:2: source 'id' must be a slug"),
        (
            ("id: itu-wsc-page", "id: &a itu-wsc-page"),
            "draft.yaml:2: YAML anchors and aliases are not allowed",
        ),
    ],
)
def test_bad_drafts_are_one_line_and_write_nothing(
    runner: CliRunner, repo: Path, tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    before = tree_bytes(repo)
    assert edit[0] in DRAFT
    code, _out, err = curate(runner, repo, draft(tmp_path, DRAFT.replace(edit[0], edit[1], 1)))
    assert code == 2, err
    assert err.count("\n") == 1 and message in err, err
    assert tree_bytes(repo) == before


def test_a_result_that_fails_the_checks_is_not_written(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    before = tree_bytes(repo)
    text = DRAFT.replace('"2001"^^xsd:gYear', '"in 2001"^^xsd:gYear')
    code, out, err = curate(runner, repo, draft(tmp_path, text))
    assert code == 1
    assert "FAIL  shacl:" in out
    assert err == "stdkg: the curated graph does not pass the checks; nothing was written\n"
    assert tree_bytes(repo) == before


def test_a_registered_source_cannot_be_registered_again_with_other_text(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    assert curate(runner, repo, draft(tmp_path))[0] == 0
    code, _out, err = curate(runner, repo, draft(tmp_path, snapshot=SNAPSHOT + "More.\n"))
    assert code == 2
    assert "draft.yaml:1: source 'itu-wsc-page' is registered already: give only its id" in err


def test_claims_from_a_registered_source(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    text = """\
source: prnewswire-302629226
claims:
  - quote: "Seizo Onoe, Director of the ITU Telecommunication Standardization Bureau"
    turtle: |
      stdorg:tsb skos:altLabel "ITU Telecommunication Standardization Bureau"@en .
"""
    code, out, err = curate(runner, repo, draft(tmp_path, text))
    assert code == 0, err
    assert out.splitlines()[0].startswith("  source:prnewswire-302629226  https://www.prnewswire.co.uk/")
    assert "sources/" not in err.split(" to ", 1)[1]


def test_unknown_registered_source(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    text = 'source: nope\nclaims:\n  - quote: "x"\n    turtle: "stdorg:iso rdfs:label \\"x\\" ."\n'
    code, _out, err = curate(runner, repo, draft(tmp_path, text))
    assert code == 2
    assert "draft.yaml:1: no registered source 'nope'" in err


def test_disagreeing_claims_are_kept_and_warned_until_one_is_preferred(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    from stdkg.check import check, render_text
    from stdkg.kg import Layout

    assert curate(runner, repo, draft(tmp_path))[0] == 0
    other = """\
source:
  id: other-page
  url: https://example.org/wsc-history
  title: A history of the WSC
  retrieved: "2026-12-03"
  media_type: text/html
  snapshot: other.txt
claims:
  - quote: "founded in 2002"
    turtle: |
      stdorg:wsc schema:foundingDate "2002"^^xsd:gYear .
"""
    (tmp_path / "other.txt").write_text("The WSC was founded in 2002, says this page.\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    code, _out, err = curate(runner, repo, tmp_path / "other.yaml")
    assert code == 0, err  # both values stay, each with its source
    report = check(layout=Layout(repo), skip=["owl-dl"])
    assert report.ok
    text = render_text(report)
    assert "      warning: World Standards Cooperation: schema:foundingDate disagrees: " in text
    assert '"2001"^^<http://www.w3.org/2001/XMLSchema#gYear> (claim claim:itu-wsc-page-' in text
    assert "1 disagreements to resolve" in text
    # the curator marks the preferred claim: the warning goes
    claims = (repo / "data" / "claims.ttl").read_text(encoding="utf-8")
    claim = next(line for line in claims.splitlines() if line.startswith("claim:itu-wsc-page-"))
    (repo / "data" / "claims.ttl").write_text(
        claims + f"\n{claim} stdkg:preferred true .\n", encoding="utf-8"
    )
    report = check(layout=Layout(repo), skip=["owl-dl"])
    assert report.ok and not report.outcome("claims").warnings
    assert "1 disagreements resolved by a preferred claim" in report.outcome("claims").summary


def test_a_stated_triple_missing_from_the_graph_fails_the_claims_check(repo: Path) -> None:
    from stdkg.check import check
    from stdkg.kg import Layout

    path = repo / "data" / "organizations.ttl"
    path.write_text(
        path.read_text(encoding="utf-8").replace('    skos:altLabel "ISO"@en ;\n', ""), encoding="utf-8"
    )
    report = check(layout=Layout(repo), skip=["owl-dl"])
    outcome = report.outcome("claims")
    assert outcome.failed
    assert any("which is not in the graph" in d and '"ISO"@en' in d for d in outcome.details)
