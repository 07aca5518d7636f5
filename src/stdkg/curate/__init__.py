"""``stdkg curate``: add the claims of one source to the repository, checked before anything is written.

The steps: read the draft (:mod:`.draft`); register the source if it is new and copy its snapshot
into ``sources/``; find each quote in the snapshot and compute its selectors; parse each claim's
Turtle (:mod:`.turtle`); plan which data file receives which triples (:mod:`.plan`); write the
result into a scratch copy of the repository and run every check of ``stdkg check`` on it; only if
they pass, write the files (each replaced whole) — or, with ``dry_run``, write nothing. The result
lists the added triples with labels.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ValidationFailed
from .draft import read_draft
from .plan import CLAIMS_FILE, Plan, all_prefixes, plan
from .turtle import block, term_text

if TYPE_CHECKING:
    from ..check import CheckReport
    from ..kg import KG, Layout

#: Folders of a repository copied into the scratch copy that is checked before writing.
_FOLDERS = ("ontology", "shapes", "queries", "data", "sources")
#: Checks left out by default: HermiT takes minutes and needs Java (``stdkg check`` runs it).
DEFAULT_SKIP = ("owl-dl",)


@dataclass
class Added:
    """One added triple, as a curator reads it."""

    file: str
    subject: str
    predicate: str
    object: str


@dataclass
class CurateResult:
    source: str
    added: list[Added] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Repository paths written (or, on a dry run, that would be written)."""
    skipped: list[int] = field(default_factory=list)
    """Draft lines of claims already in the repository."""
    report: CheckReport | None = None
    written: bool = False
    plan: Plan | None = field(default=None, repr=False)
    labels: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)


class CurateRefused(ValidationFailed):
    """The result would not pass the checks; nothing was written."""

    def __init__(self, report: CheckReport) -> None:
        super().__init__("the curated graph does not pass the checks; nothing was written")
        self.report = report


def curate(
    draft_path: Path | str,
    *,
    layout: Layout | None = None,
    snapshot: Path | str | None = None,
    dry_run: bool = False,
    skip_checks: Sequence[str] = DEFAULT_SKIP,
    progress: Callable[[int, int], None] | None = None,
) -> CurateResult:
    """Curate the draft at ``draft_path`` into the repository of ``layout`` (default: the bundled one)."""
    from .. import sources
    from ..check import check
    from ..kg import Layout, load

    layout = layout or Layout.bundled()
    draft = read_draft(Path(draft_path))
    before = load(layout=layout)
    the_plan = plan(
        draft,
        sources_dir=layout.sources_dir,
        registered=sources.registered(before),
        existing=_claims(before),
        prefixes=(prefixes := all_prefixes(layout.data_dir)),
        snapshot=Path(snapshot) if snapshot else None,
    )
    result = CurateResult(the_plan.source.id, skipped=the_plan.skipped, plan=the_plan, prefixes=prefixes)
    known = {str(t) for t in _triples(before)}
    texts = _new_texts(layout, the_plan, prefixes, known, draft.path.name, result)
    if not texts and the_plan.snapshot_from is None:
        return result
    with tempfile.TemporaryDirectory(prefix="stdkg-curate-") as tmp:
        scratch = Path(tmp)
        for folder in _FOLDERS:
            if (layout.root / folder).is_dir():
                shutil.copytree(layout.root / folder, scratch / folder)
        _write(scratch, the_plan, texts)
        report = check(layout=Layout(scratch), skip=skip_checks, progress=progress)
        result.report = report
        if not report.ok:
            raise CurateRefused(report)
        if report.kg is not None:
            _label(result, report.kg)
    if not dry_run:
        _write(layout.root, the_plan, texts)
        result.written = True
    return result


def _claims(kg: KG) -> set[str]:
    rows = kg.query("SELECT ?c WHERE { ?c a <https://w3id.org/stdkg/ns#Claim> }")
    return {row["c"].value for row in rows}


def _triples(kg: KG) -> list[object]:
    return [q.triple for q in kg.store.quads_for_pattern(None, None, None, None)] if kg.store else []


