"""One synthetic body (an organization with its units, posts, people, memberships, statement, quotation and event) and the concepts all bodies share."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .terms import (
    ANYURI,
    CITIES,
    COUNTRIES,
    DATE,
    DERIVED,
    FAMILY,
    GIVEN,
    INT,
    LABEL,
    PREF,
    PRIMARY,
    ROLE_NAMES,
    ROLES,
    THEMES,
    VALUES,
    WORDS,
    A,
    Triple,
    iri,
    lit,
    ns_dct,
    ns_foaf,
    ns_oa,
    ns_org,
    ns_prov,
    ns_schema,
    ns_skos,
    ns_stdkg,
    ns_time,
    typed,
)


@dataclass
class Body:
    """The IRIs of one body, so violation planters can find their targets."""

    i: int
    org: str
    units: list[str]
    posts: dict[str, str]
    people: list[str]
    memberships: list[str]
    begin_instants: list[str]
    statement: str
    commitments: list[str]
    quotation: str


def make_body(i: int, rng: random.Random, bodies: int) -> tuple[Body, list[Triple]]:
    t: list[Triple] = []
    add = t.append
    src = iri("source", f"news-{i}")
    org = iri("org", f"body-{i}")
    city = iri("place", rng.choice(CITIES))
    year = 1900 + rng.randrange(120)
    acronym = f"B{i}"
    name = f"Standards Body {i}"

    # the source document
    add((src, A, ns_schema("NewsArticle")))
    add((src, A, ns_prov("Entity")))
    add((src, LABEL, lit(f"News release {i}")))
    add((src, ns_schema("headline"), lit(f"{name} publishes a joint statement")))
    pub = f"20{10 + rng.randrange(15)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    add((src, ns_schema("datePublished"), typed(pub, DATE)))
    add((src, ns_schema("url"), typed(f"https://news.example.org/release/{i}", ANYURI)))
    add((src, ns_schema("publisher"), org))

    # the organization, its units and posts
    add((org, A, ns_org("FormalOrganization")))
    add((org, A, ns_schema("Organization")))
    add((org, LABEL, lit(name)))
    add((org, PREF, lit(name)))
    add((org, PREF, lit(f"Organisme de normalisation {i}", "fr")))
    add((org, ns_skos("altLabel"), lit(acronym)))
    add((org, ns_schema("foundingDate"), typed(f"{year}-01-01", DATE)))
    add((org, ns_stdkg("headquarters"), city))
    add((org, ns_schema("sameAs"), f"<http://www.wikidata.org/entity/Q{900000 + i}>"))
    add((org, DERIVED, src))
    units = []
    for u in (1, 2):
        unit = iri("org", f"body-{i}-unit-{u}")
        units.append(unit)
        uname = f"{acronym} Unit {u}"
        add((unit, A, ns_org("OrganizationalUnit")))
        add((unit, A, ns_schema("Organization")))
        add((unit, LABEL, lit(uname)))
        add((unit, PREF, lit(uname)))
        add((unit, ns_org("unitOf"), org))
        add((unit, DERIVED, src))
    posts: dict[str, str] = {}
    for role in ROLES:
        post = iri("post", f"body-{i}-{role}")
        posts[role] = post
        holder_org = units[0] if role == "director" else org
        title = f"{ROLE_NAMES[role]} of {acronym}"
        add((post, A, ns_org("Post")))
        add((post, LABEL, lit(title)))
        add((post, PREF, lit(title)))
        add((post, ns_org("postIn"), holder_org))
        add((post, ns_org("role"), iri("role", role)))
        add((post, DERIVED, src))

    # people and memberships
    people, memberships, begins = [], [], []
    for k, role in enumerate(ROLES, 1):
        person = iri("person", f"p-{i}-{k}")
        people.append(person)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        full = f"{given} {family} {i}-{k}"
        add((person, A, ns_foaf("Person")))
        add((person, A, ns_schema("Person")))
        add((person, LABEL, lit(full)))
        add((person, ns_foaf("name"), f'"{full}"'))
        add((person, ns_foaf("givenName"), f'"{given}"'))
        add((person, ns_foaf("familyName"), f'"{family} {i}-{k}"'))
        add((person, DERIVED, src))

        slug = f"p-{i}-{k}--body-{i}-{role}"
        ms = iri("membership", slug)
        memberships.append(ms)
        interval = iri("interval", slug)
        begin = iri("instant", f"{slug}--begin")
        inside = iri("instant", f"{slug}--inside")
        begins.append(begin)
        start = f"{1990 + rng.randrange(20)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        add((ms, A, ns_org("Membership")))
        add((ms, LABEL, lit(f"{full} as {ROLE_NAMES[role]} of {acronym}")))
        add((ms, ns_org("member"), person))
        add((ms, ns_org("organization"), units[0] if role == "director" else org))
        add((ms, ns_org("role"), iri("role", role)))
        add((ms, ns_stdkg("post"), posts[role]))
        add((ms, ns_org("memberDuring"), interval))
        add((ms, DERIVED, src))
        add((interval, A, ns_time("Interval")))
        add((interval, LABEL, lit(f"Term of {full}")))
        add((interval, ns_time("hasBeginning"), begin))
        add((interval, ns_time("inside"), inside))
        add((begin, A, ns_time("Instant")))
        add((begin, LABEL, lit(start)))
        add((begin, ns_time("inXSDDate"), typed(start, DATE)))
        add((inside, A, ns_time("Instant")))
        add((inside, LABEL, lit(pub)))
        add((inside, ns_time("inXSDDate"), typed(pub, DATE)))

    # event, statement, commitments with evidence
    event = iri("event", f"summit-{i}")
    add((event, A, ns_schema("Event")))
    add((event, LABEL, lit(f"Summit {i}")))
    add((event, ns_schema("name"), lit(f"Summit {i}")))
    add((event, ns_schema("startDate"), typed(pub, DATE)))
    add((event, ns_schema("location"), city))
    add((event, ns_schema("organizer"), org))
    add((event, DERIVED, src))

    st = iri("statement", f"st-{i}")
    add((st, A, ns_stdkg("JointStatement")))
    add((st, LABEL, lit(f"Statement {i}")))
    add((st, ns_schema("name"), lit(f"Statement {i}")))
    add((st, ns_schema("creator"), org))
    add((st, ns_schema("datePublished"), typed(pub, DATE)))
    add((st, ns_schema("about"), iri("concept/theme", rng.choice(THEMES))))
    add((st, ns_schema("creator"), iri("org", f"body-{(i + 1) % max(bodies, 2)}")))
    add((st, PRIMARY, src))
    commitments = []
    for n in (1, 2, 3):
        cm = iri("commitment", f"st-{i}-{n}")
        commitments.append(cm)
        w1, w2 = rng.choice(WORDS), rng.choice(WORDS)
        text = f"We commit to {w1} and {w2} ({i}.{n})."
        ev = iri("evidence", f"st-{i}-{n}")
        start_pos = 100 * n
        add((st, ns_schema("hasPart"), cm))
        add((cm, A, ns_stdkg("Commitment")))
        add((cm, LABEL, lit(f"Commitment {n} of statement {i}")))
        add((cm, ns_schema("position"), typed(str(n), INT)))
        add((cm, ns_schema("isPartOf"), st))
        add((cm, ns_schema("text"), lit(text)))
        add((cm, ns_stdkg("committedBy"), org))
        add((cm, ns_stdkg("value"), iri("concept/value", rng.choice(VALUES))))
        add((cm, ns_dct("subject"), iri("concept/theme", rng.choice(THEMES))))
        add((cm, ns_stdkg("textEvidence"), ev))
        add((cm, DERIVED, src))
        _evidence(add, ev, src, text, start_pos)

    # a quotation with a qualified attribution
    q = iri("quotation", f"q-{i}")
    speaker = people[0]
    qtext = f"Standards build {rng.choice(WORDS)} ({i})."
    qev = iri("evidence", f"q-{i}")
    attribution = iri("quotation", f"q-{i}-attribution")
    add((q, A, ns_schema("Quotation")))
    add((q, LABEL, lit(f"Quotation {i}")))
    add((q, ns_schema("text"), lit(qtext)))
    add((q, ns_schema("creator"), speaker))
    add((q, ns_schema("isPartOf"), src))
    add((q, ns_schema("about"), st))
    add((q, ns_prov("wasQuotedFrom"), src))
    add((q, ns_prov("qualifiedAttribution"), attribution))
    add((q, ns_stdkg("textEvidence"), qev))
    add((q, DERIVED, src))
    add((attribution, A, ns_prov("Attribution")))
    add((attribution, LABEL, lit(f"Attribution of quotation {i}")))
    add((attribution, ns_prov("agent"), speaker))
    add((attribution, ns_prov("hadRole"), iri("role", "president")))
    add((attribution, ns_stdkg("inCapacity"), posts["president"]))
    _evidence(add, qev, src, qtext, 20)

    body = Body(i, org, units, posts, people, memberships, begins, st, commitments, q)
    return body, t


def _evidence(add: Callable[[Triple], None], ev: str, src: str, text: str, start: int) -> None:
    tq = f"{ev[:-1]}/quote>"
    tp = f"{ev[:-1]}/position>"
    add((ev, A, ns_oa("SpecificResource")))
    add((ev, LABEL, lit("Evidence span")))
    add((ev, ns_oa("hasSource"), src))
    add((ev, ns_oa("hasSelector"), tq))
    add((ev, ns_oa("hasSelector"), tp))
    add((tq, A, ns_oa("TextQuoteSelector")))
    add((tq, ns_oa("exact"), f'"{text}"'))
    add((tp, A, ns_oa("TextPositionSelector")))
    add((tp, ns_oa("start"), typed(str(start), INT)))
    add((tp, ns_oa("end"), typed(str(start + len(text)), INT)))


def shared_triples() -> list[Triple]:
    """Concept schemes, roles, themes, values and places shared by all bodies."""
    t: list[Triple] = []
    add = t.append
    schemes = {
        "roles": "Roles",
        "themes": "Themes",
        "values": "Values",
    }
    for slug, title in schemes.items():
        s = iri("scheme", slug)
        add((s, A, ns_skos("ConceptScheme")))
        add((s, LABEL, lit(f"Synthetic {title.lower()}")))
        add((s, PREF, lit(f"Synthetic {title.lower()}")))
    for role in ROLES:
        r = iri("role", role)
        for cls in (ns_org("Role"), ns_skos("Concept"), ns_prov("Role")):
            add((r, A, cls))
        add((r, LABEL, lit(ROLE_NAMES[role])))
        add((r, PREF, lit(ROLE_NAMES[role])))
        add((r, ns_skos("definition"), lit(f"The synthetic role of {ROLE_NAMES[role].lower()}.")))
        add((r, ns_skos("inScheme"), iri("scheme", "roles")))
        add((r, ns_skos("topConceptOf"), iri("scheme", "roles")))
    for kind, scheme, items in (("theme", "themes", THEMES), ("value", "values", VALUES)):
        for item in items:
            c = iri(f"concept/{kind}", item)
            title = item.replace("-", " ").capitalize()
            add((c, A, ns_skos("Concept")))
            add((c, LABEL, lit(title)))
            add((c, PREF, lit(title)))
            add((c, ns_skos("definition"), lit(f"A synthetic {kind} concept numbered {item[6:]}.")))
            add((c, ns_skos("inScheme"), iri("scheme", scheme)))
            add((c, ns_skos("topConceptOf"), iri("scheme", scheme)))
    for k, country in enumerate(COUNTRIES, 1):
        c = iri("place", country)
        add((c, A, ns_schema("Country")))
        add((c, LABEL, lit(f"Country {k}")))
        add((c, ns_schema("name"), lit(f"Country {k}")))
        add((c, DERIVED, iri("source", "news-0")))
    for k, city in enumerate(CITIES, 1):
        c = iri("place", city)
        add((c, A, ns_schema("City")))
        add((c, LABEL, lit(f"City {k}")))
        add((c, ns_schema("name"), lit(f"City {k}")))
        add((c, ns_schema("containedInPlace"), iri("place", COUNTRIES[k % len(COUNTRIES)])))
        add((c, DERIVED, iri("source", "news-0")))
    return t
