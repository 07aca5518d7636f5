"""stdkg.sandbox: the limits a query worker puts on itself, each checked in a child process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from stdkg import sandbox

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mechanisms")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@linux_only
def test_deny_network_stops_ip_sockets_and_keeps_unix_ones() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        listener.settimeout(0.5)
        done = _run(
            "import socket\n"
            "from stdkg.sandbox import deny_network\n"
            "assert deny_network()\n"
            "a, b = socket.socketpair(); a.sendall(b'x'); assert b.recv(1) == b'x'\n"
            "for family in (socket.AF_INET, socket.AF_INET6):\n"
            "    try:\n"
            "        socket.socket(family)\n"
            "    except PermissionError:\n"
            "        print('refused')\n"
            f"import pyoxigraph as ox\n"
            "try:\n"
            f"    list(ox.Store().query('SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}'))\n"
            "except OSError:\n"
            "    print('service failed')\n"
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["refused", "refused", "service failed"]
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing ever connected


@linux_only
def test_limit_memory_makes_big_allocations_fail() -> None:
    done = _run(
        "from stdkg.sandbox import limit_memory, address_space\n"
        "assert limit_memory(address_space() + 200 * 2**20)\n"
        "try:\n"
        "    b = bytearray(400 * 2**20)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"


@linux_only
def test_die_with_parent() -> None:
    # a middle process starts a sleeper that asks to die with it, then the middle one is killed
    code = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', "
        "'import os, time; from stdkg.sandbox import die_with_parent; "
        "assert die_with_parent(os.getppid()); print(os.getpid(), flush=True); time.sleep(60)'], "
        "stdout=subprocess.PIPE, text=True)\n"
        "print(child.stdout.readline().strip(), flush=True)\n"
        "time.sleep(60)\n"
    )
    middle = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert middle.stdout is not None
        grandchild = int(middle.stdout.readline())
        os.kill(middle.pid, signal.SIGKILL)
        middle.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{grandchild}/stat", encoding="ascii") as fh:
                    if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.05)
        else:
            os.kill(grandchild, signal.SIGKILL)
            pytest.fail("the child outlived its parent")
    finally:
        if middle.poll() is None:
            middle.kill()
            middle.wait(5)
        if middle.stdout:
            middle.stdout.close()


def test_address_space_is_known_on_linux() -> None:
    size = sandbox.address_space()
    if sys.platform.startswith("linux"):
        assert size is not None and size > 10 * 2**20
    else:
        assert size is None
