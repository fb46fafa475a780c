"""The typed query protocol on the SQLite store: indexed SQL, recursive CTEs for chains.

Each method runs inside one read transaction, so what it returns is one committed state even
while another process writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from tradegraph.graph.backends import sqlite_sql as sql
from tradegraph.graph.backends.sqlite_rows import chunks, iso, load_actors, load_relations
from tradegraph.graph.model import Actor, ActorKind, Relation, RelationKind
from tradegraph.graph.protocol import Direction, Facts

if TYPE_CHECKING:
    from tradegraph.graph.backends.sqlite import SQLiteStore

REP, NEG, REPL = RelationKind.REPRESENTS, RelationKind.NEGOTIATES_WITH, RelationKind.REPLACED_BY
TARIFF = RelationKind.IMPOSES_TARIFFS_ON

_COLS = sql.REL_COLUMNS
_BY_DIRECTION = {
    "out": f"SELECT {_COLS} FROM relations r WHERE r.source IN {sql.IDS} AND r.kind IN {sql.KINDS} AND {{when}}",
    "in": f"SELECT {_COLS} FROM relations r WHERE r.target IN {sql.IDS} AND r.kind IN {sql.KINDS} AND {{when}}",
}
_BY_DIRECTION["both"] = f"{_BY_DIRECTION['out']} UNION {_BY_DIRECTION['in']}"
AROUND = {
    (d, w): s.format(when=cond)
    for d, s in _BY_DIRECTION.items()
    for w, cond in (("known", sql.KNOWN), ("current", sql.CURRENT))
}

# Every REPLACED_BY relation reachable from :ids along the arrows (forward) or against them.
_CHAIN = """
WITH RECURSIVE reached(id) AS (
    SELECT value FROM json_each(:ids)
    UNION
    SELECT r.{far} FROM relations r JOIN reached ON r.{near} = reached.id
    WHERE r.kind = 'REPLACED_BY' AND {known}
)
SELECT {cols} FROM relations r JOIN reached ON r.{near} = reached.id
WHERE r.kind = 'REPLACED_BY' AND {known}
"""
CHAIN_FORWARD = _CHAIN.format(near="source", far="target", known=sql.KNOWN, cols=_COLS)
CHAIN_BACKWARD = _CHAIN.format(near="target", far="source", known=sql.KNOWN, cols=_COLS)
# Just the links (no evidence) of current relations touching :ids: the shortest path's steps.
LINKS = f"""
SELECT r.source, r.kind, r.target FROM relations r
WHERE r.source IN {sql.IDS} AND r.kind IN {sql.KINDS} AND {sql.CURRENT}
UNION ALL
SELECT r.source, r.kind, r.target FROM relations r
WHERE r.target IN {sql.IDS} AND r.kind IN {sql.KINDS} AND {sql.CURRENT}
"""
# The same links, only those joining :ids to :others (the two frontiers of a path search). The
# unary + keeps the planner from probing the index once per (id, kind, other): it seeks by :ids
# and tests each far end against :others, read once into a temporary index.
BETWEEN = f"""
SELECT r.source, r.kind, r.target FROM relations r
WHERE r.source IN {sql.IDS} AND +r.target IN (SELECT value FROM json_each(:others))
  AND r.kind IN {sql.KINDS} AND {sql.CURRENT}
UNION ALL
SELECT r.source, r.kind, r.target FROM relations r
WHERE r.target IN {sql.IDS} AND +r.source IN (SELECT value FROM json_each(:others))
  AND r.kind IN {sql.KINDS} AND {sql.CURRENT}
"""
# Relations with both ends among :ids (sources a chunk at a time, targets all in :all).
INSIDE = f"""
SELECT {_COLS} FROM relations r
WHERE r.source IN {sql.IDS} AND r.target IN (SELECT value FROM json_each(:all))
  AND r.kind IN {sql.KINDS} AND {sql.CURRENT}
"""
# How many relations (any kind, any day) each of :ids has: the rank of a neighbourhood's members.
DEGREES = """
SELECT value, (SELECT count(*) FROM relations WHERE source = value)
            + (SELECT count(*) FROM relations WHERE target = value)
