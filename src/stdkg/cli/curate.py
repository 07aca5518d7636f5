"""``stdkg curate``."""

from __future__ import annotations

import click

from ..errors import ValidationFailed
from .common import Settings, info, pass_settings, progress_bar, write_output


@click.command()
@click.argument("draft", type=click.Path(path_type=str), metavar="DRAFT")
@click.option(
    "--snapshot",
    type=click.Path(path_type=str),
    default=None,
    metavar="FILE",
    help="The text of a new source (default: the draft's source.snapshot, beside the draft).",
)
@click.option(
    "--repo",
    type=click.Path(path_type=str, file_okay=False),
    default=None,
    metavar="DIR",
    help="The repository to write into (default: this installation's: $STDKG_HOME or the source tree).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@click.option(
    "--with-owl", is_flag=True, help="Also run the OWL 2 DL check (HermiT, needs Java) before writing."
)
@pass_settings
def curate(
    settings: Settings, draft: str, snapshot: str | None, repo: str | None, dry_run: bool, with_owl: bool
) -> None:
    """Add the claims of one source to the data, each with the exact words that support it.

    DRAFT is a YAML file naming a source (a new one with its address, title, dates and snapshot
    file, or the id of a registered one) and its claims (the quoted words and the triples they
    support, in Turtle). Each quote must occur exactly once in the snapshot (typographic quotes,
    no-break spaces and line breaks are read as their plain forms). The result is checked with
    every check of `stdkg check` before anything is written; then the data files, sources/ and
    data/claims.ttl are updated and the added triples are listed.

    Example: stdkg curate --dry-run drafts/iso-iec-42001.yaml
    """
    from pathlib import Path

    from ..check import render_text
    from ..curate import DEFAULT_SKIP, CurateRefused, render_diff
    from ..curate import curate as run
    from ..kg import Layout

    layout = Layout(Path(repo).resolve()) if repo else None
    skip = () if with_owl else DEFAULT_SKIP
    try:
        with progress_bar(settings, "checking", unit="checks") as tick:
            result = run(
                draft, layout=layout, snapshot=snapshot, dry_run=dry_run, skip_checks=skip, progress=tick
            )
    except CurateRefused as exc:
        write_output(render_text(exc.report), None)
        raise ValidationFailed(str(exc)) from exc
    write_output(render_diff(result), None)
    for line in result.skipped:
        info(settings, f"{draft}:{line}: already curated, skipped")
    verb = "would add" if dry_run else "added"
    info(
        settings,
        f"{verb} {len(result.added)} triples from source {result.source} to {', '.join(result.files) or 'nothing'}",
    )
