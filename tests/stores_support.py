"""Helpers shared by the triple-store tests: synthetic graphs, normalised graph comparison, ports
that refuse or never answer."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from stdkg.stores.payloads import normalise_literal

BASE = "https://w3id.org/stdkg/"
FIXTURES = Path(__file__).parent / "fixtures" / "stores"


def synthetic_ntriples(n: int, seed: str = "a") -> bytes:
    """About ``n`` distinct triples in our vocabulary (organisations, people, memberships)."""
    lines: list[str] = []
    i = 0
    while len(lines) < n:
        org = f"<{BASE}id/org/synth-{seed}-{i}>"
        person = f"<{BASE}id/person/synth-{seed}-{i}>"
        lines += [
            f"{org} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#FormalOrganization> .",
            f'{org} <http://www.w3.org/2000/01/rdf-schema#label> "Body {i} \\"{seed}\\" é"@en .',
            f'{org} <http://www.w3.org/2004/02/skos/core#prefLabel> "Organisme {i}"@fr .',
            f'{person} <http://xmlns.com/foaf/0.1/name> "Person {i}" .',
            f"{person} <http://www.w3.org/ns/org#memberOf> {org} .",
            f'{person} <https://schema.org/birthDate> "19{i % 100:02d}-01-0{1 + i % 9}"^^<http://www.w3.org/2001/XMLSchema#date> .',
            f'{org} <https://schema.org/numberOfEmployees> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        ]
        i += 1
    return ("\n".join(lines[:n]) + "\n").encode("utf-8")


def write_synthetic(folder: Path, n: int, seed: str = "a") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synth-{seed}.nt"
    path.write_bytes(synthetic_ntriples(n, seed))
    return path


def _term(term: object) -> tuple[str, ...]:
    if isinstance(term, ox.Literal):
        lang = term.language
        return ("L", *normalise_literal(term.value, None if lang else term.datatype.value, lang))
    if isinstance(term, ox.BlankNode):
        return ("B",)
    return ("I", str(getattr(term, "value", term)))


def normalised(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> set[tuple[tuple[str, ...], ...]]:
    """A graph as a set of normalised triples (the graphs here have no blank nodes)."""
    return {(_term(t.subject), _term(t.predicate), _term(t.object)) for t in ox.parse(data, format=fmt)}


def query_cases() -> list[str]:
    """Every named query's name, as pytest params."""
    from stdkg import queries

    return [q.name for q in queries.catalogue()]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(sock.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        sock.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
