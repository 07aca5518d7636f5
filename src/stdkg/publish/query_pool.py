"""The query workers behind ``/sparql``: separate processes, each bounded, a queue with a bound.

Every query runs in a worker process that opened the site's store read-only from disk. Before a
worker takes its first query it limits itself (:mod:`stdkg.sandbox`): it dies with the server
(parent-death signal), its address space is capped (``memory``), IPv4/IPv6 sockets are refused (no
``SERVICE`` call can leave the machine even if a query got past the parse check), it ignores SIGINT
(the server stops it) and runs at a lower priority than the server, so pages stay fast while queries
run.

:class:`QueryEngine` hands queries to idle workers. At most ``workers + queue`` requests are admitted
at once (:meth:`QueryEngine.admit`); the server answers 503 with ``Retry-After`` beyond that. A query
that runs past the timeout, whose client has gone, or that is running when the server stops has its
worker killed; a fresh worker takes its place. Workers are started from one long-lived thread
because the parent-death signal fires when the *thread* that started the process ends.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from .sparql import SparqlResponse, refusal

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

#: how often a waiting request looks at its client, the timeout and the server's stop flag (s)
STEP = 0.05
MB = 2**20


def _worker_main(
    store_path: str, conn: Connection, parent: int, memory: int, prefixes: dict[str, str]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .. import sandbox

    sandbox.die_with_parent(parent)
    with contextlib.suppress(OSError):
        os.nice(5)
    import pyoxigraph as ox

    from .sparql import check_query, execute

    check_query("ASK {}")  # builds the parser before the limits apply
    store = ox.Store.read_only(store_path)
    isolated = sandbox.deny_network()
    start = sandbox.address_space() or 0
    capped = sandbox.limit_memory(start + memory) if memory > 0 else False
    conn.send(("ready", isolated, capped))
    # from here on the worker answers through the pipe only: an allocation failure in the engine
    # (the memory cap at work) must not print into the server's log
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    os.close(quiet)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            query, accept, max_rows, default_graphs, named_graphs = job
            response = execute(store, query, accept, max_rows, default_graphs, named_graphs, prefixes)
        except MemoryError:
            response = refusal(503, _memory_message(memory))
        except Exception as exc:  # the worker must answer whatever happens
            response = refusal(500, f"query failed: {type(exc).__name__}")
        try:
            conn.send(response)
        except (OSError, ValueError):
            return


def _memory_message(memory: int) -> str:
    return f"query stopped: it needed more memory than the limit of {memory // MB} MB per query worker"


class _Worker:
    def __init__(self, store_path: str, memory: int, prefixes: dict[str, str]) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(store_path, child, os.getpid(), memory, prefixes), daemon=True
        )
        self.proc.start()
        child.close()
        self.ready = False
        self.isolated = False

    def wait_ready(self, give_up: Callable[[], bool]) -> bool:
        while not self.ready:
            if self.conn.poll(STEP):
                try:
                    message = self.conn.recv()
                except (EOFError, OSError):
                    return False
                self.ready = message[0] == "ready"
                self.isolated = bool(message[1])
                return self.ready
            if give_up() or not self.proc.is_alive():
                return False
        return True

    def kill(self) -> int | None:
        """Stop the process (SIGKILL) and return how it ended (``exitcode``)."""
        code = self.proc.exitcode
        if code is None:
            self.proc.kill()
            self.proc.join(5)
            code = self.proc.exitcode
        self.conn.close()
        return code


class QueryEngine:
    """A pool of query worker processes over a read-only on-disk copy of the store."""

    def __init__(
        self,
        store_path: str,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10000,
        queue: int = 16,
        memory: int = 1024 * MB,
        prefixes: dict[str, str] | None = None,
    ) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = max(1, workers)
        self.capacity = self.size + max(0, queue)
        self.memory = memory
        self.prefixes = dict(prefixes or {})
        self.killed = 0
        self.closing = False  # set from a signal handler: a plain flag, no lock
        self._lock = threading.Lock()
        self._admitted = 0
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="stdkg-query-spawner")
        self._all: set[_Worker] = set()
        self._idle: list[_Worker] = [self._spawn() for _ in range(self.size)]
        self._available = threading.Semaphore(self.size)

    # -- admission --------------------------------------------------------------------------------

    def admit(self) -> bool:
        """Reserve a place for one request (running or queued); ``False`` when all are taken."""
        with self._lock:
            if self.closing or self._admitted >= self.capacity:
                return False
            self._admitted += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._admitted -= 1

    @property
    def admitted(self) -> int:
        return self._admitted

    def retry_after(self) -> int:
        """Seconds a refused client should wait: by then every running query has ended or been stopped."""
        return max(1, math.ceil(self.timeout))

    # -- workers ----------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        worker = self._spawner.submit(_Worker, self.store_path, self.memory, self.prefixes).result()
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> int | None:
        with self._lock:
            self._all.discard(worker)
        return worker.kill()

    def _replace(self, worker: _Worker) -> tuple[_Worker | None, int | None]:
        code = self._discard(worker)
        self.killed += 1
        if self.closing:
            return None, code
        try:
            return self._spawn(), code
        except RuntimeError:  # the spawner was shut down: the server is stopping
            return None, code

    def run(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        cancelled: threading.Event | None = None,
    ) -> SparqlResponse:
        """Run a query within the limits (blocking; call from a thread after :meth:`admit`).

        ``cancelled`` is set when the client has gone: the query stops where it is.
        """
        gone = cancelled.is_set if cancelled is not None else (lambda: False)
        queued = time.monotonic()
        while not self._available.acquire(timeout=STEP):
            if self.closing or gone():
                return _stopped(self.closing)
            if time.monotonic() - queued > self.timeout:
                return refusal(503, f"the query workers stayed busy for {self.timeout:g} s; try again later")
        with self._lock:
            worker: _Worker | None = self._idle.pop() if self._idle else None
        if worker is None:  # only when stopping: a stopped worker is not replaced
            self._available.release()
            return _stopped(True)
        try:
            return self._run_on(worker, (query, accept, self.max_rows, default_graphs, named_graphs), gone)
        except _Replace as replace:
            worker = None
            worker, code = self._replace(replace.worker)
            if replace.response is not None:
                return replace.response
            if code == -signal.SIGABRT:
                return refusal(503, _memory_message(self.memory))
            return refusal(500, "query failed: the query worker ended unexpectedly")
        finally:
            if worker is not None:
                with self._lock:
                    self._idle.append(worker)
            self._available.release()

    def _run_on(self, worker: _Worker, job: tuple[Any, ...], gone: Callable[[], bool]) -> SparqlResponse:
        if not worker.wait_ready(lambda: self.closing or gone()):
            raise _Replace(worker, _stopped(self.closing) if (self.closing or gone()) else None)
        try:
            worker.conn.send(job)
            deadline = time.monotonic() + self.timeout
            while not worker.conn.poll(STEP):
                if self.closing or gone():
                    raise _Replace(worker, _stopped(self.closing))
                if time.monotonic() > deadline:
                    message = f"query stopped: it ran longer than the limit of {self.timeout:g} s"
                    raise _Replace(worker, refusal(503, message))
            response: SparqlResponse = worker.conn.recv()
        except (EOFError, OSError):
            raise _Replace(worker, None) from None
        return response

    def stop(self) -> None:
        """Make running and queued queries give up (safe to call from a signal handler)."""
        self.closing = True

    def close(self) -> None:
        """Stop every worker (running ones included) and the thread that starts them."""
        self.closing = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
        for w in workers:
            w.kill()
        self._spawner.shutdown(wait=True)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(w.proc.pid for w in self._all if w.proc.pid is not None)


class _Replace(Exception):
    """Internal: the worker must be killed and replaced; ``response`` answers the client."""

    def __init__(self, worker: _Worker, response: SparqlResponse | None) -> None:
        super().__init__()
        self.worker = worker
        self.response = response


def _stopped(closing: bool) -> SparqlResponse:
    if closing:
        return refusal(503, "the server is stopping")
    return refusal(503, "query cancelled: the client has gone")


__all__ = ["MB", "QueryEngine"]
