"""``stdkg export``, ``stdkg stats`` and ``stdkg diff``."""

from __future__ import annotations

import sys

import click

from ..formats import RdfFormat
from .common import Settings, info, output_option, pass_settings, write_output


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(RdfFormat.choices()),
    default="ttl",
    show_default=True,
    help="RDF format. nq and trig keep one named graph per source file.",
)
@click.option("--inferred", is_flag=True, help="Add the OWL RL closure (inferred triples).")
@output_option
@pass_settings
def export(settings: Settings, fmt: str, inferred: bool, output: str | None) -> None:
    """Write the graph in any RDF format, deterministically.

    The same graph always gives the same bytes: triples sorted, blank nodes canonical, the
    project's prefixes kept. JSON-LD is compacted with the shipped ontology/context.jsonld.
    """
    from ..export import export as export_kg
    from .reason import reasoning_errors

    kg = settings.load(lazy=True)  # triple formats skip the store (see stdkg.kg.KG.union_ntriples)
    with settings.reading(kg), reasoning_errors():
        data = export_kg(kg, RdfFormat.from_name(fmt), inferred=inferred)
    write_output(data, output)
    if output and output != "-":
        info(settings, f"wrote {output} ({len(data):,} bytes)")


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "void", "json"]),
    default="table",
    show_default=True,
    help="table for people, void for VoID Turtle, json for scripts.",
)
@click.option(
    "--dataset",
    "dataset_iri",
    default="https://w3id.org/stdkg/void#dataset",
    show_default=True,
    metavar="IRI",
    help="The IRI of the void:Dataset (with --format void).",
)
@output_option
@pass_settings
def stats(settings: Settings, fmt: str, dataset_iri: str, output: str | None) -> None:
    """Count triples, entities, classes and properties (as a table, VoID or JSON)."""
    import json

    from ..stats import compute_stats, render_table, void_graph

    figures = compute_stats(settings.load())
    if fmt == "void":
        text = void_graph(
            figures,
            dataset_iri=dataset_iri,
            title="stdkg — the Standards Knowledge Graph",
            license="https://creativecommons.org/licenses/by/4.0/",
            uri_space="https://w3id.org/stdkg/id/",
        )
    elif fmt == "json":
        text = json.dumps(figures.as_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_table(figures)
    write_output(text, output)


@click.command()
@click.argument("a", metavar="A", type=click.Path(path_type=str))
@click.argument("b", metavar="B", type=click.Path(path_type=str))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "nt"]),
    default="text",
    show_default=True,
    help="text: prefixed names with labels; nt: raw N-Triples lines.",
)
@output_option
@pass_settings
def diff(settings: Settings, a: str, b: str, fmt: str, output: str | None) -> None:
    """Show the triples removed (-) and added (+) from graph A to graph B.

    A and B are files or folders. Exit status 0 when the graphs are the same, 1 when they differ.
    """
    from .. import kg
    from ..diff import diff as diff_graphs

    result = diff_graphs(kg.load([a]), kg.load([b]))
    write_output(result.render_nt() if fmt == "nt" else result.render_text(), output)
    info(settings, f"{len(result.removed)} removed, {len(result.added)} added")
    sys.exit(0 if result.identical else 1)
