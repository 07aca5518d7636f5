"""Every example in a command's help text and every ``stdkg`` line in the README's code blocks works.

Examples that need no server are run as written (the README's benchmark graph is made smaller,
the one change); those that talk to a server (``--endpoint``, ``--url``, ``serve``, ``linkcheck``,
``load``, ``dump``) are parsed by the command line exactly as a run would parse them, and the
named queries they use must exist.
"""

from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from stdkg.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
SERVER_COMMANDS = {"serve", "linkcheck", "load", "dump"}
SERVER_OPTIONS = {"--endpoint", "--url"}
#: Commands whose exit code 1 means "the check found problems" (the benchmark graph has 7 planted).
CHECKS = {"validate", "check"}
#: The one change made to a README line before it runs: the benchmark graph's size.
SMALLER = {"--triples 1000000": "--triples 5000"}


def _help_examples() -> list[str]:
    found = []
    for name in COMMANDS:
        text = CliRunner().invoke(cli, [name, "--help"], terminal_width=200).stdout
        for line in text.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith("stdkg "):
                found.append(line)
    return found


def _readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"^```(?:sh|bash|console|shell)\n(.*?)^```", readme, re.M | re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            while words and re.match(r"^[A-Z_]+=", words[0]):
                words.pop(0)  # VAR=value before the command
            if words and words[-1] == "&":
                words.pop()  # started in the background
            if words and words[0] == "stdkg":
                lines.append(shlex.join(words))
    return lines


HELP_EXAMPLES = _help_examples()
README_EXAMPLES = _readme_examples()


def _subcommand(args: list[str]) -> tuple[click.Context, click.Command, list[str]]:
    """Parse ``args`` as the command line would, up to the subcommand's own context."""
    ctx = cli.make_context("stdkg", list(args))
    with warnings.catch_warnings():  # click 8.2+: the name is read from protected_args until 9.0
        warnings.simplefilter("ignore", DeprecationWarning)
        rest = [*ctx.protected_args, *ctx.args]
    name, sub_args = rest[0], rest[1:]
    command = cli.get_command(ctx, name)
    assert command is not None, f"no command {name!r}"
    command.make_context(name, sub_args, parent=ctx)  # raises on an unknown option or a bad value
    return ctx, command, sub_args


def _needs_server(args: list[str]) -> bool:
    return bool(SERVER_OPTIONS & set(args)) or any(a in SERVER_COMMANDS for a in args[:4])


def _check_without_a_server(args: list[str]) -> None:
    _ctx, command, sub_args = _subcommand(args)
    if command.name == "query" and sub_args and not sub_args[0].startswith("-"):
        from stdkg import queries

        queries.resolve(sub_args[0])  # the named query exists


def _run(args: list[str], cwd: Path) -> None:
    import os

    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["-q", *args])
    finally:
        os.chdir(here)
    allowed = {0, 1} if CHECKS & set(args) else {0}
    assert result.exit_code in allowed, (shlex.join(args), result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_the_examples_were_found() -> None:
    assert len(HELP_EXAMPLES) >= 4
    assert len(README_EXAMPLES) >= 10


@pytest.mark.parametrize("example", HELP_EXAMPLES)
def test_every_help_example_works(example: str, tmp_path: Path) -> None:
    args = shlex.split(example)[1:]
    if _needs_server(args):
        _check_without_a_server(args)
    else:
        _run(args, tmp_path)


def test_every_readme_example_works(tmp_path: Path) -> None:
    """In order, in one folder (a later line reads what an earlier one wrote), beside the repository's
    ``ontology/`` as the README assumes."""
    (tmp_path / "ontology").symlink_to(ROOT / "ontology")
    ran = 0
    for example in README_EXAMPLES:
        for long, short in SMALLER.items():
            example = example.replace(long, short)
        args = shlex.split(example)[1:]
        if _needs_server(args):
            _check_without_a_server(args)
        else:
            _run(args, tmp_path)
            ran += 1
    assert ran >= 4
