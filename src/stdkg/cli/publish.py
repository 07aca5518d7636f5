"""``stdkg publish``, ``stdkg serve`` and ``stdkg linkcheck``: the linked-data site."""

from __future__ import annotations

import click

from .common import Settings, info, pass_settings, progress_bar

base_uri_option = click.option(
    "--base-uri",
    metavar="URI",
    default=None,
    help="Rewrite the IRI base https://w3id.org/stdkg/ to URI (e.g. http://127.0.0.1:8000/) so a "
    "local or staging copy is fully navigable. Default: keep the canonical IRIs.",
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

    from ..publish.site import SiteOptions
    from ..publish.site import publish as write_site

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
