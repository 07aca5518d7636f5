"""The OWL RL rules our ontology needs, compiled to SPARQL UPDATE and run to a fixpoint on Oxigraph.

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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    """A new store with the default graph of ``source`` and its closure."""
    import pyoxigraph as ox

    store = ox.Store()
    data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    if data:
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    materialize(store, verify=verify)
    return store


def engine_output(kg: KG) -> EngineOutput:
    """The ``rules`` engine of :func:`stdkg.reason.reason`: the closure of the KG's union graph."""

    from ..reason import EngineOutput

    return EngineOutput((), engine="rules", store=closure_store(kg.store))


def engine_output_or_owlrl(kg: KG) -> EngineOutput:
    """The ``auto`` engine: these rules, or owlrl when the graph uses OWL they do not cover."""
    try:
        return engine_output(kg)
    except EngineUnavailable:
        from ..reason import closure_owlrl

        return closure_owlrl(kg)


__all__ = [
    "UNSUPPORTED",
    "Schema",
    "check_supported",
    "closure_store",
    "engine_output",
    "engine_output_or_owlrl",
    "materialize",
    "read_schema",
    "updates",
]
