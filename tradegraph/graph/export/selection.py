"""What an export writes: a subgraph (actors, relations among them, their articles) and filters on it.

Exporters take a ``Selection`` and never query a store; the command layer chooses what to show
(the whole store, or the neighbourhood of one actor: ``tradegraph.commands.selection``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from tradegraph.graph.model import Actor, Article, Relation, RelationKind
from tradegraph.graph.store import GraphStore


@dataclass(frozen=True)
class Selection:
    """The actors and relations one view shows; every relation's ends are among ``actors``.

    ``articles`` are the articles the evidence comes from (metadata only), ``uri`` names where the
    selection was read from (a store URI), for provenance. ``total`` counts the actors of the
    whole neighbourhood a bounded one was cut from (None: nothing was cut).
    """

    actors: list[Actor]
    relations: list[Relation]
    articles: list[Article] = field(default_factory=list)
    uri: str = ""
    total: int | None = None

    @property
    def cut(self) -> bool:
        """Whether a limit left actors of the neighbourhood out."""
        return self.total is not None and self.total > len(self.actors)


def whole(store: GraphStore) -> Selection:
    """Everything in ``store``."""
    return Selection(store.actors(), store.relations(), store.articles(), public(getattr(store, "uri", "")))


def public(uri: str) -> str:
    """``uri`` without a user or password, as exports may name where they were read from.

    >>> public("bolt://neo4j:secret@db.example:7687")
    'bolt://db.example:7687'
    """
    parts = urlsplit(uri)
    if not parts.netloc or "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def as_selection(source: GraphStore | Selection) -> Selection:
    """``source`` itself, or everything in the store it is."""
    return source if isinstance(source, Selection) else whole(source)


def holds_as_of(rel: Relation, day: date | None) -> bool:
    """The meaning of ``--as-of``: the relation held on ``day`` and had been reported by then."""
    return rel.holds_on(day) and rel.known_by(day)


def filtered(
    selection: Selection,
    *,
    kinds: Iterable[RelationKind | str] | None = None,
    as_of: date | None = None,
    min_confidence: float = 0.0,
) -> Selection:
    """The relations of ``selection`` of the given kinds, holding as of ``as_of``, at least this sure.

    >>> from tradegraph.graph.model import Actor, ActorKind
    >>> a, b = Actor("person:a", "A", ActorKind.PERSON), Actor("country:B", "B", ActorKind.COUNTRY)
    >>> r = Relation(a.id, RelationKind.REPRESENTS, b.id, valid_from=date(2025, 3, 1))
    >>> len(filtered(Selection([a, b], [r]), as_of=date(2025, 2, 1)).relations)
    0
    """
    wanted = {RelationKind(k) for k in kinds} if kinds else set(RelationKind)
    relations = [
        r
        for r in selection.relations
        if r.kind in wanted and holds_as_of(r, as_of) and (not r.evidence or r.confidence >= min_confidence)
    ]
    return Selection(selection.actors, relations, selection.articles, selection.uri, selection.total)
