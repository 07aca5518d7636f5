"""From a draft to a plan: which triples go into which data file, with their claims and spans."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import claims as cl
from .. import quotes
from ..errors import InputError, ParseError
from ..sources import SOURCE_BASE, Source, read_snapshot, sha256, snapshot_path
from ..vocab import DCT, NS, PREFIXES, PROV, RDF_TYPE, RDFS, SCHEMA, XSD
from .draft import ClaimDraft, Draft, SourceDraft
from .turtle import Triple, declared_prefixes, parse_snippet

#: Which data file receives a subject, by the prefix of its IRI (override with a claim's ``file``).
FILE_BY_PREFIX = {
    "stdorg": "organizations",
    "person": "people",
    "post": "posts",
    "role": "posts",
    "membership": "memberships",
    "interval": "memberships",
    "instant": "memberships",
    "place": "places",
    "event": "events",
    "statement": "statements",
    "commitment": "statements",
    "quotation": "quotations",
    "theme": "concepts",
    "value": "concepts",
    "scheme": "concepts",
}
CLAIMS_FILE = "claims"
EVIDENCE_FILE = "evidence"
SOURCES_FILE = "sources"


@dataclass
class PlannedClaim:
    """One claim as the curator will read it in the diff."""

    iri: str
    span: quotes.Span
    facts: list[tuple[str, ox.Triple]]
    """(data file, triple) for each triple the claim states."""
    line: int


@dataclass
class Plan:
    """What a draft adds: triples per data file, and the snapshot to copy into ``sources/``."""

    source: Source
    triples: dict[str, list[ox.Triple]] = field(default_factory=dict)
    snapshot_from: Path | None = None
    snapshot_name: str | None = None
    skipped: list[int] = field(default_factory=list)
    """Draft lines of claims that were already curated (same id, nothing new)."""
    claims: list[PlannedClaim] = field(default_factory=list)
    new_source: bool = False

    def add(self, file: str, triples: list[ox.Triple]) -> None:
        self.triples.setdefault(file, []).extend(triples)


def all_prefixes(data_dir: Path) -> dict[str, str]:
    """The project's prefixes and every prefix the data files declare."""
    out = dict(PREFIXES)
    for path in sorted(data_dir.glob("*.ttl")):
        for p, ns in declared_prefixes(path.read_text(encoding="utf-8")).items():
            out.setdefault(p, ns)
    return out


def plan(
    draft: Draft,
    *,
    sources_dir: Path,
    registered: dict[str, Source],
    existing: set[str],
    prefixes: dict[str, str],
    snapshot: Path | None = None,
) -> Plan:
    """The plan for ``draft`` against a repository whose sources are ``registered``.

    ``existing`` holds the IRIs of claims already in the graph (a re-run adds nothing twice).
    """
    iri = SOURCE_BASE + draft.source.id
    known = registered.get(iri)
    result: Plan
    if draft.source.is_new and known is not None and known.snapshot:
        given = snapshot or (draft.path.parent / str(draft.source.fields["snapshot"]))
        if known.url == draft.source.fields["url"] and known.sha256 == sha256(_read_bytes(given)):
            draft.source.fields = {"id": draft.source.id}  # the same source and text: add claims to it
    if draft.source.is_new:
        if known is not None:
            raise ParseError(
                f"source {draft.source.id!r} is registered already: give only its id to add claims",
                draft.path,
                draft.source.line,
            )
        same_url = [s for s in registered.values() if s.url and s.url == draft.source.fields["url"]]
        if same_url:
            raise ParseError(
                f"{draft.source.fields['url']} is registered already as {same_url[0].id!r}: give only that id",
                draft.path,
                draft.source.line,
            )
        given = snapshot or (draft.path.parent / str(draft.source.fields["snapshot"]))
        name = draft.source.id + (Path(str(draft.source.fields["snapshot"])).suffix or ".txt")
        target = _snapshot_target(sources_dir, name)
        data = _read_bytes(given)
        text = _decode(given, data)
        result = Plan(Source(iri, str(draft.source.fields["url"]), name, sha256(data)), snapshot_from=given)
        result.snapshot_name = target.name
        result.new_source = True
        result.add(SOURCES_FILE, source_triples(draft.source, name, sha256(data)))
    else:
        if known is None:
            raise ParseError(
                f"no registered source {draft.source.id!r}: give its url, title, snapshot … to register it",
                draft.path,
                draft.source.line,
            )
        if not known.snapshot:
            raise ParseError(
                f"source {draft.source.id!r} has no snapshot in sources/: quotes cannot be checked",
                draft.path,
                draft.source.line,
            )
        text = read_snapshot(_snapshot_target(sources_dir, known.snapshot))
        result = Plan(known)
    for claim in draft.claims:
        _plan_claim(result, draft, claim, text, existing, prefixes)
    return result


