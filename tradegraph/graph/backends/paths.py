"""Shortest chains by bidirectional breadth-first search over a store's indexed links.

Used by stores whose query language has no shortest-path operator (SQLite): each layer is one
indexed query for the links touching the layer, and the smaller side is widened first, so a
search touches the neighbourhoods of both ends rather than the whole graph. Before a side is
widened, one query asks only for the links between the two frontiers (``between``): when the
sides meet, or when the next layer is the last one allowed, the search never reads the (often
large) next layer itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Link = tuple[str, str, str]  # (source, kind, target): a relation's key
Links = Callable[[set[str]], Iterable[Link]]
Between = Callable[[set[str], set[str]], Iterable[Link]]


def shortest_chain(a: str, b: str, max_hops: int, links: Links, between: Between | None = None) -> list[Link]:
    """The keys along the shortest undirected chain from ``a`` to ``b`` (``[]``: none in reach).

    Among equally short chains, the one whose actor ids sort first; between two actors, the
    smallest key.

    >>> edges = [("a", "K", "b"), ("b", "K", "d"), ("a", "K", "c"), ("c", "K", "d"), ("d", "J", "b")]
    >>> touching = lambda ids: [e for e in edges if e[0] in ids or e[2] in ids]
    >>> shortest_chain("a", "d", 5, touching)
    [('a', 'K', 'b'), ('b', 'K', 'd')]
    >>> shortest_chain("a", "d", 1, touching)
    []
    >>> joining = lambda xs, ys: [e for e in touching(xs) if {e[0], e[2]} & ys]
    >>> shortest_chain("a", "d", 5, touching, joining)
    [('a', 'K', 'b'), ('b', 'K', 'd')]
    """
    dist: tuple[dict[str, int], dict[str, int]] = ({a: 0}, {b: 0})
    parents: tuple[dict[str, set[str]], dict[str, set[str]]] = ({a: set()}, {b: set()})
    best: dict[frozenset[str], Link] = {}
    frontiers, depth = [{a}, {b}], [0, 0]
    meet: set[str] = set()
    while frontiers[0] and frontiers[1] and depth[0] + depth[1] < max_hops and not meet:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        last = depth[0] + depth[1] + 1 == max_hops
        found = _next_links(frontiers[side], frontiers[1 - side], last, links, between)
        frontiers[side] = _widen(frontiers[side], depth[side] + 1, dist[side], parents[side], best, found)
        depth[side] += 1
        meet = {n for n in frontiers[side] if n in dist[1 - side]}
    if not meet:
        return []
    length = min(dist[0][n] + dist[1][n] for n in meet)
    on_path = {n for n in dist[0].keys() & dist[1].keys() if dist[0][n] + dist[1][n] == length}
    near_a, near_b = _ancestors(on_path, parents[0]), _ancestors(on_path, parents[1])
    children: dict[str, set[str]] = {}
    for node in near_a:
        for parent in parents[0][node]:
            children.setdefault(parent, set()).add(node)
    chain, node = [a], a
    while node != b:
        step = children.get(node, set()) | (parents[1][node] & near_b if node in near_b else set())
        node = min(step)
        chain.append(node)
    return [best[frozenset(pair)] for pair in zip(chain, chain[1:], strict=False)]


def _next_links(
    frontier: set[str], other: set[str], last: bool, links: Links, between: Between | None
) -> Iterable[Link]:
    """The links to widen ``frontier`` with: only those into the other side's frontier when
    there are some (the sides meet) or when this is the last layer allowed; else all of them."""
    if between is None:
        return links(frontier)
    joining = list(between(frontier, other))
    return joining if joining or last else links(frontier)


def _widen(
    frontier: set[str],
    depth: int,
    dist: dict[str, int],
    parents: dict[str, set[str]],
    best: dict[frozenset[str], Link],
    found: Iterable[Link],
) -> set[str]:
    """The next layer of one side's search, recording parents and the smallest key per pair."""
    layer: set[str] = set()
    for link in found:
        source, _, target = link
        pair = frozenset((source, target))
        if pair not in best or link < best[pair]:
            best[pair] = link
        for near, far in ((source, target), (target, source)):
            if near not in frontier:
                continue
            if far not in dist:
                dist[far] = depth
                parents[far] = {near}
                layer.add(far)
            elif dist[far] == depth:
                parents[far].add(near)
    return layer


def _ancestors(start: set[str], parents: dict[str, set[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen
