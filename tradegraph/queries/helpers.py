"""Question functions over any store: who represents whom, successions, talks, allies, tariffs.

The store-specific part is a handful of traversals (networkx for the embedded store, Cypher for
Neo4j, see ``traversals``); what the answers mean -- time, successions, lifting a person to the
state they stand for -- is decided here once, so both stores give the same answers.

Time: ``as_of`` keeps the relations that held on that day (``Relation.holds_on``). For offices
(REPRESENTS) a replacement with a date also bounds the tenures: ``A REPLACED_BY B`` on day d
ends A's representation of the state B represents, and starts B's. Roles are not compared:
extracted role strings are too noisy ("vice commerce minister" / "trade representative" for
one post), so a person replaced in one office of a state counts as no longer representing it. Without ``as_of``,
``representatives_of`` answers the current holders (tenures not known to have ended); the other
helpers answer everything known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any, Literal

import networkx as nx

from tradegraph.graph.errors import NotFoundError, UnsupportedError
from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, RelationKind, kind_of_id
from tradegraph.queries import analytics
from tradegraph.queries.results import (
    Answer,
    Broker,
    Path,
    Profile,
    Subgraph,
    Succession,
    evidence_order,
    sorted_evidence,
)

REP, NEG, REPL = RelationKind.REPRESENTS, RelationKind.NEGOTIATES_WITH, RelationKind.REPLACED_BY
ALLY, TARIFF = RelationKind.ALLIED_WITH, RelationKind.IMPOSES_TARIFFS_ON
ALL_KINDS = tuple(RelationKind)
DEFAULT_MAX_HOPS = 6
DEFAULT_TOP = 10
MAX_DEPTH = 5


def traversals(store: Any) -> Any:
    """The traversal implementation for ``store``: networkx when embedded, Cypher on Neo4j."""
    from tradegraph.graph.backends.memory import MemoryStore

    if isinstance(store, MemoryStore):
        from tradegraph.queries.embedded import EmbeddedTraversals

        return EmbeddedTraversals(store)
    if hasattr(store, "run_read"):
        from tradegraph.queries.cypher import CypherTraversals

        return CypherTraversals(store)
    raise UnsupportedError(
        f"queries do not support {type(store).__name__}; open an embedded store directory or a Neo4j URI",
        code="TG442",
    )


def _require(t: Any, actor_id: str) -> Actor:
    found: Actor | None = t.actors([actor_id]).get(actor_id)
    if found is None:
        raise NotFoundError(
            f"no actor {actor_id!r}; ids look like 'country:JPN' or "
            "'person:scott-bessent' (try 'tradegraph actors')",
            code="TG241",
        )
    return found


def event_date(rel: Relation) -> date | None:
    """When a relation (a replacement, say) happened: its start, else its earliest evidence.

    >>> r = Relation("person:a", RelationKind.REPLACED_BY, "person:b", valid_from=date(2025, 4, 16))
    >>> event_date(r)
    datetime.date(2025, 4, 16)
    """
    if rel.valid_from:
        return rel.valid_from
    return min((ev.date for ev in rel.evidence if ev.date), default=None)


def _answers(t: Any, found: list[Answer]) -> list[Answer]:
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
    actors = t.actors(merged)
    out = [
        replace(
            a,
            actor=actors.get(a.actor.id, a.actor),
            evidence=sorted_evidence(a.evidence),
            via=tuple(sorted(set(a.via))),
        )
        for a in merged.values()
    ]
    return sorted(out, key=lambda a: (-a.support, a.actor.name.casefold(), a.actor.id))


def _stub(actor_id: str) -> Actor:
    """A placeholder until ``_answers`` fetches the real actors in one round trip."""
    return Actor(id=actor_id, name=actor_id, kind=kind_of_id(actor_id) or ActorKind.ORGANIZATION)


# -- representation -------------------------------------------------------------------------


def _tenures(t: Any, body: str) -> list[tuple[Answer, bool]]:
    """Every (known or inferred) representative of ``body`` with whether the tenure ended."""
    reps = {r.source: r for r in t.around([body], [REP], "in")}
    tenures: dict[str, dict[str, Any]] = {
        p: {
            "rel": r,
            "role": r.role,
            "from": r.valid_from,
            "to": r.valid_to,
            "ended": r.valid_to is not None,
            "evidence": r.evidence,
            "inferred": False,
        }
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
                tenures[old] = {
                    "rel": None,
                    "role": rel.role,
                    "from": None,
                    "to": None,
                    "ended": False,
                    "evidence": rel.evidence,
                    "inferred": True,
                }
            tenures[old]["ended"] = True
            if day:
                tenures[old]["to"] = min(d for d in (tenures[old]["to"], day) if d)
                tenures[new]["from"] = tenures[new]["from"] or day
            if old not in seen:
                seen.add(old)
                frontier.append(old)
    return [
        (
            Answer(
                actor=_stub(p),
                relation=REP,
                evidence=v["evidence"],
                role=v["role"],
                valid_from=v["from"],
                valid_to=v["to"],
                inferred=v["inferred"],
            ),
            v["ended"],
        )
        for p, v in tenures.items()
    ]


def _in_office(ans: Answer, ended: bool, as_of: date | None) -> bool:
    if as_of is None:
        return not ended
    if ans.valid_from and as_of < ans.valid_from:
        return False
    return not (ans.valid_to and as_of >= ans.valid_to)


def representatives_of(store: Any, body_id: str, as_of: date | None = None) -> list[Answer]:
    """Who represents a country or body (on ``as_of``; without it, who does now).

    A predecessor of a representative counts as having represented the body until replaced.
    """
    t = traversals(store)
    found = [a for a, ended in _tenures(t, body_id) if _in_office(a, ended, as_of)]
    if not found:
        _require(t, body_id)  # only an empty answer needs the round trip that tells "unknown" apart
    return _answers(t, found)


def represented_by(store: Any, person_id: str, as_of: date | None = None) -> list[Answer]:
    """The states or bodies a person represents (with the role), including former ones."""
    t = traversals(store)
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
    if not found:
        _require(t, person_id)
    return _answers(t, found)


# -- successions ----------------------------------------------------------------------------


def _succession_chain(store: Any, person_id: str, as_of: date | None, forward: bool) -> list[Succession]:
    t = traversals(store)
    _require(t, person_id)
    rels = [r for r in t.chain(person_id, forward) if as_of is None or (event_date(r) or as_of) <= as_of]
    actors = t.actors({e for r in rels for e in (r.source, r.target)})
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


def successors(store: Any, person_id: str, as_of: date | None = None) -> list[Succession]:
    """Who replaced the person, and who replaced them, in order (replacements up to ``as_of``)."""
    return _succession_chain(store, person_id, as_of, forward=True)


def predecessors(store: Any, person_id: str, as_of: date | None = None) -> list[Succession]:
    """Whom the person replaced, and whom they replaced, nearest first."""
    return _succession_chain(store, person_id, as_of, forward=False)


# -- negotiations, allies, tariffs ----------------------------------------------------------


def _states_of(t: Any, person_ids: Iterable[str], as_of: date | None) -> dict[str, list[str]]:
    """The states (else bodies, else the affiliation) each person stands for."""
    person_ids = [p for p in set(person_ids) if kind_of_id(p) is ActorKind.PERSON]
    targets: dict[str, set[str]] = {p: set() for p in person_ids}
    for r in t.around(person_ids, [REP], "out"):
        if r.holds_on(as_of):
            targets[r.source].add(r.target)
    actors = t.actors(person_ids)
    out = {}
    for p, found in targets.items():
        countries = sorted(b for b in found if kind_of_id(b) is ActorKind.COUNTRY)
        affiliation = actors[p].affiliation if p in actors else None
        out[p] = countries or sorted(found) or ([affiliation] if affiliation else [])
    return out


def _sides(t: Any, actor: Actor, as_of: date | None) -> set[str]:
    """The actor and, for a state or body, the persons who represent it."""
    if actor.kind is ActorKind.PERSON:
        return {actor.id}
    return {actor.id} | {r.source for r in t.around([actor.id], [REP], "in") if r.holds_on(as_of)}


def counterparts(
    store: Any, actor_id: str, level: Literal["actor", "state"] = "actor", as_of: date | None = None
) -> list[Answer]:
    """Whom the actor negotiates with.

    ``level="actor"``: the parties the graph links to the actor directly. ``level="state"``:
    talks of the actor and of the persons who represent it, each counterpart person lifted
    to the state they stand for (``via`` names the persons).
    """
    t = traversals(store)
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
            via = tuple(p for p in (own, other) if kind_of_id(p) is ActorKind.PERSON and p != actor_id)
            for end in states.get(other) or [other]:
                if end != actor_id:
                    found.append(
                        Answer(
                            actor=_stub(end),
                            relation=NEG,
                            evidence=r.evidence,
                            via=via if level == "state" else (),
                        )
                    )
    return _answers(t, found)


def allies(store: Any, country_id: str, as_of: date | None = None) -> list[Answer]:
    """The states the graph calls allies of this one."""
    t = traversals(store)
    _require(t, country_id)
    return _answers(
        t,
        [
            Answer(actor=_stub(r.other(country_id)), relation=ALLY, evidence=r.evidence)
            for r in t.around([country_id], [ALLY], "both")
            if r.holds_on(as_of)
        ],
    )


def tariff_imposers(store: Any, target_id: str, as_of: date | None = None) -> list[Answer]:
    """Who imposed tariffs on the target: the imposers, and the states a person imposer stands for."""
    t = traversals(store)
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
    return _answers(t, found)


def tariff_targets(store: Any, actor_id: str, as_of: date | None = None) -> list[Answer]:
    """On whom the actor imposed tariffs; for a state, also those its representatives imposed."""
    t = traversals(store)
    sides = _sides(t, _require(t, actor_id), as_of)
    return _answers(
        t,
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


# -- structure ------------------------------------------------------------------------------


def shortest_path(
    store: Any,
    a: str,
    b: str,
    kinds: Iterable[RelationKind] | None = None,
    as_of: date | None = None,
    max_hops: int = DEFAULT_MAX_HOPS,
) -> Path | None:
    """One shortest chain of relations (either direction) from ``a`` to ``b``, or None.

    Among equally short chains the one whose actor ids sort first wins, and between two
    actors the relation with the smallest key, so that every store picks the same chain.
    """
    t = traversals(store)
    _require(t, a), _require(t, b)
    if a == b:
        return Path(actors=(t.actors([a])[a],), relations=())
    candidates = t.shortest_paths(a, b, tuple(kinds or ALL_KINDS), as_of, max_hops)
    if not candidates:
        return None
    best: dict[tuple[str, ...], list[list[Relation]]] = {}
    for rels in candidates:
        order = [a]
        for r in rels:
            order.append(r.other(order[-1]))
        best.setdefault(tuple(order), []).append(rels)
    chosen = min(best)
    steps = [min((rels[i] for rels in best[chosen]), key=lambda r: r.key) for i in range(len(chosen) - 1)]
    actors = t.actors(chosen)
    return Path(actors=tuple(actors[i] for i in chosen), relations=tuple(steps))


def _relation_order(r: Relation) -> tuple[Any, ...]:
    day = event_date(r)
    return (day is None, day or date.min, r.kind.value, r.key)


def profile(store: Any, actor_id: str, as_of: date | None = None) -> Profile:
    """The actor (kind, aliases, roles, affiliation) and its relations over time."""
    t = traversals(store)
    actor = _require(t, actor_id)
    rels = sorted(
        (
            replace(r, evidence=sorted_evidence(r.evidence))
            for r in t.around([actor_id], ALL_KINDS, "both")
            if r.holds_on(as_of)
        ),
        key=_relation_order,
    )
    others = t.actors({r.other(actor_id) for r in rels})
    return Profile(
        actor=actor, relations=tuple(rels), neighbours=tuple(sorted(others.values(), key=lambda a: a.id))
    )


def neighbourhood(
    store: Any,
    actor_id: str,
    depth: int = 1,
    kinds: Iterable[RelationKind] | None = None,
    as_of: date | None = None,
) -> Subgraph:
    """The actors within ``depth`` relations of the actor and every relation among them."""
    if not 0 <= depth <= MAX_DEPTH:
        raise UnsupportedError(f"depth {depth} is out of range; use 0 to {MAX_DEPTH}", code="TG443")
    t = traversals(store)
    _require(t, actor_id)
    kinds = tuple(kinds or ALL_KINDS)
    seen, frontier = {actor_id}, {actor_id}
    for _ in range(depth):
        rels = [r for r in t.around(frontier, kinds, "both") if r.holds_on(as_of)]
        frontier = {e for r in rels for e in (r.source, r.target)} - seen
        seen |= frontier
    inside = [
        replace(r, evidence=sorted_evidence(r.evidence))
        for r in t.around(seen, kinds, "both")
        if r.holds_on(as_of) and r.source in seen and r.target in seen
    ]
    actors = t.actors(seen)
    return Subgraph(
        actors=tuple(actors[i] for i in sorted(actors)), relations=tuple(sorted(inside, key=lambda r: r.key))
    )


def brokers(
    store: Any, top: int = DEFAULT_TOP, kinds: Iterable[RelationKind] | None = None, as_of: date | None = None
) -> list[Broker]:
    """The actors with the highest betweenness centrality (ties by id), zero scores left out;
    sampled on large graphs, with the error bound in ``Broker.error`` (see ``analytics``)."""
    t = traversals(store)
    graph = nx.Graph()
    graph.add_edges_from(
        (r.source, r.target) for r in t.everything(tuple(kinds or ALL_KINDS)) if r.holds_on(as_of)
    )
    result = analytics.betweenness(graph)
    scores = {n: round(s, 9) for n, s in result.scores.items() if s > 0}
    best = sorted(scores, key=lambda n: (-scores[n], n))[:top]
    actors = t.actors(best)
    return [Broker(actor=actors[n], score=scores[n], error=result.error) for n in best]


__all__ = [
    "Answer",
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
