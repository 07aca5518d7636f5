"""Replacing graphs in an Oxigraph server: bulk loads, and only the difference in one transaction.

Oxigraph bulk-loads fast (``POST /store?graph=…&no_transaction``) but changes triples in a
transaction at a tenth of that speed, so staging a whole graph and swapping it with ``MOVE`` costs
minutes at a million triples. Instead each target is read back (Graph Store GET, started while the
KG is parsed: :func:`start_read_back`) and compared with the payload; one update request deletes
the removed triples and inserts the added ones in every target, and Oxigraph runs it as one
transaction. An empty target is bulk-loaded directly. A difference too large for one request is
bulk-loaded into two staging graphs per target first and swapped in from there. The counts are
checked after the swap, which is undone when they differ. Graphs with blank nodes (which
``DELETE DATA`` cannot name) go the staged way (:mod:`stdkg.stores.staged`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import StdkgError, StoreError
from ..vocab import DEFAULT_GRAPH
from .errors import LoadFailed, LoadMismatch, NoAnswer, lit
from .http import Client
from .payloads import Payload, batches, has_blank_nodes
from .profiles import Endpoints
from .report import GraphResult, graph_label, staging_graph
from .staged import replace_staged
from .state import compared, emptied, holds, loaded_before
from .writes import DEFAULT_BATCH, drop

#: A difference is sent inside the swap request itself up to this many bytes of N-Triples; a larger
#: one is bulk-loaded into staging graphs first (Oxigraph refuses update bodies over 128 MB, and its
#: bulk loader writes many times faster than a transaction).
DIFF_DATA_BYTES = 32 << 20
#: Appended to a graph IRI to name the staging graphs of a large difference.
REMOVED_SUFFIX = "--stdkg-removed"
ADDED_SUFFIX = "--stdkg-added"


def aux_graphs(graph: str | None) -> tuple[str, str]:
    """The staging graphs of a large difference: (removed triples, added triples)."""
    base = graph or DEFAULT_GRAPH + "/default"
    return base + REMOVED_SUFFIX, base + ADDED_SUFFIX


@dataclass
class Diff:
    """What changes in one target: the triples (N-Triples lines) to remove and to add."""

    item: Payload
    before: int
    removed: list[bytes]
    added: list[bytes]

    @property
    def size(self) -> int:
        return sum(map(len, self.removed)) + sum(map(len, self.added)) + len(self.removed) + len(self.added)

    def contents(self) -> tuple[set[bytes], set[bytes]]:
        """The target's (new, previous) content as sets of lines."""
        new = set(self.item.data.split(b"\n"))
        new.discard(b"")
        return new, (new - set(self.added)) | set(self.removed)


def diff(item: Payload, old: bytes) -> Diff:
    """Compare a graph's N-Triples as the store sent them with the payload, line by line.

    Both sides are Oxigraph's canonical N-Triples (the payload comes from a pyoxigraph store), so a
    triple has one spelling; a spelling the store would canonicalise only costs a needless
    delete-and-insert of that triple, never a wrong result.
    """
    new = set(item.data.split(b"\n"))
    new.discard(b"")
    before = set(old.split(b"\n"))
    before.discard(b"")
    return Diff(item, len(before), sorted(before - new), sorted(new - before))


def writes_differences(endpoints: Endpoints, replace: bool, protocol: str | None) -> bool:
    """Whether a load replaces graphs the Oxigraph way (:func:`replace_oxigraph`)."""
    return (
        replace
        and endpoints.store == "oxigraph"
        and bool(endpoints.update and endpoints.gsp)
        and protocol in (None, "gsp")
    )


