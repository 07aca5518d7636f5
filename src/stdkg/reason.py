"""OWL RL materialization of ontology + data.

:func:`reason` runs an engine (see :data:`ENGINES`; owlrl's ``DeductiveClosure(OWLRL_Semantics)``
is the reference) over the KG's union graph and returns a :class:`Closure`: the full closure and the
inferred-only triples, both deterministic.

What is dropped from the engine's output, and why (only ever from the *inferred* triples; asserted
triples are always kept):

* triples with a literal subject (owlrl works in generalized RDF and emits e.g.
  ``"x" owl:sameAs "x"``; such triples are not RDF and no serializer can write them);
* triples whose subject is a built-in term of RDF, RDFS, OWL or XSD (``rdf:``, ``rdfs:``, ``owl:``,
  ``xsd:``): axioms about the vocabularies themselves, true of any graph;
* tautologies that hold of every resource: ``x owl:sameAs x``, ``x owl:equivalentClass x``,
  ``x owl:equivalentProperty x``, ``x rdfs:subClassOf x``, ``x rdfs:subPropertyOf x``,
  ``x rdf:type owl:Thing``, ``x rdfs:subClassOf owl:Thing``, ``p rdfs:domain owl:Thing`` and
  ``p rdfs:range owl:Thing``.

:attr:`Closure.dropped` counts each kind.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    import pyoxigraph

    from .kg import KG

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
BUILTIN_NAMESPACES = (RDF, RDFS, OWL, XSD)

_REFLEXIVE = {
    OWL + "sameAs",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
}


@dataclass
class EngineOutput:
    """What an engine returns: the closure's triples (asserted ones may be included or not)."""

    triples: Iterable[Any]
    dropped: dict[str, int] = field(default_factory=dict)
    """Triples the engine had to drop because RDF cannot hold them, by reason."""
    engine: str | None = None
    """The engine that actually ran, when it differs from the one asked for (``auto``)."""
    store: Any = None
    """Instead of ``triples``: a pyoxigraph store whose default graph holds the whole closure
    (asserted and inferred); :func:`reason` then separates the two inside the store."""


_ABOUT_THING = {RDF + "type", RDFS + "subClassOf", RDFS + "domain", RDFS + "range"}


EngineFn = Callable[["KG"], EngineOutput]

#: Engine name -> ``"module:function"`` (imported on use). Adding an engine is one entry here.
ENGINES: dict[str, str] = {
    "owlrl": "stdkg.reason:closure_owlrl",
    # (issue 6) OWL RL rules compiled to SPARQL on Oxigraph; "auto" = rules, else owlrl
    "rules": "stdkg.fast.rules:engine_output",
    "auto": "stdkg.fast.rules:engine_output_or_owlrl",
}


@dataclass
class Closure:
    """The OWL RL closure of a KG."""

    graph: pyoxigraph.Store
    """The full closure (asserted + inferred) in the store's default graph."""
    inferred: list[pyoxigraph.Triple]
    """The inferred triples only (not asserted, after dropping), sorted."""
    asserted: int
    engine: str = "owlrl"
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.asserted + len(self.inferred)

    def ntriples(self, *, only_inferred: bool = False) -> bytes:
        """The closure (or the inferred triples) as N-Triples, in no particular order."""
        import pyoxigraph as ox

        if only_inferred:
            return ox.serialize(self.inferred, format=ox.RdfFormat.N_TRIPLES) or b""
        return self.graph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""

    def triples(self, *, only_inferred: bool = False) -> list[pyoxigraph.Triple]:
        """The closure's triples (or the inferred ones), sorted."""
        import pyoxigraph as ox

        if only_inferred:
            return list(self.inferred)
        return sorted(
            (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in self.graph.quads_for_pattern(None, None, None, ox.DefaultGraph())
            ),
            key=str,
        )


