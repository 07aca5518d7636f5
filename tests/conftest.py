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


def source_text_path() -> Path | None:
    """The press-release text: $STDKG_SOURCE_TEXT, else ../shared/sources/ beside the repo."""
    env = os.environ.get("STDKG_SOURCE_TEXT")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared" / "sources" / "seoul-statement-2025-press-release.txt")
    for c in candidates:
        if c.is_file():
            return c
    return None


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_kg():  # type: ignore[no-untyped-def]
    import stdkg

    return stdkg.load()


@pytest.fixture(scope="session")
def press_release_text() -> str:
    path = source_text_path()
    if path is None:
        message = "press-release text not found (set STDKG_SOURCE_TEXT)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


# Real triple-store fixtures (oxigraph_server, virtuoso_server): see tests/servers.py.
pytest_plugins = ["tests.servers"]
