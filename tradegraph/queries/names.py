"""From a name as people write it ("the US", "Akazawa", "Beijing") to an actor of the store.

Keys come from the stored actors (names, aliases, ids, a person's surname) and from the
gazetteer the extractor uses (``tradegraph.knowledge.gazetteer``: country names, demonyms,
seats of government, international bodies). Unknown names get close suggestions from rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from tradegraph.graph.errors import NotFoundError
from tradegraph.graph.model import Actor, ActorKind
from tradegraph.graph.name_keys import ALIAS, EXACT, SURNAME, TABLE, name_key

SUGGEST_CUTOFF = 60
SUGGESTIONS = 5


@lru_cache(maxsize=1)
def country_table() -> dict[str, str]:
    """Surface key -> actor id for the general names of states and bodies (the extractor's gazetteer).

    A state body (USTR) that speaks for a country maps to that country.
    """
    from tradegraph.knowledge.gazetteer import default_gazetteer

    table: dict[str, str] = {}
    for form, place in default_gazetteer().patterns().items():
        ident = f"country:{place.state}" if place.state else place.id
        table.setdefault(name_key(form), ident)
    return table


class NameIndex:
    """Every way of naming the actors of one store."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        self._keys: dict[str, dict[str, int]] = {}
        surnames: dict[str, set[str]] = {}
        for actor in self.actors.values():
            self._add(actor.name, actor.id, EXACT)
            self._add(actor.id, actor.id, EXACT)
            for alias in actor.aliases:
                self._add(alias, actor.id, ALIAS)
            if actor.kind is ActorKind.PERSON and len(actor.name.split()) > 1:
                surnames.setdefault(name_key(actor.name.split()[-1]), set()).add(actor.id)
        for key, ids in surnames.items():
            for ident in ids:
                self._add(key, ident, SURNAME)
        for key, ident in country_table().items():
            if ident in self.actors:
                self._add(key, ident, TABLE)

    @classmethod
    def from_store(cls, store: Any) -> NameIndex:
        """An index that asks the store for each name (``StoreNameIndex``): nothing loaded up front."""
        from tradegraph.queries.store_names import StoreNameIndex

        return StoreNameIndex(store)

    def _add(self, text: str, ident: str, rank: int) -> None:
        key = name_key(text)
        if key:
            slot = self._keys.setdefault(key, {})
            slot[ident] = min(rank, slot.get(ident, rank))

    def lookup(self, text: str) -> list[Actor]:
        """The actors ``text`` names best (several when it is ambiguous, none when unknown)."""
        slot = self._keys.get(name_key(text)) or {}
        if not slot:
            return []
        best = min(slot.values())
        return sorted((self.actors[i] for i, r in slot.items() if r == best), key=lambda a: a.id)

    def suggest(self, text: str, limit: int = SUGGESTIONS, prefer: tuple[ActorKind, ...] = ()) -> list[Actor]:
        """Actors whose names come close to ``text``: the expected kinds first, then the rest.

        Whole names are compared (``fuzz.ratio`` on the words in order, or on the same words
        in any order), never a short name hidden inside a long one, so "Brendan Lynch" does
        not suggest "Switzerland".
        """
        key = name_key(text)
        if not key or not self._keys:
            return []
        prefer = prefer or _guess_kinds(text)
        hits = process.extract(
            key, list(self._keys), scorer=_closeness, limit=limit * 4, score_cutoff=SUGGEST_CUTOFF
        )
        scored: dict[str, tuple[int, float]] = {}
        for match, score, _ in hits:
            for ident in self._keys[match]:
                rank = (0 if self.actors[ident].kind in prefer else 1, -score)
                scored[ident] = min(scored.get(ident, rank), rank)
        best = sorted(scored, key=lambda i: (*scored[i], i))
        return [self.actors[i] for i in best[:limit]]

    def resolve(self, text: str, prefer: tuple[ActorKind, ...] = ()) -> Actor:
        """The one actor ``text`` names.

        Raises:
            NotFoundError: [TG240] unknown name (with suggestions) or [TG242] an ambiguous one.
        """
        found = self.lookup(text)
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"{a.name} ({a.id})" for a in found)
            raise NotFoundError(f"{text!r} could mean {names}; ask with the full name", code="TG242")
        close = self.suggest(text, prefer=prefer)
        hint = (
            ("did you mean " + ", ".join(repr(a.name) for a in close) + "?")
            if close
            else "try 'tradegraph actors' for the names the graph knows"
        )
        raise NotFoundError(f"no actor called {text!r} in the graph; {hint}", code="TG240")

    def resolve_id_or_name(self, text: str, prefer: tuple[ActorKind, ...] = ()) -> Actor:
        """The actor with this id, else the one this name denotes (see ``resolve``)."""
        return self.actors.get(text.strip()) or self.resolve(text, prefer)


def _closeness(a: str, b: str, **kwargs: object) -> float:
    """How alike two name keys are as whole names (0-100)."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _guess_kinds(text: str) -> tuple[ActorKind, ...]:
    """The kind a name looks like: two or more capitalised words read as a person's name.

    >>> _guess_kinds("Brendan Lynch")
    (<ActorKind.PERSON: 'Person'>,)
    """
    words = text.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and name_key(text) not in country_table():
        return (ActorKind.PERSON,)
    return ()
