"""Planted mistakes for the data shapes: fact nodes without provenance, claims and the statements they state, sources and their snapshots."""

from __future__ import annotations

from .model import (
    CLAIM,
    CO,
    HOMEPAGE,
    ISSUE,
    NO_PROV,
    PR,
    PROV_SHAPE,
    QU,
    ST,
    Case,
    M,
    R,
    replace,
    rewrite,
    unclaimed,
)

PROVENANCE_CLAIMS_CASES: list[Case] = [
    # -- a fact node without provenance; provenance to an unrecorded source --------------------
    Case(
        "organization-without-provenance",
        (R("stdorg:wsc", "Or", NO_PROV),),
        **unclaimed("stdorg:wsc"),
    ),
    Case(
        "person-without-provenance",
        (R("person:jo-cops", "Or", NO_PROV),),
        **unclaimed("person:jo-cops"),
    ),
    Case(
        "post-without-provenance",
        (R("post:iec-president", "Or", NO_PROV),),
        **unclaimed("post:iec-president"),
    ),
    Case("membership-without-provenance", (R(M, "Or", NO_PROV),), remove=f"{M} prov:wasDerivedFrom ?s"),
    Case(
        "event-without-provenance",
        (R(ISSUE, "Or", NO_PROV),),
        remove=f"{ISSUE} prov:wasDerivedFrom ?s",
    ),
    Case(
        "statement-without-provenance",
        (R(ST, "Or", NO_PROV),),
        remove=f"{ST} prov:wasDerivedFrom ?s ; prov:hadPrimarySource ?p",
    ),
    Case(
        "commitment-without-provenance",
        (R(f"{CO}3", "Or", NO_PROV), R(f"{CO}3", "MinCount", "CommitmentShape/stdkg:textEvidence")),
        remove=f"{CO}3 prov:wasDerivedFrom ?s ; stdkg:textEvidence ?e",
    ),
    Case(
        "quotation-without-provenance",
        (R(f"{QU}cops", "Or", NO_PROV),),
        remove=f"{QU}cops prov:wasDerivedFrom ?s ; prov:wasQuotedFrom ?q",
    ),
    Case(
        "provenance-to-unrecorded-source",
        (R("person:jo-cops", "Or", PROV_SHAPE),),
        add="person:jo-cops prov:wasDerivedFrom source:prnewswire-30262922",
    ),
    Case(
        "primary-source-is-an-unrecorded-url",
        (R(ST, "Or", PROV_SHAPE),),
        add=f"{ST} prov:hadPrimarySource <https://www.prnewswire.com/news-releases/302629226.html>",
    ),
    Case(
        "provenance-is-a-literal",
        (R("stdorg:iso", "Or", PROV_SHAPE),),
        add='stdorg:iso prov:wasDerivedFrom "Wikipedia"',
    ),
    Case(
        "place-without-provenance",
        (R("place:london", "Or", NO_PROV),),
        **unclaimed("place:london"),
    ),
    Case(
        "provenance-is-another-fact-node",
        (R("person:jo-cops", "Or", PROV_SHAPE),),
        add=f"person:jo-cops prov:wasDerivedFrom {CO}1",
    ),
    Case(
        "provenance-is-a-place",
        (R("stdorg:iec", "Or", PROV_SHAPE),),
        add="stdorg:iec prov:wasDerivedFrom place:geneva",
    ),
    # -- claims and the statements they state -------------------------------------------------
    Case(
        "claim-that-states-nothing",
        (R("claim:bare", "MinCount", "ClaimShape/stdkg:states"),),
        add=f"claim:bare a stdkg:Claim ; prov:wasDerivedFrom {PR}",
    ),
    Case(
        "claim-that-states-a-resource-not-a-statement",
        (R("claim:bare", "Class", "ClaimShape/stdkg:states"),),
        add=f"claim:bare a stdkg:Claim ; prov:wasDerivedFrom {PR} ; stdkg:states stdorg:iso",
    ),
    Case(
        "claim-without-evidence",
        (R(CLAIM, "MinCount", "ClaimShape/prov:wasDerivedFrom"),),
        remove=f"{CLAIM} prov:wasDerivedFrom ?d",
    ),
    Case(
        "claim-derived-from-a-place",
        (R(CLAIM, "Or", "ClaimShape/prov:wasDerivedFrom"),),
        **replace(CLAIM, "prov:wasDerivedFrom", "place:geneva"),
    ),
    Case(
        "claim-preferred-twice",
        (R(CLAIM, "MaxCount", "ClaimShape/stdkg:preferred"),),
        add=f"{CLAIM} stdkg:preferred true , false",
    ),
    Case(
        "claim-preferred-is-text",
        (R(CLAIM, "Datatype", "ClaimShape/stdkg:preferred"),),
        add=f'{CLAIM} stdkg:preferred "yes"',
    ),
    Case(
        "statement-without-subject",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:subject"),),
        remove=f"{HOMEPAGE} rdf:subject ?s",
    ),
    Case(
        "statement-with-two-subjects",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:subject"),),
        add=f"{HOMEPAGE} rdf:subject stdorg:iso",
    ),
    Case(
        "statement-about-a-literal",
        (R(HOMEPAGE, "NodeKind", "ReifiedStatementShape/rdf:subject"),),
        **rewrite(HOMEPAGE, "rdf:subject", "STR(?old)"),
    ),
    Case(
        "statement-without-predicate",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:predicate"),),
        remove=f"{HOMEPAGE} rdf:predicate ?p",
    ),
    Case(
        "statement-with-two-predicates",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:predicate"),),
        add=f"{HOMEPAGE} rdf:predicate rdfs:seeAlso",
    ),
    Case(
        "statement-predicate-is-a-literal",
        (R(HOMEPAGE, "NodeKind", "ReifiedStatementShape/rdf:predicate"),),
        **replace(HOMEPAGE, "rdf:predicate", '"homepage"'),
    ),
    Case(
        "statement-without-object",
        (R(HOMEPAGE, "MinCount", "ReifiedStatementShape/rdf:object"),),
        remove=f"{HOMEPAGE} rdf:object ?o",
    ),
    Case(
        "statement-with-two-objects",
        (R(HOMEPAGE, "MaxCount", "ReifiedStatementShape/rdf:object"),),
        add=f"{HOMEPAGE} rdf:object <https://example.org/>",
    ),
    Case(
        "statement-that-no-claim-states",
        (R("triple:orphan", "MinCount", "ReifiedStatementShape/^stdkg:states"),),
        add='triple:orphan a rdf:Statement ; rdf:subject stdorg:iso ; rdf:predicate rdfs:label ; rdf:object "ISO"',
    ),
    # -- sources and their snapshots -----------------------------------------------------------
    Case(
        "source-retrieved-twice",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:retrievedOn"),),
        add=f'{PR} stdkg:retrievedOn "2026-12-01"^^xsd:date , "2026-12-02"^^xsd:date',
    ),
    Case(
        "source-retrieved-in-a-year",
        (R(PR, "Datatype", "SourceDocumentShape/stdkg:retrievedOn"),),
        add=f'{PR} stdkg:retrievedOn "2026"^^xsd:gYear',
    ),
    Case(
        "snapshot-with-a-folder",
        (R(PR, "Pattern", "SourceDocumentShape/stdkg:snapshotFile"),),
        **replace(PR, "stdkg:snapshotFile", '"../secrets.txt"'),
    ),
    Case(
        "two-snapshots",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:snapshotFile"),),
        add=f'{PR} stdkg:snapshotFile "other.txt"',
    ),
    Case(
        "snapshot-digest-not-hex",
        (R(PR, "Pattern", "SourceDocumentShape/stdkg:sha256"),),
        **replace(PR, "stdkg:sha256", '"not-a-digest"'),
    ),
    Case(
        "two-snapshot-digests",
        (R(PR, "MaxCount", "SourceDocumentShape/stdkg:sha256"),),
        add=f'{PR} stdkg:sha256 "{"0" * 64}"',
    ),
    Case(
        "snapshot-without-digest",
        (R(PR, "Or", "SourceDocumentShape"),),
        remove=f"{PR} stdkg:sha256 ?d",
    ),
    Case(
        "read-from-copy-is-text",
        (R(PR, "Datatype", "SourceDocumentShape/(stdkg:readFromCopy|stdkg:excerptOnly)"),),
        add=f'{PR} stdkg:readFromCopy "yes"',
    ),
]