def reason(kg: KG, *, engine: str = "owlrl") -> Closure:
    """Materialize the OWL RL closure of ``kg`` (its union graph: ontology + data)."""
    import pyoxigraph as ox

    spec = ENGINES.get(engine)
    if spec is None:
        raise InputError(f"unknown reasoning engine {engine!r} (use one of: {', '.join(ENGINES)})")
    module_name, attr = spec.split(":")
    try:
        fn: EngineFn = getattr(importlib.import_module(module_name), attr)
    except ImportError as exc:
        raise InputError(f"reasoning engine {engine!r} is not available: {exc}") from exc

    output = fn(kg)
    if output.store is not None:
        return _closure_in_store(kg, output, engine)
    asserted = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    dropped: dict[str, int] = dict(output.dropped)
    inferred: set[Any] = set()
    for t in output.triples:
        if t in asserted or t in inferred:
            continue
        why = drop_reason(t)
        if why:
            dropped[why] = dropped.get(why, 0) + 1
            continue
        inferred.add(t)
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in asserted)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in inferred)
    return Closure(
        graph=store,
        inferred=sorted(inferred, key=str),
        asserted=len(asserted),
        engine=output.engine or engine,
        dropped=dict(sorted(dropped.items())),
    )


_ASSERTED = "urn:stdkg:reason:asserted"


def _closure_in_store(kg: KG, output: EngineOutput, engine: str) -> Closure:
    """Split an engine's closure store into asserted and inferred triples without leaving Rust
    for the asserted ones: the KG's triples go into a scratch graph of the closure store and an
    anti-join finds the inferred ones."""
    import pyoxigraph as ox

    store = output.store
    default = ox.DefaultGraph()
    mark = ox.NamedNode(_ASSERTED)
    store.bulk_load(
        kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=default) or b"",
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=mark,
    )
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH <{_ASSERTED}> {{ ?s ?p ?o }} }} }}"
    )
    dropped: dict[str, int] = dict(output.dropped)
    inferred: list[Any] = []
    for row in rows:
        t = ox.Triple(row[0], row[1], row[2])
        why = drop_reason(t)
        if why:
            dropped[why] = dropped.get(why, 0) + 1
            store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
        else:
            inferred.append(t)
    store.remove_graph(mark)
    return Closure(
        graph=store,
        inferred=sorted(inferred, key=str),
        asserted=len(kg),
        engine=output.engine or engine,
        dropped=dict(sorted(dropped.items())),
    )


def drop_reason(t: Any) -> str | None:
    """Why an inferred triple is dropped (see the module doc), or None to keep it."""
    import pyoxigraph as ox

    s, p, o = t.subject, t.predicate, t.object
    if isinstance(s, ox.Literal):
        return "literal subject"
    if isinstance(s, ox.NamedNode) and s.value.startswith(BUILTIN_NAMESPACES):
        return "about a built-in term"
    if p.value in _REFLEXIVE and s == o:
        return "tautology"
    if o == ox.NamedNode(OWL + "Thing") and p.value in _ABOUT_THING:
        return "tautology"
    return None


# -- owlrl (reference engine) -----------------------------------------------------------------


def closure_owlrl(kg: KG) -> EngineOutput:
    """owlrl's OWL RL closure of the union graph, as pyoxigraph triples (literal subjects removed)."""
    import owlrl
    import pyoxigraph as ox
    import rdflib

    from .validate import quiet_rdflib

    with quiet_rdflib():
        graph = rdflib.Graph()
        for triple in kg.rdflib_graph:
            graph.add(triple)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
            graph
        )
        clean = rdflib.Graph()
        generalized = 0
        for s, p, o in graph:
            if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
                generalized += 1
                continue
            clean.add((s, p, o))
        data = clean.serialize(format="nt", encoding="utf-8")
    triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    return EngineOutput(triples, {"literal subject": generalized} if generalized else {}, engine="owlrl")


__all__ = [
    "BUILTIN_NAMESPACES",
    "ENGINES",
    "Closure",
    "EngineOutput",
    "closure_owlrl",
    "drop_reason",
    "reason",
]
