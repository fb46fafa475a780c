"""Graph analytics over the relation graph that stay bounded on large graphs.

Betweenness centrality (who brokers between others) is exact up to ``EXACT_MAX_NODES`` actors.
Exact betweenness costs one shortest-path search from every actor (O(n·m): 97 s on 6,000
actors), so larger graphs are *sampled*: Brandes and Pich's estimator runs the searches from
``SAMPLES`` source actors drawn with a fixed seed (the same answer every run) and scales.

Error bound: each sampled source contributes ``δ_s(v) / (n - 2)``, a value in [0, 1], and the
normalised betweenness of ``v`` is the mean of these over all sources, so by Hoeffding's
inequality the estimate from ``k`` sources is within ``ε = sqrt(ln(2/δ) / (2k))`` of the exact
score with probability at least ``1 - δ`` for each actor: ±0.12 at 95 % for ``k = 128``
(``error_bound``). Graphs whose sampled cost ``k·m`` exceeds ``MAX_WORK`` edge visits are
refused with TG447 instead of running for hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from tradegraph.graph.errors import UnsupportedError

EXACT_MAX_NODES = 500
SAMPLES = 128
SEED = 16  # fixed: the same graph gives the same brokers every time
CONFIDENCE = 0.95
MAX_WORK = 100_000_000  # sources x edges: about a minute of networkx


@dataclass(frozen=True, slots=True)
class Betweenness:
    """Normalised betweenness per node, and how far each may be from the exact value."""

    scores: dict[str, float]
    samples: int  # sources searched; the node count when exact
    error: float  # 0.0 when exact, else the Hoeffding bound at ``CONFIDENCE``

    @property
    def exact(self) -> bool:
        return self.error == 0.0


def error_bound(samples: int, confidence: float = CONFIDENCE) -> float:
    """Hoeffding's bound on one node's sampled betweenness from ``samples`` sources.

    >>> round(error_bound(128), 3)
    0.12
    """
    return math.sqrt(math.log(2 / (1 - confidence)) / (2 * samples))


def betweenness(graph: nx.Graph) -> Betweenness:
    """Exact betweenness for small graphs, sampled (``SAMPLES`` sources) for large ones.

    >>> b = betweenness(nx.path_graph(["a", "b", "c"]))
    >>> b.scores["b"], b.exact
    (1.0, True)

    Raises:
        UnsupportedError: TG447 when even the sampled computation is too large.
    """
    n = graph.number_of_nodes()
    if n <= EXACT_MAX_NODES:
        return Betweenness(dict(nx.betweenness_centrality(graph)), n, 0.0)
    work = SAMPLES * graph.number_of_edges()
    if work > MAX_WORK:
        raise UnsupportedError(
            f"the graph has {n:,} actors and {graph.number_of_edges():,} relations, too many to rank "
            "brokers here; narrow it with --as-of, or export it (tradegraph export -o graph.graphml) "
            "and rank it with a graph tool",
            code="TG447",
        )
    scores = nx.betweenness_centrality(graph, k=SAMPLES, seed=SEED)
    return Betweenness(dict(scores), SAMPLES, error_bound(SAMPLES))
