"""``stdkg reason`` and the OWL RL closure library on a small fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import cli

SMALL = Path(__file__).resolve().parent / "fixtures" / "reason" / "small.ttl"

EXPECTED_INFERRED = """\
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix stdorg: <https://w3id.org/stdkg/id/org/> .

org:unitOf rdfs:range org:Organization .
stdorg:itu a org:FormalOrganization , org:Organization ;
\torg:hasUnit stdorg:itu-t .
"""


def test_closure_of_a_small_graph() -> None:
    import stdkg
    from stdkg.reason import reason

    closure = reason(stdkg.load([SMALL]))
    assert closure.engine == "owlrl"
    assert closure.asserted == 13
    assert [str(t) for t in closure.inferred] == [
        "<http://www.w3.org/ns/org#unitOf> <http://www.w3.org/2000/01/rdf-schema#range> "
        "<http://www.w3.org/ns/org#Organization>",
        "<https://w3id.org/stdkg/id/org/itu> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#FormalOrganization>",
        "<https://w3id.org/stdkg/id/org/itu> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#Organization>",
        "<https://w3id.org/stdkg/id/org/itu> <http://www.w3.org/ns/org#hasUnit> "
        "<https://w3id.org/stdkg/id/org/itu-t>",
    ]
    assert closure.total == 17 == len(closure.triples())
    # owlrl's generalized triples ("36" owl:sameAs "36" …) and built-in axioms are dropped, counted
    assert set(closure.dropped) == {"about a built-in term", "literal subject", "tautology"}


def test_every_asserted_triple_is_in_the_closure() -> None:
    import stdkg
    from stdkg.reason import reason

    kg = stdkg.load([SMALL])
    closure = reason(kg)
    asserted = {str(q.triple) for q in kg.store.quads_for_pattern(None, None, None, None)}
    assert asserted <= {str(t) for t in closure.triples()}


def test_cli_default_engine_gives_the_reference_closure(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(SMALL), "reason", "--only-inferred"])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_INFERRED
    assert result.stderr == "13 asserted + 4 inferred = 17 triples (rules; dropped: none)\n"


def test_cli_only_inferred_turtle(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(SMALL), "reason", "--only-inferred", "--engine", "owlrl"])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_INFERRED
    assert result.stderr == (
        "13 asserted + 4 inferred = 17 triples "
        "(owlrl; dropped: 114 about a built-in term, 5 literal subject, 25 tautology)\n"
    )


def test_cli_output_file_is_deterministic(runner: CliRunner, tmp_path: Path) -> None:
    import pyoxigraph as ox

    outs = []
    for name in ("a.nt", "b.nt"):
        out = tmp_path / name
        result = runner.invoke(cli, ["-q", "--kg", str(SMALL), "reason", "-o", str(out), "--format", "nt"])
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert len(list(ox.parse(outs[0], format=ox.RdfFormat.N_TRIPLES))) == 17


def test_cli_unknown_engine_is_an_input_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--kg", str(SMALL), "reason", "--engine", "magic"])
    assert result.exit_code == 2
    assert (
        result.stderr == "stdkg: error: unknown reasoning engine 'magic' (use one of: owlrl, rules, auto)\n"
    )


@pytest.mark.parametrize(
    ("triple", "why"),
    [
        ('"a" <http://www.w3.org/2002/07/owl#sameAs> "a"', "literal subject"),
        (
            "<http://www.w3.org/2002/07/owl#Thing> <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
            "<http://www.w3.org/2002/07/owl#Thing>",
            "about a built-in term",
        ),
        ("<http://e/x> <http://www.w3.org/2002/07/owl#sameAs> <http://e/x>", "tautology"),
        (
            "<http://e/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<http://www.w3.org/2002/07/owl#Thing>",
            "tautology",
        ),
        ("<http://e/x> <http://www.w3.org/2002/07/owl#sameAs> <http://e/y>", None),
    ],
)
def test_drop_reason(triple: str, why: str | None) -> None:
    import pyoxigraph as ox

    from stdkg.reason import drop_reason

    if why == "literal subject":
        # pyoxigraph cannot even hold such a triple: the owlrl adapter drops it before conversion
        with pytest.raises((SyntaxError, ValueError)):
            list(ox.parse(triple + " .", format=ox.RdfFormat.N_TRIPLES))
        return
    t = next(iter(ox.parse(triple + " .", format=ox.RdfFormat.N_TRIPLES))).triple
    assert drop_reason(t) == why
