"""The ontology's axioms do not make a reasoner conclude nonsense about the bundled data.

(a) the OWL RL closure (owlrl) of ontology + data still conforms to the data shapes;
(b) in that closure no node has two types that must stay apart (the pairs are listed explicitly);
(c) ontology + data are OWL 2 DL consistent for HermiT (through owlready2; needs Java).
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import require_tool

PREFIXES = {
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "stdkg": "https://w3id.org/stdkg/ns#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

#: (class A, class B): no node of the closure may be typed with both.
DISJOINT_PAIRS = [
    # a person is not an organization
    ("foaf:Person", "org:Organization"),
    ("foaf:Person", "org:FormalOrganization"),
    ("foaf:Person", "org:OrganizationalUnit"),
    ("foaf:Person", "schema:Organization"),
    ("schema:Person", "org:Organization"),
    ("schema:Person", "schema:Organization"),
    # a post is neither a person nor an organization
    ("org:Post", "foaf:Person"),
    ("org:Post", "schema:Person"),
    ("org:Post", "org:Organization"),
    ("org:Post", "schema:Organization"),
    # a commitment is not an agent
    ("stdkg:Commitment", "foaf:Agent"),
    ("stdkg:Commitment", "prov:Agent"),
    ("stdkg:Commitment", "foaf:Person"),
    ("stdkg:Commitment", "org:Organization"),
    # a role is not an organization (nor a person)
    ("org:Role", "org:Organization"),
    ("org:Role", "schema:Organization"),
    ("org:Role", "foaf:Person"),
    # memberships, statements, quotations, events, places, intervals and evidence are not agents
    ("org:Membership", "foaf:Agent"),
    ("stdkg:JointStatement", "foaf:Agent"),
    ("schema:Quotation", "foaf:Agent"),
    ("schema:Event", "foaf:Agent"),
    ("schema:Place", "foaf:Agent"),
    ("time:Interval", "foaf:Agent"),
    ("oa:SpecificResource", "foaf:Agent"),
    # an organization is not a place, a source document is not an organization
    ("org:Organization", "schema:Place"),
    ("schema:NewsArticle", "org:Organization"),
    ("skos:Concept", "foaf:Person"),
]


@pytest.fixture(scope="module")
def closure_kg() -> Any:
    """The closure as a KG (same sources and layout as the bundled graph, for reports)."""
    import stdkg
    from stdkg.kg import KG
    from stdkg.reason import reason

    kg = stdkg.load()
    closure = reason(kg)
    assert closure.inferred, "the closure adds nothing: is the ontology loaded?"
    return KG(closure.graph, kg.sources, kg.layout)


def test_closure_still_conforms_to_the_data_shapes(closure_kg: Any) -> None:
    from stdkg.validate import result_lines, validate

    report = validate(closure_kg)
    violations = [ln for ln in result_lines(closure_kg, report) if ln.startswith("Violation")]
    assert violations == []


@pytest.mark.parametrize(("a", "b"), DISJOINT_PAIRS, ids=[f"{a}-{b}" for a, b in DISJOINT_PAIRS])
def test_closure_keeps_disjoint_kinds_apart(closure_kg: Any, a: str, b: str) -> None:
    rows = closure_kg.store.query(f"SELECT ?x WHERE {{ ?x a {a} , {b} }} ORDER BY ?x", prefixes=PREFIXES)
    both = [row["x"].value for row in rows]
    assert both == [], f"typed both {a} and {b} in the OWL RL closure"


def test_disjoint_pairs_name_classes_the_data_uses(closure_kg: Any) -> None:
    """Each pair's first class has instances, so the test above is not vacuous."""
    firsts = sorted({a for a, _ in DISJOINT_PAIRS})
    empty = [a for a in firsts if not closure_kg.store.query(f"ASK {{ ?x a {a} }}", prefixes=PREFIXES)]
    assert empty == []


def test_owl2_dl_consistency_with_hermit() -> None:
    require_tool("java", "HermiT (through owlready2) runs on Java")
    import stdkg
    from stdkg.check import check_owl_dl

    outcome = check_owl_dl(stdkg.load())
    assert outcome.status == "passed", [outcome.summary, *outcome.details]
    assert outcome.summary.startswith("consistent (HermiT, ")
