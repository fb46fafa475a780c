"""What ``viz``, ``export`` and ``timeline`` show: the whole store or one actor's neighbourhood, filtered.

The command layer selects (it may query); the exporters in ``tradegraph.graph.export`` only write
the ``Selection`` they are given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tradegraph.graph.export.selection import Selection, filtered, public, whole
from tradegraph.graph.model import Actor, RelationKind
from tradegraph.graph.store import GraphStore


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
    limit: int | None = None,
    kinds: Iterable[RelationKind | str] | None = None,
    as_of: date | None = None,
    min_confidence: float = 0.0,
) -> Selection:
    """The whole graph, or the actors within ``depth`` hops of ``actor``, under the filters.

    Args:
        store: Any GraphStore.
        actor: An actor id, name or alias for an ego view; None for everything.
        depth: Hops from ``actor`` (ignored without one).
        limit: Keep the ``limit`` actors nearest ``actor`` and best connected (None or 0: all);
            ``Selection.total`` then counts the whole neighbourhood.
        kinds: Keep only relations of these kinds (None: all).
        as_of: Keep only relations that held on this day and were reported by then (None: any day).
        min_confidence: Keep only relations with evidence at least this confident.

    Raises:
        NotFoundError: ``actor`` names no actor, or several.
        UnsupportedError: [TG443] ``depth`` out of range.
    """
    wanted = [RelationKind(k) for k in kinds] if kinds else list(RelationKind)
    if actor is None:
        base = whole(store)
    else:
        from tradegraph.queries import neighbourhood

        view = neighbourhood(store, find_actor(store, actor).id, depth, wanted, as_of, limit or None)
        base = Selection(
            list(view.actors), list(view.relations), store.articles(), public(store.uri), total=view.total
        )
    return filtered(base, kinds=wanted, as_of=as_of, min_confidence=min_confidence)
