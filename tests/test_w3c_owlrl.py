"""OWL 2 RL: stdkg's ``reason`` against owlrl on W3C material (tests/w3c/owl2, tests/w3c/vocab).

The reference is owlrl's ``DeductiveClosure(OWLRL_Semantics)`` with its defaults (no axiomatic or
datatype-axiom triples), run on the files as rdflib parses them.

What stdkg is held to
    For a consistent input: exactly the reference closure *as stdkg writes closures*, i.e.
    owlrl's closure without the triples stdkg leaves out by design
    (:func:`tests.w3c_support.dropped_by_design`): generalized-RDF triples (a literal subject: owlrl
    may still use them to reach other triples, which stdkg must then write too), axioms whose
    subject is an RDF/RDFS/OWL/XSD term, and tautologies true of every resource (``x owl:sameAs
    x``, ``x rdf:type owl:Thing``, …). Both graphs are compared after canonical blank-node naming,
    so a relabelled copy of a blank node's triples is an extra, and literals must come back as
    written. For an inconsistent input (owlrl writes an ``ErrorMessage`` node): no closure at all —
    the library raises a ``StdkgError`` with exit code 1, the CLI exits 1 with nothing on stdout
    and the clashes on stderr.

The W3C OWL 2 test cases (RL profile, RDF-based semantics; the 87 the OWL Working Group approved)
    A positive-entailment test passes when the conclusion graph is entailed (its blank nodes
    existential) and the closure is the reference one; conclusion triples of the dropped kinds are
    checked on owlrl alone (:func:`test_rl_dropped_conclusions_hold_in_owlrl`). An inconsistency
    test passes when the input is refused as inconsistent.

W3C vocabularies with instance data (:data:`VOCABULARIES`)
    the closure is the reference one, on ORG, SKOS with ODRL, FOAF, PROV-O, DCAT 3 with the
    DCAT 3 examples, and OWL-Time with its examples.

Ways of running: ``owlrl`` (the reference on its own, to document what owlrl itself gets
right), ``library`` (``stdkg.reason.reason`` with its default engine), ``cli`` (``stdkg --kg F
reason --format nt``, default engine) and ``cli-rules`` (``--engine rules``). ``cli-rules`` may
decline an input it does not cover — exit 2 with one line on stderr, no traceback — but never
answer wrong. Today's failures are in :data:`KNOWN_FAILURES` (strict xfail).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rdflib
from click.testing import CliRunner

import stdkg
from stdkg.errors import StdkgError
from tests.w3c_support import (
    VOCAB_DIR,
    OwlCase,
    as_written,
    closure_difference,
    dropped_by_design,
    missing_conclusions,
    normalised,
    ntriples,
    owl_cases,
    owlrl_closure,
    owlrl_inconsistent,
    parse_rdf,
    reference_view,
)

WAYS = ("owlrl", "library", "cli", "cli-rules")
STDKG = ("library", "cli", "cli-rules")
DEFAULT = ("library", "cli")
RULES = ("cli-rules",)

#: The vocabularies of issue 12 with instance data: name -> files (below tests/w3c/vocab).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "org": ("ns/org.ttl", "instances/org-instances.ttl"),
    "skos-odrl": ("retog/skos.ttl", "ns/odrl/ODRL22.ttl", "instances/odrl-instances.ttl"),
    "foaf": ("retog/foaf.ttl", "instances/foaf-instances.ttl"),
    "prov-o": ("ns/prov-o.ttl", "instances/prov-instances.ttl"),
    "dcat3": ("dxwg/dcat3.ttl", "dxwg/examples/*.ttl"),
    "time": (
        "sdw/time.ttl",
        "sdw/OWL-Time-examples.ttl",
        "sdw/abraham-lincoln.ttl",
        "sdw/geologicTimeScale.ttl",
    ),
}

_NO_CLASH = "the inconsistency is not reported (a closure is written, exit 0)"
_COPIES = "the owlrl fallback writes a relabelled copy of every blank-node triple"
_TRACEBACK = "--engine rules on an input it declines ends in a traceback (EngineUnavailable), not exit 2"
_REWRITTEN = "a literal comes back rewritten by the store"
_DATETIME = 'each xsd:dateTime in "Z" also comes back a second time in "+00:00" (rdflib\'s form)'

#: test id -> (the defect, the ways it fails in). Delete a row (or a way) when it is fixed.
KNOWN_FAILURES: dict[str, tuple[str, tuple[str, ...]]] = {
    # -- inconsistencies not reported (owlrl finds each of them) ---------------------------------
    "rdfbased-sem-bool-complement-inst": (f"owl:complementOf clash: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-char-asymmetric-inst": (f"owl:AsymmetricProperty: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-char-asymmetric-term": (f"owl:AsymmetricProperty: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-char-irreflexive-inst": (f"owl:IrreflexiveProperty: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-class-nothing-ext": (f"a member of owl:Nothing: {_NO_CLASH}", STDKG),
    "rdfbased-sem-eqdis-different-irrflxv": (f"x owl:differentFrom x: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-different-sameas": (
        f"owl:sameAs with owl:differentFrom: {_NO_CLASH}; {_TRACEBACK}",
        STDKG,
    ),
    "rdfbased-sem-eqdis-disclass-eqclass": (f"owl:disjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-disclass-inst": (f"owl:disjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-disclass-irrflxv": (f"owl:disjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-disprop-eqprop": (f"owl:propertyDisjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-disprop-inst": (f"owl:propertyDisjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-eqdis-disprop-irrflxv": (f"owl:propertyDisjointWith: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-ndis-alldifferent-fw": (f"owl:AllDifferent: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-ndis-alldifferent-fw-distinctmembers": (
        f"owl:AllDifferent: {_NO_CLASH}; {_TRACEBACK}",
        STDKG,
    ),
    "rdfbased-sem-ndis-alldisjointclasses-fw": (f"owl:AllDisjointClasses: {_NO_CLASH}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-ndis-alldisjointproperties-fw": (
        f"owl:AllDisjointProperties: {_NO_CLASH}; {_TRACEBACK}",
        STDKG,
    ),
    "rdfbased-sem-npa-dat-fw": (f"negative data property assertion: {_NO_CLASH}", STDKG),
    "rdfbased-sem-npa-ind-fw": (f"negative object property assertion: {_NO_CLASH}", STDKG),
    "rdfbased-sem-restrict-maxcard-inst-obj-zero": (
        f"owl:maxCardinality 0: {_NO_CLASH}; {_TRACEBACK}",
        STDKG,
    ),
    "rdfbased-sem-restrict-maxqcr-inst-obj-zero": (
        f"owl:maxQualifiedCardinality 0: {_NO_CLASH}; {_TRACEBACK}",
        STDKG,
    ),
    # -- closures that differ from owlrl's -----------------------------------------------------------
    "rdfbased-sem-bool-intersection-inst-comp": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-bool-intersection-inst-expr": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-bool-intersection-term": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-bool-union-inst-comp": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-bool-union-term": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-chain-def": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-enum-inst-included": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-key-def": (f"{_COPIES}; {_TRACEBACK}", STDKG),
    "rdfbased-sem-restrict-maxcard-inst-obj-one": (
        f'{_REWRITTEN} ("1"^^xsd:nonNegativeInteger as xsd:integer); {_TRACEBACK}',
        STDKG,
    ),
    "rdfbased-sem-restrict-maxqcr-inst-obj-one": (
        f'{_REWRITTEN} ("1"^^xsd:nonNegativeInteger as xsd:integer); {_TRACEBACK}',
        STDKG,
    ),
    # -- declined by --engine rules, with a traceback --------------------------------------------------
    "rdfbased-sem-char-inversefunc-inst": (f"owl:InverseFunctionalProperty: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-allvalues-cmp-class": (f"owl:allValuesFrom: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-allvalues-cmp-prop": (f"owl:allValuesFrom: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-allvalues-inst-obj": (f"owl:allValuesFrom: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-hasvalue-cmp-prop": (f"owl:hasValue: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-hasvalue-inst-obj": (f"owl:hasValue: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-hasvalue-inst-subj": (f"owl:hasValue: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-somevalues-cmp-class": (f"owl:someValuesFrom: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-somevalues-cmp-prop": (f"owl:someValuesFrom: {_TRACEBACK}", RULES),
    "rdfbased-sem-restrict-somevalues-inst-subj": (f"owl:someValuesFrom: {_TRACEBACK}", RULES),
    # -- the vocabularies ----------------------------------------------------------------------------
    "vocab/org": (
        f"{_COPIES} (290 blank-node triples for 218); {_DATETIME}; {_TRACEBACK} (owl:propertyChainAxiom)",
        STDKG,
    ),
    "vocab/skos-odrl": (
        f"{_COPIES} (1118 blank-node triples for 964); {_TRACEBACK} (owl:FunctionalProperty)",
        STDKG,
    ),
    "vocab/foaf": (f"{_COPIES} (8 blank-node triples for 4); {_TRACEBACK} (owl:FunctionalProperty)", STDKG),
    "vocab/prov-o": (
        f"{_COPIES} (948 blank-node triples for 755); {_DATETIME}; {_TRACEBACK} (owl:propertyChainAxiom)",
        STDKG,
    ),
    "vocab/dcat3": (
        f'{_COPIES} (1108 blank-node triples for 592); {_DATETIME}; {_REWRITTEN} ("30.0"^^xsd:decimal '
        f'as "30"); {_TRACEBACK} (owl:propertyChainAxiom)',
        STDKG,
    ),
    "vocab/time": (
        f'{_COPIES} (1858 blank-node triples for 1419); {_REWRITTEN} ("2015-04-21T14:14:03.00" as '
        f'"2015-04-21T14:14:03"); {_TRACEBACK} (owl:FunctionalProperty)',
        STDKG,
    ),
}


def _params_rl() -> list[Any]:
    out = []
    for case in owl_cases():
        for way in WAYS:
            defect, ways = KNOWN_FAILURES.get(case.name, ("", ()))
            marks = [pytest.mark.xfail(strict=True, reason=defect)] if way in ways else []
            out.append(pytest.param(case, way, id=f"{case.name}-{way}", marks=marks))
    return out


def _params_vocab() -> list[Any]:
    out = []
    for name in VOCABULARIES:
        for way in STDKG:
            defect, ways = KNOWN_FAILURES.get(f"vocab/{name}", ("", ()))
            marks = [pytest.mark.slow]
            if way in ways:
                marks.append(pytest.mark.xfail(strict=True, reason=defect))
            out.append(pytest.param(name, way, id=f"vocab/{name}-{way}", marks=marks))
    return out


# -- the reference, once per input -------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    inconsistent: bool
    closure: rdflib.Graph
    """owlrl's whole closure (generalized triples included)."""
    expected: bytes
    """What stdkg must write: :func:`reference_view` of the closure, as N-Triples."""


