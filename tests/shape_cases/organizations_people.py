"""Planted mistakes for the data shapes: labels, sameAs links, organizations, people, roles, posts and memberships."""

from __future__ import annotations

from .model import (
    EV,
    IV,
    Case,
    M,
    R,
    replace,
    rewrite,
)

ORGANIZATIONS_PEOPLE_CASES: list[Case] = [
    # -- labels --------------------------------------------------------------------------------
    Case(
        "two-english-preferred-labels",
        (R("stdorg:iso", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iso skos:prefLabel "ISO"@en',
    ),
    Case(
        "two-french-preferred-labels",
        (R("stdorg:iec", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iec skos:prefLabel "CEI"@fr',
    ),
    Case(
        "concept-with-two-preferred-labels",
        (R("theme:trust", "UniqueLang", "PreferredLabelShape/skos:prefLabel"),),
        add='theme:trust skos:prefLabel "confidence"@en',
    ),
    Case(
        "preferred-label-without-language",
        (R("stdorg:iso", "Datatype", "PreferredLabelShape/skos:prefLabel"),),
        add='stdorg:iso skos:prefLabel "ISO"',
    ),
    Case(
        "person-without-label",
        (R("person:jo-cops", "MinCount", "LabelShape/rdfs:label"),),
        remove="person:jo-cops rdfs:label ?l",
    ),
    Case(
        "interval-without-label", (R(IV, "MinCount", "LabelShape/rdfs:label"),), remove=f"{IV} rdfs:label ?l"
    ),
    Case(
        "evidence-span-without-label",
        (R(f"{EV}cho-1", "MinCount", "LabelShape/rdfs:label"),),
        remove=f"{EV}cho-1 rdfs:label ?l",
    ),
    Case(
        "two-english-labels",
        (R("place:seoul", "UniqueLang", "LabelShape/rdfs:label"),),
        add='place:seoul rdfs:label "Seoul City"@en',
    ),
    # -- schema:sameAs only to Wikidata entity IRIs ------------------------------------------------
    Case(
        "sameas-wikipedia-url",
        (R("stdorg:iec", "Pattern", "SameAsShape/schema:sameAs"),),
        add="stdorg:iec schema:sameAs <https://en.wikipedia.org/wiki/International_Electrotechnical_Commission>",
    ),
    Case(
        "sameas-wikidata-page-url",
        (R("place:seoul", "Pattern", "SameAsShape/schema:sameAs"),),
        **replace("place:seoul", "schema:sameAs", "<https://www.wikidata.org/wiki/Q8684>"),
    ),
    Case(
        "sameas-wikidata-property",
        (R("stdorg:iso", "Pattern", "SameAsShape/schema:sameAs"),),
        add="stdorg:iso schema:sameAs wd:P159",
    ),
    Case(
        "sameas-literal-holding-a-wikidata-iri",
        (R("place:geneva", "NodeKind", "SameAsShape/schema:sameAs"),),
        **replace("place:geneva", "schema:sameAs", '"http://www.wikidata.org/entity/Q71"'),
    ),
    Case(
        "sameas-literal-qid",
        (
            R("stdorg:iso", "NodeKind", "SameAsShape/schema:sameAs"),
            R("stdorg:iso", "Pattern", "SameAsShape/schema:sameAs"),
        ),
        **replace("stdorg:iso", "schema:sameAs", '"Q15028"'),
    ),
    # -- organizations and units ---------------------------------------------------------------
    Case(
        "organization-without-english-name",
        (R("stdorg:iso", "QualifiedMinCount", "OrganizationShape/skos:prefLabel[@en]"),),
        remove='stdorg:iso skos:prefLabel "International Organization for Standardization"@en',
    ),
    Case(
        "acronym-without-language",
        (R("stdorg:iso", "Datatype", "OrganizationShape/skos:altLabel"),),
        add='stdorg:iso skos:altLabel "ISO"',
    ),
    Case(
        "two-founding-dates",
        (R("stdorg:iso", "MaxCount", "OrganizationShape/schema:foundingDate", severity="Warning"),),
        add='stdorg:iso schema:foundingDate "1946"^^xsd:gYear',
    ),
    Case(
        "founding-date-ill-typed",
        (R("stdorg:iso", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:iso", "schema:foundingDate", '"1947-02-30"^^xsd:date'),
    ),
    Case(
        "founding-date-plain-string",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"1865"'),
    ),
    Case(
        "founding-date-as-datetime",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"1865-05-17T00:00:00"^^xsd:dateTime'),
    ),
    Case(
        "founding-year-ill-typed",
        (R("stdorg:itu", "Or", "OrganizationShape/schema:foundingDate"),),
        **replace("stdorg:itu", "schema:foundingDate", '"18x5"^^xsd:gYear'),
    ),
    Case(
        "two-headquarters",
        (R("stdorg:iso", "MaxCount", "OrganizationShape/stdkg:headquarters", severity="Warning"),),
        add="stdorg:iso stdkg:headquarters place:london",
    ),
    Case(
        "headquarters-is-a-name",
        (R("stdorg:iec", "Class", "OrganizationShape/stdkg:headquarters"),),
        **replace("stdorg:iec", "stdkg:headquarters", '"Geneva"@en'),
    ),
    Case(
        "homepage-is-a-literal",
        (R("stdorg:iso", "NodeKind", "OrganizationShape/foaf:homepage"),),
        **replace("stdorg:iso", "foaf:homepage", '"https://www.iso.org/"'),
    ),
    Case(
        "unit-without-parent",
        (R("stdorg:itu-t", "MinCount", "UnitShape/org:unitOf"),),
        remove="stdorg:itu-t org:unitOf ?p",
    ),
    Case(
        "unit-of-from-a-non-unit",
        (R("stdorg:wsc", "Class", "UnitOfShape"),),
        add="stdorg:wsc org:unitOf stdorg:itu",
    ),
    Case(
        "unit-whose-parent-is-a-unit",
        (R("stdorg:tsb", "Class", "UnitOfShape/org:unitOf"),),
        remove="stdorg:tsb org:unitOf stdorg:itu",
        add="stdorg:tsb org:unitOf stdorg:itu-t",
    ),
    Case(
        "unit-whose-parent-is-a-unit-standalone",
        (R("stdorg:tsb", "Class", "UnitOfShape/org:unitOf"),),
        fixture="unit-of-a-unit.ttl",
        load=("ontology",),
    ),
    # -- people ----------------------------------------------------------------------------------
    Case(
        "person-without-name",
        (R("person:jo-cops", "MinCount", "PersonShape/foaf:name"),),
        remove="person:jo-cops foaf:name ?n",
    ),
    Case(
        "person-with-two-names",
        (R("person:jo-cops", "MaxCount", "PersonShape/foaf:name"),),
        add='person:jo-cops foaf:name "J. Cops"',
    ),
    Case(
        "person-name-with-language",
        (R("person:jo-cops", "Datatype", "PersonShape/foaf:name"),),
        **rewrite("person:jo-cops", "foaf:name", 'STRLANG(?old, "en")'),
    ),
    Case(
        "two-given-names",
        (R("person:seizo-onoe", "MaxCount", "PersonShape/foaf:givenName"),),
        add='person:seizo-onoe foaf:givenName "S."',
    ),
    Case(
        "given-name-with-language",
        (R("person:seizo-onoe", "Datatype", "PersonShape/foaf:givenName"),),
        **rewrite("person:seizo-onoe", "foaf:givenName", 'STRLANG(?old, "en")'),
    ),
    Case(
        "person-without-family-name",
        (R("person:jo-cops", "MinCount", "PersonShape/foaf:familyName", severity="Warning"),),
        remove="person:jo-cops foaf:familyName ?n",
    ),
    Case(
        "given-name-recorded-as-second-family-name",
        (R("person:sung-hwan-cho", "MaxCount", "PersonShape/foaf:familyName", severity="Warning"),),
        add='person:sung-hwan-cho foaf:familyName "Sung Hwan"',
    ),
    Case(
        "family-name-with-language",
        (R("person:seizo-onoe", "Datatype", "PersonShape/foaf:familyName", severity="Warning"),),
        **rewrite("person:seizo-onoe", "foaf:familyName", 'STRLANG(?old, "en")'),
    ),
    # -- roles and posts -------------------------------------------------------------------------
    Case(
        "role-outside-scheme",
        (
            R("role:director", "MinCount", "RoleShape/skos:inScheme"),
            R("role:director", "MinCount", "ConceptShape/skos:inScheme"),
        ),
        remove="role:director skos:inScheme ?s",
    ),
    Case(
        "role-in-unrecorded-scheme",
        (
            R("role:director", "Class", "RoleShape/skos:inScheme"),
            R("role:director", "Class", "ConceptShape/skos:inScheme"),
        ),
        **replace("role:director", "skos:inScheme", "scheme:role"),
    ),
    Case(
        "post-without-organization",
        (R("post:iso-president", "MinCount", "PostShape/org:postIn"),),
        remove="post:iso-president org:postIn ?o",
    ),
    Case(
        "post-in-two-organizations",
        (
            R("post:tsb-director", "MaxCount", "PostShape/org:postIn"),
            R("membership:seizo-onoe-tsb-director", "SPARQL", "MembershipShape"),
        ),
        add="post:tsb-director org:postIn stdorg:itu",
    ),
    Case(
        "post-in-a-place",
        (R("post:wsc-chair", "Class", "PostShape/org:postIn"),),
        add='post:wsc-chair a org:Post ; rdfs:label "Chair of the World Standards Cooperation"@en ; '
        "org:postIn place:geneva ; org:role role:president ; prov:wasDerivedFrom source:wsc-website",
    ),
    Case(
        "post-without-role",
        (R("post:iec-president", "MinCount", "PostShape/org:role"),),
        remove="post:iec-president org:role ?r",
    ),
    Case(
        "post-role-is-a-name",
        (R("post:iec-president", "Class", "PostShape/org:role"),),
        **replace("post:iec-president", "org:role", '"President"@en'),
    ),
    # -- memberships -----------------------------------------------------------------------------
    Case(
        "membership-without-member",
        (R(M, "MinCount", "MembershipShape/org:member"),),
        remove=f"{M} org:member ?m",
    ),
    Case(
        "membership-with-two-members",
        (R(M, "MaxCount", "MembershipShape/org:member"),),
        add=f"{M} org:member person:seizo-onoe",
    ),
    Case(
        "membership-member-is-a-name",
        (R(M, "Class", "MembershipShape/org:member"),),
        **replace(M, "org:member", '"Jo Cops"'),
    ),
    Case(
        "membership-without-organization",
        (R(M, "MinCount", "MembershipShape/org:organization"),),
        remove=f"{M} org:organization ?o",
    ),
    Case(
        "membership-in-two-organizations",
        (R(M, "MaxCount", "MembershipShape/org:organization"), R(M, "SPARQL", "MembershipShape")),
        add=f"{M} org:organization stdorg:wsc",
    ),
    Case(
        "membership-organization-is-a-place",
        (R(M, "Class", "MembershipShape/org:organization"), R(M, "SPARQL", "MembershipShape")),
        **replace(M, "org:organization", "place:geneva"),
    ),
    Case(
        "membership-without-role", (R(M, "MinCount", "MembershipShape/org:role"),), remove=f"{M} org:role ?r"
    ),
    Case(
        "membership-with-two-roles",
        (R(M, "MaxCount", "MembershipShape/org:role"),),
        add=f"{M} org:role role:director",
    ),
    Case(
        "membership-role-is-a-post",
        (R(M, "Class", "MembershipShape/org:role"),),
        **replace(M, "org:role", "post:iec-president"),
    ),
    Case(
        "membership-without-interval",
        (R(M, "MinCount", "MembershipShape/org:memberDuring"),),
        remove=f"{M} org:memberDuring ?i",
    ),
    Case(
        "membership-with-two-intervals",
        (R(M, "MaxCount", "MembershipShape/org:memberDuring"),),
        add=f"{M} org:memberDuring {IV}",
    ),
    Case(
        "membership-interval-is-an-instant",
        (R(M, "Class", "MembershipShape/org:memberDuring"),),
        **replace(M, "org:memberDuring", "instant:2025-12-02"),
    ),
    Case(
        "membership-with-two-posts",
        (R(M, "MaxCount", "MembershipShape/stdkg:post"), R(M, "SPARQL", "MembershipShape")),
        add=f"{M} stdkg:post post:iso-president",
    ),
    Case(
        "membership-post-is-a-role",
        (R(M, "Class", "MembershipShape/stdkg:post"),),
        **replace(M, "stdkg:post", "role:president"),
    ),
    Case(
        "membership-post-of-another-organization",
        (R(M, "SPARQL", "MembershipShape"),),
        **replace(M, "stdkg:post", "post:iso-president"),
    ),
]