FROM json_each(:ids)
"""
# Who holds the body's offices now, most recently reported first (``Traversals.representation``):
# REPRESENTS neither ended nor replaced, a holder being replaced when a REPLACED_BY leads from it
# into the chains reaching back from the body's representatives (``reached``, built once). The
# ordering keys are two covering seeks per holder (evidence's (relation_id, day) and
# (relation_id, article_id, sentence) indexes); SQLite sorts the few hundred holders a state has.
HOLDERS_NOW = f"""
WITH RECURSIVE reached(id) AS (
    SELECT r.source FROM relations r WHERE r.target = :body AND r.kind = 'REPRESENTS'
    UNION
    SELECT r.source FROM relations r JOIN reached ON r.target = reached.id WHERE r.kind = 'REPLACED_BY'
)
SELECT {_COLS},
       (SELECT max(day) FROM evidence WHERE relation_id = r.id) AS last,
       (SELECT count(DISTINCT article_id) FROM evidence WHERE relation_id = r.id) AS support
FROM relations r
WHERE r.target = :body AND r.kind = 'REPRESENTS' AND r.valid_to IS NULL
  AND NOT EXISTS (SELECT 1 FROM relations x WHERE x.source = r.source AND x.kind = 'REPLACED_BY'
                  AND x.target IN (SELECT id FROM reached))
