"""Real triple stores for the tests: Oxigraph server and Virtuoso, started once per session.

Registered from ``conftest.py`` (``pytest_plugins``). Fixtures:

* ``oxigraph_server`` → :class:`OxigraphServer` (``base_url``, ``pid``, ``location``; no auth);
* ``virtuoso_server`` → :class:`VirtuosoServer` (``base_url``, ``pid``, ``user``/``password`` of a
  writer with SPARQL_UPDATE, ``dba_password``, ``env`` = ``{PASSWORD_ENV: password}`` for
  ``--password-env``, ``import_dir`` allowed for ``ld_dir``, ``isql(sql)``).

Both bind 127.0.0.1 on free ports, keep their data in a session temp folder and are stopped by PID.
A missing binary skips the tests that use them, except under ``CI=true`` where it fails.
``OxigraphServer.start(location)`` starts an extra server (e.g. one a test may kill);
``server.put(graph, data)`` replaces a graph through the Graph Store Protocol.
:func:`serve_handler` runs a stand-in HTTP server (a ``BaseHTTPRequestHandler``) in a thread.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import require_tool

START_TIMEOUT = 60.0
PASSWORD_ENV = "STDKG_TEST_STORE_PASSWORD"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}: {_tail(log)}")
        if _answers(url):
            return
        time.sleep(0.1)
    _stop_pid(proc, 5)
    raise RuntimeError(f"{what} did not answer {url} within {START_TIMEOUT:g} s: {_tail(log)}")


def _tail(log: Path, lines: int = 8) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop_pid(proc: subprocess.Popen[bytes], grace: float) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds; by PID only."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


# -- Oxigraph ---------------------------------------------------------------------------------


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return require_tool("oxigraph", "pip install oxigraph")


@dataclass
class OxigraphServer:
    location: Path
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    binary: str

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, location: Path, port: int | None = None, binary: str | None = None) -> OxigraphServer:
        binary = binary or oxigraph_binary()
        port = port or free_port()
        location.mkdir(parents=True, exist_ok=True)
        log = location.parent / f"{location.name}-oxigraph.log"
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = cls(location, port, proc, log, binary)
        _wait_ready(proc, f"{server.base_url}/query?query=ASK%7B%7D", log, "oxigraph serve")
        return server

    def put(self, graph: str | None, data: bytes, content_type: str = "text/turtle") -> None:
        """Replace ``graph`` (None: the default graph) with ``data`` (Graph Store Protocol PUT)."""
        target = "default" if graph is None else f"graph={graph}"
        request = urllib.request.Request(
            f"{self.base_url}/store?{target}",
            data=data,
            method="PUT",
            headers={"Content-Type": content_type},
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.status in (200, 201, 204)

    def kill(self) -> None:
        """SIGKILL (a crash); the data committed so far stays in ``location``."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        _stop_pid(self.proc, 10)

    def restart(self) -> None:
        """Start again on the same location and port (after ``kill``/``stop``)."""
        self.stop()
        fresh = OxigraphServer.start(self.location, self.port, self.binary)
        self.proc = fresh.proc


@contextlib.contextmanager
def serve_handler(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 (a free port) in a thread; yields the base URL, then stops."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    binary = oxigraph_binary()
    server = OxigraphServer.start(tmp_path_factory.mktemp("oxigraph") / "db", binary=binary)
    try:
        yield server
    finally:
        server.stop()


# -- Virtuoso -----------------------------------------------------------------------------------

_VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
ServerThreads      = 10
CheckpointInterval = 60
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = ., {db}, {imports}
VADInstallDir      = {db}/no-vad
DefaultIsolation   = 2

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {db}/www
ServerThreads      = 10
MaxClientConnections = 10
KeepAliveTimeout   = 10
DavRoot            = DAV

[SPARQL]
ResultSetMaxRows   = 1000000
MaxQueryExecutionTime = 120
DefaultQuery       = SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}
"""


@dataclass
class VirtuosoServer:
    folder: Path
    http_port: int
    sql_port: int
    proc: subprocess.Popen[bytes]
    dba_password: str
    user: str
    password: str = field(repr=False)
    import_dir: Path = field(default=Path("."))

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def env(self) -> dict[str, str]:
        """For ``CliRunner.invoke(..., env=server.env)`` with ``--password-env PASSWORD_ENV``."""
        return {PASSWORD_ENV: self.password}

    def isql(self, sql: str, *, user: str = "dba", password: str | None = None) -> str:
        """Run SQL through isql-vt; raise if it reports an error (isql-vt itself exits 0)."""
        result = subprocess.run(
            [
                "isql-vt",
                f"127.0.0.1:{self.sql_port}",
                user,
                password or self.dba_password,
                "VERBOSE=OFF",
                "BANNER=OFF",
                "PROMPT=OFF",
                "ECHO=OFF",
                "ERRORS=STDOUT",
            ],
            input=sql.encode("utf-8"),
            capture_output=True,
            timeout=120,
            check=False,
        )
        out = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
        if result.returncode != 0 or "*** Error" in out:
            raise RuntimeError(f"isql-vt failed (rc {result.returncode}): {out.strip()}")
        return out

    def stop(self) -> None:
        """SQL ``shutdown`` (with checkpoint), then SIGTERM, then SIGKILL — by PID."""
        if self.proc.poll() is not None:
            return
        with contextlib.suppress(Exception):
            subprocess.run(
                ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", self.dba_password, "exec=shutdown;"],
                capture_output=True,
                timeout=30,
                check=False,
            )
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _stop_pid(self.proc, 10)


def start_virtuoso(folder: Path) -> VirtuosoServer:
    server_bin = require_tool("virtuoso-t", "apt-get install virtuoso-opensource")
    require_tool("isql-vt", "apt-get install virtuoso-opensource")
    db = folder / "db"
    imports = folder / "import"
    for d in (db, imports, db / "www", db / "no-vad"):
        d.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(db=db, imports=imports, sql_port=sql_port, http_port=http_port))
    dba_password = "dba-" + os.urandom(6).hex()
    log = folder / "virtuoso-stdout.log"
    # First start: create the database, set the DBA password, exit.
    with open(log, "ab") as out:
        init = subprocess.run(
            [
                *(server_bin, "+foreground", "+configfile", str(ini)),
                *("+pwdold", "dba", "+pwddba", dba_password, "+pwddav", dba_password),
            ],
            cwd=db,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=120,
            check=False,
        )
    if init.returncode != 0:
        raise RuntimeError(f"virtuoso-t (set password) exited with {init.returncode}: {_tail(log)}")
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [server_bin, "+foreground", "+configfile", str(ini)],
            cwd=db,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = VirtuosoServer(
        folder,
        http_port,
        sql_port,
        proc,
        dba_password,
        user="stdkg_writer",
        password="w-" + os.urandom(6).hex(),
        import_dir=imports,
    )
    try:
        _wait_ready(proc, f"{server.base_url}/sparql?query=ASK%7B%7D", log, "virtuoso-t")
        server.isql(
            f"DB.DBA.USER_CREATE('{server.user}', '{server.password}');\n"
            f'GRANT SPARQL_UPDATE TO "{server.user}";\n'
        )
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


__all__ = [
    "PASSWORD_ENV",
    "OxigraphServer",
    "VirtuosoServer",
    "free_port",
    "oxigraph_server",
    "start_virtuoso",
    "virtuoso_server",
]
