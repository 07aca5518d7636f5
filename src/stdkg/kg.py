"""The one place that knows where the KG files live and how they are parsed.

Files are parsed with pyoxigraph into an in-memory ``pyoxigraph.Store``:

* the default graph holds the set union of all files, so that queries without ``GRAPH`` see every
  triple exactly once whatever the engine (pyoxigraph's own union-default-graph mode is a bag): every
  file is bulk-loaded straight into it and the store drops the duplicates;
* each file's triples can also go into a named graph of their own (its *source graph*), so that TriG
  and N-Quads dumps, ``GRAPH`` queries and per-source Graph Store loads keep one graph per source.
  Those are built on demand (:meth:`KG.ensure_source_graphs`), because parsing a second copy costs as
  much as the first and most commands never look at them.

Everything downstream receives a :class:`KG` and never opens KG files itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, ParseError
from .formats import RdfFormat, is_gzipped
from .inputs import check_file, oversized_term, require_regular
from .vocab import BASE_IRI, GRAPH_BASE, NS, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)``; units are files while loading."""


@dataclass(frozen=True)
class Layout:
    """Where the bundled ontology, data, shapes and queries are."""

    root: Path

    @classmethod
    def bundled(cls) -> Layout:
        """The layout of this installation: ``$STDKG_HOME``, the wheel bundle, or the source tree."""
        env = os.environ.get("STDKG_HOME")
        if env:
            return cls(Path(env).resolve())
        here = Path(__file__).resolve().parent
        bundle = here / "_bundle"
        if (bundle / "data").is_dir():
            return cls(bundle)
        return cls(here.parents[1])

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def sources_dir(self) -> Path:
        """Snapshots of the cited sources (text), one file per source."""
        return self.root / "sources"

    @property
    def data_shapes(self) -> Path:
        return self.shapes_dir / "data.shapes.ttl"

    @property
    def ontology_shapes(self) -> Path:
        return self.shapes_dir / "ontology.shapes.ttl"

    @property
    def jsonld_context(self) -> Path:
        return self.ontology_dir / "context.jsonld"

    def default_sources(self) -> list[Path]:
        """What ``--kg`` means when it is not given: the ontology and the data."""
        return [self.ontology_dir, self.data_dir]

    def graph_iri(self, path: Path) -> str:
        """The source-graph IRI of a file: readable for bundled files, a file: IRI otherwise."""
        resolved = path.resolve()
        try:
            rel = resolved.relative_to(self.root.resolve())
        except ValueError:
            return resolved.as_uri()
        return GRAPH_BASE + rel.with_suffix("").as_posix()


@dataclass(frozen=True)
class SourceFile:
    """One RDF file of the KG and the named graph its triples go to."""

    path: Path
    format: RdfFormat
    graph: str


def discover(paths: Iterable[Path | str], layout: Layout | None = None) -> list[SourceFile]:
    """Expand files and folders into RDF source files (folders: recursive, sorted, known suffixes)."""
    layout = layout or Layout.bundled()
    found: list[SourceFile] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        require_regular(path)
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*") if p.is_file() and RdfFormat.from_path(p) is not None
            )
            candidates = [
                p
                for p in candidates
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.name.endswith("context.jsonld")
            ]
        else:
            if RdfFormat.from_path(path) is None:
                raise InputError(
                    f"{path}: unknown RDF file type "
                    "(expected .ttl, .nt, .nq, .trig, .jsonld or .rdf, optionally .gz)"
                )
            candidates = [path]
        for p in candidates:
            key = p.resolve()
            if key in seen:
                continue
            seen.add(key)
            fmt = RdfFormat.from_path(p)
            assert fmt is not None
            found.append(SourceFile(p, fmt, layout.graph_iri(p)))
    return found


_POSITION = re.compile(r"^Parser error (?:at|between) line (\d+) (?:between )?columns? (\d+)\b.*?: ")


