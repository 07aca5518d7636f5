"""``stdkg synth``: write a synthetic graph in the stdkg vocabulary (for benchmarks)."""

from __future__ import annotations

import json

import click

from .common import Settings, info, pass_settings


@click.command()
@click.option("--bodies", type=click.IntRange(min=1), default=None, help="Number of standards bodies.")
@click.option(
    "--triples",
    type=click.IntRange(min=1),
    default=None,
    help="Approximate size in triples (instead of --bodies).",
)
@click.option(
    "--violations",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Number of planted SHACL violations (kinds cycled, one per body).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same bytes).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    metavar="FILE",
    help="Where to write the graph: FILE.nt (N-Triples) or FILE.ttl (Turtle).",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="Also write a JSON manifest of the planted violations.",
)
@pass_settings
def synth(
    settings: Settings,
    bodies: int | None,
    triples: int | None,
    violations: int,
    seed: int,
    output: str,
    manifest: str | None,
) -> None:
    """Generate a synthetic graph that conforms to the data shapes except for planted violations.

    Each body is a formal organization with units, posts, people, memberships with terms, a source, a
    statement with commitments and evidence, a quotation and an event (about 219 triples).
    """
    from .. import synth as lib
    from .._io import write_text
    from ..errors import InputError

    if (bodies is None) == (triples is None):
        raise InputError("give exactly one of --bodies and --triples")
    n = bodies if bodies is not None else lib.bodies_for(triples or 0)
    result = lib.write_file(output, n, violations=violations, seed=seed)
    if manifest:
        write_text(manifest, json.dumps(lib.manifest(result), indent=2) + "\n")
    info(
        settings,
        f"wrote {result.triples:,} triples ({n:,} bodies, {len(result.violations)} planted violations) "
        f"to {output}",
    )
