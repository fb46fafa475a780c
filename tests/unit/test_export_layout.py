"""Positions for the graph page: seeded, bounded, and they keep connected actors together."""

from __future__ import annotations

import math
import random

import pytest

from tradegraph.graph.export.layout import NX_LAYOUT_LIMIT, positions


def _two_clusters(n: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Two random clusters of n/2 nodes (each node tied to 4 others of its own), one bridge."""
    rng = random.Random(5)
    half = n // 2
    nodes = [f"a{i}" for i in range(half)] + [f"b{i}" for i in range(half)]
    edges = [(f"{c}{i}", f"{c}{rng.randrange(half)}") for c in "ab" for i in range(half) for _ in range(4)]
    return nodes, [(u, v) for u, v in edges if u != v] + [("a0", "b0")]


@pytest.mark.parametrize("n", [40, NX_LAYOUT_LIMIT + 100])
def test_layout_is_seeded_bounded_and_clusters(n: int) -> None:
    nodes, edges = _two_clusters(n)
    first = positions(nodes, edges, seed=3, scale=100.0)
    assert first == positions(nodes, edges, seed=3, scale=100.0)
    assert set(first) == set(nodes)
    assert all(math.isfinite(v) and abs(v) <= 100.0 for xy in first.values() for v in xy)

    def centre(prefix: str) -> tuple[float, float]:
        pts = [xy for node, xy in first.items() if node.startswith(prefix)]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

    (ax, ay), (bx, by) = centre("a"), centre("b")
    spread = sum(math.dist(first[node], (ax, ay)) for node in nodes if node.startswith("a")) / (n // 2)
    assert math.dist((ax, ay), (bx, by)) > spread  # the two clusters are apart


def test_layout_of_nothing_is_empty() -> None:
    assert positions([], [], seed=1, scale=10.0) == {}
