"""``stdkg reason``."""

from __future__ import annotations

import click

from ..formats import RdfFormat
from .common import Settings, info, output_option, pass_settings, write_output


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
    help="Reasoning engine: owlrl (the reference), rules (OWL RL rules as SPARQL on Oxigraph, "
    "tested to give the same closure), or auto (rules when they cover the ontology, else owlrl).",
)
@pass_settings
def reason(settings: Settings, output: str | None, only_inferred: bool, fmt: str, engine: str) -> None:
    """Compute the OWL RL closure of ontology and data.

    Writes the closure (asserted and inferred triples), or with --only-inferred the inferred
    triples alone, to stdout or FILE. Triples that RDF cannot hold (literal subjects) and axioms
    about the RDF/RDFS/OWL/XSD built-ins are dropped; a count goes to stderr.
    """
    from ..reason import reason as run_reason

    kg = settings.load(lazy=True)  # the rules engine reads N-Triples; a store is built only if needed
    with settings.reading(kg):
        closure = run_reason(kg, engine=engine)
    write_output(closure.serialize(RdfFormat.from_name(fmt), only_inferred=only_inferred), output)
    dropped = ", ".join(f"{n} {why}" for why, n in closure.dropped.items()) or "none"
    info(
        settings,
        f"{closure.asserted} asserted + {len(closure.inferred_lines)} inferred = {closure.total} triples "
        f"({closure.engine}; dropped: {dropped})",
    )
