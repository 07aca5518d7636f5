"""Reading a curator's draft: one source and the claims it supports, in a small YAML file.

Every problem is a :class:`~stdkg.errors.ParseError` naming the draft's file and line. YAML anchors
and aliases are refused (they are not needed, and nested aliases expand without bound).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ParseError

#: The largest draft read, in bytes.
MAX_DRAFT = 4 * 1024 * 1024

SOURCE_KEYS = {
    "id",
    "url",
    "title",
    "publisher",
    "published",
    "retrieved",
    "media_type",
    "terms",
    "from_copy",
    "excerpt",
    "snapshot",
    "kind",
}
CLAIM_KEYS = {"quote", "turtle", "file", "preferred", "label"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class SourceDraft:
    """The draft's source: a new one (with metadata) or a registered one (``id`` only)."""

    id: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return bool(set(self.fields) - {"id"})


@dataclass
class ClaimDraft:
    """One claim: the quoted words and the triples they support."""

    line: int
    quote: str
    turtle: str
    turtle_line: int
    """The line of the draft where the Turtle text starts."""
    file: str | None = None
    preferred: bool = False
    label: str | None = None


@dataclass
class Draft:
    path: Path
    source: SourceDraft
    claims: list[ClaimDraft]


def read_draft(path: Path) -> Draft:
    """Parse and check the draft at ``path``."""
    import yaml

    try:
        if not path.is_file():
            raise ParseError("no such draft file", path)
        if path.stat().st_size > MAX_DRAFT:
            raise ParseError(f"the draft is larger than {MAX_DRAFT:,} bytes", path)
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start})", path) from exc
    except OSError as exc:
        raise ParseError(exc.strerror or str(exc), path) from exc
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ParseError("YAML anchors and aliases are not allowed in a draft", path, _line(event))
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ParseError(f"YAML: {exc.problem or exc}", path, mark.line + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        raise ParseError(f"YAML: {exc}", path) from exc
    if not isinstance(data, dict) or root is None:
        raise ParseError("a draft is a mapping with 'source' and 'claims'", path, 1)
    lines = _key_lines(root)
    unknown = sorted(set(data) - {"source", "claims"})
    if unknown:
        raise ParseError(
            f"unknown key {unknown[0]!r} (a draft has 'source' and 'claims')", path, lines.get(unknown[0])
        )
    source = _source(path, data.get("source"), lines.get("source", 1), root)
    claims = _claims(path, data.get("claims"), lines.get("claims", 1), root)
    return Draft(path, source, claims)


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _key_lines(node: Any) -> dict[str, int]:
    """The line of each key of a mapping node."""
    import yaml

    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    for key, _value in node.value:
        if hasattr(key, "value") and isinstance(key.value, str):
            out[key.value] = key.start_mark.line + 1
    return out


def _child(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if getattr(k, "value", None) == key:
            return v
    return None


def _source(path: Path, value: Any, line: int, root: Any) -> SourceDraft:
    if isinstance(value, str):
        value = {"id": value}
    if not isinstance(value, dict):
        raise ParseError("'source' must be a mapping (or the id of a registered source)", path, line)
    lines = _key_lines(_child(root, "source"))
    unknown = sorted(set(value) - SOURCE_KEYS)
    if unknown:
        raise ParseError(
            f"unknown source key {unknown[0]!r} (known: {', '.join(sorted(SOURCE_KEYS))})",
            path,
            lines.get(unknown[0], line),
        )
    sid = value.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise ParseError(
            "source 'id' must be a slug: lower-case letters, digits and '-'", path, lines.get("id", line)
        )
    draft = SourceDraft(sid, line, dict(value))
    if draft.is_new:
        for key in ("url", "title", "retrieved", "snapshot", "media_type"):
            if not isinstance(value.get(key), str) or not value[key].strip():
                raise ParseError(f"a new source needs '{key}' (text)", path, lines.get(key, line))
        for key in ("published", "retrieved"):
            raw = value.get(key)
            if raw is not None and not _DATE.match(str(raw)):
                raise ParseError(
                    f"'{key}' must be YYYY, YYYY-MM or YYYY-MM-DD (as precise as the source): {raw!r}",
                    path,
                    lines.get(key, line),
                )
        for key in ("from_copy", "excerpt"):
            if key in value and not isinstance(value[key], bool):
                raise ParseError(f"'{key}' must be true or false", path, lines.get(key, line))
        if not re.match(r"^https?://\S+$", value["url"]):
            raise ParseError(
                f"'url' must be an http(s) address: {value['url']!r}", path, lines.get("url", line)
            )
    return draft


def _claims(path: Path, value: Any, line: int, root: Any) -> list[ClaimDraft]:
    if not isinstance(value, list) or not value:
        raise ParseError("'claims' must be a non-empty list", path, line)
    nodes = getattr(_child(root, "claims"), "value", [])
    out = []
    for item, node in zip(value, nodes, strict=False):
        at = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise ParseError("each claim is a mapping with 'quote' and 'turtle'", path, at)
        lines = _key_lines(node)
        unknown = sorted(set(item) - CLAIM_KEYS)
        if unknown:
            raise ParseError(
                f"unknown claim key {unknown[0]!r} (known: {', '.join(sorted(CLAIM_KEYS))})",
                path,
                lines.get(unknown[0], at),
            )
        for key in ("quote", "turtle"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ParseError(f"a claim needs '{key}' (text)", path, lines.get(key, at))
        if "preferred" in item and not isinstance(item["preferred"], bool):
            raise ParseError("'preferred' must be true or false", path, lines.get("preferred", at))
        target = item.get("file")
        if target is not None and (not isinstance(target, str) or not _ID.match(target)):
            raise ParseError(
                "'file' names a data file without folder or extension, e.g. 'standards'",
                path,
                lines.get("file", at),
            )
        turtle_node = _child(node, "turtle")
        turtle_line = turtle_node.start_mark.line + 1 if turtle_node is not None else at
        if turtle_node is not None and getattr(turtle_node, "style", None) in ("|", ">"):
            turtle_line += 1
        out.append(
            ClaimDraft(
                at,
                item["quote"],
                item["turtle"],
                turtle_line,
                target,
                bool(item.get("preferred", False)),
                item.get("label") if isinstance(item.get("label"), str) else None,
            )
        )
    return out


__all__ = ["MAX_DRAFT", "ClaimDraft", "Draft", "SourceDraft", "read_draft"]
