"""One definition of a fact node: the ontology's stdkg:provenanceRequired classes, read by `check`,
targeted by the SHACL provenance shape and by the facts-without-provenance query; all three agree."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import stdkg
from stdkg import queries
from stdkg.check import check, fact_classes
from stdkg.kg import Layout

from .conftest import ROOT

SH = "http://www.w3.org/ns/shacl#"
SHAPE = "https://w3id.org/stdkg/shapes#ProvenanceShape"


def shape_targets() -> set[str]:
    store = ox.Store()
    store.load(path=str(ROOT / "shapes" / "data.shapes.ttl"), format=ox.RdfFormat.TURTLE)
    shapes = [q.subject for q in store.quads_for_pattern(None, None, ox.NamedNode(SH + "NodeShape"))]
    shape = next(s for s in shapes if s.value.endswith("ProvenanceShape"))
    return {q.object.value for q in store.quads_for_pattern(shape, ox.NamedNode(SH + "targetClass"), None)}


def test_the_shape_targets_the_classes_the_ontology_marks(bundled_kg: stdkg.KG) -> None:
    assert shape_targets() == set(fact_classes(bundled_kg))
    assert len(shape_targets()) == 9


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("ontology", "shapes", "queries", "data", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_a_person_without_provenance_is_found_by_all_three(repo: Path) -> None:
    # the claims about Jo Cops are the only provenance a person has: drop them
    path = repo / "data" / "claims.ttl"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"claim:prnewswire-302629226-cops-post--jo-cops\n(?:    .*\n)+\n", "", text)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    for statement in ("jo-cops",):
        assert statement in path.parent.joinpath("people.ttl").read_text(encoding="utf-8")
    report = check(layout=Layout(repo), skip=["owl-dl"])
    provenance = report.outcome("provenance")
    assert provenance.failed
    assert any("Jo Cops <https://w3id.org/stdkg/id/person/jo-cops>" in d for d in provenance.details)
    shacl = report.outcome("shacl")
    assert any("jo-cops" in d and "Fact without provenance" in d for d in shacl.details)
    kg = stdkg.load(layout=Layout(repo))
    rows = queries.run(queries.resolve("facts-without-provenance"), kg).rows
    assert [(r[0].value, r[1].value) for r in rows] == [
        ("https://w3id.org/stdkg/id/person/jo-cops", "http://xmlns.com/foaf/0.1/Person")
    ]


def test_the_query_lists_the_fact_classes_and_their_subclasses(bundled_kg: stdkg.KG) -> None:
    text = (ROOT / "queries" / "facts-without-provenance.rq").read_text(encoding="utf-8")
    values = re.search(r"VALUES \?type \{([^}]*)\}", text)
    assert values is not None
    from stdkg.kg import PREFIXES

    listed = set()
    for name in values.group(1).split():
        prefix, local = name.split(":")
        listed.add(PREFIXES[prefix] + local)
    rows = bundled_kg.query(
        "PREFIX stdkg: <https://w3id.org/stdkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?c WHERE { ?t stdkg:provenanceRequired true . ?c rdfs:subClassOf* ?t }"
    )
    assert listed == {row["c"].value for row in rows}
