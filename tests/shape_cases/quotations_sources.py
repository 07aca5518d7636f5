"""Planted mistakes for the data shapes: quotations and attributions, sources and evidence, concepts."""

from __future__ import annotations

from .model import (
    EV,
    NO_PROV,
    PR,
    QU,
    Case,
    R,
    replace,
    rewrite,
    verbatim,
)

QUOTATIONS_SOURCES_CASES: list[Case] = [
    # -- quotations and attributions -------------------------------------------------------------
    Case(
        "quotation-without-words-or-parts",
        (R(f"{QU}cho", "Or", "QuotationShape"),),
        remove=f"{QU}cho schema:hasPart ?p",
    ),
    Case(
        "quotation-without-speaker",
        (R(f"{QU}cho", "MinCount", "QuotationShape/schema:creator"),),
        remove=f"{QU}cho schema:creator ?c",
    ),
    Case(
        "quotation-part-without-speaker",
        (R(f"{QU}onoe-2", "MinCount", "QuotationShape/schema:creator"),),
        remove=f"{QU}onoe-2 schema:creator ?c",
    ),
    Case(
        "quotation-with-two-speakers",
        (R(f"{QU}cho", "MaxCount", "QuotationShape/schema:creator"),),
        add=f"{QU}cho schema:creator person:jo-cops",
    ),
    Case(
        "quotation-by-an-organization",
        (R(f"{QU}cho", "Class", "QuotationShape/schema:creator"),),
        **replace(f"{QU}cho", "schema:creator", "stdorg:iso"),
    ),
    Case(
        "quotation-with-two-texts",
        (R(f"{QU}cho-1", "MaxCount", "QuotationShape/schema:text"), verbatim(f"{QU}cho-1")),
        add=f'{QU}cho-1 schema:text "AI has the potential to bring profound benefits."@en',
    ),
    Case(
        "quotation-text-without-language",
        (R(f"{QU}cho-1", "Datatype", "QuotationShape/schema:text"),),
        **rewrite(f"{QU}cho-1", "schema:text", "STR(?old)"),
    ),
    Case(
        "quotation-without-evidence",
        (R(f"{QU}cho-1", "Or", "QuotedTextEvidenceShape"), R(f"{QU}cho-1", "Or", NO_PROV)),
        remove=f"{QU}cho-1 stdkg:textEvidence ?e",
    ),
    Case(
        "quotation-with-a-source-but-without-evidence",
        (R(f"{QU}cops-2", "Or", "QuotedTextEvidenceShape"),),
        remove=f"{QU}cops-2 stdkg:textEvidence ?e",
        add=f"{QU}cops-2 prov:wasDerivedFrom {PR}",
    ),
    Case(
        "quotation-text-not-verbatim",
        (verbatim(f"{QU}onoe-1"),),
        **rewrite(f"{QU}onoe-1", "schema:text", 'STRLANG(REPLACE(STR(?old), "principles", "values"), "en")'),
    ),
    Case(
        "attribution-without-agent",
        (R(f"{QU}cho-attribution", "MinCount", "AttributionShape/prov:agent"),),
        remove=f"{QU}cho-attribution prov:agent ?a",
    ),
    Case(
        "attribution-with-two-agents",
        (R(f"{QU}cho-attribution", "MaxCount", "AttributionShape/prov:agent"),),
        add=f"{QU}cho-attribution prov:agent person:jo-cops",
    ),
    Case(
        "attribution-with-two-roles",
        (R(f"{QU}cho-attribution", "MaxCount", "AttributionShape/prov:hadRole"),),
        add=f"{QU}cho-attribution prov:hadRole role:director",
    ),
    Case(
        "attribution-role-is-a-post",
        (R(f"{QU}cho-attribution", "Class", "AttributionShape/prov:hadRole"),),
        **replace(f"{QU}cho-attribution", "prov:hadRole", "post:iso-president"),
    ),
    Case(
        "attribution-in-two-capacities",
        (R(f"{QU}cops-attribution", "MaxCount", "AttributionShape/stdkg:inCapacity"),),
        add=f"{QU}cops-attribution stdkg:inCapacity post:iso-president",
    ),
    Case(
        "attribution-capacity-is-a-role",
        (R(f"{QU}cops-attribution", "Class", "AttributionShape/stdkg:inCapacity"),),
        **replace(f"{QU}cops-attribution", "stdkg:inCapacity", "role:president"),
    ),
    # -- sources and evidence --------------------------------------------------------------------
    Case(
        "source-without-url",
        (R("source:wikipedia-iso", "MinCount", "SourceDocumentShape/schema:url"),),
        remove="source:wikipedia-iso schema:url ?u",
    ),
    Case(
        "source-with-two-urls",
        (R("source:wikipedia-iso", "MaxCount", "SourceDocumentShape/schema:url"),),
        add='source:wikipedia-iso schema:url "https://fr.wikipedia.org/wiki/ISO"^^xsd:anyURI',
    ),
    Case(
        "source-url-plain-string",
        (R(PR, "Datatype", "SourceDocumentShape/schema:url"),),
        **rewrite(PR, "schema:url", "STR(?old)"),
    ),
    Case(
        "source-with-two-dates",
        (R(PR, "MaxCount", "SourceDocumentShape/schema:datePublished"),),
        add=f'{PR} schema:datePublished "2025-12-01"^^xsd:date',
    ),
    Case(
        "source-date-ill-typed",
        (R(PR, "Or", "SourceDocumentShape/schema:datePublished"),),
        **replace(PR, "schema:datePublished", '"2025-02-30"^^xsd:date'),
    ),
    Case(
        "evidence-without-source",
        (R(f"{EV}cho-1", "MinCount", "EvidenceShape/oa:hasSource"),),
        remove=f"{EV}cho-1 oa:hasSource ?s",
    ),
    Case(
        "evidence-with-two-sources",
        (R(f"{EV}cho-1", "MaxCount", "EvidenceShape/oa:hasSource"),),
        add=f"{EV}cho-1 oa:hasSource source:wikipedia-iso",
    ),
    Case(
        "evidence-in-unrecorded-source",
        (R(f"{EV}cho-1", "Or", "EvidenceShape/oa:hasSource"),),
        **replace(
            f"{EV}cho-1", "oa:hasSource", "<https://www.prnewswire.co.uk/news-releases/302629226.html>"
        ),
    ),
    Case(
        "evidence-without-quote-selector",
        (R(f"{EV}cho-1", "QualifiedMinCount", "EvidenceShape/oa:hasSelector[oa:TextQuoteSelector]"),),
        remove=f"{EV}cho-1 oa:hasSelector {EV}cho-1-quote",
    ),
    Case(
        "evidence-with-two-quote-selectors",
        (R(f"{EV}cho-1", "QualifiedMaxCount", "EvidenceShape/oa:hasSelector[oa:TextQuoteSelector]"),),
        add=f"{EV}cho-1 oa:hasSelector evidence:copy-quote . evidence:copy-quote a oa:TextQuoteSelector ; "
        "oa:exact ?exact",
        add_where=f"{EV}cho-1-quote oa:exact ?exact",
    ),
    Case(
        "evidence-without-position-selector",
        (R(f"{EV}cho-1", "QualifiedMinCount", "EvidenceShape/oa:hasSelector[oa:TextPositionSelector]"),),
        remove=f"{EV}cho-1 oa:hasSelector {EV}cho-1-position",
    ),
    Case(
        "evidence-with-two-position-selectors",
        (R(f"{EV}cho-1", "QualifiedMaxCount", "EvidenceShape/oa:hasSelector[oa:TextPositionSelector]"),),
        add=f"{EV}cho-1 oa:hasSelector evidence:copy-position . evidence:copy-position a "
        "oa:TextPositionSelector ; oa:start ?start ; oa:end ?end",
        add_where=f"{EV}cho-1-position oa:start ?start ; oa:end ?end",
    ),
    Case(
        "quote-selector-without-exact",
        (R(f"{EV}cho-1-quote", "MinCount", "TextQuoteSelectorShape/oa:exact"),),
        remove=f"{EV}cho-1-quote oa:exact ?e",
    ),
    Case(
        "quote-selector-with-two-exacts",
        (R(f"{EV}cho-1-quote", "MaxCount", "TextQuoteSelectorShape/oa:exact"), verbatim(f"{QU}cho-1")),
        add=f'{EV}cho-1-quote oa:exact "AI has the potential"',
    ),
    Case(
        "quote-selector-exact-with-language",
        (R(f"{EV}cho-1-quote", "Datatype", "TextQuoteSelectorShape/oa:exact"),),
        **rewrite(f"{EV}cho-1-quote", "oa:exact", 'STRLANG(?old, "en")'),
    ),
    Case(
        "quote-selector-empty-exact",
        (R(f"{EV}cho-1-quote", "MinLength", "TextQuoteSelectorShape/oa:exact"), verbatim(f"{QU}cho-1")),
        **replace(f"{EV}cho-1-quote", "oa:exact", '""'),
    ),
    Case(
        "quote-selector-with-two-prefixes",
        (R(f"{EV}cho-2-quote", "MaxCount", "TextQuoteSelectorShape/oa:prefix"),),
        add=f'{EV}cho-2-quote oa:prefix "said Dr Sung Hwan Cho. \\""',
    ),
    Case(
        "quote-selector-prefix-with-language",
        (R(f"{EV}cho-2-quote", "Datatype", "TextQuoteSelectorShape/oa:prefix"),),
        **rewrite(f"{EV}cho-2-quote", "oa:prefix", 'STRLANG(?old, "en")'),
    ),
    Case(
        "quote-selector-with-two-suffixes",
        (R(f"{EV}cho-2-quote", "MaxCount", "TextQuoteSelectorShape/oa:suffix"),),
        add=f'{EV}cho-2-quote oa:suffix "\\" end"',
    ),
    Case(
        "quote-selector-suffix-with-language",
        (R(f"{EV}cho-2-quote", "Datatype", "TextQuoteSelectorShape/oa:suffix"),),
        **rewrite(f"{EV}cho-2-quote", "oa:suffix", 'STRLANG(?old, "en")'),
    ),
    Case(
        "position-selector-without-start",
        (R(f"{EV}cho-1-position", "MinCount", "TextPositionSelectorShape/oa:start"),),
        remove=f"{EV}cho-1-position oa:start ?s",
    ),
    Case(
        "position-selector-with-two-starts",
        (R(f"{EV}cho-1-position", "MaxCount", "TextPositionSelectorShape/oa:start"),),
        add=f"{EV}cho-1-position oa:start ?next",
        add_where=f"{EV}cho-1-position oa:start ?s BIND (?s + 1 AS ?next)",
    ),
    Case(
        "position-selector-start-typed-non-negative-integer",
        (R(f"{EV}cho-1-position", "Datatype", "TextPositionSelectorShape/oa:start"),),
        **rewrite(f"{EV}cho-1-position", "oa:start", "STRDT(STR(?old), xsd:nonNegativeInteger)"),
    ),
    Case(
        "position-selector-start-negative",
        (R(f"{EV}cho-1-position", "MinInclusive", "TextPositionSelectorShape/oa:start"),),
        **replace(f"{EV}cho-1-position", "oa:start", "-1"),
    ),
    Case(
        "position-selector-start-not-before-end",
        (R(f"{EV}cho-1-position", "LessThan", "TextPositionSelectorShape/oa:start"),),
        remove=f"{EV}cho-1-position oa:start ?s",
        add=f"{EV}cho-1-position oa:start ?end",
        add_where=f"{EV}cho-1-position oa:end ?end",
    ),
    Case(
        "position-selector-without-end",
        (R(f"{EV}cho-1-position", "MinCount", "TextPositionSelectorShape/oa:end"),),
        remove=f"{EV}cho-1-position oa:end ?e",
    ),
    Case(
        "position-selector-with-two-ends",
        (R(f"{EV}cho-1-position", "MaxCount", "TextPositionSelectorShape/oa:end"),),
        add=f"{EV}cho-1-position oa:end ?next",
        add_where=f"{EV}cho-1-position oa:end ?e BIND (?e + 1 AS ?next)",
    ),
    Case(
        "position-selector-end-as-decimal",
        (R(f"{EV}cho-1-position", "Datatype", "TextPositionSelectorShape/oa:end"),),
        **rewrite(f"{EV}cho-1-position", "oa:end", "STRDT(STR(?old), xsd:decimal)"),
    ),
    Case(
        "position-selector-end-negative",
        (
            R(f"{EV}cho-1-position", "MinInclusive", "TextPositionSelectorShape/oa:end"),
            R(f"{EV}cho-1-position", "LessThan", "TextPositionSelectorShape/oa:start"),
        ),
        **replace(f"{EV}cho-1-position", "oa:end", "-1"),
    ),
    # -- concepts --------------------------------------------------------------------------------
    Case(
        "concept-without-preferred-label",
        (R("theme:trust", "MinCount", "ConceptShape/skos:prefLabel"),),
        remove="theme:trust skos:prefLabel ?l",
    ),
    Case(
        "concept-without-definition",
        (R("theme:trust", "QualifiedMinCount", "ConceptShape/skos:definition[@en]"),),
        remove="theme:trust skos:definition ?d",
    ),
    Case(
        "concept-definition-only-in-french",
        (R("value:fair", "QualifiedMinCount", "ConceptShape/skos:definition[@en]"),),
        **replace("value:fair", "skos:definition", '"Qui traite chacun avec équité."@fr'),
    ),
    Case(
        "concept-outside-scheme",
        (R("theme:trust", "MinCount", "ConceptShape/skos:inScheme"),),
        remove="theme:trust skos:inScheme ?s",
    ),
    Case(
        "concept-in-unrecorded-scheme",
        (R("theme:trust", "Class", "ConceptShape/skos:inScheme"),),
        **replace("theme:trust", "skos:inScheme", "scheme:theme"),
    ),
]
