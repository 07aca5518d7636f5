"""Shared fixtures. Feature-specific fixtures (servers, browsers) live in their own modules."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str, why: str = "") -> str:
    """Path of an external tool; skip when absent, but fail under CI=true (make test installs it)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed{': ' + why if why else ''} (make test installs it as root)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_kg():  # type: ignore[no-untyped-def]
    import stdkg

    return stdkg.load()


@pytest.fixture(scope="session")
def press_release_text() -> str:
    """The press release as the repository keeps it (sources/), the text its evidence spans point into."""
    return (ROOT / "sources" / "prnewswire-302629226.txt").read_text(encoding="utf-8")


# Real triple-store fixtures (oxigraph_server, virtuoso_server): see tests/servers.py.
pytest_plugins = ["tests.servers"]
