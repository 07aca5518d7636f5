"""Reading the key facts of a resource: small readers over the site model that write HTML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from markupsafe import Markup

from ..vocab import ORG, SCHEMA, TIME
from .offices import INSTANT_VALUES, POST

if TYPE_CHECKING:
    from .chrome import Chrome
    from .model import SiteModel

#: Classes whose instances are bodies (organizations, units, committees).
BODY_TYPES = (
    ORG + "Organization",
    ORG + "FormalOrganization",
    ORG + "OrganizationalUnit",
    ORG + "OrganizationalCollaboration",
    SCHEMA + "Organization",
)


@dataclass
class Fact:
    """One line of the key facts: a label and its values (HTML)."""

    label: str
    values: list[Markup] = field(default_factory=list)
    block: bool = False
    """Values are long text (shown as a list of quotations, not inline)."""


class Reader:
    """Reads what key facts need from the site model and writes it as HTML (links relative to ``root``)."""

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
        for p in INSTANT_VALUES:
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
                parts.append(
                    "in office on " + ", ".join(self.when(i) for i in sorted(inside, key=self.xsd_value))
                )
        return ", ".join(parts)

    def xsd_value(self, node: Any) -> str:
        """A date as its XSD value (for sorting): a literal's, or an instant's ``time:inXSD…``."""
        return self.m.offices.xsd_of(node)

    def begins(self, membership: str) -> str:
        """A sort key for a membership's start: its beginning as an XSD value ("" when unknown)."""
        return self.m.offices.term_bounds(membership)[0]

    def is_body(self, iri: str) -> bool:
        return any(self.m.has_type(iri, t) for t in BODY_TYPES)

    def memberships_in(self, iri: str) -> list[str]:
        """Memberships in the body ``iri``, by post (or role), then by start."""
        found = [
            ms for ms in self.m.subjects(ORG + "organization", iri) if self.m.has_type(ms, ORG + "Membership")
        ]

        def key(ms: str) -> tuple[str, str, str]:
            posts = self.iris(ms, POST) or self.iris(ms, ORG + "role")
            return (self.m.label(posts[0]).lower() if posts else "", self.begins(ms), self.m.label(ms))

        return sorted(found, key=key)

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


def url_link(url: str) -> Markup:
    """A web address as a link (an address without a scheme is shown, not linked)."""
    if url.startswith(("http://", "https://")):
        return Markup('<a class="ext url" href="{0}">{0}</a>').format(url)
    return Markup('<span class="url">{0}</span>').format(url)
