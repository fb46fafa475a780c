"""The typed query protocol on Neo4j: one parameterised Cypher statement per call.

Every statement enters the graph through ``Actor.id`` (the uniqueness constraint's index),
filters relationship types with ``type(r) IN $kinds`` or a fixed type, and returns one record:
the relationships it found (each with its evidence nodes) and the actors the question needs.
``$day`` is the as-of day as ISO text (null: any day); variable-length bounds cannot be
parameters, so the one number spliced in is an ``int`` checked here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from tradegraph.graph.backends import neo4j_cypher as cy
from tradegraph.graph.backends.neo4j_cypher import checked_name
from tradegraph.graph.backends.neo4j_rows import ACTOR_ROW, actor_from_row, relation_from_record
from tradegraph.graph.model import Actor, ActorKind, Relation, RelationKind
from tradegraph.graph.name_keys import name_keys
from tradegraph.graph.protocol import Direction, Facts

if TYPE_CHECKING:
    from tradegraph.graph.backends.neo4j import Neo4jStore

MAX_CHAIN = 25


def known(r: str) -> str:
    """Reported by ``$day``: the relationship's earliest evidence is on or before it."""
    return f"($day IS NULL OR {r}.known_from IS NULL OR {r}.known_from <= $day)"


def current(r: str) -> str:
    """Reported by ``$day`` and valid on it (``Relation.holds_on``)."""
    return (
        f"({known(r)} AND ($day IS NULL OR (({r}.valid_from IS NULL OR {r}.valid_from <= date($day)) "
        f"AND ({r}.valid_to IS NULL OR {r}.valid_to > date($day)))))"
    )


_REL = (
    "{source: startNode(r).id, kind: type(r), target: endNode(r).id, "
    "valid_from: toString(r.valid_from), valid_to: toString(r.valid_to), role: r.role, "
    f"evidence: {cy.EVIDENCE_OF_R}}}"
)
# The one record every protocol statement returns, from ``named`` (nodes) and ``rels``: each
# actor once (a state at the end of 200 relations is sent once, not 200 times).
_TAIL = f"""
WITH named, rels
CALL (named, rels) {{
    UNWIND named + [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS n
    WITH DISTINCT n WHERE n IS NOT NULL
    RETURN collect({ACTOR_ROW}) AS actors
}}
RETURN [r IN rels | {_REL}] AS rels, actors
"""
_NAMED = "CALL () { UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN collect(a) AS named }"
_PATTERN = {
    "out": "(:Actor {id: id})-[r]->(:Actor)",
    "in": "(:Actor {id: id})<-[r]-(:Actor)",
    "both": "(:Actor {id: id})-[r]-(:Actor)",
}
AROUND = {
    d: f"""{_NAMED}
CALL () {{ UNWIND $ids AS id MATCH {p} WHERE type(r) IN $kinds AND {known("r")}
       RETURN collect(DISTINCT r) AS rels }}{_TAIL}"""
    for d, p in _PATTERN.items()
}
_ONE = "OPTIONAL MATCH (a:Actor {id: $id})\n"
_REPS = f"""CALL (a) {{ MATCH (p:Actor)-[r:REPRESENTS]->(a) WHERE a.kind <> 'Person' AND {known("r")}
       RETURN collect(r) AS reps, collect(DISTINCT p) AS ps }}
"""
# Who-represents on a day: every REPRESENTS into the body reported by then and the REPLACED_BY
# chains into its representatives (``Traversals.representation``), all with their evidence.
REPRESENTATION_ON = f"""{_ONE}{_REPS.replace("a.kind <> 'Person' AND ", "")}
CALL (ps) {{ UNWIND ps AS p
    MATCH path = (:Actor)-[:REPLACED_BY*1..{MAX_CHAIN}]->(p) WHERE all(r IN relationships(path) WHERE {known("r")})
       UNWIND relationships(path) AS r RETURN collect(DISTINCT r) AS chain }}
WITH [a] AS named, reps + chain AS rels{_TAIL}"""
# Who-represents now sends only the holders: REPRESENTS not ended, whose source no REPLACED_BY
# chain leads from to another representative of the body (followed forward from each holder, a
# pattern comprehension, so the planner expands from the person, not from the body once per
# person). The first ``$limit`` go, most recently reported first (``last_reported``, none dated
# last), then most articles (``support``), then id, ``total`` counting them all; both keys are
# kept on the relationship by every write (``neo4j_cypher.REPRESENTS_SUMMARY``), and computed
# from its evidence for one written before they existed. With them go the replacements into
# the holders sent that have no start (the only ones they date), with evidence only when they
# have no start themselves. Reading the keys instead of seeking each representative's evidence
# to rank it, and checking each person's own chain instead of expanding every chain into the
# body, took 12% off the statement at 100k relationships (benchmarks/README.md).
_RANK_KEYS = """CALL (r) { WITH r WHERE r.support IS NULL OPTIONAL MATCH (e:Evidence {relation: r.key})
           RETURN max(e.date) AS computed_last, count(DISTINCT e.article_id) AS computed_support }
       WITH r, p, CASE WHEN r.support IS NULL THEN computed_last ELSE r.last_reported END AS last,
            coalesce(r.support, computed_support) AS support"""
