"""The CLI stays light: no heavy import at start, help for every command, every command documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stdkg.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["rdflib", "pyshacl", "owlrl", "SPARQLWrapper", "starlette", "uvicorn", "jinja2", "owlready2"]

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _heavy_modules_after(body: str) -> list[str]:
    code = _PROBE.format(body=body, heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


def test_import_cli_imports_nothing_heavy() -> None:
    assert _heavy_modules_after("import stdkg.cli") == []


def test_help_imports_nothing_heavy() -> None:
    body = (
        "from stdkg.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], prog_name='stdkg')\n"
        "except SystemExit:\n"
        "    pass"
    )
    assert _heavy_modules_after(body) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_help_imports_nothing_heavy(name: str) -> None:
    body = (
        "from stdkg.cli import cli\n"
        "try:\n"
        f"    cli.main([{name!r}, '--help'], prog_name='stdkg')\n"
        "except SystemExit:\n"
        "    pass"
    )
    assert _heavy_modules_after(body) == []


def test_main_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{re.escape(name)}\s", result.stdout, re.M), name


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: cli {name} ") or result.stdout.startswith(
        f"Usage: stdkg {name} "
    )
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None
    assert (command.help or "").strip(), f"{name} has no help text"
    assert COMMANDS[name][2].strip(), f"{name} has no one-line summary"


def test_every_command_is_in_the_readme_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Command reference\n(.*?)(?=^## )", readme, re.M | re.S)
    assert match, "README.md has no '## Command reference' section"
    documented = set(re.findall(r"^\|\s*`stdkg ([a-z-]+)`", match.group(1), re.M))
    missing = [name for name in COMMANDS if name not in documented]
    assert not missing, f"commands missing from the README command reference: {missing}"
