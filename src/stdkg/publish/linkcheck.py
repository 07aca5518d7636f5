"""Dereference every IRI of the graph on a running site and report what does not answer as it should.

For each thing IRI and each Accept header of :data:`ACCEPTS` the site must answer ``303 See Other``
with ``Vary: Accept`` and a ``Location`` naming the document of the expected format; that document
must answer 200 with the expected media type; RDF must parse and mention the IRI; HTML pages must
have no internal link that fails. Standard library HTTP only (``http.client``), keep-alive per thread.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import InputError, StdkgError
from ..vocab import BASE_IRI, VOID
from . import conneg
from .rebase import is_vocabulary, rebase_iri

if TYPE_CHECKING:
    from ..kg import KG

#: Accept header -> the format the site must choose.
ACCEPTS: dict[str, conneg.DocFormat] = {
    "text/html": conneg.HTML,
    "text/turtle": conneg.TURTLE,
    "application/n-triples": conneg.N_TRIPLES,
    "application/ld+json": conneg.JSON_LD,
    "application/rdf+xml": conneg.RDF_XML,
    "*/*": conneg.HTML,
}


#: Where a site describes itself (VoID, RFC 8615 well-known location).
WELL_KNOWN_VOID = ".well-known/void"


class SiteUnreachable(StdkgError):
    """Nothing answers at the site's URL (refused, timed out, not HTTP): there is nothing to check."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"linkcheck: no site answers at {url} ({reason})")


@dataclass(frozen=True, order=True)
class Failure:
    """One thing that did not answer as it should."""

    iri: str
    accept: str
    problem: str


