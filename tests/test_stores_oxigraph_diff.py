"""The pieces of a replacing load into Oxigraph that need no server: the diff and the swap request."""

from __future__ import annotations

from stdkg.stores.oxigraph import ADDED_SUFFIX, REMOVED_SUFFIX, diff, swap_request
from stdkg.stores.payloads import Payload, has_blank_nodes
from stdkg.vocab import DEFAULT_GRAPH

A = b"<https://w3id.org/stdkg/id/a> <http://p> <http://o> ."
B = b'<https://w3id.org/stdkg/id/b> <http://p> "b"@en .'
C = b'<https://w3id.org/stdkg/id/c> <http://p> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .'


def _payload(graph: str | None, *lines: bytes) -> Payload:
    data = b"".join(line + b"\n" for line in lines)
    return Payload(graph, data, len(lines), has_blank_nodes(data))


def test_diff_is_line_set_difference() -> None:
    found = diff(_payload("http://g", B, C), A + b"\n" + B + b"\n" + A + b"\n")
    assert found.before == 2
    assert found.removed == [A]
    assert found.added == [C]
    assert found.size == len(A) + len(C) + 2
    assert found.contents() == ({B, C}, {A, B})
    same = diff(_payload("http://g", A, B), B + b"\n" + A + b"\n")
    assert (same.removed, same.added, same.before) == ([], [], 2)


def test_swap_request_data_form_and_its_undo() -> None:
    named = diff(_payload("http://g", B, C), A + b"\n" + B + b"\n")
    default = diff(_payload(None, A), C + b"\n")
    forward = swap_request([named, default], staged=False)
    assert forward == (
        b"DELETE DATA { GRAPH <http://g> {\n" + A + b"\n}\n} ;\n"
        b"INSERT DATA { GRAPH <http://g> {\n" + C + b"\n}\n} ;\n"
        b"DELETE DATA {\n" + C + b"\n} ;\n"
        b"INSERT DATA {\n" + A + b"\n}"
    )
    undo = swap_request([named], staged=False, undo=True)
    assert undo == (
        b"DELETE DATA { GRAPH <http://g> {\n" + C + b"\n}\n} ;\n"
        b"INSERT DATA { GRAPH <http://g> {\n" + A + b"\n}\n}"
    )


def test_swap_request_staged_form_reads_the_staging_graphs() -> None:
    named = diff(_payload("http://g", B, C), A + b"\n" + B + b"\n")
    only_added = diff(_payload(None, A, B), B + b"\n")
    text = swap_request([named, only_added], staged=True).decode()
    removed, added = "http://g" + REMOVED_SUFFIX, "http://g" + ADDED_SUFFIX
    default_added = DEFAULT_GRAPH + "/default" + ADDED_SUFFIX
    assert text.split(" ;\n") == [
        f"DELETE {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{removed}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{added}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{default_added}> {{ ?s ?p ?o }} }}",
    ]
    undo = swap_request([named], staged=True, undo=True).decode()
    assert undo.split(" ;\n") == [
        f"DELETE {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{added}> {{ ?s ?p ?o }} }}",
        f"INSERT {{ GRAPH <http://g> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{removed}> {{ ?s ?p ?o }} }}",
    ]
