"""``load``: choose how to write the payloads into a store, write them, verify the counts.

* into Oxigraph, replacing: only the difference, in one transaction (:mod:`.oxigraph`);
* replacing, with an update endpoint: staging graphs swapped in with one ``MOVE`` (:mod:`.staged`);
* replacing, with only a Graph Store endpoint: one ``PUT`` per graph (:mod:`.direct`);
* appending: ``POST`` or ``INSERT DATA`` batches (:mod:`.direct`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from .direct import append, replace_by_put
from .errors import SettingError, lit
from .http import Client
from .oxigraph import ReadBack, replace_oxigraph, writes_differences
from .payloads import Payload
from .profiles import Endpoints
from .report import LoadReport, ProgressCallback
from .staged import replace_staged
from .writes import DEFAULT_BATCH, STORE_UPDATE_BATCH


def _check(endpoints: Endpoints, items: Sequence[Payload], protocol: str, batch: int | None) -> None:
    if protocol not in ("gsp", "update"):
        raise SettingError("protocol", lit(f"unknown protocol {protocol!r} (use gsp or update)"), protocol)
    if protocol == "gsp" and not endpoints.gsp:
        raise SettingError("protocol", "{protocol} gsp needs a Graph Store endpoint ({store}/{url} or {gsp})")
    if protocol == "update" and not endpoints.update:
        raise SettingError(
            "protocol", "{protocol} update needs an update endpoint ({store}/{url} or {update})"
        )
    if batch is not None and batch <= 0:
        raise SettingError("batch", "{batch} must be a positive number of triples", str(batch))
    for item in items:
        if item.graph is None and not endpoints.default_graph_writable:
            raise SettingError(
                "graph",
                f"{endpoints.store.capitalize()} has no writable default graph over HTTP: "
                "load into a named graph ({graph} IRI)",
            )


def load(
    endpoints: Endpoints,
    items: Sequence[Payload],
    *,
    replace: bool = True,
    protocol: str | None = None,
    batch: int | None = None,
    progress: ProgressCallback | None = None,
    client: Client | None = None,
    read_back: ReadBack | None = None,
) -> LoadReport:
    """Load payloads into a store and verify the counts; see the module docstring.

    ``read_back`` (from :func:`~stdkg.stores.start_read_back`) holds target graphs already being
    read back. A ``client`` given is left open; one made here is closed.
    """
    protocol = protocol or ("gsp" if endpoints.gsp else "update")
    _check(endpoints, items, protocol, batch)
    fast = writes_differences(endpoints, replace, protocol)
    if not batch and not fast:
        batch = DEFAULT_BATCH[protocol]
        if protocol == "update":
            batch = STORE_UPDATE_BATCH.get(endpoints.store, batch)
    started = time.monotonic()
    report = LoadReport(protocol, replace)
    total = sum(p.triples for p in items)
    done = [0]

    def sent(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    if progress:
        progress(0, total)
    own = client is None
    client = client or Client(endpoints)
    try:
        if fast:
            report.graphs = replace_oxigraph(client, items, batch, sent, read_back)
        elif replace and endpoints.update:
            assert batch is not None
            report.graphs = replace_staged(client, items, protocol, batch, sent)
        elif replace:
            report.graphs = replace_by_put(client, items, sent)
        else:
            assert batch is not None
            report.graphs = append(client, items, protocol, batch, sent)
    finally:
        if own:
            client.close()
    report.seconds = time.monotonic() - started
    report.requests = client.requests
    return report


__all__ = ["load"]
