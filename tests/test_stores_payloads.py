"""What a load sends: payloads, batches, blank-node detection, the normalisation stores apply."""

from __future__ import annotations

import pytest

from stdkg.formats import RdfFormat
from stdkg.stores.payloads import batches, has_blank_nodes, insert_data, normalise_literal, payload_from_bytes

A = b"<https://w3id.org/stdkg/id/a> <http://p> <http://o> ."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (A + b"\n", False),
        (b"_:b0 <http://p> <http://o> .\n", True),
        (A + b"\n<http://s> <http://p> _:b1 .\n", True),
        (A + b"\n_:b2 <http://p> <http://o> .\n", True),
        (b'<http://s> <http://p> "_:not a node" .\n', False),
        (b"<http://s> <http://p> <<( _:b3 <http://p> <http://o> )>> .\n", True),
        (b"", False),
    ],
)
def test_has_blank_nodes(text: bytes, expected: bool) -> None:
    assert has_blank_nodes(text) is expected


def test_batches_cut_at_line_ends() -> None:
    data = b"".join(f'<http://s/{i}> <http://p> "{"x" * (i % 7)}" .\n'.encode() for i in range(1000))
    chunks = list(batches(data, 1000, 90))
    assert b"".join(c for c, _ in chunks) == data
    assert sum(n for _, n in chunks) == 1000
    assert all(c.endswith(b"\n") and n == c.count(b"\n") for c, n in chunks)
    assert 8 <= len(chunks) <= 14
    assert list(batches(data, 1000, 5000)) == [(data, 1000)]
    assert list(batches(b"", 0, 10)) == []


def test_insert_data_into_a_named_or_the_default_graph() -> None:
    assert insert_data("http://g", A + b"\n") == b"INSERT DATA { GRAPH <http://g> {\n" + A + b"\n}\n}\n"
    assert insert_data(None, A + b"\n") == b"INSERT DATA {\n" + A + b"\n}\n"


def test_payload_is_normalised_like_stores() -> None:
    ttl = (
        b'<http://a> <http://p> "x"@en-GB, "007"^^<http://www.w3.org/2001/XMLSchema#integer>, '
        b'"7"^^<http://www.w3.org/2001/XMLSchema#integer>, "x"^^<http://www.w3.org/2001/XMLSchema#string>, "x" .'
    )
    payload = payload_from_bytes("http://g", ttl, RdfFormat.TURTLE)
    assert payload.triples == 3
    assert b"@en-gb" in payload.data and not payload.blank_nodes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("A", None, "en-GB"), ("A", "@en-gb")),
        (("x", "http://www.w3.org/2001/XMLSchema#string", None), ("x", "")),
        (
            ("007", "http://www.w3.org/2001/XMLSchema#integer", None),
            ("7", "http://www.w3.org/2001/XMLSchema#integer"),
        ),
        (
            ("1", "http://www.w3.org/2001/XMLSchema#boolean", None),
            ("true", "http://www.w3.org/2001/XMLSchema#boolean"),
        ),
        (
            ("1.50", "http://www.w3.org/2001/XMLSchema#decimal", None),
            ("1.5", "http://www.w3.org/2001/XMLSchema#decimal"),
        ),
        (
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double", None),
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double"),
        ),
        (
            ("1e3", "http://www.w3.org/2001/XMLSchema#double", None),
            ("1000.0", "http://www.w3.org/2001/XMLSchema#double"),
        ),
        (
            ("2025-12-02", "http://www.w3.org/2001/XMLSchema#date", None),
            ("2025-12-02", "http://www.w3.org/2001/XMLSchema#date"),
        ),
    ],
)
def test_normalise_literal(args: tuple[str, str | None, str | None], expected: tuple[str, str]) -> None:
    assert normalise_literal(*args) == expected
