"""Writing straight into the targets: a replace by one Graph Store ``PUT`` per graph (for stores
without an update endpoint), and an append (``POST`` or ``INSERT DATA`` batches). After a failure
the target is counted and the error says what it holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import StoreError
from .errors import LoadFailed, lit
from .http import Client
from .payloads import Payload
from .report import GraphResult, graph_label
from .state import holds
from .writes import send_batches, verify


def replace_by_put(
    client: Client, items: Sequence[Payload], sent: Callable[[int], None]
) -> list[GraphResult]:
    """Replace each graph with one PUT (as atomic as the store makes it)."""
    results = []
    for item in items:
        previous = client.count(item.graph)
        try:
            client.gsp_send("PUT", item.graph, item.data)
        except StoreError as exc:
            found = holds(client, item.graph, before=previous, sent=item.triples)
            raise LoadFailed(
                f"load of {lit(graph_label(item.graph))} failed: {{cause}}; {lit(found)}", cause=exc
            ) from None
        sent(item.triples)
        results.append(verify(client, item, None, previous))
    return results


def append(
    client: Client,
    items: Sequence[Payload],
    protocol: str,
    batch: int,
    sent: Callable[[int], None],
) -> list[GraphResult]:
    """Add each payload to its graph, in batches."""
    results = []
    for item in items:
        before = client.count(item.graph)
        pushed = [0]
        try:
            send_batches(client, protocol, item.graph, item, batch, sent, pushed)
        except StoreError as exc:
            found = holds(client, item.graph, before=before)
            raise LoadFailed(
                f"append to {lit(graph_label(item.graph))} failed after {pushed[0]} of {item.triples} "
                f"triples: {{cause}}; {lit(found)}",
                cause=exc,
            ) from None
        results.append(verify(client, item, before))
    return results


__all__ = ["append", "replace_by_put"]
