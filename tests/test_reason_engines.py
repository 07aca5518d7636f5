"""The rules engine gives owlrl's closure: :func:`stdkg.reason.reason` with ``engine="rules"``.

On the bundled graph and a synthetic one (the line engine), and on the small graph that uses every
rule family our ontology could (the general engine).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import stdkg
from stdkg import synth
from stdkg.rdf.ntriples import canonical_ntriples
from stdkg.reason import Closure, Inconsistent, reason

ROOT = Path(__file__).resolve().parents[1]


def inferred(closure: Closure) -> set[str]:
    """The inferred triples, blank nodes canonical (each run reads the files again)."""
    return set(canonical_ntriples(closure.ntriples(only_inferred=True)).decode().splitlines())


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, stdkg.KG]:
    folder = tmp_path_factory.mktemp("rules")
    n = synth.bodies_for(10_000)
    synth.write_file(folder / "clean.nt", n, seed=5)
    synth.write_file(folder / "planted.nt", n, violations=len(synth.VIOLATION_KINDS), seed=5)
    return {
        "bundled": stdkg.load(),
        "synthetic-clean": stdkg.load([ROOT / "ontology", folder / "clean.nt"]),
        "synthetic-planted": stdkg.load([ROOT / "ontology", folder / "planted.nt"]),
    }


@pytest.mark.parametrize("name", ["bundled", "synthetic-clean"])
def test_rules_closure_equals_owlrl(graphs: dict[str, stdkg.KG], name: str) -> None:
    kg = graphs[name]
    rules = reason(kg, engine="rules")
    owlrl = reason(kg, engine="owlrl")
    got = inferred(rules)
    assert got == inferred(owlrl)
    assert len(got) > 0
    assert rules.asserted == owlrl.asserted


def test_planted_ill_typed_date_is_a_clash_for_every_engine(graphs: dict[str, stdkg.KG]) -> None:
    """The planted SHACL violations include a date that is no date ("…-02-30"): OWL 2 RL's
    dt-not-type makes the graph inconsistent, for owlrl as for the rules."""
    for engine in ("rules", "auto", "owlrl"):
        with pytest.raises(Inconsistent) as caught:
            reason(graphs["synthetic-planted"], engine=engine)
        assert any("-02-30" in clash for clash in caught.value.clashes), engine


def test_rules_closure_equals_owlrl_on_every_rule() -> None:
    from stdkg.reason import Asserted, lines, schema

    kg = stdkg.load([ROOT / "tests" / "fixtures" / "scale" / "owl-rules.ttl"])
    graph = lines.schema_store(Asserted.of(kg).data)
    assert lines.LinePlan.compile(schema.read_schema(graph), graph) is None  # the general engine
    rules = inferred(reason(kg, engine="rules"))
    assert rules == inferred(reason(kg, engine="owlrl"))
    ex = "https://w3id.org/stdkg/test/rules#"
    for s, p, o in [
        ("a", "partOf", "d"),  # subproperty + transitive
        ("d", "hasUnit", "c"),  # inverse
        ("e", "acquaintedWith", "a"),  # symmetric + equivalent property
        ("g", "label", '"h"'),  # sameAs copies (transitive, symmetric)
        ("x", "leads", "f"),
    ]:
        obj = o if o.startswith('"') else f"<{ex}{o}>"
        assert f"<{ex}{s}> <{ex}{p}> {obj} ." in rules
    assert f"<{ex}e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ex}Actor> ." in rules
