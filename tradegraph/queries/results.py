"""Typed answers of the query helpers: frozen values carrying the actors and the evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, Evidence, Relation, RelationKind

# Holders a who-represents answer shows unless asked for more: a state may have hundreds on
# record, and each costs ~45 us (its relation, evidence, actor and answer; 1M relationships, 2
# loaded cores): 10 keep the question under 1 ms where 25 took 1.3-1.6 ms (benchmarks/README.md).
DEFAULT_HOLDERS = 10
# ``limit`` of a question: 0 means the question's own bound (DEFAULT_HOLDERS holders of an office;
# graph.protocol.SHOWN_LIMIT actors of a neighbourhood), None means no bound, N >= 1 at most N.
DEFAULT_LIMIT = 0


def bound(limit: int | None, default: int) -> int | None:
    """The bound a question applies: ``default`` for DEFAULT_LIMIT, else ``limit`` (None: all).

    >>> bound(0, 10), bound(3, 10), bound(None, 10)
    (10, 3, None)
    """
    return default if limit == DEFAULT_LIMIT else limit


def evidence_order(ev: Evidence) -> tuple[Any, ...]:
    """Newest evidence first, then by article and sentence, so both stores list it alike."""
    return (-(ev.date.toordinal() if ev.date else 0), ev.article_id, ev.sentence)


def sorted_evidence(evidence: tuple[Evidence, ...] | list[Evidence]) -> tuple[Evidence, ...]:
    if len(evidence) < 2:
        return tuple(evidence)
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


def merged_answers(actors: Mapping[str, Actor], found: list[Answer]) -> list[Answer]:
    """Merge answers about the same actor, attach the actors, order by support then name."""
    merged: dict[str, Answer] = {}
    for ans in found:
        old = merged.get(ans.actor.id)
        if old is None:
            merged[ans.actor.id] = ans
            continue
        merged[ans.actor.id] = replace(
            old,
            evidence=old.evidence + ans.evidence,
            via=tuple(sorted(set(old.via) | set(ans.via))),
            inferred=old.inferred and ans.inferred,
            role=old.role or ans.role,
            valid_from=min((d for d in (old.valid_from, ans.valid_from) if d), default=None),
            valid_to=None if not (old.valid_to and ans.valid_to) else max(old.valid_to, ans.valid_to),
        )
    out = [
        Answer(
            actor=actors.get(a.actor.id, a.actor),
            relation=a.relation,
            evidence=sorted_evidence(a.evidence),
            role=a.role,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            via=tuple(sorted(set(a.via))) if len(a.via) > 1 else a.via,
            inferred=a.inferred,
        )
        for a in merged.values()
    ]
    return sorted(out, key=lambda a: (-a.support, a.actor.name.casefold(), a.actor.id))


class Answers(list[Answer]):
    """Answers in order, and ``total``: how many there are in all, more than ``len`` when a
    limit kept only the first of them (``cut``). Otherwise a plain list.

    >>> a = Answers([], total=3)
    >>> (a.total, a.cut, a == [])
    (3, True, True)
    """

    __slots__ = ("total",)

    def __init__(self, answers: Iterable[Answer] = (), total: int | None = None) -> None:
        super().__init__(answers)
        self.total = len(self) if total is None else total

    @property
    def cut(self) -> bool:
        return self.total > len(self)


def holder_order(ans: Answer, as_of: date | None = None) -> tuple[Any, ...]:
    """The order in which a bounded answer keeps holders (``Traversals.representation``): most
    recently reported first (latest evidence date, by ``as_of`` when given; none dated last),
    then most evidence (distinct articles), then id."""
    days = [ev.date for ev in ans.evidence if ev.date and (as_of is None or ev.date <= as_of)]
    last = max(days, default=None)
    return (last is None, -last.toordinal() if last else 0, -ans.support, ans.actor.id)


def first_holders(answers: list[Answer], limit: int | None, as_of: date | None = None) -> Answers:
    """The first ``limit`` of ``answers`` by ``holder_order``, in their order; total: all of them."""
    if limit is None or len(answers) <= limit:
        return Answers(answers)
    kept = {a.actor.id for a in sorted(answers, key=lambda a: holder_order(a, as_of))[:limit]}
    return Answers([a for a in answers if a.actor.id in kept], len(answers))


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
    """Actors and the relations among them, as the visualisation draws them.

    ``total`` is how many actors the whole neighbourhood has; more than ``len(actors)`` when a
    ``limit`` kept only the nearest and best connected of them.
    """

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    total: int = 0

    @property
    def cut(self) -> bool:
        """Whether a limit left actors out."""
        return self.total > len(self.actors)


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
    error: float = 0.0  # the score is within this of the exact one (95 %); 0 when exact


def to_jsonable(value: Any) -> Any:
    """Results as plain JSON values (dates as ISO strings, enums as their values).

    >>> to_jsonable(Broker(Actor("country:USA", "United States", "Country"), 0.5))["actor"]["id"]
    'country:USA'
    """
    from dataclasses import fields, is_dataclass
    from enum import Enum

    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
        for extra in ("support",):
            if hasattr(value, extra):
                out[extra] = getattr(value, extra)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value
