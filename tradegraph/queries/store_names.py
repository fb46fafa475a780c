"""Name resolution that asks the store (an indexed lookup per name) instead of loading every actor.

``NameIndex`` builds its keys from all actors, which costs time and memory growing with the
store on every question; this index looks each name up through the query protocol's
``actors_named`` and loads everything only to suggest close names after a miss.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tradegraph.graph.model import Actor
from tradegraph.graph.name_keys import TABLE, name_key
from tradegraph.graph.protocol import Traversals
from tradegraph.graph.store import GraphStore
from tradegraph.queries.names import NameIndex, country_table


class _StoredActors(Mapping[str, Actor]):
    """``index.actors`` read from the store on demand (each id once)."""

    def __init__(self, reader: Traversals) -> None:
        self.reader = reader
        self.cache: dict[str, Actor | None] = {}

    def fetch(self, ids: list[str]) -> None:
        missing = [i for i in ids if i not in self.cache]
        if missing:
            found = self.reader.actors(missing)
            self.cache.update((i, found.get(i)) for i in missing)

    def __getitem__(self, actor_id: str) -> Actor:
        self.fetch([actor_id])
        found = self.cache[actor_id]
        if found is None:
            raise KeyError(actor_id)
        return found

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and self.get(actor_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (i for i, a in self.cache.items() if a is not None)

    def __len__(self) -> int:
        return sum(a is not None for a in self.cache.values())


class StoreNameIndex(NameIndex):
    """A ``NameIndex`` whose lookups are store queries."""

    def __init__(self, store: GraphStore) -> None:  # deliberately not NameIndex.__init__: nothing loaded
        self.store = store
        self.reader = store.traversals()
        self.stored = _StoredActors(self.reader)
        self.actors = self.stored  # type: ignore[assignment]
        self._keys = {}
        self._everything: NameIndex | None = None

    def lookup(self, text: str) -> list[Actor]:
        key = name_key(text)
        if not key:
            return []
        slot = dict(self.reader.actors_named([key]).get(key, {}))
        table = country_table().get(key)
        if table and table in self.stored:
            slot[table] = min(TABLE, slot.get(table, TABLE))
        if not slot:
            return []
        best = min(slot.values())
        chosen = sorted(i for i, r in slot.items() if r == best)
        self.stored.fetch(chosen)
        return [self.stored[i] for i in chosen if i in self.stored]

    def suggest(self, *args: Any, **kwargs: Any) -> list[Actor]:
        """Close names need every name: built once, only after a name was not found."""
        if self._everything is None:
            self._everything = NameIndex(self.store.actors())
        found: list[Actor] = self._everything.suggest(*args, **kwargs)
        return found
