"""Node positions for the graph page, computed in Python so that large pages need no physics.

Small graphs use ``networkx.spring_layout``. From ``NX_LAYOUT_LIMIT`` nodes on, networkx
switches to scipy-based solvers that took 35-70 s for 2,000 nodes here, so a vectorised
Fruchterman-Reingold in numpy (the same forces, repulsion computed in row blocks to bound
memory) takes over; it lays out 2,000 nodes in a few seconds.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

NX_LAYOUT_LIMIT = 500
ITERATIONS = 50
# Pull towards the centre; repulsion from all n nodes is about 1/d (n·k² = 1), so an isolated
# node settles near distance 1/sqrt(GRAVITY) instead of at the edge of the page.
GRAVITY = 4.0
BLOCK_ROWS = 512  # rows of the pairwise-distance matrices held at once (512 x n floats each)


def positions(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int,
    scale: float,
) -> dict[Hashable, tuple[float, float]]:
    """Seeded force-directed positions in ``[-scale, scale]``, the same for the same input."""
    if not nodes:
        return {}
    edges = list(edges)
    if len(nodes) < NX_LAYOUT_LIMIT:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
        pos = nx.spring_layout(graph, seed=seed, scale=scale)
        return {n: (round(float(pos[n][0]), 1), round(float(pos[n][1]), 1)) for n in nodes}
    xy = fruchterman_reingold(len(nodes), _index_pairs(nodes, edges), seed=seed)
    return {
        n: (round(float(x * scale), 1), round(float(y * scale), 1))
        for n, (x, y) in zip(nodes, xy, strict=True)
    }


def _index_pairs(nodes: Sequence[Hashable], edges: list[tuple[Hashable, Hashable]]) -> list[tuple[int, int]]:
    index = {n: i for i, n in enumerate(nodes)}
    return [(index[a], index[b]) for a, b in edges if a != b]


def fruchterman_reingold(n: int, pairs: list[tuple[int, int]], *, seed: int, iterations: int = ITERATIONS):  # type: ignore[no-untyped-def]
    """An ``n x 2`` array of positions in ``[-1, 1]``: repulsion k²/d between all pairs,
    attraction d²/k along edges, a weak gravity, moves capped by a temperature that cools linearly."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    src = np.array([a for a, _ in pairs], dtype=np.int64)
    dst = np.array([b for _, b in pairs], dtype=np.int64)
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        x, y = pos[:, 0], pos[:, 1]
        for start in range(0, n, BLOCK_ROWS):
            rows = slice(start, start + BLOCK_ROWS)
            dx, dy = x[rows, None] - x[None, :], y[rows, None] - y[None, :]
            weight = dx * dx + dy * dy
            np.maximum(weight, 1e-6, out=weight)
            np.divide(k * k, weight, out=weight)  # (k²/d) along the unit vector: delta * k²/d²
            disp[rows, 0] += np.einsum("ij,ij->i", weight, dx)
            disp[rows, 1] += np.einsum("ij,ij->i", weight, dy)
        if len(pairs):
            delta = pos[src] - pos[dst]
            pull = delta * (np.linalg.norm(delta, axis=1, keepdims=True) / k)
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= GRAVITY * (pos - pos.mean(axis=0))  # keeps unconnected actors from drifting to the rim
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos += disp / length * np.minimum(length, temperature)
        temperature -= cooling
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-9)
