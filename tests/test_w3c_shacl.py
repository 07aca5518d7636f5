"""The W3C SHACL test suite (tests/w3c/shacl, vendored from w3c/data-shapes) against stdkg.

Every entry of the suite runs in four ways:

``pyshacl``
    plain pySHACL on the test's files (``advanced=True``): the reference, measured so that a test
    pySHACL itself fails is documented as such and not counted against stdkg;
``library``
    ``stdkg.load`` + ``stdkg.validate.validate`` with the default engine, the report read back
    from ``render_turtle``;
``cli``
    ``stdkg --kg DATA validate --shapes SHAPES --format turtle`` (CliRunner), the exit code
    checked against the report (0 conforms, 1 does not, 2 an input error);
``own``
    our own engine forced (``engine=OWN_ENGINE_OPTION``): it must give the expected report, or
    decline — then another engine serves (the report's ``engine`` is not one of ``OWN_ENGINES``)
    and the test passes as a decline (what that engine answered is what ``library`` checks).

Reports are compared as the suite prescribes (see tests/w3c_support.py): isomorphic graphs over
the compared predicates, ``sh:resultMessage`` only where the test names the message. For stdkg
(not for pySHACL) ``sh:sourceShape`` triples naming a blank-node shape are left out on both sides:
stdkg's report names shapes by IRI only.

Core part: the expected report, exactly. SPARQL-based part: the expected report, or a clear
refusal (``StdkgError``; exit 2 with one line on stderr) — never a report that misses the
expected violations, never a traceback, never a network connection (sockets are closed for those
tests); an ``sht:Failure`` entry must be refused.

Today's failures are listed in :data:`KNOWN_FAILURES` (strict xfail: when a fix makes a test
pass, the run fails until its row is deleted).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import rdflib
from click.testing import CliRunner

import stdkg
from stdkg.errors import StdkgError
from stdkg.rdf.quiet import quiet_rdflib
from tests.w3c_support import (
    ShaclCase,
    actual_report,
    as_written,
    compare,
    expected_report,
    parse_file,
    shacl_cases,
    without_blank_shapes,
)

STDKG = ("library", "cli", "own")
ALL = ("pyshacl", *STDKG)

#: What forces our own engine, and the names it signs its reports with.
OWN_ENGINE_OPTION = "fast"
OWN_ENGINES = frozenset({"stdkg-sparql"})

_NOT_REFUSED = "answers a report where the input must be refused (sht:Failure)"

#: test name -> (the defect, the ways it fails in). Delete a row (or a way) when it is fixed.
KNOWN_FAILURES: dict[str, tuple[str, tuple[str, ...]]] = {
    # -- core ---------------------------------------------------------------------------------
    "core/property/uniqueLang-002": (
        'sh:uniqueLang "1"^^xsd:boolean must not switch the constraint on, but rdflib reads the shapes '
        'graph\'s "1"^^xsd:boolean as "true" (for pySHACL and for our engine alike)',
        ALL,
    ),
    # -- SPARQL-based constraints: pySHACL itself (stdkg refuses these before any engine runs) -
    "sparql/pre-binding/pre-binding-006": (
        f"$this not returned by a nested SELECT: {_NOT_REFUSED}",
        ("pyshacl",),
    ),
    "sparql/pre-binding/shapesGraph-001": ("$shapesGraph: pySHACL raises NotImplementedError", ("pyshacl",)),
    "sparql/pre-binding/unsupported-sparql-001": (f"MINUS in a constraint: {_NOT_REFUSED}", ("pyshacl",)),
    "sparql/pre-binding/unsupported-sparql-002": (f"VALUES in a constraint: {_NOT_REFUSED}", ("pyshacl",)),
    "sparql/pre-binding/unsupported-sparql-003": (f"SERVICE in a constraint: {_NOT_REFUSED}", ("pyshacl",)),
    "sparql/pre-binding/unsupported-sparql-004": (
        f"SELECT sub-query in a constraint: {_NOT_REFUSED}",
        ("pyshacl",),
    ),
    "sparql/pre-binding/unsupported-sparql-005": (
        f"BIND $this in a constraint: {_NOT_REFUSED}",
        ("pyshacl",),
    ),
    "sparql/pre-binding/unsupported-sparql-006": (
        f"custom component whose validator binds $this: {_NOT_REFUSED}",
        ("pyshacl",),
    ),
}


def _params(part: str) -> list[Any]:
    out = []
    for case in shacl_cases(part):
        for way in ALL:
            defect, ways = KNOWN_FAILURES.get(case.name, ("", ()))
            marks = [pytest.mark.xfail(strict=True, reason=defect)] if way in ways else []
            out.append(pytest.param(case, way, id=f"{case.name}-{way}", marks=marks))
    return out


# -- running one case -------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one way of running gave: a report graph, or a refusal (one-line error)."""

    report: rdflib.Graph | None = None
    refusal: str | None = None
    engine: str | None = None


