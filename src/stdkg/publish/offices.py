"""Who holds which post in which body, and when: the memberships of the graph, read once."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..vocab import NS, ORG, TIME

if TYPE_CHECKING:
    from .model import SiteModel

#: The post a membership is in (``stdkg:post``).
POST = NS + "post"
#: Properties giving an instant's date as an XSD value, most precise first.
INSTANT_VALUES = (
    TIME + "inXSDDate",
    TIME + "inXSDDateTimeStamp",
    TIME + "inXSDgYearMonth",
    TIME + "inXSDgYear",
)


class Offices:
    """The memberships of a site model (``org:Membership``), with their posts and terms."""

    def __init__(self, model: SiteModel) -> None:
        self.m = model

    @cached_property
    def memberships(self) -> list[tuple[str, str, str, str | None]]:
        """(membership, member, organization, post or role) of every membership (computed once)."""
        found: list[tuple[str, str, str, str | None]] = []
        for q in self.m.quads(None, ox.NamedNode(ORG + "member")):
            m = q.subject
            if not isinstance(m, ox.NamedNode) or not isinstance(q.object, ox.NamedNode):
                continue
            org_ = self.m.one(m.value, ORG + "organization")
            if org_ is None:
                continue
            post = self.m.one(m.value, POST) or self.m.one(m.value, ORG + "role")
            found.append((m.value, q.object.value, org_.value, post.value if post is not None else None))
        return found

    @cached_property
    def members_by_body(self) -> dict[str, list[tuple[str, str, str | None]]]:
        """Body -> (membership, member, post) for memberships in the body or in a unit directly under it."""
        by_body: dict[str, list[tuple[str, str, str | None]]] = {}
        for membership, member, org_, post in self.memberships:
            parents = [
                o.value for p in (ORG + "unitOf", ORG + "subOrganizationOf") for o in self.m.objects(org_, p)
            ]
            parents += self.m.subjects(ORG + "hasUnit", org_)
            for body in dict.fromkeys([org_, *parents]):
                by_body.setdefault(body, []).append((membership, member, post))
        return by_body

    def term_bounds(self, membership: str) -> tuple[str, str]:
        """(beginning, end) of a membership's term as XSD values ("" where the data gives none)."""
        begin = end = ""
        for interval in self.m.objects(membership, ORG + "memberDuring"):
            begin = begin or self.xsd_of(self.m.one(interval.value, TIME + "hasBeginning"))
            end = end or self.xsd_of(self.m.one(interval.value, TIME + "hasEnd"))
        return begin, end

    def xsd_of(self, node: Any) -> str:
        """A date as its XSD value (sorts in time order): a literal's, or an instant's ``time:inXSD…``."""
        if node is None:
            return ""
        if isinstance(node, ox.Literal):
            return str(node.value)
        for p in INSTANT_VALUES:
            v = self.m.one(node.value, p)
            if v is not None:
                return str(v.value)
        return ""
