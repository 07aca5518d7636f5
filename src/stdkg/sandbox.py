"""Limits a worker process puts on itself before it runs anything a stranger sent.

Each function applies one limit to the calling process and says whether it could (``False`` on a
platform without the mechanism, so a caller can refuse to go on or report it):

* :func:`die_with_parent` — the kernel kills this process when its parent dies (Linux
  ``PR_SET_PDEATHSIG``), so a server killed with SIGKILL leaves no worker behind.
* :func:`limit_memory` — a cap on the address space (``RLIMIT_AS``): an allocation past it fails
  instead of taking the machine.
* :func:`deny_network` — a seccomp filter that makes ``socket()`` fail for IPv4 and IPv6, so nothing
  running in the process (a SPARQL ``SERVICE`` clause in a native query engine included) can open a
  connection. Unix sockets and already open descriptors keep working.

Linux only; elsewhere each call returns ``False`` and changes nothing.
"""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import struct
import sys

_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

#: machine → (AUDIT_ARCH value, number of the ``socket`` system call)
_ARCHES = {
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}
_AF_INET = 2
_AF_INET6 = 10
_EACCES = 13

# classic BPF opcodes used by the filter
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent(parent_pid: int) -> bool:
    """Ask for SIGKILL when the parent goes; exit now if it is already gone (``parent_pid``)."""
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        return False
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
    return True


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space at ``max_bytes`` (both soft and hard limit)."""
    try:
        import resource
    except ImportError:
        return False
    try:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ValueError, OSError):
        return False
    return True


def address_space() -> int | None:
    """This process's current virtual size in bytes (Linux), for choosing a sane memory limit."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _filter_program(arch: int, socket_nr: int) -> bytes:
    def op(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("=HBBI", code, jt, jf, k)

    # seccomp_data: nr at offset 0, arch at 4, args[0] at 16 (low word on little-endian machines)
    return b"".join(
        [
            op(_LD_W_ABS, 0, 0, 4),  # 0: A = arch
            op(_JEQ_K, 0, 5, arch),  # 1: another ABI → allow
            op(_LD_W_ABS, 0, 0, 0),  # 2: A = syscall number
            op(_JEQ_K, 0, 3, socket_nr),  # 3: not socket() → allow
            op(_LD_W_ABS, 0, 0, 16),  # 4: A = address family
            op(_JEQ_K, 2, 0, _AF_INET),  # 5: AF_INET → refuse
            op(_JEQ_K, 1, 0, _AF_INET6),  # 6: AF_INET6 → refuse
            op(_RET_K, 0, 0, _RET_ALLOW),  # 7
            op(_RET_K, 0, 0, _RET_ERRNO | _EACCES),  # 8
        ]
    )


def deny_network() -> bool:
    """Make every later IPv4/IPv6 ``socket()`` call in this process fail with ``EACCES``."""
    libc = _libc()
    arch = _ARCHES.get(platform.machine())
    if libc is None or arch is None or sys.byteorder != "little":
        return False
    program = _filter_program(*arch)
    count = len(program) // 8
    buf = ctypes.create_string_buffer(program, len(program))

    class _SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _SockFprog(count, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


__all__ = ["address_space", "deny_network", "die_with_parent", "limit_memory"]