def _new_texts(
    layout: Layout,
    the_plan: Plan,
    prefixes: dict[str, str],
    known: set[str],
    draft_name: str,
    result: CurateResult,
) -> dict[str, str]:
    import pyoxigraph as ox

    texts: dict[str, str] = {}
    for file, triples in sorted(the_plan.triples.items()):
        seen: set[str] = set()
        fresh = []
        for t in triples:
            key = str(t)
            if key in known or key in seen:
                continue
            seen.add(key)
            fresh.append(t)
        if not fresh:
            continue
        path = layout.data_dir / f"{file}.ttl"
        existing = path.read_text(encoding="utf-8") if path.is_file() else ""
        comment = f"-- Curated from source:{the_plan.source.id} ({draft_name}) "
        comment += "-" * max(3, 96 - len(comment) - 2)
        header = [f"{file.capitalize()}: curated facts, each stated by a claim in data/{CLAIMS_FILE}.ttl."]
        from .turtle import append_block

        texts[f"data/{file}.ttl"] = append_block(existing, block(fresh, prefixes, comment), prefixes, header)
        for t in fresh:
            if isinstance(t, ox.Triple) and isinstance(t.subject, ox.NamedNode):
                obj = t.object
                if isinstance(obj, ox.NamedNode | ox.Literal):
                    result.added.append(
                        Added(
                            f"data/{file}.ttl",
                            t.subject.value,
                            term_text(t.predicate, prefixes),
                            term_text(obj, prefixes),
                        )
                    )
    result.files = sorted(texts) + ([f"sources/{the_plan.snapshot_name}"] if the_plan.snapshot_from else [])
    return texts


def _write(root: Path, the_plan: Plan, texts: dict[str, str]) -> None:
    from .._io import write_bytes, write_text

    if the_plan.snapshot_from is not None and the_plan.snapshot_name:
        write_bytes(root / "sources" / the_plan.snapshot_name, the_plan.snapshot_from.read_bytes())
    for rel, text in sorted(texts.items()):
        write_text(root / rel, text)


def _label(result: CurateResult, kg: KG) -> None:
    import pyoxigraph as ox

    from ..validate import labels

    wanted = {a.subject for a in result.added}
    if result.plan:
        wanted |= {
            t.subject.value
            for c in result.plan.claims
            for _, t in c.facts
            if isinstance(t.subject, ox.NamedNode)
        }
    result.labels = labels(kg, sorted(wanted))


def _name(result: CurateResult, iri: str) -> str:
    import pyoxigraph as ox

    short = term_text(ox.NamedNode(iri), result.prefixes)
    label = result.labels.get(iri)
    return f"{label} ({short})" if label else short


def render_diff(result: CurateResult) -> str:
    """What a draft adds, as a curator reads it: the source, then each claim with its quoted words
    and position and the facts it states (data file, subject label, predicate, object)."""
    import pyoxigraph as ox

    from .. import quotes

    the_plan = result.plan
    if the_plan is None:
        return ""
    lines = []
    source = term_text(ox.NamedNode(the_plan.source.iri), result.prefixes)
    if the_plan.new_source:
        lines.append(f"+ {source}  {the_plan.source.url}  (new; snapshot sources/{the_plan.snapshot_name})")
    else:
        lines.append(f"  {source}  {the_plan.source.url or ''}".rstrip())
    for claim in the_plan.claims:
        span = claim.span
        lines.append(
            f"+ {term_text(ox.NamedNode(claim.iri), result.prefixes)}  "
            f"[{span.start}..{span.end}] \u201c{quotes.clip(' '.join(span.exact.split()), 90)}\u201d"
        )
        for file, t in claim.facts:
            obj = t.object
            shown = (
                term_text(obj, result.prefixes) if isinstance(obj, ox.NamedNode | ox.Literal) else str(obj)
            )
            subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else str(t.subject)
            lines.append(
                f"    {file}  {_name(result, subject)}  {term_text(t.predicate, result.prefixes)}  {shown}"
            )
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULT_SKIP", "Added", "CurateRefused", "CurateResult", "curate", "render_diff"]
