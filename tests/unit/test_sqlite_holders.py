"""The SQLite store's ``holders`` table stays equal to the holders decided from the relations
(``HOLDERS_NOW``) through every write path: upsert, replace_article, forget, clear, and the first
write to a store from before the table."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.backends import sqlite_holders
from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore
from tradegraph.graph.backends.sqlite_traversals import HOLDERS_NOW
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind

R = RelationKind
BODIES = [Actor.create(n, ActorKind.COUNTRY, iso3=c) for n, c in (("Japan", "JPN"), ("Chile", "CHL"))]
PERSONS = [Actor.create(f"Person {n}", ActorKind.PERSON) for n in range(12)]


def _article(n: int, rng: random.Random) -> tuple[Article, list[Relation]]:
    """Article ``n``: a few REPRESENTS (some ended) and REPLACED_BY (chains, cycles) at random."""
    day = date(2025, 1, 1) if rng.random() < 0.8 else None
    article = Article.create(f"Article {n}.", id=f"art-{n}", published=day)
    out = []
    for _ in range(rng.randint(1, 4)):
        a, b = rng.sample(PERSONS, 2)
        ev = (
            Evidence(
                article.id, f"Sentence {n} {a.id} {b.id}.", date=date(2025, 1, 1 + n % 28) if day else None
            ),
        )
        if rng.random() < 0.55:
            ended = {"valid_to": date(2025, 6, 1)} if rng.random() < 0.15 else {}
            out.append(Relation(a.id, R.REPRESENTS, rng.choice(BODIES).id, evidence=ev, **ended))  # type: ignore[arg-type]
        else:
            out.append(Relation(a.id, R.REPLACED_BY, b.id, evidence=ev))
    return article, out


def _table(store: SQLiteStore) -> dict[str, set[tuple[object, ...]]]:
    rows = store._conn.execute("SELECT body, relation_id, source, last, support FROM holders").fetchall()
    return {b.id: {r[1:] for r in rows if r[0] == b.id} for b in BODIES}


def _decided(store: SQLiteStore) -> dict[str, set[tuple[object, ...]]]:
    out = {}
    for body in BODIES:
        rows = store._conn.execute(HOLDERS_NOW, {"body": body.id}).fetchall()
        out[body.id] = {(row[0], row[1], row[7], row[8]) for row in rows}
    return out


@pytest.mark.parametrize("seed", range(8))
def test_sqlite_holders_kept_through_every_write(seed: int) -> None:
    rng = random.Random(seed)
    store = SQLiteStore(None)
    articles = []
    for n in range(30):
        article, relations = _article(n, rng)
        articles.append(article)
        store.upsert([*BODIES, *PERSONS], relations, [article])
        assert _table(store) == _decided(store)
    for article in rng.sample(articles, 10):
        _, relations = _article(int(article.id.split("-")[1]) + 100, rng)
        store.replace_article(article, [*BODIES, *PERSONS], relations)
        assert _table(store) == _decided(store)
    for article in rng.sample(articles, 12):
        store.forget_article(article.id)
        assert _table(store) == _decided(store)
    store.clear()
    assert _table(store) == _decided(store) == {b.id: set() for b in BODIES}


def test_sqlite_holders_filled_on_the_first_write_to_an_older_store(tmp_path: Path) -> None:
    rng = random.Random(1)
    with SQLiteStore.open(tmp_path / "s") as store:
        for n in range(20):
            article, relations = _article(n, rng)
            store.upsert([*BODIES, *PERSONS], relations, [article])
        expected = _decided(store)
    with sqlite3.connect(tmp_path / "s" / DB_NAME) as conn:  # as a store of schema version 1 was
        conn.execute("DROP TABLE holders")
        conn.execute("PRAGMA user_version = 1")
    with SQLiteStore.open(tmp_path / "s") as store:
        assert not sqlite_holders.present(store._conn)
        answer = store.traversals().representation(BODIES[0].id, None, 2)  # decided without the table
        assert answer.total == len(expected[BODIES[0].id])
        store.upsert([*BODIES], [], [])
        assert _table(store) == expected
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == 2
