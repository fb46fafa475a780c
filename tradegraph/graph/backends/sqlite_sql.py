"""The SQL of the SQLite store, kept apart from the Python that drives it.

Values always travel as parameters; sets of ids travel as one JSON array read with
``json_each`` so that a statement's text never depends on the data.
"""

from __future__ import annotations

# 2: the ``holders`` table (sqlite_holders), which every write keeps; an older tradegraph would not.
SCHEMA_VERSION = 2

# Indexes added after schema version 1 shipped: in SCHEMA for new stores, and created by the first
# write to an older one (older tradegraphs ignore them, so they need no version of their own).
ADDED_INDEXES = {
    # A relation's earliest evidence date without reading all its evidence (RECOMPUTE_KNOWN).
    "evidence_by_relation_day": "CREATE INDEX IF NOT EXISTS evidence_by_relation_day ON evidence (relation_id, day)",
}

# Who holds each body's offices now, with the order of a bounded answer (sqlite_holders keeps it).
HOLDERS_TABLE = """
CREATE TABLE IF NOT EXISTS holders (
    relation_id INTEGER PRIMARY KEY REFERENCES relations (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    source TEXT NOT NULL,
    last TEXT,
    support INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS holders_by_rank ON holders (body, last DESC, support DESC, source);
"""

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    affiliation TEXT,
    external_ids TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS actors_by_kind ON actors (kind, id);
CREATE INDEX IF NOT EXISTS actors_by_name ON actors (name COLLATE NOCASE);
-- What each article (or '' for none) said about an actor: an alias, a role, an affiliation, or
-- just that it mentioned the actor ('source'). Read only to rebuild an actor's aliases, roles and
-- affiliation (kept merged on its row) when an article is forgotten; the first row (by seq) wins.
CREATE TABLE IF NOT EXISTS actor_facts (
    seq INTEGER PRIMARY KEY,
    actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('alias', 'role', 'affiliation', 'source')),
    folded TEXT NOT NULL,
    value TEXT NOT NULL,
    article_id TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS actor_facts_key ON actor_facts (actor_id, field, folded, article_id);
