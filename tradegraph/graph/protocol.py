"""The typed query protocol: the traversals questions need, which every store implements natively.

SQL on SQLite, one Cypher statement per call on Neo4j. ``tradegraph.queries`` calls only these
methods (through ``GraphStore.traversals()``) and decides there what the answers mean; a store
returns the facts a question needs in one call, a superset that the question narrows down.

Time: a relation is *reported by* a day D when some of its evidence is dated on or before D
(undated evidence counts; ``Relation.known_by``), and *current* on D when it is also valid on D
(``Relation.holds_on``). Every method taking ``as_of`` returns only relations reported by then;
``neighbourhood`` and ``shortest_path`` walk only relations current on that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from tradegraph.graph.model import Actor, Evidence, Relation, RelationKind

# How many actors a neighbourhood shown to a user keeps by default (``ask``, ``query``, ``viz``):
# the nearest and best connected (``Traversals.neighbourhood``); a depth-2 view through a state
# reaches hundreds, which no drawing or list shows legibly. ``--limit N`` changes it; ``--all`` keeps all.
SHOWN_LIMIT = 100

Direction = Literal["out", "in", "both"]


def current(rel: Relation, day: date | None) -> bool:
    """Valid on ``day`` and reported by then (None: always).

    >>> from tradegraph.graph.model import Evidence
    >>> r = Relation("person:a", RelationKind.REPRESENTS, "country:JPN",
    ...              evidence=(Evidence("article:1", "s", date=date(2025, 4, 16)),))
    >>> current(r, date(2025, 4, 1)), current(r, date(2025, 5, 1))
    (False, True)
    """
    return rel.holds_on(day) and rel.known_by(day)


def known_from(evidence: Sequence[Evidence]) -> str | None:
    """What stores keep to answer ``known_by`` in O(1): the earliest evidence date as ISO text,
    ``""`` when some evidence is undated (known from the start), None without evidence.

    >>> known_from([Evidence("article:1", "s", date=date(2025, 4, 16))]), known_from([])
    ('2025-04-16', None)
    """
    if not evidence:
        return None
    if any(ev.date is None for ev in evidence):
        return ""
    return min(ev.date for ev in evidence if ev.date).isoformat()


@dataclass(frozen=True, slots=True)
class Facts:
    """What one question read from a store: relations and the actors they (and the question) name.

    ``total``: for a neighbourhood, how many actors lie within its depth before a ``limit``
    kept the first of them; for a representation without a day, how many holders the body has
    before a ``limit`` kept the first of them (None for other questions).
    """

    actors: Mapping[str, Actor] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    total: int | None = None

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction
    ) -> list[Relation]:
        """The relations among these facts leaving, entering or touching any of ``ids``."""
        wanted, ends = set(kinds), set(ids)
        return [
            r
            for r in self.relations
            if r.kind in wanted
            and ((direction != "in" and r.source in ends) or (direction != "out" and r.target in ends))
        ]


class Traversals(Protocol):
    """The reads behind the questions; one instance serves one question (it may cache actors)."""

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The stored actors among ``ids``, by id."""

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction, as_of: date | None
    ) -> Facts:
        """Relations of ``kinds`` leaving/entering/touching any of ``ids``; actors: ``ids`` and the ends."""

    def representation(self, body_id: str, as_of: date | None, limit: int | None = None) -> Facts:
        """REPRESENTS relations into the body and every REPLACED_BY chain leading to their sources.

        Without ``as_of`` (who holds the office now) only what that answer shows: REPRESENTS
        of holders not ended (``valid_to``) nor replaced (the source of a REPLACED_BY in those
        chains), the REPLACED_BY relations into those whose REPRESENTS has no ``valid_from``
        (they date the start), with evidence only where the answer shows it (REPLACED_BY with a
        ``valid_from`` come without), and the actors: the body and the holders. ``Facts.total`` counts those holders; with ``limit``
        only the first ``limit`` of them come (and the REPLACED_BY into them), in this order:
        most recently reported first (their REPRESENTS' latest evidence date, ``last_reported``;
        none dated last), then most evidence (``support``: distinct articles), then id.

        With ``as_of``, who held the office that day is decided by the question from the
        replacement dates along the chains (``tradegraph.queries.helpers``), so every holder
        comes, ``limit`` is not applied here and ``total`` is None."""

    def represented(self, person_id: str, as_of: date | None) -> Facts:
        """The person's REPRESENTS and REPLACED_BY relations, and the REPRESENTS of their successors."""

    def succession(self, person_id: str, forward: bool, as_of: date | None) -> Facts:
        """Every REPLACED_BY relation reachable from the person along (or against) the arrows."""

    def talks(self, actor_id: str, as_of: date | None) -> Facts:
        """The actor's representatives (REPRESENTS in), the NEGOTIATES_WITH relations of the actor
        and of them, and the REPRESENTS relations of the far ends of those talks."""

    def tariffs_on(self, target_id: str, as_of: date | None) -> Facts:
        """IMPOSES_TARIFFS_ON relations into the target and the REPRESENTS of their sources."""

    def tariffs_by(self, actor_id: str, as_of: date | None) -> Facts:
        """The actor's representatives and the IMPOSES_TARIFFS_ON relations of the actor and of them."""

    def neighbourhood(
        self,
        actor_id: str,
        depth: int,
        kinds: Iterable[RelationKind],
        as_of: date | None,
        limit: int | None = None,
    ) -> Facts:
        """Actors within ``depth`` current relations of the actor, and every relation among them.

        With ``limit``, only the first ``limit`` actors in this order: nearest the actor first
        (fewest hops), then most relations in the whole store (any kind, any day), then id; the
        relations are those among the kept actors and ``Facts.total`` counts all of them."""

    def shortest_path(
        self, a: str, b: str, kinds: Iterable[RelationKind], as_of: date | None, max_hops: int
    ) -> Facts:
        """The relations (in order) of the shortest undirected chain of current relations from ``a``
        to ``b`` whose actor ids sort first, each step the smallest-keyed relation between its
        two actors; none when there is no chain within ``max_hops``. Actors: ``a``, ``b`` and
        the chain's, when stored."""

    def actors_named(self, keys: Iterable[str]) -> dict[str, dict[str, int]]:
        """For each ``name_key`` (``tradegraph.graph.name_keys``): the actors it names, with the
        rank of the match (full name or id, alias, surname)."""

    def everything(self, kinds: Iterable[RelationKind], as_of: date | None) -> Iterator[Relation]:
        """Every current relation of ``kinds`` (for analytics built on demand, e.g. networkx)."""

    def counts(self) -> dict[str, int]:
        """Actors by kind, relations by kind, evidence entries and articles, counted natively."""