def _plan_claim(
    result: Plan, draft: Draft, claim: ClaimDraft, text: str, existing: set[str], prefixes: dict[str, str]
) -> None:
    try:
        span = quotes.find(text, claim.quote)
    except quotes.QuoteProblem as exc:
        near = f"; nearest: {quotes.clip(exc.nearest, 100)!r}" if exc.nearest else ""
        raise ParseError(f"{exc.message}{near}", draft.path, claim.line) from exc
    triples = parse_snippet(claim.turtle, prefixes, draft.path, claim.turtle_line)
    key = hashlib.sha256(
        (claim.quote.strip() + "\n" + "\n".join(map(str, sorted(map(str, triples))))).encode()
    )
    claim_id = f"{result.source.id}-{key.hexdigest()[:8]}"
    claim_iri = ox.NamedNode(cl.CLAIM_BASE + claim_id)
    if claim_iri.value in existing:
        result.skipped.append(claim.line)
        return
    span_iri = ox.NamedNode(cl.EVIDENCE_BASE + claim_id)
    label = claim.label or f"{result.source.id}: {quotes.clip(span.exact, 70)}"
    result.add(EVIDENCE_FILE, cl.span_triples(span_iri, ox.NamedNode(result.source.iri), span, label))
    result.add(
        CLAIMS_FILE, cl.claim_triples(claim_iri, triples, [span_iri], label=label, preferred=claim.preferred)
    )
    planned = PlannedClaim(claim_iri.value, span, [], claim.line)
    for t in triples:
        file = claim.file or _file_for(t, prefixes)
        if file is None:
            raise ParseError(
                f"no data file known for <{t[0].value}>: say which with 'file:' (e.g. 'standards')",
                draft.path,
                claim.line,
            )
        result.add(file, [ox.Triple(*t)])
        planned.facts.append((f"data/{file}.ttl", ox.Triple(*t)))
    result.claims.append(planned)


def _file_for(triple: Triple, prefixes: dict[str, str]) -> str | None:
    subject = triple[0].value
    best = ""
    best_prefix = ""
    for p, ns in prefixes.items():
        if subject.startswith(ns) and len(ns) > len(best):
            best, best_prefix = ns, p
    return FILE_BY_PREFIX.get(best_prefix)


def _snapshot_target(sources_dir: Path, name: str) -> Path:
    from ..kg import Layout

    return snapshot_path(Layout(sources_dir.parent), name)


def _read_bytes(path: Path) -> bytes:
    from ..sources import MAX_SNAPSHOT

    try:
        if not path.is_file():
            raise InputError(f"{path}: no such snapshot file")
        if path.stat().st_size > MAX_SNAPSHOT:
            raise InputError(f"{path}: a snapshot may hold at most {MAX_SNAPSHOT:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def _date(value: str) -> ox.Literal:
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


def source_triples(source: SourceDraft, snapshot: str, digest: str) -> list[ox.Triple]:
    """The registry entry of a new source."""
    f = source.fields
    node = ox.NamedNode(SOURCE_BASE + source.id)
    kind = "NewsArticle" if f.get("kind") == "news" else "WebPage"

    def t(p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(node, ox.NamedNode(p), o)

    title = str(f["title"]).strip()
    out = [
        t(RDF_TYPE, ox.NamedNode(SCHEMA + kind)),
        t(RDF_TYPE, ox.NamedNode(PROV + "Entity")),
        t(RDFS + "label", ox.Literal(title, language="en")),
        t(DCT + "title", ox.Literal(title)),
        t(SCHEMA + "url", ox.Literal(str(f["url"]), datatype=ox.NamedNode(XSD + "anyURI"))),
        t(NS + "retrievedOn", _date(str(f["retrieved"]))),
        t(DCT + "format", ox.Literal(str(f["media_type"]))),
        t(NS + "snapshotFile", ox.Literal(snapshot)),
        t(NS + "sha256", ox.Literal(digest)),
        t(
            NS + "readFromCopy",
            ox.Literal(str(bool(f.get("from_copy", False))).lower(), datatype=ox.NamedNode(XSD + "boolean")),
        ),
        t(
            NS + "excerptOnly",
            ox.Literal(str(bool(f.get("excerpt", False))).lower(), datatype=ox.NamedNode(XSD + "boolean")),
        ),
    ]
    if f.get("published"):
        out.append(t(SCHEMA + "datePublished", _date(str(f["published"]))))
    if f.get("publisher"):
        out.append(t(NS + "publisherName", ox.Literal(str(f["publisher"]))))
    if f.get("terms"):
        out.append(t(DCT + "rights", ox.Literal(str(f["terms"]))))
    return out


__all__ = [
    "CLAIMS_FILE",
    "EVIDENCE_FILE",
    "FILE_BY_PREFIX",
    "SOURCES_FILE",
    "Plan",
    "all_prefixes",
    "plan",
    "source_triples",
]
