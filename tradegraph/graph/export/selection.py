"""Which actors and relations a view or export shows: kinds, a day, the neighbourhood of one actor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tradegraph.graph.model import Actor, Relation, RelationKind
from tradegraph.graph.store import GraphStore


@dataclass(frozen=True)
class Selection:
    """The actors and relations one view shows; every relation's ends are among ``actors``."""

    actors: list[Actor]
    relations: list[Relation]


def find_actor(store: GraphStore, text: str) -> Actor:
    """The actor whose id, name, alias or surname is ``text``, as questions resolve names.

    Raises:
        NotFoundError: [TG240] no actor matches (with suggestions); [TG242] several do.
    """
    from tradegraph.queries.names import NameIndex

    return NameIndex.from_store(store).resolve_id_or_name(text)


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

    Raises:
        NotFoundError: ``actor`` names no actor, or several.
        UnsupportedError: [TG443] ``depth`` out of range.
    """
    wanted = [RelationKind(k) for k in kinds] if kinds else list(RelationKind)
    if actor is not None:
        from tradegraph.queries import neighbourhood

        view = neighbourhood(store, find_actor(store, actor).id, depth, wanted, as_of)
        return Selection(list(view.actors), list(view.relations))
    relations = [r for r in store.relations() if r.kind in wanted and r.holds_on(as_of)]
    return Selection(store.actors(), relations)
