"""What each article said about an actor, on Neo4j: ``(:Mention)`` nodes, so that forgetting or
replacing an article takes back the aliases, roles and affiliation it alone gave an actor.

``(:Mention {id, actor_id, article_id, aliases, roles, affiliation, n})``: one per actor and
article (``article_id`` ``""`` for writes without one article); ``n`` orders them (first wins).
Writing one costs the actor's own names; only forgetting reads an actor's mentions back.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from tradegraph.graph.model import Actor

SCHEMA = (
    "CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (m:Mention) REQUIRE m.id IS UNIQUE",
    "CREATE INDEX mention_article IF NOT EXISTS FOR (m:Mention) ON (m.article_id)",
    "CREATE INDEX mention_actor IF NOT EXISTS FOR (m:Mention) ON (m.actor_id)",
)

WRITE = """
UNWIND $rows AS row
MERGE (m:Mention {id: row.id})
ON CREATE SET m.actor_id = row.actor_id, m.article_id = row.article_id, m.n = row.n,
              m.aliases = [], m.roles = []
SET m.aliases = m.aliases + [x IN row.aliases WHERE NOT x IN m.aliases],
    m.roles = m.roles + [x IN row.roles WHERE NOT x IN m.roles],
    m.affiliation = coalesce(m.affiliation, row.affiliation)
"""

TAKE_BACK = """
MATCH (m:Mention {article_id: $article_id})
WITH collect(m) AS gone, collect(DISTINCT m.actor_id) AS ids
FOREACH (m IN gone | DELETE m)
RETURN ids
"""

LEFT = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
OPTIONAL MATCH (m:Mention {actor_id: id})
WITH a, m ORDER BY m.n
WITH a, collect(m {.aliases, .roles, .affiliation}) AS said
RETURN a.id AS id, said, EXISTS { (a)--(:Actor) } AS linked
"""

REWRITE = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.aliases = row.aliases, a.roles = row.roles, a.affiliation = row.affiliation
"""

DROP = "UNWIND $ids AS id MATCH (a:Actor {id: id}) DETACH DELETE a"


def mention_rows(actors: Iterable[Actor], stored: dict[str, Actor], source: str) -> list[dict[str, Any]]:
    start = time.time_ns()
    rows = []
    for i, actor in enumerate(actors):
        old = stored.get(actor.id)
        aliases = [*actor.aliases, *((actor.name,) if old and actor.name != old.name else ())]
        rows.append(
            {
                "id": f"{actor.id}\x1f{source}",
                "actor_id": actor.id,
                "article_id": source,
                "aliases": aliases,
                "roles": list(actor.roles),
                "affiliation": actor.affiliation,
                "n": start + i,
            }
        )
    return rows


def take_back(tx: Any, article_id: str) -> None:
    """Delete the article's mentions; rebuild its actors from the rest, or drop the actors only it
    brought (no other mention, no relation)."""
    record = tx.run(TAKE_BACK, article_id=article_id).single()
    ids = record["ids"] if record else []
    if not ids:
        return
    rewrite, drop = [], []
    for row in tx.run(LEFT, ids=ids):
        said = row["said"]
        if not said and not row["linked"]:
            drop.append(row["id"])
            continue
        aliases = list(dict.fromkeys(a for m in said for a in m["aliases"] or ()))
        roles = list(dict.fromkeys(r for m in said for r in m["roles"] or ()))
        affiliation = next((m["affiliation"] for m in said if m["affiliation"]), None)
        rewrite.append({"id": row["id"], "aliases": aliases, "roles": roles, "affiliation": affiliation})
    tx.run(REWRITE, rows=rewrite).consume()
    if drop:
        tx.run(DROP, ids=drop).consume()
