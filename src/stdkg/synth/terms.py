"""The terms a synthetic graph is written with: IRIs, literals and the few names it draws from."""

from __future__ import annotations

from collections.abc import Callable

from ..vocab import BASE_IRI, PREFIXES

ID = BASE_IRI + "id/"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _ns(prefix: str) -> Callable[[str], str]:
    base = PREFIXES[prefix]
    return lambda local: f"<{base}{local}>"


ns_rdf, ns_rdfs, _owl, _xsd = _ns("rdf"), _ns("rdfs"), _ns("owl"), _ns("xsd")
ns_org, ns_foaf, ns_schema, ns_prov = _ns("org"), _ns("foaf"), _ns("schema"), _ns("prov")
ns_skos, ns_dct, ns_time, ns_oa, ns_stdkg = _ns("skos"), _ns("dcterms"), _ns("time"), _ns("oa"), _ns("stdkg")

A = ns_rdf("type")
LABEL = ns_rdfs("label")
PREF = ns_skos("prefLabel")
DERIVED = ns_prov("wasDerivedFrom")
PRIMARY = ns_prov("hadPrimarySource")
DATE = f"^^<{XSD}date>"
INT = f"^^<{XSD}integer>"
ANYURI = f"^^<{XSD}anyURI>"

Triple = tuple[str, str, str]


ROLES = ("president", "secretary-general", "director")
ROLE_NAMES = {"president": "President", "secretary-general": "Secretary-General", "director": "Director"}
THEMES = tuple(f"theme-{k}" for k in range(1, 13))
VALUES = tuple(f"value-{k}" for k in range(1, 9))
COUNTRIES = tuple(f"country-{k}" for k in range(1, 21))
CITIES = tuple(f"city-{k}" for k in range(1, 41))
GIVEN = ("Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jun", "Kofi", "Lea")
FAMILY = ("Abe", "Berg", "Cruz", "Diaz", "Eze", "Fox", "Gil", "Haas", "Ito", "Jain", "Kim", "Lund")
WORDS = (
    "standards",
    "trust",
    "safety",
    "inclusion",
    "openness",
    "cooperation",
    "capacity",
    "rights",
    "innovation",
    "assessment",
    "transparency",
    "interoperability",
)


def iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def lit(text: str, lang: str = "en") -> str:
    return f'"{text}"@{lang}'


def typed(text: str, suffix: str) -> str:
    return f'"{text}"{suffix}'


def bare(term: str) -> str:
    """``<iri>`` → ``iri``."""
    return term[1:-1]
