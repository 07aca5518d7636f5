"""Content negotiation: the document formats a resource has and how an Accept header picks one.

Pure functions, no web framework: the live server, the static-site rules and ``linkcheck`` share them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..formats import RdfFormat


@dataclass(frozen=True)
class DocFormat:
    """One representation of a resource: file suffix, media type, media types that select it."""

    suffix: str
    media_type: str
    accepts: tuple[str, ...]
    label: str
    rdf: RdfFormat | None = None
    """The RDF serialization behind this document format (``None`` for HTML)."""

    @classmethod
    def of(cls, rdf: RdfFormat, aliases: tuple[str, ...], label: str) -> DocFormat:
        """The document format of an RDF serialization (its extension and media type come from it)."""
        return cls(rdf.file_extension, rdf.media_type, (rdf.media_type, *aliases), label, rdf)

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/") or self.media_type in {
            "application/n-triples",
            "application/ld+json",
            "application/rdf+xml",
            "application/xml",
        }:
            return self.media_type + "; charset=utf-8"
        return self.media_type


HTML = DocFormat("html", "text/html", ("text/html", "application/xhtml+xml"), "HTML")
TURTLE = DocFormat.of(RdfFormat.TURTLE, ("application/x-turtle",), "Turtle")
JSON_LD = DocFormat.of(RdfFormat.JSON_LD, ("application/json",), "JSON-LD")
RDF_XML = DocFormat.of(RdfFormat.RDF_XML, ("application/xml",), "RDF/XML")
N_TRIPLES = DocFormat.of(RdfFormat.N_TRIPLES, (), "N-Triples")

#: Every document format, in the server's order of preference (used to break ties).
FORMATS: tuple[DocFormat, ...] = (HTML, TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
#: The RDF formats only.
RDF_FORMATS: tuple[DocFormat, ...] = (TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
BY_SUFFIX: dict[str, DocFormat] = {f.suffix: f for f in FORMATS}

_BY_RDF: dict[RdfFormat, DocFormat] = {f.rdf: f for f in RDF_FORMATS if f.rdf is not None}


def format_by_name(name: str) -> DocFormat | None:
    """A format from a ``?format=`` value: suffix, alias or media type."""
    key = name.strip().lower()
    if key in BY_SUFFIX:
        return BY_SUFFIX[key]
    if key == "htm":
        return HTML
    for fmt in FORMATS:
        if key in fmt.accepts:
            return fmt
    try:
        return _BY_RDF.get(RdfFormat.from_name(key))  # its names and aliases: turtle, json-ld, rdfxml, …
    except InputError:
        return None


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return (self.type in ("*", t)) and (self.subtype in ("*", s))


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header into media ranges (malformed parts are skipped; q defaults to 1)."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if "/" not in mt:
            if mt == "*":
                mt = "*/*"
            else:
                continue
        t, _, s = mt.partition("/")
        if not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        ranges.append(MediaRange(t, s, q))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q an Accept list gives a media type: that of the most specific matching range."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best is not None else 0.0


def negotiate_media(header: str | None, offers: list[str]) -> str | None:
    """The offered media type with the highest q (ties: earlier offer wins); ``None`` if none fits."""
    ranges = parse_accept(header)
    best: str | None = None
    best_q = 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def negotiate(header: str | None, formats: tuple[DocFormat, ...] = FORMATS) -> DocFormat | None:
    """The document format an Accept header asks for, or ``None`` (→ 406)."""
    ranges = parse_accept(header)
    best: DocFormat | None = None
    best_q = 0.0
    for fmt in formats:
        q = quality(ranges, fmt.media_type)
        # an alias (application/json, application/xhtml+xml) counts only when named explicitly
        for alias in fmt.accepts[1:]:
            named = [r.q for r in ranges if r.specificity == 2 and r.matches(alias)]
            if named:
                q = max(q, *named)
        if q > best_q:
            best, best_q = fmt, q
    return best
