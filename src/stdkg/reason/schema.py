"""The schema part of a graph, read from a store and closed in Python (the scm-* rules).

The ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` hierarchies (with ``owl:equivalentClass`` and
``owl:equivalentProperty`` read as two-way subsumption; rules scm-sco, scm-spo, scm-eqc1/2,
scm-eqp1/2), domains and ranges inherited along them (scm-dom1/2, scm-rng1/2), and for each
property every property it implies through ``rdfs:subPropertyOf``, ``owl:inverseOf`` and
``owl:SymmetricProperty`` (prp-spo1, prp-inv1/2, prp-symp, prp-eqp1/2).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..vocab import OWL, RDF, RDFS

if TYPE_CHECKING:
    import pyoxigraph

TYPE = RDF + "type"
SCO = RDFS + "subClassOf"
SPO = RDFS + "subPropertyOf"
SAME = OWL + "sameAs"

#: The OWL terms the line engine knows (their rules compiled, or none to compile): a graph that
#: uses any other OWL term goes to the general engine (:mod:`stdkg.reason.owl`).
LINE_ENGINE_TERMS = frozenset(
    OWL + name
    for name in (
        "equivalentClass",
        "equivalentProperty",
        "inverseOf",
        "TransitiveProperty",
        "SymmetricProperty",
        "Class",
        "ObjectProperty",
        "DatatypeProperty",
        "AnnotationProperty",
        "OntologyProperty",
        "Ontology",
        "imports",
        "versionIRI",
        "versionInfo",
        "priorVersion",
        "backwardCompatibleWith",
        "incompatibleWith",
        "deprecated",
        "DeprecatedClass",
        "DeprecatedProperty",
        "Thing",
        "NamedIndividual",
        "Axiom",
        "annotatedSource",
        "annotatedProperty",
        "annotatedTarget",
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
    import pyoxigraph as ox

    rows = store.query(query)
    assert isinstance(rows, ox.QuerySolutions)
    out = []
    for row in rows:
        terms = list(row)
        if all(isinstance(t, ox.NamedNode) for t in terms):
            out.append(tuple(t.value for t in terms if isinstance(t, ox.NamedNode)))
    return out


def unsupported(store: pyoxigraph.Store) -> str | None:
    """The first OWL term (in any position) of the store outside :data:`LINE_ENGINE_TERMS`, or None."""
    import pyoxigraph as ox

    rows = store.query(
        f"SELECT DISTINCT ?t WHERE {{ {{ ?t ?p ?o }} UNION {{ ?s ?t ?o }} UNION {{ ?s ?p ?t }} "
        f'FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{OWL}")) }}'
    )
    assert isinstance(rows, ox.QuerySolutions)
    found = sorted(
        t.value for (t,) in rows if isinstance(t, ox.NamedNode) and t.value not in LINE_ENGINE_TERMS
    )
    return found[0] if found else None


def blank_schema(store: pyoxigraph.Store) -> bool:
    """Whether a schema triple the line engine reads has a blank node (a class or property
    without a name, which :func:`read_schema` would not see)."""
    preds = " ".join(f"<{p}>" for p in _SCHEMA_PREDICATES)
    kinds = f"<{OWL}TransitiveProperty> <{OWL}SymmetricProperty>"
    return bool(
        store.query(
            f"ASK {{ {{ VALUES ?p {{ {preds} }} ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }} "
            f"UNION {{ VALUES ?k {{ {kinds} }} ?s a ?k FILTER(isBlank(?s)) }} }}"
        )
    )


_SCHEMA_PREDICATES = (
    SCO,
    SPO,
    RDFS + "domain",
    RDFS + "range",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    OWL + "inverseOf",
)


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


__all__ = [
    "LINE_ENGINE_TERMS",
    "SAME",
    "SCO",
    "SPO",
    "TYPE",
    "Schema",
    "blank_schema",
    "read_schema",
    "unsupported",
]
