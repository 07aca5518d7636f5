"""The OWL RL rules as SPARQL UPDATE, run to a fixpoint on Oxigraph (the general rules engine).

With the schema closed beforehand (:mod:`stdkg.reason.schema`), the data part is a handful of
``INSERT … WHERE`` updates with ``VALUES`` tables, run in rounds until a round adds nothing:

1. property implications (one update: ``?s ?p ?o`` → ``?s ?q ?o`` or ``?o ?q ?s``);
2. ``owl:TransitiveProperty`` closure with a ``+`` property path (prp-trp);
3. types from domains and ranges (prp-dom, prp-rng; literal values get no type);
4. types from the class hierarchy (cax-sco, cax-eqc1/2);
5. ``owl:sameAs``: symmetric and transitive closure, then every triple of one copied to the
   other in subject and object position (eq-sym, eq-trans, eq-rep-s, eq-rep-o; eq-rep-p).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable
from .schema import SAME, Schema, check_supported, read_schema

if TYPE_CHECKING:
    import pyoxigraph


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
    return not bool(store.query(f"ASK {{ ?p <{SAME}> ?q . ?s ?p ?o }}"))


def _count(store: pyoxigraph.Store) -> int:
    import pyoxigraph as ox

    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(rows, ox.QuerySolutions)
    n = next(iter(rows))["n"]
    assert isinstance(n, ox.Literal)
    return int(n.value)


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


__all__ = ["closure_store", "materialize", "one_pass_suffices", "updates"]
