"""Question functions over any store: who represents whom, successions, talks, allies, tariffs.

Each question makes one call of the typed query protocol (``tradegraph.graph.protocol``), which
every store implements natively (SQL on SQLite, one Cypher statement on Neo4j) and which returns
the facts the question needs; what the answers mean -- time, successions, lifting a person to
the state they stand for -- is decided here once, so every store gives the same answers.

Time: ``as_of`` keeps the relations that were reported by that day (the store filters them,
``Relation.known_by``) and held on it (``Relation.holds_on``). For offices
(REPRESENTS) a replacement with a date also bounds the tenures: ``A REPLACED_BY B`` on day d
ends A's representation of the state B represents, and starts B's. Roles are not compared:
extracted role strings are too noisy ("vice commerce minister" / "trade representative" for
one post), so a person replaced in one office of a state counts as no longer representing it. Without ``as_of``,
``representatives_of`` answers the current holders (tenures not known to have ended); the other
helpers answer everything known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from tradegraph.graph.errors import UnsupportedError
from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, kind_of_id
from tradegraph.graph.protocol import SHOWN_LIMIT, Facts
from tradegraph.graph.store import GraphStore
from tradegraph.queries.results import (
    DEFAULT_HOLDERS,
    Answer,
    Answers,
    Broker,
    Path,
    Profile,
    Subgraph,
    Succession,
    evidence_order,
    first_holders,
    sorted_evidence,
)
from tradegraph.queries.results import merged_answers as _answers
from tradegraph.queries.structure import (
    ALL_KINDS,
    ALLY,
    DEFAULT_MAX_HOPS,
    DEFAULT_TOP,
    MAX_DEPTH,
    NEG,
    REP,
    REPL,
    TARIFF,
    _require,
    _stub,
    brokers,
    event_date,
    neighbourhood,
    profile,
    shortest_path,
    traversals,
)

# -- representation -------------------------------------------------------------------------


@dataclass(slots=True)
class _Tenure:
    role: str | None
    start: date | None
    end: date | None
    ended: bool
    evidence: tuple[Evidence, ...]
    inferred: bool

    def in_office(self, as_of: date | None) -> bool:
        if as_of is None:
            return not self.ended
        if self.start and as_of < self.start:
            return False
        return not (self.end and as_of >= self.end)


def _tenures(t: Facts, body: str) -> dict[str, _Tenure]:
    """Every (known or inferred) representative of ``body``, with whether the tenure ended."""
    reps = {r.source: r for r in t.around([body], [REP], "in")}
    tenures = {
        p: _Tenure(r.role, r.valid_from, r.valid_to, r.valid_to is not None, r.evidence, False)
        for p, r in reps.items()
    }
    frontier, seen = list(reps), set(reps)
    while frontier:
        replacements = t.around(frontier, [REPL], "both")
        frontier = []
        for rel in sorted(replacements, key=lambda r: r.key):
            old, new, day = rel.source, rel.target, event_date(rel)
            if new not in tenures:
                continue  # the successor is not known to hold an office for this body
            if old not in tenures:
                tenures[old] = _Tenure(rel.role, None, None, False, rel.evidence, True)
            tenures[old].ended = True
            if day:
                tenures[old].end = min(d for d in (tenures[old].end, day) if d)
                tenures[new].start = tenures[new].start or day
            if old not in seen:
                seen.add(old)
                frontier.append(old)
    return tenures


def _in_office(ans: Answer, ended: bool, as_of: date | None) -> bool:
    return _Tenure(None, ans.valid_from, ans.valid_to, ended, (), False).in_office(as_of)


def representatives_of(
    store: GraphStore, body_id: str, as_of: date | None = None, limit: int | None = DEFAULT_HOLDERS
) -> Answers:
    """Who represents a country or body (on ``as_of``; without it, who does now).

    A predecessor of a representative counts as having represented the body until replaced.
    ``limit`` keeps the first holders by ``holder_order`` (most recently reported, then most
    evidence, then id; None: all of them); ``Answers.total`` counts every holder. The answers
    are ordered by support then name, bounded or not.
    """
    if limit is not None and limit < 1:
        raise UnsupportedError(f"limit {limit} keeps no holder; pass 1 or more (or none)", code="TG446")
    facts = traversals(store).representation(body_id, as_of, limit)
    _require(facts, body_id)
    found = [
        Answer(
            actor=facts.actors.get(p) or _stub(p),
            relation=REP,
            evidence=v.evidence,
            role=v.role,
            valid_from=v.start,
            valid_to=v.end,
            inferred=v.inferred,
        )
        for p, v in _tenures(facts, body_id).items()
        if v.in_office(as_of)
    ]
    answers = _answers(facts.actors, found)
    if facts.total is not None:  # the store kept the first ``limit`` holders itself
        return Answers(answers, facts.total)
    return first_holders(answers, limit, as_of)


def represented_by(store: GraphStore, person_id: str, as_of: date | None = None) -> list[Answer]:
    """The states or bodies a person represents (with the role), including former ones."""
    t = traversals(store).represented(person_id, as_of)
    _require(t, person_id)
    found = [
        Answer(
            actor=_stub(r.target),
            relation=REP,
            evidence=r.evidence,
            role=r.role,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
        )
        for r in t.around([person_id], [REP], "out")
        if r.holds_on(as_of)
    ]
    for rel in t.around([person_id], [REPL], "out"):
        for body in t.around([rel.target], [REP], "out"):
            if body.target not in {a.actor.id for a in found}:
                ans = Answer(
                    actor=_stub(body.target),
                    relation=REP,
                    evidence=rel.evidence,
                    role=rel.role,
                    valid_to=event_date(rel),
                    inferred=True,
                )
                if _in_office(ans, False, as_of):
                    found.append(ans)
    return _answers(t.actors, found)


# -- successions ----------------------------------------------------------------------------


def _succession_chain(
    store: GraphStore, person_id: str, as_of: date | None, forward: bool
) -> list[Succession]:
    facts = traversals(store).succession(person_id, forward, as_of)
    _require(facts, person_id)
    rels = [r for r in facts.relations if as_of is None or (event_date(r) or as_of) <= as_of]
    actors = facts.actors
    by_start: dict[str, list[Relation]] = {}
    for r in rels:
        by_start.setdefault(r.source if forward else r.target, []).append(r)
    ordered, frontier, seen = [], [person_id], {person_id}
    while frontier:
        step = sorted(
            (r for p in frontier for r in by_start.get(p, [])),
            key=lambda r: (event_date(r) or date.max, r.key),
        )
        frontier = []
        for r in step:
            ordered.append(
                Succession(
                    predecessor=actors[r.source],
                    successor=actors[r.target],
                    evidence=sorted_evidence(r.evidence),
                    role=r.role,
                    date=event_date(r),
                )
            )
            nxt = r.target if forward else r.source
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return ordered


def successors(store: GraphStore, person_id: str, as_of: date | None = None) -> list[Succession]:
    """Who replaced the person, and who replaced them, in order (replacements up to ``as_of``)."""
    return _succession_chain(store, person_id, as_of, forward=True)


def predecessors(store: GraphStore, person_id: str, as_of: date | None = None) -> list[Succession]:
    """Whom the person replaced, and whom they replaced, nearest first."""
    return _succession_chain(store, person_id, as_of, forward=False)


# -- negotiations, allies, tariffs ----------------------------------------------------------


def _states_of(t: Facts, person_ids: Iterable[str], as_of: date | None) -> dict[str, list[str]]:
    """The states (else bodies, else the affiliation) each person stands for."""
    person_ids = [p for p in set(person_ids) if kind_of_id(p) is ActorKind.PERSON]
    targets: dict[str, set[str]] = {p: set() for p in person_ids}
    for r in t.around(person_ids, [REP], "out"):
        if r.holds_on(as_of):
            targets[r.source].add(r.target)
    out = {}
    for p, found in targets.items():
        countries = sorted(b for b in found if kind_of_id(b) is ActorKind.COUNTRY)
        affiliation = t.actors[p].affiliation if p in t.actors else None
        out[p] = countries or sorted(found) or ([affiliation] if affiliation else [])
    return out


def _sides(t: Facts, actor: Actor, as_of: date | None) -> set[str]:
    """The actor and, for a state or body, the persons who represent it."""
    if actor.kind is ActorKind.PERSON:
        return {actor.id}
    return {actor.id} | {r.source for r in t.around([actor.id], [REP], "in") if r.holds_on(as_of)}


def counterparts(
    store: GraphStore, actor_id: str, level: Literal["actor", "state"] = "actor", as_of: date | None = None
) -> list[Answer]:
    """Whom the actor negotiates with.

    ``level="actor"``: the parties the graph links to the actor directly. ``level="state"``:
    talks of the actor and of the persons who represent it, each counterpart person lifted
    to the state they stand for (``via`` names the persons).
    """
    reader = traversals(store)
    t = reader.talks(actor_id, as_of) if level == "state" else reader.around([actor_id], [NEG], "both", as_of)
    actor = _require(t, actor_id)
    sides = {actor_id} if level == "actor" else _sides(t, actor, as_of)
    rels = [r for r in t.around(sides, [NEG], "both") if r.holds_on(as_of)]
    states = (
        _states_of(t, {r.other(s) for r in rels for s in (r.source, r.target) if s in sides}, as_of)
        if level == "state"
        else {}
    )
    found = []
    for r in rels:
        for own in {r.source, r.target} & sides:
            other = r.other(own)
            if other in sides:
                continue
            via = (
                tuple(p for p in (own, other) if kind_of_id(p) is ActorKind.PERSON and p != actor_id)
                if level == "state"
                else ()
            )
            for end in states.get(other) or [other]:
                if end != actor_id:
                    actor_end = t.actors.get(end) or _stub(end)
                    found.append(Answer(actor=actor_end, relation=NEG, evidence=r.evidence, via=via))
    return _answers(t.actors, found)


def allies(store: GraphStore, country_id: str, as_of: date | None = None) -> list[Answer]:
    """The states the graph calls allies of this one."""
    t = traversals(store).around([country_id], [ALLY], "both", as_of)
    _require(t, country_id)
    return _answers(
        t.actors,
        [
            Answer(actor=_stub(r.other(country_id)), relation=ALLY, evidence=r.evidence)
            for r in t.relations
            if r.holds_on(as_of)
        ],
    )


def tariff_imposers(store: GraphStore, target_id: str, as_of: date | None = None) -> list[Answer]:
    """Who imposed tariffs on the target: the imposers, and the states a person imposer stands for."""
    t = traversals(store).tariffs_on(target_id, as_of)
    _require(t, target_id)
    rels = [r for r in t.around([target_id], [TARIFF], "in") if r.holds_on(as_of)]
    states = _states_of(t, [r.source for r in rels], as_of)
    found = []
    for r in rels:
        found.append(Answer(actor=_stub(r.source), relation=TARIFF, evidence=r.evidence))
        found += [
            Answer(actor=_stub(s), relation=TARIFF, evidence=r.evidence, via=(r.source,))
            for s in states.get(r.source, [])
            if s != target_id
        ]
    return _answers(t.actors, found)


def tariff_targets(store: GraphStore, actor_id: str, as_of: date | None = None) -> list[Answer]:
    """On whom the actor imposed tariffs; for a state, also those its representatives imposed."""
    t = traversals(store).tariffs_by(actor_id, as_of)
    sides = _sides(t, _require(t, actor_id), as_of)
    return _answers(
        t.actors,
        [
            Answer(
                actor=_stub(r.target),
                relation=TARIFF,
                evidence=r.evidence,
                via=(r.source,) if r.source != actor_id else (),
            )
            for r in t.around(sides, [TARIFF], "out")
            if r.holds_on(as_of) and r.target not in sides
        ],
    )


__all__ = [
    "ALLY",
    "ALL_KINDS",
    "DEFAULT_HOLDERS",
    "DEFAULT_MAX_HOPS",
    "DEFAULT_TOP",
    "MAX_DEPTH",
    "SHOWN_LIMIT",
    "NEG",
    "REP",
    "REPL",
    "TARIFF",
    "Answer",
    "Answers",
    "Broker",
    "Evidence",
    "Path",
    "Profile",
    "Subgraph",
    "Succession",
    "allies",
    "brokers",
    "counterparts",
    "event_date",
    "evidence_order",
    "first_holders",
    "neighbourhood",
    "predecessors",
    "profile",
    "represented_by",
    "representatives_of",
    "shortest_path",
    "successors",
    "tariff_imposers",
    "tariff_targets",
    "traversals",
]
