"""``stdkg publish``, ``stdkg serve`` and ``stdkg linkcheck``: the linked-data site."""

from __future__ import annotations

import click

from .common import Settings, info, pass_settings, progress_bar

base_uri_option = click.option(
    "--base-uri",
    metavar="URI",
    default=None,
    help="Move the data IRIs under https://w3id.org/stdkg/ to URI (e.g. http://127.0.0.1:8000/) so a "
    "local or staging copy is fully navigable; the vocabulary (https://w3id.org/stdkg/ns#) keeps its "
    "IRIs. Default: keep the canonical IRIs.",
)


@click.command()
@base_uri_option
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="Folder to write the site into (replaced as a whole when done).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes writing pages (default: the number of CPUs).",
)
@click.option(
    "--sparql-endpoint", metavar="URL", default=None, help="A SPARQL endpoint to advertise in VoID/DCAT."
)
@pass_settings
def publish(
    settings: Settings, base_uri: str | None, out: str, jobs: int | None, sparql_endpoint: str | None
) -> None:
    """Write the graph as a static linked-data site.

    One HTML page per resource with Turtle, N-Triples, JSON-LD and RDF/XML beside it, index pages,
    ontology documentation, VoID/DCAT, dumps, sitemap.xml, robots.txt, and .htaccess / nginx.conf
    rules for 303 content negotiation.
    """
    import os

    from ..publish.model import SiteOptions
    from ..publish.static import publish as write_site

    base_uri = _checked_base(base_uri)
    kg = settings.load()
    with progress_bar(settings, "pages", unit="pages") as tick:
        report = write_site(
            kg,
            out,
            base_uri=base_uri,
            options=SiteOptions(sparql=sparql_endpoint),
            progress=tick,
            workers=jobs or os.cpu_count() or 1,
        )
    info(
        settings,
        f"wrote {report.pages} resource pages, {report.files} files ({report.bytes / 1e6:.1f} MB) "
        f"to {report.out} in {report.seconds:.1f}s (resource pages: {report.pages_per_second:.0f}/s), "
        f"base {report.base}",
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@base_uri_option
@click.option(
    "--query-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop a SPARQL query (its worker process is killed) after this long.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10000,
    show_default=True,
    help="Cap on SPARQL result rows (and CONSTRUCT triples).",
)
@click.option(
    "--query-workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="SPARQL worker processes.",
)
@click.option(
    "--query-queue",
    type=click.IntRange(min=0),
    default=16,
    show_default=True,
    help="Queries that may wait for a worker; beyond that the answer is 503 with Retry-After.",
)
@click.option(
    "--query-memory",
    type=click.IntRange(min=16),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Memory each SPARQL worker may take beyond its start size; a query past it is stopped (503).",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1024),
    default=1 << 20,
    show_default=True,
    metavar="BYTES",
    help="Largest request body read (a POSTed query); a larger one is answered 413.",
)
@pass_settings
def serve(
    settings: Settings,
    host: str,
    port: int,
    base_uri: str | None,
    query_timeout: float,
    max_rows: int,
    query_workers: int,
    query_queue: int,
    query_memory: int,
    max_body: int,
) -> None:
    """Serve the site live: content negotiation (303 + Vary: Accept) and a read-only SPARQL endpoint.

    Without --base-uri the canonical IRIs are kept and the site lives under /stdkg/ on HOST:PORT;
    with --base-uri http://HOST:PORT/ every data IRI of the graph dereferences on this server (the
    vocabulary keeps its https://w3id.org/stdkg/ns# IRIs). SIGTERM and SIGINT (Ctrl-C) both stop it
    cleanly within a few seconds, exit code 0.
    """
    import signal
    from urllib.parse import urlsplit

    from ..publish.server import ServeOptions, check_port
    from ..publish.server import serve as run

    check_port(host, port)
    if base_uri:
        _checked_base(base_uri)
    kg = settings.load()
    options = ServeOptions(
        host=host,
        port=port,
        base_uri=base_uri,
        query_timeout=query_timeout,
        max_rows=max_rows,
        workers=query_workers,
        queue=query_queue,
        query_memory=query_memory,
        max_body=max_body,
    )
    base = base_uri or "https://w3id.org/stdkg/"
    info(settings, f"serving on http://{host}:{port}{urlsplit(base).path} (base {base}); Ctrl-C stops")
    stopped_by = run(kg, options)
    if stopped_by is not None:
        info(settings, f"stopped ({signal.Signals(stopped_by).name})")


@click.command()
@click.argument("url")
@click.option(
    "--base-uri",
    metavar="URI",
    default=None,
    help="The base the site was built with. Default: the one its VoID gives (void:uriSpace at "
    "URL/.well-known/void), else the canonical https://w3id.org/stdkg/.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=8, show_default=True, help="Parallel requests."
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Per request."
)
@pass_settings
def linkcheck(settings: Settings, url: str, base_uri: str | None, jobs: int, timeout: float) -> None:
    """Dereference every IRI of the graph on the site at URL and report what does not answer as it should.

    URL is where the site runs (e.g. http://127.0.0.1:8000/). The base the site was built with is read
    from its VoID (/.well-known/void) unless --base-uri gives it. Each IRI is asked for with text/html,
    text/turtle, application/n-triples, application/ld+json, application/rdf+xml and */*. Exit 1 when
    anything fails; exit 2, before any IRI is tried, when nothing answers at URL.
    """
    from ..errors import ValidationFailed
    from ..publish.linkcheck import check_site, render_report

    base_uri = _checked_base(base_uri)
    kg = settings.load()
    with progress_bar(settings, "checking", unit="IRIs") as tick:
        report = check_site(kg, url, base_uri=base_uri, jobs=jobs, timeout=timeout, progress=tick)
    click.echo(render_report(report), nl=False)
    if not report.ok:
        raise ValidationFailed(f"linkcheck: {len(report.failures)} failures")


def _checked_base(base_uri: str | None) -> str | None:
    """``--base-uri`` checked before anything is loaded; a bad one is reported with the option's name."""
    from ..errors import InputError
    from ..publish.model import BadBase, check_base

    if base_uri is None:
        return None
    try:
        return check_base(base_uri)
    except BadBase as exc:
        raise InputError(f"--base-uri {exc.base!r}: {exc.problem}") from None
