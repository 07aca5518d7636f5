"""Planted mistakes for the data shapes: time, events and places, the statement and its commitments."""

from __future__ import annotations

from .model import (
    CO,
    EV,
    ISSUE,
    IV,
    PR,
    QU,
    ST,
    SUMMIT,
    Case,
    R,
    replace,
    rewrite,
    verbatim,
)

TIME_EVENTS_STATEMENTS_CASES: list[Case] = [
    # -- time ------------------------------------------------------------------------------------
    Case(
        "interval-saying-nothing",
        (R("interval:jo-cops-iec-president", "Or", "IntervalShape"),),
        remove="interval:jo-cops-iec-president time:hasBeginning ?b ; time:inside ?d",
    ),
    Case(
        "interval-begins-after-a-date-inside",
        (R(IV, "SPARQL", "IntervalShape"),),
        remove=f"{IV} time:hasBeginning ?b",
        add=f"{IV} time:hasBeginning instant:2026-01-01 . instant:2026-01-01 a time:Instant ; "
        'rdfs:label "1 January 2026"@en ; time:inXSDDate "2026-01-01"^^xsd:date',
    ),
    Case(
        "interval-ends-before-it-begins",
        (R(IV, "SPARQL", "IntervalShape"),),
        add=f"{IV} time:hasEnd instant:2022-12-31 . instant:2022-12-31 a time:Instant ; "
        'rdfs:label "31 December 2022"@en ; time:inXSDDate "2022-12-31"^^xsd:date',
    ),
    Case(
        "interval-begins-in-a-month-after-a-date-inside",
        (R("interval:sung-hwan-cho-iso-president", "SPARQL", "IntervalShape"),),
        **replace("instant:2024-01", "time:inXSDgYearMonth", '"2026-01"^^xsd:gYearMonth'),
    ),
    Case(
        "interval-begins-in-a-year-after-a-date-inside",
        (R("interval:jo-cops-iec-president", "SPARQL", "IntervalShape"),),
        **replace("instant:2023", "time:inXSDgYear", '"2026"^^xsd:gYear'),
    ),
    Case(
        "interval-with-two-beginnings",
        (R(IV, "MaxCount", "IntervalShape/time:hasBeginning", severity="Warning"),),
        add=f"{IV} time:hasBeginning instant:2023",
    ),
    Case(
        "interval-beginning-is-a-literal",
        (R(IV, "Class", "IntervalShape/time:hasBeginning"),),
        **replace(IV, "time:hasBeginning", '"2023-01-01"^^xsd:date'),
    ),
    Case(
        "interval-with-two-ends",
        (R(IV, "MaxCount", "IntervalShape/time:hasEnd", severity="Warning"),),
        add=f"{IV} time:hasEnd instant:2025-12-02 , instant:2024-01",
    ),
    Case(
        "interval-end-is-a-literal",
        (R(IV, "Class", "IntervalShape/time:hasEnd"),),
        add=f'{IV} time:hasEnd "2026"^^xsd:gYear',
    ),
    Case(
        "instant-without-position",
        (R("instant:2023", "Xone", "InstantShape"),),
        remove="instant:2023 time:inXSDgYear ?y",
    ),
    Case(
        "instant-with-two-positions",
        (R("instant:2023-01-01", "Xone", "InstantShape"),),
        add='instant:2023-01-01 time:inXSDgYear "2023"^^xsd:gYear',
    ),
    Case(
        "instant-with-two-dates",
        (R("instant:2025-12-02", "MaxCount", "InstantShape/time:inXSDDate"),),
        add='instant:2025-12-02 time:inXSDDate "2025-12-03"^^xsd:date',
    ),
    Case(
        "instant-date-ill-typed",
        (R("instant:2025-12-02", "Datatype", "InstantShape/time:inXSDDate"),),
        **replace("instant:2025-12-02", "time:inXSDDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "instant-date-plain-string",
        (R("instant:2023-01-01", "Datatype", "InstantShape/time:inXSDDate"),),
        **rewrite("instant:2023-01-01", "time:inXSDDate", "STR(?old)"),
    ),
    Case(
        "ill-typed-dates-loaded-from-turtle",
        (
            R("instant:2025-13-45", "Datatype", "InstantShape/time:inXSDDate"),
            R("event:impossible-day", "Datatype", "EventShape/schema:startDate"),
        ),
        fixture="ill-typed-dates.ttl",
    ),
    Case(
        "instant-with-two-year-months",
        (R("instant:2024-01", "MaxCount", "InstantShape/time:inXSDgYearMonth"),),
        add='instant:2024-01 time:inXSDgYearMonth "2024-02"^^xsd:gYearMonth',
    ),
    Case(
        "year-month-typed-as-date",
        (R("instant:2024-01", "Datatype", "InstantShape/time:inXSDgYearMonth"),),
        **rewrite("instant:2024-01", "time:inXSDgYearMonth", "STRDT(STR(?old), xsd:date)"),
    ),
    # rdflib does not check the lexical forms of xsd:gYearMonth and xsd:gYear, so sh:datatype lets
    # ill-typed ones pass in pySHACL; the shapes' sh:pattern catches them.
    Case(
        "year-month-ill-typed",
        (R("instant:2024-01", "Pattern", "InstantShape/time:inXSDgYearMonth"),),
        **replace("instant:2024-01", "time:inXSDgYearMonth", '"2024-13"^^xsd:gYearMonth'),
    ),
    Case(
        "instant-with-two-years",
        (R("instant:2023", "MaxCount", "InstantShape/time:inXSDgYear"),),
        add='instant:2023 time:inXSDgYear "2022"^^xsd:gYear',
    ),
    Case(
        "year-as-integer",
        (R("instant:2023", "Datatype", "InstantShape/time:inXSDgYear"),),
        **replace("instant:2023", "time:inXSDgYear", "2023"),
    ),
    Case(
        "year-in-roman-numerals",
        (R("instant:mmxxiii", "Pattern", "InstantShape/time:inXSDgYear"),),
        add='instant:mmxxiii a time:Instant ; rdfs:label "MMXXIII"@en ; time:inXSDgYear "MMXXIII"^^xsd:gYear',
    ),
    Case(
        "year-ill-typed",
        (R("instant:2023", "Pattern", "InstantShape/time:inXSDgYear"),),
        **replace("instant:2023", "time:inXSDgYear", '"20x3"^^xsd:gYear'),
    ),
    # -- events and places -----------------------------------------------------------------------
    Case(
        "event-without-name",
        (R(ISSUE, "MinCount", "EventShape/schema:name"),),
        remove=f"{ISSUE} schema:name ?n",
    ),
    Case(
        "event-name-without-language",
        (R(SUMMIT, "Datatype", "EventShape/schema:name"),),
        **rewrite(SUMMIT, "schema:name", "STR(?old)"),
    ),
    Case(
        "event-without-start-date",
        (R(ISSUE, "MinCount", "EventShape/schema:startDate"),),
        remove=f"{ISSUE} schema:startDate ?d",
    ),
    Case(
        "event-with-two-start-dates",
        (R(SUMMIT, "MaxCount", "EventShape/schema:startDate", severity="Warning"),),
        add=f'{SUMMIT} schema:startDate "2025-12-01"^^xsd:date',
    ),
    Case(
        "event-start-date-ill-typed",
        (R(ISSUE, "Datatype", "EventShape/schema:startDate"),),
        **replace(ISSUE, "schema:startDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "event-with-end-start-date-ill-typed",
        (R(SUMMIT, "Datatype", "EventShape/schema:startDate"),),
        **replace(SUMMIT, "schema:startDate", '"2025-13-45"^^xsd:date'),
    ),
    Case(
        "event-with-start-end-date-ill-typed",
        (R(SUMMIT, "Datatype", "EventShape/schema:endDate"),),
        **replace(SUMMIT, "schema:endDate", '"2025-12-32"^^xsd:date'),
    ),
    Case(
        "event-ends-before-it-starts",
        (R(SUMMIT, "SPARQL", "EventShape"),),
        **replace(SUMMIT, "schema:endDate", '"2025-12-01"^^xsd:date'),
    ),
    Case(
        "event-with-two-end-dates",
        (R(SUMMIT, "MaxCount", "EventShape/schema:endDate", severity="Warning"),),
        add=f'{SUMMIT} schema:endDate "2025-12-04"^^xsd:date',
    ),
    Case(
        "event-end-date-plain-string",
        (R(SUMMIT, "Datatype", "EventShape/schema:endDate"),),
        **rewrite(SUMMIT, "schema:endDate", "STR(?old)"),
    ),
    Case(
        "event-without-place",
        (R(ISSUE, "MinCount", "EventShape/schema:location"),),
        remove=f"{ISSUE} schema:location ?l",
    ),
    Case(
        "event-place-is-a-name",
        (R(SUMMIT, "Class", "EventShape/schema:location"),),
        **replace(SUMMIT, "schema:location", '"Seoul"@en'),
    ),
    Case(
        "place-without-name",
        (R("place:london", "MinCount", "PlaceShape/schema:name"),),
        remove="place:london schema:name ?n",
    ),
    Case(
        "place-name-without-language",
        (R("place:london", "Datatype", "PlaceShape/schema:name"),),
        **rewrite("place:london", "schema:name", "STR(?old)"),
    ),
    Case(
        "place-inside-an-organization",
        (R("place:geneva", "Class", "PlaceShape/schema:containedInPlace"),),
        add="place:geneva schema:containedInPlace stdorg:iso",
    ),
    # -- the statement ---------------------------------------------------------------------------
    Case(
        "two-commitments-with-the-same-position",
        (R(ST, "SPARQL", "StatementShape"),),
        **replace(f"{CO}2", "schema:position", "1"),
    ),
    Case(
        "statement-without-name",
        (R(ST, "MinCount", "StatementShape/schema:name"),),
        remove=f"{ST} schema:name ?n",
    ),
    Case(
        "statement-name-without-language",
        (R(ST, "Datatype", "StatementShape/schema:name"),),
        **rewrite(ST, "schema:name", "STR(?old)"),
    ),
    Case(
        "statement-by-one-organization",
        (R(ST, "MinCount", "StatementShape/schema:creator"),),
        remove=f"{ST} schema:creator ?c",
        remove_where=f"{ST} schema:creator ?c FILTER (?c != stdorg:iso)",
    ),
    Case(
        "statement-by-a-person",
        (R(ST, "Class", "StatementShape/schema:creator"),),
        add=f"{ST} schema:creator person:jo-cops",
    ),
    Case(
        "statement-without-date",
        (R(ST, "MinCount", "StatementShape/schema:datePublished"),),
        remove=f"{ST} schema:datePublished ?d",
    ),
    Case(
        "statement-with-two-dates",
        (R(ST, "MaxCount", "StatementShape/schema:datePublished"),),
        add=f'{ST} schema:datePublished "2025-12-03"^^xsd:date',
    ),
    Case(
        "statement-date-ill-typed",
        (R(ST, "Datatype", "StatementShape/schema:datePublished"),),
        **replace(ST, "schema:datePublished", '"2025-12-32"^^xsd:date'),
    ),
    Case(
        "statement-with-a-quotation-as-part",
        (R(ST, "Class", "StatementShape/schema:hasPart"),),
        add=f"{ST} schema:hasPart {QU}cho",
    ),
    Case(
        "statement-without-themes",
        (R(ST, "MinCount", "StatementShape/schema:about", severity="Warning"),),
        remove=f"{ST} schema:about ?t",
    ),
    Case(
        "statement-about-a-person",
        (R(ST, "Class", "StatementShape/schema:about", severity="Warning"),),
        add=f"{ST} schema:about person:jo-cops",
    ),
    # -- commitments -----------------------------------------------------------------------------
    Case(
        "commitment-without-text",
        (R(f"{CO}2", "MinCount", "CommitmentShape/schema:text"),),
        remove=f"{CO}2 schema:text ?t",
    ),
    Case(
        "commitment-with-two-texts",
        (R(f"{CO}2", "MaxCount", "CommitmentShape/schema:text"), verbatim(f"{CO}2")),
        add=f'{CO}2 schema:text "Approfondir la compréhension des liens entre normes et droits humains."@fr',
    ),
    Case(
        "commitment-text-without-language",
        (R(f"{CO}2", "Datatype", "CommitmentShape/schema:text"),),
        **rewrite(f"{CO}2", "schema:text", "STR(?old)"),
    ),
    Case(
        "commitment-with-empty-text",
        (R(f"{CO}2", "MinLength", "CommitmentShape/schema:text"), verbatim(f"{CO}2")),
        **replace(f"{CO}2", "schema:text", '""@en'),
    ),
    Case(
        "commitment-text-not-verbatim",
        (verbatim(f"{CO}1"),),
        **replace(f"{CO}1", "schema:text", '"Incorporate socio-technical dimensions in standards."@en'),
    ),
    Case(
        "commitment-without-position",
        (R(f"{CO}3", "MinCount", "CommitmentShape/schema:position"),),
        remove=f"{CO}3 schema:position ?p",
    ),
    Case(
        "commitment-with-two-positions",
        (R(f"{CO}4", "MaxCount", "CommitmentShape/schema:position"),),
        add=f"{CO}4 schema:position 5",
    ),
    Case(
        "commitment-position-as-decimal",
        (R(f"{CO}4", "Datatype", "CommitmentShape/schema:position"),),
        **replace(f"{CO}4", "schema:position", "4.0"),
    ),
    Case(
        "commitment-position-as-string",
        (
            R(f"{CO}4", "Datatype", "CommitmentShape/schema:position"),
            R(f"{CO}4", "MinInclusive", "CommitmentShape/schema:position"),
        ),
        **replace(f"{CO}4", "schema:position", '"4"'),
    ),
    Case(
        "commitment-position-zero",
        (R(f"{CO}1", "MinInclusive", "CommitmentShape/schema:position"),),
        **replace(f"{CO}1", "schema:position", "0"),
    ),
    Case(
        "commitment-without-committer",
        (R(f"{CO}1", "MinCount", "CommitmentShape/stdkg:committedBy"),),
        remove=f"{CO}1 stdkg:committedBy ?a",
    ),
    Case(
        "commitment-committed-by-a-name",
        (R(f"{CO}1", "Class", "CommitmentShape/stdkg:committedBy"),),
        add=f'{CO}1 stdkg:committedBy "ISO"',
    ),
    Case(
        "commitment-outside-a-statement",
        (R(f"{CO}4", "MinCount", "CommitmentShape/schema:isPartOf"),),
        remove=f"{CO}4 schema:isPartOf ?s",
    ),
    Case(
        "commitment-part-of-two-works",
        (
            R(f"{CO}4", "MaxCount", "CommitmentShape/schema:isPartOf"),
            R(f"{CO}4", "Class", "CommitmentShape/schema:isPartOf"),
        ),
        add=f"{CO}4 schema:isPartOf {PR}",
    ),
    Case(
        "commitment-part-of-an-event",
        (R(f"{CO}4", "Class", "CommitmentShape/schema:isPartOf"),),
        **replace(f"{CO}4", "schema:isPartOf", SUMMIT),
    ),
    Case(
        "commitment-without-evidence",
        (R(f"{CO}3", "MinCount", "CommitmentShape/stdkg:textEvidence"),),
        remove=f"{CO}3 stdkg:textEvidence ?e",
    ),
    Case(
        "commitment-with-two-evidence-spans",
        (R(f"{CO}3", "MaxCount", "CommitmentShape/stdkg:textEvidence"), verbatim(f"{CO}3")),
        add=f"{CO}3 stdkg:textEvidence {EV}commitment-4",
    ),
    Case(
        "commitment-evidence-is-the-whole-document",
        (R(f"{CO}3", "Class", "CommitmentShape/stdkg:textEvidence"),),
        **replace(f"{CO}3", "stdkg:textEvidence", PR),
    ),
]
