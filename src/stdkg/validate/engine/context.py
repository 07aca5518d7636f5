"""What every constraint family of the engine reads: the store, the shapes graph, shared caches,
and the two ways back into the engine for nested shapes (:meth:`Context.cond`, :meth:`Context.failing`).

The engine (:class:`stdkg.validate.engine.core.Engine`) is a :class:`Context`; the constraint
families are functions of one, so they import nothing above this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox
import rdflib

from ...vocab import RDF, RDFS, SH
from ..paths import nullable, path_sparql
from ..shacl_sparql import prefixes
from .terms import Node, Term, default_graph, is_true, kind, sh, sparql, text, to_ox

#: The SHACL instances of a class: its instances and those of its subclasses.
TYPE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"

#: Above this many listed terms a test is not written into a query (the slow path serves).
MAX_LISTED = 2000

#: A SPARQL condition on a variable: the text that is true when the node conforms (None: inexpressible).
Cond = Callable[[str], "str | None"]
#: The exact Python test of a candidate (focus node, value node): True when it is a violation.
Recheck = Callable[[Term, Term], bool]
#: A compiled value test: (component local name + "ConstraintComponent", SPARQL test true for a
#: possible violation or None when it cannot be compiled, the exact Python re-check or None).
ValueCheck = tuple[str, "str | None", "Recheck | None"]


@dataclass
class Finding:
    """One result, before it is rendered as a :class:`~stdkg.validate.report.ValidationResult`."""

    focus: Term
    component: str
    shape: Node
    path: Node | None = None
    value: Term | None = None
    severity: str = SH + "Violation"
    message: Node | None = None
    """The ``sh:message`` literal (language tag kept), if the shape or constraint has one."""
    source_constraint: Node | None = None
    """The ``sh:sparql`` node a SPARQL-based result comes from."""


class Emit(Protocol):
    """Where the slow path reports a result of the shape it evaluates."""

    def __call__(
        self, focus: Term, component: str, value: Term | None = None, path: Node | None = None, /
    ) -> None: ...


class AddCheck(Protocol):
    """Where a family adds a compiled check of a shape with targets (see :mod:`.compiled`)."""

    def __call__(
        self,
        component: str,
        expr: str,
        kind: str,
        recheck: Recheck | None = None,
        count: tuple[str, int, Cond | None] | None = None,
        pair: tuple[ox.NamedNode, bool] | None = None,
    ) -> None: ...


class Context:
    """The store and shapes graph under validation, with the caches the families share."""

    def __init__(self, store: ox.Store, sg: rdflib.Graph) -> None:
        self.store = store
        self.sg = sg
        self.instance_cache: dict[str, set[Term]] = {}
        self.failing_cache: dict[tuple[Node, frozenset[Term]], set[Term]] = {}
        self.ill_typed_cache: dict[tuple[str, str], bool] = {}
        self.focus_cache: dict[str, set[Term]] = {}
        self.subclass_cache: dict[str, list[Term]] = {}
        self.children: dict[Term, list[Term]] | None = None
        self.cond_cache: dict[tuple[Node, str, str], str | None] = {}
        self.single_valued_cache: dict[str, bool] = {}
        self.fresh_count = 0
        #: literals of the shapes graph (target nodes) as the store respells them -> as written
        self.written: dict[Term, Term] = {}

    # -- ways back into the engine (nested shapes) ---------------------------------------------
    def cond(self, shape: Node, var: str, universe: str) -> str | None:
        """SPARQL: the node in ``var`` conforms to ``shape`` (None: not expressible exactly)."""
        raise NotImplementedError

    def failing(self, shape: Node, nodes: set[Term]) -> set[Term]:
        """The nodes that do not conform to ``shape``."""
        raise NotImplementedError

    # -- the shapes graph ----------------------------------------------------------------------
    def deactivated(self, shape: Node) -> bool:
        v = self.sg.value(shape, sh("deactivated"))
        return v is not None and is_true(v)

    def path_sparql(self, path: Node) -> str:
        return path_sparql(self.sg, path)

    def nullable(self, path: Node) -> bool:
        """Whether the path can take zero steps (then the slow path serves: see paths.nullable)."""
        return nullable(self.sg, path)

    def message(self, node: Node) -> Node | None:
        """The ``sh:message`` of a shape or constraint: English first, then untagged, then any."""
        found = sorted(
            self.sg.objects(node, sh("message")),
            key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)),
        )
        return found[0] if found else None

    def params(self, shape: Node) -> set[str]:
        """The SHACL parameters a shape has."""
        return {str(p) for p in self.sg.predicates(shape) if str(p).startswith(SH)}

    def prefixes(self, node: Node) -> str:
        """The PREFIX lines a SPARQL constraint or target declares through ``sh:prefixes``."""
        return prefixes(self.sg, node)

    # -- the store -----------------------------------------------------------------------------
    def select(self, query: str, *names: str) -> list[tuple[Term, ...]]:
        """The rows of a SELECT query, as tuples of its first ``len(names)`` columns."""
        rows = self.store.query(query)
        assert isinstance(rows, ox.QuerySolutions)
        if len(names) == 1:
            return [(row[0],) for row in rows]
        return [(row[0], row[1]) for row in rows] if len(names) == 2 else [tuple(row) for row in rows]

    def fresh(self) -> str:
        """A SPARQL variable no other part of a query uses."""
        self.fresh_count += 1
        return f"?_x{self.fresh_count}"

    def subclass_terms(self, cls: Node) -> list[Term]:
        """``cls`` and its subclasses (``rdfs:subClassOf*`` in the data)."""
        key = str(cls)
        found = self.subclass_cache.get(key)
        if found is not None:
            return found
        if self.children is None:
            children: dict[Term, list[Term]] = defaultdict(list)
            sub = ox.NamedNode(RDFS + "subClassOf")
            for q in self.store.quads_for_pattern(None, sub, None, default_graph()):
                assert not isinstance(q.object, ox.Triple) and not isinstance(q.subject, ox.Triple)
                children[q.object].append(q.subject)
            self.children = children
        start = to_ox(cls)
        found = [start]
        todo = [start]
        while todo:
            for child in self.children.get(todo.pop(), []):
                if child not in found:
                    found.append(child)
                    todo.append(child)
        self.subclass_cache[key] = found
        return found

    def subclasses(self, cls: Node) -> list[str] | None:
        """``cls`` and its subclasses as SPARQL terms; None when one is a blank node (unnamable)."""
        terms = self.subclass_terms(cls)
        return None if any(kind(t) == "BlankNode" for t in terms) else [text(t) for t in terms]

    def instances(self, cls: Node) -> set[Term]:
        """The SHACL instances of ``cls`` in the data."""
        key = str(cls)
        found = self.instance_cache.get(key)
        if found is None:
            query = f"SELECT DISTINCT ?x WHERE {{ ?x {TYPE_PATH} {sparql(cls)} }}"
            found = {r[0] for r in self.select(query, "x")}
            self.instance_cache[key] = found
        return found

    def single_valued(self, path: Node) -> bool:
        """Whether no subject has two values of the predicate ``path`` (then no count can exceed 1)."""
        if not isinstance(path, rdflib.URIRef):
            return False
        key = str(path)
        found = self.single_valued_cache.get(key)
        if found is None:
            q = f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?m) WHERE {{ ?s <{key}> ?o }}"
            rows = self.select(q, "n", "m")
            found = bool(rows) and rows[0][0] == rows[0][1]
            self.single_valued_cache[key] = found
        return found


__all__ = [
    "MAX_LISTED",
    "TYPE_PATH",
    "AddCheck",
    "Cond",
    "Context",
    "Emit",
    "Finding",
    "Recheck",
    "ValueCheck",
]
