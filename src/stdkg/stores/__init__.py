"""Triple stores: loading the graph into one over HTTP, verified, and reading graphs back.

One module per concern, each importing only the ones listed before it:

* :mod:`~stdkg.stores.errors` — what can go wrong, as errors with structured fields;
* :mod:`~stdkg.stores.profiles` — store products → query/update/Graph Store URLs, credentials;
* :mod:`~stdkg.stores.http` — HTTP through httpx: authentication, timeouts, retries, uploads;
* :mod:`~stdkg.stores.payloads` — what is sent: N-Triples per graph, batches, literal normalisation;
* :mod:`~stdkg.stores.report` — what a load did, graph by graph;
* :mod:`~stdkg.stores.state` — what a store holds after a failure, found out by asking it;
* :mod:`~stdkg.stores.writes` — steps shared by the load strategies;
* the strategies: :mod:`~stdkg.stores.staged` (staging + ``MOVE``), :mod:`~stdkg.stores.direct`
  (``PUT``, append), :mod:`~stdkg.stores.oxigraph` (only the difference, in one transaction);
* :mod:`~stdkg.stores.load` — which strategy, then the counts verified;
* :mod:`~stdkg.stores.dump` — a graph read back, counted, dropped.
"""

from __future__ import annotations

from ..vocab import DEFAULT_GRAPH
from .dump import count, drop, dump
from .errors import AuthenticationFailed, LoadFailed, LoadMismatch, SettingError, StoreProblem
from .http import Client
from .load import load
from .oxigraph import ReadBack, start_read_back
from .payloads import Payload, batches, has_blank_nodes, normalise_literal, payload_from_bytes, payloads
from .profiles import Credentials, Endpoints, resolve
from .report import GraphResult, LoadReport, graph_label, staging_graph

__all__ = [
    "DEFAULT_GRAPH",
    "AuthenticationFailed",
    "Client",
    "Credentials",
    "Endpoints",
    "GraphResult",
    "LoadFailed",
    "LoadMismatch",
    "LoadReport",
    "Payload",
    "ReadBack",
    "SettingError",
    "StoreProblem",
    "batches",
    "count",
    "drop",
    "dump",
    "graph_label",
    "has_blank_nodes",
    "load",
    "normalise_literal",
    "payload_from_bytes",
    "payloads",
    "resolve",
    "staging_graph",
    "start_read_back",
]
