"""Reading from a store: a graph back (``dump``), its size (``count``); and removing one (``drop``)."""

from __future__ import annotations

from ..formats import RdfFormat
from ..vocab import PREFIXES
from .errors import AuthenticationFailed, BadAnswer, GraphAbsent, SettingError, lit
from .http import Client
from .profiles import Endpoints
from .report import graph_label
from .writes import graph_ref


def dump(endpoints: Endpoints, graph: str | None, fmt: RdfFormat = RdfFormat.TURTLE) -> bytes:
    """A graph read back from the store (GSP GET, else CONSTRUCT), serialized as ``fmt``."""
    if fmt.supports_datasets and fmt is not RdfFormat.JSON_LD:
        raise SettingError(
            "format", lit(f"dump writes one graph: use a triples format, not {fmt.short}"), fmt.short
        )
    with Client(endpoints) as client:
        data = _read(client, endpoints, graph)
        import pyoxigraph as ox

        store = ox.Store()
        try:
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        except SyntaxError as exc:
            raise BadAnswer(
                endpoints.gsp or endpoints.query or "", f"sent unreadable N-Triples: {exc}"
            ) from None
        if endpoints.query:
            expected = client.count(graph)
            got = len(store)
            if got < expected:
                raise BadAnswer(
                    endpoints.query,
                    f"sent {got} of the {expected} triples of {graph_label(graph)} "
                    "(truncated answer; for Virtuoso raise [SPARQL] ResultSetMaxRows)",
                )
    prefixes = None
    if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML):
        prefixes = {p: ns for p, ns in PREFIXES.items() if b"<" + ns.encode() in data}
    # Sorted by subject so Turtle groups each resource's triples together.
    triples = sorted(
        (q.triple for q in store), key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
    )
    return ox.serialize(triples, format=fmt.to_oxigraph(), prefixes=prefixes) or b""


def _read(client: Client, endpoints: Endpoints, graph: str | None) -> bytes:
    if endpoints.gsp:
        try:
            data = client.gsp_get(graph)
        except AuthenticationFailed:
            # e.g. Virtuoso's GSP endpoint wants Digest even for reads: CONSTRUCT works anonymously
            if endpoints.credentials is not None or not endpoints.query:
                raise
        else:
            if data is None:
                raise GraphAbsent(client.gsp_url(graph), graph_label(graph))
            return data
    if endpoints.query:
        return client.construct(graph)
    raise SettingError("query", "dump needs a Graph Store or query endpoint ({store}/{url})")


def count(endpoints: Endpoints, graph: str | None) -> int:
    """Triples in one graph of the store."""
    with Client(endpoints) as client:
        return client.count(graph)


def drop(endpoints: Endpoints, graph: str | None) -> None:
    """Remove a graph (idempotent)."""
    with Client(endpoints) as client:
        if endpoints.update:
            client.update(f"DROP SILENT {graph_ref(graph)}", idempotent=True)
        else:
            client.gsp_delete(graph)


__all__ = ["count", "drop", "dump"]
