"""The OWL RL rules our ontology needs: a line engine, and SPARQL UPDATE run to a fixpoint on Oxigraph.

The schema part is small and is closed in Python first: the ``rdfs:subClassOf`` and
``rdfs:subPropertyOf`` hierarchies (with ``owl:equivalentClass``/``owl:equivalentProperty`` read as
two-way subsumption; rules scm-sco, scm-spo, scm-eqc1/2, scm-eqp1/2), domains and ranges inherited
along them (scm-dom1/2, scm-rng1/2), and for each property every property it implies through
``rdfs:subPropertyOf``, ``owl:inverseOf`` and ``owl:SymmetricProperty`` (prp-spo1, prp-inv1/2,
prp-symp, prp-eqp1/2). The data part is then a handful of ``INSERT … WHERE`` updates with
``VALUES`` tables, run in rounds until a round adds nothing:

1. property implications (one update: ``?s ?p ?o`` → ``?s ?q ?o`` or ``?o ?q ?s``);
2. ``owl:TransitiveProperty`` closure with a ``+`` property path (prp-trp);
3. types from domains and ranges (prp-dom, prp-rng; literal values get no type, see below);
4. types from the class hierarchy (cax-sco, cax-eqc1/2);
5. ``owl:sameAs``: symmetric and transitive closure, then every triple of one copied to the
   other in subject and object position (eq-sym, eq-trans, eq-rep-s, eq-rep-o; eq-rep-p).

That SPARQL engine is the general one. The line engine (:class:`LinePlan`, what
:func:`engine_output` runs when it can) gives the same closure with no store at all: it reads the
schema from the few lines that can hold one (:func:`schema_store`), compiles the closed schema into
tables keyed by the N-Triples text of predicates and classes, and writes in one pass over the
asserted lines every line that follows from each of them (rules 1, 3 and 4), closing transitive
properties in Python on the way (rule 2). It declines graphs that use ``owl:sameAs`` or where
rules would feed each other beyond that one pass (see :meth:`LinePlan.compile`); those go to the
SPARQL engine. ``tests/test_reason_lines.py`` checks that the two engines agree.

Neither engine writes a triple with a literal subject (so no literal gets a type, as in the
closure :func:`stdkg.reason.reason` keeps from owlrl). Unlike owlrl, which works in generalized
RDF, they therefore miss what follows only from such a triple: from ``x hasPart "v"`` owlrl
derives ``"v" partOf x`` and from that ``x a`` the range of ``partOf``.

What is compared with owlrl (see ``tests/test_fast_engines.py``): the closure as
:func:`stdkg.reason.reason` keeps it, i.e. owlrl's ``OWLRL_Semantics`` without axiomatic and
datatype triples, minus triples with a literal subject (generalized RDF), triples about built-in
RDF/RDFS/OWL/XSD terms, and tautologies (``x owl:sameAs x``, ``c rdfs:subClassOf c``,
``x rdf:type owl:Thing``, …). On that set the two engines agree exactly on the bundled graph and on
synthetic graphs. OWL constructs this module does not implement (restrictions, property chains,
keys, functional properties, ``owl:Nothing`` checks, …) make :func:`check_supported` raise
:class:`stdkg.fast.EngineUnavailable`, so callers can fall back to owlrl.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..reason import decode, encode
from . import EngineUnavailable

if TYPE_CHECKING:
    import pyoxigraph

    from ..kg import KG
    from ..reason import EngineOutput

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
TYPE = RDF + "type"
SCO = RDFS + "subClassOf"
SPO = RDFS + "subPropertyOf"
SAME = OWL + "sameAs"

#: OWL terms whose rules are not compiled here: their presence makes the engine decline.
UNSUPPORTED = tuple(
    OWL + name
    for name in (
        "propertyChainAxiom",
        "hasKey",
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "IrreflexiveProperty",
        "AsymmetricProperty",
        "Restriction",
        "intersectionOf",
        "unionOf",
        "complementOf",
        "oneOf",
        "disjointWith",
        "propertyDisjointWith",
        "AllDisjointClasses",
        "AllDisjointProperties",
        "AllDifferent",
        "differentFrom",
        "NegativePropertyAssertion",
        "onProperty",
    )
)


@dataclass
class Schema:
    """The schema part of the graph, closed in Python."""

    supers: dict[str, set[str]] = field(default_factory=dict)
    """class -> every strict superclass (reflexive pairs left out)."""
    implies: dict[str, set[tuple[str, bool]]] = field(default_factory=dict)
    """property -> {(implied property, inverted)} (the property itself left out)."""
    domains: dict[str, set[str]] = field(default_factory=dict)
    ranges: dict[str, set[str]] = field(default_factory=dict)
    transitive: set[str] = field(default_factory=set)
    schema_triples: set[tuple[str, str, str]] = field(default_factory=set)
    """Inferred schema triples (scm-* rules): subClassOf, subPropertyOf, domain, range."""


def _iris(store: pyoxigraph.Store, query: str) -> list[tuple[str, ...]]:
    rows: Any = store.query(query)
    out = []
    for row in rows:
        terms = [row[i] for i in range(len(rows.variables))]
        if all(type(t).__name__ == "NamedNode" for t in terms):
            out.append(tuple(t.value for t in terms))
    return out


def check_supported(store: pyoxigraph.Store) -> None:
    """Raise :class:`EngineUnavailable` when the graph uses OWL the rules do not cover."""
    values = " ".join(f"<{t}>" for t in UNSUPPORTED)
    rows: Any = store.query(
        f"SELECT ?t WHERE {{ VALUES ?t {{ {values} }} {{ ?x ?t ?y }} UNION {{ ?x a ?t }} }} LIMIT 1"
    )
    for row in rows:
        raise EngineUnavailable(f"the rules engine does not implement {row['t'].value}")


def _closure(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(edges.get(x, ()))
    return seen


def read_schema(store: pyoxigraph.Store) -> Schema:
    """Read and close the schema triples of the store's default graph."""
    sco: dict[str, set[str]] = defaultdict(set)
    spo: dict[str, set[str]] = defaultdict(set)
    for c, d in _iris(store, f"SELECT ?c ?d WHERE {{ ?c <{SCO}> ?d }}"):
        sco[c].add(d)
    for c, d in _iris(store, f"SELECT ?c ?d WHERE {{ ?c <{OWL}equivalentClass> ?d }}"):
        sco[c].add(d)
        sco[d].add(c)
    for p, q in _iris(store, f"SELECT ?p ?q WHERE {{ ?p <{SPO}> ?q }}"):
        spo[p].add(q)
    for p, q in _iris(store, f"SELECT ?p ?q WHERE {{ ?p <{OWL}equivalentProperty> ?q }}"):
        spo[p].add(q)
        spo[q].add(p)
    inverse: dict[str, set[str]] = defaultdict(set)
    for p, q in _iris(store, f"SELECT ?p ?q WHERE {{ ?p <{OWL}inverseOf> ?q }}"):
        inverse[p].add(q)
        inverse[q].add(p)
    symmetric = {r[0] for r in _iris(store, f"SELECT ?p WHERE {{ ?p a <{OWL}SymmetricProperty> }}")}
    transitive = {r[0] for r in _iris(store, f"SELECT ?p WHERE {{ ?p a <{OWL}TransitiveProperty> }}")}

    schema = Schema(transitive=transitive)
    classes = set(sco) | {d for ds in sco.values() for d in ds}
    for c in classes:
        ups = _closure(sco, c) - {c}
        if ups:
            schema.supers[c] = ups
            schema.schema_triples |= {(c, SCO, d) for d in ups}
    props = set(spo) | {q for qs in spo.values() for q in qs} | set(inverse) | symmetric | transitive
    super_props = {p: _closure(spo, p) - {p} for p in props}
    for p, ups in super_props.items():
        schema.schema_triples |= {(p, SPO, q) for q in ups}
    # scm-eqc2, scm-eqp2: mutual subsumption is equivalence (this also makes it symmetric)
    for c, ups in schema.supers.items():
        schema.schema_triples |= {
            (c, OWL + "equivalentClass", d) for d in ups if c in schema.supers.get(d, ())
        }
    for p, ups in super_props.items():
        schema.schema_triples |= {
            (p, OWL + "equivalentProperty", q) for q in ups if p in super_props.get(q, ())
        }

    # property implications: a BFS over (property, inverted) states
    for p in props:
        start = (p, False)
        seen = {start}
        todo = [start]
        while todo:
            q, inv = todo.pop()
            nexts = [(r, inv) for r in super_props.get(q, ())]
            nexts += [(r, not inv) for r in inverse.get(q, ())]
            if q in symmetric:
                nexts.append((q, not inv))
            for n in nexts:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        seen.discard(start)
        if seen:
            schema.implies[p] = seen

    # domains and ranges, inherited down the property hierarchy and up the class hierarchy
    for kind, table in ((RDFS + "domain", schema.domains), (RDFS + "range", schema.ranges)):
        declared: dict[str, set[str]] = defaultdict(set)
        for p, c in _iris(store, f"SELECT ?p ?c WHERE {{ ?p <{kind}> ?c }}"):
            declared[p].add(c)
        all_props = props | set(declared)
        for p in all_props:
            found: set[str] = set()
            for q in {p} | super_props.get(p, _closure(spo, p) - {p}):
                for c in declared.get(q, ()):
                    found.add(c)
                    found |= schema.supers.get(c, set())
            if found:
                table[p] = found
                schema.schema_triples |= {(p, kind, c) for c in found}
    return schema


