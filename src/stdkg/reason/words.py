"""The RDF, RDFS and OWL terms the OWL 2 RL rules read, as they stand in N-Triples (``<iri>``)."""

from __future__ import annotations

from ..vocab import OWL, RDF, RDFS, XSD


def _iri(iri: str) -> str:
    return f"<{iri}>"


TYPE = _iri(RDF + "type")
FIRST = _iri(RDF + "first")
REST = _iri(RDF + "rest")
NIL = _iri(RDF + "nil")
LANG_STRING = _iri(RDF + "langString")
SCO = _iri(RDFS + "subClassOf")
SPO = _iri(RDFS + "subPropertyOf")
DOMAIN = _iri(RDFS + "domain")
RANGE = _iri(RDFS + "range")
LITERAL = _iri(RDFS + "Literal")
XSD_STRING = _iri(XSD + "string")

THING = _iri(OWL + "Thing")
NOTHING = _iri(OWL + "Nothing")
SAME = _iri(OWL + "sameAs")
DIFFERENT = _iri(OWL + "differentFrom")
ALL_DIFFERENT = _iri(OWL + "AllDifferent")
MEMBERS = _iri(OWL + "members")
DISTINCT_MEMBERS = _iri(OWL + "distinctMembers")
EQ_CLASS = _iri(OWL + "equivalentClass")
EQ_PROPERTY = _iri(OWL + "equivalentProperty")
INVERSE = _iri(OWL + "inverseOf")
SYMMETRIC = _iri(OWL + "SymmetricProperty")
ASYMMETRIC = _iri(OWL + "AsymmetricProperty")
TRANSITIVE = _iri(OWL + "TransitiveProperty")
FUNCTIONAL = _iri(OWL + "FunctionalProperty")
INVERSE_FUNCTIONAL = _iri(OWL + "InverseFunctionalProperty")
IRREFLEXIVE = _iri(OWL + "IrreflexiveProperty")
CHAIN = _iri(OWL + "propertyChainAxiom")
HAS_KEY = _iri(OWL + "hasKey")
PROPERTY_DISJOINT = _iri(OWL + "propertyDisjointWith")
ALL_DISJOINT_PROPERTIES = _iri(OWL + "AllDisjointProperties")
SOURCE = _iri(OWL + "sourceIndividual")
ASSERTION_PROPERTY = _iri(OWL + "assertionProperty")
TARGET = _iri(OWL + "targetIndividual")
TARGET_VALUE = _iri(OWL + "targetValue")
INTERSECTION = _iri(OWL + "intersectionOf")
UNION = _iri(OWL + "unionOf")
COMPLEMENT = _iri(OWL + "complementOf")
ONE_OF = _iri(OWL + "oneOf")
ON_PROPERTY = _iri(OWL + "onProperty")
ON_CLASS = _iri(OWL + "onClass")
SOME = _iri(OWL + "someValuesFrom")
ALL = _iri(OWL + "allValuesFrom")
HAS_VALUE = _iri(OWL + "hasValue")
MAX_CARDINALITY = _iri(OWL + "maxCardinality")
MAX_QUALIFIED = _iri(OWL + "maxQualifiedCardinality")
DISJOINT = _iri(OWL + "disjointWith")
ALL_DISJOINT_CLASSES = _iri(OWL + "AllDisjointClasses")
