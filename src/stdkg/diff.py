"""Triples added and removed between two graphs.

Both graphs are compared as canonical N-Triples (blank nodes relabelled with RDFC-1.0 in each
graph, so two files that differ only in blank-node labels are equal; literals in pyoxigraph's
canonical form). Only the union graphs are compared: which file a triple lives in does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import shorten
from .queries.render import display
from .rdf.ntriples import canonical_blank_nodes, sort_ntriples
from .rdf.terms import escape_string
from .vocab import LABEL_PROPERTIES, XSD_STRING

if TYPE_CHECKING:
    import pyoxigraph

    from .kg import KG
    from .rdf.terms import Term


@dataclass(frozen=True)
class GraphDiff:
    """``added``: in B, not in A; ``removed``: in A, not in B. Both sorted N-Triples lines."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    labels: dict[str, str]  #: IRI or blank node (N-Triples form) → label, from B then A

    @property
    def identical(self) -> bool:
        return not self.added and not self.removed

    def changes(self) -> list[tuple[str, str]]:
        """``("-"|"+", N-Triples line)`` in triple order (subject, then rdf:type first, …)."""
        marked = {t: "-" for t in self.removed}
        marked.update({t: "+" for t in self.added})
        ordered = sort_ntriples("".join(t + "\n" for t in marked).encode("utf-8"))
        return [(marked[line], line) for line in ordered.decode("utf-8").splitlines()]

    def render_nt(self) -> str:
        """``- <s> <p> <o> .`` and ``+ …`` lines, sorted by triple."""
        return "".join(f"{sign} {line}\n" for sign, line in self.changes())

    def render_text(self) -> str:
        """The same lines for people: prefixed names, and the labels of subject and object."""
        return "".join(f"{sign} {self._pretty(line)}\n" for sign, line in self.changes())

    def _pretty(self, nt_line: str) -> str:
        import pyoxigraph as ox

        triple = next(iter(ox.parse(nt_line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))

        def show(term: Term) -> str:
            if isinstance(term, ox.Literal):
                return _turtle_literal(term)
            text = shorten(term.value) if isinstance(term, ox.NamedNode) else display(term)
            label = self.labels.get(str(term))
            return f"{text} ({label})" if label else text

        predicate = shorten(triple.predicate.value)
        return f"{show(triple.subject)} {predicate} {show(triple.object)}"


def _turtle_literal(term: pyoxigraph.Literal) -> str:
    text = '"' + escape_string(term.value) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype.value == XSD_STRING:
        return text
    return f"{text}^^{shorten(term.datatype.value)}"


def _lines(kg: KG) -> tuple[bytes, set[bytes]]:
    import pyoxigraph as ox

    nt = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    nt = canonical_blank_nodes(nt)
    return nt, {line for line in nt.split(b"\n") if line}


def labels_of(nt: bytes) -> dict[str, str]:
    """Best label per node: the first label property that has one, English (or untagged) first."""
    import pyoxigraph as ox

    rank = {p: i for i, p in enumerate(LABEL_PROPERTIES)}
    best: dict[str, tuple[int, int, str]] = {}
    for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES):
        r = rank.get(t.predicate.value)
        if r is None or not isinstance(t.object, ox.Literal):
            continue
        lang = t.object.language or ""
        lang_rank = 0 if lang in ("en", "") or lang.startswith("en-") else 1
        key = (r, lang_rank, t.object.value)
        node = str(t.subject)
        if node not in best or key < best[node]:
            best[node] = key
    return {node: key[2] for node, key in best.items()}


def diff(a: KG, b: KG) -> GraphDiff:
    """What changed from graph ``a`` to graph ``b``."""
    nt_a, lines_a = _lines(a)
    nt_b, lines_b = _lines(b)
    added = sorted(x.decode("utf-8") for x in lines_b - lines_a)
    removed = sorted(x.decode("utf-8") for x in lines_a - lines_b)
    labels: dict[str, str] = {}
    if added or removed:
        labels = labels_of(nt_a)
        labels.update(labels_of(nt_b))
    return GraphDiff(added=tuple(added), removed=tuple(removed), labels=labels)


__all__ = ["GraphDiff", "diff", "labels_of"]
