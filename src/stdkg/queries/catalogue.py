"""The named-query catalogue: ``queries/NAME.rq`` files and the header comment that names them::

    # title: Commitments in order
    # description: The commitments of a statement in order, verbatim, with the bodies each binds.
    #   (continuation lines start with "#   " and continue the description)
    # param: statement iri = https://w3id.org/stdkg/id/statement/seoul-statement-2025 -- The statement.
    # param: date date -- The day on which the post was held.

Parameter types are those of :mod:`stdkg.queries.params`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, QueryError
from ..vocab import PREFIXES
from .params import PARAM_TYPES, Param, ParameterError, to_term
from .text import QueryForm, predeclared, query_form

if TYPE_CHECKING:
    import pyoxigraph


class UnknownQuery(QueryError):
    """No named query ``name`` in the catalogue (``known`` lists those there are)."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        hint = f" (known: {', '.join(known)})" if known else ""
        super().__init__(f"unknown query {name!r}{hint}")


@dataclass(frozen=True)
class NamedQuery:
    """A query with its header: ``name`` is the file stem (or ``-e`` for inline SPARQL)."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None
    prologue: str = ""
    """Declarations put before ``text`` when it runs, on the same line (inline queries: the
    project's prefixes that the text uses without declaring them)."""

    @property
    def form(self) -> QueryForm:
        return query_form(self.text)

    @property
    def sparql(self) -> str:
        """The text that runs: :attr:`prologue` and :attr:`text`."""
        return self.prologue + self.text

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_FIELD = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)


def parse_header(text: str, *, name: str, path: Path | None = None) -> NamedQuery:
    """Read the header comment of a query text (fields may be absent)."""
    where = str(path) if path else name
    title = ""
    description: list[str] = []
    params: list[Param] = []
    current: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            current = None
            continue
        m = _FIELD.match(line)
        if m:
            key, value = m.group(1), m.group(2)
            current = key
            if key == "title":
                title = value
            elif key == "description":
                description = [value] if value else []
            else:
                params.append(_parse_param(value, f"{where}:{lineno}"))
            continue
        c = _CONTINUATION.match(line)
        if c and current == "description":
            description.append(c.group(1))
        elif c and current == "param":
            last = params[-1]
            params[-1] = Param(last.name, last.type, last.default, (last.doc + " " + c.group(1)).strip())
        else:
            current = None
    names = [p.name for p in params]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise QueryError(f"{where}: parameter declared twice: {', '.join(dupes)}")
    return NamedQuery(
        name=name,
        text=text,
        title=title,
        description=" ".join(description),
        params=tuple(params),
        path=path,
    )


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise QueryError(f"{where}: bad param line {spec!r} (expected: name type [= default] [-- doc])")
    ptype = m.group("type").lower()
    if ptype not in PARAM_TYPES:
        raise QueryError(
            f"{where}: parameter {m.group('name')} has unknown type {ptype!r} "
            f"(use one of: {', '.join(PARAM_TYPES)})"
        )
    default = m.group("default")
    param = Param(m.group("name"), ptype, default if default else None, (m.group("doc") or "").strip())
    if param.default is not None:
        to_term(param, param.default)  # a bad default is the query author's error: say so early
    return param


def catalogue(queries_dir: Path | None = None) -> list[NamedQuery]:
    """Every named query in ``queries_dir`` (default: the bundled ``queries/``), sorted by name."""
    from ..kg import Layout

    folder = queries_dir or Layout.bundled().queries_dir
    if not folder.is_dir():
        return []
    return [read_query(p) for p in sorted(folder.glob("*.rq"))]


def read_query(path: Path | str) -> NamedQuery:
    """A query file (with or without a header)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text") from None
    return parse_header(text, name=p.stem, path=p)


def resolve(spec: str, queries_dir: Path | None = None) -> NamedQuery:
    """A query name from the catalogue, or the path of a ``.rq``/``.sparql`` file."""
    from ..kg import Layout

    folder = queries_dir or Layout.bundled().queries_dir
    candidate = Path(spec)
    if spec.endswith((".rq", ".sparql")) or ("/" in spec and candidate.exists()):
        if not candidate.is_file():
            raise InputError(f"{spec}: no such query file")
        return read_query(candidate)
    path = folder / f"{spec}.rq"
    if path.is_file():
        return read_query(path)
    raise UnknownQuery(spec, tuple(q.name for q in catalogue(folder)))


def inline(sparql: str) -> NamedQuery:
    """An inline query (``-e``); its header, if it has one, declares parameters too.

    The project's prefixes (:data:`stdkg.vocab.PREFIXES`) are predeclared: those the text uses
    without declaring them become its :attr:`~NamedQuery.prologue`.
    """
    query = parse_header(sparql, name="-e")
    return replace(query, prologue=predeclared(sparql, PREFIXES))


def bind(
    query: NamedQuery, values: Mapping[str, str]
) -> dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal]:
    """Typed terms for every declared parameter (given values, else defaults)."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        declared = tuple(p.signature() for p in query.params)
        raise ParameterError("unknown", unknown[0], query=query.name, declared=declared)
    terms: dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal] = {}
    for p in query.params:
        if p.name in values:
            terms[p.name] = to_term(p, values[p.name])
        elif p.default is not None:
            terms[p.name] = to_term(p, p.default)
        else:
            raise ParameterError("missing", p.name, query=query.name, type=p.type)
    return terms


__all__ = [
    "NamedQuery",
    "UnknownQuery",
    "bind",
    "catalogue",
    "inline",
    "parse_header",
    "read_query",
    "resolve",
]