class ReadBack:
    """Target graphs read back from the store in a background thread (see :func:`start_read_back`)."""

    def __init__(self, endpoints: Endpoints, graphs: Sequence[str | None]) -> None:
        self._endpoints = endpoints
        self._graphs = list(graphs)
        self._found: dict[str | None, bytes | None] = {}
        self._error: StdkgError | None = None
        self._thread = threading.Thread(target=self._run, name="stdkg-read-back", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with Client(self._endpoints) as client:
                for graph in self._graphs:
                    self._found[graph] = client.gsp_get(graph)
        except StdkgError as exc:
            self._error = exc

    def take(self, graph: str | None) -> tuple[bool, bytes | None]:
        """``(True, N-Triples or None when absent)`` once read; ``(False, None)`` if not asked for."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if graph not in self._found:
            return False, None
        return True, self._found.pop(graph)


def start_read_back(
    endpoints: Endpoints, graphs: Sequence[str | None], *, replace: bool = True, protocol: str | None = None
) -> ReadBack | None:
    """Start reading the target graphs back, for a replacing load that compares them with the payload.

    Reading a large graph back takes the server about as long as parsing the KG takes the client,
    so a caller starts this before building the payload and passes it to :func:`~stdkg.stores.load`.
    ``None`` when the load will not compare (not Oxigraph, not replacing, ``--protocol update``).
    """
    if not writes_differences(endpoints, replace, protocol):
        return None
    return ReadBack(endpoints, graphs)


def replace_oxigraph(
    client: Client,
    items: Sequence[Payload],
    batch: int | None,
    sent: Callable[[int], None],
    read_back: ReadBack | None = None,
) -> list[GraphResult]:
    """Replace graphs in an Oxigraph server, writing only what changed (see the module docstring)."""
    diffs: dict[int, Diff] = {}
    for i, item in enumerate(items):
        found, old = read_back.take(item.graph) if read_back else (False, None)
        if not found:
            old = client.gsp_get(item.graph)
        old = old or b""
        if item.blank_nodes or has_blank_nodes(old):
            return replace_staged(client, items, "gsp", batch or DEFAULT_BATCH["gsp"], sent)
        if old.strip():
            diffs[i] = diff(item, old)
    leftovers = [g for item in items for g in (*aux_graphs(item.graph), staging_graph(item.graph))]
    # Nothing is written before this succeeds; it also drops what an interrupted load left behind.
    client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers), idempotent=True)
    results: dict[int, GraphResult] = {}
    for i, item in enumerate(items):
        if i not in diffs:
            results[i] = _load_empty(client, item, batch, sent)
    changed = [d for d in diffs.values() if d.removed or d.added]
    for d in diffs.values():
        if not (d.removed or d.added):
            sent(d.item.triples)
    staged = sum(d.size for d in changed) > DIFF_DATA_BYTES
    try:
        if staged:
            _stage_diffs(client, changed, batch, sent)
        if changed:
            _swap(client, changed, staged)
    except LoadFailed as exc:
        loaded = [results[i].graph for i in sorted(results)]
        raise (exc.also(loaded_before(client, loaded)) if loaded else exc) from None
    if changed:
        for d in changed:
            sent(d.item.triples - (len(d.added) if staged else 0))
    mismatches = []
    for i, d in diffs.items():
        after = client.count(d.item.graph)
        results[i] = GraphResult(d.item.graph, d.item.triples, d.before, after, len(d.removed), len(d.added))
        if after != d.item.triples:
            mismatches.append(results[i])
    if mismatches:
        raise _undo(client, changed, staged, mismatches)
    if staged:
        drop(client, [g for d in changed for g in aux_graphs(d.item.graph)], _changes(changed))
    return [results[i] for i in range(len(items))]


def _bulk_post(
    client: Client,
    graph: str | None,
    data: bytes,
    triples: int,
    batch: int | None,
    sent: Callable[[int], None],
) -> Iterator[int]:
    """POST N-Triples through Oxigraph's bulk loader; yield the triples acknowledged after each request."""
    for chunk, n in batches(data, triples, batch or triples):
        client.gsp_send("POST", graph, chunk, bulk=True, progress=sent)
        yield n


def _load_empty(client: Client, item: Payload, batch: int | None, sent: Callable[[int], None]) -> GraphResult:
    label = graph_label(item.graph)
    pushed = 0
    try:
        for n in _bulk_post(client, item.graph, item.data, item.triples, batch, sent):
            pushed += n
        got = client.count(item.graph)
    except StoreError as exc:
        found = emptied(client, item.graph, drop(client, [item.graph]))
        raise LoadFailed(
            f"load failed after {pushed} of {item.triples} triples: {{cause}}; {lit(found)}", cause=exc
        ) from None
    if got != item.triples:
        found = emptied(client, item.graph, drop(client, [item.graph], got))
        raise LoadMismatch(
            item.graph,
            item.triples,
            got,
            lit(f"{label}: the store holds {got} triples but {item.triples} were sent; {found}"),
        )
    return GraphResult(item.graph, item.triples, 0, got, 0, got)


def _stage_diffs(
    client: Client, diffs: Sequence[Diff], batch: int | None, sent: Callable[[int], None]
) -> None:
    """Bulk-load each difference into its staging graphs and count them there."""
    staging = [g for d in diffs for g in aux_graphs(d.item.graph)]
    for d in diffs:
        label = graph_label(d.item.graph)
        removed_graph, added_graph = aux_graphs(d.item.graph)
        # progress counts the added triples (what the payload brings); the removed ones are extra
        for graph, lines, progress in ((removed_graph, d.removed, _ignore), (added_graph, d.added, sent)):
            if not lines:
                continue
            data = b"\n".join(lines) + b"\n"
            pushed = 0
            try:
                for n in _bulk_post(client, graph, data, len(lines), batch, progress):
                    pushed += n
                got = client.count(graph)
            except StoreError as exc:
                dropped = drop(client, staging, _changes(diffs))
                state = "staging graphs removed" if dropped else "its staging graphs may remain"
                found = holds(client, d.item.graph, before=d.before)
                raise LoadFailed(
                    lit(
                        f"load failed while staging the changes of {label} ({pushed} of {len(lines)} "
                        f"triples into <{graph}>): "
                    )
                    + "{cause}"
                    + lit(f"; nothing was written into {label}; {found}; {state}"),
                    cause=exc,
                ) from None
            if got != len(lines):
                drop(client, staging, _changes(diffs))
                found = holds(client, d.item.graph, before=d.before)
                raise LoadMismatch(
                    d.item.graph,
                    len(lines),
                    got,
                    lit(
                        f"{label}: the staging graph <{graph}> holds {got} triples but {len(lines)} "
                        f"were sent; {found}"
                    ),
                )


def _ignore(n: int) -> None:
    pass


def swap_request(diffs: Sequence[Diff], staged: bool, *, undo: bool = False) -> bytes:
    """One update: per target, delete the removed triples and insert the added ones (or the reverse)."""
    parts: list[bytes] = []
    for d in diffs:
        target = d.item.graph
        removed_graph, added_graph = aux_graphs(target)
        out, into = (d.added, d.removed) if undo else (d.removed, d.added)
        out_graph, into_graph = (added_graph, removed_graph) if undo else (removed_graph, added_graph)
        pattern = "?s ?p ?o" if target is None else f"GRAPH <{target}> {{ ?s ?p ?o }}"
        for op, lines, source in (("DELETE", out, out_graph), ("INSERT", into, into_graph)):
            if not lines:
                continue
            if staged:
                parts.append(f"{op} {{ {pattern} }} WHERE {{ GRAPH <{source}> {{ ?s ?p ?o }} }}".encode())
            else:
                head, tail = (
                    (f"{op} DATA {{\n", "}")
                    if target is None
                    else (f"{op} DATA {{ GRAPH <{target}> {{\n", "}\n}")
                )
                parts.append(head.encode() + b"\n".join(lines) + b"\n" + tail.encode())
    return b" ;\n".join(parts)


def _changes(diffs: Sequence[Diff]) -> int:
    return sum(len(d.removed) + len(d.added) for d in diffs)


def _compare_all(client: Client, diffs: Sequence[Diff]) -> str:
    return "; ".join(compared(client, d.item.graph, *d.contents()) for d in diffs)


def _swap(client: Client, diffs: Sequence[Diff], staged: bool) -> None:
    try:
        client.update(swap_request(diffs, staged), changes=_changes(diffs))
    except StoreError as exc:
        found = _compare_all(client, diffs)
        if isinstance(exc, NoAnswer):
            head = "the swap was sent but not answered: {cause}; the store may still be applying it"
        else:
            head = "the swap failed: {cause}"
        left = ""
        if staged:
            dropped = drop(client, [g for d in diffs for g in aux_graphs(d.item.graph)], _changes(diffs))
            left = "; staging graphs removed" if dropped else "; staging graphs may remain"
        raise LoadFailed(f"{head}; checked afterwards: {lit(found)}{left}", cause=exc) from None


def _undo(
    client: Client, diffs: Sequence[Diff], staged: bool, mismatches: Sequence[GraphResult]
) -> StoreError:
    """Put the previous content back after a swap whose counts are wrong; the error to raise."""
    first = mismatches[0]
    if not diffs:  # nothing was written: the graphs were already as they should be, by our reading
        return LoadMismatch(
            first.graph,
            first.sent,
            first.after,
            lit(
                f"{first.label}: the store holds {first.after} triples but {first.sent} were sent (nothing was written)"
            ),
        )
    head = f"{first.label}: the store holds {first.after} triples after the swap but {first.sent} were sent"
    try:
        client.update(swap_request(diffs, staged, undo=True), changes=_changes(diffs))
    except StoreError as exc:
        failed = f"{head}; undoing the swap failed ({exc})"
        return LoadMismatch(
            first.graph, first.sent, first.after, lit(f"{failed}; {_compare_all(client, diffs)}")
        )
    finally:
        if staged:
            drop(client, [g for d in diffs for g in aux_graphs(d.item.graph)], _changes(diffs))
    found = _compare_all(client, diffs)
    return LoadMismatch(first.graph, first.sent, first.after, lit(f"{head}; the swap was undone: {found}"))


__all__ = [
    "ADDED_SUFFIX",
    "DIFF_DATA_BYTES",
    "REMOVED_SUFFIX",
    "Diff",
    "ReadBack",
    "aux_graphs",
    "diff",
    "replace_oxigraph",
    "start_read_back",
    "swap_request",
    "writes_differences",
]
