"""SHACL-SPARQL texts in shapes (:mod:`stdkg.validate.shacl_sparql`): refused on their parse before
any engine runs them (``SERVICE`` never reaches the network, whatever the engine), pre-binding of
``$this`` as SHACL defines it, and prefixes declared through ``owl:imports``."""

from __future__ import annotations

import http.server
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

import stdkg
from stdkg.cli import cli
from stdkg.errors import InputError
from tests.servers import serve_handler

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex:> .
"""


def _shapes(tmp_path: Path, select: str, name: str = "shapes.ttl") -> Path:
    path = tmp_path / name
    body = ("PREFIX ex: <urn:ex:> " + select).replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(
        PREFIXES + f'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "{body}" ] .\n'
    )
    return path


def _data(tmp_path: Path) -> Path:
    path = tmp_path / "data.ttl"
    path.write_text(PREFIXES + "ex:a a ex:C ; ex:p ex:b .\nex:b a ex:C .\n")
    return path


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint stand-in that records every request it gets."""

    requests: ClassVar[list[str]] = []

    def _answer(self) -> None:
        type(self).requests.append(self.path)
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.mark.parametrize("engine", ["auto", "fast", "pyshacl", "turbo"])
def test_service_in_a_shape_is_refused_and_never_sent(tmp_path: Path, engine: str) -> None:
    from stdkg.validate import validate

    _Recorder.requests = []
    with serve_handler(_Recorder) as url:
        shapes = _shapes(
            tmp_path, f"SELECT $this WHERE {{ $this ex:p ?o . SERVICE <{url}/sparql> {{ ?o ?q ?r }} }}"
        )
        data = _data(tmp_path)
        with pytest.raises(InputError, match="SERVICE"):
            validate(stdkg.load([data]), shapes, engine=engine)
        result = CliRunner().invoke(
            cli, ["-q", "--kg", str(data), "validate", "--shapes", str(shapes), "--engine", engine]
        )
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "SERVICE" in result.stderr
    assert _Recorder.requests == []


def test_service_hidden_from_a_text_filter_is_still_found(tmp_path: Path) -> None:
    """A no-break space in an IRI before the keyword: the parse finds SERVICE, the listener hears nothing."""
    from stdkg.validate import validate

    _Recorder.requests = []
    with serve_handler(_Recorder) as url:
        select = f"SELECT $this WHERE {{ $this ex:p ?o FILTER(1 != <urn:x\u00a0#>) SERVICE <{url}/> {{ ?o ?q ?r }} }}"
        with pytest.raises(InputError, match=r"SERVICE|bad SPARQL"):
            validate(stdkg.load([_data(tmp_path)]), _shapes(tmp_path, select))
    assert _Recorder.requests == []


@pytest.mark.parametrize(
    ("select", "problem"),
    [
        ("SELECT $this WHERE { $this ?p ?o . MINUS { $this ex:p ?o } }", "MINUS"),
        ("SELECT $this WHERE { $this ?p ?o . VALUES ?o { ex:b } }", "VALUES"),
        ("SELECT $this WHERE { BIND (ex:a AS $this) }", "BIND"),
        ("SELECT $this WHERE { { SELECT ?o WHERE { ?s ex:p ?o } } }", "sub-query"),
        ("SELECT $this WHERE { { SELECT * WHERE { FILTER ($this = ex:a) } } }", "sub-query"),
    ],
)
def test_what_pre_binding_forbids_is_refused(tmp_path: Path, select: str, problem: str) -> None:
    from stdkg.validate import validate

    with pytest.raises(InputError, match=problem):
        validate(stdkg.load([_data(tmp_path)]), _shapes(tmp_path, select))


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { FILTER ($this = ex:a) }",
        "SELECT $this WHERE { { FILTER (bound($this)) } $this ex:p ex:b . }",
        "SELECT $this WHERE { BIND ($this AS ?that) FILTER (?that = ex:a) }",
        "SELECT $this WHERE { { SELECT $this WHERE { FILTER ($this = ex:a) } } }",
        "SELECT $this WHERE { $this ex:p ?o . OPTIONAL { ?o ex:q ?x } FILTER NOT EXISTS { ?o ex:r $this } }",
    ],
)
@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_this_is_pre_bound_to_each_focus_node(tmp_path: Path, select: str, engine: str) -> None:
    """Only ex:a violates, whichever way the query names $this (never "conforms" by mistake)."""
    from stdkg.validate import validate

    report = validate(stdkg.load([_data(tmp_path)]), _shapes(tmp_path, select), engine=engine)
    assert [r.focus_node for r in report.results] == ["urn:ex:a"]
    assert report.engine == ("stdkg-sparql" if engine == "fast" else "pyshacl")


def test_bind_this_leaves_strings_iris_comments_and_projections_alone() -> None:
    from stdkg.validate.shacl_sparql import bind_this

    text = 'SELECT $this ?x WHERE { $this <urn:p> "?this $this" . FILTER (bound(?this)) # $this\n }'
    assert bind_this(text, "<urn:a>") == (
        'SELECT $this ?x WHERE { <urn:a> <urn:p> "?this $this" . FILTER ((true)) # $this\n }'
    )


def test_which_queries_run_once_for_all_focus_nodes() -> None:
    from stdkg.validate.shacl_sparql import this_is_bound_first

    assert this_is_bound_first("SELECT $this ?v WHERE { $this <urn:p> ?v FILTER (?v != $this) }")
    assert not this_is_bound_first("SELECT $this WHERE { FILTER ($this = <urn:a>) }")
    assert not this_is_bound_first("SELECT $this WHERE { { FILTER (bound($this)) } $this <urn:p> ?v }")
    assert not this_is_bound_first("SELECT $this WHERE { BIND ($this AS ?t) $this <urn:p> ?t }")


def test_prefixes_come_through_owl_imports(tmp_path: Path) -> None:
    from stdkg.validate import validate

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        PREFIXES
        + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        + "@prefix x: <urn:ex:> .\n"
        + '<urn:decl> sh:declare [ sh:prefix "x" ; sh:namespace "urn:ex:" ] .\n'
        + "ex:P owl:imports <urn:decl> .\n"
        + "ex:S a sh:NodeShape ; sh:targetClass x:C ;\n"
        + '  sh:sparql [ sh:prefixes ex:P ; sh:select "SELECT $this WHERE { $this x:p x:b }" ] .\n'
    )
    report = validate(stdkg.load([_data(tmp_path)]), shapes)
    assert [r.focus_node for r in report.results] == ["urn:ex:a"]
    assert report.engine == "stdkg-sparql"
