"""The traversals the query helpers need, on the embedded store's networkx graph."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

import networkx as nx

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.model import Actor, Relation, RelationKind

Direction = Literal["out", "in", "both"]


class EmbeddedTraversals:
    """Reads ``MemoryStore.graph`` (never writes it)."""

    def __init__(self, store: MemoryStore) -> None:
        self.graph: nx.MultiDiGraph = store.graph

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        nodes = self.graph.nodes
        return {i: nodes[i]["actor"] for i in set(ids) if i in nodes}

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction
    ) -> list[Relation]:
        """Relations of ``kinds`` leaving (out), entering (in) or touching (both) any of ``ids``."""
        wanted = {k.value for k in kinds}
        found: dict[tuple[str, str, str], Relation] = {}
        for node in set(ids):
            if node not in self.graph:
                continue
            edges = []
            if direction in ("out", "both"):
                edges += self.graph.out_edges(node, keys=True, data="relation")
            if direction in ("in", "both"):
                edges += self.graph.in_edges(node, keys=True, data="relation")
            for _, _, key, rel in edges:
                if key in wanted:
                    found[rel.key] = rel
        return list(found.values())

    def chain(self, actor_id: str, forward: bool) -> list[Relation]:
        """Every REPLACED_BY relation reachable from ``actor_id`` along (or against) the arrows."""
        found: dict[tuple[str, str, str], Relation] = {}
        frontier = [actor_id]
        while frontier:
            step = self.around(frontier, [RelationKind.REPLACED_BY], "out" if forward else "in")
            fresh = [r for r in step if r.key not in found]
            found.update((r.key, r) for r in fresh)
            frontier = [r.target if forward else r.source for r in fresh]
        return list(found.values())

    def everything(self, kinds: Iterable[RelationKind]) -> list[Relation]:
        wanted = {k.value for k in kinds}
        return [rel for _, _, key, rel in self.graph.edges(keys=True, data="relation") if key in wanted]

    def shortest_paths(
        self, a: str, b: str, kinds: Iterable[RelationKind], as_of: date | None, max_hops: int
    ) -> list[list[Relation]]:
        """The relations along every shortest undirected path from ``a`` to ``b`` (none: empty)."""
        if a not in self.graph or b not in self.graph:
            return []
        simple = _undirected(self.everything(kinds), as_of)
        simple.add_nodes_from((a, b))
        try:
            paths = list(nx.all_shortest_paths(simple, a, b))
        except nx.NetworkXNoPath:
            return []
        return [
            [simple.edges[u, v]["relation"] for u, v in zip(nodes, nodes[1:])]
            for nodes in paths
            if len(nodes) - 1 <= max_hops
        ]


def _undirected(relations: Iterable[Relation], as_of: date | None) -> nx.Graph:
    """One edge per linked pair (the smallest relation key stands for it, as in ``shortest_path``)."""
    graph = nx.Graph()
    for rel in sorted(relations, key=lambda r: r.key, reverse=True):
        if rel.holds_on(as_of):
            graph.add_edge(rel.source, rel.target, relation=rel)
    return graph