@dataclass
class LinkReport:
    url: str
    base: str
    base_from: str = "given"
    """Where the base came from: ``given``, ``VoID`` (the site's ``void:uriSpace``) or ``default``."""
    iris: int = 0
    requests: int = 0
    links: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class _Client:
    """Thread-local keep-alive connections to one host; never follows redirects."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{url}: need an http(s) URL of a running site")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.netloc = parts.netloc
        self.timeout = timeout
        self._local = threading.local()
        self.count = 0
        self._lock = threading.Lock()
        self._all: list[http.client.HTTPConnection] = []

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            conn = cls(self.host, self.port, timeout=self.timeout)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection any thread opened."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def get(self, url: str, accept: str) -> Answer:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        with self._lock:
            self.count += 1
        for attempt in (1, 2):
            conn = self._conn()
            try:
                conn.request("GET", target, headers={"Accept": accept, "Host": self.netloc})
                resp = conn.getresponse()
                body = resp.read()
                headers = {k.lower(): v for k, v in resp.getheaders()}
                if headers.get("connection", "").lower() == "close":
                    conn.close()
                    self._local.conn = None
                return Answer(resp.status, headers, body)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    return Answer(0, {}, str(exc).encode())
        return Answer(0, {}, b"")  # pragma: no cover


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def graph_iris(kg: KG, base: str) -> dict[str, list[str]]:
    """Document IRI -> the IRIs of the graph under ``base`` it must describe (rebased from canonical)."""
    import pyoxigraph as ox

    docs: dict[str, list[str]] = {}
    seen: set[str] = set()
    graph_base = BASE_IRI + "graph/"
    for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        for term in (q.subject, q.object):
            if not isinstance(term, ox.NamedNode):
                continue
            iri = term.value
            if iri in seen or not iri.startswith(BASE_IRI) or iri.startswith(graph_base):
                continue
            seen.add(iri)
            rebased = rebase_iri(iri, base)
            doc = base + "ns" if is_vocabulary(iri) else rebased.split("#", 1)[0]
            docs.setdefault(doc, []).append(rebased)
    return dict(sorted(docs.items()))


def _media(headers: dict[str, str]) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def _mentions(body: bytes, fmt: conneg.DocFormat, doc_url: str, iris: list[str]) -> str | None:
    """``None`` if the RDF parses and mentions every IRI; else the problem."""
    import pyoxigraph as ox

    assert fmt.rdf is not None, fmt
    oxfmt = fmt.rdf.to_oxigraph()
    try:
        triples = list(ox.parse(body, format=oxfmt, base_iri=doc_url))
    except (SyntaxError, ValueError) as exc:
        return f"{fmt.label} does not parse: {exc}"
    mentioned: set[str] = set()
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode):
                mentioned.add(term.value)
    missing = [i for i in iris if i not in mentioned]
    if missing:
        return f"{fmt.label} document does not describe {missing[0]}"
    return None


def check_site(
    kg: KG,
    url: str,
    *,
    base_uri: str | None = None,
    jobs: int = 8,
    timeout: float = 30.0,
    progress: Callable[[int, int], None] | None = None,
) -> LinkReport:
    """Check every IRI of ``kg`` (rebased to the site's base) on the site running at ``url``.

    The base is ``base_uri`` when given, else the one the site says it was built with (its VoID at
    ``/.well-known/void``), else the canonical one. Raises :class:`SiteUnreachable` when nothing
    answers at ``url``.
    """
    from .model import check_base

    site_url = url if url.endswith("/") else url + "/"
    client = _Client(site_url, timeout)
    found = site_base(client, site_url)
    if base_uri:
        base, base_from = check_base(base_uri), "given"
    elif found:
        base, base_from = found, "VoID"
    else:
        base, base_from = BASE_IRI, "default"
    report = LinkReport(site_url, base, base_from)
    docs = graph_iris(kg, base)
    report.iris = sum(len(v) for v in docs.values())
    failures: list[Failure] = []
    html_pages: dict[str, bytes] = {}
    lock = threading.Lock()
    done = [0]

    def fail(iri: str, accept: str, problem: str) -> None:
        with lock:
            failures.append(Failure(iri, accept, problem))

    def to_url(iri: str) -> str:
        return site_url + iri[len(base) :]

    def check_doc(doc: str) -> None:
        iris = docs[doc]
        thing_url = to_url(doc)
        rel = doc[len(base) :]
        for accept, fmt in ACCEPTS.items():
            a = client.get(thing_url, accept)
            if rel == "" and fmt is conneg.HTML:
                # the base is the home page itself
                if a.status != 200 or _media(a.headers) != "text/html":
                    fail(doc, accept, f"home page answered {a.status} {_media(a.headers)}")
                continue
            if a.status != 303:
                fail(doc, accept, f"expected 303 See Other, got {a.status}")
                continue
            if "accept" not in a.headers.get("vary", "").lower():
                fail(doc, accept, "303 without Vary: Accept")
            location = urljoin(thing_url, a.headers.get("location", ""))
            expected = (to_url(base + "void") if rel == "" else thing_url) + "." + fmt.suffix
            if location != expected:
                fail(doc, accept, f"303 to {location}, expected {expected}")
                continue
            d = client.get(location, accept)
            if d.status != 200:
                fail(doc, accept, f"{location} answered {d.status}")
                continue
            if _media(d.headers) != fmt.media_type:
                fail(
                    doc, accept, f"{location} has Content-Type {_media(d.headers)}, expected {fmt.media_type}"
                )
                continue
            if fmt is conneg.HTML:
                if accept == "text/html":
                    with lock:
                        html_pages[location] = d.body
            elif rel != "":
                problem = _mentions(d.body, fmt, location, iris)
                if problem:
                    fail(doc, accept, problem)
        with lock:
            done[0] += 1
            if progress:
                progress(done[0], len(docs))

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(check_doc, docs))
        # links inside the HTML pages: every internal href must answer
        site_parts = urlsplit(site_url)
        targets: dict[str, str] = {}
        for page_url, body in html_pages.items():
            parser = _Links()
            parser.feed(body.decode("utf-8", errors="replace"))
            for href in parser.hrefs:
                absolute = urljoin(page_url, href).split("#", 1)[0]
                parts = urlsplit(absolute)
                if parts.netloc != site_parts.netloc or not parts.path.startswith(site_parts.path):
                    continue
                targets.setdefault(absolute, page_url)

        def check_link(item: tuple[str, str]) -> None:
            target, page = item
            a = client.get(target, "text/html,*/*;q=0.8")
            if a.status >= 400 or a.status == 0:
                fail(page, "text/html", f"link to {target} answered {a.status}")

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(check_link, sorted(targets.items())))
    finally:
        client.close()
    report.links = len(targets)
    report.requests = client.count
    report.failures = sorted(failures)
    return report


def site_base(client: _Client, site_url: str) -> str | None:
    """The base the site at ``site_url`` was built with, from its VoID (``None`` if it has none).

    Raises :class:`SiteUnreachable` when the request gets no HTTP answer at all.
    """
    import pyoxigraph as ox

    from .model import check_base

    url = site_url + WELL_KNOWN_VOID
    a = client.get(url, conneg.TURTLE.media_type)
    if a.status == 0:
        client.close()
        raise SiteUnreachable(site_url, a.body.decode("utf-8", errors="replace") or "no answer")
    if a.status in (301, 302, 303, 307, 308) and a.headers.get("location"):
        url = urljoin(url, a.headers["location"])
        a = client.get(url, conneg.TURTLE.media_type)
    if a.status != 200:
        return None
    try:
        triples = list(ox.parse(a.body, format=ox.RdfFormat.TURTLE, base_iri=url))
    except (SyntaxError, ValueError):
        return None
    for t in triples:
        if t.predicate.value == VOID + "uriSpace" and isinstance(t.object, ox.Literal):
            space = t.object.value
            root = space[: -len("id/")] if space.endswith("/id/") else space
            try:
                return check_base(root)
            except InputError:
                return None
    return None


def render_report(report: LinkReport) -> str:
    """The report as text: one line per failure, then a summary line."""
    lines = [f"FAIL {f.iri} [Accept: {f.accept}] {f.problem}" for f in report.failures]
    verdict = "ok" if report.ok else f"{len(report.failures)} failures"
    lines.append(
        f"linkcheck {report.url} (base {report.base}{' from its VoID' if report.base_from == 'VoID' else ''}): {report.iris} IRIs, {report.links} internal links, "
        f"{report.requests} requests — {verdict}"
    )
    return "\n".join(lines) + "\n"
