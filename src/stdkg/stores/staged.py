"""Replacing graphs through staging graphs: each target's new content is loaded into
``<graph>--stdkg-staging``, counted there, and one ``MOVE`` request swaps every staging graph in.

Readers never see a half-loaded graph. A target that is empty (or absent) has nothing to protect:
it is loaded directly, and emptied again if the load fails. After any failure the targets are
counted and the error says what they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import StoreError
from .errors import LoadFailed, LoadMismatch, NoAnswer, lit
from .http import Client
from .payloads import Payload
from .report import GraphResult, graph_label, staging_graph
from .state import after_move, emptied, holds, loaded_before
from .writes import drop, graph_ref, send_batches, verify


def replace_staged(
    client: Client,
    items: Sequence[Payload],
    protocol: str,
    batch: int,
    sent: Callable[[int], None],
) -> list[GraphResult]:
    """Replace graphs so that readers never see a half-loaded one (see the module docstring)."""
    before = {item.graph: client.count(item.graph) for item in items}
    staged: list[tuple[Payload, str]] = []
    loaded: list[str | None] = []  # targets that were empty and were loaded directly
    for item in items:
        direct = before[item.graph] == 0
        into = item.graph if direct else staging_graph(item.graph)
        # Nothing is written before this succeeds: bad credentials fail here, with one line.
        client.update(f"DROP SILENT {graph_ref(into)}", idempotent=True)
        if not direct:
            staged.append((item, staging_graph(item.graph)))
        pushed = [0]
        try:
            send_batches(client, protocol, into, item, batch, sent, pushed, bulk=True)
            got = client.count(into)
        except StoreError as exc:
            raise _abort(client, staged, loaded, item, pushed[0], exc, before[item.graph]) from None
        if got != item.triples:
            label = graph_label(item.graph)
            dropped = drop(client, [into, *loaded, *(s for _, s in staged if s != into)])
            if direct:
                state = "; ".join(emptied(client, g, dropped) for g in [item.graph, *loaded])
                where = "the store holds"
            else:
                state = holds(client, item.graph, before=before[item.graph])
                where = "the staging graph holds"
            raise LoadMismatch(
                item.graph,
                item.triples,
                got,
                lit(f"{label}: {where} {got} triples but {item.triples} were sent; {state}"),
            )
        if direct:
            loaded.append(item.graph)
    if staged:
        try:
            _swap(client, staged, before)
        except LoadFailed as exc:
            raise (exc.also(loaded_before(client, loaded)) if loaded else exc) from None
    return [verify(client, item, None, before[item.graph]) for item in items]


def _swap(client: Client, staged: Sequence[tuple[Payload, str]], before: dict[str | None, int]) -> None:
    """One request moving every staging graph over its target; on failure, say what each holds."""
    swap = " ;\n".join(f"MOVE SILENT GRAPH <{stage}> TO {graph_ref(item.graph)}" for item, stage in staged)
    moved = sum(2 * item.triples + before[item.graph] for item, _ in staged)  # delete, copy, delete
    try:
        client.update(swap, changes=moved)
    except StoreError as exc:
        found = "; ".join(
            after_move(client, item.graph, stage, before=before[item.graph], sent=item.triples)
            for item, stage in staged
        )
        if isinstance(exc, NoAnswer):
            head = "the swap (MOVE) was sent but not answered: {cause}; the store may still be applying it"
        else:
            head = "the swap (MOVE) failed: {cause}"
        raise LoadFailed(f"{head}; checked afterwards: {lit(found)}", cause=exc) from None


def _abort(
    client: Client,
    staged: list[tuple[Payload, str]],
    loaded: list[str | None],
    item: Payload,
    pushed: int,
    exc: StoreError,
    before: int,
) -> LoadFailed:
    """Clean up after a failed batch; the error, with what the store was found to hold."""
    head = f"load failed after {pushed} of {item.triples} triples: {{cause}}"
    if before == 0:  # loaded directly into the target: empty it (and those loaded before it) again
        dropped = drop(client, [item.graph, *loaded, *(s for _, s in staged)])
        found = "; ".join(emptied(client, g, dropped) for g in [item.graph, *loaded])
        return LoadFailed(f"{head}; {lit(found)}", cause=exc)
    dropped = drop(client, [*loaded, *(s for _, s in staged)])
    label = graph_label(item.graph)
    found = holds(client, item.graph, before=before)
    if loaded:
        found += "; " + "; ".join(emptied(client, g, dropped) for g in loaded)
    staging = (
        "staging graph removed" if dropped else f"staging graph <{staging_graph(item.graph)}> may remain"
    )
    return LoadFailed(f"{head}; nothing was written into {lit(label)}; {lit(found)}; {staging}", cause=exc)


__all__ = ["replace_staged"]
