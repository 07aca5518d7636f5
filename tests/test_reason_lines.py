"""The rules engine's line engine (:class:`stdkg.reason.lines.LinePlan`) and the closure as lines.

The line engine must give exactly what the general engine (:class:`stdkg.reason.owl.Reasoner`)
gives, drops included, on every graph it accepts; the graphs it declines go to the general engine. The closure's writers must give the bytes of :mod:`stdkg.export` for the same
triples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import stdkg
from stdkg import synth
from stdkg.formats import RdfFormat
from stdkg.rdf.ntriples import canonical_ntriples, decode, encode, sort_ntriples
from stdkg.rdf.serialize import serialize_ntriples
from stdkg.reason import Asserted, Closure, lines, reason, schema

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "reason"
LINES = FIXTURES / "lines.ttl"
BNODES = FIXTURES / "lines-bnodes.ttl"
EX = "https://w3id.org/stdkg/test/lines#"


def general_closure(kg: stdkg.KG, monkeypatch: pytest.MonkeyPatch) -> Closure:
    """The rules engine with the line engine turned off (the general engine)."""
    with monkeypatch.context() as m:
        m.setattr(lines.LinePlan, "compile", classmethod(lambda cls, schema, graph: None))
        return reason(kg, engine="rules")


def plan_for(kg: stdkg.KG) -> lines.LinePlan | None:
    graph = lines.schema_store(Asserted.of(kg).data)
    return lines.LinePlan.compile(schema.read_schema(graph), graph)


def lines_of(closure: Closure) -> tuple[set[str], set[str]]:
    """The inferred triples and the closure, blank nodes canonical (each run of a KG reads its
    files again, with fresh blank-node labels)."""
    return (
        set(canonical_ntriples(closure.ntriples(only_inferred=True)).decode().splitlines()),
        set(canonical_ntriples(closure.ntriples()).decode().splitlines()),
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lines") / "clean.nt"
    synth.write_file(path, synth.bodies_for(10_000), seed=3)
    return path


@pytest.mark.parametrize("name", ["fixture", "blank-nodes", "bundled", "synthetic"])
def test_line_engine_equals_general_engine(
    name: str, synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths: dict[str, list[Path] | None] = {
        "fixture": [LINES],
        "blank-nodes": [BNODES],
        "bundled": None,
        "synthetic": [ROOT / "ontology", synthetic],
    }
    kg = stdkg.load(paths[name])
    assert plan_for(kg) is not None, "the line engine should accept this graph"
    fast = reason(kg, engine="rules")
    slow = general_closure(kg, monkeypatch)
    assert slow.engine == fast.engine == "rules"
    assert lines_of(fast) == lines_of(slow)

    def written_drops(closure: Closure) -> dict[str, int]:
        # "literal subject" counts what each engine derived with one: the general engine derives
        # every such triple (and uses it), the line engine only those that lead somewhere
        return {why: n for why, n in closure.dropped.items() if why != "literal subject"}

    assert (fast.asserted, len(fast.inferred_lines), written_drops(fast)) == (
        slow.asserted,
        len(slow.inferred_lines),
        written_drops(slow),
    )
    assert fast.inferred_lines


def test_fixture_closure_equals_owlrl_through_literal_subjects(monkeypatch: pytest.MonkeyPatch) -> None:
    """owlrl reasons in generalized RDF: from ``x hasPart "lit"`` it derives ``"lit" partOf x`` and
    from that (range of partOf) ``x a Whole``. Both rules engines reach the same consequences; the
    triples with a literal subject themselves are not written."""
    kg = stdkg.load([LINES])
    owlrl = {str(t) for t in reason(kg, engine="owlrl").inferred}
    typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert {f"<{EX}x> {typ} <{EX}Whole>", f"<{EX}z> {typ} <{EX}Piece>"} <= owlrl
    assert {str(t) for t in reason(kg, engine="rules").inferred} == owlrl
    assert {str(t) for t in general_closure(kg, monkeypatch).inferred} == owlrl


def test_fixture_corners() -> None:
    closure = reason(stdkg.load([LINES]), engine="rules")
    inferred = {str(t) for t in closure.inferred}
    typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

    def has(s: str, p: str, o: str) -> bool:
        return (
            f"<{EX}{s}> {p if p == typ else f'<{EX}{p}>'} {o if o.startswith(chr(34)) else f'<{EX}{o}>'}"
            in inferred
        )

    # transitive through a subproperty and an inverse; a literal can end a chain
    assert has("a", "partOf", "d") and has("w", "partOf", "a") is False and has("a", "partOf", "w")
    assert has("y", "partOf", '"a literal whole"') and has("d", "hasPart", "a")
    # an inverse of a literal-valued triple is not written, and a literal gets no type, but what
    # follows from them is (the range of partOf, from "…" partOf x)
    assert not any(t.startswith('"') for t in inferred)
    assert has("x", typ, "Whole")
    # types from domains and ranges of implied properties, and superclasses
    assert has("e", typ, "Person") and has("e", typ, "Agent") and has("e", "knows", "a")
    assert has("e", "note", '"e"@en') and has("e", typ, "Named")
    assert has("s", "q", "o") and has("s", typ, "Q")
    # dropped: rdfs:label's inherited domain, range and superproperties (built-in subject);
    # a, e, p1, t a owl:Thing; Actor, Person rdfs:subClassOf owl:Thing; knows rdfs:range owl:Thing;
    # the one literal-subject triple the line engine writes ("a literal whole" hasPart y)
    assert closure.dropped == {"about a built-in term": 4, "literal subject": 1, "tautology": 7}


@pytest.mark.parametrize(
    "extra",
    [
        "<urn:x> <http://www.w3.org/2002/07/owl#sameAs> <urn:y> .",
        "<urn:isA> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> .",
        "<urn:r> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> "
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf> .",
        "<urn:t2> a <http://www.w3.org/2002/07/owl#TransitiveProperty> . "
        "<https://w3id.org/stdkg/test/lines#partOf> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <urn:t2> .",
        "<https://w3id.org/stdkg/test/lines#partOf> a <http://www.w3.org/2002/07/owl#SymmetricProperty> .",
    ],
    ids=[
        "sameAs",
        "rdf:type implied",
        "schema property implied",
        "transitive implies transitive",
        "symmetric transitive",
    ],
)
def test_graphs_the_line_engine_declines(extra: str, tmp_path: Path) -> None:
    """These go to the general engine, whose closure is still owlrl's."""
    more = tmp_path / "more.ttl"
    more.write_text(extra + "\n<urn:x> <urn:p> <urn:z> .\n")
    kg = stdkg.load([LINES, more])
    assert plan_for(kg) is None
    closure = reason(kg, engine="rules")
    assert closure.engine == "rules"
    assert closure.inferred_lines
    assert {str(t) for t in closure.inferred} == {str(t) for t in reason(kg, engine="owlrl").inferred}


