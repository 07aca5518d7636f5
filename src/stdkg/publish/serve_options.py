"""The settings of ``stdkg serve`` (one place, read by the server, the SPARQL route and the CLI)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    base_uri: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2
    #: admitted queries beyond the running ones; more get 503 + Retry-After
    queue: int = 16
    #: address space (MB) each query worker may add to what it holds when it starts
    query_memory: int = 1024
    #: largest request body read (bytes); more gets 413
    max_body: int = 1 << 20
    #: seconds in-flight requests get to finish once a stop was asked for
    grace: int = 2


__all__ = ["ServeOptions"]
