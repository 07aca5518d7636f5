"""Planted mistakes for the ontology shapes: labels and the ontology header."""

from __future__ import annotations

from .model import (
    HEADER,
    ONTOLOGY,
    TERM,
    Case,
    R,
    header_case,
    onto,
    replace,
    rewrite,
)

ONTOLOGY_CASES: list[Case] = [
    onto(
        "term-without-label",
        (R("stdkg:post", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),),
        remove="stdkg:post rdfs:label ?l",
    ),
    onto(
        "term-with-two-english-labels",
        (R("stdkg:post", "QualifiedMaxCount", f"{TERM}/rdfs:label[@en]"),),
        add='stdkg:post rdfs:label "held post"@en',
    ),
    onto(
        "term-label-without-language",
        (
            R("stdkg:Commitment", "Datatype", f"{TERM}/rdfs:label"),
            R("stdkg:Commitment", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),
        ),
        **rewrite("stdkg:Commitment", "rdfs:label", "STR(?old)"),
    ),
    onto(
        "term-without-definition",
        (R("stdkg:headquarters", "QualifiedMinCount", f"{TERM}/skos:definition[@en]"),),
        remove="stdkg:headquarters skos:definition ?d",
    ),
    onto(
        "term-with-two-english-definitions",
        (R("stdkg:headquarters", "QualifiedMaxCount", f"{TERM}/skos:definition[@en]"),),
        add='stdkg:headquarters skos:definition "Links an organization to its seat."@en',
    ),
    onto(
        "term-definition-not-a-sentence",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **replace("stdkg:JointStatement", "skos:definition", '"a statement issued by several bodies"@en'),
    ),
    onto(
        "term-definition-without-full-stop",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **rewrite("stdkg:JointStatement", "skos:definition", 'STRLANG(REPLACE(STR(?old), "[.]$", ""), "en")'),
    ),
    onto(
        "term-definition-on-two-lines",
        (R("stdkg:JointStatement", "Pattern", f"{TERM}/skos:definition"),),
        **replace(
            "stdkg:JointStatement", "skos:definition", '"A statement issued by two\\nor more bodies."@en'
        ),
    ),
    onto(
        "term-without-defined-by",
        (R("stdkg:textEvidence", "HasValue", f"{TERM}/rdfs:isDefinedBy"),),
        remove="stdkg:textEvidence rdfs:isDefinedBy ?o",
    ),
    onto(
        "term-defined-by-another-ontology",
        (R("stdkg:textEvidence", "HasValue", f"{TERM}/rdfs:isDefinedBy"),),
        **replace("stdkg:textEvidence", "rdfs:isDefinedBy", "<http://www.w3.org/ns/oa#>"),
    ),
    onto(
        "new-term-declared-bare",
        (
            R("stdkg:issuedAt", "QualifiedMinCount", f"{TERM}/rdfs:label[@en]"),
            R("stdkg:issuedAt", "QualifiedMinCount", f"{TERM}/skos:definition[@en]"),
            R("stdkg:issuedAt", "HasValue", f"{TERM}/rdfs:isDefinedBy"),
        ),
        fixture="bare-ontology-term.ttl",
    ),
    onto("ontology-not-declared", (R(ONTOLOGY, "Class", HEADER),), remove=f"{ONTOLOGY} a owl:Ontology"),
    header_case("dcterms:title", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:title ?v"),
    header_case("dcterms:title", "untagged", "Datatype", **rewrite(ONTOLOGY, "dcterms:title", "STR(?old)")),
    header_case("dcterms:description", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:description ?v"),
    header_case(
        "dcterms:description", "untagged", "Datatype", **rewrite(ONTOLOGY, "dcterms:description", "STR(?old)")
    ),
    header_case("dcterms:creator", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:creator ?v"),
    header_case("dcterms:created", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:created ?v"),
    header_case(
        "dcterms:created", "two", "MaxCount", add=f'{ONTOLOGY} dcterms:created "2026-01-01"^^xsd:date'
    ),
    header_case(
        "dcterms:created",
        "ill-typed",
        "Datatype",
        **replace(ONTOLOGY, "dcterms:created", '"2026-11-31"^^xsd:date'),
    ),
    header_case("dcterms:modified", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:modified ?v"),
    header_case(
        "dcterms:modified", "two", "MaxCount", add=f'{ONTOLOGY} dcterms:modified "2026-01-01"^^xsd:date'
    ),
    header_case(
        "dcterms:modified",
        "datetime",
        "Datatype",
        **replace(ONTOLOGY, "dcterms:modified", '"2026-11-25T12:00:00Z"^^xsd:dateTime'),
    ),
    header_case("dcterms:license", "without", "MinCount", remove=f"{ONTOLOGY} dcterms:license ?v"),
    header_case(
        "dcterms:license", "literal", "NodeKind", **replace(ONTOLOGY, "dcterms:license", '"CC BY 4.0"')
    ),
    header_case("owl:versionIRI", "without", "MinCount", remove=f"{ONTOLOGY} owl:versionIRI ?v"),
    header_case(
        "owl:versionIRI",
        "two",
        "MaxCount",
        add=f"{ONTOLOGY} owl:versionIRI <https://w3id.org/stdkg/ns/0.0.9>",
    ),
    header_case("owl:versionIRI", "literal", "NodeKind", **rewrite(ONTOLOGY, "owl:versionIRI", "STR(?old)")),
    header_case("owl:versionInfo", "without", "MinCount", remove=f"{ONTOLOGY} owl:versionInfo ?v"),
    header_case("owl:versionInfo", "two", "MaxCount", add=f'{ONTOLOGY} owl:versionInfo "0.0.9"'),
    header_case(
        "vann:preferredNamespacePrefix",
        "without",
        "MinCount",
        remove=f"{ONTOLOGY} vann:preferredNamespacePrefix ?v",
    ),
    header_case(
        "vann:preferredNamespacePrefix",
        "two",
        "MaxCount",
        add=f'{ONTOLOGY} vann:preferredNamespacePrefix "skg"',
    ),
    header_case(
        "vann:preferredNamespaceUri",
        "without",
        "MinCount",
        remove=f"{ONTOLOGY} vann:preferredNamespaceUri ?v",
    ),
    header_case(
        "vann:preferredNamespaceUri",
        "two",
        "MaxCount",
        add=f'{ONTOLOGY} vann:preferredNamespaceUri "https://w3id.org/stdkg/ns/"',
    ),
]