def test_owl_rules_fixture_uses_the_general_engine() -> None:
    kg = stdkg.load([ROOT / "tests" / "fixtures" / "scale" / "owl-rules.ttl"])  # uses owl:sameAs
    assert plan_for(kg) is None


def test_lazy_and_loaded_kgs_give_the_same_closure(tmp_path: Path) -> None:
    again = tmp_path / "again.nt"  # a triple stated in two files
    again.write_text(f"<{EX}a> <{EX}unitOf> <{EX}b> .\n<{EX}v> <{EX}unitOf> <{EX}a> .\n")
    paths = [LINES, again]
    lazy = reason(stdkg.load(paths, lazy=True), engine="auto")
    loaded = reason(stdkg.load(paths), engine="auto")
    assert lines_of(lazy) == lines_of(loaded)
    assert lazy.asserted == loaded.asserted == len(set(lazy.asserted_lines))
    assert lazy.sorted_ntriples() == loaded.sorted_ntriples()


def test_asserted_lines_are_distinct_and_keep_their_order(tmp_path: Path) -> None:
    first = tmp_path / "a.nt"
    second = tmp_path / "b.nt"
    first.write_text("<urn:b> <urn:p> <urn:c> .\n<urn:a> <urn:p> <urn:c> .\n")
    second.write_text("<urn:a> <urn:p> <urn:c> .\n<urn:d> <urn:p> <urn:c> .\n")
    asserted = Asserted.of(stdkg.load([first, second], lazy=True))
    assert [decode(line) for line in asserted.lines] == [
        b"<urn:b> <urn:p> <urn:c> .",
        b"<urn:a> <urn:p> <urn:c> .",
        b"<urn:d> <urn:p> <urn:c> .",
    ]


@pytest.mark.parametrize("paths", [[LINES], [BNODES], None], ids=["fixture", "blank-nodes", "bundled"])
@pytest.mark.parametrize("only_inferred", [False, True])
def test_writers_give_the_export_bytes(paths: list[Path] | None, only_inferred: bool) -> None:
    closure = reason(stdkg.load(paths), engine="auto")
    nt = closure.ntriples(only_inferred=only_inferred)
    if b"_:" not in nt:
        assert closure.sorted_ntriples(only_inferred=only_inferred) == sort_ntriples(nt, type_first=False)
    for fmt in RdfFormat:
        want = serialize_ntriples(nt, fmt)
        assert closure.serialize(fmt, only_inferred=only_inferred) == want, fmt


def test_encoding_sorts_like_the_export_order() -> None:
    nt = (
        b'<http://a/b> <http://p> "x" .\n<http://a> <http://p> <http://a/b> .\n<http://a-> <http://p> _:x .\n'
    )
    lines = encode(nt).split(b"\n")[:-1]
    assert decode(b"\n".join(sorted(lines)) + b"\n") == sort_ntriples(nt, type_first=False)


def test_closure_views_agree() -> None:
    closure = reason(stdkg.load([LINES]), engine="rules")
    assert len(closure.inferred) == len(closure.inferred_lines) == len(list(closure.inferred))
    assert closure.total == closure.asserted + len(closure.inferred_lines) == len(closure.triples())
    assert len(closure.graph) == closure.total
    assert [str(t) for t in closure.inferred] == sorted(str(t) for t in closure.inferred)
    assert closure.inferred[0] == next(iter(closure.inferred))
