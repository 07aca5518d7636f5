"""What a load did: per target graph, the triples sent and the counts before and after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..vocab import DEFAULT_GRAPH

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` in triples."""

#: Appended to a graph IRI to name the graph a replacing load is staged in.
STAGING_SUFFIX = "--stdkg-staging"


def graph_label(graph: str | None) -> str:
    return "the default graph" if graph is None else f"<{graph}>"


def staging_graph(graph: str | None) -> str:
    """The graph a replacing load stages ``graph``'s new content in."""
    return (graph or DEFAULT_GRAPH + "/default") + STAGING_SUFFIX


@dataclass
class GraphResult:
    graph: str | None
    sent: int
    before: int | None
    after: int
    #: triples taken out of and put into the graph, when the load wrote only the difference
    removed: int | None = None
    added: int | None = None

    @property
    def label(self) -> str:
        return graph_label(self.graph)

    @property
    def change(self) -> str:
        """How the graph changed, when that is known: ``unchanged``, ``14 removed, 3 added``."""
        if self.removed is None or self.added is None:
            return ""
        if not self.removed and not self.added:
            return "unchanged"
        return f"{self.removed} removed, {self.added} added"


@dataclass
class LoadReport:
    protocol: str
    replace: bool
    graphs: list[GraphResult] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0

    @property
    def triples(self) -> int:
        return sum(g.sent for g in self.graphs)

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


__all__ = ["STAGING_SUFFIX", "GraphResult", "LoadReport", "ProgressCallback", "graph_label", "staging_graph"]