_SHOWN_NOW = (
    "evidence: CASE WHEN type(r) = 'REPLACED_BY' AND r.valid_from IS NOT NULL THEN [] "
    f"ELSE {cy.EVIDENCE_OF_R} END"
)
REPRESENTATION_NOW = (
    _ONE
    + f"""CALL (a) {{ MATCH (p:Actor)-[r:REPRESENTS]->(a) WITH collect(r) AS reps, collect(p) AS ps
       UNWIND reps AS r WITH r, startNode(r) AS p, ps WHERE r.valid_to IS NULL
       WITH r, p, ps WHERE NOT any(q IN [(p)-[:REPLACED_BY*1..{MAX_CHAIN}]->(q) | q] WHERE q IN ps)
       {_RANK_KEYS}
       ORDER BY last IS NULL, last DESC, support DESC, p.id
       RETURN collect(r) AS ranked }}
WITH a, size(ranked) AS total, CASE WHEN $limit IS NULL THEN ranked ELSE ranked[..$limit] END AS reps
CALL (reps) {{ UNWIND reps AS r WITH r, startNode(r) AS p WHERE r.valid_from IS NULL
       MATCH (:Actor)-[c:REPLACED_BY]->(p) RETURN collect(c) AS chain }}
WITH [a] AS named, reps + chain AS rels, total{
        _TAIL.replace("WITH named, rels", "WITH named, rels, total")
        .replace("AS rels, actors", "AS rels, actors, total")
        .replace(f"evidence: {cy.EVIDENCE_OF_R}", _SHOWN_NOW)
    }"""
)
REPRESENTED = f"""{_ONE}CALL (a) {{ MATCH (a)-[r:REPRESENTS|REPLACED_BY]->(:Actor) WHERE {known("r")}
       RETURN collect(r) AS own }}
CALL (a) {{ MATCH (a)-[x:REPLACED_BY]->(:Actor)-[r:REPRESENTS]->(:Actor) WHERE {known("x")} AND {known("r")}
       RETURN collect(DISTINCT r) AS theirs }}
WITH [a] AS named, own + theirs AS rels{_TAIL}"""
_CHAIN = f"""{_ONE}CALL (a) {{ MATCH path = {{pattern}} WHERE all(r IN relationships(path) WHERE {known("r")})
       UNWIND relationships(path) AS r RETURN collect(DISTINCT r) AS rels }}
WITH [a] AS named, rels{_TAIL}"""
SUCCESSORS = _CHAIN.replace("{pattern}", f"(a)-[:REPLACED_BY*1..{MAX_CHAIN}]->(:Actor)")
PREDECESSORS = _CHAIN.replace("{pattern}", f"(:Actor)-[:REPLACED_BY*1..{MAX_CHAIN}]->(a)")
TALKS = f"""{_ONE}{_REPS}CALL (a, ps) {{ UNWIND [a] + ps AS side
       MATCH (side)-[r:NEGOTIATES_WITH]-(o:Actor) WHERE {known("r")}
       RETURN collect(DISTINCT r) AS talks, collect(DISTINCT o) AS others }}
CALL (others) {{ UNWIND others AS o MATCH (o)-[r:REPRESENTS]->(:Actor) WHERE o.kind = 'Person' AND {known("r")}
       RETURN collect(DISTINCT r) AS theirs }}
WITH [a] AS named, reps + talks + theirs AS rels{_TAIL}"""
TARIFFS_ON = f"""{_ONE}CALL (a) {{ MATCH (s:Actor)-[r:IMPOSES_TARIFFS_ON]->(a) WHERE {known("r")}
       RETURN collect(r) AS tariffs, collect(DISTINCT s) AS sources }}
CALL (sources) {{ UNWIND sources AS s MATCH (s)-[r:REPRESENTS]->(:Actor) WHERE s.kind = 'Person' AND {known("r")}
       RETURN collect(DISTINCT r) AS theirs }}
WITH [a] AS named, tariffs + theirs AS rels{_TAIL}"""
TARIFFS_BY = f"""{_ONE}{_REPS}CALL (a, ps) {{ UNWIND [a] + ps AS side
       MATCH (side)-[r:IMPOSES_TARIFFS_ON]->(:Actor) WHERE {known("r")} RETURN collect(DISTINCT r) AS tariffs }}
WITH [a] AS named, reps + tariffs AS rels{_TAIL}"""
# Members nearest first, then by degree (``getDegree``: no relationship is read), then id;
# ``$limit`` (null: all) keeps the first, ``total`` counts them all. Actor nodes carry only
# relationships of ``RelationKind`` (evidence links its article, never an actor), so the degree
# is taken over all types: one ``getDegree`` per member, where one per type (five) made the
# ranking of a depth-2 neighbourhood twice as slow (9.5 vs 4.9 ms p50, paired runs).
# Each relationship among the members is found once (from its one start node, and members are
# distinct), so it is collected without DISTINCT; the actors are the members themselves (the
# ego is the first, at 0 hops, and every end is a member), sent without the shared tail's
# UNWIND and DISTINCT of every end: 2-5% off depth 2 (benchmarks/README.md).
NEIGHBOURHOOD = f"""{_ONE}CALL (a) {{ MATCH (a)-[rs*0..{{depth}}]-(m:Actor)
       WHERE all(r IN rs WHERE type(r) IN $kinds AND {current("r")})
       WITH m, min(size(rs)) AS hops
       ORDER BY hops, COUNT {{ (m)--() }} DESC, m.id
       RETURN collect(m) AS ranked }}
WITH a, size(ranked) AS total, CASE WHEN $limit IS NULL THEN ranked ELSE ranked[..$limit] END AS members
CALL (members) {{ UNWIND members AS m MATCH (m)-[r]->(o:Actor)
       WHERE type(r) IN $kinds AND {current("r")} AND o IN members RETURN collect(r) AS rels }}
RETURN [r IN rels | {_REL}] AS rels, [n IN members | {ACTOR_ROW}] AS actors, total"""
SHORTEST_PATH = f"""OPTIONAL MATCH (a:Actor {{id: $a}}) OPTIONAL MATCH (b:Actor {{id: $b}})
CALL (a, b) {{ MATCH path = allShortestPaths((a)-[*..{{hops}}]-(b))
       WHERE a <> b AND all(r IN relationships(path) WHERE type(r) IN $kinds AND {current("r")})
       WITH path ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | [startNode(r).id, type(r), endNode(r).id]]
       LIMIT 1 RETURN collect(relationships(path)) AS found }}
WITH [a, b] AS named, coalesce(found[0], []) AS rels{_TAIL}"""
ALL_NAMES = "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases"
EVERYTHING = f"""MATCH (:Actor)-[r]->(:Actor) WHERE type(r) IN $kinds AND {current("r")}
RETURN {_REL} AS rel"""


