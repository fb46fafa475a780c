"""Typed answers of the query helpers: frozen values carrying the actors and the evidence."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, Evidence, Relation, RelationKind


def evidence_order(ev: Evidence) -> tuple[Any, ...]:
    """Newest evidence first, then by article and sentence, so both stores list it alike."""
    return (-(ev.date.toordinal() if ev.date else 0), ev.article_id, ev.sentence)


def sorted_evidence(evidence: tuple[Evidence, ...] | list[Evidence]) -> tuple[Evidence, ...]:
    unique = {ev.key: ev for ev in evidence}
    return tuple(sorted(unique.values(), key=evidence_order))


@dataclass(frozen=True, slots=True)
class Answer:
    """One actor that answers a question, with why.

    ``relation`` is the kind of relation that makes it an answer; ``via`` names the persons
    through whom a state was reached (a negotiator standing for their country), empty when
    the relation links the actors directly; ``inferred`` marks an answer drawn from a
    succession rather than stated (a predecessor represented the state until replaced).
    """

    actor: Actor
    relation: RelationKind
    evidence: tuple[Evidence, ...] = ()
    role: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    via: tuple[str, ...] = ()
    inferred: bool = False

    @property
    def id(self) -> str:
        return self.actor.id

    @property
    def support(self) -> int:
        """How many distinct articles back this answer."""
        return len({ev.article_id for ev in self.evidence})


@dataclass(frozen=True, slots=True)
class Succession:
    """``predecessor`` was replaced by ``successor`` (in ``role``, on ``date``, when known)."""

    predecessor: Actor
    successor: Actor
    evidence: tuple[Evidence, ...] = ()
    role: str | None = None
    date: date | None = None

    @property
    def support(self) -> int:
        return len({ev.article_id for ev in self.evidence})


@dataclass(frozen=True, slots=True)
class Path:
    """A chain of actors and the relations between consecutive ones (either direction)."""

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]

    def __len__(self) -> int:
        return len(self.relations)


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Actors and the relations among them, as the visualisation draws them."""

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """An actor with every relation that touches it, oldest first (undated last)."""

    actor: Actor
    relations: tuple[Relation, ...]
    neighbours: tuple[Actor, ...]


@dataclass(frozen=True, slots=True)
class Broker:
    """An actor and its betweenness centrality in the relation graph."""

    actor: Actor
    score: float
