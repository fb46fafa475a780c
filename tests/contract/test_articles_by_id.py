"""``articles_by_id``: ingest's batched lookup of stored articles, alike on every store."""

from __future__ import annotations

from tradegraph.graph.model import Article
from tradegraph.graph.store import GraphStore


def test_store_articles_by_id_returns_only_stored(store: GraphStore) -> None:
    a, b = Article.create("First text.", id="a"), Article.create("Second text.", id="b")
    store.upsert(articles=[a.metadata(), b.metadata()])
    found = store.articles_by_id(["b", "missing", "a", "b"])
    assert sorted(found) == ["a", "b"] and found["a"].text_hash == a.text_hash
    assert store.articles_by_id([]) == {}