def parse_error(exc: SyntaxError, path: Path | str) -> ParseError:
    """Turn a pyoxigraph ``SyntaxError`` into a :class:`ParseError` naming file:line:column."""
    message = str(exc.msg if getattr(exc, "msg", None) else exc)
    line = exc.lineno
    col = exc.offset
    m = _POSITION.match(message)
    if m:
        line = line or int(m.group(1))
        col = col or int(m.group(2))
        message = message[m.end() :]
    else:
        message = re.sub(r"^Parser error[^:]*: ", "", message)
    return ParseError(message, path, line, col)


#: A typed literal with an XSD datatype in pyoxigraph's N-Triples (the datatypes the store may respell).
_XSD_LITERAL = re.compile(rb'"(?:[^"\\]|\\.)*"\^\^<http://www\.w3\.org/2001/XMLSchema#[A-Za-z]+>')

#: SPARQL that may read the source graphs (a ``GRAPH`` pattern or a ``FROM NAMED`` clause). A match in
#: a comment or a string only costs building the source graphs, never a wrong answer.
_NEEDS_GRAPHS = re.compile(r"\bGRAPH\b|\bNAMED\b", re.IGNORECASE)


class KG:
    """A loaded knowledge graph: a pyoxigraph store plus the files it came from.

    The store's default graph is the union of every source. The source graphs themselves are in the
    store only once :meth:`ensure_source_graphs` has put them there (``source_graphs_loaded=True``
    says the caller already did).
    """

    def __init__(
        self,
        store: pyoxigraph.Store | None,
        sources: Sequence[SourceFile],
        layout: Layout,
        *,
        source_graphs_loaded: bool = True,
    ) -> None:
        self._store = store
        self.sources = tuple(sources)
        self.layout = layout
        loaded = source_graphs_loaded and store is not None
        #: the files whose source graph is not in the store yet
        self._pending: list[SourceFile] = [] if loaded else list(self.sources)
        #: called as ``progress(done, total)`` over the files when a lazy KG parses them
        self.progress: ProgressCallback | None = None

    @property
    def store(self) -> pyoxigraph.Store:
        """The pyoxigraph store (built on first use when the KG was loaded with ``lazy=True``).

        The store keeps values, not spellings: a literal of a numeric, boolean or date/time XSD
        datatype is stored in its canonical form (``"3"^^xsd:int`` as ``"3"^^xsd:integer``,
        ``"1"^^xsd:boolean`` as ``"true"``, ``"30.0"`` as ``"30"``; Oxigraph issue 526). SPARQL on
        it compares values as SPARQL does anyway, but reads the respelled terms back. Whatever must
        see the terms as written reads :meth:`union_ntriples`, :meth:`source_ntriples`,
        :meth:`serialize` or :attr:`rdflib_graph`, which parse the files.
        """
        if self._store is None:
            self._store = _union_store(self.sources, self.progress)
        return self._store

    def union_ntriples(self) -> tuple[bytes, bool]:
        """The union graph as N-Triples, terms as written, and whether its lines are distinct.

        The files are parsed straight to N-Triples (never through the store, which respells some
        literals, see :meth:`store`; skipping its indexes is also about three times faster). Each
        file's blank nodes get fresh labels, so they stay apart; a triple stated in two files, or
        twice in one, appears twice: sort and drop repeats.
        """
        parts = []
        for i, src in enumerate(self.sources, 1):
            parts.append(_parse_ntriples(src))
            if self.progress:
                self.progress(i, len(self.sources))
        return b"".join(parts), False

    def source_ntriples(self, graph: str) -> bytes:
        """The triples of the source graph ``graph`` as N-Triples, terms as written (may repeat)."""
        return b"".join(_parse_ntriples(src) for src in self.sources if src.graph == graph)

    def respelled_literals(self) -> dict[str, str]:
        """The literals the store keeps in another spelling: as written → as stored (N-Triples terms).

        Empty when the store holds every literal as written. Costs one parse of the files.
        """
        import pyoxigraph as ox

        nt, _ = self.union_ntriples()
        written = sorted({m.group(0) for m in _XSD_LITERAL.finditer(nt)})
        if not written:
            return {}
        probe = ox.Store()
        probe.bulk_load(
            b"".join(b"<urn:stdkg:%d> <urn:stdkg:v> %s .\n" % (i, lit) for i, lit in enumerate(written)),
            format=ox.RdfFormat.N_TRIPLES,
        )
        stored = {int(q.subject.value[10:]): str(q.object) for q in probe}
        return {lit.decode(): stored[i] for i, lit in enumerate(written) if stored[i] != lit.decode()}

    def ensure_source_graphs(self, graphs: Iterable[str] | None = None) -> None:
        """Put the named source graph of each file (default: all; else those named) into the store."""
        import pyoxigraph as ox

        wanted = None if graphs is None else set(graphs)
        for src in list(self._pending):
            if wanted is not None and src.graph not in wanted:
                continue
            if len(self.sources) == 1:
                # one file: its graph is the default graph, copied inside the store (no second parse)
                self.store.update(f"INSERT {{ GRAPH <{src.graph}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}")
            else:
                load_file(self.store, src, ox.NamedNode(src.graph))
            self._pending.remove(src)

    # -- size -------------------------------------------------------------------------------
    def __len__(self) -> int:
        """Number of distinct triples (the union of all source graphs)."""
        import pyoxigraph as ox

        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    @property
    def graph_names(self) -> list[str]:
        """The source-graph IRIs, sorted; the graphs are in the store once this returns."""
        self.ensure_source_graphs()
        return sorted({s.graph for s in self.sources})

    def prepare(self, sparql: str) -> pyoxigraph.Store:
        """The store, with the source graphs in it if ``sparql`` may read them."""
        if self._pending and _NEEDS_GRAPHS.search(sparql):
            self.ensure_source_graphs()
        return self.store

    # -- SPARQL -----------------------------------------------------------------------------
    def query(self, sparql: str, *, substitutions: dict[Any, Any] | None = None) -> Any:
        """Run SPARQL on the default graph (the union); ``GRAPH ?g`` sees the source graphs."""
        try:
            return self.prepare(sparql).query(sparql, substitutions=substitutions)
        except SyntaxError as exc:
            from .errors import QueryError

            raise QueryError(f"bad SPARQL: {exc}") from exc

    # -- rdflib views (built lazily: only pySHACL, owlrl and a few exports need them) --------
    @cached_property
    def rdflib_graph(self) -> rdflib.Graph:
        """The default (union) graph as an rdflib ``Graph``."""
        import rdflib

        graph = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        graph.parse(data=self.serialize(RdfFormat.N_TRIPLES), format="nt")
        return graph

    def serialize(self, fmt: RdfFormat) -> bytes:
        """Triple formats: the union graph; dataset formats: the source graphs. Terms as written."""
        import pyoxigraph as ox

        if fmt.supports_datasets and fmt is not RdfFormat.JSON_LD:
            quads = (
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                for graph in sorted({s.graph for s in self.sources})
                for t in ox.parse(_unique_lines(self.source_ntriples(graph)), format=ox.RdfFormat.N_TRIPLES)
            )
            return ox.serialize(quads, format=fmt.to_oxigraph()) or b""
        nt, distinct = self.union_ntriples()
        if not distinct:
            nt = _unique_lines(nt)
        if fmt is RdfFormat.N_TRIPLES:
            return nt
        triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
        return ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=prefixes) or b""


