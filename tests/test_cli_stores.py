"""``stdkg load`` / ``stdkg dump`` without a store: options, one-line errors worded with flags."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from stdkg.cli import cli
from tests.stores_support import FIXTURES, closed_port, silent_server

__all__ = ["silent_server"]  # a fixture, used below


def test_unreachable_endpoint_is_one_line_exit_2(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORE_PW", "pw-never-shown")
    port = closed_port()
    result = runner.invoke(
        cli,
        [
            *("--kg", str(FIXTURES), "load", "--store", "oxigraph", "--url", f"http://127.0.0.1:{port}"),
            *("--timeout", "2", "--user", "u", "--password-env", "STORE_PW"),
        ],
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    # a replacing load into Oxigraph first reads the target graph back
    assert lines == [f"stdkg: error: cannot reach http://127.0.0.1:{port}/store: connection refused"]
    assert "pw-never-shown" not in result.output + result.stderr


def test_silent_endpoint_fails_within_the_timeout(runner: CliRunner, silent_server: int) -> None:
    result = runner.invoke(
        cli,
        [
            *("--kg", str(FIXTURES), "load", "--store", "oxigraph"),
            *("--url", f"http://127.0.0.1:{silent_server}", "--timeout", "1"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"stdkg: error: http://127.0.0.1:{silent_server}/store did not answer within 1 s (--timeout)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--store", "oxigraph", "--url", "http://h", "--timeout", "0"], "--timeout must be positive"),
        (["--url", "http://h"], "--url needs --store oxigraph|virtuoso|fuseki|graphdb (or give "),
        (["--store", "oxigraph"], "--store oxigraph needs --url BASE"),
        (
            ["--store", "oxigraph", "--url", "http://h", "--user", "u", "--password-env", "NO_SUCH_VAR_X"],
            "environment variable NO_SUCH_VAR_X is not set (--password-env)",
        ),
        (
            ["--query-endpoint", "http://h/q", "--protocol", "gsp"],
            "--protocol gsp needs a Graph Store endpoint (--store/--url or --gsp-endpoint)",
        ),
    ],
)
def test_setting_errors_name_the_flags(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["--kg", str(FIXTURES), "load", *args], env={"NO_SUCH_VAR_X": None})
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("stdkg: error: " + message), line


def test_load_and_dump_need_a_store(runner: CliRunner) -> None:
    for command in (["load"], ["dump"]):
        result = runner.invoke(cli, ["--kg", str(FIXTURES), *command])
        assert result.exit_code == 2
        assert "no store given" in result.stderr


def test_help_lists_endpoint_options(runner: CliRunner) -> None:
    for command in ("load", "dump"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        options = ["--store", "--url", "--query-endpoint", "--update-endpoint", "--gsp-endpoint"]
        options += ["--user", "--password-env", "--auth", "--timeout"]
        assert all(option in result.output for option in options)