def _values(rows: Iterable[tuple[str, ...]]) -> str:
    return " ".join("(" + " ".join(f"<{x}>" for x in row) + ")" for row in sorted(rows))


def _implication_updates(schema: Schema, only: set[str] | None = None) -> list[str]:
    forward = [(p, q) for p, qs in schema.implies.items() for q, inv in qs if not inv]
    backward = [(p, q) for p, qs in schema.implies.items() for q, inv in qs if inv]
    if only is not None:
        forward = [r for r in forward if r[0] in only]
        backward = [r for r in backward if r[0] in only]
    out = []
    if forward:
        out.append(
            f"INSERT {{ ?s ?q ?o }} WHERE {{ VALUES (?p ?q) {{ {_values(forward)} }} ?s ?p ?o "
            "FILTER NOT EXISTS { ?s ?q ?o } }"
        )
    if backward:
        out.append(
            f"INSERT {{ ?o ?q ?s }} WHERE {{ VALUES (?p ?q) {{ {_values(backward)} }} ?s ?p ?o "
            "FILTER(!isLiteral(?o)) FILTER NOT EXISTS { ?o ?q ?s } }"
        )
    return out


def updates(schema: Schema) -> list[str]:
    """The SPARQL updates of one pass, in order (see the module doc).

    Each ``INSERT`` skips triples that already exist (``FILTER NOT EXISTS``): in Oxigraph that is
    cheaper than re-inserting them.
    """
    out = _implication_updates(schema)
    for p in sorted(schema.transitive):
        out.append(
            f"INSERT {{ ?x <{p}> ?z }} WHERE {{ ?x <{p}>/<{p}>+ ?z FILTER NOT EXISTS {{ ?x <{p}> ?z }} }}"
        )
    if schema.transitive:  # what the transitive closure added implies more
        out += _implication_updates(schema, schema.transitive)
    domains = [(p, c) for p, cs in schema.domains.items() for c in cs]
    ranges = [(p, c) for p, cs in schema.ranges.items() for c in cs]
    if domains:
        out.append(
            f"INSERT {{ ?s a ?c }} WHERE {{ VALUES (?p ?c) {{ {_values(domains)} }} ?s ?p ?o "
            "FILTER NOT EXISTS { ?s a ?c } }"
        )
    if ranges:
        out.append(
            f"INSERT {{ ?o a ?c }} WHERE {{ VALUES (?p ?c) {{ {_values(ranges)} }} ?s ?p ?o "
            "FILTER(!isLiteral(?o)) FILTER NOT EXISTS { ?o a ?c } }"
        )
    supers = [(c, d) for c, ds in schema.supers.items() for d in ds]
    if supers:
        out.append(
            f"INSERT {{ ?x a ?d }} WHERE {{ VALUES (?c ?d) {{ {_values(supers)} }} ?x a ?c "
            "FILTER NOT EXISTS { ?x a ?d } }"
        )
    same = f"<{SAME}>"
    out.append(
        f"INSERT {{ ?x {same} ?y }} WHERE {{ ?x ({same}|^{same})+ ?y "
        f"FILTER(!isLiteral(?x) && !isLiteral(?y)) FILTER NOT EXISTS {{ ?x {same} ?y }} }}"
    )
    out.append(
        f"INSERT {{ ?y ?p ?o }} WHERE {{ ?x {same} ?y FILTER(?x != ?y && !isLiteral(?y)) ?x ?p ?o "
        "FILTER NOT EXISTS { ?y ?p ?o } }"
    )
    out.append(
        f"INSERT {{ ?s ?p ?y }} WHERE {{ ?x {same} ?y FILTER(?x != ?y && !isLiteral(?y)) ?s ?p ?x "
        "FILTER NOT EXISTS { ?s ?p ?y } }"
    )
    out.append(
        f"INSERT {{ ?s ?q ?o }} WHERE {{ ?p {same} ?q FILTER(isIRI(?q) && ?p != ?q) ?s ?p ?o "
        "FILTER NOT EXISTS { ?s ?q ?o } }"
    )
    return out


