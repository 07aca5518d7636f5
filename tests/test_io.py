"""Safe outputs: devices and FIFOs written in place, modes kept, full disks and signals leave nothing."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from stdkg import _io
from stdkg.errors import OutputError

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _stdkg(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdkg", "-q", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
        cwd=ROOT,
        **kwargs,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_character_device_is_written_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    result = _stdkg("export", "-f", "nt", "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _leftovers(tmp_path) == []


def test_a_full_device_is_one_line() -> None:
    result = _stdkg("export", "-f", "nt", "-o", "/dev/full")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "stdkg: error: cannot write /dev/full: No space left on device"
    ]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.nt"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = _stdkg("export", "-f", "nt", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].count(b"\n") > 1000
    assert _leftovers(tmp_path) == []


def test_dash_is_standard_output() -> None:
    result = _stdkg("export", "-f", "nt", "-o", "-")
    assert result.returncode == 0
    assert result.stdout.count("\n") > 1000
    assert not (ROOT / "-").exists()


def test_replacing_keeps_the_mode_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = tmp_path / "secret.nt"
    old.write_text("old\n")
    old.chmod(0o600)
    assert _stdkg("export", "-f", "nt", "-o", str(old)).returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert old.read_text() != "old\n"
    new = tmp_path / "new.nt"
    result = _stdkg("export", "-f", "nt", "-o", str(new), preexec_fn=lambda: os.umask(0o027))
    assert result.returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_symbolic_link_keeps_pointing_at_the_replaced_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    _io.write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_file_size_limit_is_one_line_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.nt"

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = _stdkg("export", "-f", "nt", "-o", str(out), preexec_fn=limit)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [f"stdkg: error: cannot write {out}: File too large"]
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_one_error_and_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Full:
        def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
            self.fd = fd

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            os.close(self.fd)

    monkeypatch.setattr(_io.os, "fdopen", Full)
    target = tmp_path / "out.txt"
    target.write_text("kept")
    with pytest.raises(OutputError, match=r"out\.txt: No space left on device"):
        _io.write_bytes(target, b"new content")
    assert target.read_text() == "kept"
    assert _leftovers(tmp_path) == []


_SLOW_WRITER = """
import sys, time
from stdkg._io import atomic_write
with atomic_write(sys.argv[1], binary=True) as fh:
    fh.write(b"x" * 4096)
    fh.flush()
    print("writing", flush=True)
    for _ in range(600):
        time.sleep(0.1)
        fh.write(b"x" * 4096)
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, -signal.SIGINT)])
def test_a_signal_while_writing_removes_the_temporary_file(tmp_path: Path, signum: int, code: int) -> None:
    target = tmp_path / "big.nt"
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_SLOW_WRITER), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"writing"
        assert _leftovers(tmp_path), "the temporary file should exist while writing"
        proc.send_signal(signum)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == code
    assert list(tmp_path.iterdir()) == []
