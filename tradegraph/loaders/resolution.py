"""Cross-article resolution: the same person, country or body read in many articles becomes one
node ("Akazawa" = "Ryosei Akazawa"), conservatively: two persons who share only a surname stay
apart unless their first names and affiliations agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from tradegraph.graph.model import Actor, ActorKind, Extraction, Relation, slugify

if TYPE_CHECKING:
    from tradegraph.loaders.actors import ActorDictionary


class Resolver:
    """Merges the actors of successive extractions into the actors already known.

    >>> from tradegraph.graph.model import Article
    >>> known = [Actor.create("Ryosei Akazawa", "Person", affiliation="country:JPN")]
    >>> article = Article.create("Akazawa met Bessent.")
    >>> ext = Extraction(article, (Actor.create("Akazawa", "Person", affiliation="country:JPN"),))
    >>> Resolver(known).resolve(ext).actors[0].id
    'person:ryosei-akazawa'
    """

    def __init__(self, known_actors: Iterable[Actor] = (), dictionary: ActorDictionary | None = None) -> None:
        self.actors: dict[str, Actor] = {}
        self.dictionary = dictionary
        self.conflicts: list[str] = []  # where the text disagrees with the actor dictionary
        for actor in known_actors:
            self._remember(actor)

    def resolve(self, extraction: Extraction) -> Extraction:
        """``extraction`` with every actor id rewritten to the known node it denotes.

        With an actor dictionary, its entries name and place the persons first (and date their
        REPRESENTS); disagreements with the text are added to ``conflicts``.
        """
        if self.dictionary is not None:
            extraction, conflicts = self.dictionary.apply(extraction)
            self.conflicts += conflicts
        mapping = {a.id: self._match(a, extraction.actors) for a in extraction.actors}
        merged: dict[str, Actor] = {}
        for actor in extraction.actors:
            target = mapping[actor.id]
            base = self.actors.get(target) or replace(actor, id=target)
            renamed = replace(
                actor,
                id=target,
                name=base.name,
                aliases=actor.aliases + ((actor.name,) if actor.name != base.name else ()),
                affiliation=mapping.get(actor.affiliation or "", actor.affiliation),
            )
            if target in merged:
                merged[target] = merged[target].merged(renamed)
            else:
                merged[target] = base.merged(renamed) if target in self.actors else renamed
        for actor in merged.values():
            self._remember(actor)
        relations: dict[tuple[str, str, str], Relation] = {}
        for rel in extraction.relations:
            source, target = mapping.get(rel.source, rel.source), mapping.get(rel.target, rel.target)
            if source == target:
                continue
            moved = Relation(source, rel.kind, target, rel.evidence, rel.valid_from, rel.valid_to, rel.role)
            relations[moved.key] = relations[moved.key].merged(moved) if moved.key in relations else moved
        return replace(extraction, actors=tuple(merged.values()), relations=tuple(relations.values()))

    # -- matching -------------------------------------------------------------------------
    def _match(self, actor: Actor, siblings: Iterable[Actor]) -> str:
        if actor.id in self.actors or actor.kind is not ActorKind.PERSON:
            return actor.id
        names = _words(actor.name)
        candidates = [
            k
            for k in self.actors.values()
            if k.kind is ActorKind.PERSON and self._same_person(names, actor, k)
        ]
        if len(candidates) == 1:
            return candidates[0].id
        return actor.id

    @staticmethod
    def _same_person(names: list[str], actor: Actor, known: Actor) -> bool:
        if actor.affiliation and known.affiliation and actor.affiliation != known.affiliation:
            return False
        other = _words(known.name)
        if names == other:
            return True
        if not names or not other:
            return False
        if len(names) == 1 or len(other) == 1:
            short, full = (names, other) if len(names) == 1 else (other, names)
            return short[0] in (full[0], full[-1]) and bool(actor.affiliation or known.affiliation)
        same_family = names[-1] == other[-1] or names[0] == other[0] and names[-1] == other[-1]
        return same_family and _given_compatible(names[0], other[0])

    def _remember(self, actor: Actor) -> None:
        known = self.actors.get(actor.id)
        self.actors[actor.id] = known.merged(actor) if known else actor


def _words(name: str) -> list[str]:
    return [w for w in slugify(name).split("-") if w]


def _given_compatible(a: str, b: str) -> bool:
    """ "J" and "Jamieson" agree; "Sarah" and "Darren" do not."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
