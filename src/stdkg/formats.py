"""RDF and query-result formats as values with a media type and a file extension.

Light module: no heavy import at load time (pyoxigraph is imported only when an engine format is
asked for), so the CLI can list choices instantly.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from .errors import InputError


class RdfFormat(enum.Enum):
    """An RDF serialization: ``name`` is the short CLI name."""

    TURTLE = ("ttl", "text/turtle", "ttl", False, "turtle")
    N_TRIPLES = ("nt", "application/n-triples", "nt", False, "nt")
    N_QUADS = ("nq", "application/n-quads", "nq", True, "nquads")
    TRIG = ("trig", "application/trig", "trig", True, "trig")
    JSON_LD = ("jsonld", "application/ld+json", "jsonld", True, "json-ld")
    RDF_XML = ("xml", "application/rdf+xml", "rdf", False, "xml")

    def __init__(
        self,
        short: str,
        media_type: str,
        file_extension: str,
        supports_datasets: bool,
        rdflib_name: str,
    ) -> None:
        self.short = short
        self.media_type = media_type
        self.file_extension = file_extension
        self.supports_datasets = supports_datasets
        self.rdflib_name = rdflib_name

    @classmethod
    def from_name(cls, name: str) -> RdfFormat:
        """Look a format up by short name, extension, media type or common alias."""
        key = name.strip().lower()
        for fmt in cls:
            if key in {
                fmt.short,
                fmt.file_extension,
                fmt.media_type,
                fmt.rdflib_name,
                fmt.name.lower(),
            }:
                return fmt
        aliases = {
            "turtle": cls.TURTLE,
            "ntriples": cls.N_TRIPLES,
            "n-triples": cls.N_TRIPLES,
            "nquads": cls.N_QUADS,
            "n-quads": cls.N_QUADS,
            "json-ld": cls.JSON_LD,
            "json": cls.JSON_LD,
            "rdfxml": cls.RDF_XML,
            "rdf/xml": cls.RDF_XML,
            "owl": cls.RDF_XML,
        }
        if key in aliases:
            return aliases[key]
        raise InputError(f"unknown RDF format {name!r} (use one of: {', '.join(cls.choices())})")

    @classmethod
    def from_path(cls, path: Path | str) -> RdfFormat | None:
        """The format a file name suggests (``.gz`` after it: gzip-compressed), or ``None``."""
        path = Path(path)
        if is_gzipped(path):
            path = Path(path.stem)
        suffix = path.suffix.lower().lstrip(".")
        by_ext = {
            "ttl": cls.TURTLE,
            "turtle": cls.TURTLE,
            "nt": cls.N_TRIPLES,
            "nq": cls.N_QUADS,
            "trig": cls.TRIG,
            "jsonld": cls.JSON_LD,
            "json": cls.JSON_LD,
            "rdf": cls.RDF_XML,
            "owl": cls.RDF_XML,
            "xml": cls.RDF_XML,
        }
        return by_ext.get(suffix)

    @classmethod
    def choices(cls) -> list[str]:
        return [fmt.short for fmt in cls]

    def to_oxigraph(self) -> Any:
        import pyoxigraph as ox

        return {
            RdfFormat.TURTLE: ox.RdfFormat.TURTLE,
            RdfFormat.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
            RdfFormat.N_QUADS: ox.RdfFormat.N_QUADS,
            RdfFormat.TRIG: ox.RdfFormat.TRIG,
            RdfFormat.JSON_LD: ox.RdfFormat.JSON_LD,
            RdfFormat.RDF_XML: ox.RdfFormat.RDF_XML,
        }[self]


def is_gzipped(path: Path | str) -> bool:
    """Whether a file name says gzip (``kg.nt.gz``, the dumps ``publish`` and ``build`` write)."""
    return Path(path).suffix.lower() == ".gz"


class ResultFormat(enum.Enum):
    """A tabular query-result format (SELECT and ASK)."""

    TABLE = ("table", "text/plain", "txt")
    CSV = ("csv", "text/csv", "csv")
    TSV = ("tsv", "text/tab-separated-values", "tsv")
    JSON = ("json", "application/sparql-results+json", "srj")
    XML = ("xml", "application/sparql-results+xml", "srx")
    MARKDOWN = ("md", "text/markdown", "md")

    def __init__(self, short: str, media_type: str, file_extension: str) -> None:
        self.short = short
        self.media_type = media_type
        self.file_extension = file_extension

    @classmethod
    def from_name(cls, name: str) -> ResultFormat:
        key = name.strip().lower()
        for fmt in cls:
            if key in {fmt.short, fmt.media_type, fmt.file_extension, fmt.name.lower()}:
                return fmt
        raise InputError(f"unknown result format {name!r} (use one of: {', '.join(cls.choices())})")

    @classmethod
    def choices(cls) -> list[str]:
        return [fmt.short for fmt in cls]
