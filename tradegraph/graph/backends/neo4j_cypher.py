"""The Cypher the Neo4j store runs, kept apart from the Python that drives it.

Values always travel as parameters. Labels and relationship types cannot, so the statements
that need one are generated per member of the closed enums, after ``checked_name``.
"""

from __future__ import annotations

import re

from tradegraph.graph.model import ActorKind, RelationKind

_NAME = re.compile(r"^[A-Z_]+$|^[A-Z][a-z]+$")

SCHEMA = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (e:Evidence) REQUIRE e.id IS UNIQUE",
    "CREATE INDEX evidence_relation IF NOT EXISTS FOR (e:Evidence) ON (e.relation)",
    "CREATE INDEX evidence_article IF NOT EXISTS FOR (e:Evidence) ON (e.article_id)",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CREATE TEXT INDEX actor_name_text IF NOT EXISTS FOR (a:Actor) ON (a.name)",
)


def checked_name(kind: RelationKind | ActorKind) -> str:
    """The label or relationship type for ``kind``, refused unless it is a plain enum name.

    The one place where a name enters Cypher text instead of a parameter.
    """
    name = str(getattr(kind, "value", kind))
    if not isinstance(kind, (RelationKind, ActorKind)) or not _NAME.match(name):
        raise ValueError(f"refusing {name!r} as a Cypher label or type")
    return name


# -- writes ----------------------------------------------------------------------------------

# MERGE first: under the uniqueness constraint a concurrent writer creating the same new actor
# waits here until this one commits, then reads what it wrote; the no-op SET takes the node's
# write lock, so nobody merges in between. A node just made has no name yet: nothing stored.
LOCK_AND_READ_ACTORS = """
UNWIND $ids AS id
MERGE (a:Actor {id: id})
SET a.id = a.id
RETURN a
"""

EXISTING_ACTOR_IDS = "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id"


def write_actors(kind: ActorKind) -> str:
    return f"""
UNWIND $rows AS row
MERGE (a:Actor {{id: row.id}})
SET a:{checked_name(kind)}, a.name = row.name, a.kind = row.kind, a.aliases = row.aliases,
    a.roles = row.roles, a.affiliation = row.affiliation, a.external_ids = row.external_ids
"""


# Articles first: their evidence written earlier (by other upserts) gets linked to them here.
WRITE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row
WITH a
CALL (a) {
    MATCH (e:Evidence {article_id: a.id})
    MERGE (e)-[:FROM]->(a)
    RETURN count(*) AS linked
}
RETURN count(*) AS written
"""


def write_relations(kind: RelationKind) -> str:
    """Merge rows into ``kind`` relationships and their evidence nodes: O(1) in stored evidence.

    A row is flat (``source``, ``target``, ``key``, ``role``, ISO ``valid_from``/``valid_to``,
    ``known_from``, ``confidence``) with ``evidence``: maps keyed by ``id`` (a hash of the
    relation, article and sentence, so writing the same evidence twice merges). Each evidence
    node is linked to its article when that is stored. Returns ``written``: the rows whose two
    ends exist.
    """
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{checked_name(kind)}]->(t)
ON CREATE SET r.key = row.key
WITH r, row, coalesce(r.ev_seq, 0) AS base, date(row.valid_from) AS vf, date(row.valid_to) AS vt
SET r.valid_from = CASE WHEN r.valid_from IS NULL OR vf < r.valid_from THEN vf ELSE r.valid_from END,
    r.valid_to = CASE WHEN r.valid_to IS NULL OR vt > r.valid_to THEN vt ELSE r.valid_to END,
    r.role = coalesce(r.role, row.role),
    r.known_from = CASE WHEN row.known_from IS NULL THEN r.known_from
                        WHEN r.known_from IS NULL OR row.known_from < r.known_from THEN row.known_from
                        ELSE r.known_from END,
    r.confidence = CASE WHEN r.confidence IS NULL OR row.confidence > r.confidence THEN row.confidence
                        ELSE r.confidence END,
    r.ev_seq = base + size(row.evidence)
WITH r, row, base
CALL (row, base) {{
    UNWIND range(0, size(row.evidence) - 1) AS i
    WITH row.evidence[i] AS ev, base + i AS n
    MERGE (e:Evidence {{id: ev.id}})
    ON CREATE SET e += ev, e.n = n
    WITH e
    OPTIONAL MATCH (doc:Article {{id: e.article_id}})
    FOREACH (_ IN CASE WHEN doc IS NULL THEN [] ELSE [1] END | MERGE (e)-[:FROM]->(doc))
    RETURN count(*) AS merged
}}
{REPRESENTS_SUMMARY if kind is RelationKind.REPRESENTS else ""}{WRITTEN}"""


