"""From a name as people write it ("the US", "Akazawa", "Beijing") to an actor of the store.

Keys come from the stored actors (names, aliases, ids, a person's surname) and from the
gazetteer the extractor uses (``tradegraph.knowledge.gazetteer``: country names, demonyms,
seats of government, international bodies). Unknown names get close suggestions from rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from tradegraph.graph.errors import NotFoundError
from tradegraph.graph.model import Actor, ActorKind

# Better kinds of match win: a full name beats an alias, which beats a surname or a country table entry.
EXACT, ALIAS, TABLE, SURNAME = 0, 1, 2, 3
SUGGEST_CUTOFF = 60
SUGGESTIONS = 5


def name_key(text: str) -> str:
    """Case, accents, dots, possessives and a leading "the" do not matter.

    >>> name_key("the U.S.'s")
    'us'
    >>> name_key("Maroš Šefčovič")
    'maros sefcovic'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"(?<=\w)'(?:s\b)?", "", text.replace(".", ""))
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


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

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[Actor]:
        """Actors whose names come close to ``text``, best first."""
        key = name_key(text)
        if not key or not self._keys:
            return []
        hits = process.extract(
            key, list(self._keys), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=SUGGEST_CUTOFF
        )
        out: list[Actor] = []
        for match, _, _ in hits:
            for ident in sorted(self._keys[match]):
                if self.actors[ident] not in out:
                    out.append(self.actors[ident])
        return out[:limit]

    def resolve(self, text: str) -> Actor:
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
        close = self.suggest(text)
        hint = (
            ("did you mean " + ", ".join(repr(a.name) for a in close) + "?")
            if close
            else "try 'tradegraph actors' for the names the graph knows"
        )
        raise NotFoundError(f"no actor called {text!r} in the graph; {hint}", code="TG240")

    def resolve_id_or_name(self, text: str) -> Actor:
        return self.actors.get(text) or self.resolve(text)