def counts_statement() -> str:
    """Counts from the count store (one label or type each): no node or relationship is read."""
    parts = [f"COUNT {{ (:{checked_name(k)}) }} AS `actors.{k.value}`" for k in ActorKind]
    parts += [f"COUNT {{ ()-[:{checked_name(k)}]->() }} AS `relations.{k.value}`" for k in RelationKind]
    parts += ["COUNT { (:Evidence) } AS evidence", "COUNT { (:Article) } AS articles"]
    return "RETURN " + ",\n       ".join(parts)


COUNTS = counts_statement()


class Neo4jTraversals:
    """The protocol (``tradegraph.graph.protocol.Traversals``) over one ``Neo4jStore``."""

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store

    def _facts(self, cypher: str, **params: Any) -> Facts:
        [row] = self.store.run_read(cypher, **params)
        actors = {a.id: a for a in map(actor_from_row, row["actors"])}
        rels = {r.key: r for r in map(relation_from_record, row["rels"])}
        return Facts(actors=actors, relations=tuple(rels.values()), total=row.get("total"))

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        return dict(self._facts(AROUND["out"], ids=sorted(set(ids)), kinds=[], day=None).actors)

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction, as_of: date | None
    ) -> Facts:
        names = [RelationKind(k).value for k in kinds]
        return self._facts(AROUND[direction], ids=sorted(set(ids)), kinds=names, day=_iso(as_of))

    def representation(self, body_id: str, as_of: date | None, limit: int | None = None) -> Facts:
        bound = None if limit is None else max(int(limit), 1)
        if as_of is None:
            return self._facts(REPRESENTATION_NOW, id=body_id, limit=bound)
        return self._facts(REPRESENTATION_ON, id=body_id, day=_iso(as_of))

    def represented(self, person_id: str, as_of: date | None) -> Facts:
        return self._facts(REPRESENTED, id=person_id, day=_iso(as_of))

    def succession(self, person_id: str, forward: bool, as_of: date | None) -> Facts:
        return self._facts(SUCCESSORS if forward else PREDECESSORS, id=person_id, day=_iso(as_of))

    def talks(self, actor_id: str, as_of: date | None) -> Facts:
        return self._facts(TALKS, id=actor_id, day=_iso(as_of))

    def tariffs_on(self, target_id: str, as_of: date | None) -> Facts:
        return self._facts(TARIFFS_ON, id=target_id, day=_iso(as_of))

    def tariffs_by(self, actor_id: str, as_of: date | None) -> Facts:
        return self._facts(TARIFFS_BY, id=actor_id, day=_iso(as_of))

    def neighbourhood(
        self,
        actor_id: str,
        depth: int,
        kinds: Iterable[RelationKind],
        as_of: date | None,
        limit: int | None = None,
    ) -> Facts:
        cypher = NEIGHBOURHOOD.replace("{depth}", str(int(depth)))
        names = [RelationKind(k).value for k in kinds]
        bound = None if limit is None else max(int(limit), 1)
        return self._facts(cypher, id=actor_id, kinds=names, day=_iso(as_of), limit=bound)

    def shortest_path(
        self, a: str, b: str, kinds: Iterable[RelationKind], as_of: date | None, max_hops: int
    ) -> Facts:
        cypher = SHORTEST_PATH.replace("{hops}", str(max(1, int(max_hops))))
        facts = self._facts(cypher, a=a, b=b, kinds=[RelationKind(k).value for k in kinds], day=_iso(as_of))
        return facts  # relations come back in path order (the dict keeps insertion order)

    def actors_named(self, keys: Iterable[str]) -> dict[str, dict[str, int]]:
        """Keys are computed in Python (Cypher has no ``name_key``): this reads every actor's
        names, as name resolution did before; an indexed key list on Neo4j is left to do."""
        wanted, out = set(keys), dict[str, dict[str, int]]()
        for row in self.store.run_read(ALL_NAMES):
            actor = Actor(
                row["id"], row["name"] or row["id"], row["kind"], aliases=tuple(row["aliases"] or ())
            )
            for key, rank in name_keys(actor).items():
                if key in wanted:
                    out.setdefault(key, {})[actor.id] = rank
        return out

    def everything(self, kinds: Iterable[RelationKind], as_of: date | None) -> Iterator[Relation]:
        rows = self.store.run_read(EVERYTHING, kinds=[RelationKind(k).value for k in kinds], day=_iso(as_of))
        return (relation_from_record(row["rel"]) for row in rows)

    def counts(self) -> dict[str, int]:
        [row] = self.store.run_read(COUNTS)
        out = {k: int(v) for k, v in row.items()}
        out["actors"] = sum(v for k, v in out.items() if k.startswith("actors."))
        out["relations"] = sum(v for k, v in out.items() if k.startswith("relations."))
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
