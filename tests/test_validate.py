"""``stdkg validate`` and the validation library on small fixtures (exact output)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import cli

FIX = Path(__file__).resolve().parent / "fixtures" / "validate"
SHAPES = str(FIX / "shapes.ttl")


def run(runner: CliRunner, data: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["--kg", str(FIX / data), "validate", "--shapes", SHAPES, *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_conforming_graph_exits_0(runner: CliRunner) -> None:
    code, out, err = run(runner, "good.ttl")
    assert (code, out, err) == (0, "0 violations, 0 warnings\n", "")


def test_violations_are_listed_with_file_and_line(runner: CliRunner) -> None:
    code, out, err = run(runner, "bad.ttl")
    assert code == 1
    assert out.splitlines() == [
        "Violation  Ada Lovelace <https://w3id.org/stdkg/id/person/ada>  schema:birthDate  "
        "A birth date must be a valid xsd:date.  (tests/fixtures/validate/bad.ttl:10)",
        "Violation  Nobody <https://w3id.org/stdkg/id/person/nobody>  foaf:name  "
        "A person needs a name.  (tests/fixtures/validate/bad.ttl:15)",
        "Warning    <https://w3id.org/stdkg/id/org/iec>  rdfs:label  "
        "An organization should have a label.  (tests/fixtures/validate/bad.ttl:19)",
        "2 violations, 1 warning",
    ]
    assert err == "stdkg: the graph does not conform: 2 violations, 1 warning\n"


def test_warnings_fail_unless_allowed(runner: CliRunner) -> None:
    expected = (
        "Warning    <https://w3id.org/stdkg/id/org/itu>  rdfs:label  "
        "An organization should have a label.  (tests/fixtures/validate/warnings.ttl:5)\n"
        "0 violations, 1 warning\n"
    )
    assert run(runner, "warnings.ttl")[:2] == (1, expected)
    assert run(runner, "warnings.ttl", "--allow-warnings") == (0, expected, "")


def test_allow_warnings_does_not_hide_violations(runner: CliRunner) -> None:
    assert run(runner, "bad.ttl", "--allow-warnings")[0] == 1


def test_turtle_report_is_a_shacl_report_graph(runner: CliRunner) -> None:
    import pyoxigraph as ox

    code, out, _ = run(runner, "bad.ttl", "--format", "turtle")
    assert code == 1
    store = ox.Store()
    store.load(out.encode(), format=ox.RdfFormat.TURTLE)
    assert store.query("ASK { ?r a sh:ValidationReport ; sh:conforms false }", prefixes=PREFIX_SH)
    focus = store.query(
        "SELECT ?f WHERE { ?r sh:result [ sh:focusNode ?f ; sh:resultSeverity sh:Violation ] }",
        prefixes=PREFIX_SH,
    )
    assert sorted(row["f"].value for row in focus) == [
        "https://w3id.org/stdkg/id/person/ada",
        "https://w3id.org/stdkg/id/person/nobody",
    ]


PREFIX_SH = {"sh": "http://www.w3.org/ns/shacl#"}


def test_turtle_report_of_a_conforming_graph(runner: CliRunner) -> None:
    code, out, _ = run(runner, "good.ttl", "--format", "turtle")
    assert code == 0
    assert out.endswith("[] a sh:ValidationReport ;\n    sh:conforms true .\n")


def test_json_report_is_stable(runner: CliRunner) -> None:
    import json

    code, out, _ = run(runner, "bad.ttl", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert (doc["conforms"], doc["violations"], doc["warnings"]) == (False, 2, 1)
    assert doc["results"][0] == {
        "constraint": "http://www.w3.org/ns/shacl#DatatypeConstraintComponent",
        "focusNode": "https://w3id.org/stdkg/id/person/ada",
        "label": "Ada Lovelace",
        "location": "tests/fixtures/validate/bad.ttl:10",
        "message": "A birth date must be a valid xsd:date.",
        "path": "https://schema.org/birthDate",
        "severity": "Violation",
        "sourceShape": None,
        "value": '"1815-13-45"^^<http://www.w3.org/2001/XMLSchema#date>',
    }
    assert run(runner, "bad.ttl", "--format", "json")[1] == out


def test_rdfs_inference_exposes_a_violation(runner: CliRunner) -> None:
    assert run(runner, "inference.ttl") == (0, "0 violations, 0 warnings\n", "")
    code, out, _ = run(runner, "inference.ttl", "--inference", "rdfs")
    assert code == 1
    assert out == (
        "Violation  Dana <https://w3id.org/stdkg/id/person/dana>  foaf:name  "
        "A person needs a name.  (tests/fixtures/validate/inference.ttl:10)\n"
        "1 violation, 0 warnings\n"
    )


def test_missing_shapes_file_is_an_input_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(FIX / "good.ttl"), "validate", "--shapes", "nope.ttl"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "stdkg: error: nope.ttl: no such shapes file\n"


def test_shapes_file_without_shapes_is_an_input_error(runner: CliRunner) -> None:
    shapes = str(FIX / "notshapes.ttl")
    result = runner.invoke(cli, ["--kg", str(FIX / "good.ttl"), "validate", "--shapes", shapes])
    assert result.exit_code == 2
    assert result.stderr == f"stdkg: error: {shapes}: no SHACL shapes found\n"


def test_bad_turtle_names_file_line_column(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    result = runner.invoke(cli, ["--kg", str(bad), "validate", "--shapes", SHAPES])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"stdkg: error: {bad}:2:")
    assert len(result.stderr.splitlines()) == 1


def test_library_report_and_engine_dispatch() -> None:
    import stdkg
    from stdkg.errors import InputError
    from stdkg.validate import validate

    kg = stdkg.load([FIX / "bad.ttl"])
    report = validate(kg, FIX / "shapes.ttl")
    assert not report.conforms
    assert report.engine == "stdkg-sparql"  # auto: the fast engine, with the reference's results
    assert [
        (r.severity_name, r.focus_node.rsplit("/", 1)[-1], r.constraint.rsplit("#")[-1])
        for r in report.results
    ] == [
        ("Violation", "ada", "DatatypeConstraintComponent"),
        ("Violation", "nobody", "MinCountConstraintComponent"),
        ("Warning", "iec", "MinCountConstraintComponent"),
    ]
    assert validate(kg, FIX / "shapes.ttl", engine="pyshacl").results == report.results
    with pytest.raises(InputError, match="unknown validation engine"):
        validate(kg, FIX / "shapes.ttl", engine="nope")
    with pytest.raises(InputError, match="unknown inference"):
        validate(kg, FIX / "shapes.ttl", inference="owl-full")


def test_locate_prefers_the_subject_block(tmp_path: Path) -> None:
    import stdkg
    from stdkg.locate import locate

    a = tmp_path / "a.ttl"
    b = tmp_path / "b.ttl"
    a.write_text(
        '@prefix ex: <http://example.org/> .\nex:x ex:p ex:y ; ex:q "ex:y in a string" .\n',
        encoding="utf-8",
    )
    b.write_text(
        "PREFIX e: <http://example.org/>\n\n# comment ex:y\n<http://example.org/y>\n  e:p 1.5 ; e:q e:x .\n",
        encoding="utf-8",
    )
    kg = stdkg.load([a, b])
    assert locate(kg, "http://example.org/y") == _loc(b, 4)
    assert locate(kg, "http://example.org/x") == _loc(a, 2)
    assert locate(kg, "http://example.org/q") == _loc(a, 2)
    assert locate(kg, "http://example.org/absent") is None


def _loc(path: Path, line: int) -> object:
    from stdkg.locate import Location

    return Location(path, line)


@pytest.mark.parametrize(
    ("text", "turtle"),
    [
        ("http://xmlns.com/foaf/0.1/name", "foaf:name"),
        ("^<http://www.w3.org/ns/org#postIn>", "[ sh:inversePath org:postIn ]"),
        (
            "(<http://www.w3.org/ns/prov#wasDerivedFrom>|<http://www.w3.org/ns/prov#hadPrimarySource>)",
            "[ sh:alternativePath ( prov:wasDerivedFrom prov:hadPrimarySource ) ]",
        ),
        (
            "<http://www.w3.org/ns/org#memberDuring>/(<http://www.w3.org/2006/time#inside>)*",
            "( org:memberDuring [ sh:zeroOrMorePath time:inside ] )",
        ),
        ("^(<http://e.org/a>/<http://e.org/b>)", "[ sh:inversePath ( <http://e.org/a> <http://e.org/b> ) ]"),
    ],
)
def test_complex_result_paths_in_turtle(text: str, turtle: str) -> None:
    from stdkg.validate import path_turtle

    assert path_turtle(text) == turtle


def test_complex_path_from_pyshacl_round_trips(tmp_path: Path) -> None:
    import pyoxigraph as ox

    import stdkg
    from stdkg.validate import ValidationReport, render_text, render_turtle, validate

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetClass foaf:Person ;\n"
        "  sh:property [ sh:path [ sh:alternativePath ( foaf:name rdfs:comment ) ] ; sh:minCount 1 ;\n"
        '    sh:message "A person needs a name or a comment." ] .\n',
        encoding="utf-8",
    )
    kg = stdkg.load([FIX / "bad.ttl"])
    report = validate(kg, shapes)
    assert isinstance(report, ValidationReport)
    assert render_text(kg, report).splitlines()[0] == (
        "Violation  Nobody <https://w3id.org/stdkg/id/person/nobody>  (foaf:name|rdfs:comment)  "
        "A person needs a name or a comment.  (tests/fixtures/validate/bad.ttl:15)"
    )
    store = ox.Store()
    store.load(render_turtle(report).encode(), format=ox.RdfFormat.TURTLE)
    assert store.query(
        "ASK { ?r sh:resultPath [ sh:alternativePath ( foaf:name rdfs:comment ) ] }",
        prefixes={
            **PREFIX_SH,
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        },
    )


def test_fast_engine_gives_the_reference_report(runner: CliRunner) -> None:
    for data in ("good.ttl", "bad.ttl", "warnings.ttl"):
        assert run(runner, data, "--engine", "fast") == run(runner, data, "--engine", "pyshacl")
    fast = run(runner, "bad.ttl", "--engine", "fast", "--format", "json")[1]
    reference = run(runner, "bad.ttl", "--engine", "pyshacl", "--format", "json")[1]
    assert re.sub(r'"engine": "[^"]*"', '"engine": "pyshacl"', fast) == reference


def test_fast_engine_falls_back_to_pyshacl_for_inference() -> None:
    import stdkg
    from stdkg.validate import validate

    kg = stdkg.load([FIX / "inference.ttl"])
    report = validate(kg, FIX / "shapes.ttl", inference="rdfs", engine="fast")
    assert report.engine == "pyshacl"
    assert [r.focus_node for r in report.results] == ["https://w3id.org/stdkg/id/person/dana"]


def test_results_that_would_print_alike_show_their_value(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "two-bad-dates.ttl"
    data.write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://w3id.org/stdkg/id/person/x> a foaf:Person ; foaf:name "X" ;\n'
        '    schema:birthDate "1900-13-01"^^xsd:date , "1900-14-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["--kg", str(data), "validate", "--shapes", SHAPES])
    assert result.exit_code == 1
    assert [ln.split("  ")[3] for ln in result.stdout.splitlines()[:2]] == [
        'A birth date must be a valid xsd:date. (value: "1900-13-01"^^xsd:date)',
        'A birth date must be a valid xsd:date. (value: "1900-14-01"^^xsd:date)',
    ]


def test_shapes_file_with_bad_turtle_names_file_line_column(runner: CliRunner, tmp_path: Path) -> None:
    shapes = tmp_path / "broken.shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n<http://e.org/S> a sh:NodeShape\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["--kg", str(FIX / "good.ttl"), "validate", "--shapes", str(shapes)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"stdkg: error: {shapes}:4:1: Unexpected end\n"
