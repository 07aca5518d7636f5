"""The rules engine gives owlrl's closure: :func:`stdkg.reason.reason` with ``engine="rules"``.

The only owlrl output left out of the comparison is its error report for ill-typed literals (a
blank node typed ``agent-ont#ErrorMessage``), which is not a consequence of the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import stdkg
from stdkg import synth
from stdkg.errors import EngineUnavailable

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, stdkg.KG]:
    folder = tmp_path_factory.mktemp("rules")
    n = synth.bodies_for(10_000)
    synth.write_file(folder / "planted.nt", n, violations=len(synth.VIOLATION_KINDS), seed=5)
    return {
        "bundled": stdkg.load(),
        "synthetic-planted": stdkg.load([ROOT / "ontology", folder / "planted.nt"]),
    }


def _ignored(t: Any) -> bool:
    return "agent-ont#" in str(t)


@pytest.mark.parametrize("name", ["bundled", "synthetic-planted"])
def test_rules_closure_equals_owlrl(graphs: dict[str, stdkg.KG], name: str) -> None:
    from stdkg.reason import reason

    kg = graphs[name]
    rules = reason(kg, engine="rules")
    owlrl = reason(kg, engine="owlrl")
    got = {str(t) for t in rules.inferred}
    want = {str(t) for t in owlrl.inferred if not _ignored(t)}
    assert got == want
    assert len(got) > 0
    assert rules.asserted == owlrl.asserted


def test_rules_one_pass_is_the_fixpoint(graphs: dict[str, stdkg.KG]) -> None:
    """The single ordered pass gives the same closure as passes run until nothing changes."""
    from stdkg.reason import sparql

    kg = graphs["synthetic-planted"]
    fast = set(sparql.closure_store(kg.store))
    checked = set(sparql.closure_store(kg.store, verify=True))
    assert fast == checked


def test_rules_decline_owl_they_do_not_implement(tmp_path: Path) -> None:
    from stdkg.reason import reason, sparql

    onto = tmp_path / "o.ttl"
    onto.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<urn:p> a owl:FunctionalProperty .\n<urn:a> <urn:p> <urn:b>, <urn:c> .\n"
    )
    kg = stdkg.load([onto])
    with pytest.raises(EngineUnavailable, match="FunctionalProperty"):
        sparql.closure_store(kg.store)
    auto = reason(kg, engine="auto")
    assert {str(t) for t in auto.inferred} == {str(t) for t in reason(kg, engine="owlrl").inferred}


def test_rules_closure_equals_owlrl_on_every_rule() -> None:
    from stdkg.reason import reason

    kg = stdkg.load([ROOT / "tests" / "fixtures" / "scale" / "owl-rules.ttl"])
    rules = {str(t) for t in reason(kg, engine="rules").inferred}
    assert rules == {str(t) for t in reason(kg, engine="owlrl").inferred if not _ignored(t)}
    ex = "https://w3id.org/stdkg/test/rules#"
    for s, p, o in [
        ("a", "partOf", "d"),  # subproperty + transitive
        ("d", "hasUnit", "c"),  # inverse
        ("e", "acquaintedWith", "a"),  # symmetric + equivalent property
        ("g", "label", '"h"'),  # sameAs copies (transitive, symmetric)
        ("x", "leads", "f"),
    ]:
        obj = o if o.startswith('"') else f"<{ex}{o}>"
        assert f"<{ex}{s}> <{ex}{p}> {obj}" in rules
    assert f"<{ex}e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ex}Actor>" in rules
