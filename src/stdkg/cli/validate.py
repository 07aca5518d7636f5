"""``stdkg validate`` and ``stdkg check``."""

from __future__ import annotations

import click

from ..errors import ValidationFailed
from .common import Settings, pass_settings, write_output

_VALIDATE_FORMATS = ("text", "turtle", "json")


@click.command()
@click.option(
    "--shapes",
    type=click.Path(path_type=str),
    default=None,
    metavar="PATH",
    help="SHACL shapes file or folder (default: the bundled shapes/data.shapes.ttl).",
)
@click.option(
    "--inference",
    type=click.Choice(["none", "rdfs", "owlrl"]),
    default="none",
    show_default=True,
    help="Entailment applied (with the ontology) before validating.",
)
@click.option(
    "--allow-warnings",
    is_flag=True,
    help="Exit 0 when the only results are warnings or infos.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_VALIDATE_FORMATS),
    default="text",
    show_default=True,
    help="Report format: one line per result, the sh:ValidationReport graph, or JSON.",
)
@click.option(
    "--engine",
    default="auto",
    show_default=True,
    metavar="NAME",
    help="Validation engine: auto (= fast), fast (our own; what it declines, pyshacl answers), "
    "pyshacl (the reference) or turbo (pyshacl-turbo).",
)
@pass_settings
def validate(
    settings: Settings,
    shapes: str | None,
    inference: str,
    allow_warnings: bool,
    fmt: str,
    engine: str,
) -> None:
    """Validate the graph against SHACL shapes.

    Prints one line per result (severity, focus node with label and IRI, path, message, and the
    file:line that defines the focus node), then a summary. Exit 0 when the graph conforms, 1 when
    there are violations (or warnings, unless --allow-warnings), 2 on an input error.
    """
    from .. import validate as v

    kg = settings.load()
    report = v.validate(kg, shapes, inference=inference, engine=engine)
    if fmt == "turtle":
        write_output(v.render_turtle(report), None)
    elif fmt == "json":
        write_output(v.render_json(kg, report), None)
    else:
        write_output(v.render_text(kg, report), None)
    failed = report.count("Violation") > 0 or (not report.conforms and not allow_warnings)
    if failed:
        raise ValidationFailed(f"the graph does not conform: {v.summary(report)}")


@click.command()
@click.option(
    "--skip",
    multiple=True,
    metavar="NAME",
    help="A check not to run (repeatable), by the name the report prints (e.g. owl-dl); it is reported as skipped.",
)
@pass_settings
def check(settings: Settings, skip: tuple[str, ...]) -> None:
    """Run every check at once: parse, SHACL, OWL, terms, provenance.

    Every file parses (with its triple count); the data shapes; the ontology shapes over ontology/;
    OWL 2 DL consistency with HermiT (skipped without Java); undefined classes and properties; fact
    nodes without provenance; claims (and disagreements between them, as warnings); source snapshots
    against their SHA-256; quotation and commitment texts against their evidence; evidence spans
    against their source's snapshot in sources/. Exit 0 when no check failed, 1 when one did, 2 on an input error.
    """
    from .. import check as c
    from .common import progress_bar

    with progress_bar(settings, "checking", unit="checks") as tick:
        report = c.check(list(settings.kg_paths) or None, skip=skip, progress=tick)
    write_output(c.render_text(report), None)
    if not report.ok:
        failed = [o.name for o in report.outcomes if o.failed]
        raise ValidationFailed(f"check failed: {', '.join(failed)}")