def _unique_lines(nt: bytes) -> bytes:
    """``nt`` without repeated lines, in first-seen order."""
    return b"\n".join(dict.fromkeys(nt.split(b"\n")))


def load(
    paths: Sequence[Path | str] | None = None,
    *,
    layout: Layout | None = None,
    progress: ProgressCallback | None = None,
    lazy: bool = False,
) -> KG:
    """Parse the KG files (default: the bundled ontology and data) into a :class:`KG`.

    ``lazy=True`` only finds the files: the store is built when first used, and
    :meth:`KG.union_ntriples` can skip it altogether (what ``export`` does).
    """

    layout = layout or Layout.bundled()
    sources = discover(paths if paths else layout.default_sources(), layout)
    if not sources:
        raise InputError("no RDF files found in " + ", ".join(str(p) for p in (paths or [])))
    if lazy:
        return KG(None, sources, layout, source_graphs_loaded=False)
    return KG(_union_store(sources, progress), sources, layout, source_graphs_loaded=False)


def _union_store(sources: Sequence[SourceFile], progress: ProgressCallback | None = None) -> pyoxigraph.Store:
    import pyoxigraph as ox

    store = ox.Store()
    for i, src in enumerate(sources, 1):
        load_file(store, src, ox.DefaultGraph())
        if progress:
            progress(i, len(sources))
    return store


