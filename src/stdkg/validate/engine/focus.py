"""Focus nodes: the targets of a shape (``sh:targetClass``, implicit class targets,
``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, SPARQL-based ``sh:target``)
and the value nodes that become the focus nodes of nested property shapes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from ...vocab import RDF
from .context import TYPE_PATH, Context
from .terms import Node, Term, canonical, default_graph, kind, sh, sparql, to_ox, type_predicate, values


@dataclass
class Focus:
    """The focus nodes of a shape with targets."""

    store: ox.Store
    gen: str = ""
    """A group pattern binding ``?this`` to every focus node (possibly more than once)."""
    classes: set[Term] = field(default_factory=set)
    nodes: set[Term] = field(default_factory=set)
    subjects_of: list[ox.NamedNode] = field(default_factory=list)
    objects_of: list[ox.NamedNode] = field(default_factory=list)
    listed_only: bool = False
    """The focus nodes are only those that ``gen`` lists (read on first use into ``nodes``)."""
    weights: dict[Term, int] | None = None
    """How many times a focus node is one (value nodes reached from several parents), when > 1."""

    def contains(self, node: Term) -> bool:
        """Whether ``node`` is a focus node (for the few candidates that SPARQL returns)."""
        if self.listed_only and not self.nodes:
            rows = self.store.query(f"SELECT DISTINCT ?this WHERE {{ {self.gen} }}")
            assert isinstance(rows, ox.QuerySolutions)
            self.nodes = {row[0] for row in rows}
        if node in self.nodes:
            return True
        graph = default_graph()
        if not isinstance(node, ox.Literal):
            if self.classes:
                rdf_type = type_predicate()
                for q in self.store.quads_for_pattern(node, rdf_type, None, graph):
                    if q.object in self.classes:
                        return True
            for p in self.subjects_of:
                if next(iter(self.store.quads_for_pattern(node, p, None, graph)), None) is not None:
                    return True
        return any(
            next(iter(self.store.quads_for_pattern(None, p, node, graph)), None) is not None
            for p in self.objects_of
        )


def is_class(sg: rdflib.Graph, shape: Node) -> bool:
    """Whether the shape is also a class (an implicit class target)."""
    return (shape, rdflib.RDF.type, rdflib.RDFS.Class) in sg or (
        shape,
        rdflib.RDF.type,
        rdflib.OWL.Class,
    ) in sg


def focus_of(ctx: Context, shape: Node) -> Focus:
    """The focus nodes of a shape with targets: a pattern that lists them, and a membership test."""
    sg = ctx.sg
    focus = Focus(ctx.store)
    gens: list[str] = []
    classes = list(sg.objects(shape, sh("targetClass")))
    if is_class(sg, shape):
        classes.append(shape)
    flat: list[str] = []
    for c in classes:
        focus.classes.update(ctx.subclass_terms(c))
        subs = ctx.subclasses(c)
        if subs is None:  # a blank node among the subclasses: only the path can name them
            gens.append(f"{{ ?this {TYPE_PATH} {sparql(c)} }}")
        else:
            flat.extend(s for s in subs if s not in flat)
    if flat:
        gens.append(f"{{ VALUES ?_fc {{ {' '.join(flat)} }} ?this <{RDF}type> ?_fc }}")
    nodes = list(sg.objects(shape, sh("targetNode")))
    if nodes:
        listed = "{ VALUES ?this { " + " ".join(sparql(n) for n in nodes) + " } }"
        gens.append(listed)
        # as the store reads them (it canonicalises literals); reported as written
        focus.nodes.update(r[0] for r in ctx.select(f"SELECT ?this WHERE {listed}", "this"))
        for n in nodes:
            written = to_ox(n)
            if isinstance(written, ox.Literal) and canonical(written) != written:
                ctx.written[canonical(written)] = written
    for p in sg.objects(shape, sh("targetSubjectsOf")):
        gens.append(f"{{ ?this {sparql(p)} ?_o }}")
        focus.subjects_of.append(_predicate(p))
    for p in sg.objects(shape, sh("targetObjectsOf")):
        gens.append(f"{{ ?_s {sparql(p)} ?this }}")
        focus.objects_of.append(_predicate(p))
    for target in sg.objects(shape, sh("target")):
        query = ctx.prefixes(target) + str(sg.value(target, sh("select")))
        rows = ctx.store.query(query)
        assert isinstance(rows, ox.QuerySolutions)
        found = [row["this"] for row in rows if row["this"] is not None]
        found = [f for f in found if kind(f) != "BlankNode"]
        gens.append("{ " + values(found) + " }")
        focus.nodes.update(found)
    focus.gen = " UNION ".join(gens) if gens else "{ FILTER(false) }"
    return focus


def _predicate(p: Node) -> ox.NamedNode:
    term = to_ox(p)
    if not isinstance(term, ox.NamedNode):
        raise EngineUnavailable(f"{p} is not a property")
    return term


def value_focus(ctx: Context, focus: Focus, path: Node) -> Focus:
    """The value nodes of ``path`` from the focus nodes, as focus nodes of nested shapes."""
    up = ctx.fresh()
    gen = (
        f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?this AS {up}) WHERE {{ {focus.gen} }} }} "
        f"{up} {ctx.path_sparql(path)} ?this }} }}"
    )
    if ctx.nullable(path):  # each focus node is one of its values, in the graph or not
        gen = f"{{ {gen} }} UNION {{ SELECT DISTINCT ?this WHERE {{ {focus.gen} }} }}"
    return Focus(ctx.store, gen, listed_only=True, weights=_weights(ctx, focus, path))


def _weights(ctx: Context, focus: Focus, path: Node) -> dict[Term, int] | None:
    """How many (weighted) parent focus nodes reach each value node, where more than one does."""
    up = ctx.fresh()
    parents = f"{{ SELECT DISTINCT (?this AS {up}) WHERE {{ {focus.gen} }} }}"
    step = f"{up} {ctx.path_sparql(path)} ?this"
    if not focus.weights:
        query = (
            f"SELECT ?this (COUNT(DISTINCT {up}) AS ?_n) WHERE {{ {parents} {step} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT {up}) > 1)"
        )
        found = {row[0]: int(row[1].value) for row in ctx.select(query, "this", "n")}
        return found or None
    weights: dict[Term, int] = {}
    for parent, value in ctx.select(f"SELECT DISTINCT {up} ?this WHERE {{ {parents} {step} }}", "up", "this"):
        weights[value] = weights.get(value, 0) + focus.weights.get(parent, 1)
    return {v: n for v, n in weights.items() if n > 1} or None


__all__ = ["Focus", "focus_of", "is_class", "value_focus"]
