"""Bounded inputs: entity bombs, deep nesting, huge terms and special files end in one line, exit 2."""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkg import inputs
from stdkg import kg as kgmod
from stdkg.errors import InputError, ParseError

ROOT = Path(__file__).resolve().parents[1]
#: Address space for each command run here: the bundled graph needs far less, a bomb far more.
MEMORY_CAP = 1536 * 1024 * 1024

RDF_HEAD = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
)


def _bomb(levels: int = 9) -> str:
    decls = ['<!ENTITY l0 "lollollollollol">']
    decls += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(decls)
        + "\n]>\n"
        + RDF_HEAD
        + f'<rdf:Description rdf:about="http://example.org/x"><ex:p>&l{levels};</ex:p></rdf:Description>\n'
        + "</rdf:RDF>\n"
    )


def _nested(depth: int, open_: str = "[ ex:p ", close: str = " ]") -> str:
    return f"@prefix ex: <http://example.org/> .\nex:s ex:p {open_ * depth}1{close * depth} .\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "stdkg", "-q", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        env=env,
        cwd=ROOT,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 and one line; ``check`` reports a file that does not parse as its failed parse check."""
    if "check" in result.args:
        assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
        assert result.stderr.strip() == "stdkg: check failed: parse"
        failed = [line.strip() for line in result.stdout.splitlines()[:2]]
        assert failed[0] == "FAIL  parse: 1 of 1 files do not parse", result.stdout
        for word in words:
            assert word in failed[1], failed[1]
        return
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]


COMMANDS = [
    ["stats"],
    ["export", "-f", "nt"],
    ["export", "-f", "ttl"],
    ["validate"],
    ["check"],
    ["reason"],
    ["query", "-e", "SELECT * WHERE { ?s ?p ?o }"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_entity_bomb_is_refused_by_every_command(tmp_path: Path, command: list[str]) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_bomb())
    result = _run("--kg", str(bomb), *command)
    _one_line_error(result, f"{bomb}:", "entity references expand to more than")


@pytest.mark.parametrize("command", [["export", "-f", "nt"], ["check"]], ids=lambda c: c[0])
@pytest.mark.parametrize("shape", ["blank", "list"])
def test_deep_nesting_is_refused(tmp_path: Path, command: list[str], shape: str) -> None:
    path = tmp_path / "deep.ttl"
    if shape == "blank":
        path.write_text(_nested(200_000))
    else:
        path.write_text(_nested(200_000, "( ", " )"))
    result = _run("--kg", str(path), *command)
    _one_line_error(result, f"{path}:2:", "nested more than 64 levels deep")


def test_a_huge_literal_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "big.ttl"
    path.write_bytes(
        b'@prefix ex: <http://example.org/> .\nex:s ex:p "' + b"a" * (17 * 1024 * 1024) + b'" .\n'
    )
    result = _run("--kg", str(path), "export", "-f", "nt")
    _one_line_error(result, f"{path}:2:", "longer than 16 MiB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "kg.ttl"
    os.mkfifo(fifo)
    result = _run("--kg", str(fifo), "stats")
    _one_line_error(result, f"{fifo}: a FIFO")
    with pytest.raises(InputError, match="character device"):
        kgmod.discover(["/dev/null"])


# -- what is still allowed, and the limits themselves ---------------------------------------------


def test_plain_entities_and_shallow_nesting_still_load(tmp_path: Path) -> None:
    rdf = tmp_path / "owl.rdf"
    rdf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY ex "http://example.org/">\n'
        '<!ENTITY two "&ex;two">\n]>\n'
        + RDF_HEAD
        + '<rdf:Description rdf:about="&ex;one"><ex:p rdf:resource="&two;"/></rdf:Description>\n'
        "</rdf:RDF>\n"
    )
    ttl = tmp_path / "nested.ttl"
    ttl.write_text(_nested(64) + _nested(64, "( ", " )") + "ex:t ex:p '''[[[(((''' . # [[[[\n")
    kg = kgmod.load([rdf, ttl])
    got = {(t.subject.value, t.object.value) for t in kg.store.quads_for_pattern(None, None, None)}
    assert ("http://example.org/one", "http://example.org/two") in got
    assert len(kg) == 1 + (64 + 1) + (2 * 64 + 1) + 1  # rdf, blank nodes, lists, strings


def test_limits_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ttl = tmp_path / "deep.ttl"
    ttl.write_text(_nested(100))
    with pytest.raises(ParseError, match="nested more than 64"):
        kgmod.load([ttl])
    monkeypatch.setenv("STDKG_MAX_NESTING", "100")
    assert len(kgmod.load([ttl])) == 101
    monkeypatch.setenv("STDKG_MAX_NESTING", "lots")
    with pytest.raises(InputError, match="STDKG_MAX_NESTING"):
        kgmod.load([ttl])
    monkeypatch.delenv("STDKG_MAX_NESTING")
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_bomb(3))  # 15 * 1000 characters
    monkeypatch.setenv("STDKG_MAX_ENTITY_EXPANSION", "14999")
    with pytest.raises(ParseError, match="expand to more than 14,999"):
        kgmod.load([bomb])
    monkeypatch.setenv("STDKG_MAX_ENTITY_EXPANSION", "15000")
    assert len(kgmod.load([bomb])) == 1


@pytest.mark.parametrize(
    ("decl", "message"),
    [
        ('<!ENTITY x SYSTEM "file:///etc/passwd">', "external entity &x; refused"),
        ('<!ENTITY % x "y">', "parameter entity %x refused"),
        ('<!ENTITY x "&y;">\n<!ENTITY y "&x;">', "refers to itself"),
    ],
)
def test_external_parameter_and_recursive_entities_are_refused(
    tmp_path: Path, decl: str, message: str
) -> None:
    rdf = tmp_path / "x.rdf"
    rdf.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{decl}\n]>\n'
        + RDF_HEAD
        + '<rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description>\n'
        "</rdf:RDF>\n"
    )
    with pytest.raises(ParseError, match=message):
        kgmod.load([rdf])


def test_gzip_inputs_are_bounded_too(tmp_path: Path) -> None:
    path = tmp_path / "deep.ttl.gz"
    path.write_bytes(gzip.compress(_nested(65).encode()))
    with pytest.raises(ParseError, match=r"deep\.ttl\.gz:2:"):
        kgmod.load([path])
    assert inputs.max_nesting() == inputs.MAX_NESTING


def _deep_jsonld(depth: int) -> str:
    return (
        '{"@id": "http://example.org/s", "http://example.org/p": '
        + '{"http://example.org/p": ' * depth
        + "1"
        + "}" * depth
        + "}"
    )


def _deep_rdfxml(depth: int) -> str:
    return (
        '<?xml version="1.0"?>\n'
        + RDF_HEAD
        + '<rdf:Description rdf:about="http://example.org/s">'
        + "<ex:p><rdf:Description>" * depth
        + "<ex:q>1</ex:q>"
        + "</rdf:Description></ex:p>" * depth
        + "</rdf:Description></rdf:RDF>\n"
    )


@pytest.mark.parametrize(("name", "make"), [("deep.jsonld", _deep_jsonld), ("deep.rdf", _deep_rdfxml)])
def test_deep_jsonld_and_rdfxml_are_refused(tmp_path: Path, name: str, make: Callable[[int], str]) -> None:
    path = tmp_path / name
    path.write_text(make(100_000))
    result = _run("--kg", str(path), "export", "-f", "nt")
    _one_line_error(result, f"{path}:", "nested more than 132 levels deep")
    shallow = tmp_path / f"shallow-{name}"
    shallow.write_text(make(64))
    assert len(kgmod.load([shallow])) == 65


def test_check_path_applies_the_bounds_for_other_parsers(tmp_path: Path) -> None:
    """For code that hands a user's file to another parser (rdflib expands entity bombs too)."""
    bomb = tmp_path / "shapes.rdf"
    bomb.write_text(_bomb())
    with pytest.raises(ParseError, match="entity references expand"):
        inputs.check_path(bomb)
    deep = tmp_path / "shapes.ttl.gz"
    deep.write_bytes(gzip.compress(_nested(65).encode()))
    with pytest.raises(ParseError, match="nested more than 64"):
        inputs.check_path(deep)
    fine = tmp_path / "fine.ttl"
    fine.write_text(_nested(3))
    inputs.check_path(fine)
    with pytest.raises(InputError, match="character device"):
        inputs.check_path("/dev/null")
