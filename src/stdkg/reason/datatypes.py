"""Lexical forms of the XSD datatypes (OWL 2 RL rule dt-not-type: an ill-typed literal is a clash).

Only the datatypes below are checked; a literal of any other datatype is taken as written.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable

from ..vocab import XSD

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?"
_DURATION = r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?"


def _pattern(regex: str) -> Callable[[str], bool]:
    compiled = re.compile(f"^(?:{regex})$")
    return lambda text: compiled.match(text) is not None


def _integer(low: int | None = None, high: int | None = None) -> Callable[[str], bool]:
    shape = re.compile(r"^[+-]?\d+$")

    def check(text: str) -> bool:
        if not shape.match(text):
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)

    return check


_DATE = re.compile(rf"^({_YEAR})-(\d\d)-(\d\d)")


def _dated(rest: str) -> Callable[[str], bool]:
    """A date (with a real day of its month) followed by ``rest``."""
    tail = re.compile(f"^(?:{rest}){_TZ}$")

    def check(text: str) -> bool:
        m = _DATE.match(text)
        if not m or not tail.match(text[m.end() :]):
            return False
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 <= month <= 12:
            return False
        leap_year = year if 1 <= year <= 9999 else 2000 if year % 4 == 0 else 2001
        return 1 <= day <= calendar.monthrange(leap_year, month)[1]

    return check


_FLOAT = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN"


@functools.cache
def checks() -> dict[str, Callable[[str], bool]]:
    """XSD local name -> whether a lexical form (whitespace collapsed) is in its lexical space
    (built on first use: the patterns take a while to compile)."""
    return {
        "integer": _integer(),
        "long": _integer(-(2**63), 2**63 - 1),
        "int": _integer(-(2**31), 2**31 - 1),
        "short": _integer(-(2**15), 2**15 - 1),
        "byte": _integer(-128, 127),
        "nonNegativeInteger": _integer(0),
        "positiveInteger": _integer(1),
        "nonPositiveInteger": _integer(None, 0),
        "negativeInteger": _integer(None, -1),
        "unsignedLong": _integer(0, 2**64 - 1),
        "unsignedInt": _integer(0, 2**32 - 1),
        "unsignedShort": _integer(0, 2**16 - 1),
        "unsignedByte": _integer(0, 255),
        "decimal": _pattern(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
        "double": _pattern(_FLOAT),
        "float": _pattern(_FLOAT),
        "boolean": _pattern(r"true|false|1|0"),
        "date": _dated(""),
        "dateTime": _dated(f"T(?:{_TIME})"),
        "dateTimeStamp": _dated(f"T(?:{_TIME})(?=.)"),
        "time": _pattern(f"(?:{_TIME}){_TZ}"),
        "gYear": _pattern(f"{_YEAR}{_TZ}"),
        "gYearMonth": _pattern(f"{_YEAR}-(?:0[1-9]|1[0-2]){_TZ}"),
        "gMonth": _pattern(f"--(?:0[1-9]|1[0-2]){_TZ}"),
        "gDay": _pattern(f"---(?:0[1-9]|[12]\\d|3[01]){_TZ}"),
        "gMonthDay": _pattern(f"--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01]){_TZ}"),
        "duration": _pattern(_DURATION),
        "hexBinary": _pattern(r"(?:[0-9A-Fa-f]{2})*"),
        "base64Binary": _pattern(r"[A-Za-z0-9+/= ]*"),
        "language": _pattern(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*"),
    }


def well_typed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is in the lexical space of ``datatype`` (an IRI, without brackets);
    True for a datatype not in :func:`checks`."""
    if not datatype.startswith(XSD):
        return True
    name = datatype[len(XSD) :]
    check = checks().get(name)
    if check is None:
        return True
    return check(lexical.strip())  # every checked datatype collapses whitespace


_NEEDLE = b'"^^<http://www.w3.org/2001/XMLSchema#'


def ill_typed_lines(data: bytes) -> list[str]:
    """The XSD-typed literals of encoded N-Triples ``data`` (``>`` as NUL, see
    :func:`stdkg.rdf.ntriples.encode`) whose lexical form is not in their datatype's lexical space,
    as N-Triples terms (each once).

    A typed literal is always a line's object: it starts after the last ``␠"`` before its datatype
    (inside a literal a quote is escaped, so ``␠"`` is never part of a lexical form).
    """
    found: set[tuple[bytes, bytes]] = set()
    find, rfind, at, skip = data.find, data.rfind, data.find(_NEEDLE), len(_NEEDLE)
    while at >= 0:
        end = find(b"\x00", at)
        found.add((data[at + skip : end], data[rfind(b' "', 0, at) + 2 : at]))
        at = find(_NEEDLE, end)
    bad = []
    for name, raw in found:
        lexical = raw.decode("utf-8")
        if "\\" in lexical:
            lexical = lexical.encode("latin-1", "backslashreplace").decode("unicode_escape")
        if not well_typed(lexical, XSD + name.decode()):
            bad.append(f'"{raw.decode("utf-8")}"^^<{XSD}{name.decode()}>')
    return sorted(bad)


__all__ = ["checks", "ill_typed_lines", "well_typed"]
