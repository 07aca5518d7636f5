"""The README's walk-through (serve, query, linkcheck, load, query the store), run as written.

The block is read from the README; only the two ports (8000, 7878) become free ones. ``cmd &``
starts a server in the background (and waits until it answers), ``kill %1 %2`` stops them
(SIGTERM, by PID); every other line must exit 0.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, oxigraph_binary

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Walk-through: serve, query, check the links, load a store, query it"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def walkthrough() -> list[str]:
    """The command lines of the README's walk-through block, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the walk-through has no sh block"
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def _argv(words: list[str]) -> list[str]:
    if words[0] == "stdkg":
        return [sys.executable, "-m", "stdkg", *words[1:]]
    if words[0] == "oxigraph":
        return [oxigraph_binary(), *words[1:]]
    raise AssertionError(f"the walk-through runs only stdkg and oxigraph, not {words[0]}")


def _wait_until_answers(proc: subprocess.Popen[bytes], url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{proc.args} exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds:g} s")


def test_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    lines = walkthrough()
    assert [line.split()[:2] for line in lines] == [
        ["stdkg", "serve"],
        ["stdkg", "query"],
        ["stdkg", "linkcheck"],
        ["oxigraph", "serve"],
        ["stdkg", "load"],
        ["stdkg", "query"],
        ["kill", "%1"],
    ]
    ports = {"8000": str(free_port()), "7878": str(free_port())}
    env = dict(os.environ)
    background: list[subprocess.Popen[bytes]] = []
    outputs: list[subprocess.CompletedProcess[str]] = []
    try:
        for line in lines:
            for written, free in ports.items():
                line = re.sub(rf"(?<=[:\s]){written}\b", free, line)
            words = shlex.split(line)
            if words[0] == "kill":
                jobs = [int(w.lstrip("%")) for w in words[1:]]
                for job in jobs:
                    background[job - 1].send_signal(signal.SIGTERM)
                for job in jobs:
                    background[job - 1].wait(timeout=30)
                # stdkg serve stops cleanly on SIGTERM
                assert background[0].returncode == 0
                continue
            if words[-1] == "&":
                proc = subprocess.Popen(
                    _argv(words[:-1]),
                    cwd=tmp_path,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                background.append(proc)
                port = ports["8000"] if words[1] == "serve" and words[0] == "stdkg" else ports["7878"]
                probe = "/" if words[0] == "stdkg" else "/query?query=ASK%7B%7D"
                _wait_until_answers(proc, f"http://127.0.0.1:{port}{probe}")
                continue
            done = subprocess.run(
                _argv(words), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
            )
            assert done.returncode == 0, f"{line}\n{done.stderr}"
            outputs.append(done)
    finally:
        for proc in background:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            if proc.stderr is not None:
                proc.stderr.close()
    site, _linkcheck, _load, store = outputs
    local = subprocess.run(
        [sys.executable, "-m", "stdkg", "query", "terms-of-office"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = local.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"[1-9]\d* rows?", rows)
    # the same rows from the live site's endpoint and from the store as from the files
    assert site.stderr.strip().splitlines()[-1] == store.stderr.strip().splitlines()[-1] == rows
    columns = local.stdout.splitlines()[0].split()
    assert site.stdout.splitlines()[0].split() == store.stdout.splitlines()[0].split() == columns
    people = {line.split("  ")[0] for line in local.stdout.splitlines()[1:]}
    assert people == {line.split("  ")[0] for line in store.stdout.splitlines()[1:]}
    assert people == {line.split("  ")[0] for line in site.stdout.splitlines()[1:]}
    assert "— ok" in _linkcheck.stderr + _linkcheck.stdout
    assert "verified" in _load.stderr
