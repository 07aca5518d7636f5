"""The shapes of a shapes graph as the engine sees them: which parameters it knows, which shapes
there are, which of them have targets."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from ...vocab import RDF, RDFS, SH
from .focus import is_class
from .terms import Node, canonical, sh


def _sh(*names: str) -> frozenset[str]:
    return frozenset(SH + name for name in names)


#: Parameters that test each value node on its own (they compile to a SPARQL test).
VALUE_PARAMS = _sh(
    "class", "datatype", "nodeKind", "pattern", "flags", "minLength", "maxLength", "languageIn", "in",
    "hasValue", "node", "not", "and", "or", "xone", "minInclusive", "maxInclusive", "minExclusive",
    "maxExclusive",
)  # fmt: skip
#: Parameters only property shapes have (counts and comparisons over all the values of the path).
PATH_PARAMS = _sh(
    "path", "minCount", "maxCount", "uniqueLang", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount", "qualifiedValueShapesDisjoint", "lessThan", "lessThanOrEquals",
)  # fmt: skip
#: Parameters that are not constraints.
NEUTRAL_PARAMS = _sh(
    "severity", "message", "deactivated", "name", "description", "order", "group", "defaultValue",
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target",
)  # fmt: skip
#: Parameters a shape nested in a logical or qualified constraint must not have to be compiled.
NO_COND = _sh(
    "sparql", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint", "lessThan", "lessThanOrEquals", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive",
)  # fmt: skip
#: Parameters this engine understands (anything else in a shape makes it unavailable).
KNOWN = (
    VALUE_PARAMS
    | PATH_PARAMS
    | NEUTRAL_PARAMS
    | _sh("property", "closed", "ignoredProperties", "sparql", "equals", "disjoint")
    | {RDF + "type", RDFS + "label", RDFS + "comment", RDFS + "isDefinedBy", RDFS + "seeAlso"}
)

_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


def check_supported(sg: rdflib.Graph) -> None:
    """Raise :class:`EngineUnavailable` when a shape uses what the engine does not know."""
    for shape in all_shapes(sg):
        for p in set(sg.predicates(shape)):
            if str(p) not in KNOWN and str(p).startswith(SH):
                raise EngineUnavailable(f"the fast SHACL engine does not support {p}")
        for c in sg.objects(shape, sh("sparql")):
            if (c, sh("ask"), None) in sg or (c, sh("select"), None) not in sg:
                raise EngineUnavailable("only SELECT-based SPARQL constraints are supported")
    for target in sg.objects(None, sh("target")):
        if (target, sh("select"), None) not in sg or (target, sh("parameter"), None) in sg:
            raise EngineUnavailable("only SELECT-based SPARQL targets are supported")
    if (None, sh("rule"), None) in sg:
        raise EngineUnavailable("SHACL rules are not supported")
    for dt in set(sg.objects(None, sh("datatype"))):
        probe = ox.Literal("0", datatype=ox.NamedNode(str(dt)))
        stored = canonical(probe)
        if (
            isinstance(dt, rdflib.URIRef)
            and isinstance(stored, ox.Literal)
            and stored.datatype != probe.datatype
        ):
            # the store keeps such literals under another datatype: only the files say which
            raise EngineUnavailable(f"the store respells literals of {dt}: sh:datatype needs them as written")
    components = set(sg.subjects(rdflib.RDF.type, sh("ConstraintComponent")))
    for name in ("validator", "nodeValidator", "propertyValidator"):
        components |= set(sg.subjects(sh(name), None))
    if components:
        raise EngineUnavailable("custom constraint components (SHACL-SPARQL) are not supported")


def all_shapes(sg: rdflib.Graph) -> set[Node]:
    """Every node that is used as a shape."""
    shapes: set[Node] = set(sg.subjects(rdflib.RDF.type, sh("NodeShape")))
    shapes |= set(sg.subjects(rdflib.RDF.type, sh("PropertyShape")))
    for p in (*_TARGETS, "path"):
        shapes |= set(sg.subjects(sh(p), None))
    for p in ("property", "node", "not", "qualifiedValueShape"):
        shapes |= set(sg.objects(None, sh(p)))
    for p in ("and", "or", "xone"):
        for lst in sg.objects(None, sh(p)):
            shapes |= set(sg.items(lst))
    return shapes


def top_shapes(sg: rdflib.Graph) -> list[Node]:
    """The shapes with targets (explicit, or implicit class targets), in a stable order."""
    top = [
        shape
        for shape in all_shapes(sg)
        if any((shape, sh(p), None) in sg for p in _TARGETS) or is_class(sg, shape)
    ]
    return sorted(top, key=str)


__all__ = [
    "KNOWN",
    "NEUTRAL_PARAMS",
    "NO_COND",
    "PATH_PARAMS",
    "VALUE_PARAMS",
    "all_shapes",
    "check_supported",
    "top_shapes",
]
