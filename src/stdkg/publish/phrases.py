"""How a link reads from its far end: "has unit" for ``org:unitOf`` seen from the parent body.

The "Referenced by" table of a page lists triples that point at the resource. Where the ontology
declares an inverse property (``owl:inverseOf``) with a label, that label is used; otherwise a worded
phrase from :data:`PHRASES`; otherwise the property's label in quotation marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocab import DCT, NS, OA, ORG, PROV, SCHEMA, SKOS, TIME

if TYPE_CHECKING:
    from .model import SiteModel

#: Property -> how a triple using it reads from its object's page (the list of subjects follows).
PHRASES: dict[str, str] = {
    ORG + "member": "memberships",
    ORG + "organization": "memberships in it",
    ORG + "role": "memberships in this role",
    ORG + "postIn": "posts",
    ORG + "memberDuring": "term of",
    ORG + "hasMember": "member of",
    NS + "post": "held through",
    NS + "committedBy": "commitments made",
    NS + "textEvidence": "text evidence for",
    NS + "namesValue": "named by",
    NS + "inCapacity": "spoken in this capacity",
    NS + "headquarters": "headquarters of",
    NS + "states": "stated by",
    NS + "responsibleCommittee": "standards it is responsible for",
    NS + "normativeReference": "normative reference of",
    NS + "identicalAdoptionOf": "adopted identically as",
    NS + "hostedBy": "hosts",
    DCT + "references": "referenced by",
    DCT + "replaces": "replaced by",
    SCHEMA + "isBasedOn": "basis of",
    SCHEMA + "creativeWorkStatus": "editions with this status",
    ORG + "classification": "bodies of this kind",
    SCHEMA + "creator": "created",
    SCHEMA + "about": "subject of",
    SCHEMA + "location": "place of",
    SCHEMA + "containedInPlace": "contains",
    SCHEMA + "organizer": "organized",
    SCHEMA + "publishedBy": "published",
    SCHEMA + "publisher": "published",
    SCHEMA + "superEvent": "sub-events",
    SCHEMA + "releasedEvent": "release of",
    SCHEMA + "foundingLocation": "founding place of",
    SCHEMA + "locationCreated": "place where it was made of",
    PROV + "wasDerivedFrom": "evidence for",
    PROV + "hadPrimarySource": "primary source of",
    PROV + "wasQuotedFrom": "quotations from it",
    PROV + "agent": "agent in",
    PROV + "hadRole": "role in",
    PROV + "qualifiedAttribution": "attribution of",
    OA + "hasSource": "evidence spans in it",
    OA + "hasSelector": "selector of",
    SKOS + "inScheme": "concepts in it",
    SKOS + "related": "related to",
    SKOS + "broader": "narrower concepts",
    SKOS + "narrower": "broader concept",
    TIME + "hasBeginning": "beginning of",
    TIME + "hasEnd": "end of",
    TIME + "inside": "within",
}


def inverse_phrase(model: SiteModel, prop: str) -> str:
    """How ``?s prop <this>`` reads on this page."""
    other = model.inverse_properties.get(prop)
    if other is not None and other in model.labels:
        return model.labels[other]
    phrase = PHRASES.get(prop)
    if phrase is not None:
        return phrase
    return f"linked here by “{model.label(prop)}”"
