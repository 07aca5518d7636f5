"""SPARQL text: a small scanner (query form, the outermost WHERE group, ``VALUES`` binding) and
engine errors made one line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from ..errors import QueryError

if TYPE_CHECKING:
    import pyoxigraph

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.:%]*)?|:[\w\-.:%]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _tokens(sparql: str) -> list[tuple[str, str, int]]:
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(sparql)]


def query_form(sparql: str) -> QueryForm:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first such keyword outside braces)."""
    depth = 0
    for kind, text, _ in _tokens(sparql):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and text.upper() in _FORMS:
            return text.upper()  # type: ignore[return-value]
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def names_its_dataset(sparql: str) -> bool:
    """Whether the query picks its own graphs (``FROM`` or ``FROM NAMED`` outside braces)."""
    depth = 0
    for kind, text, _ in _tokens(sparql):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and text.upper() == "FROM":
            return True
    return False


def count_query(sparql: str) -> str:
    """A query counting the rows of the SELECT ``sparql``: the query as a subquery of
    ``SELECT (COUNT(*) AS ?stdkg__rows)``, its prologue and dataset clauses moved outside it."""
    tokens = _tokens(sparql)
    depth = 0
    start = -1
    dataset: list[tuple[int, int]] = []
    for i, (kind, text, pos) in enumerate(tokens):
        if kind == "open":
            if start >= 0 and depth == 0:
                break  # the WHERE group: no dataset clause after it
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0:
            upper = text.upper()
            if start < 0 and upper in _FORMS:
                if upper != "SELECT":
                    raise QueryError(f"only a SELECT has rows to count, not {upper}")
                start = pos
            elif start >= 0 and upper == "FROM":
                rest = [t for t in tokens[i + 1 :] if t[0] not in ("ws", "comment")]
                named = bool(rest) and rest[0][1].upper() == "NAMED"
                source = rest[1 if named else 0] if len(rest) > (1 if named else 0) else None
                if source is None:
                    raise QueryError("a FROM clause without a graph")
                dataset.append((pos, source[2] + len(source[1])))
    if start < 0:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    body, clauses, at = [], [], start
    for begin, end in dataset:
        body.append(sparql[at:begin])
        clauses.append(sparql[begin:end])
        at = end
    body.append(sparql[at:])
    return (
        f"{sparql[:start]}SELECT (COUNT(*) AS ?stdkg__rows) {' '.join(clauses)} WHERE {{\n{''.join(body)}\n}}"
    )


def predeclared(sparql: str, prefixes: Mapping[str, str]) -> str:
    """``PREFIX`` declarations, on one line, for the ``prefixes`` that ``sparql`` uses in prefixed
    names without declaring them (empty when there are none)."""
    declared: set[str] = set()
    used: set[str] = set()
    after_prefix = False
    for kind, text, _ in _tokens(sparql):
        if kind in ("ws", "comment"):
            continue
        if kind == "word":
            if after_prefix and text.endswith(":"):
                declared.add(text[:-1])
            elif ":" in text:
                used.add(text.split(":", 1)[0])
            after_prefix = text.upper() == "PREFIX"
        else:
            after_prefix = False
    wanted = sorted(name for name in used - declared if name in prefixes)
    return "".join(f"PREFIX {name}: <{prefixes[name]}> " for name in wanted)


def where_group_offset(sparql: str) -> int:
    """Offset just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    form: str | None = None
    after_where = False
    template_done = False
    for kind, text, pos in _tokens(sparql):
        if kind == "word" and depth == 0:
            upper = text.upper()
            if form is None and upper in _FORMS:
                form = upper
            elif upper == "WHERE":
                after_where = True
        elif kind == "open":
            if depth == 0 and form is not None:
                if after_where or form in ("SELECT", "ASK", "DESCRIBE"):
                    return pos + 1
                if form == "CONSTRUCT" and template_done:
                    return pos + 1
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0 and form == "CONSTRUCT":
                template_done = True
    raise QueryError("cannot find the WHERE group of the query to bind its parameters")


def with_values(sparql: str, bindings: Mapping[str, pyoxigraph.NamedNode | pyoxigraph.Literal]) -> str:
    """The query with ``VALUES ?name { term }`` blocks first in its outermost WHERE group."""
    if not bindings:
        return sparql
    if query_form(sparql) == "CONSTRUCT" and re.search(
        r"\bCONSTRUCT\s+WHERE\b", _strip_comments(sparql), re.IGNORECASE
    ):
        raise QueryError(
            "parameters need the full CONSTRUCT { … } WHERE { … } form (CONSTRUCT WHERE cannot hold VALUES)"
        )
    at = where_group_offset(sparql)
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return sparql[:at] + " " + block + " " + sparql[at:]


def _strip_comments(sparql: str) -> str:
    return "".join(text for kind, text, _ in _tokens(sparql) if kind != "comment")


_POSITION = re.compile(r"error at (\d+):(\d+)")


def sparql_error(exc: SyntaxError, *, shift: int = 0) -> QueryError:
    """A SPARQL syntax error as one line naming line:column when the engine gives it.

    ``shift``: characters put before the user's text on its first line (columns there are moved back).
    """
    message = one_line(str(getattr(exc, "msg", None) or exc))
    m = _POSITION.search(message)
    if m:
        rest = message[m.end() :].lstrip(": ") or message
        line, column = int(m.group(1)), int(m.group(2))
        column = max(1, column - shift) if line == 1 else column
        return QueryError(f"bad SPARQL at line {line}, column {column}: {rest}")
    if exc.lineno:
        column = exc.offset or 0
        column = max(1, column - shift) if exc.lineno == 1 and column else column
        return QueryError(f"bad SPARQL at line {exc.lineno}, column {column}: {message}")
    return QueryError(f"bad SPARQL: {message}")


def one_line(text: str) -> str:
    text = " ".join(text.split())
    m = _EXPECTED.search(text)
    if m:  # the parser lists every token it could take: keep the first few
        items = split_alternatives(m.group(1))
        if len(items) > 6:
            text = text[: m.start(1)] + ", ".join(items[:6]) + ", …"
    return text


_EXPECTED = re.compile(r"expected one of (.*)$")


def split_alternatives(text: str) -> list[str]:
    """Split ``"a", "b", ['0'..='9']`` on top-level commas."""
    items: list[str] = []
    depth = 0
    quote = ""
    current = ""
    for ch in text:
        if quote:
            current += ch
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        items.append(current.strip())
    return items


__all__ = [
    "QueryForm",
    "count_query",
    "one_line",
    "predeclared",
    "query_form",
    "sparql_error",
    "where_group_offset",
    "with_values",
]
