"""OWL 2 RL in full (:mod:`stdkg.reason.owl`): one small graph per rule family, compared with owlrl;
inconsistency as clashes (exit 1, nothing written); what stdkg deliberately does differently.

The W3C OWL 2 RL test cases and the W3C vocabularies with instance data are run by
``tests/test_w3c_owl.py``; the cases here name the rule they exercise and the triple it must give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stdkg
from stdkg.cli import cli
from stdkg.rdf.ntriples import canonical_ntriples
from stdkg.reason import EngineDeclined, Inconsistent, reason

PREFIXES = """\
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
EX = "http://example.org/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SAME = "<http://www.w3.org/2002/07/owl#sameAs>"


def kg_of(tmp_path: Path, turtle: str, name: str = "g.ttl") -> stdkg.KG:
    path = tmp_path / name
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    return stdkg.load([path])


def inferred(kg: stdkg.KG, engine: str) -> set[str]:
    """The inferred triples, blank nodes canonical (each run reads the files again)."""
    return set(
        canonical_ntriples(reason(kg, engine=engine).ntriples(only_inferred=True)).decode().splitlines()
    )


def iri(name: str) -> str:
    return f"<{EX}{name}>"


#: rule family -> (graph, a triple the closure must hold, as "s p o" of ex: names / N-Triples terms)
FAMILIES = {
    "eq-rep + prp-trp (sameAs joins a transitive chain)": (
        "ex:p a owl:TransitiveProperty . ex:a ex:p ex:b . ex:b owl:sameAs ex:c . ex:c ex:p ex:d .",
        (iri("a"), iri("p"), iri("d")),
    ),
    "eq-rep + cax-sco (sameAs then subclass, then sameAs again)": (
        "ex:x owl:sameAs ex:y . ex:y a ex:C . ex:C rdfs:subClassOf ex:D . ex:y owl:sameAs ex:z .",
        (iri("x"), TYPE, iri("D")),
    ),
    "prp-fp": (
        "ex:mother a owl:FunctionalProperty . ex:x ex:mother ex:m1, ex:m2 .",
        (iri("m1"), SAME, iri("m2")),
    ),
    "prp-ifp": (
        "ex:mbox a owl:InverseFunctionalProperty . ex:a ex:mbox ex:m . ex:b ex:mbox ex:m .",
        (iri("a"), SAME, iri("b")),
    ),
    "prp-spo2 (property chain)": (
        "ex:uncle owl:propertyChainAxiom (ex:parent ex:brother) . ex:a ex:parent ex:b . ex:b ex:brother ex:c .",
        (iri("a"), iri("uncle"), iri("c")),
    ),
    "prp-key": (
        "ex:C owl:hasKey (ex:id) . ex:a a ex:C ; ex:id 7 . ex:b a ex:C ; ex:id 7 .",
        (iri("a"), SAME, iri("b")),
    ),
    "cls-svf1 (someValuesFrom)": (
        "ex:R owl:onProperty ex:p ; owl:someValuesFrom ex:C . ex:a ex:p ex:b . ex:b a ex:C .",
        (iri("a"), TYPE, iri("R")),
    ),
    "cls-avf (allValuesFrom)": (
        "ex:R owl:onProperty ex:p ; owl:allValuesFrom ex:C . ex:a a ex:R ; ex:p ex:b .",
        (iri("b"), TYPE, iri("C")),
    ),
    "cls-hv1 (hasValue)": (
        "ex:R owl:onProperty ex:p ; owl:hasValue ex:v . ex:a a ex:R .",
        (iri("a"), iri("p"), iri("v")),
    ),
    "cls-maxc2 (max cardinality 1)": (
        'ex:R owl:onProperty ex:p ; owl:maxCardinality "1"^^xsd:nonNegativeInteger . '
        "ex:a a ex:R ; ex:p ex:b, ex:c .",
        (iri("b"), SAME, iri("c")),
    ),
    "cls-int1 (intersectionOf)": (
        "ex:I owl:intersectionOf (ex:A ex:B) . ex:x a ex:A, ex:B .",
        (iri("x"), TYPE, iri("I")),
    ),
    "cls-uni (unionOf)": (
        "ex:U owl:unionOf (ex:A ex:B) . ex:x a ex:B .",
        (iri("x"), TYPE, iri("U")),
    ),
    "cls-oo (oneOf)": (
        "ex:E owl:oneOf (ex:r ex:g) .",
        (iri("g"), TYPE, iri("E")),
    ),
    "scm-svf1 (restrictions subsume)": (
        "ex:R1 owl:onProperty ex:p ; owl:someValuesFrom ex:C . "
        "ex:R2 owl:onProperty ex:p ; owl:someValuesFrom ex:D . ex:C rdfs:subClassOf ex:D .",
        (iri("R1"), "<http://www.w3.org/2000/01/rdf-schema#subClassOf>", iri("R2")),
    ),
    "schema derived: a subclass of owl:TransitiveProperty": (
        "ex:T rdfs:subClassOf owl:TransitiveProperty . ex:p a ex:T . ex:a ex:p ex:b . ex:b ex:p ex:c .",
        (iri("a"), iri("p"), iri("c")),
    ),
    "schema derived: a sub-property of rdfs:subClassOf": (
        "ex:below rdfs:subPropertyOf rdfs:subClassOf . ex:A ex:below ex:B . ex:x a ex:A .",
        (iri("x"), TYPE, iri("B")),
    ),
    "a blank-node class without an OWL keyword": (
        "ex:x a [ rdfs:subClassOf ex:D ] .",
        (iri("x"), TYPE, iri("D")),
    ),
    "through a literal subject (inverse of a literal value, then its range)": (
        'ex:hasPart owl:inverseOf ex:partOf . ex:partOf rdfs:range ex:Whole . ex:x ex:hasPart "v" .',
        (iri("x"), TYPE, iri("Whole")),
    ),
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_rule_family_gives_owlrl_closure(family: str, tmp_path: Path) -> None:
    graph, (s, p, o) = FAMILIES[family]
    kg = kg_of(tmp_path, graph)
    rules = inferred(kg, "rules")
    assert f"{s} {p} {o} ." in rules
    assert rules == inferred(kg, "owlrl")
    assert not any(t.startswith('"') for t in rules)  # literal subjects used, never written


def test_same_as_and_transitivity_reach_a_real_fixpoint(tmp_path: Path) -> None:
    """Each step needs the one before: sameAs joins chains, the chain's end gets a type through a
    range, the type's superclass has a hasValue restriction that links on to a sameAs partner."""
    kg = kg_of(
        tmp_path,
        "ex:p a owl:TransitiveProperty ; rdfs:range ex:End . ex:End rdfs:subClassOf ex:R . "
        "ex:R owl:onProperty ex:q ; owl:hasValue ex:v . ex:v owl:sameAs ex:w . "
        "ex:a ex:p ex:b . ex:b owl:sameAs ex:c . ex:c ex:p ex:d . ex:d ex:p ex:e .",
    )
    rules = inferred(kg, "rules")
    for triple in [("a", "p", "e"), ("c", "q", "w"), ("a", "q", "v")]:
        if triple == ("a", "q", "v"):
            assert f"{iri('a')} {iri('q')} {iri('v')} ." not in rules  # a is no End
            continue
        assert " ".join(iri(x) for x in triple) + " ." in rules
    assert f"{iri('e')} {iri('q')} {iri('w')} ." in rules
    assert rules == inferred(kg, "owlrl")


# -- inconsistency -------------------------------------------------------------------------------

CLASHES = {
    "owl:Nothing": ("ex:x a owl:Nothing .", "cls-nothing2"),
    "disjoint classes": ("ex:A owl:disjointWith ex:B . ex:x a ex:A, ex:B .", "cax-dw"),
    "disjoint through a subclass": (
        "ex:A owl:disjointWith ex:B . ex:C rdfs:subClassOf ex:A . ex:x a ex:C, ex:B .",
        "cax-dw",
    ),
    "ill-typed literal": ('ex:x ex:born "1988-02-30"^^xsd:date .', "dt-not-type"),
    "negative property assertion": (
        "[] a owl:NegativePropertyAssertion ; owl:sourceIndividual ex:a ; "
        "owl:assertionProperty ex:p ; owl:targetIndividual ex:b . ex:a ex:p ex:b .",
        "prp-npa",
    ),
    "different yet the same": ("ex:a owl:differentFrom ex:b . ex:a owl:sameAs ex:b .", "eq-diff1"),
    "asymmetric both ways": ("ex:p a owl:AsymmetricProperty . ex:a ex:p ex:b . ex:b ex:p ex:a .", "prp-asyp"),
}


@pytest.mark.parametrize("case", list(CLASHES))
def test_inconsistency_is_a_clash_for_rules_and_owlrl(case: str, tmp_path: Path) -> None:
    graph, rule = CLASHES[case]
    kg = kg_of(tmp_path, graph)
    with pytest.raises(Inconsistent) as rules:
        reason(kg, engine="rules")
    assert any(clash.startswith(f"{rule}: ") for clash in rules.value.clashes), rules.value.clashes
    with pytest.raises(Inconsistent) as owlrl:
        reason(kg, engine="owlrl")
    assert owlrl.value.clashes


@pytest.mark.parametrize("engine", ["rules", "auto", "owlrl"])
def test_cli_inconsistent_exits_1_one_line_per_clash_nothing_written(engine: str, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(PREFIXES + CLASHES["disjoint classes"][0] + " ex:y a owl:Nothing .\n", encoding="utf-8")
    out = tmp_path / "closure.ttl"
    result = CliRunner().invoke(cli, ["--kg", str(path), "reason", "--engine", engine, "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert not out.exists()
    lines = result.stderr.splitlines()
    assert len(lines) == (2 if engine != "owlrl" else len(lines)) and lines
    assert all(line.startswith("stdkg: inconsistent: ") for line in lines)
    if engine != "owlrl":
        assert lines == [
            "stdkg: inconsistent: cax-dw: <http://example.org/x> is in disjoint classes "
            "<http://example.org/A> and <http://example.org/B>",
            "stdkg: inconsistent: cls-nothing2: <http://example.org/y> is an instance of owl:Nothing",
        ]
    exported = CliRunner().invoke(cli, ["--kg", str(path), "export", "--inferred", "-o", str(out)])
    assert exported.exit_code == 1
    assert not out.exists()


def test_owlrl_error_reports_never_become_data(tmp_path: Path) -> None:
    kg = kg_of(tmp_path, 'ex:x ex:born "1988-02-30"^^xsd:date .')
    with pytest.raises(Inconsistent) as caught:
        reason(kg, engine="owlrl")
    assert all(clash.startswith("owlrl: ") for clash in caught.value.clashes)
    assert "1988-02-30" in " ".join(caught.value.clashes)


def test_owlrl_fallback_keeps_asserted_blank_nodes_once(tmp_path: Path) -> None:
    """owlrl reads the asserted blank nodes with their labels: none comes back as an 'inferred' copy."""
    kg = kg_of(tmp_path, 'ex:x ex:p [ ex:q "v" ; ex:r [ ex:s ex:y ] ] .')
    closure = reason(kg, engine="owlrl")
    assert closure.inferred_lines == []
    assert closure.asserted == 4


def test_rules_decline_triple_terms_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "star.ttl"
    path.write_text(PREFIXES + "ex:a ex:p ex:b {| ex:source ex:s |} .\n", encoding="utf-8")
    with pytest.raises(EngineDeclined):
        reason(stdkg.load([path]), engine="rules")
    result = CliRunner().invoke(cli, ["--kg", str(path), "reason", "--engine", "rules"])
    assert result.exit_code == 2
    assert result.stderr == (
        "stdkg: error: the rules engine cannot reason over this input: it holds RDF-star triple terms\n"
    )


# -- literals as written ----------------------------------------------------------------------------


def test_literals_stay_as_written_where_owlrl_rewrites_them(tmp_path: Path) -> None:
    """owlrl (through rdflib) writes a ``…Z`` dateTime again as ``…+00:00``, which would read as a
    new triple; both engines give the literal back as written."""
    kg = kg_of(tmp_path, 'ex:p rdfs:subPropertyOf ex:q . ex:x ex:p "2020-06-30T12:00:00Z"^^xsd:dateTime .')
    written = f'{iri("x")} {iri("q")} "2020-06-30T12:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .'
    assert inferred(kg, "rules") == inferred(kg, "owlrl") == {written}


def test_literal_equality_by_value_is_not_applied(tmp_path: Path) -> None:
    """dt-eq and dt-diff (literals equal or different by value) are left out, as owlrl leaves them:
    two values of a functional datatype property make no clash and no written consequence."""
    kg = kg_of(
        tmp_path,
        'ex:age a owl:FunctionalProperty . ex:x ex:age 3, 4 . ex:y ex:age 5, "05"^^xsd:integer .',
    )
    closure = reason(kg, engine="rules")
    assert closure.inferred_lines == []
    assert closure.dropped == {"literal subject": 4}  # "3" owl:sameAs "4" and back, used inside
    assert reason(kg, engine="owlrl").inferred_lines == []
