"""Steps every load strategy shares: sending a payload in batches, dropping graphs, verifying the
count a store reports against what was sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import StoreError
from .errors import LoadFailed, LoadMismatch, lit
from .http import Client
from .payloads import Payload, batches, insert_data
from .report import GraphResult, graph_label

#: Triples per request (about: batches are cut at line ends of the N-Triples text). Few large
#: requests load fastest (Oxigraph commits each bulk request separately); update bodies stay smaller
#: because stores cap their size (Oxigraph: 128 MB).
DEFAULT_BATCH = {"gsp": 500_000, "update": 50_000}
#: Smaller ``INSERT DATA`` batches where a store's SPARQL compiler needs them (Virtuoso 7 runs out of
#: parser memory at about 5 000 triples in one request: "SP030 … memory exhausted").
STORE_UPDATE_BATCH = {"virtuoso": 2_000}


def graph_ref(graph: str | None) -> str:
    """A graph in SPARQL Update's graph management operations."""
    return "DEFAULT" if graph is None else f"GRAPH <{graph}>"


def send_batches(
    client: Client,
    protocol: str,
    graph: str | None,
    item: Payload,
    batch: int,
    sent: Callable[[int], None],
    pushed: list[int],
    *,
    bulk: bool = False,
) -> int:
    """Send a payload in batches (one request if it has blank nodes); return the triples sent.

    ``pushed[0]`` follows the triples acknowledged so far. ``bulk``: the graph is private to this
    load (staging, or empty before), so a store's non-transactional bulk path may be used.
    """
    size = item.triples if item.blank_nodes else batch
    count = 0
    for chunk, n in batches(item.data, item.triples, size):
        if protocol == "gsp":
            client.gsp_send("POST", graph, chunk, bulk=bulk)
        else:
            try:
                client.update(insert_data(graph, chunk))
            except StoreError as exc:
                text = str(exc)
                if n > 1 and ("memory exhausted" in text or "HTTP 413" in text):
                    raise LoadFailed(
                        f"{{cause}} (the batch of {n} triples is too large: try a smaller {{batch}})",
                        cause=exc,
                    ) from None
                raise
        count += n
        pushed[0] = count
        sent(n)
    return count


def drop(client: Client, graphs: Sequence[str | None], changes: int = 0) -> bool:
    """Drop graphs in one request; whether the store said it did."""
    if not graphs:
        return True
    try:
        client.update(
            " ;\n".join(f"DROP SILENT {graph_ref(g)}" for g in graphs), idempotent=True, changes=changes
        )
    except StoreError:
        return False
    return True


def verify(client: Client, item: Payload, before: int | None, replaced: int | None = None) -> GraphResult:
    """Count a target after a load: exactly what was sent (``before=None``: a replace), or between
    what was sent and that plus what it held (an append to ``before`` triples)."""
    after = client.count(item.graph)
    label = lit(graph_label(item.graph))
    if before is None:
        if after != item.triples:
            raise LoadMismatch(
                item.graph,
                item.triples,
                after,
                f"{label}: the store holds {after} triples but {item.triples} were sent",
            )
    elif not (item.triples <= after <= before + item.triples):
        raise LoadMismatch(
            item.graph,
            item.triples,
            after,
            f"{label}: the store holds {after} triples after appending {item.triples} to {before}",
        )
    return GraphResult(item.graph, item.triples, before if before is not None else replaced, after)


__all__ = ["DEFAULT_BATCH", "STORE_UPDATE_BATCH", "drop", "graph_ref", "send_batches", "verify"]
