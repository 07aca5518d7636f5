"""The triples an OWL RL run knows, indexed for the rules' joins.

Terms are held as their N-Triples text (``<iri>``, ``_:label``, ``"lexical"^^<datatype>``…), so a
triple derived from asserted terms is written with exactly the bytes of the asserted lines. Literal
subjects are allowed (generalized RDF): the rules reach consequences through them, and the output
leaves them out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from .words import FIRST, LANG_STRING, LITERAL, NIL, REST, SAME, TYPE, XSD_STRING

Triple = tuple[str, str, str]
_EMPTY: frozenset[str] = frozenset()
_LITERAL = re.compile(r'^"(.*)"(?:\^\^<(.*)>|@([^"]*))?$', re.DOTALL)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def is_literal(term: str) -> bool:
    return term.startswith('"')


def literal_parts(term: str) -> tuple[str, str]:
    """A literal's lexical form (unescaped) and its datatype (``<iri>``)."""
    m = _LITERAL.match(term)
    if m is None:
        return term, XSD_STRING
    lexical = _ESCAPE.sub(_unescape, m.group(1)) if "\\" in m.group(1) else m.group(1)
    if m.group(2) is not None:
        return lexical, f"<{m.group(2)}>"
    return lexical, LANG_STRING if m.group(3) is not None else XSD_STRING


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    if code:
        return chr(int(code, 16))
    return _SIMPLE_ESCAPES.get(m.group(3), m.group(3))


class Facts:
    """A set of triples with the indexes the rules join on (``sameAs`` ones built on first use)."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()
        self._sp: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._po: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._by_s: dict[str, set[tuple[str, str]]] | None = None
        self._by_o: dict[str, set[tuple[str, str]]] | None = None

    def __len__(self) -> int:
        return len(self.triples)

    def __contains__(self, t: object) -> bool:
        return t in self.triples

    def add(self, t: Triple) -> bool:
        """Add ``t``; False when it was there already."""
        if t in self.triples:
            return False
        self.triples.add(t)
        s, p, o = t
        self._sp[p][s].add(o)
        self._po[p][o].add(s)
        if self._by_s is not None and self._by_o is not None:
            self._by_s[s].add((p, o))
            self._by_o[o].add((s, p))
        elif p == SAME:
            self._index_terms()
        return True

    def _index_terms(self) -> None:
        by_s: dict[str, set[tuple[str, str]]] = defaultdict(set)
        by_o: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for s, p, o in self.triples:
            by_s[s].add((p, o))
            by_o[o].add((s, p))
        self._by_s, self._by_o = by_s, by_o

    # -- lookups (each returns a copy or an immutable view: safe to add while iterating) ------
    def objects(self, s: str, p: str) -> tuple[str, ...]:
        row = self._sp.get(p)
        return tuple(row.get(s, _EMPTY)) if row else ()

    def subjects(self, p: str, o: str) -> tuple[str, ...]:
        row = self._po.get(p)
        return tuple(row.get(o, _EMPTY)) if row else ()

    def has(self, s: str, p: str, o: str) -> bool:
        return (s, p, o) in self.triples

    def pairs(self, p: str) -> list[tuple[str, str]]:
        """Every (subject, object) of ``p``."""
        row = self._sp.get(p)
        return [(s, o) for s, objs in row.items() for o in objs] if row else []

    def subjects_of(self, p: str) -> list[str]:
        row = self._sp.get(p)
        return [s for s, objs in row.items() if objs] if row else []

    def grouped(self, p: str) -> list[tuple[str, tuple[str, ...]]]:
        """(subject, its objects) for ``p``."""
        row = self._sp.get(p)
        return [(s, tuple(objs)) for s, objs in row.items() if objs] if row else []

    def grouped_by_object(self, p: str) -> list[tuple[str, tuple[str, ...]]]:
        """(object, its subjects) for ``p``."""
        row = self._po.get(p)
        return [(o, tuple(subs)) for o, subs in row.items() if subs] if row else []

    def about(self, s: str) -> tuple[tuple[str, str], ...]:
        """Every (predicate, object) of subject ``s`` (only once ``owl:sameAs`` is used)."""
        return tuple(self._by_s.get(s, ())) if self._by_s is not None else ()

    def pointing_at(self, o: str) -> tuple[tuple[str, str], ...]:
        """Every (subject, predicate) with object ``o`` (only once ``owl:sameAs`` is used)."""
        return tuple(self._by_o.get(o, ())) if self._by_o is not None else ()

    @property
    def uses_same_as(self) -> bool:
        return self._by_s is not None

    def is_a(self, x: str, c: str) -> bool:
        """``x rdf:type c``, with a literal counted in its datatype and in ``rdfs:Literal``."""
        if (x, TYPE, c) in self.triples:
            return True
        if is_literal(x):
            return c == LITERAL or literal_parts(x)[1] == c
        return False

    def items(self, head: str) -> list[str] | None:
        """The members of the RDF list at ``head``, or None when it is not a well-formed list.

        A list node with several ``rdf:first`` (or ``rdf:rest``) got them from ``owl:sameAs``
        (eq-rep-o): they are the same individual, and the first in order stands for all.
        """
        out: list[str] = []
        seen: set[str] = set()
        node = head
        while node != NIL:
            if node in seen:
                return None
            seen.add(node)
            first, rest = self.objects(node, FIRST), self.objects(node, REST)
            if not first or not rest:
                return None
            out.append(min(first))
            node = min(rest)
        return out

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)


__all__ = ["Facts", "Triple", "is_literal", "literal_parts"]
