"""The index pages of the site: which classes each lists, in the order of the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import FOAF, OA, ORG, RDF_STATEMENT, SCHEMA, SKOS


@dataclass(frozen=True)
class IndexSpec:
    """An index page: every resource of one of these classes (``{ns}`` stands for the ontology NS)."""

    name: str
    title: str
    intro: str
    classes: tuple[str, ...]

    def resolved(self, ns: str) -> IndexSpec:
        """The same index with ``{ns}`` replaced by the ontology namespace."""
        return IndexSpec(
            self.name, self.title, self.intro, tuple(c.replace("{ns}", ns) for c in self.classes)
        )


#: Index pages, in the order of the navigation. A resource goes to the first index that matches.
INDEXES: tuple[IndexSpec, ...] = (
    IndexSpec(
        "bodies",
        "Bodies",
        "Standards bodies and their units.",
        (
            ORG + "FormalOrganization",
            ORG + "OrganizationalUnit",
            ORG + "Organization",
            SCHEMA + "Organization",
        ),
    ),
    IndexSpec(
        "people", "People", "People who hold posts in the bodies.", (FOAF + "Person", SCHEMA + "Person")
    ),
    IndexSpec(
        "posts", "Posts", "Posts in the bodies, and who held them through memberships.", (ORG + "Post",)
    ),
    IndexSpec("memberships", "Memberships", "Who held which post, and when.", (ORG + "Membership",)),
    IndexSpec("statements", "Statements", "Joint statements of the bodies.", ("{ns}JointStatement",)),
    IndexSpec(
        "commitments", "Commitments", "The numbered commitments of each statement.", ("{ns}Commitment",)
    ),
    IndexSpec(
        "quotations", "Quotations", "Verbatim quotations with their speakers.", (SCHEMA + "Quotation",)
    ),
    IndexSpec(
        "events", "Events", "Events and publication events.", (SCHEMA + "Event", SCHEMA + "PublicationEvent")
    ),
    IndexSpec(
        "concepts",
        "Concepts",
        "Roles, themes and values, in their SKOS concept schemes.",
        (SKOS + "Concept", SKOS + "ConceptScheme", ORG + "Role"),
    ),
    IndexSpec(
        "sources",
        "Sources",
        "The source documents every fact is derived from.",
        (SCHEMA + "NewsArticle", SCHEMA + "WebPage", SCHEMA + "CreativeWork"),
    ),
    IndexSpec(
        "places", "Places", "Cities and countries.", (SCHEMA + "City", SCHEMA + "Country", SCHEMA + "Place")
    ),
    IndexSpec(
        "claims",
        "Claims",
        "What each source or passage supports, triple by triple (the reified statements it states).",
        ("{ns}Claim", RDF_STATEMENT),
    ),
    IndexSpec(
        "evidence",
        "Evidence",
        "Evidence spans: where in a source each fact is stated.",
        (OA + "SpecificResource", OA + "TextQuoteSelector", OA + "TextPositionSelector"),
    ),
)
#: Where a resource of none of the classes above is listed.
OTHER_INDEX = IndexSpec("other", "Other resources", "Everything else: intervals, instants, attributions.", ())
