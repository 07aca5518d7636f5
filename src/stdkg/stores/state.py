"""What a store holds after a load failed, found out by asking it: counts, or a read-back compared
with the old and new content. Every failure message says what was found, never what should be.

Each function returns a phrase for the error message and never raises: when the store cannot be
asked, the phrase says so and why.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import StoreError
from .http import Client
from .report import graph_label


def _triples(n: int) -> str:
    return f"{n} triple" if n == 1 else f"{n} triples"


def count_or_none(client: Client, graph: str | None) -> tuple[int | None, str]:
    """``(triples, "")``, or ``(None, why)`` when the store could not be asked."""
    try:
        return client.count(graph), ""
    except StoreError as exc:
        return None, str(exc)


def unchecked(graph: str | None, why: str) -> str:
    return f"what {graph_label(graph)} holds now could not be checked ({why})"


def holds(client: Client, graph: str | None, *, before: int | None = None, sent: int | None = None) -> str:
    """``<g> holds N triples``, set against what it had (``before``) and what was sent."""
    n, why = count_or_none(client, graph)
    label = graph_label(graph)
    if n is None:
        return unchecked(graph, why)
    if before is not None and n == before and n != sent:
        return f"{label} holds {_triples(n)}, as before"
    if sent is not None and n == sent and n != before:
        had = f" (it had {before})" if before is not None else ""
        return f"{label} holds {_triples(n)}, the number sent{had}"
    found = f"{label} holds {_triples(n)}"
    known = [f"{before} before" if before is not None else "", f"{sent} sent" if sent is not None else ""]
    known = [k for k in known if k]
    return found + (f" ({', '.join(known)})" if known else "")


def emptied(client: Client, graph: str | None, dropped: bool) -> str:
    """After a failed load into a graph that was empty, and an attempt to empty it again."""
    n, why = count_or_none(client, graph)
    label = graph_label(graph)
    if n is None:
        return f"{label} was empty before; " + unchecked(graph, why)
    if n == 0:
        return f"{label} was empty before and is empty again" if dropped else f"{label} is empty"
    return f"{label} was empty before and now holds {_triples(n)} of this load: drop it or load again"


def after_move(client: Client, graph: str | None, staging: str, *, before: int, sent: int) -> str:
    """After a ``MOVE`` of ``staging`` over ``graph`` whose answer was an error or never came."""
    target, why = count_or_none(client, graph)
    label = graph_label(graph)
    if target is None:
        return unchecked(graph, why)
    left, why = count_or_none(client, staging)
    if left is None:
        return f"{label} holds {_triples(target)}; " + unchecked(staging, why)
    if left == 0 and target == sent:
        return f"{label} holds the {_triples(sent)} sent (it had {before}): the swap took effect"
    if left == sent and target == before:
        return f"{label} keeps its {before} previous triples; the new ones are in <{staging}>"
    return f"{label} holds {_triples(target)} ({before} before, {sent} sent) and <{staging}> holds {left}"


def compared(client: Client, graph: str | None, new: set[bytes], old: set[bytes]) -> str:
    """The graph read back and compared, line by line, with its new and its previous content."""
    label = graph_label(graph)
    try:
        data = client.gsp_get(graph) or b""
    except StoreError as exc:
        return unchecked(graph, str(exc))
    found = set(data.split(b"\n"))
    found.discard(b"")
    if found == new:
        return f"{label} holds the new content ({_triples(len(new))}): the change took effect"
    if found == old:
        return f"{label} keeps its previous content ({_triples(len(old))})"
    return (
        f"{label} holds {_triples(len(found))}, neither its previous content ({len(old)}) "
        f"nor the new one ({len(new)})"
    )


def loaded_before(client: Client, graphs: Sequence[str | None]) -> str:
    """The targets that were empty and were loaded directly, before the step that failed."""
    return "loaded before that: " + "; ".join(holds(client, g, before=0) for g in graphs)


__all__ = ["after_move", "compared", "count_or_none", "emptied", "holds", "loaded_before", "unchecked"]
