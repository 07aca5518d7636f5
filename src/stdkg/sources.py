"""The source registry: every cited source, its metadata in the graph and its snapshot in ``sources/``.

A source node (``source:<id>`` in ``data/sources.ttl``) records where the text came from::

    source:<id> a schema:WebPage, prov:Entity ;      # or schema:NewsArticle
        schema:url "https://…"^^xsd:anyURI ;       # canonical address
        dcterms:title "…" ; stdkg:publisherName "…" ;
        schema:datePublished "2023-12"^^xsd:gYearMonth ;   # at the source's precision
        stdkg:retrievedOn "2026-12-03"^^xsd:date ;
        dcterms:format "text/html" ; dcterms:rights "…" ;
        stdkg:snapshotFile "prnewswire-302629226.txt" ;    # in sources/
        stdkg:sha256 "…" ;
        stdkg:readFromCopy true ;                  # read from a stored copy, not the live page
        stdkg:excerptOnly false .                  # the snapshot holds only quoted passages

Snapshots are read only from the repository's ``sources/`` folder: a path that leaves it is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .errors import InputError
from .vocab import BASE_IRI

if TYPE_CHECKING:
    from .kg import KG, Layout

SOURCE_BASE = BASE_IRI + "id/source/"
#: The largest snapshot read, in bytes.
MAX_SNAPSHOT = 8 * 1024 * 1024

_SOURCES = f"""
PREFIX schema: <https://schema.org/>
PREFIX stdkg: <https://w3id.org/stdkg/ns#>
SELECT ?s ?url ?file ?sha WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
    {{ ?s stdkg:snapshotFile ?any }} UNION {{ ?s schema:url ?any FILTER(STRSTARTS(STR(?s), "{SOURCE_BASE}")) }}
  }} }}
  OPTIONAL {{ ?s schema:url ?url }}
  OPTIONAL {{ ?s stdkg:snapshotFile ?file }}
  OPTIONAL {{ ?s stdkg:sha256 ?sha }}
}} ORDER BY ?s
"""


@dataclass(frozen=True)
class Source:
    """A registered source as the graph records it."""

    iri: str
    url: str | None
    snapshot: str | None
    """File name of the snapshot inside ``sources/``, if one is kept."""
    sha256: str | None

    @property
    def id(self) -> str:
        return self.iri[len(SOURCE_BASE) :] if self.iri.startswith(SOURCE_BASE) else self.iri


def registered(kg: KG) -> dict[str, Source]:
    """Every source of ``kg`` (by IRI) that has an address or a snapshot."""
    out: dict[str, Source] = {}
    for row in kg.query(_SOURCES):
        iri = row["s"].value
        out[iri] = Source(
            iri,
            row["url"].value if row["url"] is not None else None,
            row["file"].value if row["file"] is not None else None,
            row["sha"].value if row["sha"] is not None else None,
        )
    return out


def snapshot_path(layout: Layout, name: str) -> Path:
    """The path of snapshot ``name`` inside ``layout``'s ``sources/``; names that leave it are refused."""
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name or len(pure.parts) != 1:
        raise InputError(f"snapshot {name!r}: give a file name inside sources/ (no folders, no '..')")
    return layout.sources_dir / pure.name


def read_snapshot(path: Path) -> str:
    """The text of a snapshot (UTF-8), bounded in size."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: no such snapshot file")
        size = path.stat().st_size
        if size > MAX_SNAPSHOT:
            raise InputError(f"{path}: {size:,} bytes; a snapshot may hold at most {MAX_SNAPSHOT:,}")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["MAX_SNAPSHOT", "SOURCE_BASE", "Source", "read_snapshot", "registered", "sha256", "snapshot_path"]
