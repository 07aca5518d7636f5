"""String-based constraints: ``sh:pattern`` (with ``sh:flags``), ``sh:minLength``, ``sh:maxLength``,
``sh:languageIn``, ``sh:uniqueLang``.

Patterns follow Python's ``re`` as pySHACL does; SPARQL's REGEX is trusted only for patterns both
engines read alike (:func:`safe_pattern`), and Python's "$" (which also matches before a final
newline) is settled in Python.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import rdflib

from ...errors import EngineUnavailable
from .context import MAX_LISTED, AddCheck, Context, Emit, ValueCheck
from .terms import Node, Pairs, Term, kind, lexical, one_of, sh, string, text

#: A pattern that Python's re and the regex engine of Oxigraph read alike, except that Python's
#: "$" also matches before a final newline: ASCII literals, escaped punctuation, simple classes,
#: groups, alternatives and quantifiers.
_SAFE_PATTERN = re.compile(
    r"""(?:[A-Za-z0-9 _:/@#%&=~,;'<>!"-]"""
    r"|\\[.\-+*?()\[\]{}|^$/\\]"
    r"|\[\^?(?:[A-Za-z0-9 _:/.@#%&=~,;'<>!+*?(){}|$-]|\\[.\-\]\\^\[])+\]"
    r"|\(\?:|[()^$.*+?|]"
    r"|\{[0-9]+(?:,[0-9]*)?\})*"
)
_SAFE_CACHE: dict[tuple[str, str], bool] = {}


# -- the compiled tests ------------------------------------------------------------------------


def focus_checks(ctx: Context, shape: Node, single: bool, add: AddCheck) -> None:
    """sh:uniqueLang of a property shape with targets: one result per shared language (see
    :func:`shared_languages`, run by :mod:`.compiled`)."""
    for flag in ctx.sg.objects(shape, sh("uniqueLang")):
        if _on(flag) and not single:
            add("UniqueLangConstraintComponent", "", "langs")


def _on(flag: Node) -> bool:
    """``sh:uniqueLang true``: the literal true only (the W3C suite: ``"1"^^xsd:boolean`` is not)."""
    return isinstance(flag, rdflib.Literal) and flag.datatype == rdflib.XSD.boolean and str(flag) == "true"


def shared_languages(focus_set: str, p: str) -> str:
    """SPARQL: each focus node with each language (lower case) that two of its values share."""
    same = (
        f'?this {p} ?_a . ?this {p} ?_b FILTER(isLiteral(?_a) && isLiteral(?_b) && LANG(?_a) != "" '
        "&& !sameTerm(?_a, ?_b) && LCASE(LANG(?_a)) = LCASE(LANG(?_b)))"
    )
    return f"SELECT DISTINCT ?this ?_l WHERE {{ {focus_set} {same} BIND(LCASE(LANG(?_a)) AS ?_l) }}"


def path_conds(ctx: Context, shape: Node, var: str, p: str) -> list[str]:
    """sh:uniqueLang as a condition on the node in ``var``."""
    return [
        f"NOT EXISTS {{ {_same_lang(ctx, var, p)} }}"
        for flag in ctx.sg.objects(shape, sh("uniqueLang"))
        if _on(flag)
    ]


def _same_lang(ctx: Context, var: str, p: str) -> str:
    """A pattern: two values of the path share a language tag."""
    a, b = ctx.fresh(), ctx.fresh()
    return (
        f"{var} {p} {a} . {var} {p} {b} FILTER(isLiteral({a}) && isLiteral({b}) "
        f'&& LANG({a}) != "" && !sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b})))'
    )


def value_checks(ctx: Context, shape: Node, var: str) -> list[ValueCheck]:
    """Patterns, lengths and sh:languageIn as SPARQL tests true for possible violations."""
    sg = ctx.sg
    out: list[ValueCheck] = []
    for pat in sg.objects(shape, sh("pattern")):
        flags = str(sg.value(shape, sh("flags")) or "")
        regex = compile_pattern(str(pat), flags)
        sure = pattern_sure(var, str(pat), flags)

        def bad_pattern(_f: Term, v: Term, regex: re.Pattern[str] = regex) -> bool:
            return kind(v) == "BlankNode" or not regex.search(lexical(v))

        out.append(("PatternConstraintComponent", f"!({sure})", bad_pattern))
    for name, op in (("minLength", ">="), ("maxLength", "<=")):
        for n in sg.objects(shape, sh(name)):
            if always_long_enough(name, n):
                continue
            test = f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(str(n))})"
            out.append((name[0].upper() + name[1:] + "ConstraintComponent", f"!{test}", None))
    for lst in sg.objects(shape, sh("languageIn")):
        out.append(("LanguageInConstraintComponent", f"!{lang_test(var, list(sg.items(lst)))}", None))
    return out


def value_conds(ctx: Context, shape: Node, var: str, universe: str) -> list[str] | None:
    """SPARQL tests that the node in ``var`` meets each string-based constraint of ``shape``."""
    sg = ctx.sg
    out: list[str] = []
    for pat in sg.objects(shape, sh("pattern")):
        flags = str(sg.value(shape, sh("flags")) or "")
        if not safe_pattern(str(pat), flags):
            return None
        regex = compile_pattern(str(pat), flags)
        test = pattern_sure(var, str(pat), flags)
        # Python's "$" also matches before a final newline: such values are judged in Python
        q = (
            f"SELECT DISTINCT {var} WHERE {{ {universe} FILTER(isLiteral({var}) && "
            f'CONTAINS(STR({var}), "\\n") && !({test})) }}'
        )
        extra = [r[0] for r in ctx.select(q, "v") if regex.search(lexical(r[0]))]
        if len(extra) > MAX_LISTED:
            return None
        if extra:
            test = f"({test} || {one_of(var, [text(e) for e in extra])})"
        out.append(test)
    for name, op in (("minLength", ">="), ("maxLength", "<=")):
        for n in sg.objects(shape, sh(name)):
            if not always_long_enough(name, n):
                out.append(f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(str(n))})")
    for lst in sg.objects(shape, sh("languageIn")):
        out.append(lang_test(var, list(sg.items(lst))))
    return out


def lang_test(var: str, ranges: list[Node]) -> str:
    """SPARQL for sh:languageIn, with the Python engine's rules (lower case, prefixes, "*")."""
    wanted = [str(x).lower() for x in ranges]
    if "*" in wanted:
        return f'(isLiteral({var}) && LANG({var}) != "")'
    lang = f"LCASE(LANG({var}))"
    tests = [f"{lang} = {string(r)} || STRSTARTS({lang}, {string(r + '-')})" for r in wanted]
    return f'(isLiteral({var}) && LANG({var}) != "" && ({" || ".join(tests) or "false"}))'


def safe_pattern(pattern: str, flags: str) -> bool:
    """Whether Oxigraph's REGEX matches at least what Python's re matches, but for "$" and newlines."""
    key = (pattern, flags)
    if key not in _SAFE_CACHE:
        ok = not flags and _SAFE_PATTERN.fullmatch(pattern) is not None
        if ok:
            for bad in ("--", "&&", "~~", "||", "[[", "{,"):
                ok = ok and bad not in pattern
        if ok:
            try:
                re.compile(pattern)
                rows = ox.Store().query(f'SELECT (REGEX("", {string(pattern)}) AS ?ok) WHERE {{}}')
                assert isinstance(rows, ox.QuerySolutions)
                ok = all(row[0] is not None for row in rows)
            except Exception:  # either engine rejects it: the slow path decides
                ok = False
        _SAFE_CACHE[key] = ok
    return _SAFE_CACHE[key]


def pattern_sure(var: str, pattern: str, flags: str) -> str:
    """SPARQL: the node in ``var`` surely matches sh:pattern (false for some that do: re-checked)."""
    if not safe_pattern(pattern, flags):
        return "false"
    return f"(!isBlank({var}) && REGEX(STR({var}), {string(pattern)}))"


# -- the Python rules --------------------------------------------------------------------------


def evaluate(ctx: Context, shape: Node, pairs: Pairs, emit: Emit) -> None:
    """The slow path: every value of every focus node against the string-based constraints."""
    sg = ctx.sg
    for pat in sg.objects(shape, sh("pattern")):
        flags = str(sg.value(shape, sh("flags")) or "")
        regex = compile_pattern(str(pat), flags)
        for f, vs in pairs.items():
            for v in vs:
                if kind(v) == "BlankNode" or not regex.search(lexical(v)):
                    emit(f, "PatternConstraintComponent", v)
    for name, op in (("minLength", int.__lt__), ("maxLength", int.__gt__)):
        for n in sg.objects(shape, sh(name)):
            if always_long_enough(name, n):
                continue
            for f, vs in pairs.items():
                for v in vs:
                    if kind(v) == "BlankNode" or op(len(lexical(v)), int(str(n))):
                        emit(f, name[0].upper() + name[1:] + "ConstraintComponent", v)
    for flag in sg.objects(shape, sh("uniqueLang")):
        if not _on(flag):
            continue
        for f, vs in pairs.items():
            seen: set[str] = set()
            dups: set[str] = set()
            for v in vs:
                lang = getattr(v, "language", None)
                if lang:
                    (dups if lang.lower() in seen else seen).add(lang.lower())
            for _ in dups:
                emit(f, "UniqueLangConstraintComponent")
    for lst in sg.objects(shape, sh("languageIn")):
        ranges = [str(x).lower() for x in sg.items(lst)]
        for f, vs in pairs.items():
            for v in vs:
                lang = (getattr(v, "language", None) or "").lower()
                if not lang or not any(lang == r or lang.startswith(r + "-") or r == "*" for r in ranges):
                    emit(f, "LanguageInConstraintComponent", v)


def always_long_enough(name: str, n: Node) -> bool:
    """``sh:minLength 0`` passes every value node, blank nodes too.

    The SHACL text gives blank nodes a result for every ``sh:minLength``; pySHACL, the reference
    this engine must equal, treats a minimum of 0 as no constraint at all, and so does this engine.
    """
    return name == "minLength" and int(str(n)) == 0


def compile_pattern(pattern: str, flags: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _re_flags(flags))
    except re.error as exc:
        raise EngineUnavailable(f"sh:pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def _re_flags(flags: str) -> int:
    value = 0
    for ch, flag in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL), ("x", re.VERBOSE)):
        if ch in flags:
            value |= flag
    return value


__all__ = [
    "compile_pattern",
    "evaluate",
    "focus_checks",
    "lang_test",
    "path_conds",
    "pattern_sure",
    "safe_pattern",
    "value_checks",
    "value_conds",
]