CREATE INDEX IF NOT EXISTS actor_facts_by_article ON actor_facts (article_id) WHERE article_id <> '';
-- known_from: the earliest evidence date ('' when some evidence is undated, NULL without evidence).
CREATE TABLE IF NOT EXISTS relations (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES actors (id),
    kind TEXT NOT NULL,
    target TEXT NOT NULL REFERENCES actors (id),
    valid_from TEXT,
    valid_to TEXT,
    role TEXT,
    known_from TEXT,
    UNIQUE (source, kind, target)
);
CREATE INDEX IF NOT EXISTS relations_by_target ON relations (target, kind);
-- No index on kind alone: with one the planner scans every relation of a kind instead of
-- seeking the few of an actor (kinds have hundreds of thousands of rows, actors tens).
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY,
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    sentence TEXT NOT NULL,
    url TEXT,
    day TEXT,
    confidence REAL NOT NULL,
    provenance TEXT NOT NULL DEFAULT '',
    UNIQUE (relation_id, article_id, sentence)
);
CREATE INDEX IF NOT EXISTS evidence_by_article ON evidence (article_id);
-- Every name_key of an actor (name, id, aliases, surname) with the rank of that match.
CREATE TABLE IF NOT EXISTS actor_names (
    key TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    PRIMARY KEY (key, actor_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_names_by_actor ON actor_names (actor_id);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    text_hash TEXT NOT NULL DEFAULT ''
);
"""
    + HOLDERS_TABLE
    + "".join(f"{statement};\n" for statement in ADDED_INDEXES.values())
)

IDS = "(SELECT value FROM json_each(:ids))"
KINDS = "(SELECT value FROM json_each(:kinds))"
# Reported by :day (some evidence dated on or before it, or undated, or no evidence at all).
KNOWN = "(:day IS NULL OR r.known_from IS NULL OR r.known_from <= :day)"
# Valid on :day as well (Relation.holds_on).
CURRENT = (
    f"({KNOWN} AND (:day IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= :day) "
    "AND (r.valid_to IS NULL OR r.valid_to > :day))))"
)
REL_COLUMNS = "r.id, r.source, r.kind, r.target, r.valid_from, r.valid_to, r.role"

# -- writes ----------------------------------------------------------------------------------

_ACTOR_COLUMNS = "id, name, kind, aliases, roles, affiliation, external_ids"
ACTOR_ROW = f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id = ?"
PUT_ACTOR = f"""
INSERT INTO actors ({_ACTOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases,
    roles = excluded.roles, affiliation = excluded.affiliation, external_ids = excluded.external_ids
"""
INSERT_FACT = """
INSERT INTO actor_facts (actor_id, field, folded, value, article_id) VALUES (?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
"""
MISSING_ACTORS = (
    f"SELECT value FROM json_each(:ids) WHERE value NOT IN (SELECT id FROM actors WHERE id IN {IDS})"
)

UPSERT_RELATION = """
INSERT INTO relations (source, kind, target, valid_from, valid_to, role, known_from)
VALUES (:source, :kind, :target, :valid_from, :valid_to, :role, :known_from)
ON CONFLICT (source, kind, target) DO UPDATE SET
    valid_from = CASE WHEN valid_from IS NULL THEN excluded.valid_from
                      WHEN excluded.valid_from IS NULL THEN valid_from
                      ELSE min(valid_from, excluded.valid_from) END,
    valid_to = CASE WHEN valid_to IS NULL THEN excluded.valid_to
                    WHEN excluded.valid_to IS NULL THEN valid_to
                    ELSE max(valid_to, excluded.valid_to) END,
    role = coalesce(role, excluded.role),
    known_from = CASE WHEN known_from IS NULL THEN excluded.known_from
                      WHEN excluded.known_from IS NULL THEN known_from
                      ELSE min(known_from, excluded.known_from) END
"""
# Evidence finds its relation by key, so a whole batch is one executemany (no id round trip).
INSERT_EVIDENCE = """
INSERT INTO evidence (relation_id, article_id, sentence, url, day, confidence, provenance)
SELECT id, ?, ?, ?, ?, ?, ? FROM relations WHERE source = ? AND kind = ? AND target = ?
ON CONFLICT DO NOTHING
"""
UPSERT_ARTICLE = """
INSERT INTO articles (id, url, title, source, published, text_hash) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, source = excluded.source,
    published = excluded.published, text_hash = excluded.text_hash
"""

# -- forgetting an article (each statement touches only what the article contributed) ---------

ARTICLE_RELATIONS = "SELECT DISTINCT relation_id FROM evidence WHERE article_id = ?"
DELETE_ARTICLE_EVIDENCE = "DELETE FROM evidence WHERE article_id = ?"
DELETE_BARE_RELATIONS = f"""
DELETE FROM relations AS r WHERE r.id IN {IDS}
AND NOT EXISTS (SELECT 1 FROM evidence WHERE relation_id = r.id)
"""
# Three index seeks per relation (evidence_by_relation_day), whatever its evidence count.
RECOMPUTE_KNOWN = f"""
UPDATE relations AS r SET known_from = CASE
    WHEN NOT EXISTS (SELECT 1 FROM evidence WHERE relation_id = r.id) THEN NULL
    WHEN EXISTS (SELECT 1 FROM evidence WHERE relation_id = r.id AND day IS NULL) THEN ''
    ELSE (SELECT min(day) FROM evidence WHERE relation_id = r.id) END
WHERE r.id IN {IDS}
"""

ARTICLE_ACTORS = "SELECT DISTINCT actor_id FROM actor_facts WHERE article_id = ? AND article_id <> ''"
DELETE_ARTICLE_FACTS = "DELETE FROM actor_facts WHERE article_id = ? AND article_id <> ''"
# Actors no article (nor an unattributed upsert) mentions any more, and no relation names.
DELETE_ORPHAN_ACTORS = f"""
DELETE FROM actors AS a WHERE a.id IN {IDS}
AND NOT EXISTS (SELECT 1 FROM actor_facts f WHERE f.actor_id = a.id AND f.field = 'source')
AND NOT EXISTS (SELECT 1 FROM relations WHERE source = a.id)
AND NOT EXISTS (SELECT 1 FROM relations WHERE target = a.id)
"""
DELETE_ARTICLE = "DELETE FROM articles WHERE id = ?"
CLEAR = (
    "DELETE FROM holders",
    "DELETE FROM actor_names",
    "DELETE FROM evidence",
    "DELETE FROM relations",
    "DELETE FROM actor_facts",
    "DELETE FROM actors",
    "DELETE FROM articles",
)

SET_NAME_KEY = """
INSERT INTO actor_names (key, actor_id, rank) VALUES (?, ?, ?)
ON CONFLICT (key, actor_id) DO UPDATE SET rank = min(rank, excluded.rank)
"""
DELETE_NAME_KEYS = f"DELETE FROM actor_names WHERE actor_id IN {IDS}"
ACTORS_NAMED = f"SELECT key, actor_id, rank FROM actor_names WHERE key IN {IDS}"

# -- reads -----------------------------------------------------------------------------------

ACTORS_BY_ID = f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id IN {IDS}"
# field IN (...), not field <> 'source': seeks past the one 'source' row per article mentioning the actor.
FACTS_OF_ACTOR = (
    "SELECT field, value FROM actor_facts WHERE actor_id = ? AND field IN ('alias', 'role', 'affiliation') "
    "ORDER BY seq"
)
ALL_ACTOR_IDS = "SELECT id FROM actors WHERE (:kind IS NULL OR kind = :kind) ORDER BY id"
EVIDENCE_OF = f"""
SELECT relation_id, article_id, sentence, url, day, confidence, provenance FROM evidence
WHERE relation_id IN {IDS} ORDER BY relation_id, id
"""
_FILTERS = "(:kind IS NULL OR r.kind = :kind) AND (:source IS NULL OR r.source = :source) AND (:target IS NULL OR r.target = :target)"
# One statement per anchor, so each enters through its index instead of scanning.
RELATIONS_FILTERED = {
    anchor: f"SELECT {REL_COLUMNS} FROM relations r WHERE {where} AND {_FILTERS} ORDER BY r.source, r.kind, r.target"
    for anchor, where in {
        "source": "r.source = :source",
        "target": "r.target = :target",
        "kind": "r.kind = :kind",
        None: "1",
    }.items()
}
RELATIONS_OF_ACTOR = f"""
SELECT {REL_COLUMNS} FROM relations r WHERE r.source = :actor AND (:kind IS NULL OR r.kind = :kind)
UNION
SELECT {REL_COLUMNS} FROM relations r WHERE r.target = :actor AND (:kind IS NULL OR r.kind = :kind)
ORDER BY 2, 3, 4
"""
ARTICLE = "SELECT id, url, title, source, published, text_hash FROM articles WHERE id = ?"
ARTICLES = "SELECT id, url, title, source, published, text_hash FROM articles ORDER BY id"

COUNT_ACTORS = "SELECT kind, count(*) FROM actors GROUP BY kind"
COUNT_RELATIONS = "SELECT kind, count(*) FROM relations GROUP BY kind"
COUNT_EVIDENCE = "SELECT count(*) FROM evidence"
COUNT_ARTICLES = "SELECT count(*) FROM articles"

# Everything every article said about every actor, in the order written (bulk loads copy it).
ALL_FACTS = "SELECT actor_id, article_id, field, value, seq FROM actor_facts ORDER BY seq"