@cache
def reference(paths: tuple[Path, ...]) -> Reference:
    premise = parse_rdf(list(paths))
    closure = owlrl_closure(premise)
    return Reference(owlrl_inconsistent(closure), closure, ntriples(reference_view(closure, premise)))


def vocabulary_files(name: str) -> tuple[Path, ...]:
    files: list[Path] = []
    for pattern in VOCABULARIES[name]:
        found = sorted(VOCAB_DIR.glob(pattern))
        assert found, f"{pattern}: no such vendored file"
        files.extend(found)
    return tuple(files)


# -- running stdkg -------------------------------------------------------------------------------------


@dataclass
class Outcome:
    closure: bytes | None = None
    """The closure as N-Triples, when one was written."""
    inconsistent: bool = False
    declined: str | None = None


def _library(paths: tuple[Path, ...]) -> Outcome:
    from stdkg.reason import reason

    try:
        closure = reason(stdkg.load(list(paths)))
    except StdkgError as exc:
        if exc.exit_code == 1:
            return Outcome(inconsistent=True)
        return Outcome(declined=str(exc))
    return Outcome(closure=closure.ntriples())


def _cli(paths: tuple[Path, ...], *engine: str) -> Outcome:
    from stdkg.cli import cli

    args = ["-q", *(a for p in paths for a in ("--kg", str(p))), "reason", "--format", "nt", *engine]
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code == 1:
        assert not result.stdout_bytes, "an inconsistent graph must write nothing as data"
        assert result.stderr.strip(), "an inconsistent graph must say why on stderr"
        return Outcome(inconsistent=True)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"a refusal is one line on stderr, got:\n{result.stderr}"
        return Outcome(declined=lines[0])
    assert result.exit_code == 0, result.stderr
    return Outcome(closure=result.stdout_bytes)


