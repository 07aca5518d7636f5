"""The closure of a KG as N-Triples lines: what engines return, and what :func:`stdkg.reason.reason` keeps.

Engines hand back N-Triples lines (pyoxigraph's writer, one triple per line) and the inferred
triples are told apart from the asserted ones by comparing lines: the same writer gives the same
triple the same bytes, so no per-triple Python objects are built for the asserted graph. Lines are
held *encoded* (:func:`stdkg.rdf.ntriples.encode`: every ``>`` as NUL, the sort key of
:func:`stdkg.rdf.ntriples.sort_ntriples`), so that :meth:`Closure.sorted_ntriples` is one sort of
the lines already split, in canonical order.

What is dropped from the engine's output, and why (only ever from the *inferred* triples; asserted
triples are always kept):

* triples with a literal subject (owlrl works in generalized RDF and emits e.g.
  ``"x" owl:sameAs "x"``; such triples are not RDF and no serializer can write them);
* triples whose subject is a built-in term of RDF, RDFS, OWL or XSD (``rdf:``, ``rdfs:``, ``owl:``,
  ``xsd:``): axioms about the vocabularies themselves, true of any graph;
* tautologies that hold of every resource: ``x owl:sameAs x``, ``x owl:equivalentClass x``,
  ``x owl:equivalentProperty x``, ``x rdfs:subClassOf x``, ``x rdfs:subPropertyOf x``,
  ``x rdf:type owl:Thing``, ``x rdfs:subClassOf owl:Thing``, ``p rdfs:domain owl:Thing`` and
  ``p rdfs:range owl:Thing``.

:attr:`Closure.dropped` counts each kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, overload

from ..errors import InputError, StdkgError
from ..formats import RdfFormat
from ..rdf.ntriples import decode, encode
from ..rdf.serialize import serialize_ntriples
from ..vocab import OWL, RDF, RDFS, XSD

if TYPE_CHECKING:
    import pyoxigraph

    from ..kg import KG

BUILTIN_NAMESPACES = (RDF, RDFS, OWL, XSD)

_REFLEXIVE = {
    OWL + "sameAs",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
}
_ABOUT_THING = {RDF + "type", RDFS + "subClassOf", RDFS + "domain", RDFS + "range"}


class Inconsistent(StdkgError):
    """The ontology and data contradict each other: the closure is everything, so none is given.

    ``clashes`` holds one line per clash found (the rule and the terms); the exit code is 1.
    """

    exit_code = 1

    def __init__(self, clashes: Sequence[str]) -> None:
        self.clashes = tuple(clashes)
        more = f" (and {len(self.clashes) - 1} more)" if len(self.clashes) > 1 else ""
        super().__init__(f"inconsistent: {self.clashes[0] if self.clashes else 'clash'}{more}")


class EngineDeclined(InputError):
    """The engine asked for by name cannot reason over this input (``why`` says what it holds)."""

    def __init__(self, engine: str, why: str) -> None:
        self.engine = engine
        self.why = why
        super().__init__(f"the {engine} engine cannot reason over this input: it holds {why}")


def _text(lines: Iterable[bytes]) -> bytes:
    """Encoded lines as N-Triples (decoded, one newline after each line)."""
    return decode(b"\n".join(chain(lines, (b"",))))


@dataclass
class Asserted:
    """The KG's union graph as encoded N-Triples: what the inferred triples are told apart from."""

    data: bytes
    """The union graph as the KG gave it, encoded (a line may repeat when read without a store)."""
    lines: list[bytes]
    """Its distinct lines, encoded, without newlines, in the KG's order."""
    members: set[bytes] = field(repr=False)
    """The same lines, as a set."""

    @classmethod
    def of(cls, kg: KG) -> Asserted:
        nt, distinct = kg.union_ntriples()
        data = encode(nt)
        del nt
        lines = data.split(b"\n")
        if lines and not lines[-1]:
            lines.pop()
        members = set(lines)
        # Parsed straight from the files, a triple may repeat. The lines keep the files' order
        # either way: a file written in canonical order (the synthetic ones are) then costs the
        # final sort almost nothing.
        if not distinct and len(members) < len(lines):
            lines = list(dict.fromkeys(lines))
        return cls(data, lines, members)


@dataclass
class EngineOutput:
    """What an engine returns: the closure's triples as N-Triples lines written by pyoxigraph."""

    lines: Iterable[bytes]
    """One triple per line, :func:`encode`-d, without the newline; asserted triples and repeats may
    be among them."""
    dropped: dict[str, int] = field(default_factory=dict)
    """Triples the engine had to drop because RDF cannot hold them, by reason."""
    engine: str | None = None
    """The engine that actually ran, when it differs from the one asked for (``auto``)."""
    asserted: Asserted | None = None
    """The union graph as the engine read it (else :func:`reason` reads it)."""


class TripleList(Sequence["pyoxigraph.Triple"]):
    """Triples given as N-Triples, parsed and sorted (by ``str``) only when first read."""

    def __init__(self, ntriples: bytes, count: int) -> None:
        self._ntriples = ntriples
        self._count = count

    @cached_property
    def _items(self) -> list[pyoxigraph.Triple]:
        import pyoxigraph as ox

        return sorted((q.triple for q in ox.parse(self._ntriples, format=ox.RdfFormat.N_TRIPLES)), key=str)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> pyoxigraph.Triple: ...
    @overload
    def __getitem__(self, index: slice) -> list[pyoxigraph.Triple]: ...
    def __getitem__(self, index: int | slice) -> pyoxigraph.Triple | list[pyoxigraph.Triple]:
        return self._items[index]

    def __iter__(self) -> Iterator[pyoxigraph.Triple]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<TripleList of {self._count} triples>"


