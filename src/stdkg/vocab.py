"""Every namespace, well-known term and label-property list stdkg uses, written once.

Plain strings (IRIs), so that importing this module costs nothing; callers wrap them in the term
type of the library they use (``pyoxigraph.NamedNode``, ``rdflib.URIRef``).
"""

from __future__ import annotations

# -- stdkg's own IRIs ----------------------------------------------------------------------------

#: The canonical IRI base of everything stdkg publishes.
BASE_IRI = "https://w3id.org/stdkg/"
#: Namespace of the stdkg ontology (hash style). Never rebased: these are the ontology's names.
NS = BASE_IRI + "ns#"
#: Base of the source-graph IRIs of bundled files.
GRAPH_BASE = BASE_IRI + "graph/"
#: The named graph ``stdkg load`` writes by default.
DEFAULT_GRAPH = GRAPH_BASE + "kg"
#: The named graph that holds inferred triples in dumps.
INFERRED_GRAPH = GRAPH_BASE + "inferred"

# -- W3C and community namespaces ----------------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
TIME = "http://www.w3.org/2006/time#"
VANN = "http://purl.org/vocab/vann/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SD = "http://www.w3.org/ns/sparql-service-description#"
WD = "http://www.wikidata.org/entity/"
IANA = "http://www.iana.org/assignments/media-types/"

# -- single terms used in code -------------------------------------------------------------------

RDF_TYPE = RDF + "type"
RDF_STATEMENT = RDF + "Statement"
RDF_SUBJECT = RDF + "subject"
RDF_PREDICATE = RDF + "predicate"
RDF_OBJECT = RDF + "object"
RDF_LANG_STRING = RDF + "langString"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"

# -- label lists ---------------------------------------------------------------------------------

#: Properties that give a node its label, in order of preference.
LABEL_PROPERTIES: tuple[str, ...] = (
    RDFS + "label",
    SKOS + "prefLabel",
    FOAF + "name",
    SCHEMA + "name",
    SCHEMA + "headline",
    DCT + "title",
)
#: Properties shown as a resource's names (every language).
NAME_PROPERTIES: tuple[str, ...] = (*LABEL_PROPERTIES, SKOS + "altLabel", SCHEMA + "alternateName")
#: Properties whose values are provenance (evidence nodes or source documents).
PROVENANCE_PROPERTIES: tuple[str, ...] = (
    PROV + "wasDerivedFrom",
    PROV + "hadPrimarySource",
    PROV + "wasQuotedFrom",
)
#: Properties that define or describe a term.
DEFINITION_PROPERTIES: tuple[str, ...] = (SKOS + "definition", RDFS + "comment", DCT + "description")

# -- prefixes ------------------------------------------------------------------------------------

#: Prefixes used in every Turtle the project writes (and in query results shown to people).
PREFIXES: dict[str, str] = {
    "stdkg": NS,
    "org": ORG,
    "foaf": FOAF,
    "schema": SCHEMA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCT,
    "time": TIME,
    "oa": OA,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "vann": VANN,
    "void": VOID,
    "dcat": DCAT,
    "wd": WD,
    "stdorg": BASE_IRI + "id/org/",
    "person": BASE_IRI + "id/person/",
    "role": BASE_IRI + "id/role/",
    "post": BASE_IRI + "id/post/",
    "membership": BASE_IRI + "id/membership/",
    "interval": BASE_IRI + "id/interval/",
    "instant": BASE_IRI + "id/instant/",
    "place": BASE_IRI + "id/place/",
    "event": BASE_IRI + "id/event/",
    "statement": BASE_IRI + "id/statement/",
    "commitment": BASE_IRI + "id/commitment/",
    "quotation": BASE_IRI + "id/quotation/",
    "evidence": BASE_IRI + "id/evidence/",
    "claim": BASE_IRI + "id/claim/",
    "triple": BASE_IRI + "id/triple/",
    "source": BASE_IRI + "id/source/",
    "scheme": BASE_IRI + "id/scheme/",
    "theme": BASE_IRI + "id/concept/theme/",
    "value": BASE_IRI + "id/concept/value/",
}