def one_pass_suffices(store: pyoxigraph.Store, schema: Schema) -> bool:
    """Whether one ordered pass of :func:`updates` reaches the fixpoint.

    With the schema closed beforehand, it does unless a transitive property implies another
    transitive property (closures would feed each other) or properties are linked by
    ``owl:sameAs`` (eq-rep-p makes triples that the property rules have not seen). Otherwise every
    rule's input is complete when it runs: implications before (and, for transitive properties,
    after) the transitive closure; domains and ranges (which already include superclasses) on the
    closed property triples; subclasses on asserted types; and sameAs copies of closed triples are
    closed.
    """
    for p in schema.transitive:
        if any(q in schema.transitive and q != p for q, _inv in schema.implies.get(p, ())):
            return False
    rows: Any = store.query(f"ASK {{ ?p <{SAME}> ?q . ?s ?p ?o }}")
    return not bool(rows)


def _count(store: pyoxigraph.Store) -> int:
    rows: Any = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(next(iter(rows))["n"].value)


def materialize(store: pyoxigraph.Store, *, max_rounds: int = 20, verify: bool = False) -> int:
    """Add the closure to the store's default graph, in place. Returns the number of passes run.

    One pass when :func:`one_pass_suffices` (unless ``verify``); otherwise passes until one adds
    nothing.
    """
    import pyoxigraph as ox

    check_supported(store)
    schema = read_schema(store)
    store.extend(
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), ox.DefaultGraph())
        for s, p, o in sorted(schema.schema_triples)
    )
    plan = updates(schema)
    single = not verify and one_pass_suffices(store, schema)
    before = _count(store) if not single else 0
    for round_no in range(1, max_rounds + 1):
        for update in plan:
            store.update(update)
        if single:
            return 1
        after = _count(store)
        if after == before:
            return round_no
        before = after
    raise EngineUnavailable(f"no fixpoint after {max_rounds} rounds")


