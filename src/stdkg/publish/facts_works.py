"""Key facts of standards, their editions and event series (the landscape of issue 11).

A standard (the work, ``stdkg:Standard``) shows its reference, titles, editions with their dates and
status, its responsible committee and what it builds on; an edition (``stdkg:StandardEdition``) its
reference, date, status, publishers and references; an event series its editions in order.
"""

from __future__ import annotations

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..vocab import DCT, PROV, RDF, SCHEMA
from .facts_read import Fact, Reader

_ISSUED = (DCT + "issued", SCHEMA + "datePublished", DCT + "dateAccepted")


def _date(r: Reader, iri: str) -> str:
    for p in _ISSUED:
        d = r.m.one(iri, p)
        if d is not None:
            return r.when(d)
    return ""


def _titles(r: Reader, iri: str) -> list[Markup]:
    out = []
    for o in sorted(
        r.m.objects(iri, DCT + "title"), key=lambda o: (getattr(o, "language", None) != "en", str(o))
    ):
        if isinstance(o, ox.Literal):
            lang = f' <span class="lang">{escape(o.language)}</span>' if o.language else ""
            out.append(Markup(escape(o.value) + Markup(lang)))
    return out


def _edition_line(r: Reader, edition: str) -> Markup:
    """ "ISO/IEC 42001:2023 (2023-12-18, published)" """
    date = _date(r, edition)
    status = [r.m.label(s) for s in r.iris(edition, SCHEMA + "creativeWorkStatus")]
    extra = ", ".join(x for x in [date, *status] if x)
    return r.link(edition) + (
        Markup(' <span class="when">(') + extra + Markup(")</span>") if extra else Markup("")
    )


def standard(r: Reader, iri: str) -> list[Fact]:
    m = r.m
    editions = set(r.iris(iri, SCHEMA + "workExample")) | set(m.subjects(SCHEMA + "exampleOfWork", iri))
    ordered = sorted(editions, key=lambda e: (_date(r, e), m.label(e)))
    builds_on: set[str] = set(r.iris(iri, SCHEMA + "isBasedOn")) | set(
        r.iris(iri, m.ns + "normativeReference")
    )
    built_on_by: set[str] = set(m.subjects(SCHEMA + "isBasedOn", iri)) | set(
        m.subjects(m.ns + "normativeReference", iri)
    )
    for e in editions:
        builds_on |= set(r.iris(e, SCHEMA + "isBasedOn")) | set(r.iris(e, m.ns + "normativeReference"))
        built_on_by |= set(m.subjects(SCHEMA + "isBasedOn", e)) | set(
            m.subjects(m.ns + "normativeReference", e)
        )
    built_on_by -= editions
    return [
        Fact("Reference", [Markup(escape(t)) for t in _literals(r, iri, m.ns + "reference")]),
        Fact("Title", _titles(r, iri)),
        Fact("Editions", [_edition_line(r, e) for e in ordered]),
        Fact("Committee", [r.link(c) for c in r.iris(iri, m.ns + "responsibleCommittee")]),
        Fact("Builds on", [r.link(b) for b in sorted(builds_on, key=m.label)]),
        Fact("Built on by", [r.link(b) for b in sorted(built_on_by, key=m.label)]),
    ]


def edition(r: Reader, iri: str) -> list[Fact]:
    m = r.m
    date = _date(r, iri)
    adopted_as = m.subjects(m.ns + "identicalAdoptionOf", iri)
    return [
        Fact("Reference", [Markup(escape(t)) for t in _literals(r, iri, m.ns + "reference")]),
        Fact("Edition of", [r.link(w) for w in r.iris(iri, SCHEMA + "exampleOfWork")]),
        Fact("Title", _titles(r, iri)),
        Fact("Published", [Markup(escape(date))] if date else []),
        Fact("Status", [r.link(s) for s in r.iris(iri, SCHEMA + "creativeWorkStatus")]),
        Fact("Publishers", [r.link(p) for p in r.iris(iri, SCHEMA + "publisher")]),
        Fact("Normative references", [r.link(x) for x in r.iris(iri, m.ns + "normativeReference")]),
        Fact("Based on", [r.link(x) for x in r.iris(iri, SCHEMA + "isBasedOn")]),
        Fact("Identical adoption of", [r.link(x) for x in r.iris(iri, m.ns + "identicalAdoptionOf")]),
        Fact("Adopted as", [r.link(x) for x in sorted(adopted_as, key=m.label)]),
        Fact("Replaces", [r.link(x) for x in r.iris(iri, DCT + "replaces")]),
        Fact("Replaced by", [r.link(x) for x in sorted(m.subjects(DCT + "replaces", iri), key=m.label)]),
    ]


def series(r: Reader, iri: str) -> list[Fact]:
    m = r.m
    events = set(r.iris(iri, SCHEMA + "subEvent")) | set(m.subjects(SCHEMA + "superEvent", iri))

    def start(e: str) -> str:
        d = m.one(e, SCHEMA + "startDate")
        return r.when(d) if d is not None else ""

    lines = []
    for e in sorted(events, key=lambda e: (start(e), m.label(e))):
        number = m.one(e, m.ns + "editionNumber")
        places = [m.label(p) for p in r.iris(e, SCHEMA + "location")]
        extra = ", ".join(
            x for x in [f"edition {number.value}" if number is not None else "", start(e), *places] if x
        )
        lines.append(
            r.link(e)
            + (Markup(' <span class="when">(') + extra + Markup(")</span>") if extra else Markup(""))
        )
    return [
        Fact("Editions", lines),
        Fact("Organizers", [r.link(o) for o in r.iris(iri, SCHEMA + "organizer")]),
    ]


def _literals(r: Reader, iri: str, prop: str) -> list[str]:
    return sorted({o.value for o in r.m.objects(iri, prop) if isinstance(o, ox.Literal)})


def claim(r: Reader, iri: str) -> list[Fact]:
    """A claim: its evidence and the statements it makes, each as subject, property, value."""
    said = [_statement_line(r, t) for t in sorted(r.iris(iri, r.m.ns + "states"), key=r.m.label)]
    return [
        Fact("Evidence", [r.link(e) for e in r.iris(iri, PROV + "wasDerivedFrom")]),
        Fact("States", said),
    ]


def reified(r: Reader, iri: str) -> list[Fact]:
    """A reified statement: the triple in words and the claims that state it."""
    claims = sorted(r.m.subjects(r.m.ns + "states", iri), key=r.m.label)
    return [Fact("Says", [_statement_line(r, iri)]), Fact("Stated by", [r.link(c) for c in claims])]


def _statement_line(r: Reader, t: str) -> Markup:
    s, p, o = (r.m.one(t, RDF + x) for x in ("subject", "predicate", "object"))
    if s is None or p is None or o is None:
        return r.link(t)
    return Markup(" ").join(
        [r.c.value_html(s, r.root), r.c.prop_label(p.value, r.root), r.c.value_html(o, r.root)]
    )
