"""The answer functions of the catalogue's question kinds: each takes a ``Call`` (the store, the
actors, the day, the options) and returns an ``Outcome`` that ``catalogue.run`` wraps in a Reply."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, ActorKind
from tradegraph.queries import helpers
from tradegraph.queries.results import DEFAULT_LIMIT, Answer, bound, first_holders, sorted_evidence
from tradegraph.queries.roles import narrow_to_role


@dataclass(frozen=True, slots=True)
class Call:
    """One question put to a store: the actors it names, the day, and the options of its kind."""

    store: Any
    actors: tuple[Actor, ...]
    as_of: date | None = None
    role: str | None = None
    level: str | None = None
    depth: int = 1
    limit: int | None = DEFAULT_LIMIT  # the question's own bound; None: all (results.bound)
    top: int = helpers.DEFAULT_TOP
    chain: bool = False

    @property
    def actor(self) -> Actor:
        return self.actors[0]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an answer function found; ``run`` wraps it into a ``Reply``."""

    answers: tuple[Answer, ...] = ()
    verdict: str | None = None
    relations: tuple[Any, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()
    notes: tuple[str, ...] = ()
    total: int | None = None


def _answers(found: Sequence[Answer]) -> Outcome:
    return Outcome(tuple(found))


def _representatives(c: Call) -> Outcome:
    found = helpers.representatives_of(
        c.store, c.actor.id, c.as_of, None if c.role else bound(c.limit, helpers.DEFAULT_HOLDERS)
    )
    notes: tuple[str, ...] = ()
    if c.role:  # narrow every holder to the office, then bound
        narrowed, note = narrow_to_role(found, c.role)
        found, notes = (
            first_holders(narrowed, bound(c.limit, helpers.DEFAULT_HOLDERS), c.as_of),
            (note,) if note else (),
        )
    if found.cut:
        notes += (
            f"{len(found)} of {found.total} holders shown, the most recently reported; "
            "--all (or --limit N) shows more",
        )
    return Outcome(tuple(found), notes=notes, total=found.total)


def _near_successions(c: Call, forward: bool) -> list[Answer]:
    chain = (helpers.successors if forward else helpers.predecessors)(c.store, c.actor.id, c.as_of)
    if not c.chain:
        chain = [s for s in chain if (s.predecessor if forward else s.successor).id == c.actor.id]
    return [
        Answer(
            actor=s.successor if forward else s.predecessor,
            relation=helpers.REPL,
            evidence=s.evidence,
            role=s.role,
            valid_from=s.date,
        )
        for s in chain
    ]


def _replaced_when(c: Call) -> Outcome:
    found = _near_successions(replace(c, chain=False), forward=True)
    if len(c.actors) > 1:
        found = [a for a in found if a.actor.id == c.actors[1].id]
    notes = tuple(
        f"{c.actor.name} was replaced by {a.actor.name}"
        + (f" on {a.valid_from.isoformat()}" if a.valid_from else " (the date is not known)")
        for a in found
    )
    return Outcome(tuple(found), notes=notes or (f"no replacement of {c.actor.name} is known",))


def _level(c: Call) -> str:
    return c.level or ("actor" if c.actor.kind is ActorKind.PERSON else "state")


def _counterparts(c: Call) -> Outcome:
    return _answers(helpers.counterparts(c.store, c.actor.id, _level(c), c.as_of))  # type: ignore[arg-type]


def _check(found: Sequence[Answer], other: Actor) -> Outcome:
    """A yes/no answer: yes with the other actor and its evidence when it is among ``found``."""
    hits = tuple(a for a in found if a.actor.id == other.id)
    return Outcome(hits, verdict="yes" if hits else "no")


def _allied(c: Call) -> Outcome:
    return _check(helpers.allies(c.store, c.actor.id, c.as_of), c.actors[1])


def _negotiating(c: Call) -> Outcome:
    found = helpers.counterparts(c.store, c.actor.id, "actor", c.as_of)
    found += helpers.counterparts(c.store, c.actor.id, "state", c.as_of)
    return _check(found, c.actors[1])


def _imposes_tariffs(c: Call) -> Outcome:
    return _check(helpers.tariff_targets(c.store, c.actor.id, c.as_of), c.actors[1])


def _path(c: Call) -> Outcome:
    path = helpers.shortest_path(c.store, c.actors[0].id, c.actors[1].id, as_of=c.as_of)
    if path is None:
        return Outcome(notes=("no chain of relations links them",))
    answers = tuple(
        Answer(
            actor=actor,
            relation=path.relations[i - 1].kind if i else helpers.REP,
            evidence=path.relations[i - 1].evidence if i else (),
        )
        for i, actor in enumerate(path.actors)
    )
    return Outcome(answers, relations=path.relations)


def _profile(c: Call) -> Outcome:
    prof = helpers.profile(c.store, c.actor.id, c.as_of)
    evidence = sorted_evidence([ev for r in prof.relations for ev in r.evidence])
    kind = prof.relations[0].kind if prof.relations else helpers.REP
    head = Answer(actor=prof.actor, relation=kind, evidence=evidence)
    return Outcome((head,), relations=prof.relations)


def _neighbourhood(c: Call) -> Outcome:
    sub = helpers.neighbourhood(
        c.store, c.actor.id, c.depth, as_of=c.as_of, limit=bound(c.limit, helpers.SHOWN_LIMIT)
    )
    answers = tuple(
        Answer(
            actor=a,
            relation=next((r.kind for r in sub.relations if a.id in (r.source, r.target)), helpers.REP),
        )
        for a in sub.actors
    )
    return Outcome(answers, relations=sub.relations, notes=(cut_note(sub, c.actor.name),) if sub.cut else ())


def cut_note(sub: helpers.Subgraph, name: str) -> str:
    """What a bounded neighbourhood left out, and how to see more."""
    return (
        f"showing the {len(sub.actors)} actors nearest {name} and best connected, of {sub.total} "
        "within reach; --limit N shows more, --all shows every one"
    )


def _brokers(c: Call) -> Outcome:
    top = helpers.brokers(c.store, c.top, as_of=c.as_of)
    return Outcome(
        tuple(Answer(actor=b.actor, relation=helpers.NEG) for b in top),
        scores=tuple((b.actor.id, b.score) for b in top),
    )


def _simple(helper: Callable[..., list[Answer]]) -> Callable[[Call], Outcome]:
    return lambda c: _answers(helper(c.store, c.actor.id, c.as_of))


def _successors(c: Call) -> Outcome:
    return _answers(_near_successions(c, forward=True))


def _predecessors(c: Call) -> Outcome:
    return _answers(_near_successions(c, forward=False))


def _represents(c: Call) -> Outcome:
    return _check(helpers.represented_by(c.store, c.actor.id, c.as_of), c.actors[1])


def _represents_since(c: Call) -> Outcome:
    """Since when a person represents a body: the office's start, and when it was first reported."""
    found = [a for a in helpers.represented_by(c.store, c.actor.id, c.as_of) if a.actor.id == c.actors[1].id]
    notes = []
    for ans in found:
        start = f"since {ans.valid_from.isoformat()}" if ans.valid_from else "since a day not reported"
        first = min((ev.date for ev in ans.evidence if ev.date), default=None)
        reported = f" (first reported {first.isoformat()})" if first else ""
        notes.append(f"{c.actor.name} has represented {ans.actor.name} {start}{reported}")
    return Outcome(tuple(found), notes=tuple(notes))