def closure_store(source: pyoxigraph.Store, *, verify: bool = False) -> pyoxigraph.Store:
    """A new store with the default graph of ``source`` and its closure (the SPARQL engine).

    The copy keeps the blank nodes of ``source`` (same labels in both dumps).
    """
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(source.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    materialize(store, verify=verify)
    return store


# -- the line engine ----------------------------------------------------------------------------

#: An (encoded) line that may hold schema: it names an OWL term or an RDFS schema property.
#: Everything :func:`check_supported` and :func:`read_schema` read is on such lines.
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
    that would not give the SPARQL engine's closure.
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
        """The plan for ``schema``, or None when the graph needs the SPARQL engine: ``owl:sameAs``
        is used, a rule involves ``rdf:type``, ``owl:sameAs`` or a property of the schema closure,
        or a transitive property implies a transitive property (itself included: symmetric)."""
        import pyoxigraph as ox

        if bool(schema_graph.query(f"ASK {{ ?x <{SAME}> ?y }}")):
            return None
        involved = set(schema.implies) | set(schema.domains) | set(schema.ranges) | schema.transitive
        involved |= {q for qs in schema.implies.values() for q, _inv in qs}
        if involved & _NOT_IN_RULES:
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
            rules[_term(p)] = (
                props(forward),
                props(backward),
                types(subject),
                types(subject_nl - subject),
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
        if o[0] == 34:  # a literal: no inverse triple, no type
            for k, rev in edge:
                if not rev:
                    edges[k].append((s, o[:-2]))
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


def engine_output(kg: KG) -> EngineOutput:
    """The ``rules`` engine of :func:`stdkg.reason.reason`: the closure of the KG's union graph.

    The line engine (:class:`LinePlan`) when it covers the graph, else the SPARQL engine
    (:func:`materialize`) on a copy of the union graph.
    """
    import pyoxigraph as ox

    from ..reason import Asserted, EngineOutput

    asserted = Asserted.of(kg)
    schema_graph = schema_store(asserted.data)
    check_supported(schema_graph)
    plan = None
    if b"<<" not in asserted.data:  # no triple terms (a line engine row splits on spaces)
        plan = LinePlan.compile(read_schema(schema_graph), schema_graph)
    if plan is not None:
        return EngineOutput(plan.run(asserted.lines), engine="rules", asserted=asserted)
    store = ox.Store()  # a copy that keeps the blank nodes' labels
    store.extend(ox.parse(decode(asserted.data), format=ox.RdfFormat.N_TRIPLES))
    materialize(store)
    closure = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return EngineOutput(encode(closure).split(b"\n"), engine="rules", asserted=asserted)


def engine_output_or_owlrl(kg: KG) -> EngineOutput:
    """The ``auto`` engine: these rules, or owlrl when the graph uses OWL they do not cover."""
    try:
        return engine_output(kg)
    except EngineUnavailable:
        from ..reason import closure_owlrl

        return closure_owlrl(kg)


__all__ = [
    "UNSUPPORTED",
    "LinePlan",
    "Schema",
    "check_supported",
    "closure_store",
    "engine_output",
    "engine_output_or_owlrl",
    "materialize",
    "read_schema",
    "schema_store",
    "updates",
]
