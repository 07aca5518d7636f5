"""The ``stdkg`` command line: a thin click layer over the library.

Commands live one group per module in this package and are imported only when invoked, so
``stdkg --help`` stays instant. Each command parses options, calls one library function and renders
what it returns. :class:`stdkg.errors.StdkgError` becomes one line on stderr and its exit code.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .. import __version__
from ..errors import StdkgError
from .common import Settings

# name -> (module in stdkg.cli, attribute, one-line help shown by `stdkg --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("validate", "validate", "Validate the graph against the SHACL shapes."),
    "check": (
        "validate",
        "check",
        "Run every check at once: parse, SHACL, OWL, terms, provenance.",
    ),
    "reason": ("reason", "reason", "Compute the OWL RL closure of ontology and data."),
    "query": ("query", "query", "Run a named query, a query file or inline SPARQL."),
    "queries": ("query", "queries", "List the named queries with their parameters."),
    "export": ("export", "export", "Write the graph in any RDF format."),
    "stats": ("export", "stats", "Count classes and properties (table or VoID)."),
    "diff": ("export", "diff", "Show the triples added and removed between two graphs."),
    "curate": ("curate", "curate", "Add the claims of one source, quoted and checked, to the data."),
    "build": ("build", "build", "Check, then write every dump, the inferred graph and the stats."),
    "load": (
        "stores",
        "load",
        "Load the graph into a triple store (Graph Store Protocol or Update).",
    ),
    "dump": ("stores", "dump", "Read a graph back from a triple store."),
    "publish": ("publish", "publish", "Write the graph as a static linked-data site."),
    "serve": ("publish", "serve", "Serve the site live with content negotiation and SPARQL."),
    "linkcheck": (
        "publish",
        "linkcheck",
        "Dereference every IRI on a running site and report failures.",
    ),
    "synth": (
        "synth",
        "synth",
        "Generate a synthetic graph in the stdkg vocabulary for benchmarks.",
    ),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module_name, attr, _ = spec
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                return None
            raise
        command = getattr(module, attr, None)
        return command if isinstance(command, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self.hoist_global_options(ctx, args))

    def hoist_global_options(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move ``--kg PATH`` given after the subcommand to before it (``stdkg validate --kg x.ttl``).

        The subcommand's own options are skipped with their values, so a value that reads
        ``--kg`` (``-e '--kg'``) stays where it is; ``--`` ends the search.
        """
        at = _subcommand_index(args)
        if at is None:
            return args
        command = self.get_command(ctx, args[at])
        if command is None:
            return args
        takes_value = {
            opt
            for param in command.params
            if isinstance(param, click.Option) and not param.is_flag and not param.count
            for opt in param.opts
        }
        if any("--kg" in param.opts for param in command.params):
            return args
        head, rest, moved = list(args[: at + 1]), [], []
        i = at + 1
        while i < len(args):
            token = args[i]
            if token == "--":
                rest.extend(args[i:])
                break
            if token == "--kg" and i + 1 < len(args):
                moved.extend(args[i : i + 2])
                i += 2
                continue
            if token.startswith("--kg="):
                moved.append(token)
            else:
                rest.append(token)
                if token in takes_value and i + 1 < len(args):
                    rest.append(args[i + 1])
                    i += 1
            i += 1
        return head[:at] + moved + head[at:] + rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StdkgError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            click.echo("stdkg: interrupted", err=True)
            sys.exit(130)


#: The group's own options that take a value (the rest are flags).
_GLOBAL_WITH_VALUE = {"--kg"}


def _subcommand_index(args: list[str]) -> int | None:
    """Where the subcommand's name is in ``args`` (after the group's options), or None."""
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            return None
        if token in _GLOBAL_WITH_VALUE:
            i += 2
            continue
        if token.startswith("-"):
            i += 1
            continue
        return i
    return None


def _fail(exc: StdkgError) -> None:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    prefix = click.style("error:", fg="red", bold=True) if exc.exit_code == 2 else ""
    click.echo(f"stdkg: {prefix + ' ' if prefix else ''}{message}", err=True)
    sys.exit(exc.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--kg",
    "kg_paths",
    multiple=True,
    type=click.Path(path_type=str),
    metavar="PATH",
    help="A file or folder of Turtle/TriG/N-Triples/N-Quads/JSON-LD/RDF-XML (repeatable). "
    "Default: the bundled ontology/ and data/.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary on stderr.")
@click.version_option(__version__, "--version", prog_name="stdkg")
@click.pass_context
def cli(ctx: click.Context, kg_paths: tuple[str, ...], quiet: bool) -> None:
    """stdkg — the Standards Knowledge Graph toolkit.

    Validate, reason over, query, export, load and publish the graph of standards bodies, their
    people and their commitments.
    """
    ctx.obj = Settings(kg_paths=kg_paths, quiet=quiet)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="stdkg")
