"""``stdkg build``."""

from __future__ import annotations

import click

from ..errors import ValidationFailed
from .common import Settings, info, pass_settings, progress_bar, write_output


@click.command()
@click.option(
    "--out",
    type=click.Path(path_type=str),
    default="dist",
    show_default=True,
    metavar="DIR",
    help="Output folder (replaced whole, atomically, when the build succeeds).",
)
@pass_settings
def build(settings: Settings, out: str) -> None:
    """Check, then write every dump, the inferred graph and the stats.

    Runs `stdkg check` first and stops with its report (exit 1) if a check fails. Then writes into
    DIR the graph in every RDF format (stdkg-kg.ttl, .nt, .nq, .trig, .jsonld, .rdf), the OWL RL
    closure (stdkg-inferred.ttl), stats.txt and void.ttl, and prints what it wrote. The folder is
    built aside and moved into place, so a failed build leaves the previous one whole.
    """
    from .. import build as b
    from ..check import render_text

    with progress_bar(settings, "building", unit="files") as tick:
        result = b.build(list(settings.kg_paths) or None, out, progress=tick)
    if not result.ok:
        write_output(render_text(result.check), None)
        failed = [o.name for o in result.check.outcomes if o.failed]
        raise ValidationFailed(f"build aborted, check failed: {', '.join(failed)}")
    c = result.check.counts()
    skipped = [f"{o.name}: {o.summary}" for o in result.check.outcomes if o.status == "skipped"]
    info(settings, f"checks: {c['passed']} passed, {c['skipped']} skipped")
    for line in skipped:
        info(settings, f"  {line}")
    write_output(b.render_summary(result), None)
