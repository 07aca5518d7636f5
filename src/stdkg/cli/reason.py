"""``stdkg reason``."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

from ..formats import RdfFormat
from .common import Settings, info, output_option, pass_settings, write_output


@contextlib.contextmanager
def reasoning_errors() -> Iterator[None]:
    """An inconsistent graph: one line per clash on stderr, and exit 1."""
    from ..reason import Inconsistent

    try:
        yield
    except Inconsistent as exc:
        for clash in exc.clashes:
            click.echo(f"stdkg: inconsistent: {clash}", err=True)
        sys.exit(exc.exit_code)


@click.command()
@output_option
@click.option("--only-inferred", is_flag=True, help="Write only the inferred triples.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RdfFormat.choices()),
    default="ttl",
    show_default=True,
    help="RDF format of the output.",
)
@click.option(
    "--engine",
    default="auto",
    show_default=True,
    metavar="NAME",
    help="Reasoning engine: owlrl (the reference), rules (our OWL 2 RL engine, tested to give "
    "owlrl's closure), or auto (rules, else owlrl for what rules decline: RDF-star triple terms).",
)
@pass_settings
def reason(settings: Settings, output: str | None, only_inferred: bool, fmt: str, engine: str) -> None:
    """Compute the OWL RL closure of ontology and data.

    Writes the closure (asserted and inferred triples), or with --only-inferred the inferred
    triples alone, to stdout or FILE. Triples that RDF cannot hold (literal subjects) and axioms
    about the RDF/RDFS/OWL/XSD built-ins are dropped; a count goes to stderr. An inconsistent
    graph writes nothing: one line per clash on stderr, exit status 1.
    """
    from ..reason import reason as run_reason

    kg = settings.load(lazy=True)  # the rules engine reads N-Triples; a store is built only if needed
    with settings.reading(kg), reasoning_errors():
        closure = run_reason(kg, engine=engine)
    write_output(closure.serialize(RdfFormat.from_name(fmt), only_inferred=only_inferred), output)
    dropped = ", ".join(f"{n} {why}" for why, n in closure.dropped.items()) or "none"
    info(
        settings,
        f"{closure.asserted} asserted + {len(closure.inferred_lines)} inferred = {closure.total} triples "
        f"({closure.engine}; dropped: {dropped})",
    )
