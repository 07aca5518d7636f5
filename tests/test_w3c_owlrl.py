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
right), ``library`` (``stdkg.reason.reason`` with its default engine; on the vocabularies
``library-auto``, with ``engine="auto"``), ``cli`` (``stdkg --kg F reason --format nt``, default
engine) and ``cli-rules`` (``--engine rules``). ``cli-rules`` may
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
#: On the (larger) vocabularies the library runs with ``engine="auto"``, the CLI's default: its
#: own default engine is owlrl, the reference itself, which the RL cases cover at a fraction of
#: the time (owlrl takes seconds on each vocabulary).
VOCABULARY_WAYS = ("library-auto", "cli", "cli-rules")

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

#: test id -> (the defect, the ways it fails in). Add a row (strict xfail) for a known defect;
#: delete it when fixed. Empty since main@f688666 ("reason: all of OWL 2 RL/RDF (tables 4-9) with
#: consistency checks"); measured on main@dfbb5a2 just before it: library 56/87, cli 56/87,
#: cli-rules 46/87 RL cases and 0/6 vocabularies (inconsistencies not reported, a relabelled copy
#: of every blank-node triple from the owlrl fallback, literals rewritten, tracebacks from
#: --engine rules).
KNOWN_FAILURES: dict[str, tuple[str, tuple[str, ...]]] = {}


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
        for way in VOCABULARY_WAYS:
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


def _library(paths: tuple[Path, ...], *engine: str) -> Outcome:
    from stdkg.reason import reason

    try:
        kg = stdkg.load(list(paths))
        closure = reason(kg, engine=engine[0]) if engine else reason(kg)
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
    if way == "library-auto":
        return _library(paths, "auto")
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
        assert outcome.inconsistent, f"{way}: the inconsistency is not reported"
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


def test_cli_as_a_process() -> None:
    """The installed entry point, once, as a separate process, on an inconsistent input: exit 1,
    nothing on stdout, the clash on stderr, no traceback."""
    import os
    import subprocess
    import sys

    case = next(c for c in owl_cases() if c.name == "rdfbased-sem-eqdis-disclass-inst")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [sys.executable, "-m", "stdkg", "--kg", str(case.premise), "-q", "reason", "--format", "nt"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    assert done.stdout == b""
    assert done.stderr.strip()
    assert b"Traceback" not in done.stderr
