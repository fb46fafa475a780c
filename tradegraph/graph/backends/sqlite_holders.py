"""Who holds each body's offices now, kept by every write of the SQLite store.

``Traversals.representation`` without a day answers the holders of a body: REPRESENTS neither
ended (``valid_to``) nor replaced (a REPLACED_BY chain leads from the holder to someone who
represents the body too), the most recently reported first. Deciding that at question time
costs a few index seeks per representative (a state in a large graph has hundreds), so the
``holders`` table keeps the answer, with the order's keys, under an index that serves it. A
write recomputes the rows it can change (``touched``): a REPRESENTS it wrote or forgot, and the
REPRESENTS of the same body by persons upstream of its source (through REPLACED_BY: their
chains may now end at a representative); for a replacement it wrote or forgot, every
REPRESENTS of its source and of the persons upstream of it. The work grows with those chains,
not with how many representatives a body has.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from tradegraph.graph.backends.sqlite_rows import CHUNK, chunks
from tradegraph.graph.backends.sqlite_sql import HOLDERS_TABLE, SCHEMA_VERSION

# Each REPRESENTS of :ids that is a holder now, with the keys of the order: not ended, and no
# REPLACED_BY chain from its source reaches anyone representing the same body (followed
# forward, stopping at such a representative). ``last`` (latest evidence date; NULL when none is
# dated, last in DESC order) and ``support`` (distinct articles) order a bounded answer.
REFRESH = """
WITH RECURSIVE cand AS MATERIALIZED (
    SELECT r.id, r.source, r.target FROM relations r
    WHERE r.id IN (SELECT value FROM json_each(:ids)) AND r.kind = 'REPRESENTS' AND r.valid_to IS NULL
),
succ(rel, body, id) AS (
    SELECT cand.id, cand.target, x.target FROM cand JOIN relations x ON x.source = cand.source AND x.kind = 'REPLACED_BY'
    UNION
    SELECT succ.rel, succ.body, x.target FROM succ JOIN relations x ON x.source = succ.id AND x.kind = 'REPLACED_BY'
    WHERE NOT EXISTS (SELECT 1 FROM relations y WHERE y.source = succ.id AND y.kind = 'REPRESENTS' AND y.target = succ.body)
)
INSERT INTO holders (relation_id, body, source, last, support)
SELECT cand.id, cand.target, cand.source,
       (SELECT max(day) FROM evidence WHERE relation_id = cand.id),
       (SELECT count(DISTINCT article_id) FROM evidence WHERE relation_id = cand.id)
FROM cand
WHERE cand.id NOT IN (
    SELECT succ.rel FROM succ JOIN relations y ON y.source = succ.id AND y.kind = 'REPRESENTS' AND y.target = succ.body
)
"""
DELETE = "DELETE FROM holders WHERE relation_id IN (SELECT value FROM json_each(:ids))"
# The REPRESENTS a change to relations with these keys (JSON [source, kind, target]) can change:
# for REPRESENTS x -> B, those into B by x and by anyone upstream of x; for REPLACED_BY x -> y,
# every REPRESENTS of x and of anyone upstream of x (body NULL: any).
TOUCHED = """
WITH RECURSIVE start(person, body) AS (
    SELECT json_extract(value, '$[0]'),
           CASE WHEN json_extract(value, '$[1]') = 'REPRESENTS' THEN json_extract(value, '$[2]') END
    FROM json_each(:keys) WHERE json_extract(value, '$[1]') IN ('REPRESENTS', 'REPLACED_BY')
),
up(person, body) AS (
    SELECT person, body FROM start
    UNION
    SELECT r.source, up.body FROM relations r JOIN up ON r.target = up.person WHERE r.kind = 'REPLACED_BY'
)
SELECT r.id FROM up JOIN relations r ON r.source = up.person AND r.kind = 'REPRESENTS'
WHERE up.body IS NULL OR r.target = up.body
"""
KEYS_OF = "SELECT source, kind, target FROM relations WHERE id IN (SELECT value FROM json_each(:ids))"
ALL_REPRESENTS = "SELECT id FROM relations WHERE kind = 'REPRESENTS'"
COUNT = "SELECT count(*) FROM holders WHERE body = ?"
PRESENT = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'holders'"


def touched(cur: sqlite3.Cursor, keys: Iterable[tuple[str, str, str]]) -> list[int]:
    """The REPRESENTS whose holder row may change when relations with these keys change (read
    before a delete, while the chains still exist)."""
    wanted = [list(key) for key in keys if key[1] in ("REPRESENTS", "REPLACED_BY")]
    found: set[int] = set()
    for start in range(0, len(wanted), CHUNK):
        batch = json.dumps(wanted[start : start + CHUNK])
        found.update(row[0] for row in cur.execute(TOUCHED, {"keys": batch}))
    return sorted(found)


def refresh(cur: sqlite3.Cursor, relation_ids: Iterable[int]) -> None:
    """Recompute the holder rows of these REPRESENTS (inside the write that changed them)."""
    for chunk in chunks(relation_ids):
        cur.execute(DELETE, {"ids": chunk})
        cur.execute(REFRESH, {"ids": chunk})


def keys_of(cur: sqlite3.Cursor, relation_ids: Iterable[int]) -> list[tuple[str, str, str]]:
    return [tuple(row) for chunk in chunks(relation_ids) for row in cur.execute(KEYS_OF, {"ids": chunk})]


def add_missing(cur: sqlite3.Cursor) -> None:
    """Create and fill the table in a store written before it existed (inside a write)."""
    if cur.execute(PRESENT).fetchone()[0] == 0:
        for statement in HOLDERS_TABLE.split(";"):
            if statement.strip():
                cur.execute(statement)
        refresh(cur, [row[0] for row in cur.execute(ALL_REPRESENTS).fetchall()])
        cur.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # older tradegraphs would not keep it


def present(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute(PRESENT).fetchone()[0])
