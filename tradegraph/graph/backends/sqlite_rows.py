"""Rows of the SQLite store to model objects and back, and the translation of sqlite3 errors."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Any

from tradegraph.graph import restore
from tradegraph.graph.backends import sqlite_sql as sql
from tradegraph.graph.errors import StoreError
from tradegraph.graph.model import Actor, Article, Evidence, Relation
from tradegraph.graph.protocol import known_from

# Ids per statement when a set is sent as one JSON array; keeps each statement's memory bounded.
CHUNK = 20_000


def day(value: str | None) -> date | None:
    return _day(value) if value else None


@lru_cache(maxsize=8192)
def _day(value: str) -> date:
    """Dates repeat across rows (a few thousand days in years of news): parse each once."""
    return date.fromisoformat(value)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def folded(value: str) -> str:
    """The key under which two spellings of an alias or role are the same (as ``Actor`` dedups)."""
    return " ".join(value.split()).casefold()


def chunks(ids: Iterable[str | int]) -> Iterator[str]:
    """``ids`` as JSON arrays of at most ``CHUNK`` items, for ``json_each(:ids)``."""
    items = list(dict.fromkeys(ids))
    for start in range(0, len(items), CHUNK):
        yield json.dumps(items[start : start + CHUNK])


def add_missing_indexes(cur: sqlite3.Cursor) -> None:
    """Create the indexes a store from before ``sql.ADDED_INDEXES`` lacks (inside a write: no extra lock)."""
    present = {row[0] for row in cur.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}
    for name, statement in sql.ADDED_INDEXES.items():
        if name not in present:
            cur.execute(statement)


def actor_from_row(row: Sequence[Any]) -> Actor:
    """An actor as written (``actor_row`` of a validated ``Actor``): restored, not re-validated."""
    actor_id, name, kind, aliases, roles, affiliation, external_ids = row
    return restore.actor(
        actor_id,
        name,
        kind,
        _strings(aliases),
        _strings(roles),
        affiliation,
        {} if len(external_ids) == 2 else json.loads(external_ids),
    )


@lru_cache(maxsize=8192)
def _strings(text: str) -> tuple[str, ...]:
    """A JSON list of aliases or roles as a tuple; the same few role lists recur on most actors."""
    return () if len(text) == 2 else tuple(json.loads(text))


def actor_row(actor: Actor) -> tuple[Any, ...]:
    return (
        actor.id,
        actor.name,
        actor.kind.value,
        json.dumps(list(actor.aliases), ensure_ascii=False),
        json.dumps(list(actor.roles), ensure_ascii=False),
        actor.affiliation,
        json.dumps(dict(actor.external_ids), ensure_ascii=False),
    )


def load_actors(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Actor]:
    """The stored actors among ``ids``, by id."""
    out: dict[str, Actor] = {}
    for chunk in chunks(ids):
        out.update((row[0], actor_from_row(row)) for row in conn.execute(sql.ACTORS_BY_ID, {"ids": chunk}))
    return out


def load_relations(
    conn: sqlite3.Connection,
    rows: Iterable[Sequence[Any]],
    with_evidence: Callable[[Sequence[Any]], bool] | None = None,
) -> list[Relation]:
    """Relations from ``sql.REL_COLUMNS`` rows, in the rows' order, with their evidence (only
    for the rows ``with_evidence`` accepts, when given: the others get none)."""
    rows = list(rows)
    wanted = rows if with_evidence is None else [row for row in rows if with_evidence(row)]
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for chunk in chunks(row[0] for row in wanted):
        for rid, article_id, sentence, url, when, confidence, provenance in conn.execute(
            sql.EVIDENCE_OF, {"ids": chunk}
        ):
            evidence[rid].append(
                restore.evidence(article_id, sentence, url, day(when), confidence, provenance)
            )
    return [
        restore.relation(
            source, kind, target, tuple(evidence.get(rid, ())), day(valid_from), day(valid_to), role
        )
        for rid, source, kind, target, valid_from, valid_to, role in rows
    ]


def article_row(article: Article) -> tuple[Any, ...]:
    a = article
    return (a.id, a.url, a.title, a.source, iso(a.published), a.text_hash)


def article_from_row(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0], url=row[1], title=row[2], source=row[3], published=day(row[4]), text_hash=row[5] or ""
    )


@contextmanager
def translated(where: str, doing: str) -> Iterator[None]:
    """Turn sqlite3 errors into the project's, naming the store and the fix."""
    try:
        yield
    except sqlite3.DatabaseError as err:
        raise store_error(where, doing, err) from err


def store_error(where: str, doing: str, err: sqlite3.Error) -> StoreError:
    name = getattr(err, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(
            f"the store {where} is busy: another tradegraph process is writing to it and did not "
            f"finish within the wait; retry when it is done, or use another --store ({doing})",
            code="TG302",
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreError(
            f"the store {where} is damaged ({err}); nothing was changed: restore it from a backup, "
            "or move it away and ingest again",
            code="TG352",
        )
    if name.startswith(("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return StoreError(
            f"cannot {doing} the store {where}: {err}; check free space and permissions; "
            "the last completed write is intact",
            code="TG311",
        )
    return StoreError(f"the store {where} failed to {doing}: {err}", code="TG313")


def write_relations(cur: sqlite3.Cursor, relations: list[Relation]) -> None:
    """Merge relations: O(1) in the evidence each already has (evidence rows are only inserted)."""
    cur.executemany(
        sql.UPSERT_RELATION,
        [
            {
                "source": rel.source,
                "kind": rel.kind.value,
                "target": rel.target,
                "valid_from": iso(rel.valid_from),
                "valid_to": iso(rel.valid_to),
                "role": rel.role,
                "known_from": known_from(rel.evidence),
            }
            for rel in relations
        ],
    )
    cur.executemany(
        sql.INSERT_EVIDENCE,
        [
            (e.article_id, e.sentence, e.url, iso(e.date), e.confidence, e.provenance, *rel.key)
            for rel in relations
            for e in rel.evidence
        ],
    )
