"""The key facts a page leads with, chosen by what the resource is.

A statement shows its commitments word for word, who issued it, when and where; a quotation the
quoted words and who said them in which capacity; a membership its term; a body its officers with
their dates, its parent and units and the statements it issued; a person the posts they held. The
full property table and the provenance follow on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import Markup, escape

from ..vocab import FOAF, ORG, PROV, SCHEMA, SKOS, TIME
from .model import POST

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

_BODY_TYPES = (
    ORG + "Organization",
    ORG + "FormalOrganization",
    ORG + "OrganizationalUnit",
    SCHEMA + "Organization",
)
_PERSON_TYPES = (FOAF + "Person", SCHEMA + "Person")
_SOURCE_TYPES = (SCHEMA + "NewsArticle", SCHEMA + "WebPage", SCHEMA + "CreativeWork")
_EVENT_TYPES = (SCHEMA + "Event", SCHEMA + "PublicationEvent")
_INSTANT_VALUES = (
    TIME + "inXSDDate",
    TIME + "inXSDDateTimeStamp",
    TIME + "inXSDgYearMonth",
    TIME + "inXSDgYear",
)


@dataclass
class Fact:
    """One line of the key facts: a label and its values (HTML)."""

    label: str
    values: list[Markup] = field(default_factory=list)
    block: bool = False
    """Values are long text (shown as a list of quotations, not inline)."""


class Facts:
    """Builds the key facts of resources (one per page render; shares the site's model and chrome)."""

    def __init__(self, model: SiteModel, chrome: Chrome, root: str) -> None:
        self.m = model
        self.c = chrome
        self.root = root

    # -- small readers ----------------------------------------------------------------------
    def link(self, iri: str) -> Markup:
        return Markup(self.c.link(iri, self.root))

    def more(self, iri: str) -> Markup:
        """A short link to a resource's own page ("more"), its label as the tooltip."""
        href = self.m.href(iri, self.root)
        if href is None:
            return Markup("")
        return Markup('<a class="more" href="{0}" title="{1}">more</a>').format(href, self.m.label(iri))

    def iris(self, iri: str, prop: str) -> list[str]:
        return [o.value for o in self.m.objects(iri, prop) if isinstance(o, ox.NamedNode)]

    def text(self, iri: str, prop: str) -> str | None:
        """A literal value (English or untagged preferred)."""
        best: str | None = None
        for o in self.m.objects(iri, prop):
            if isinstance(o, ox.Literal) and (best is None or o.language in (None, "en")):
                best = o.value
        return best

    def when(self, node: Any) -> str:
        """A date: a literal as written, an instant by its label (or its XSD value)."""
        if isinstance(node, ox.Literal):
            return node.value
        iri = node.value
        if iri in self.m.labels:
            return self.m.labels[iri]
        for p in _INSTANT_VALUES:
            v = self.m.one(iri, p)
            if v is not None:
                return str(v.value)
        return self.m.label(iri)

    def term(self, membership: str) -> str:
        """The term of a membership in words: "from January 2024, in office on 2 December 2025"."""
        parts: list[str] = []
        for interval in self.m.objects(membership, ORG + "memberDuring"):
            if not isinstance(interval, ox.NamedNode | ox.BlankNode):
                continue
            begin = self.m.one(interval.value, TIME + "hasBeginning")
            end = self.m.one(interval.value, TIME + "hasEnd")
            inside = self.m.objects(interval.value, TIME + "inside")
            if begin is not None:
                parts.append("from " + self.when(begin))
            if end is not None:
                parts.append("until " + self.when(end))
            elif inside:
                parts.append("in office on " + ", ".join(sorted(self.when(i) for i in inside)))
        return ", ".join(parts)

    def ordered_parts(self, iri: str, of_type: str | None = None) -> list[str]:
        """The parts of a work (``schema:hasPart`` and ``schema:isPartOf``), by ``schema:position``."""
        parts = set(self.iris(iri, SCHEMA + "hasPart")) | set(self.m.subjects(SCHEMA + "isPartOf", iri))
        if of_type is not None:
            parts = {p for p in parts if self.m.has_type(p, of_type)}

        def position(p: str) -> tuple[int, str]:
            pos = self.m.one(p, SCHEMA + "position")
            try:
                return (int(pos.value) if pos is not None else 1 << 30, self.m.label(p))
            except ValueError:
                return (1 << 30, self.m.label(p))

        return sorted(parts, key=position)

    def holder_line(self, membership: str, who: Callable[[str], list[str]]) -> Markup:
        """ "President: Sung Hwan Cho (from January 2024 …)" for a membership."""
        posts = self.iris(membership, POST) or self.iris(membership, ORG + "role")
        post = self.link(posts[0]) + Markup(": ") if posts else Markup("")
        people = Markup(", ").join(self.link(p) for p in who(membership))
        term = self.term(membership)
        return (
            Markup(post)
            + people
            + (Markup(" <span class='when'>(") + term + Markup(")</span>") if term else "")
        )

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
        if types.intersection(_BODY_TYPES):
            facts += self.body(iri)
        if types.intersection(_PERSON_TYPES):
            facts += self.person(iri)
        if ORG + "Post" in types:
            facts += self.post(iri)
        if types.intersection(_EVENT_TYPES):
            facts += self.event(iri)
        if types.intersection(_SOURCE_TYPES):
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
        officers = [
            self.holder_line(ms, lambda x: self.iris(x, ORG + "member"))
            for ms in sorted(m.subjects(ORG + "organization", iri), key=m.label)
            if m.has_type(ms, ORG + "Membership")
        ]
        in_units = [
            self.holder_line(ms, lambda x: self.iris(x, ORG + "member"))
            + (Markup(" in ") + self.link(u) if not self.iris(ms, POST) else Markup(""))
            for u in units
            for ms in sorted(m.subjects(ORG + "organization", u), key=m.label)
            if m.has_type(ms, ORG + "Membership")
        ]
        statements = sorted(
            (s for s in m.subjects(SCHEMA + "creator", iri) if m.has_type(s, m.ns + "JointStatement")),
            key=m.label,
        )
        acronyms = [Markup(escape(a)) for a in self._short_names(iri)]
        founded = [Markup(escape(self.when(d))) for d in m.objects(iri, SCHEMA + "foundingDate")]
        homepages = [_url_link(u) for u in self.iris(iri, FOAF + "homepage")]
        return [
            Fact("Acronym", acronyms),
            Fact("Officers", officers + in_units),
            Fact("Part of", [self.link(p) for p in parents]),
            Fact("Units", [self.link(u) for u in units]),
            Fact("Statements issued", [self.link(s) for s in statements]),
            Fact("Founded", founded),
            Fact("Headquarters", [self.link(h) for h in self.iris(iri, self.m.ns + "headquarters")]),
            Fact("Website", homepages),
        ]

    def _short_names(self, iri: str) -> list[str]:
        return sorted(
            {
                o.value
                for o in self.m.objects(iri, SKOS + "altLabel")
                if isinstance(o, ox.Literal) and len(o.value) <= 12 and " " not in o.value
            }
        )

    def person(self, iri: str) -> list[Fact]:
        m = self.m
        posts = [
            self.holder_line(ms, lambda x: self.iris(x, ORG + "organization"))
            for ms in sorted(m.subjects(ORG + "member", iri), key=m.label)
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
            for ms in sorted(m.subjects(POST, iri), key=m.label)
        ]
        return [
            Fact("Post in", [self.link(o) for o in self.iris(iri, ORG + "postIn")]),
            Fact("Held by", holders),
        ]

    def event(self, iri: str) -> list[Fact]:
        start = [self.when(d) for d in self.m.objects(iri, SCHEMA + "startDate")]
        end = [self.when(d) for d in self.m.objects(iri, SCHEMA + "endDate")]
        when = " to ".join(x for x in (start[:1] + [e for e in end[:1] if e not in start[:1]]))
        urls = [_url_link(u.value) for u in self.m.objects(iri, SCHEMA + "url")]
        return [
            Fact("When", [Markup(escape(when))] if when else []),
            Fact("Where", [self.link(p) for p in self.iris(iri, SCHEMA + "location")]),
            Fact("Part of", [self.link(e) for e in self.iris(iri, SCHEMA + "superEvent")]),
            Fact("Organizers", [self.link(o) for o in self.iris(iri, SCHEMA + "organizer")]),
            Fact("Published by", [self.link(o) for o in self.iris(iri, SCHEMA + "publishedBy")]),
            Fact("Website", urls),
        ]

    def source(self, iri: str) -> list[Fact]:
        urls = [_url_link(u.value) for u in self.m.objects(iri, SCHEMA + "url")]
        dates = [Markup(escape(self.when(d))) for d in self.m.objects(iri, SCHEMA + "datePublished")]
        return [
            Fact("Address", urls),
            Fact("Published", dates),
            Fact("Publisher", [self.link(p) for p in self.iris(iri, SCHEMA + "publisher")]),
        ]


def _url_link(url: str) -> Markup:
    """A web address as a link (an address without a scheme is shown, not linked)."""
    if url.startswith(("http://", "https://")):
        return Markup('<a class="ext url" href="{0}">{0}</a>').format(url)
    return Markup('<span class="url">{0}</span>').format(url)
