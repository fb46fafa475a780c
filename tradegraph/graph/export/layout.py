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
KAMADA_KAWAI_LIMIT = 150  # nodes in one component; its cost grows with the square
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
        packed = packed_components(nodes, edges, seed=seed)
        return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in packed.items()}
    xy = fruchterman_reingold(len(nodes), _index_pairs(nodes, edges), seed=seed)
    return {
        n: (round(float(x * scale), 1), round(float(y * scale), 1))
        for n, (x, y) in zip(nodes, xy, strict=True)
    }


def packed_components(
    nodes: Sequence[Hashable], edges: list[tuple[Hashable, Hashable]], *, seed: int
) -> dict[Hashable, tuple[float, float]]:
    """Each connected component laid out on its own (area by its size), packed in rows, largest
    first, actors without relations in a grid below: isolated actors do not squeeze the rest.

    Positions are in about ``[-1, 1]``.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    order = {n: i for i, n in enumerate(nodes)}
    parts = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    boxes: list[tuple[dict[Hashable, tuple[float, float]], float]] = []
    for part in parts:
        if len(part) == 1:
            boxes.append(({part[0]: (0.0, 0.0)}, 0.5))
            continue
        pos = _component_layout(graph.subgraph(part), seed)
        radius = math.sqrt(len(part))
        boxes.append(({n: (float(x) * radius, float(y) * radius) for n, (x, y) in pos.items()}, radius))
    return _normalised(_rows(boxes))


def _component_layout(sub, seed: int):  # type: ignore[no-untyped-def]
    """Kamada-Kawai (even spacing, readable labels) for small components when scipy is there, else spring."""
    import networkx as nx

    if len(sub) <= KAMADA_KAWAI_LIMIT:
        try:
            return nx.kamada_kawai_layout(sub, pos=nx.circular_layout(sub))
        except ImportError:  # scipy is optional
            pass
    return nx.spring_layout(sub, seed=seed, k=2.4 / math.sqrt(len(sub)), iterations=100)


def _rows(
    boxes: list[tuple[dict[Hashable, tuple[float, float]], float]],
) -> dict[Hashable, tuple[float, float]]:
    """Place the boxes (positions around 0 within ``radius``) left to right in rows of a square-ish width."""
    width = max(2 * boxes[0][1], math.sqrt(sum((2 * r + 1) ** 2 for _, r in boxes)))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, radius in boxes:
        side = 2 * radius + 1  # a margin of half a unit around each component
        if x > 0 and x + side > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (x + side / 2 + px, y + side / 2 + py)
        x += side
        row_height = max(row_height, side)
    return out


def _normalised(pos: dict[Hashable, tuple[float, float]]) -> dict[Hashable, tuple[float, float]]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((x - cx) / half, (y - cy) / half) for n, (x, y) in pos.items()}


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
