"""Pages of the standards landscape: committees, standards and their editions, event series."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from stdkg.kg import load
from stdkg.publish.site import Site

BASE = "http://127.0.0.1:8000/"

LANDSCAPE = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema:  <https://schema.org/> .
@prefix stdkg:   <https://w3id.org/stdkg/ns#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <https://w3id.org/stdkg/id/org/> .
@prefix pe: <https://w3id.org/stdkg/id/person/> .
@prefix po: <https://w3id.org/stdkg/id/post/> .
@prefix ms: <https://w3id.org/stdkg/id/membership/> .
@prefix iv: <https://w3id.org/stdkg/id/interval/> .
@prefix in: <https://w3id.org/stdkg/id/instant/> .
@prefix ro: <https://w3id.org/stdkg/id/role/> .
@prefix st: <https://w3id.org/stdkg/id/standard/> .
@prefix ev: <https://w3id.org/stdkg/id/event/> .
@prefix kind: <https://w3id.org/stdkg/id/concept/body-kind/> .
@prefix status: <https://w3id.org/stdkg/id/concept/status/> .

o:iso a org:FormalOrganization ; rdfs:label "International Organization for Standardization"@en ; stdkg:acronym "ISO" .
o:iec a org:FormalOrganization ; rdfs:label "International Electrotechnical Commission"@en ; stdkg:acronym "IEC" .
o:ansi a org:FormalOrganization ; rdfs:label "American National Standards Institute"@en .
o:jtc-1 a org:OrganizationalUnit ; rdfs:label "ISO/IEC JTC 1"@en ; stdkg:acronym "JTC 1" ;
    org:classification kind:joint-technical-committee ;
    org:unitOf o:iso , o:iec .
kind:joint-technical-committee rdfs:label "joint technical committee"@en .
o:sc-42 a org:OrganizationalUnit ; rdfs:label "ISO/IEC JTC 1/SC 42"@en ; stdkg:acronym "SC 42" ;
    org:unitOf o:jtc-1 .
pe:diab a schema:Person ; rdfs:label "Wael William Diab"@en .
pe:earlier a schema:Person ; rdfs:label "An Earlier Chair"@en .
po:sc-42-chair a org:Post ; rdfs:label "Chair of SC 42"@en ; org:postIn o:sc-42 .
ms:diab a org:Membership ; rdfs:label "Diab as chair"@en ; org:member pe:diab ;
    org:organization o:sc-42 ; stdkg:post po:sc-42-chair ; org:memberDuring iv:diab .
iv:diab time:hasBeginning in:2018 .
in:2018 rdfs:label "2018"@en ; time:inXSDgYear "2018"^^xsd:gYear .
ms:earlier a org:Membership ; rdfs:label "Earlier as chair"@en ; org:member pe:earlier ;
    org:organization o:sc-42 ; stdkg:post po:sc-42-chair ; org:memberDuring iv:earlier .
iv:earlier time:hasBeginning in:2010 ; time:hasEnd in:2017 .
in:2010 rdfs:label "2010"@en ; time:inXSDgYear "2010"^^xsd:gYear .
in:2017 rdfs:label "2017"@en ; time:inXSDgYear "2017"^^xsd:gYear .
ms:ansi-secretariat a org:Membership ; rdfs:label "ANSI as secretariat of SC 42"@en ;
    org:member o:ansi ; org:organization o:sc-42 ; org:role ro:secretariat .
ro:secretariat rdfs:label "secretariat"@en .

st:iso-iec-42001 a stdkg:Standard ; rdfs:label "ISO/IEC 42001"@en ; stdkg:reference "ISO/IEC 42001" ;
    dcterms:title "Information technology - Artificial intelligence - Management system"@en ;
    stdkg:responsibleCommittee o:sc-42 ; schema:workExample st:iso-iec-42001-2023 .
st:iso-iec-42001-2023 a stdkg:StandardEdition ; rdfs:label "ISO/IEC 42001:2023"@en ;
    stdkg:reference "ISO/IEC 42001:2023" ; schema:exampleOfWork st:iso-iec-42001 ;
    dcterms:issued "2023-12-18"^^xsd:date ; schema:creativeWorkStatus status:published ;
    schema:publisher o:iso , o:iec ; stdkg:normativeReference st:iso-iec-22989-2022 .
status:published rdfs:label "published"@en .
st:iso-iec-22989 a stdkg:Standard ; rdfs:label "ISO/IEC 22989"@en ; stdkg:reference "ISO/IEC 22989" ;
    stdkg:responsibleCommittee o:sc-42 .
st:iso-iec-22989-2022 a stdkg:StandardEdition ; rdfs:label "ISO/IEC 22989:2022"@en ;
    schema:exampleOfWork st:iso-iec-22989 ; dcterms:issued "2022-07-18"^^xsd:date .

ev:summits a schema:EventSeries ; rdfs:label "International AI Standards Summit"@en ;
    schema:organizer o:iso , o:iec ;
    schema:subEvent ev:summit-2025 , ev:summit-2024 .
ev:summit-2024 a schema:Event ; rdfs:label "Summit 2024"@en ; stdkg:editionNumber 1 ;
    schema:startDate "2024-10-14"^^xsd:date .
ev:summit-2025 a schema:Event ; rdfs:label "Summit 2025"@en ; schema:startDate "2025-12-02"^^xsd:date .

o:iso-member a org:Membership ; org:member o:ansi ; org:organization o:iso ; org:role ro:member-body .
po:iso-president a org:Post ; rdfs:label "President of ISO"@en ; org:postIn o:iso .
ms:iso-old a org:Membership ; org:member pe:earlier ; org:organization o:iso ; stdkg:post po:iso-president ;
    org:memberDuring iv:iso-old .
iv:iso-old time:hasBeginning in:2010 ; time:hasEnd in:2017 .
ms:iso-now a org:Membership ; org:member pe:diab ; org:organization o:iso ; stdkg:post po:iso-president ;
    org:memberDuring iv:diab .
<https://w3id.org/stdkg/id/statement/s> a stdkg:JointStatement ; rdfs:label "A Statement"@en ;
    schema:datePublished "2025-12-02"^^xsd:date ; schema:hasPart <https://w3id.org/stdkg/id/commitment/c1> .
<https://w3id.org/stdkg/id/commitment/c1> a stdkg:Commitment ; schema:position 1 ; schema:text "Do it."@en ;
    schema:isPartOf <https://w3id.org/stdkg/id/statement/s> ; stdkg:committedBy o:iso , o:iec .
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    path: Path = tmp_path_factory.mktemp("landscape") / "landscape.ttl"
    path.write_text(LANDSCAPE, encoding="utf-8")
    return Site(load([path]), BASE)


def facts(site: Site, path: str) -> str:
    doc = site.document(path + ".html")
    assert doc is not None, path
    html = doc.body.decode("utf-8")
    dl = html[html.index('<dl class="facts">') : html.index("</dl>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", dl)).split())


def test_committee_shows_parents_officers_over_time_members_and_standards(site: Site) -> None:
    sc42 = facts(site, "id/org/sc-42")
    assert "Acronym SC 42" in sc42
    assert "Part of ISO/IEC JTC 1" in sc42
    officers = sc42[sc42.index("Officers") : sc42.index("Part of")]
    assert officers.index("An Earlier Chair") < officers.index("Wael William Diab")  # in order of office
    assert "(from 2010, until 2017)" in officers and "(from 2018)" in officers
    assert "Members secretariat : American National Standards Institute" in sc42
    assert "Standards ISO/IEC 22989 , ISO/IEC 42001" in sc42
    jtc1 = facts(site, "id/org/jtc-1")
    assert "Kind joint technical committee" in jtc1
    assert (
        "Part of International Electrotechnical Commission , International Organization for Standardization"
        in jtc1
    )
    assert "Units ISO/IEC JTC 1/SC 42" in jtc1


def test_standard_shows_editions_status_committee_and_references(site: Site) -> None:
    work = facts(site, "id/standard/iso-iec-42001")
    assert "Reference ISO/IEC 42001" in work
    assert "Title Information technology - Artificial intelligence - Management system en" in work
    assert "Editions ISO/IEC 42001:2023 (2023-12-18, published)" in work
    assert "Committee ISO/IEC JTC 1/SC 42" in work
    assert "Builds on ISO/IEC 22989:2022" in work
    edition = facts(site, "id/standard/iso-iec-42001-2023")
    assert "Edition of ISO/IEC 42001" in edition and "Published 2023-12-18" in edition
    assert "Status published" in edition
    assert "Normative references ISO/IEC 22989:2022" in edition
    base = facts(site, "id/standard/iso-iec-22989")
    assert "Built on by ISO/IEC 42001:2023" in base


def test_event_series_lists_its_editions_in_order(site: Site) -> None:
    series = facts(site, "id/event/summits")
    assert "Editions Summit 2024 (edition 1, 2024-10-14) , Summit 2025 (2025-12-02)" in series


def home(site: Site) -> str:
    doc = site.document("index.html")
    assert doc is not None
    return doc.body.decode("utf-8")


def svg(html: str, cls: str) -> str:
    found = re.search(rf'<svg [^>]*class="{cls}".*?</svg>', html, flags=re.S)
    assert found, cls
    return found.group(0)


def test_home_page_draws_the_bodies_structure(site: Site) -> None:
    html = home(site)
    wide = svg(html, "stdkg-structure wide")
    boxes = {
        t: float(y)
        for y, t in re.findall(r'<rect x="[\d.]+" y="([\d.]+)"[^>]*/>\s*<text[^>]*>([^<]+)</text>', wide)
    }
    assert boxes["ISO"] == boxes["IEC"] < boxes["JTC 1"] < boxes["SC 42"], boxes
    assert wide.count("<path") == 3  # JTC 1 under ISO and under IEC, SC 42 under JTC 1
    narrow = svg(html, "stdkg-structure narrow")
    assert "(also under ISO)" in narrow  # JTC 1 is listed under IEC, its second parent named


def test_home_page_timeline_in_order(site: Site) -> None:
    wide = svg(home(site), "stdkg-timeline wide")
    said = [
        unescape(t) for t in re.findall(r"<text x=\"\d+\" y=\"[\d.]+\" fill=\"#1d2330\">([^<]+)</text>", wide)
    ]
    order = [
        "An Earlier Chair becomes Chair of SC 42",
        "An Earlier Chair's term as Chair of SC 42 ends",
        "Wael William Diab becomes Chair of SC 42",
        "Summit 2024",
        "A Statement issued",
    ]
    at = [next(i for i, t in enumerate(said) if t.startswith(o)) for o in order]
    assert at == sorted(at), said
    assert "14 October 2024" in wide  # dates in words
    assert "American National Standards Institute becomes" not in wide  # a member body is no term of office


def test_picture_shows_who_was_in_office_when_the_statement_was_made(site: Site) -> None:
    wide = svg(home(site), "stdkg-diagram wide")
    assert "Wael William Diab" in wide  # president of ISO since 2018
    assert "An Earlier Chair" not in wide  # president until 2017
    assert "American National Standards Institute" not in wide  # a member body, not an officer