@dataclass
class Closure:
    """The OWL RL closure of a KG: asserted and inferred triples as encoded N-Triples lines (see
    :func:`encode`; no line in both lists)."""

    asserted_lines: list[bytes]
    inferred_lines: list[bytes]
    engine: str = "owlrl"
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def asserted(self) -> int:
        """Number of asserted triples."""
        return len(self.asserted_lines)

    @property
    def total(self) -> int:
        return len(self.asserted_lines) + len(self.inferred_lines)

    @cached_property
    def inferred(self) -> TripleList:
        """The inferred triples only (not asserted, after dropping), sorted; parsed when first read."""
        return TripleList(self.ntriples(only_inferred=True), len(self.inferred_lines))

    @cached_property
    def graph(self) -> pyoxigraph.Store:
        """A store with the full closure (asserted + inferred) in its default graph (built on use)."""
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(self.ntriples(), format=ox.RdfFormat.N_TRIPLES)
        return store

    def _lines(self, only_inferred: bool) -> list[bytes]:
        return list(self.inferred_lines) if only_inferred else self.asserted_lines + self.inferred_lines

    def ntriples(self, *, only_inferred: bool = False) -> bytes:
        """The closure (or the inferred triples) as N-Triples, in no particular order, no repeats."""
        return _text(
            self.inferred_lines if only_inferred else chain(self.asserted_lines, self.inferred_lines)
        )

    def sorted_ntriples(self, *, only_inferred: bool = False) -> bytes:
        """The same, lines in canonical order (:func:`stdkg.rdf.ntriples.sort_ntriples`, ``type_first=False``).

        Blank node labels are the store's: :meth:`serialize` relabels them.
        """
        lines = self._lines(only_inferred)
        lines.sort()
        return _text(lines)

    def serialize(self, fmt: RdfFormat, *, only_inferred: bool = False) -> bytes:
        """The closure (or the inferred triples) in ``fmt``, deterministic: the bytes of
        :func:`stdkg.rdf.serialize.serialize_ntriples` for :meth:`ntriples`."""
        if fmt in (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS):
            data = self.sorted_ntriples(only_inferred=only_inferred)
            if b"_:" not in data:  # no blank nodes to relabel: already canonical
                return data
            return serialize_ntriples(data, fmt)
        return serialize_ntriples(self.ntriples(only_inferred=only_inferred), fmt)

    def triples(self, *, only_inferred: bool = False) -> list[pyoxigraph.Triple]:
        """The closure's triples (or the inferred ones), sorted."""
        import pyoxigraph as ox

        if only_inferred:
            return list(self.inferred)
        data = self.ntriples()
        return sorted((q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)), key=str)


#: What the lines that :func:`drop_reason` may drop contain, encoded (a superset: each line found
#: is parsed and checked): a literal or built-in IRI as subject, a reflexive predicate, owl:Thing
#: as object.
_SUSPECT_NEEDLES = tuple(
    encode(needle)
    for needle in (
        b'\n"',
        *(b"\n<" + ns.encode() for ns in BUILTIN_NAMESPACES),
        *(b" <" + p.encode() + b"> " for p in sorted(_REFLEXIVE)),
        b" <" + (OWL + "Thing").encode() + b"> .\n",
    )
)


def _lines_with(data: bytes, needle: bytes) -> Iterator[bytes]:
    """The lines of ``data`` in which ``needle`` occurs (a needle may begin with the newline that
    ends the line before, or end with its line's own newline)."""
    skip = 1 if needle.startswith(b"\n") else 0
    at = data.find(needle)
    while at >= 0:
        start = data.rfind(b"\n", 0, at + skip) + 1
        end = data.find(b"\n", at + skip)
        if end < 0:
            end = len(data)
        yield data[start:end]
        at = data.find(needle, end)


def dropped_lines(lines: list[bytes], dropped: dict[str, int]) -> set[bytes]:
    """The lines (encoded) of the triples :func:`drop_reason` drops, counted into ``dropped``.

    Only the lines that contain one of :data:`_SUSPECT_NEEDLES` are looked at one by one.
    """
    import pyoxigraph as ox

    data = b"\n".join(chain((b"",), lines, (b"",)))  # every line between two newlines
    suspects = {line for needle in _SUSPECT_NEEDLES for line in _lines_with(data, needle)}
    del data
    gone = set()
    for line in suspects:
        if line.startswith(b'"'):
            why: str | None = "literal subject"
        else:
            parsed = ox.parse(decode(line) + b"\n", format=ox.RdfFormat.N_TRIPLES)
            why = drop_reason(next(iter(parsed)).triple)
        if why:
            dropped[why] = dropped.get(why, 0) + 1
            gone.add(line)
    return gone


def drop_reason(t: pyoxigraph.Triple) -> str | None:
    """Why an inferred triple is dropped (see the module doc), or None to keep it."""
    import pyoxigraph as ox

    s, p, o = t.subject, t.predicate, t.object
    if isinstance(s, ox.Literal):
        return "literal subject"
    if isinstance(s, ox.NamedNode) and s.value.startswith(BUILTIN_NAMESPACES):
        return "about a built-in term"
    if p.value in _REFLEXIVE and s == o:
        return "tautology"
    if o == ox.NamedNode(OWL + "Thing") and p.value in _ABOUT_THING:
        return "tautology"
    return None


__all__ = [
    "BUILTIN_NAMESPACES",
    "Asserted",
    "Closure",
    "EngineDeclined",
    "EngineOutput",
    "Inconsistent",
    "TripleList",
    "drop_reason",
    "dropped_lines",
]