# Who-represents ranks holders by these, kept on each REPRESENTS by every write (the relation
# upsert here, ``FORGET_ARTICLE``, the bulk import's CSV) so the question reads two properties
# instead of seeking each holder's evidence: ``last_reported`` the latest evidence date (ISO
# text, absent when none is dated) and ``support`` the distinct articles of its evidence, as the
# SQLite store's ``holders`` table keeps them. A relationship written before they existed has
# neither; the question computes them then (``neo4j_queries.REPRESENTATION_NOW``). An older
# tradegraph writing evidence to a relationship that has them would leave them stale: the
# Neo4j store has no schema version to refuse it with, as the SQLite store does (TG354).
REPRESENTS_SUMMARY = """CALL (r) {
    OPTIONAL MATCH (e:Evidence {relation: r.key})
    RETURN max(e.date) AS last, count(DISTINCT e.article_id) AS support
}
SET r.last_reported = last, r.support = support
"""


# Rows whose two ends matched: fewer than sent means a missing actor, and the caller rolls back.
WRITTEN = "RETURN count(*) AS written\n"

# The article's evidence goes; the relations it touched get their summaries back from what is
# left (a REPRESENTS its ranking keys too, ``REPRESENTS_SUMMARY``), and those left without
# evidence go too.
FORGET_ARTICLE = """
OPTIONAL MATCH (doc:Article {id: $article_id})
DETACH DELETE doc
WITH DISTINCT 1 AS _
OPTIONAL MATCH (e:Evidence {article_id: $article_id})
WITH collect(e) AS gone, collect(DISTINCT [e.source, e.kind, e.target]) AS touched
FOREACH (e IN gone | DETACH DELETE e)
WITH touched
UNWIND touched AS key
MATCH (s:Actor {id: key[0]})-[r]->(:Actor {id: key[2]}) WHERE type(r) = key[1]
CALL (r) {
    OPTIONAL MATCH (e:Evidence {relation: r.key})
    RETURN count(e) AS left, max(e.confidence) AS best, min(coalesce(e.date, '')) AS first,
           max(e.date) AS last, count(DISTINCT e.article_id) AS support
}
SET r.confidence = coalesce(best, 0.0), r.known_from = CASE WHEN left = 0 THEN null ELSE first END,
    r.last_reported = CASE WHEN type(r) = 'REPRESENTS' THEN last END,
    r.support = CASE WHEN type(r) = 'REPRESENTS' THEN support END
WITH r, left WHERE left = 0
DELETE r
"""

# Deleted a batch at a time, so clearing a large graph does not need one huge transaction:
# relationships first, since DETACH DELETE of one hub node would delete all its edges at once.
CLEAR_RELATIONS = "MATCH ()-[r]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS n"
CLEAR_NODES = "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n"

# -- reads -----------------------------------------------------------------------------------

ACTOR = "MATCH (a:Actor {id: $id}) RETURN a"
ACTORS = "MATCH (a:Actor) WHERE $kind IS NULL OR a.kind = $kind RETURN a"
ARTICLE = "MATCH (a:Article {id: $id}) RETURN a"
ARTICLES = "MATCH (a:Article) RETURN a"
ARTICLES_BY_ID = "MATCH (a:Article) WHERE a.id IN $ids RETURN a"

# A relationship with its evidence nodes (in the order written), enough to rebuild a Relation.
# Dates travel as ISO text (``toString``): the driver builds a ``neo4j.time.Date`` in Python for
# each date value, which cost more than the rest of a large answer's decoding together.
# Only the fields a Relation's Evidence needs travel back, each evidence as a list in the order
# of ``neo4j_rows.EVIDENCE_FIELDS`` (cheaper to decode than a map).
EVIDENCE_OF_R = (
    "COLLECT { MATCH (e:Evidence {relation: r.key}) "
    "RETURN [e.article_id, e.sentence, e.url, e.date, e.confidence, e.provenance] AS ev ORDER BY e.n }"
)
_RELATION_FIELDS = (
    "RETURN s.id AS source, type(r) AS kind, t.id AS target, toString(r.valid_from) AS valid_from, "
    f"toString(r.valid_to) AS valid_to, r.role AS role, {EVIDENCE_OF_R} AS evidence"
)


def relations(anchor: str | None) -> str:
    """Relations among ``$kinds`` filtered by ``$source``/``$target``/``$actor`` (null: any).

    ``anchor`` names the filter that starts the match from an indexed node instead of a scan.
    """
    match = {
        "source": "MATCH (s:Actor {id: $source})-[r]->(t:Actor)",
        "target": "MATCH (s:Actor)-[r]->(t:Actor {id: $target})",
        "actor": "MATCH (a:Actor {id: $actor})-[r]-(:Actor) WITH DISTINCT r MATCH (s)-[r]->(t)",
        None: "MATCH (s:Actor)-[r]->(t:Actor)",
    }[anchor]
    return f"""
{match}
WHERE type(r) IN $kinds
  AND ($source IS NULL OR s.id = $source) AND ($target IS NULL OR t.id = $target)
  AND ($actor IS NULL OR $actor IN [s.id, t.id])
{_RELATION_FIELDS}
"""
