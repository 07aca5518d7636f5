"""Competency questions: every named query's answer on the bundled graph equals the expected answer
in tests/expected/ (compared order-insensitively), on both engines; parameterised cases check the
answers for other parameter values."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from stdkg import queries

EXPECTED = Path(__file__).parent / "expected"
NAMES = sorted(p.stem for p in EXPECTED.glob("*.json"))
ID = "https://w3id.org/stdkg/id/"


def answer(results: Any) -> Any:
    """The order-insensitive shape of a result, in the form the expected files use."""
    if results.kind == "ask":
        return {"boolean": results.boolean}
    if results.kind == "graph":
        return {"triples": sorted(line.decode() for line in results.as_set())}
    rows = Counter(
        tuple(sorted((v, str(t)) for v, t in zip(results.variables, row, strict=True) if t is not None))
        for row in results.rows
    )
    return {"vars": list(results.variables), "rows": rows}


def expected(name: str) -> Any:
    data = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    if "rows" in data:
        data["rows"] = Counter(tuple(sorted(row.items())) for row in data["rows"])
    if "triples" in data:
        data["triples"] = sorted(data["triples"])
    return data


def test_every_named_query_has_an_expected_answer() -> None:
    assert sorted(q.name for q in queries.catalogue()) == NAMES
    assert len(NAMES) >= 12


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", NAMES)
def test_named_query_gives_the_expected_answer(bundled_kg: Any, name: str, engine: str) -> None:
    results = queries.run(queries.resolve(name), bundled_kg, engine=engine)  # type: ignore[arg-type]
    assert answer(results) == expected(name)


@pytest.mark.parametrize("name", ["facts-without-provenance", "texts-without-evidence"])
def test_negative_checks_are_empty(bundled_kg: Any, name: str) -> None:
    assert len(queries.run(queries.resolve(name), bundled_kg)) == 0


def column(results: Any, var: str) -> list[str]:
    i = results.variables.index(var)
    return sorted(str(row[i]) for row in results.rows)


@pytest.mark.parametrize(
    ("post", "date", "holders"),
    [
        ("iso-president", "2025-12-02", ['"Sung Hwan Cho"']),  # attested by the press release
        ("iec-president", "2025-12-02", ['"Jo Cops"']),
        ("tsb-director", "2025-12-02", ['"Seizo Onoe"']),
        ("tsb-director", "2023-01-01", ['"Seizo Onoe"']),  # first day of the term (ITU)
        ("tsb-director", "2022-12-31", []),  # the day before
        ("iso-president", "2024-02-15", ['"Sung Hwan Cho"']),  # term from January 2024
        ("iso-president", "2024-01-15", []),  # within the month of the beginning: not certain
        ("iso-president", "2023-06-01", []),
        ("iec-president", "2024-03-01", ['"Jo Cops"']),  # mandate began in 2023
        ("iec-president", "2023-06-01", []),  # within the year of the beginning: not certain
        ("iso-president", "2026-03-01", []),  # after the last attestation, no end on record
    ],
)
def test_who_held_a_post_on_a_date(bundled_kg: Any, post: str, date: str, holders: list[str]) -> None:
    q = queries.resolve("post-holder-on-date")
    for engine in ("oxigraph", "rdflib"):
        results = queries.run(
            q, bundled_kg, params={"post": ID + "post/" + post, "date": date}, engine=engine
        )  # type: ignore[arg-type]
        assert column(results, "name") == holders, engine


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "en",
            [
                "International Electrotechnical Commission",
                "International Organization for Standardization",
                "International Telecommunication Union",
                "Korean Agency for Technology and Standards",
            ],
        ),
        ("es", ["Unión Internacional de Telecomunicaciones"]),
        ("ru", ["Международная организация по стандартизации"]),
        ("de", []),
    ],
)
def test_official_names_in_a_language(bundled_kg: Any, lang: str, names: list[str]) -> None:
    results = queries.run(queries.resolve("official-names"), bundled_kg, params={"lang": lang})
    assert sorted(row[results.variables.index("name")].value for row in results.rows) == sorted(names)


def test_parent_chain_of_itu_t_is_itu(bundled_kg: Any) -> None:
    results = queries.run(
        queries.resolve("parent-organizations"), bundled_kg, params={"organization": ID + "org/itu-t"}
    )
    assert column(results, "parent") == [f"<{ID}org/itu>"]


def test_nothing_is_headquartered_in_seoul(bundled_kg: Any) -> None:
    results = queries.run(
        queries.resolve("headquartered-in"), bundled_kg, params={"city": ID + "place/seoul"}
    )
    assert len(results) == 0


def test_evidence_span_of_a_quotation_part(bundled_kg: Any) -> None:
    node = ID + "quotation/prnewswire-302629226-onoe-2"
    results = queries.run(queries.resolve("evidence-span"), bundled_kg, params={"node": node})
    (row,) = results.rows
    exact = row[results.variables.index("exact")].value
    assert exact.startswith("The vision set out by this joint statement")
    assert int(row[results.variables.index("end")].value) - int(
        row[results.variables.index("start")].value
    ) == len(exact)


def test_binds_is_false_for_a_body_that_did_not_commit(bundled_kg: Any) -> None:
    params = {"organization": ID + "org/kats", "commitment": ID + "commitment/seoul-statement-2025-1"}
    assert queries.run(queries.resolve("binds"), bundled_kg, params=params).boolean is False