ORDER BY last IS NULL, last DESC, support DESC, r.source
"""
# The same from the ``holders`` table every write keeps (sqlite_holders), in one statement: the
# first :limit (-1: all) through the index that orders them, each row with how many there are,
# then the replacements into those of the kept whose REPRESENTS has no start (they date it).
HOLDERS_KEPT = f"""
WITH kept AS MATERIALIZED (
    SELECT h.relation_id FROM holders h WHERE h.body = :body
    ORDER BY h.last DESC, h.support DESC, h.source LIMIT :limit
),
reps AS MATERIALIZED (SELECT {_COLS} FROM kept JOIN relations r ON r.id = kept.relation_id)
SELECT *, (SELECT count(*) FROM holders WHERE body = :body) FROM reps
UNION ALL
SELECT {_COLS}, NULL FROM reps k JOIN relations r ON r.target = k.source AND r.kind = 'REPLACED_BY'
WHERE k.valid_from IS NULL
"""
# The replacements into holders decided without the table.
REPLACEMENTS_INTO = f"SELECT {_COLS} FROM relations r WHERE r.target IN {sql.IDS} AND r.kind = 'REPLACED_BY'"
RELATION_BY_KEY = f"SELECT {_COLS} FROM relations r WHERE r.source = ? AND r.kind = ? AND r.target = ?"
EVERYTHING = f"SELECT {_COLS} FROM relations r WHERE r.kind IN {sql.KINDS} AND {sql.CURRENT} ORDER BY r.id"


class SQLiteTraversals:
    """The protocol (``tradegraph.graph.protocol.Traversals``) over one ``SQLiteStore``."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    def _rows(self, conn: sqlite3.Connection, statement: str, ids: Iterable[str], **params: Any) -> list[Any]:
        rows: dict[int, Any] = {}
        for chunk in chunks(ids):
            rows.update((row[0], row) for row in conn.execute(statement, {"ids": chunk, **params}))
        return list(rows.values())

    def _relations(
        self, conn: sqlite3.Connection, statement: str, ids: Iterable[str], **params: Any
    ) -> list[Relation]:
        return load_relations(conn, self._rows(conn, statement, ids, **params))

    def _around(
        self,
        conn: sqlite3.Connection,
        ids: Iterable[str],
        kinds: Iterable[RelationKind],
        direction: Direction,
        as_of: date | None,
        when: str = "known",
    ) -> list[Relation]:
        kinds_json = json.dumps([RelationKind(k).value for k in kinds])
        return self._relations(conn, AROUND[direction, when], ids, kinds=kinds_json, day=iso(as_of))

    def _facts(self, conn: sqlite3.Connection, relations: list[Relation], *named: str) -> Facts:
        ends = {e for r in relations for e in (r.source, r.target)} | set(named)
        unique = {r.key: r for r in relations}
        return Facts(actors=load_actors(conn, ends), relations=tuple(unique.values()))

    # -- the protocol -----------------------------------------------------------------------

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        with self.store.reading() as conn:
            return load_actors(conn, ids)

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction, as_of: date | None
    ) -> Facts:
        ids = list(ids)
        with self.store.reading() as conn:
            return self._facts(conn, self._around(conn, ids, kinds, direction, as_of), *ids)

    def representation(self, body_id: str, as_of: date | None, limit: int | None = None) -> Facts:
        with self.store.reading() as conn:
            if as_of is None:
                return self._holders_now(conn, body_id, limit)
            reps = self._rows(conn, AROUND["in", "known"], [body_id], kinds='["REPRESENTS"]', day=iso(as_of))
            chain = self._rows(conn, CHAIN_BACKWARD, [r[1] for r in reps], day=iso(as_of))
            return self._facts(conn, load_relations(conn, reps + chain), body_id)

    def _holders_now(self, conn: sqlite3.Connection, body_id: str, limit: int | None) -> Facts:
        bound = -1 if limit is None else max(limit, 1)
        try:
            rows = conn.execute(HOLDERS_KEPT, {"body": body_id, "limit": bound}).fetchall()
            total, kept = (rows[0][7] if rows else 0), [row[:7] for row in rows]
        except sqlite3.OperationalError as err:  # a store written before the table, not since: decide here
            if "no such table" not in str(err):
                raise
            found = conn.execute(HOLDERS_NOW, {"body": body_id}).fetchall()
            total, kept = len(found), [row[:7] for row in found[: None if limit is None else bound]]
            kept += self._rows(conn, REPLACEMENTS_INTO, [row[1] for row in kept if row[4] is None])
        rels = load_relations(conn, kept, lambda row: row[2] == "REPRESENTS" or row[4] is None)
        actors = load_actors(conn, [body_id, *(row[1] for row in kept if row[2] == "REPRESENTS")])
        return Facts(actors=actors, relations=tuple(rels), total=total)

    def represented(self, person_id: str, as_of: date | None) -> Facts:
        with self.store.reading() as conn:
            own = self._around(conn, [person_id], [REP, REPL], "out", as_of)
            successors = [r.target for r in own if r.kind is REPL]
            theirs = self._around(conn, successors, [REP], "out", as_of)
            return self._facts(conn, own + theirs, person_id)

    def succession(self, person_id: str, forward: bool, as_of: date | None) -> Facts:
        with self.store.reading() as conn:
            chain = self._relations(
                conn, CHAIN_FORWARD if forward else CHAIN_BACKWARD, [person_id], day=iso(as_of)
            )
            return self._facts(conn, chain, person_id)

    def _with_representatives(
        self, conn: sqlite3.Connection, actor_id: str, as_of: date | None
    ) -> tuple[list[Relation], list[str]]:
        reps = [] if _is_person(actor_id) else self._around(conn, [actor_id], [REP], "in", as_of)
        return reps, [actor_id, *(r.source for r in reps)]

    def talks(self, actor_id: str, as_of: date | None) -> Facts:
        with self.store.reading() as conn:
            reps, sides = self._with_representatives(conn, actor_id, as_of)
            talks = self._around(conn, sides, [NEG], "both", as_of)
            others = {r.other(s) for r in talks for s in (r.source, r.target) if s in sides}
            theirs = self._around(conn, [o for o in others if _is_person(o)], [REP], "out", as_of)
            return self._facts(conn, reps + talks + theirs, actor_id)

    def tariffs_on(self, target_id: str, as_of: date | None) -> Facts:
        with self.store.reading() as conn:
            tariffs = self._around(conn, [target_id], [TARIFF], "in", as_of)
            persons = [r.source for r in tariffs if _is_person(r.source)]
            return self._facts(conn, tariffs + self._around(conn, persons, [REP], "out", as_of), target_id)

    def tariffs_by(self, actor_id: str, as_of: date | None) -> Facts:
        with self.store.reading() as conn:
            reps, sides = self._with_representatives(conn, actor_id, as_of)
            return self._facts(conn, reps + self._around(conn, sides, [TARIFF], "out", as_of), actor_id)

    def neighbourhood(
        self,
        actor_id: str,
        depth: int,
        kinds: Iterable[RelationKind],
        as_of: date | None,
        limit: int | None = None,
    ) -> Facts:
        kinds = list(kinds)
        with self.store.reading() as conn:
            hops, frontier = {actor_id: 0}, {actor_id}
            for hop in range(1, depth + 1):
                step = self._links(conn, frontier, kinds, as_of)
                frontier = {e for s, _, t in step for e in (s, t)} - hops.keys()
                hops.update(dict.fromkeys(frontier, hop))
                if not frontier:
                    break
            kept = list(hops)
            if limit is not None and len(kept) > limit:
                degree = dict(row for chunk in chunks(kept) for row in conn.execute(DEGREES, {"ids": chunk}))
                kept = sorted(kept, key=lambda n: (hops[n], -degree[n], n))[: max(limit, 1)]
            kinds_json = json.dumps([RelationKind(k).value for k in kinds])
            inside = self._relations(
                conn, INSIDE, kept, all=json.dumps(sorted(kept)), kinds=kinds_json, day=iso(as_of)
            )
            facts = self._facts(conn, inside, actor_id)
            return Facts(actors=facts.actors, relations=facts.relations, total=len(hops))

    def _links(
        self,
        conn: sqlite3.Connection,
        ids: Iterable[str],
        kinds: Iterable[RelationKind],
        as_of: date | None,
        others: Iterable[str] | None = None,
    ) -> list[tuple[str, str, str]]:
        """Links touching ``ids`` (or only those joining them to ``others``), as key tuples."""
        params = {"kinds": json.dumps([RelationKind(k).value for k in kinds]), "day": iso(as_of)}
        statement = LINKS
        if others is not None:
            statement, params["others"] = BETWEEN, json.dumps(list(others))
        out: list[tuple[str, str, str]] = []
        for chunk in chunks(ids):
            out += conn.execute(statement, {"ids": chunk, **params}).fetchall()
        return out

    def shortest_path(
        self, a: str, b: str, kinds: Iterable[RelationKind], as_of: date | None, max_hops: int
    ) -> Facts:
        from tradegraph.graph.backends.paths import shortest_chain

        kinds = list(kinds)
        with self.store.reading() as conn:
            named = load_actors(conn, [a, b])
            if len(named) < len({a, b}) or a == b:
                return Facts(actors=named)
            keys = shortest_chain(
                a,
                b,
                max_hops,
                lambda ids: self._links(conn, ids, kinds, as_of),
                lambda ids, others: self._links(conn, ids, kinds, as_of, others),
            )
            rows = [conn.execute(RELATION_BY_KEY, key).fetchone() for key in keys]
            path = load_relations(conn, rows)
            return Facts(
                actors=load_actors(conn, {a, b} | {e for r in path for e in (r.source, r.target)}),
                relations=tuple(path),
            )

    def actors_named(self, keys: Iterable[str]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        with self.store.reading() as conn:
            for chunk in chunks(keys):
                for key, actor_id, rank in conn.execute(sql.ACTORS_NAMED, {"ids": chunk}):
                    out.setdefault(key, {})[actor_id] = rank
        return out

    def everything(self, kinds: Iterable[RelationKind], as_of: date | None) -> Iterator[Relation]:
        kinds_json = json.dumps([RelationKind(k).value for k in kinds])
        with self.store.reading() as conn:
            cursor = conn.execute(EVERYTHING, {"kinds": kinds_json, "day": iso(as_of)})
            while batch := cursor.fetchmany(5_000):
                yield from load_relations(conn, batch)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {f"actors.{k.value}": 0 for k in ActorKind}
        out.update({f"relations.{k.value}": 0 for k in RelationKind})
        with self.store.reading() as conn:
            out.update((f"actors.{kind}", n) for kind, n in conn.execute(sql.COUNT_ACTORS))
            out.update((f"relations.{kind}", n) for kind, n in conn.execute(sql.COUNT_RELATIONS))
            out["evidence"] = conn.execute(sql.COUNT_EVIDENCE).fetchone()[0]
            out["articles"] = conn.execute(sql.COUNT_ARTICLES).fetchone()[0]
        out["actors"] = sum(v for k, v in out.items() if k.startswith("actors."))
        out["relations"] = sum(v for k, v in out.items() if k.startswith("relations."))
        return out


def _is_person(actor_id: str) -> bool:
    return actor_id.startswith(ActorKind.PERSON.prefix + ":")
