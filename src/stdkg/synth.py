"""Synthetic graphs in the stdkg vocabulary, for benchmarks and scale tests.

A synthetic graph has ``N`` *bodies*. Each body is a small copy of the bundled data's shape: a formal
organization with units and posts, people holding the posts through memberships with time intervals,
a source document, a joint statement with commitments, a quotation with evidence selectors, an event,
and provenance on every fact node. A few SKOS concept schemes (roles, themes, values) and places are
shared by all bodies. Every node has an IRI (no blank nodes), like the bundled data.

The graph conforms to ``shapes/data.shapes.ttl`` except for exactly ``K`` *planted violations*, each of
a known kind (see :data:`VIOLATION_KINDS`), planted in distinct bodies chosen by the seed. The function
returns what each planted violation must produce in a SHACL report, so tests can compare exactly.

Output is streamed as N-Triples lines (a ``.ttl`` file gets a prefix header too; N-Triples lines are
valid Turtle), about 1M triples per few seconds. The same arguments always give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .errors import InputError
from .kg import BASE_IRI, NS, PREFIXES

ID = BASE_IRI + "id/"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _ns(prefix: str) -> Callable[[str], str]:
    base = PREFIXES[prefix]
    return lambda local: f"<{base}{local}>"


_rdf, _rdfs, _owl, _xsd = _ns("rdf"), _ns("rdfs"), _ns("owl"), _ns("xsd")
_org, _foaf, _schema, _prov = _ns("org"), _ns("foaf"), _ns("schema"), _ns("prov")
_skos, _dct, _time, _oa, _stdkg = _ns("skos"), _ns("dcterms"), _ns("time"), _ns("oa"), _ns("stdkg")

A = _rdf("type")
LABEL = _rdfs("label")
PREF = _skos("prefLabel")
DERIVED = _prov("wasDerivedFrom")
PRIMARY = _prov("hadPrimarySource")
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


def _bare(term: str) -> str:
    """``<iri>`` → ``iri``."""
    return term[1:-1]


@dataclass(frozen=True)
class PlantedViolation:
    """One planted defect and the SHACL result it must produce."""

    kind: str
    focus_node: str
    """IRI of the focus node (bare, without angle brackets)."""
    constraint: str
    """IRI of the constraint component."""
    path: str | None
    value: str | None = None
    """The offending value in N-Triples syntax, when the result carries one."""

    def key(self) -> tuple[str, str, str | None]:
        return (self.focus_node, self.constraint, self.path)


@dataclass
class SynthInfo:
    """What was generated."""

    bodies: int
    seed: int
    triples: int = 0
    violations: list[PlantedViolation] = field(default_factory=list)


# -- one body ---------------------------------------------------------------------------------


@dataclass
class _Body:
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


def _body(i: int, rng: random.Random, bodies: int) -> tuple[_Body, list[Triple]]:
    t: list[Triple] = []
    add = t.append
    src = iri("source", f"news-{i}")
    org = iri("org", f"body-{i}")
    city = iri("place", rng.choice(CITIES))
    year = 1900 + rng.randrange(120)
    acronym = f"B{i}"
    name = f"Standards Body {i}"

    # the source document
    add((src, A, _schema("NewsArticle")))
    add((src, A, _prov("Entity")))
    add((src, LABEL, lit(f"News release {i}")))
    add((src, _schema("headline"), lit(f"{name} publishes a joint statement")))
    pub = f"20{10 + rng.randrange(15)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    add((src, _schema("datePublished"), typed(pub, DATE)))
    add((src, _schema("url"), typed(f"https://news.example.org/release/{i}", ANYURI)))
    add((src, _schema("publisher"), org))

    # the organization, its units and posts
    add((org, A, _org("FormalOrganization")))
    add((org, A, _schema("Organization")))
    add((org, LABEL, lit(name)))
    add((org, PREF, lit(name)))
    add((org, PREF, lit(f"Organisme de normalisation {i}", "fr")))
    add((org, _skos("altLabel"), lit(acronym)))
    add((org, _schema("foundingDate"), typed(f"{year}-01-01", DATE)))
    add((org, _stdkg("headquarters"), city))
    add((org, _schema("sameAs"), f"<http://www.wikidata.org/entity/Q{900000 + i}>"))
    add((org, DERIVED, src))
    units = []
    for u in (1, 2):
        unit = iri("org", f"body-{i}-unit-{u}")
        units.append(unit)
        uname = f"{acronym} Unit {u}"
        add((unit, A, _org("OrganizationalUnit")))
        add((unit, A, _schema("Organization")))
        add((unit, LABEL, lit(uname)))
        add((unit, PREF, lit(uname)))
        add((unit, _org("unitOf"), org))
        add((unit, DERIVED, src))
    posts: dict[str, str] = {}
    for role in ROLES:
        post = iri("post", f"body-{i}-{role}")
        posts[role] = post
        holder_org = units[0] if role == "director" else org
        title = f"{ROLE_NAMES[role]} of {acronym}"
        add((post, A, _org("Post")))
        add((post, LABEL, lit(title)))
        add((post, PREF, lit(title)))
        add((post, _org("postIn"), holder_org))
        add((post, _org("role"), iri("role", role)))
        add((post, DERIVED, src))

    # people and memberships
    people, memberships, begins = [], [], []
    for k, role in enumerate(ROLES, 1):
        person = iri("person", f"p-{i}-{k}")
        people.append(person)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        full = f"{given} {family} {i}-{k}"
        add((person, A, _foaf("Person")))
        add((person, A, _schema("Person")))
        add((person, LABEL, lit(full)))
        add((person, _foaf("name"), f'"{full}"'))
        add((person, _foaf("givenName"), f'"{given}"'))
        add((person, _foaf("familyName"), f'"{family} {i}-{k}"'))
        add((person, DERIVED, src))

        slug = f"p-{i}-{k}--body-{i}-{role}"
        ms = iri("membership", slug)
        memberships.append(ms)
        interval = iri("interval", slug)
        begin = iri("instant", f"{slug}--begin")
        inside = iri("instant", f"{slug}--inside")
        begins.append(begin)
        start = f"{1990 + rng.randrange(20)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        add((ms, A, _org("Membership")))
        add((ms, LABEL, lit(f"{full} as {ROLE_NAMES[role]} of {acronym}")))
        add((ms, _org("member"), person))
        add((ms, _org("organization"), units[0] if role == "director" else org))
        add((ms, _org("role"), iri("role", role)))
        add((ms, _stdkg("post"), posts[role]))
        add((ms, _org("memberDuring"), interval))
        add((ms, DERIVED, src))
        add((interval, A, _time("Interval")))
        add((interval, LABEL, lit(f"Term of {full}")))
        add((interval, _time("hasBeginning"), begin))
        add((interval, _time("inside"), inside))
        add((begin, A, _time("Instant")))
        add((begin, LABEL, lit(start)))
        add((begin, _time("inXSDDate"), typed(start, DATE)))
        add((inside, A, _time("Instant")))
        add((inside, LABEL, lit(pub)))
        add((inside, _time("inXSDDate"), typed(pub, DATE)))

    # event, statement, commitments with evidence
    event = iri("event", f"summit-{i}")
    add((event, A, _schema("Event")))
    add((event, LABEL, lit(f"Summit {i}")))
    add((event, _schema("name"), lit(f"Summit {i}")))
    add((event, _schema("startDate"), typed(pub, DATE)))
    add((event, _schema("location"), city))
    add((event, _schema("organizer"), org))
    add((event, DERIVED, src))

    st = iri("statement", f"st-{i}")
    add((st, A, _stdkg("JointStatement")))
    add((st, LABEL, lit(f"Statement {i}")))
    add((st, _schema("name"), lit(f"Statement {i}")))
    add((st, _schema("creator"), org))
    add((st, _schema("datePublished"), typed(pub, DATE)))
    add((st, _schema("about"), iri("concept/theme", rng.choice(THEMES))))
    add((st, _schema("creator"), iri("org", f"body-{(i + 1) % max(bodies, 2)}")))
    add((st, PRIMARY, src))
    commitments = []
    for n in (1, 2, 3):
        cm = iri("commitment", f"st-{i}-{n}")
        commitments.append(cm)
        w1, w2 = rng.choice(WORDS), rng.choice(WORDS)
        text = f"We commit to {w1} and {w2} ({i}.{n})."
        ev = iri("evidence", f"st-{i}-{n}")
        start_pos = 100 * n
        add((st, _schema("hasPart"), cm))
        add((cm, A, _stdkg("Commitment")))
        add((cm, LABEL, lit(f"Commitment {n} of statement {i}")))
        add((cm, _schema("position"), typed(str(n), INT)))
        add((cm, _schema("isPartOf"), st))
        add((cm, _schema("text"), lit(text)))
        add((cm, _stdkg("committedBy"), org))
        add((cm, _stdkg("value"), iri("concept/value", rng.choice(VALUES))))
        add((cm, _dct("subject"), iri("concept/theme", rng.choice(THEMES))))
        add((cm, _stdkg("textEvidence"), ev))
        add((cm, DERIVED, src))
        _evidence(add, ev, src, text, start_pos)

    # a quotation with a qualified attribution
    q = iri("quotation", f"q-{i}")
    speaker = people[0]
    qtext = f"Standards build {rng.choice(WORDS)} ({i})."
    qev = iri("evidence", f"q-{i}")
    attribution = iri("quotation", f"q-{i}-attribution")
    add((q, A, _schema("Quotation")))
    add((q, LABEL, lit(f"Quotation {i}")))
    add((q, _schema("text"), lit(qtext)))
    add((q, _schema("creator"), speaker))
    add((q, _schema("isPartOf"), src))
    add((q, _schema("about"), st))
    add((q, _prov("wasQuotedFrom"), src))
    add((q, _prov("qualifiedAttribution"), attribution))
    add((q, _stdkg("textEvidence"), qev))
    add((q, DERIVED, src))
    add((attribution, A, _prov("Attribution")))
    add((attribution, LABEL, lit(f"Attribution of quotation {i}")))
    add((attribution, _prov("agent"), speaker))
    add((attribution, _prov("hadRole"), iri("role", "president")))
    add((attribution, _stdkg("inCapacity"), posts["president"]))
    _evidence(add, qev, src, qtext, 20)

    body = _Body(i, org, units, posts, people, memberships, begins, st, commitments, q)
    return body, t


def _evidence(add: Callable[[Triple], None], ev: str, src: str, text: str, start: int) -> None:
    tq = f"{ev[:-1]}/quote>"
    tp = f"{ev[:-1]}/position>"
    add((ev, A, _oa("SpecificResource")))
    add((ev, LABEL, lit("Evidence span")))
    add((ev, _oa("hasSource"), src))
    add((ev, _oa("hasSelector"), tq))
    add((ev, _oa("hasSelector"), tp))
    add((tq, A, _oa("TextQuoteSelector")))
    add((tq, _oa("exact"), f'"{text}"'))
    add((tp, A, _oa("TextPositionSelector")))
    add((tp, _oa("start"), typed(str(start), INT)))
    add((tp, _oa("end"), typed(str(start + len(text)), INT)))


def _shared() -> list[Triple]:
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
        add((s, A, _skos("ConceptScheme")))
        add((s, LABEL, lit(f"Synthetic {title.lower()}")))
        add((s, PREF, lit(f"Synthetic {title.lower()}")))
    for role in ROLES:
        r = iri("role", role)
        for cls in (_org("Role"), _skos("Concept"), _prov("Role")):
            add((r, A, cls))
        add((r, LABEL, lit(ROLE_NAMES[role])))
        add((r, PREF, lit(ROLE_NAMES[role])))
        add((r, _skos("definition"), lit(f"The synthetic role of {ROLE_NAMES[role].lower()}.")))
        add((r, _skos("inScheme"), iri("scheme", "roles")))
        add((r, _skos("topConceptOf"), iri("scheme", "roles")))
    for kind, scheme, items in (("theme", "themes", THEMES), ("value", "values", VALUES)):
        for item in items:
            c = iri(f"concept/{kind}", item)
            title = item.replace("-", " ").capitalize()
            add((c, A, _skos("Concept")))
            add((c, LABEL, lit(title)))
            add((c, PREF, lit(title)))
            add((c, _skos("definition"), lit(f"A synthetic {kind} concept numbered {item[6:]}.")))
            add((c, _skos("inScheme"), iri("scheme", scheme)))
            add((c, _skos("topConceptOf"), iri("scheme", scheme)))
    for k, country in enumerate(COUNTRIES, 1):
        c = iri("place", country)
        add((c, A, _schema("Country")))
        add((c, LABEL, lit(f"Country {k}")))
        add((c, _schema("name"), lit(f"Country {k}")))
        add((c, DERIVED, iri("source", "news-0")))
    for k, city in enumerate(CITIES, 1):
        c = iri("place", city)
        add((c, A, _schema("City")))
        add((c, LABEL, lit(f"City {k}")))
        add((c, _schema("name"), lit(f"City {k}")))
        add((c, _schema("containedInPlace"), iri("place", COUNTRIES[k % len(COUNTRIES)])))
        add((c, DERIVED, iri("source", "news-0")))
    return t


# -- planted violations ----------------------------------------------------------------------

Planter = Callable[[_Body, list[Triple]], tuple[list[Triple], list[PlantedViolation]]]


def _component(name: str) -> str:
    return f"{SH}{name}ConstraintComponent"


def _drop(triples: list[Triple], s: str, p: str) -> list[Triple]:
    return [t for t in triples if not (t[0] == s and t[1] == p)]


def _replace(triples: list[Triple], s: str, p: str, o: str) -> list[Triple]:
    return [(s, p, o) if (t[0] == s and t[1] == p) else t for t in triples]


def _person_without_name(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    p = b.people[1]
    name = _foaf("name")
    v = PlantedViolation("person-without-name", _bare(p), _component("MinCount"), _bare(name))
    return _drop(t, p, name), [v]


def _ill_typed_date(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    inst = b.begin_instants[0]
    prop = _time("inXSDDate")
    bad = typed(f"{1980 + b.i % 10}-02-30", DATE)  # before every inside date
    v = PlantedViolation("ill-typed-date", _bare(inst), _component("Datatype"), _bare(prop), bad)
    return _replace(t, inst, prop, bad), [v]


def _same_as_not_wikidata(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    prop = _schema("sameAs")
    bad = f"<http://dbpedia.org/resource/Standards_Body_{b.i}>"
    v = PlantedViolation("same-as-not-wikidata", _bare(b.org), _component("Pattern"), _bare(prop), bad)
    return _replace(t, b.org, prop, bad), [v]


def _missing_provenance(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    ms = b.memberships[2]
    # the shape's sh:or (a citation of its own, or a claim about it) fails on the node itself
    v = PlantedViolation("missing-provenance", _bare(ms), _component("Or"), None, ms)
    return _drop(t, ms, DERIVED), [v]


def _duplicate_position(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    cm = b.commitments[2]
    prop = _schema("position")
    # shape:StatementShape reports the statement, with the repeated position as the value
    v = PlantedViolation(
        "duplicate-commitment-position", _bare(b.statement), _component("SPARQL"), None, typed("2", INT)
    )
    return _replace(t, cm, prop, typed("2", INT)), [v]


def _unit_of_a_unit(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    unit = b.units[1]
    prop = _org("unitOf")
    v = PlantedViolation("unit-of-a-unit", _bare(unit), _component("Class"), _bare(prop), b.units[0])
    return _replace(t, unit, prop, b.units[0]), [v]


def _commitment_without_committer(b: _Body, t: list[Triple]) -> tuple[list[Triple], list[PlantedViolation]]:
    cm = b.commitments[0]
    prop = _stdkg("committedBy")
    v = PlantedViolation("commitment-without-committer", _bare(cm), _component("MinCount"), _bare(prop))
    return _drop(t, cm, prop), [v]


#: The kinds of planted violation, in the order they are cycled through.
VIOLATION_KINDS: dict[str, Planter] = {
    "person-without-name": _person_without_name,
    "ill-typed-date": _ill_typed_date,
    "same-as-not-wikidata": _same_as_not_wikidata,
    "missing-provenance": _missing_provenance,
    "duplicate-commitment-position": _duplicate_position,
    "unit-of-a-unit": _unit_of_a_unit,
    "commitment-without-committer": _commitment_without_committer,
}


# -- the stream ------------------------------------------------------------------------------


def _plan(bodies: int, violations: int, seed: int, kinds: list[str]) -> dict[int, str]:
    if bodies < 1:
        raise InputError("--bodies must be at least 1")
    if violations < 0:
        raise InputError("--violations must be 0 or more")
    if violations > bodies:
        raise InputError(f"at most one planted violation per body: {violations} > {bodies} bodies")
    unknown = [k for k in kinds if k not in VIOLATION_KINDS]
    if unknown:
        raise InputError(f"unknown violation kind {unknown[0]!r}; known: {', '.join(VIOLATION_KINDS)}")
    chosen = sorted(random.Random(f"plan-{seed}").sample(range(bodies), violations))
    return {body: kinds[j % len(kinds)] for j, body in enumerate(chosen)}


def chunks(
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
    info: SynthInfo | None = None,
) -> Iterator[str]:
    """Yield the graph as N-Triples text, one chunk per body (shared concepts first)."""
    plan = _plan(bodies, violations, seed, list(kinds or VIOLATION_KINDS))
    rng = random.Random(seed)
    info = info if info is not None else SynthInfo(bodies, seed)
    shared = _shared()
    info.triples += len(shared)
    yield "".join(f"{s} {p} {o} .\n" for s, p, o in shared)
    for i in range(bodies):
        body, triples = _body(i, rng, bodies)
        kind = plan.get(i)
        if kind is not None:
            triples, planted = VIOLATION_KINDS[kind](body, triples)
            info.violations.extend(planted)
        info.triples += len(triples)
        yield "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def triples_per_body() -> int:
    """How many triples one body adds (all bodies have the same size without violations)."""
    return len(_body(0, random.Random(0), 2)[1])


def bodies_for(triples: int) -> int:
    """The number of bodies that gives about ``triples`` triples."""
    return max(1, round((triples - len(_shared())) / triples_per_body()))


def write(
    out: IO[str],
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
    turtle: bool = False,
) -> SynthInfo:
    """Write the graph to a text stream; ``turtle`` adds a prefix header (the body is N-Triples)."""
    info = SynthInfo(bodies, seed)
    if turtle:
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
    for chunk in chunks(bodies, violations=violations, seed=seed, kinds=kinds, info=info):
        out.write(chunk)
    return info


def write_file(
    path: Path | str,
    bodies: int,
    *,
    violations: int = 0,
    seed: int = 0,
    kinds: list[str] | None = None,
) -> SynthInfo:
    """Write the graph atomically to ``path`` (``.nt`` or ``.ttl``)."""
    from ._io import atomic_write

    target = Path(path)
    if target.suffix not in (".nt", ".ttl"):
        raise InputError(f"{target}: synthetic graphs are written as .nt or .ttl")
    with atomic_write(target) as fh:
        return write(
            fh, bodies, violations=violations, seed=seed, kinds=kinds, turtle=target.suffix == ".ttl"
        )


def manifest(info: SynthInfo) -> dict[str, object]:
    """A JSON-ready description of a generated graph and its planted violations."""
    return {
        "bodies": info.bodies,
        "seed": info.seed,
        "triples": info.triples,
        "violations": [
            {
                "kind": v.kind,
                "focus_node": v.focus_node,
                "constraint": v.constraint,
                "path": v.path,
                "value": v.value,
            }
            for v in info.violations
        ],
    }


__all__ = [
    "NS",
    "VIOLATION_KINDS",
    "PlantedViolation",
    "SynthInfo",
    "bodies_for",
    "chunks",
    "manifest",
    "triples_per_body",
    "write",
    "write_file",
]
