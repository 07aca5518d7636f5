"""Turtle for curated triples: parsing a claim's snippet, and writing canonical blocks into data files.

A data file keeps its hand-written part; curated triples are appended as blocks, one per draft and
file, each written the same way whatever the input: subjects in code-point order, ``a`` first, then
predicates and objects in order, prefixed names where a declared prefix fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import ParseError
from ..names import shorten
from ..vocab import RDF_TYPE, XSD_STRING

_PREFIX_LINE = re.compile(r"^@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.\s*$", re.MULTILINE)

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def declared_prefixes(text: str) -> dict[str, str]:
    """The ``@prefix`` declarations of a Turtle text."""
    return {m.group(1) or "": m.group(2) for m in _PREFIX_LINE.finditer(text)}


def parse_snippet(turtle: str, prefixes: dict[str, str], path: Path, line: int) -> list[Triple]:
    """The triples of a claim's Turtle; errors name the draft's line. Blank nodes are refused."""
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()))
    offset = header.count("\n")
    try:
        parsed = list(ox.parse((header + turtle).encode(), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        at = (exc.lineno or offset + 1) - offset - 1 + line
        message = str(exc.msg or exc).split(": ", 1)[-1]
        raise ParseError(f"Turtle: {message}", path, at) from exc
    out: list[Triple] = []
    for t in parsed:
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            raise ParseError("a claim's triples name their nodes with IRIs (no blank nodes)", path, line)
        if not isinstance(t.subject, ox.NamedNode) or not isinstance(t.object, ox.NamedNode | ox.Literal):
            raise ParseError("a claim's triples are plain triples (no triple terms)", path, line)
        out.append((t.subject, t.predicate, t.object))
    if not out:
        raise ParseError("the claim's Turtle holds no triple", path, line)
    return out


def term_text(term: ox.NamedNode | ox.Literal, prefixes: dict[str, str]) -> str:
    """A term as Turtle, with a prefixed name where one of ``prefixes`` fits."""
    if isinstance(term, ox.NamedNode):
        short = shorten(term.value, prefixes)
        return short
    if term.language:
        return str(term)
    if term.datatype.value == XSD_STRING:
        return str(ox.Literal(term.value))
    lexical = str(ox.Literal(term.value))
    return f"{lexical}^^{shorten(term.datatype.value, prefixes)}"


def block(triples: Iterable[ox.Triple | Triple], prefixes: dict[str, str], comment: str) -> str:
    """A canonical Turtle block of ``triples`` headed by ``comment``."""
    by_subject: dict[str, dict[str, set[str]]] = {}
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t
        if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode | ox.Literal):
            raise ValueError("only IRI subjects and IRI or literal objects are written")
        pred = "a" if p.value == RDF_TYPE else term_text(p, prefixes)
        by_subject.setdefault(term_text(s, prefixes), {}).setdefault(pred, set()).add(term_text(o, prefixes))
    lines = [f"# {comment}", ""]
    for subject in sorted(by_subject):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        lines.append(subject)
        for i, pred in enumerate(order):
            objects = " , ".join(sorted(preds[pred]))
            end = " ." if i == len(order) - 1 else " ;"
            lines.append(f"    {pred} {objects}{end}")
        lines.append("")
    return "\n".join(lines)


def used_prefixes(text: str, prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes of ``prefixes`` that ``text`` uses as ``prefix:``."""
    return {p: ns for p, ns in prefixes.items() if re.search(rf"(?<![\w<\"]){re.escape(p)}:", text)}


def append_block(existing: str, new_block: str, prefixes: dict[str, str], header: Sequence[str] = ()) -> str:
    """``existing`` Turtle with ``new_block`` appended and every prefix it needs declared."""
    declared = declared_prefixes(existing)
    missing = {p: ns for p, ns in used_prefixes(new_block, prefixes).items() if p not in declared}
    if not existing.strip():
        intro = "".join(f"# {h}\n" for h in header) + ("\n" if header else "")
        decl = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(missing.items()))
        return intro + decl + "\n" + new_block
    text = existing if existing.endswith("\n") else existing + "\n"
    if missing:
        decl = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(missing.items()))
        last = None
        for m in _PREFIX_LINE.finditer(text):
            last = m
        at = last.end() + 1 if last else 0
        text = text[:at] + decl + text[at:]
    return text + "\n" + new_block


__all__ = ["append_block", "block", "declared_prefixes", "parse_snippet", "term_text", "used_prefixes"]
