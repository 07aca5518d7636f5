"""``stdkg query`` and ``stdkg queries``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import click

from ..errors import InputError, QueryError
from ..vocab import DEFAULT_GRAPH
from .common import Settings, info, output_option, pass_settings, write_output
from .endpoints import make_endpoint_options

if TYPE_CHECKING:
    from ..queries import Remote
    from ..stores.profiles import Endpoints

RESULT_FORMATS = "table|csv|tsv|json|xml|md"
GRAPH_FORMATS = "ttl|nt|nq|trig|jsonld|xml"


@click.command()
@click.argument("query", required=False, metavar="NAME|FILE.rq")
@click.option("-e", "--sparql", "inline", metavar="SPARQL", help="Run this SPARQL text instead.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable), typed from the query header.",
)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL endpoint instead of --kg.")
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help=f"On a store or endpoint: query this graph as the default graph (repeatable: their merge). "
    f"A store given by --store/--url is queried in {DEFAULT_GRAPH}, where `stdkg load` writes; "
    "--endpoint URL in its own default graph.",
)
@click.option("--default-graph", is_flag=True, help="On a store: query the store's own default graph.")
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    metavar="S",
    help="Seconds to wait for an endpoint.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="FORMAT",
    help=f"SELECT/ASK: {RESULT_FORMATS} (default table); CONSTRUCT/DESCRIBE: {GRAPH_FORMATS} (default ttl).",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Local SPARQL engine.",
)
@output_option
@make_endpoint_options(writes=False, timeout=False, query_alias="endpoint")
@pass_settings
def query(
    settings: Settings,
    query: str | None,
    inline: str | None,
    params: tuple[str, ...],
    endpoint: str | None,
    graphs: tuple[str, ...],
    default_graph: bool,
    timeout: float,
    fmt: str | None,
    engine: Literal["oxigraph", "rdflib"],
    output: str | None,
    endpoints: Endpoints | None = None,
) -> None:
    """Run a named query, a query file or inline SPARQL (-e), locally or on an endpoint.

    \b
    Examples:
      stdkg query commitments-in-order
      stdkg query parent-organizations --param organization=stdorg:tsb --format csv
      stdkg query -e 'ASK { ?s ?p ?o }' --endpoint http://127.0.0.1:7878/query
      stdkg query issuers --store virtuoso --url http://127.0.0.1:8890
    """
    from .. import queries
    from ..queries.render import FormatMismatch, check_format, kind_of, render

    if (query is None) == (inline is None):
        raise click.UsageError("give a query NAME or FILE.rq, or -e SPARQL (one of them)")
    try:
        named = queries.inline(inline) if inline is not None else queries.resolve(query or "")
        values = queries.parse_assignments(params)
        queries.bind(named, values)  # check parameters and format before loading anything
        check_format(kind_of(named.form), fmt)
    except queries.UnknownQuery as exc:
        raise QueryError(f"{exc}; `stdkg queries` lists them") from None
    except queries.ParameterError as exc:
        raise QueryError(exc.describe("--param")) from None
    except FormatMismatch as exc:
        raise InputError(exc.describe("--format")) from None
    remote = _remote(endpoint, timeout, endpoints, _graphs(graphs, default_graph, endpoint, endpoints))
    kg = None if remote else settings.load()
    results = queries.run(named, kg, params=values, engine=engine, endpoint=remote)
    write_output(render(results, fmt), output)
    unit = {"select": "row", "graph": "triple"}.get(results.kind)
    if unit:
        info(settings, f"{len(results)} {unit}{'' if len(results) == 1 else 's'}")


def _graphs(
    graphs: tuple[str, ...], default_graph: bool, endpoint: str | None, endpoints: Endpoints | None
) -> tuple[str, ...]:
    """The default graph(s) a remote query asks for: ``--graph``, else on a store addressed like
    ``stdkg load`` addresses it (--store/--url…), the graph ``load`` writes by default."""
    if graphs and default_graph:
        raise click.UsageError("give --graph or --default-graph, not both")
    if (graphs or default_graph) and not (endpoint or endpoints):
        raise click.UsageError("--graph and --default-graph choose graphs of a store: give --store/--url")
    if graphs or default_graph or endpoint:
        return graphs
    return (DEFAULT_GRAPH,)


def _remote(
    endpoint: str | None, timeout: float, endpoints: Endpoints | None, graphs: tuple[str, ...]
) -> Remote | None:
    """Where the query runs: the one place that knows about endpoints (and store profiles)."""
    from ..queries import Remote

    if endpoints is None:  # no --store/--url/--user… : --endpoint alone, or the local KG
        return Remote(endpoint, timeout=timeout, default_graphs=graphs) if endpoint else None
    if not endpoints.query:
        raise click.UsageError("no query endpoint: give --store and --url, or --endpoint URL")
    creds = endpoints.credentials
    if creds is None:
        return Remote(endpoints.query, timeout=timeout, default_graphs=graphs)
    return Remote(
        endpoints.query,
        user=creds.user,
        password=creds.password,
        auth=creds.scheme,
        timeout=timeout,
        default_graphs=graphs,
    )


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def queries(fmt: str) -> None:
    """List the named queries with their parameters and descriptions."""
    import json

    from ..queries import catalogue

    found = catalogue()
    if fmt == "json":
        doc = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "form": q.form,
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default, "doc": p.doc} for p in q.params
                ],
            }
            for q in found
        ]
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(render_catalogue(found), nl=False)


def render_catalogue(found: list[Any]) -> str:
    """The catalogue as text: name, title, parameters, then the description indented."""
    import textwrap

    if not found:
        return "no named queries\n"
    lines: list[str] = []
    for q in found:
        params = " ".join(p.signature() for p in q.params)
        head = f"{q.name} — {q.title}" if q.title else q.name
        lines.append(head)
        if params:
            lines.append(f"    params: {params}")
        if q.description:
            lines.extend(textwrap.wrap(q.description, 96, initial_indent="    ", subsequent_indent="    "))
        lines.append("")
    return "\n".join(lines)
