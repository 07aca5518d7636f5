"""Helpers for the publishing tests: a live `stdkg serve` process on a free 127.0.0.1 port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "publish"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> set[int]:
    """PIDs whose parent is ``pid`` (from /proc)."""
    found: set[int] = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


@dataclass
class Server:
    url: str
    pid: int
    proc: subprocess.Popen[bytes]


@contextmanager
def running_server(*args: str, kg: list[str] | None = None, base: bool = True) -> Iterator[Server]:
    """Start `stdkg serve` on a free port; yield when it answers; stop it by PID."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "stdkg", "--quiet"]
    for k in kg or []:
        cmd += ["--kg", k]
    cmd += ["serve", "--host", "127.0.0.1", "--port", str(port)]
    if base:
        cmd += ["--base-uri", url]
    cmd += list(args)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        probe = url if base else url + "stdkg/"
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"stdkg serve exited with {proc.returncode}: {err}")
            try:
                if httpx.get(probe, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("stdkg serve did not answer within 60 s")
            time.sleep(0.2)
        yield Server(url, proc.pid, proc)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if proc.stderr:
            proc.stderr.close()


#: (Accept header, suffix of the document the 303 points to, its media type): what the generated
#: web-server rules must negotiate.
CONNEG_CASES = [
    ("text/html", "html", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html", "text/html"),
    ("*/*", "html", "text/html"),
    ("text/turtle", "ttl", "text/turtle"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("application/ld+json", "jsonld", "application/ld+json"),
    ("application/rdf+xml", "rdf", "application/rdf+xml"),
]


@contextmanager
def web_server(cmd: list[str], url: str, error_log: Path, stop: signal.Signals) -> Iterator[str]:
    """Run a web server (nginx, Apache) until ``url + "index.html"`` answers 200; stop it with ``stop``.

    A server that exits or does not answer within 20 s raises, with its stderr and ``error_log``.
    """
    name = Path(cmd[0]).name
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                log = error_log.read_text() if error_log.exists() else ""
                raise RuntimeError(f"{name} exited: {err} {log}")
            try:
                if httpx.get(url + "index.html", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer")
            time.sleep(0.1)
        yield url
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, stop)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(5)
        if proc.stderr:
            proc.stderr.close()
