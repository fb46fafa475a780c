"""A write to the SQLite store costs O(1) in the evidence a relation already has.

Work is counted, not timed: SQLite calls a progress handler every N virtual-machine instructions,
so the count of calls for one write is the work SQLite did for it. The same write is measured
after 10 and after 1000 articles that all report one shared relation (and mention its two actors).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

import pytest

from tests.unit.test_ingest_pipeline import AsExtracted
from tradegraph.graph.backends import sqlite_sql as sql
from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.ingest import ingest_articles
from tradegraph.loaders.parallel import InProcess

SMALL, LARGE = 10, 1000
JAPAN = Actor.create("Japan", ActorKind.COUNTRY, iso3="JPN")
USA = Actor.create("United States", ActorKind.COUNTRY, iso3="USA")


def _article(n: int, text: str = "") -> tuple[Article, list[Actor], list[Relation]]:
    """Article ``n``: one more piece of evidence for JPN-USA, and a person of its own."""
    day = date(2025, 1, 1 + n % 28)
    article = Article.create(text or f"Article {n}.", id=f"art-{n}", published=day)
    person = Actor.create(f"Person {n}", ActorKind.PERSON)
    shared = Evidence(article.id, f"Japan and the US talked ({n}).", date=day if n % 2 else None)
    own = Evidence(article.id, f"Person {n} spoke for Japan.", date=day)
    return (
        article,
        [JAPAN, USA, person],
        [
            Relation(JAPAN.id, RelationKind.NEGOTIATES_WITH, USA.id, evidence=(shared,)),
            Relation(person.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(own,)),
        ],
    )


class SharedRelationExtractor:
    """Reads in article ``art-N`` what ``_article(N)`` holds."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            _, actors, relations = _article(int(article.id.split("-")[1]))
            yield Extraction(article, tuple(actors), tuple(relations))


def _steps(store: SQLiteStore, work: Callable[[], object]) -> int:
    """SQLite VM instructions (in tens) that ``work`` made this store's connection run."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    store._conn.set_progress_handler(tick, 10)
    try:
        work()
    finally:
        store._conn.set_progress_handler(None, 10)
    return count


def _store_after(articles: int) -> SQLiteStore:
    store = SQLiteStore(None)
    for n in range(articles):
        article, actors, relations = _article(n)
        store.upsert(actors, relations, [article])
    return store


WRITES: dict[str, Callable[[SQLiteStore, int], object]] = {
    "upsert": lambda store, n: store.upsert(*(lambda a, ac, r: (ac, r, [a]))(*_article(n))),
    "replace_article": lambda store, n: store.replace_article(
        _article(n - 1, "Changed text.")[0], *_article(n - 1)[1:]
    ),
    "forget_article": lambda store, n: store.forget_article(f"art-{n - 1}"),
}


@pytest.mark.parametrize("write", WRITES)
def test_sqlite_store_write_cost_is_constant_in_shared_evidence(write: str) -> None:
    cost = {}
    for size in (SMALL, LARGE):
        store = _store_after(size)
        assert len(store.relations(source=JAPAN.id, target=USA.id)[0].evidence) == size
        cost[size] = _steps(store, lambda: WRITES[write](store, size))  # noqa: B023 - called at once
        store.close()
    assert cost[SMALL] > 0 and cost[LARGE] < 1.5 * cost[SMALL], cost


def test_sqlite_store_ingest_of_one_more_article_is_constant_in_shared_evidence() -> None:
    """An article's share of an ingest run (lookup, resolution, write), as SQLite sees it.

    A run also reads every stored actor once, for resolution: that is per run, not per article,
    so one article's share is a two-article run minus a one-article run.
    """
    cost = {}
    for size in (SMALL, LARGE):
        store = _store_after(size)
        runs = []
        for numbers in ([size], [size + 1, size + 2]):
            articles = [_article(n)[0] for n in numbers]
            pool = InProcess(SharedRelationExtractor())
            runs.append(
                _steps(
                    store,
                    lambda: ingest_articles(articles, store, pool=pool, resolver=AsExtracted, write_batch=1),  # noqa: B023
                )
            )
        assert len(store.relations(source=JAPAN.id, target=USA.id)[0].evidence) == size + 3
        cost[size] = runs[1] - runs[0]
        store.close()
    assert 0 < cost[LARGE] < 1.5 * cost[SMALL], cost


def test_sqlite_store_older_store_gains_the_added_indexes_at_its_first_write(tmp_path) -> None:
    with SQLiteStore.open(tmp_path) as store:
        for name in sql.ADDED_INDEXES:
            store._conn.execute(f"DROP INDEX {name}")  # as a store written before they existed
    with SQLiteStore.open(tmp_path) as store:
        store.actors()  # reads change nothing
        names = "SELECT name FROM sqlite_schema WHERE type = 'index'"
        assert not set(sql.ADDED_INDEXES) & {r[0] for r in store._conn.execute(names)}
        store.upsert([JAPAN])
        assert set(sql.ADDED_INDEXES) <= {r[0] for r in store._conn.execute(names)}
    assert (tmp_path / DB_NAME).exists()