def _run(paths: tuple[Path, ...], way: str) -> Outcome:
    if way == "owlrl":
        ref = reference(paths)
        return Outcome(closure=None if ref.inconsistent else ref.expected, inconsistent=ref.inconsistent)
    if way == "library":
        return _library(paths)
    if way == "cli":
        return _cli(paths)
    return _cli(paths, "--engine", "rules")


def _check_closure(paths: tuple[Path, ...], way: str, outcome: Outcome) -> None:
    ref = reference(paths)
    assert not outcome.inconsistent, f"{way}: reported an inconsistency owlrl does not find"
    if outcome.declined is not None:
        assert way == "cli-rules", f"{way} refused the input: {outcome.declined}"
        return
    assert outcome.closure is not None
    difference = closure_difference(ref.expected, outcome.closure)
    assert difference is None, f"{way}:\n{difference}"


# -- the W3C OWL 2 RL test cases -------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "way"), _params_rl())
def test_rl(case: OwlCase, way: str) -> None:
    paths = (case.premise,)
    ref = reference(paths)
    outcome = _run(paths, way)
    if case.kind == "INCONSISTENCY":
        assert ref.inconsistent or way != "owlrl", "owlrl misses the inconsistency"
        if outcome.declined is not None and way == "cli-rules":
            return
        assert outcome.inconsistent, f"{way}: {_NO_CLASH}"
        return
    assert case.kind == "POSITIVE_ENTAILMENT", case.kind
    assert case.conclusion is not None
    conclusion = parse_rdf([case.conclusion])
    if way == "owlrl":
        assert not ref.inconsistent
        assert missing_conclusions(ref.closure, conclusion) == []
        return
    _check_closure(paths, way, outcome)
    if outcome.closure is None:
        return
    wanted = rdflib.Graph()
    for triple in conclusion:
        if dropped_by_design(triple) is None:
            wanted.add(triple)
    written = rdflib.Graph()
    with as_written():
        written.parse(data=outcome.closure, format="nt")
    assert missing_conclusions(normalised(written), wanted) == []