def _pyshacl(case: ShaclCase) -> Outcome:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    with as_written():
        try:
            _conforms, graph, _text = pyshacl.validate(
                parse_file(case.data),
                shacl_graph=parse_file(case.shapes),
                advanced=True,
                inference="none",
                allow_warnings=False,
            )
        except ReportableRuntimeError as exc:
            return Outcome(refusal=str(exc.message))
    return Outcome(report=graph, engine="pyshacl")


def _library(case: ShaclCase, engine: str = "auto") -> Outcome:
    from stdkg.validate import render_turtle, validate

    try:
        kg = stdkg.load([case.data])
        report = validate(kg, case.shapes, engine=engine)
    except StdkgError as exc:
        return Outcome(refusal=str(exc))
    graph = rdflib.Graph()
    with as_written():
        graph.parse(data=render_turtle(report), format="turtle")
    return Outcome(report=graph, engine=report.engine)


def _cli(case: ShaclCase) -> Outcome:
    from stdkg.cli import cli

    args = ["-q", "--kg", str(case.data), "validate", "--shapes", str(case.shapes), "--format", "turtle"]
    with quiet_rdflib():
        result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"an input error must be one line on stderr, got:\n{result.stderr}"
        return Outcome(refusal=lines[0])
    graph = rdflib.Graph()
    with as_written():
        graph.parse(data=result.stdout, format="turtle")
    conforms = next(graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#conforms")), None)
    assert result.exit_code == (0 if conforms is not None and conforms.toPython() is True else 1), (
        f"exit {result.exit_code} does not match sh:conforms {conforms}: {result.stderr}"
    )
    return Outcome(report=graph)


def _run(case: ShaclCase, way: str) -> Outcome:
    if way == "pyshacl":
        return _pyshacl(case)
    if way == "cli":
        return _cli(case)
    return _library(case, OWN_ENGINE_OPTION if way == "own" else "auto")


def _difference(case: ShaclCase, way: str, outcome: Outcome) -> str | None:
    """``None`` when the report is the expected one, else what differs."""
    assert outcome.report is not None
    expected = expected_report(case)
    actual = actual_report(outcome.report, expected)
    if way != "pyshacl":
        expected, actual = without_blank_shapes(expected), without_blank_shapes(actual)
    return compare(expected, actual)


# -- the core part ------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "way"), _params("core"))
def test_core(case: ShaclCase, way: str) -> None:
    outcome = _run(case, way)
    assert outcome.refusal is None, f"{case}: refused a valid test: {outcome.refusal}"
    if way == "own" and outcome.engine not in OWN_ENGINES:
        return  # declined: another engine served, and `library` checks what it answered
    difference = _difference(case, way, outcome)
    assert difference is None, f"{case} ({way}, engine {outcome.engine}):\n{difference}"


def test_core_suite_is_complete() -> None:
    """The vendored core part is the whole suite: 98 entries, none expecting a failure."""
    cases = shacl_cases("core")
    assert len(cases) == 98
    assert not [c for c in cases if c.expects_failure]


# -- the SPARQL-based part ----------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every attempt to open a connection or to look a name up is refused and recorded."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any, *args: Any) -> Any:
        attempts.append(address)
        raise OSError("network disabled in this test")

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(host)
        raise OSError("name resolution disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "gethostbyname", resolve)
    yield attempts


@pytest.mark.parametrize(("case", "way"), _params("sparql"))
def test_sparql(case: ShaclCase, way: str, no_network: list[Any]) -> None:
    try:
        outcome = _run(case, way)
    finally:
        assert not no_network, f"{case} ({way}) tried to connect to {no_network}"
    if case.expects_failure:
        assert outcome.refusal is not None, f"{case} ({way}): {_NOT_REFUSED}"
        return
    if outcome.refusal is not None:
        assert outcome.refusal.strip(), f"{case} ({way}): an empty refusal"
        return  # refused with a clear error: allowed for the SPARQL-based part
    if way == "own" and outcome.engine not in OWN_ENGINES:
        return
    difference = _difference(case, way, outcome)
    assert difference is None, f"{case} ({way}, engine {outcome.engine}):\n{difference}"


def test_sparql_suite_is_complete() -> None:
    cases = shacl_cases("sparql")
    assert len(cases) == 22
    assert len([c for c in cases if c.expects_failure]) == 7


def test_cli_as_a_process() -> None:
    """The installed entry point, once, as a separate process: exit 1 and the expected report."""
    import os
    import subprocess
    import sys

    case = next(c for c in shacl_cases("core") if c.name == "core/node/class-001")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    args = ["--kg", str(case.data), "-q", "validate", "--shapes", str(case.shapes), "--format", "turtle"]
    done = subprocess.run(
        [sys.executable, "-m", "stdkg", *args], capture_output=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 1, done.stderr.decode()
    graph = rdflib.Graph()
    with as_written():
        graph.parse(data=done.stdout, format="turtle")
    assert _difference(case, "cli", Outcome(report=graph)) is None
