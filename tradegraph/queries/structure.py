"""Questions about the shape of the graph (paths, profiles, neighbourhoods, brokers), and the
small pieces every question shares; each question is one call of the typed query protocol."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

import networkx as nx

from tradegraph.graph import restore
from tradegraph.graph.errors import NotFoundError, UnsupportedError
from tradegraph.graph.model import Actor, ActorKind, Relation, RelationKind, kind_of_id
from tradegraph.graph.protocol import Facts, Traversals
from tradegraph.graph.store import GraphStore
from tradegraph.queries import analytics
from tradegraph.queries.results import Broker, Path, Profile, Subgraph, sorted_evidence

REP, NEG, REPL = RelationKind.REPRESENTS, RelationKind.NEGOTIATES_WITH, RelationKind.REPLACED_BY
ALLY, TARIFF = RelationKind.ALLIED_WITH, RelationKind.IMPOSES_TARIFFS_ON
ALL_KINDS = tuple(RelationKind)
DEFAULT_MAX_HOPS = 6
DEFAULT_TOP = 10
MAX_DEPTH = 5


def traversals(store: GraphStore) -> Traversals:
    """The store's reader of the typed query protocol (one per question)."""
    return store.traversals()


def _require(facts: Facts, actor_id: str) -> Actor:
    found = facts.actors.get(actor_id)
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


def _stub(actor_id: str) -> Actor:
    """A placeholder until ``_answers`` puts in the actor the store returned (not validated:
    it lives only until then, or stands for an actor the store did not return)."""
    kind = kind_of_id(actor_id) or ActorKind.ORGANIZATION
    return restore.actor(actor_id, actor_id, kind.value, (), (), None, {})


def shortest_path(
    store: GraphStore,
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
    facts = traversals(store).shortest_path(a, b, tuple(kinds or ALL_KINDS), as_of, max_hops)
    _require(facts, a), _require(facts, b)
    if a == b:
        return Path(actors=(facts.actors[a],), relations=())
    if not facts.relations:
        return None
    order = [a]
    for r in facts.relations:
        order.append(r.other(order[-1]))
    return Path(actors=tuple(facts.actors[i] for i in order), relations=facts.relations)


def _relation_order(r: Relation) -> tuple[Any, ...]:
    day = event_date(r)
    return (day is None, day or date.min, r.kind.value, r.key)


def profile(store: GraphStore, actor_id: str, as_of: date | None = None) -> Profile:
    """The actor (kind, aliases, roles, affiliation) and its relations over time."""
    facts = traversals(store).around([actor_id], ALL_KINDS, "both", as_of)
    actor = _require(facts, actor_id)
    rels = sorted(
        (replace(r, evidence=sorted_evidence(r.evidence)) for r in facts.relations if r.holds_on(as_of)),
        key=_relation_order,
    )
    others = {r.other(actor_id) for r in rels}
    return Profile(
        actor=actor,
        relations=tuple(rels),
        neighbours=tuple(facts.actors[i] for i in sorted(others) if i in facts.actors),
    )


def neighbourhood(
    store: GraphStore,
    actor_id: str,
    depth: int = 1,
    kinds: Iterable[RelationKind] | None = None,
    as_of: date | None = None,
    limit: int | None = None,
) -> Subgraph:
    """The actors within ``depth`` relations of the actor and every relation among them.

    ``limit`` bounds the actors kept (the actor itself included): nearest first, then those
    with the most relations, then by id; ``Subgraph.total`` still counts the whole
    neighbourhood, so a caller can say it was cut. Depth 2 through a state reaches most of the
    states and their negotiators, which no drawing shows legibly: explorers pass a limit.
    """
    if not 0 <= depth <= MAX_DEPTH:
        raise UnsupportedError(f"depth {depth} is out of range; use 0 to {MAX_DEPTH}", code="TG443")
    if limit is not None and limit < 1:
        raise UnsupportedError(f"limit {limit} keeps no actor; pass 1 or more (or none)", code="TG445")
    facts = traversals(store).neighbourhood(actor_id, depth, tuple(kinds or ALL_KINDS), as_of, limit)
    _require(facts, actor_id)
    inside = [_evidence_sorted(r) for r in facts.relations]
    members = {actor_id} | {e for r in inside for e in (r.source, r.target)}
    return Subgraph(
        actors=tuple(facts.actors[i] for i in sorted(members)),
        relations=tuple(sorted(inside, key=lambda r: r.key)),
        total=facts.total if facts.total is not None else len(members),
    )


def _evidence_sorted(r: Relation) -> Relation:
    """``r`` with its evidence in answer order; ``r`` itself when it already is (most are: a
    single piece), since ``replace`` validates the relation again."""
    ordered = sorted_evidence(r.evidence)
    return r if ordered == r.evidence else replace(r, evidence=ordered)


def brokers(
    store: GraphStore,
    top: int = DEFAULT_TOP,
    kinds: Iterable[RelationKind] | None = None,
    as_of: date | None = None,
) -> list[Broker]:
    """The actors with the highest betweenness centrality (ties by id), zero scores left out;
    sampled on large graphs, with the error bound in ``Broker.error`` (see ``analytics``).

    Analytics: the networkx graph is built from the store on demand, then dropped.
    """
    t = traversals(store)
    graph = nx.Graph()
    graph.add_edges_from((r.source, r.target) for r in t.everything(tuple(kinds or ALL_KINDS), as_of))
    result = analytics.betweenness(graph)
    scores = {n: round(s, 9) for n, s in result.scores.items() if s > 0}
    best = sorted(scores, key=lambda n: (-scores[n], n))[:top]
    actors = t.actors(best)
    return [Broker(actor=actors[n], score=scores[n], error=result.error) for n in best]