def test_rl_dropped_conclusions_hold_in_owlrl() -> None:
    """The conclusion triples stdkg leaves out by design are ones owlrl does derive: the
    difference is only in what is written, and it is the documented one."""
    seen = 0
    for case in owl_cases():
        if case.conclusion is None:
            continue
        conclusion = parse_rdf([case.conclusion])
        dropped = rdflib.Graph()
        for triple in conclusion:
            if dropped_by_design(triple) is not None:
                dropped.add(triple)
        if len(dropped):
            seen += 1
            assert missing_conclusions(reference((case.premise,)).closure, dropped) == [], case
    assert seen == 18


def test_rl_suite_is_complete() -> None:
    cases = owl_cases()
    assert len(cases) == 87
    kinds = sorted({c.kind for c in cases})
    assert kinds == ["INCONSISTENCY", "POSITIVE_ENTAILMENT"]
    assert len([c for c in cases if c.kind == "INCONSISTENCY"]) == 21


# -- W3C vocabularies with instance data ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "way"), _params_vocab())
def test_vocabulary(name: str, way: str) -> None:
    paths = vocabulary_files(name)
    ref = reference(paths)
    assert not ref.inconsistent, f"owlrl finds {name} inconsistent"
    _check_closure(paths, way, _run(paths, way))
