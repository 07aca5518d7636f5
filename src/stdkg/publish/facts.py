"""The key facts a page leads with, chosen by what the resource is.

A statement shows its commitments word for word, who issued it, when and where; a quotation the
quoted words and who said them in which capacity; a membership its term; a body its officers with
their dates, its parent and units and the statements it issued; a person the posts they held. The
full property table and the provenance follow on the page.
"""

from __future__ import annotations

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..vocab import FOAF, ORG, PROV, RDF_STATEMENT, SCHEMA, SKOS
from .facts_read import BODY_TYPES, Fact, Reader, url_link
from .facts_works import claim, edition, reified, series, standard
from .offices import POST

_PERSON_TYPES = (FOAF + "Person", SCHEMA + "Person")
_SOURCE_TYPES = (SCHEMA + "NewsArticle", SCHEMA + "WebPage", SCHEMA + "CreativeWork")
_EVENT_TYPES = (SCHEMA + "Event", SCHEMA + "PublicationEvent")


class Facts(Reader):
    """Builds the key facts of resources (one per page render; shares the site's model and chrome)."""

    # -- the facts by kind ------------------------------------------------------------------
    def of(self, iri: str) -> list[Fact]:
        types = set(self.m.types.get(iri, ()))
        ns = self.m.ns
        facts: list[Fact] = []
        if ns + "JointStatement" in types:
            facts += self.statement(iri)
        if ns + "Commitment" in types:
            facts += self.commitment(iri)
        if SCHEMA + "Quotation" in types:
            facts += self.quotation(iri)
        if ORG + "Membership" in types:
            facts += self.membership(iri)
        if types.intersection(BODY_TYPES):
            facts += self.body(iri)
        if types.intersection(_PERSON_TYPES):
            facts += self.person(iri)
        if ORG + "Post" in types:
            facts += self.post(iri)
        if types.intersection(_EVENT_TYPES):
            facts += self.event(iri)
        works = {ns + "Standard", ns + "Recommendation", ns + "StandardEdition"}
        if types & {ns + "Standard", ns + "Recommendation"}:
            facts += standard(self, iri)
        if ns + "StandardEdition" in types:
            facts += edition(self, iri)
        if SCHEMA + "EventSeries" in types:
            facts += series(self, iri)
        if ns + "Claim" in types:
            facts += claim(self, iri)
        if RDF_STATEMENT in types:
            facts += reified(self, iri)
        if types.intersection(_SOURCE_TYPES) and not types & works:
            facts += self.source(iri)
        return [f for f in facts if f.values]

    def statement(self, iri: str) -> list[Fact]:
        commitments = [
            Markup("<q>")
            + escape(self.text(c, SCHEMA + "text") or self.m.label(c))
            + Markup("</q> ")
            + self.more(c)
            for c in self.ordered_parts(iri, self.m.ns + "Commitment")
        ]
        events = self.iris(iri, SCHEMA + "releasedEvent")
        where: list[Markup] = []
        for e in events:
            where += [self.link(p) for p in self.iris(e, SCHEMA + "location")]
            where += [Markup("at ") + self.link(s) for s in self.iris(e, SCHEMA + "superEvent")]
        issuers = self.iris(iri, SCHEMA + "creator")
        for e in events:
            issuers += [b for b in self.iris(e, SCHEMA + "publishedBy") if b not in issuers]
        dates = [Markup(escape(self.when(d))) for d in self.m.objects(iri, SCHEMA + "datePublished")]
        return [
            Fact("Commitments", commitments, block=True),
            Fact("Issued by", [self.link(b) for b in sorted(issuers, key=self.m.label)]),
            Fact("When", dates),
            Fact("Where", where),
        ]

    def commitment(self, iri: str) -> list[Fact]:
        text = self.text(iri, SCHEMA + "text")
        pos = self.m.one(iri, SCHEMA + "position")
        statements = self.iris(iri, SCHEMA + "isPartOf")
        part = [
            Markup(f"number {escape(pos.value)} of ") + self.link(s) if pos is not None else self.link(s)
            for s in statements
        ]
        return [
            Fact("Text", [Markup("<q>") + escape(text) + Markup("</q>")] if text else [], block=True),
            Fact("Commitment", part),
            Fact("Committed by", [self.link(b) for b in self.iris(iri, self.m.ns + "committedBy")]),
        ]

    def quotation(self, iri: str) -> list[Fact]:
        parts = self.ordered_parts(iri, SCHEMA + "Quotation")
        words = [self.text(p, SCHEMA + "text") for p in parts] if parts else [self.text(iri, SCHEMA + "text")]
        quoted = [Markup("<q>") + escape(w) + Markup("</q>") for w in words if w]
        capacity: list[Markup] = []
        for a in self.iris(iri, PROV + "qualifiedAttribution"):
            for post in self.iris(a, self.m.ns + "inCapacity") or self.iris(a, PROV + "hadRole"):
                capacity.append(self.link(post))
        whole = [q for q in self.iris(iri, SCHEMA + "isPartOf") if self.m.has_type(q, SCHEMA + "Quotation")]
        return [
            Fact("Words", quoted, block=True),
            Fact("Said by", [self.link(p) for p in self.iris(iri, SCHEMA + "creator")]),
            Fact("In the capacity of", capacity),
            Fact("Part of", [self.link(q) for q in whole]),
            Fact("About", [self.link(a) for a in self.iris(iri, SCHEMA + "about")]),
            Fact("Quoted from", [self.link(s) for s in self.iris(iri, PROV + "wasQuotedFrom")]),
        ]

    def membership(self, iri: str) -> list[Fact]:
        term = self.term(iri)
        return [
            Fact("Member", [self.link(p) for p in self.iris(iri, ORG + "member")]),
            Fact("Post", [self.link(p) for p in self.iris(iri, POST) or self.iris(iri, ORG + "role")]),
            Fact("In", [self.link(o) for o in self.iris(iri, ORG + "organization")]),
            Fact("Term", [Markup(escape(term))] if term else []),
        ]

    def body(self, iri: str) -> list[Fact]:
        m = self.m
        units = sorted(
            set(self.iris(iri, ORG + "hasUnit"))
            | set(m.subjects(ORG + "unitOf", iri))
            | set(m.subjects(ORG + "subOrganizationOf", iri)),
            key=m.label,
        )
        parents = sorted(
            set(self.iris(iri, ORG + "unitOf"))
            | set(self.iris(iri, ORG + "subOrganizationOf"))
            | set(m.subjects(ORG + "hasUnit", iri)),
            key=m.label,
        )
        held = self.memberships_in(iri)
        officers = [self.holder_line(ms, self.members) for ms in held if not self.is_body_member(ms)]
        members = [self.holder_line(ms, self.members) for ms in held if self.is_body_member(ms)]
        in_units = [
            self.holder_line(ms, self.members)
            + (Markup(" in ") + self.link(u) if not self.iris(ms, POST) else Markup(""))
            for u in units
            for ms in self.memberships_in(u)
            if not self.is_body_member(ms)
        ]
        standards = sorted(m.subjects(m.ns + "responsibleCommittee", iri), key=m.label)
        statements = sorted(
            (s for s in m.subjects(SCHEMA + "creator", iri) if m.has_type(s, m.ns + "JointStatement")),
            key=m.label,
        )
        acronyms = [Markup(escape(a)) for a in self._short_names(iri)]
        founded = [Markup(escape(self.when(d))) for d in m.objects(iri, SCHEMA + "foundingDate")]
        homepages = [url_link(u) for u in self.iris(iri, FOAF + "homepage")]
        return [
            Fact("Acronym", acronyms),
            Fact("Kind", [self.link(k) for k in self.iris(iri, ORG + "classification")]),
            Fact("Officers", officers + in_units),
            Fact("Part of", [self.link(p) for p in parents]),
            Fact("Units", [self.link(u) for u in units]),
            Fact("Members", members),
            Fact("Standards", [self.link(s) for s in standards]),
            Fact("Statements issued", [self.link(s) for s in statements]),
            Fact("Founded", founded),
            Fact("Headquarters", [self.link(h) for h in self.iris(iri, self.m.ns + "headquarters")]),
            Fact("Website", homepages),
        ]

    def _short_names(self, iri: str) -> list[str]:
        acronyms = {o.value for o in self.m.objects(iri, self.m.ns + "acronym") if isinstance(o, ox.Literal)}
        return sorted(
            acronyms
            or {
                o.value
                for o in self.m.objects(iri, SKOS + "altLabel")
                if isinstance(o, ox.Literal) and len(o.value) <= 12 and " " not in o.value
            }
        )

    def members(self, membership: str) -> list[str]:
        return self.iris(membership, ORG + "member")

    def is_body_member(self, membership: str) -> bool:
        """Whether the member is a body (a national body taking part), not a person holding a post."""
        return any(self.is_body(x) for x in self.members(membership))

    def person(self, iri: str) -> list[Fact]:
        m = self.m
        posts = [
            self.holder_line(ms, lambda x: self.iris(x, ORG + "organization"))
            for ms in sorted(m.subjects(ORG + "member", iri), key=lambda x: (self.begins(x), m.label(x)))
            if m.has_type(ms, ORG + "Membership")
        ]
        said = sorted(
            (
                q
                for q in m.subjects(SCHEMA + "creator", iri)
                if m.has_type(q, SCHEMA + "Quotation")
                and not any(m.has_type(w, SCHEMA + "Quotation") for w in self.iris(q, SCHEMA + "isPartOf"))
            ),
            key=m.label,
        )
        return [Fact("Posts", posts), Fact("Quotations", [self.link(q) for q in said])]

    def post(self, iri: str) -> list[Fact]:
        m = self.m
        holders = [
            self.holder_line(ms, lambda x: self.iris(x, ORG + "member"))
            for ms in sorted(m.subjects(POST, iri), key=lambda x: (self.begins(x), m.label(x)))
        ]
        return [
            Fact("Post in", [self.link(o) for o in self.iris(iri, ORG + "postIn")]),
            Fact("Held by", holders),
        ]

    def event(self, iri: str) -> list[Fact]:
        start = [self.when(d) for d in self.m.objects(iri, SCHEMA + "startDate")]
        end = [self.when(d) for d in self.m.objects(iri, SCHEMA + "endDate")]
        when = " to ".join(x for x in (start[:1] + [e for e in end[:1] if e not in start[:1]]))
        urls = [url_link(u.value) for u in self.m.objects(iri, SCHEMA + "url")]
        return [
            Fact("When", [Markup(escape(when))] if when else []),
            Fact("Where", [self.link(p) for p in self.iris(iri, SCHEMA + "location")]),
            Fact("Part of", [self.link(e) for e in self.iris(iri, SCHEMA + "superEvent")]),
            Fact("Organizers", [self.link(o) for o in self.iris(iri, SCHEMA + "organizer")]),
            Fact("Published by", [self.link(o) for o in self.iris(iri, SCHEMA + "publishedBy")]),
            Fact("Website", urls),
        ]

    def source(self, iri: str) -> list[Fact]:
        urls = [url_link(u.value) for u in self.m.objects(iri, SCHEMA + "url")]
        dates = [Markup(escape(self.when(d))) for d in self.m.objects(iri, SCHEMA + "datePublished")]
        return [
            Fact("Address", urls),
            Fact("Published", dates),
            Fact("Publisher", [self.link(p) for p in self.iris(iri, SCHEMA + "publisher")]),
        ]
