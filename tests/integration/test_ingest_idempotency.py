"""Re-ingesting changes nothing; a changed article replaces its old evidence (real extractor, both stores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradegraph.graph.model import article_id_for
from tradegraph.graph.store import GraphStore
from tradegraph.ingest import ingest

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples" / "articles"
INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> object:
    extraction = pytest.importorskip("tradegraph.loaders.extraction")
    if not hasattr(extraction, "Extractor"):
        pytest.skip("tradegraph.loaders.extraction.Extractor not written yet")
    return extraction.Extractor()


def snapshot(store: GraphStore) -> tuple[dict[str, int], list[tuple[str, str, str, int]]]:
    relations = [(*r.key, len(r.evidence)) for r in store.relations()]
    return store.counts(), relations


def test_ingest_idempotency_three_runs_same_counts(
    tmp_path: Path, store: GraphStore, extractor: object
) -> None:
    corpus = [EXAMPLES, INPUTS / "news.jsonl", INPUTS / "feed.rss", INPUTS / "page.html"]
    first = ingest(corpus, store, extractor=extractor)  # type: ignore[arg-type]
    assert first.ok, first.errors
    assert first.loaded >= 12 and store.counts()["relations"] > 0
    after_first = snapshot(store)
    for _ in range(2):
        again = ingest(corpus, store, extractor=extractor)  # type: ignore[arg-type]
        assert (again.loaded, again.failed, again.skipped) == (0, 0, first.loaded)
        assert snapshot(store) == after_first
    assert store.counts()["articles"] == first.loaded


def test_ingest_idempotency_changed_text_replaces_evidence(
    tmp_path: Path, store: GraphStore, extractor: object
) -> None:
    path = tmp_path / "story.txt"
    url = "https://example.org/story"
    path.write_text(
        f"---\nurl: {url}\npublished: 2025-04-16\n---\n"
        "Japan's economic revitalization minister Ryosei Akazawa represents Japan in the talks.\n"
    )
    ingest([path], store, extractor=extractor)  # type: ignore[arg-type]
    article = article_id_for(url, "")
    old = {ev.sentence for r in store.relations() for ev in r.evidence if ev.article_id == article}
    assert old, "the extractor found nothing in the first version"
    path.write_text(
        f"---\nurl: {url}\npublished: 2025-04-16\n---\n"
        "Treasury Secretary Scott Bessent represents the United States in the talks with Tokyo.\n"
    )
    report = ingest([path], store, extractor=extractor)  # type: ignore[arg-type]
    assert (report.loaded, report.replaced) == (1, 1)
    new = {ev.sentence for r in store.relations() for ev in r.evidence if ev.article_id == article}
    assert not (new & old)
    assert all("Bessent" in sentence for sentence in new)
    assert store.article(article).text_hash != "" and len(store.articles()) == 1
