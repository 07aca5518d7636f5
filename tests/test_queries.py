"""The named-query catalogue, parameter typing and binding, and engine parity."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from stdkg import kg as kgmod
from stdkg import queries as Q
from stdkg.errors import QueryError
from stdkg.queries.results import Results

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures" / "cli"
FIX_QUERIES = FIX / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def small_kg() -> kgmod.KG:
    return kgmod.load([FIX / "kg"])


# -- header -------------------------------------------------------------------------------------


def test_header_fields_and_continuations() -> None:
    text = (
        "# title: Commitments in order\n"
        "# description: The commitments of a statement in order,\n"
        "#   verbatim, with the bodies each binds.\n"
        "# param: statement iri = https://w3id.org/stdkg/id/statement/s -- The statement to list.\n"
        "# param: date date -- The day on which\n"
        "#   the post was held.\n"
        "# param: n integer=3\n"
        "PREFIX ex: <http://example.org/>\n"
        "# param: late string -- not part of the header\n"
        "SELECT * WHERE { ?s ?p ?o }\n"
    )
    q = Q.parse_header(text, name="c")
    assert q.title == "Commitments in order"
    assert q.description == ("The commitments of a statement in order, verbatim, with the bodies each binds.")
    assert [p.signature() for p in q.params] == [
        "statement:iri=https://w3id.org/stdkg/id/statement/s",
        "date:date",
        "n:integer=3",
    ]
    assert q.params[0].doc == "The statement to list."
    assert q.params[1].doc == "The day on which the post was held."
    assert q.params[1].required and not q.params[0].required
    assert q.form == "SELECT"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# param: x color", "unknown type 'color'"),
        ("# param: 9x iri", "bad param line"),
        ("# param: d date = 2025-13-01", "not a calendar date"),
    ],
)
def test_bad_header_lines(line: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Q.parse_header(line + "\nASK {}\n", name="bad")


def test_duplicate_param() -> None:
    with pytest.raises(QueryError, match="declared twice: x"):
        Q.parse_header("# param: x string\n# param: x iri\nASK {}\n", name="dup")


def test_catalogue_of_fixture_queries() -> None:
    names = [q.name for q in Q.catalogue(FIX_QUERIES)]
    assert names == ["describe-org", "founded-before", "has-unit", "organizations", "post-holders"]


def test_every_bundled_query_has_a_header() -> None:
    found = Q.catalogue()
    assert found, "queries/ holds no named query"
    for q in found:
        assert q.title, f"{q.name}: no title"
        assert q.description, f"{q.name}: no description"
        assert q.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def test_resolve_unknown_query() -> None:
    with pytest.raises(QueryError, match=r"unknown query 'nope' \(known: describe-org, "):
        Q.resolve("nope", FIX_QUERIES)


# -- parameter values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ptype", "value", "expected"),
    [
        ("iri", "https://w3id.org/stdkg/id/org/iso", ox.NamedNode("https://w3id.org/stdkg/id/org/iso")),
        ("iri", "<http://example.org/x>", ox.NamedNode("http://example.org/x")),
        ("iri", "stdorg:iso", ox.NamedNode("https://w3id.org/stdkg/id/org/iso")),
        ("string", 'say "hi" }', ox.Literal('say "hi" }')),
        ("lang", "en-GB", ox.Literal("en-GB")),
        ("date", "2025-12-02", ox.Literal("2025-12-02", datatype=ox.NamedNode(XSD + "date"))),
        ("date", "2025-12-02Z", ox.Literal("2025-12-02Z", datatype=ox.NamedNode(XSD + "date"))),
        ("integer", "+007", ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))),
        ("gyear", "1947", ox.Literal("1947", datatype=ox.NamedNode(XSD + "gYear"))),
        ("boolean", "TRUE", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
        ("boolean", "0", ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))),
    ],
)
def test_to_term(ptype: str, value: str, expected: object) -> None:
    assert Q.to_term(Q.Param("x", ptype), value) == expected


@pytest.mark.parametrize(
    ("ptype", "value", "message"),
    [
        ("iri", "not an iri", "not an absolute IRI"),
        ("iri", "http://exa mple.org/", "not a valid IRI"),
        ("lang", "en_GB", "not a BCP 47 language tag"),
        ("date", "2025-02-30", "not a calendar date"),
        ("date", "02/12/2025", r"not an xsd:date \(YYYY-MM-DD\)"),
        ("integer", "1.5", "not an integer"),
        ("gyear", "47", "not an xsd:gYear"),
        ("boolean", "yes", "not a boolean"),
    ],
)
def test_ill_typed_values(ptype: str, value: str, message: str) -> None:
    with pytest.raises(QueryError, match=f"parameter x \\({ptype}\\): .* is {message}"):
        Q.to_term(Q.Param("x", ptype), value)


def test_bind_errors() -> None:
    q = Q.resolve("post-holders", FIX_QUERIES)
    with pytest.raises(QueryError, match="needs parameter org"):
        Q.bind(q, {})
    with pytest.raises(
        QueryError, match=r"unknown parameter 'who' for query post-holders \(parameters: org:iri\)"
    ):
        Q.bind(q, {"org": "stdorg:iso", "who": "x"})
    with pytest.raises(QueryError, match="expected name=value"):
        Q.parse_assignments(["org"])
    with pytest.raises(QueryError, match="given twice"):
        Q.parse_assignments(["a=1", "a=2"])


# -- query text: form and WHERE group ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sparql", "form", "marker"),
    [
        ("PREFIX a: <http://a/>\nSELECT ?x WHERE { ?x a:p ?y }", "SELECT", "WHERE {"),
        ("select ?x { ?x ?p ?y }", "SELECT", "?x {"),
        ("# SELECT in a comment {\nASK { ?s ?p ?o }", "ASK", "ASK {"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT", "WHERE {"),
        ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", "CONSTRUCT", "} {"),
        ("DESCRIBE ?x WHERE { ?x ?p '}' }", "DESCRIBE", "WHERE {"),
        (
            'SELECT (CONCAT("{", ?a) AS ?b) WHERE { { SELECT ?a WHERE { ?a ?p ?o } } }',
            "SELECT",
            "WHERE {",
        ),
    ],
)
def test_form_and_where_group(sparql: str, form: str, marker: str) -> None:
    assert Q.query_form(sparql) == form
    assert Q.where_group_offset(sparql) == sparql.index(marker) + len(marker)


def test_values_block_uses_serialized_terms() -> None:
    sparql = "SELECT ?o WHERE { ?s ?p ?o }"
    text = Q.with_values(sparql, {"s": ox.NamedNode("http://e/a"), "n": ox.Literal('x" } DROP ALL')})
    assert text == (
        'SELECT ?o WHERE { VALUES ?s { <http://e/a> } VALUES ?n { "x\\" } DROP ALL" }  ?s ?p ?o }'
    )
    with pytest.raises(QueryError, match="CONSTRUCT WHERE cannot hold VALUES"):
        Q.with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": ox.NamedNode("http://e/a")})


# -- running ------------------------------------------------------------------------------------------


def test_parameter_bound_as_term_not_text(small_kg: kgmod.KG) -> None:
    q = Q.resolve("post-holders", FIX_QUERIES)
    res = Q.run(q, small_kg, params={"org": "stdorg:iso"})
    assert [r[2].value for r in res.rows] == ["Ada Example"]
    assert Q.run(q, small_kg, params={"org": "stdorg:iec"}).rows == ()


def test_unprojected_parameter_falls_back_to_values(small_kg: kgmod.KG) -> None:
    q = Q.resolve("founded-before", FIX_QUERIES)  # COUNT: ?day is not projected
    assert Q.run(q, small_kg).rows[0][0].value == "3"
    assert Q.run(q, small_kg, params={"day": "1900-01-01"}).rows[0][0].value == "1"


def test_bad_sparql_names_line_and_column(small_kg: kgmod.KG) -> None:
    with pytest.raises(QueryError, match=r"^bad SPARQL at line 2, column \d+: ") as info:
        Q.run("SELECT * WHERE {\n ?s ?p }", small_kg)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "name", ["describe-org", "founded-before", "has-unit", "organizations", "post-holders"]
)
def test_fixture_queries_same_on_both_engines(small_kg: kgmod.KG, name: str) -> None:
    q = Q.resolve(name, FIX_QUERIES)
    params = {"org": "stdorg:iso"} if name == "post-holders" else {}
    a = Q.run(q, small_kg, params=params)
    b = Q.run(q, small_kg, params=params, engine="rdflib")
    assert a.kind == b.kind
    assert len(a) > 0
    assert a.as_set() == b.as_set()


def _named_queries() -> list[str]:
    return [q.name for q in Q.catalogue()]


@pytest.mark.parametrize("name", _named_queries())
def test_named_query_engine_parity(bundled_kg: kgmod.KG, name: str) -> None:
    """Every named query gives the same answer on pyoxigraph, rdflib, and with VALUES binding."""
    q = Q.resolve(name)
    ox_result = Q.run(q, bundled_kg)
    rdflib_result = Q.run(q, bundled_kg, engine="rdflib")
    assert ox_result.kind == rdflib_result.kind
    assert ox_result.as_set() == rdflib_result.as_set()
    # the remote mechanism (a VALUES block) gives the same answer as substitutions
    values_text = Q.with_values(q.text, Q.bind(q, {}))
    via_values = Results.from_oxigraph(bundled_kg.store.query(values_text))
    assert via_values.as_set() == ox_result.as_set()


def test_results_normalisation() -> None:
    res = Results.select(
        ["a", "b"],
        [
            [ox.Literal("x", language="en-GB"), ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean"))],
            [ox.BlankNode("zz"), ox.Literal("007", datatype=ox.NamedNode(XSD + "integer"))],
            [ox.BlankNode("yy"), ox.BlankNode("zz")],
        ],
    )
    assert res.rows[0][0].language == "en-gb"
    assert res.rows[0][1].value == "true"
    assert res.rows[1] == (ox.BlankNode("b0"), ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")))
    assert res.rows[2] == (ox.BlankNode("b1"), ox.BlankNode("b0"))


def test_normalise_virtuoso_json() -> None:
    doc = {
        "head": {"link": [], "vars": ["x", "y"]},
        "results": {
            "distinct": False,
            "bindings": [
                {
                    "x": {"type": "typed-literal", "datatype": XSD + "integer", "value": "5"},
                    "y": {"type": "literal", "xml:lang": "EN", "value": "caf\u00e9"},
                }
            ],
        },
    }
    parsed = ox.parse_query_results(
        __import__("json").dumps(Q.normalise_json_results(doc)).encode(),
        format=ox.QueryResultsFormat.JSON,
    )
    res = Results.from_oxigraph(parsed)
    assert res.rows == (
        (ox.Literal("5", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("café", language="en")),
    )
    assert Q.normalise_json_results({"head": {}, "boolean": 1}) == {"head": {}, "boolean": True}


def test_virtuoso_ask_as_a_table() -> None:
    doc = {
        "head": {"link": [], "vars": ["__ASK_RETVAL"]},
        "results": {
            "bindings": [
                {"__ASK_RETVAL": {"type": "typed-literal", "datatype": XSD + "integer", "value": "1"}}
            ]
        },
    }
    assert Q.normalise_json_results(doc, ask=True) == {"head": {}, "boolean": True}
    empty = {"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}
    assert Q.normalise_json_results(empty, ask=True) == {"head": {}, "boolean": False}


def _tricky_results() -> Results:
    dt = ox.NamedNode(XSD + "anyURI")
    return Results.select(
        ["x", "y"],
        [
            [ox.Literal('a "quoted", line\nbreak\ttab'), ox.Literal("日本語", language="ja")],
            [ox.BlankNode("q1"), None],
            [ox.Literal("http://e/", datatype=dt), ox.Literal("<&>")],
            [ox.Literal("1.5e3", datatype=ox.NamedNode(XSD + "double")), ox.Literal("x|y")],
        ],
    )


def test_render_table_escapes_and_aligns_wide_characters() -> None:
    from stdkg.queries.render import render

    assert render(_tricky_results(), "table").decode() == (
        "x                             y\n"
        "----------------------------  -----------\n"
        'a "quoted", line\\nbreak\\ttab  "日本語"@ja\n'
        "_:b0\n"
        '"http://e/"^^xsd:anyURI       <&>\n'
        "1.5e3                         x|y\n"
    )
    assert render(_tricky_results(), "md").decode().splitlines()[-1] == "| 1.5e3 | x\\|y |"


def test_render_csv_tsv_xml_json_escape_per_spec() -> None:
    import json

    from stdkg.queries.render import render

    res = _tricky_results()
    assert render(res, "csv").decode() == (
        'x,y\r\n"a ""quoted"", line\nbreak\ttab",日本語\r\n_:b0,\r\nhttp://e/,<&>\r\n1.5e3,x|y\r\n'
    )
    assert render(res, "tsv").decode() == (
        "?x\t?y\n"
        '"a \\"quoted\\", line\\nbreak\\ttab"\t"日本語"@ja\n'
        "_:b0\t\n"
        '"http://e/"^^<http://www.w3.org/2001/XMLSchema#anyURI>\t"<&>"\n'
        '1.5e3\t"x|y"\n'
    )
    xml = render(res, "xml").decode()
    assert '<binding name="y"><literal>&lt;&amp;&gt;</literal></binding>' in xml
    assert '<binding name="x"><bnode>b0</bnode></binding>' in xml
    doc = json.loads(render(res, "json"))
    assert doc["results"]["bindings"][1] == {"x": {"type": "bnode", "value": "b0"}}
    assert doc["results"]["bindings"][0]["y"] == {"type": "literal", "value": "日本語", "xml:lang": "ja"}
    # pyoxigraph reads back what we write, to the same results
    for fmt, qrf in (
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ):
        back = Results.from_oxigraph(ox.parse_query_results(render(res, fmt), format=qrf))
        assert back == res, fmt


def test_graph_results_compare_blank_nodes_canonically() -> None:
    kg = kgmod.load([FIX / "tricky.ttl"])
    sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    a = Q.run(sparql, kg)
    b = Q.run(sparql, kg, engine="rdflib")
    assert len(a) == len(b) == 21
    assert a.as_set() == b.as_set()


def test_parameter_errors_carry_fields_not_flag_names() -> None:
    """The library says what is wrong in fields; only the command line names its options."""
    with pytest.raises(Q.ParameterError) as malformed:
        Q.parse_assignments(["org"])
    assert (malformed.value.problem, malformed.value.given) == ("malformed", "org")
    with pytest.raises(Q.ParameterError) as repeated:
        Q.parse_assignments(["a=1", "a=2"])
    assert (repeated.value.problem, repeated.value.name) == ("repeated", "a")
    q = Q.parse_header("# param: org iri\nSELECT * WHERE { ?org ?p ?o }", name="q")
    with pytest.raises(Q.ParameterError) as missing:
        Q.bind(q, {})
    assert (missing.value.problem, missing.value.name, missing.value.type) == ("missing", "org", "iri")
    assert missing.value.describe("--param") == "query q needs parameter org (iri): --param org=…"
    for error in (malformed.value, repeated.value, missing.value):
        assert "--" not in str(error)
    with pytest.raises(Q.UnknownQuery) as unknown:
        Q.resolve("no-such-query")
    assert unknown.value.name == "no-such-query"
    assert "commitments-in-order" in unknown.value.known
    assert "stdkg queries" not in str(unknown.value)


def test_format_mismatch_carries_fields() -> None:
    from stdkg.queries.render import FormatMismatch, check_format

    with pytest.raises(FormatMismatch) as e:
        check_format("graph", "csv")
    assert (e.value.given, e.value.kind) == ("csv", "graph")
    assert "ttl" in e.value.choices
    assert "--format" not in str(e.value)
    assert e.value.describe("--format").startswith("--format csv does not fit a graph result")


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", True),
        ("select * from named <urn:g> where { graph ?g { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ("# FROM <urn:g> in a comment\nSELECT * WHERE { ?s ?p 'FROM' }", False),
        ("SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } } }", False),
    ],
)
def test_names_its_dataset(sparql: str, expected: bool) -> None:
    """A query that picks its own graphs is sent to an endpoint without ``default-graph-uri``."""
    from stdkg.queries.text import names_its_dataset

    assert names_its_dataset(sparql) is expected
