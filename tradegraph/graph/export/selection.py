"""Which actors and relations a view or export shows: kinds, a day, the neighbourhood of one actor."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from tradegraph.graph.errors import NotFoundError
from tradegraph.graph.model import Actor, Relation, RelationKind
from tradegraph.graph.store import GraphStore


@dataclass(frozen=True)
class Selection:
    """The actors and relations one view shows; every relation's ends are among ``actors``."""

    actors: list[Actor]
    relations: list[Relation]


def find_actor(store: GraphStore, text: str) -> Actor:
    """The actor whose id, name or alias is ``text`` (case-insensitive).

    Raises:
        NotFoundError: [TG260] no actor matches; [TG261] several do.
    """
    exact = store.actor(text)
    if exact is not None:
        return exact
    wanted = " ".join(text.split()).casefold()
    hits = [a for a in store.actors() if wanted in {n.casefold() for n in (a.name, *a.aliases)}]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(
            f"no actor named {text!r}; give an id such as 'country:JPN' or a name "
            "(try 'tradegraph actors')", code="TG260")
    ids = ", ".join(a.id for a in hits)
    raise NotFoundError(f"{text!r} names several actors ({ids}); give one of these ids", code="TG261")


def select(
    store: GraphStore,
    *,
    actor: str | None = None,
    depth: int = 1,
    kinds: Iterable[RelationKind | str] | None = None,
    as_of: date | None = None,
) -> Selection:
    """The whole graph, or the actors within ``depth`` hops of ``actor``, under the filters.

    Args:
        store: Any GraphStore.
        actor: An actor id, name or alias for an ego view; None for everything.
        depth: Hops from ``actor`` (ignored without one).
        kinds: Keep only relations of these kinds (None: all).
        as_of: Keep only relations that held on this day (None: any day).
    """
    wanted = {RelationKind(k) for k in kinds} if kinds else set(RelationKind)
    if actor is not None:
        return _ego(store, find_actor(store, actor).id, depth, wanted, as_of)
    relations = [r for r in store.relations() if r.kind in wanted and r.holds_on(as_of)]
    return Selection(store.actors(), relations)


def _ego(store: GraphStore, centre: str, depth: int, kinds: set[RelationKind], as_of: date | None) -> Selection:
    # Breadth-first over the contract until queries.neighbourhood is available for every store.
    seen, frontier, kept = {centre}, {centre}, {}
    for _ in range(max(depth, 0)):
        reached: set[str] = set()
        for actor_id in sorted(frontier):
            for rel in store.relations(actor=actor_id):
                if rel.kind in kinds and rel.holds_on(as_of):
                    kept[rel.key] = rel
                    reached.add(rel.other(actor_id))
        frontier = reached - seen
        seen |= reached
    for actor_id in sorted(frontier):  # ties among the outermost ring, so the view is the induced graph
        for rel in store.relations(actor=actor_id):
            if rel.kind in kinds and rel.holds_on(as_of) and rel.other(actor_id) in seen:
                kept[rel.key] = rel
    actors = [a for a in (store.actor(i) for i in sorted(seen)) if a is not None]
    return Selection(actors, sorted(kept.values(), key=lambda r: r.key))
