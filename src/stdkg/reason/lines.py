"""The line engine: the OWL RL rules compiled to lookup tables over N-Triples lines.

It gives the closure of the general engine (:mod:`stdkg.reason.owl`) with no store at all: it reads
the schema from the few lines that can hold one (:func:`schema_store`), compiles the closed schema
into tables keyed by the N-Triples text of predicates and classes, and writes in one pass over the
asserted lines every line that follows from each of them, closing transitive properties in Python
on the way. It declines graphs that use ``owl:sameAs`` or where rules would feed each other beyond
that one pass (see :meth:`LinePlan.compile`); those go to the general engine.
``tests/test_reason_lines.py`` checks that the two engines agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rdf.ntriples import decode, encode
from ..vocab import OWL, RDF, RDFS
from .schema import SAME, SCO, SPO, TYPE, Schema, blank_schema, unsupported

if TYPE_CHECKING:
    import pyoxigraph


#: An (encoded) line that may hold schema: it names an OWL term or an RDFS schema property.
#: Everything :func:`~stdkg.reason.schema.unsupported` and :func:`~stdkg.reason.schema.read_schema`
#: read is on such lines.
_SCHEMA_LINE = re.compile(
    rb"<http://www\.w3\.org/(?:2002/07/owl#|2000/01/rdf-schema#(?:subClassOf|subPropertyOf|domain|range)\x00)"
)

#: Predicates of the triples the schema closure adds, plus rdf:type and owl:sameAs: the line engine
#: applies rules to asserted triples only, so none of these may take part in a rule.
_NOT_IN_RULES = frozenset(
    {
        TYPE,
        SCO,
        SPO,
        SAME,
        RDFS + "domain",
        RDFS + "range",
        OWL + "equivalentClass",
        OWL + "equivalentProperty",
    }
)


#: Classes whose instances make rules of their own: a class of the schema closure below one of
#: them would need the general engine.
_RULE_CLASSES = frozenset(
    OWL + name
    for name in (
        "TransitiveProperty",
        "SymmetricProperty",
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "IrreflexiveProperty",
        "AsymmetricProperty",
        "Nothing",
        "AllDifferent",
        "AllDisjointClasses",
        "AllDisjointProperties",
        "Restriction",
        "NegativePropertyAssertion",
    )
)


def schema_store(data: bytes) -> pyoxigraph.Store:
    """A store with the lines of ``data`` (encoded N-Triples, see :func:`stdkg.reason.encode`) that
    may hold schema (see :data:`_SCHEMA_LINE`)."""
    import pyoxigraph as ox

    chunks: list[bytes] = []
    last = -1
    for m in _SCHEMA_LINE.finditer(data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        if start == last:  # a second match on the same line
            continue
        last = start
        end = data.find(b"\n", m.start())
        chunks.append(data[start : len(data) if end < 0 else end] + b"\n")
    store = ox.Store()
    if chunks:
        store.load(decode(b"".join(chunks)), format=ox.RdfFormat.N_TRIPLES)
    return store


def _term(iri: str) -> bytes:
    """An IRI as pyoxigraph writes it in N-Triples, encoded (see :func:`stdkg.reason.encode`)."""
    import pyoxigraph as ox

    return encode(str(ox.NamedNode(iri)).encode())


_Rule = tuple[
    tuple[bytes, ...],  # forward implications: b" <q> " (line: s + q + o)
    tuple[bytes, ...],  # backward implications: b" <q> " (line: o + q + s, o not a literal)
    tuple[bytes, ...],  # subject types: b" <rdf:type> <c> ." (line: s + t)
    tuple[bytes, ...],  # subject types when o is not a literal
    tuple[bytes, ...],  # object types (o not a literal): b" <rdf:type> <c> ."
    tuple[tuple[int, bool], ...],  # edges of transitive property k, reversed or not
]


@dataclass
class LinePlan:
    """The rules compiled to lookup tables over N-Triples lines (the fast path of the rules engine).

    One pass over the asserted lines writes every consequence of each line, because the schema is
    closed beforehand: a property's row already holds the classes that its subject and object get
    through the properties it implies, with their superclasses (prp-spo1, prp-inv1/2, prp-symp,
    prp-dom, prp-rng, cax-sco). ``rdf:type`` lines get the superclasses of their class. The edges
    of each transitive property (its own and those of the properties that imply it) are collected
    on the way and closed in Python; each pair reached is a line of that property whose
    consequences are written the same way (prp-trp). :meth:`compile` declines the graphs where
    that would not give the general engine's closure.
    """

    type_key: bytes
    supers: dict[bytes, tuple[bytes, ...]]
    """``b"<c> ."`` (an rdf:type line's object) -> ``b" <rdf:type> <d> ."`` for each superclass."""
    rules: dict[bytes, _Rule]
    """Predicate (``b"<p>"``) -> its row."""
    transitive: list[bytes]
    """The transitive properties, by edge index."""
    schema_lines: list[bytes]
    """The inferred schema triples (scm-* rules)."""

    @classmethod
    def compile(cls, schema: Schema, schema_graph: pyoxigraph.Store) -> LinePlan | None:
        """The plan for ``schema``, or None when the graph needs the general engine: it uses OWL
        beyond the rules compiled here (``owl:sameAs``, restrictions, ``owl:Nothing``…, see
        :func:`~stdkg.reason.schema.unsupported`), schema with blank nodes, a rule involves
        ``rdf:type``, ``owl:sameAs`` or a property of the schema closure, a class gets a type that
        makes rules of its own (a subclass of ``owl:TransitiveProperty``…), or a transitive
        property implies a transitive property (itself included: symmetric)."""
        import pyoxigraph as ox

        if unsupported(schema_graph) is not None or blank_schema(schema_graph):
            return None
        involved = set(schema.implies) | set(schema.domains) | set(schema.ranges) | schema.transitive
        involved |= {q for qs in schema.implies.values() for q, _inv in qs}
        if involved & _NOT_IN_RULES or any(p.startswith((RDF, OWL)) for p in involved):
            return None
        classes = set(schema.supers) | {
            c for table in (schema.supers, schema.domains, schema.ranges) for cs in table.values() for c in cs
        }
        if classes & _RULE_CLASSES:
            return None
        for p in schema.transitive:
            if any(q in schema.transitive for q, _inv in schema.implies.get(p, ())):
                return None

        type_key = _term(TYPE)
        is_a = b" " + type_key + b" "

        def types(classes: Iterable[str]) -> tuple[bytes, ...]:
            return tuple(is_a + _term(c) + b" ." for c in sorted(set(classes)))

        def props(names: Iterable[str]) -> tuple[bytes, ...]:
            return tuple(b" " + _term(q) + b" " for q in sorted(names))

        transitive = sorted(schema.transitive)
        edges: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        for k, p in enumerate(transitive):
            edges[p].append((k, False))
            for r, implied in schema.implies.items():
                for q, inv in implied:
                    if q == p:
                        edges[r].append((k, inv))
        rules: dict[bytes, _Rule] = {}
        for p in set(schema.implies) | set(schema.domains) | set(schema.ranges) | set(edges):
            forward = {q for q, inv in schema.implies.get(p, ()) if not inv}
            backward = {q for q, inv in schema.implies.get(p, ()) if inv}
            subject = set(schema.domains.get(p, ()))
            subject_nl: set[str] = set()
            object_nl = set(schema.ranges.get(p, ()))
            for q in forward:
                subject |= schema.domains.get(q, set())
                object_nl |= schema.ranges.get(q, set())
            for q in backward:
                subject_nl |= schema.ranges.get(q, set())
                object_nl |= schema.domains.get(q, set())
            # the inverse triple of a literal value has a literal subject: not written, but the
            # ranges of the properties it implies still type the subject
            subject |= subject_nl
            rules[_term(p)] = (
                props(forward),
                props(backward),
                types(subject),
                (),
                types(object_nl),
                tuple(sorted(set(edges.get(p, ())))),
            )
        supers = {_term(c) + b" .": types(ds) for c, ds in schema.supers.items()}
        triples = [
            ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))
            for s, p, o in sorted(schema.schema_triples)
        ]
        schema_nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return cls(
            type_key=type_key,
            supers=supers,
            rules=rules,
            transitive=[_term(p) for p in transitive],
            schema_lines=encode(schema_nt).split(b"\n"),
        )

    def run(self, lines: Iterable[bytes]) -> list[bytes]:
        """Every line of the closure of ``lines`` that the rules add (with repeats, and asserted
        lines among them): the schema lines, each line's consequences, the transitive closures."""
        out, edges = _consequences(lines, self.type_key, self.supers, self.rules, len(self.transitive))
        out += self.schema_lines
        for k, p in enumerate(self.transitive):
            pairs = [x + b" " + p + b" " + z + b" ." for x, z in _reachable(edges[k])]
            row = self.rules[p]
            more, _ = _consequences(pairs, self.type_key, {}, {p: (*row[:5], ())}, 0)
            out += pairs
            out += more
        return out


def _consequences(
    lines: Iterable[bytes],
    type_key: bytes,
    supers: dict[bytes, tuple[bytes, ...]],
    rules: dict[bytes, _Rule],
    n_edges: int,
) -> tuple[list[bytes], list[list[tuple[bytes, bytes]]]]:
    """The lines the rows of ``rules`` (and ``supers``) write for each line, and the edges of the
    transitive properties. The inner loop of the line engine: it runs once per asserted triple."""
    out: list[bytes] = []
    add = out.append
    edges: list[list[tuple[bytes, bytes]]] = [[] for _ in range(n_edges)]
    row_of = rules.get
    supers_of = supers.get
    for line in lines:
        if not line:
            continue
        s, p, o = line.split(b" ", 2)  # o keeps the closing " ."
        if p == type_key:
            for t in supers_of(o, ()):
                add(s + t)
            continue
        row = row_of(p)
        if row is None:
            continue
        forward, backward, subject, subject_nl, object_nl, edge = row
        for q in forward:
            add(s + q + o)
        for t in subject:
            add(s + t)
        if o[0] == 34:  # a literal: its inverse triples and types have a literal subject (not written)
            for k, rev in edge:  # but a transitive property still carries it on
                edges[k].append((o[:-2], s) if rev else (s, o[:-2]))
            continue
        obj = o[:-2]
        tail = s + b" ."
        for q in backward:
            add(obj + q + tail)
        for t in subject_nl:
            add(s + t)
        for t in object_nl:
            add(obj + t)
        for k, rev in edge:
            edges[k].append((obj, s) if rev else (s, obj))
    return out, edges


def _reachable(edges: list[tuple[bytes, bytes]]) -> Iterator[tuple[bytes, bytes]]:
    """Every pair (x, z) joined by a path of one or more edges."""
    succ: dict[bytes, set[bytes]] = defaultdict(set)
    for a, b in edges:
        succ[a].add(b)
    for x in succ:
        seen: set[bytes] = set()
        todo = list(succ[x])
        while todo:
            y = todo.pop()
            if y not in seen:
                seen.add(y)
                todo.extend(succ.get(y, ()))
        for z in seen:
            yield x, z


__all__ = ["LinePlan", "schema_store"]
