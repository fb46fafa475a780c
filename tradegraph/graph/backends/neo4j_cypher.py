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

LOCK_AND_READ_ACTORS = """
MATCH (a:Actor) WHERE a.id IN $ids
SET a.id = a.id
RETURN a
"""  # the no-op SET takes the node's write lock, so a concurrent upsert cannot merge in between

EXISTING_ACTOR_IDS = "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id"


def write_actors(kind: ActorKind) -> str:
    return f"""
UNWIND $rows AS row
MERGE (a:Actor {{id: row.id}})
SET a:{checked_name(kind)}, a.name = row.name, a.kind = row.kind, a.aliases = row.aliases,
    a.roles = row.roles, a.affiliation = row.affiliation, a.external_ids = row.external_ids
"""


WRITE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row
"""


def write_relations(kind: RelationKind) -> str:
    """Merge rows into ``kind`` relationships; evidence deduplicated by (article id, sentence).

    A row is flat (``source``, ``target``, ``role``, ISO ``valid_from``/``valid_to`` or null,
    and the parallel evidence lists ``ids``, ``sentences``, ``urls``, ``dates``, ``confidences``,
    ``provenances``; relations stored before provenance was kept read it as ``""``):
    nested maps and driver date objects cost more to send than the statement costs to run.
    Every stored list is read once and all properties are set by one SET, so the plan has no
    read-after-write conflict to resolve with an Eager barrier. Returns ``written``: the rows
    whose two ends exist.
    """
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{checked_name(kind)}]->(t)
WITH r, row, coalesce(r.ev_article_ids, []) AS ids, coalesce(r.ev_sentences, []) AS sentences,
     coalesce(r.ev_confidences, []) AS confidences, date(row.valid_from) AS vf, date(row.valid_to) AS vt
WITH r, row, ids, sentences, confidences, vf, vt,
     CASE size(ids) WHEN 0 THEN range(0, size(row.ids) - 1)
          ELSE [i IN range(0, size(row.ids) - 1)
                WHERE NOT any(j IN range(0, size(ids) - 1) WHERE ids[j] = row.ids[i] AND sentences[j] = row.sentences[i])]
     END AS fresh
WITH r, row, vf, vt, fresh, sentences, ids + [i IN fresh | row.ids[i]] AS all_ids,
     confidences + [i IN fresh | row.confidences[i]] AS all_confidences
SET r.ev_article_ids = all_ids,
    r.ev_sentences = sentences + [i IN fresh | row.sentences[i]],
    r.ev_urls = coalesce(r.ev_urls, []) + [i IN fresh | row.urls[i]],
    r.ev_dates = coalesce(r.ev_dates, []) + [i IN fresh | row.dates[i]],
    r.ev_confidences = all_confidences,
    r.ev_provenances = coalesce(r.ev_provenances, [x IN sentences | ""]) + [i IN fresh | coalesce(row.provenances[i], "")],
    r.valid_from = CASE WHEN r.valid_from IS NULL OR vf < r.valid_from THEN vf ELSE r.valid_from END,
    r.valid_to = CASE WHEN r.valid_to IS NULL OR vt > r.valid_to THEN vt ELSE r.valid_to END,
    r.role = coalesce(r.role, row.role),
    r.support = size(reduce(acc = [], x IN all_ids | CASE WHEN x IN acc THEN acc ELSE acc + x END)),
    r.confidence = reduce(m = 0.0, c IN all_confidences | CASE WHEN c > m THEN c ELSE m END)
{WRITTEN}"""


# Rows whose two ends matched: fewer than sent means a missing actor, and the caller rolls back.
WRITTEN = "RETURN count(*) AS written\n"


# Recomputes support (distinct articles) and confidence (max) from the evidence lists of ``r``.
_SUMMARY = """
SET r.support = size(reduce(acc = [], x IN r.ev_article_ids | CASE WHEN x IN acc THEN acc ELSE acc + x END)),
    r.confidence = reduce(m = 0.0, c IN r.ev_confidences | CASE WHEN c > m THEN c ELSE m END)
"""

FORGET_ARTICLE = f"""
OPTIONAL MATCH (doc:Article {{id: $article_id}})
DETACH DELETE doc
WITH DISTINCT 1 AS _
MATCH (:Actor)-[r]->(:Actor) WHERE $article_id IN r.ev_article_ids
WITH r, [i IN range(0, size(r.ev_article_ids) - 1) WHERE r.ev_article_ids[i] <> $article_id] AS keep
SET r.ev_article_ids = [i IN keep | r.ev_article_ids[i]],
    r.ev_sentences = [i IN keep | r.ev_sentences[i]],
    r.ev_urls = [i IN keep | r.ev_urls[i]],
    r.ev_dates = [i IN keep | r.ev_dates[i]],
    r.ev_confidences = [i IN keep | r.ev_confidences[i]],
    r.ev_provenances = [i IN keep | coalesce(r.ev_provenances[i], "")]
{_SUMMARY}
WITH r WHERE size(r.ev_article_ids) = 0
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

_RELATION_FIELDS = "RETURN s.id AS source, type(r) AS kind, t.id AS target, properties(r) AS props"


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


COUNT_ACTORS = "MATCH (a:Actor) RETURN a.kind AS kind, count(*) AS n"
COUNT_RELATIONS = """
MATCH (:Actor)-[r]->(:Actor) WHERE type(r) IN $kinds
RETURN type(r) AS kind, count(*) AS n, sum(size(r.ev_article_ids)) AS evidence
"""
COUNT_ARTICLES = "MATCH (d:Article) RETURN count(d) AS n"