def _parse_ntriples(src: SourceFile) -> bytes:
    """One file's triples as N-Triples, parsed and written by pyoxigraph without a store.

    Blank nodes get fresh labels, so that two files' ``_:b`` stay apart in the union.
    """
    import pyoxigraph as ox

    with _parse_errors(src), _input(src) as source:
        parsed = ox.parse(
            format=src.format.to_oxigraph(), base_iri=_base(src), rename_blank_nodes=True, **source
        )
        if src.format.supports_datasets:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in parsed)
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return ox.serialize(parsed, format=ox.RdfFormat.N_TRIPLES) or b""


def load_file(
    store: pyoxigraph.Store,
    src: SourceFile,
    graph: pyoxigraph.NamedNode | pyoxigraph.DefaultGraph | None = None,
) -> None:
    """Parse one file into ``graph`` of ``store`` (default: its source graph); errors in one line.

    A dataset file (N-Quads, TriG, JSON-LD: a dump ``build`` or ``publish`` wrote) puts the triples
    of all its graphs into ``graph``.
    """
    import pyoxigraph as ox

    to_graph = graph if graph is not None else ox.NamedNode(src.graph)
    with _parse_errors(src), _input(src) as source:
        if src.format.supports_datasets:
            quads = ox.parse(
                format=src.format.to_oxigraph(), base_iri=_base(src), rename_blank_nodes=True, **source
            )
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, to_graph) for q in quads)
            return
        store.bulk_load(format=src.format.to_oxigraph(), base_iri=_base(src), to_graph=to_graph, **source)


def _base(src: SourceFile) -> str:
    return src.path.resolve().as_uri()


@contextmanager
def _input(src: SourceFile) -> Iterator[dict[str, Any]]:
    """The parser's input (``path=`` or ``input=``) once the file passed :mod:`stdkg.inputs`' bounds.

    Formats with a bound to check are read once, checked and parsed from memory; gzip files are
    decompressed on the way (line formats streamed).
    """
    line_format = src.format in (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS)
    if is_gzipped(src.path):
        import gzip

        if line_format:
            with gzip.open(src.path, "rb") as stream:
                yield {"input": stream}
            return
        with gzip.open(src.path, "rb") as stream:
            data = stream.read()
        check_file(src.path, src.format, data)
        yield {"input": data}
        return
    if line_format:
        yield {"path": str(src.path)}
        return
    data = src.path.read_bytes()
    check_file(src.path, src.format, data)
    yield {"input": data}


def _opener(src: SourceFile) -> Callable[[], AbstractContextManager[Iterable[bytes]]] | None:
    """How to read ``src``'s text again, for an error message: gzip for ``.gz``, else the default."""
    if not is_gzipped(src.path):
        return None
    import gzip

    return lambda: gzip.open(src.path, "rb")


@contextmanager
def _parse_errors(src: SourceFile) -> Iterator[None]:
    """Map the parser's errors to one-line :class:`ParseError` / :class:`InputError`."""
    try:
        yield
    except SyntaxError as exc:
        raise parse_error(exc, src.path) from None
    except MemoryError:  # pyoxigraph: "Reached the buffer maximal size" (one term over 16 MiB)
        raise oversized_term(src.path, _opener(src)) from None
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"{src.path}: {exc}") from None


__all__ = [
    "BASE_IRI",
    "GRAPH_BASE",
    "KG",
    "NS",
    "PREFIXES",
    "Layout",
    "SourceFile",
    "discover",
    "load",
    "load_file",
]
