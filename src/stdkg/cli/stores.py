"""``stdkg load`` and ``stdkg dump``: the graph into and out of a triple store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import InputError
from ..vocab import DEFAULT_GRAPH
from .common import Settings, info, output_option, pass_settings, progress_bar, write_output
from .endpoints import endpoint_options

if TYPE_CHECKING:
    from ..stores.profiles import Endpoints


def _need(endpoints: Endpoints | None) -> Endpoints:
    if endpoints is None:
        raise InputError("no store given: use --store oxigraph|virtuoso|fuseki|graphdb --url BASE")
    return endpoints


@click.command()
@click.option(
    "--graph",
    metavar="IRI",
    default=None,
    help=f"Load the whole graph into this named graph (default {DEFAULT_GRAPH}).",
)
@click.option(
    "--graph-per-source", is_flag=True, help="One named graph per source file (the KG's source graphs)."
)
@click.option(
    "--default-graph",
    is_flag=True,
    help="Load into the store's default graph (not possible in Virtuoso).",
)
@click.option(
    "--replace/--append",
    default=True,
    help="Replace the target graphs (default; readers never see a half-loaded graph) or add to them.",
)
@click.option(
    "--protocol",
    type=click.Choice(["gsp", "update"]),
    default=None,
    help="Graph Store Protocol (default when available) or SPARQL Update INSERT DATA.",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="About N triples per request (default: gsp 500000, or all in one request into Oxigraph; "
    "update 50000, 2000 for Virtuoso).",
)
@endpoint_options
@pass_settings
def load(
    settings: Settings,
    graph: str | None,
    graph_per_source: bool,
    default_graph: bool,
    replace: bool,
    protocol: str | None,
    batch: int | None,
    endpoints: Endpoints | None,
) -> None:
    """Load the graph into a triple store, then check the store holds what was sent.

    A replacing load never shows readers a half-loaded graph, and a failed load leaves the old
    graph whole: into Oxigraph it writes only what changed, in one transaction (an empty graph is
    bulk-loaded); other stores load a staging graph that one MOVE swaps in. Exit code 1 when the
    store's counts differ from what was sent.
    """
    from .. import stores

    target = _need(endpoints)
    if sum([graph is not None, graph_per_source, default_graph]) > 1:
        raise InputError("give only one of --graph, --graph-per-source and --default-graph")
    into = None if default_graph else (graph or stores.DEFAULT_GRAPH)
    # the store reads the target back while the KG is parsed here
    early = (
        None
        if graph_per_source
        else stores.start_read_back(target, [into], replace=replace, protocol=protocol)
    )
    kg = settings.load()
    items = stores.payloads(kg, graph=into, per_source=graph_per_source)
    with progress_bar(settings, "loading", unit="triples") as tick:
        report = stores.load(
            target, items, replace=replace, protocol=protocol, batch=batch, progress=tick, read_back=early
        )
    for result in report.graphs:
        change = f" ({result.change})" if result.change else ""
        info(settings, f"{result.label}: {result.after} triples{change}")
    mode = "replaced" if report.replace else "appended"
    info(
        settings,
        f"{mode} {report.triples} triples in {len(report.graphs)} graph(s) via "
        f"{report.protocol} in {report.seconds:.1f} s ({report.rate:,.0f} triples/s); verified",
    )


@click.command()
@click.option("--graph", metavar="IRI", default=None, help=f"The graph to read (default {DEFAULT_GRAPH}).")
@click.option("--default-graph", is_flag=True, help="Read the store's default graph.")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="ttl",
    show_default=True,
    metavar="FORMAT",
    help="ttl, nt, jsonld or xml.",
)
@output_option
@endpoint_options
@pass_settings
def dump(
    settings: Settings,
    graph: str | None,
    default_graph: bool,
    fmt: str,
    output: str | None,
    endpoints: Endpoints | None,
) -> None:
    """Read a graph back from a triple store (Graph Store GET, or CONSTRUCT)."""
    from .. import stores
    from ..formats import RdfFormat

    if graph and default_graph:
        raise InputError("give --graph or --default-graph, not both")
    data = stores.dump(
        _need(endpoints),
        None if default_graph else (graph or stores.DEFAULT_GRAPH),
        RdfFormat.from_name(fmt),
    )
    write_output(data, output)
