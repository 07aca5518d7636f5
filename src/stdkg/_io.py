"""Safe output for every writing command.

* A regular file (or a new one) is written to a temporary file beside it and renamed over it only
  when the whole content is written, so a reader never sees half a file. The file keeps the mode
  (and, where the process may, the owner) of the file it replaces; a new file gets ``0666`` less
  the umask, as any other program's output would. A symbolic link is followed: its target is
  replaced, the link stays.
* Anything else that exists (a character device such as ``/dev/null``, a FIFO, a terminal) is
  written to directly and never replaced; ``-`` is standard output.
* A full disk (``ENOSPC``), a file-size limit (``EFBIG``, with ``SIGXFSZ`` ignored while writing)
  and the like end in one :class:`~stdkg.errors.OutputError` line; the temporary file is removed,
  as it is when ``SIGTERM`` or ``SIGINT`` stops the process while it writes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any

from .errors import OutputError

#: ``errno`` values that mean "this output cannot be written", not a bug: one line, exit 2.
_OUTPUT_ERRNOS = {
    errno.ENOSPC,
    errno.EFBIG,
    errno.EDQUOT,
    errno.EROFS,
    errno.EIO,
    errno.EACCES,
    errno.EPERM,
    errno.ENXIO,
}


class Terminated(SystemExit):
    """Raised by the ``SIGTERM`` handler while an output is written (exit code 143)."""


@contextlib.contextmanager
def atomic_write(path: Path | str, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a file object; the output gets the content only if the block succeeds.

    See the module docstring for what is replaced, what is written in place and how errors end.
    """
    target = Path(path)
    if str(path) == "-":
        with _output_errors("standard output"), _guard(None):
            out = _stdout(binary)
            yield out
            out.flush()
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"cannot write {target}: it is a folder")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with _output_errors(target), _guard(None), _open(target, binary) as fh:
            yield fh
        return
    with _output_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with _output_errors(target), _guard(tmp):
            fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
            with fh:
                yield fh
            _copy_metadata(tmp, existing)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_write(path, binary=True) as fh:
        fh.write(data)


def write_text(path: Path | str, text: str) -> None:
    with atomic_write(path) as fh:
        fh.write(text)


def _stdout(binary: bool) -> IO[Any]:
    if binary:
        return sys.stdout.buffer
    return sys.stdout


def _open(target: Path, binary: bool) -> IO[Any]:
    """Open a device or FIFO for writing as it is (no truncation, no temporary file)."""
    fd = os.open(target, os.O_WRONLY)
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n")


def _copy_metadata(tmp: str, existing: os.stat_result | None) -> None:
    """The replaced file's mode and owner, or the umask's mode for a new file."""
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root (or the owner, for the group) may
            os.chown(tmp, existing.st_uid, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))


def _umask() -> int:
    """The process umask (read from ``/proc`` where it can be, else set and restored at once)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _output_errors(target: Path | str) -> Iterator[None]:
    """``ENOSPC``, ``EFBIG`` … and a broken pipe become one :class:`OutputError` line."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno in _OUTPUT_ERRNOS:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated(128 + signum)


@contextlib.contextmanager
def _guard(tmp: str | None) -> Iterator[None]:
    """While writing: ``SIGTERM`` unwinds (so the temporary file goes) and ``SIGXFSZ`` is ignored.

    ``SIGINT`` already unwinds as ``KeyboardInterrupt``. Handlers can only be set from the main
    thread; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    restore: list[tuple[int, Any]] = []
    if tmp is not None:
        restore.append((signal.SIGTERM, signal.signal(signal.SIGTERM, _on_sigterm)))
    if hasattr(signal, "SIGXFSZ"):
        restore.append((signal.SIGXFSZ, signal.signal(signal.SIGXFSZ, signal.SIG_IGN)))
    try:
        yield
    finally:
        for signum, handler in restore:
            # None: a handler not set from Python; the default is the closest we can put back
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
