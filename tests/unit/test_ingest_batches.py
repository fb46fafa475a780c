"""Several articles per store transaction: the same graph as one by one, and a bad article costs only itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.unit.test_ingest_pipeline import AsExtracted, NameListExtractor, write
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.model import Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.ingest import ingest
from tradegraph.loaders.parallel import InProcess, extract_chunk


class OrphanExtractor(NameListExtractor):
    """Like NameListExtractor, but an article saying 'orphan' names an actor it does not extract."""

    @staticmethod
    def extract(article: Article) -> Extraction:
        found = NameListExtractor.extract(article)
        if "orphan" not in article.text:
            return found
        ev = Evidence(article.id, article.text, url=article.url)
        bad = Relation("country:JAP", RelationKind.NEGOTIATES_WITH, "country:NOWHERE", evidence=(ev,))
        return Extraction(article, found.actors, (*found.relations, bad))


def _corpus(root: Path, n: int, orphan_at: int | None = None) -> Path:
    root.mkdir()
    people = [
        "Akazawa met Bessent.",
        "Japan and Korea talked.",
        "Bessent called Japan.",
        "Korea met Akazawa.",
    ]
    for i in range(n):
        extra = " An orphan line." if i == orphan_at else ""
        write(root, f"a{i:03d}.txt", f"{people[i % 4]} Item {i}.{extra}")
    return root


def _graph(store: MemoryStore) -> tuple[object, ...]:
    return (store.actors(), store.relations(), store.articles())


@pytest.mark.parametrize("write_batch", [1, 3, 32])
def test_ingest_batches_same_graph_as_one_by_one(tmp_path: Path, write_batch: int) -> None:
    corpus = _corpus(tmp_path / "c", 10)
    with MemoryStore.open(tmp_path / "one") as one, MemoryStore.open(tmp_path / "many") as many:
        ingest([corpus], one, extractor=NameListExtractor(), resolver=AsExtracted, write_batch=1)
        report = ingest(
            [corpus], many, extractor=NameListExtractor(), resolver=AsExtracted, write_batch=write_batch
        )
        assert report.loaded == 10 and report.ok
        assert _graph(one) == _graph(many)


def test_ingest_batches_bad_article_costs_only_itself(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 7, orphan_at=3)
    with MemoryStore.open(tmp_path / "s") as store:
        report = ingest([corpus], store, extractor=OrphanExtractor(), resolver=AsExtracted, write_batch=4)
        assert (report.loaded, report.failed) == (6, 1)
        [failure] = report.errors
        assert failure.origin.endswith("a003.txt") and failure.code == "TG310"
        stored = {a.origin or a.id for a in store.articles()}
        assert len(stored) == 6 and store.actor("country:NOWHERE") is None


def test_ingest_batches_failed_article_retried_on_the_next_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 5, orphan_at=1)
    with MemoryStore.open(tmp_path / "s") as store:
        ingest([corpus], store, extractor=OrphanExtractor(), resolver=AsExtracted, write_batch=8)
        again = ingest([corpus], store, extractor=NameListExtractor(), resolver=AsExtracted)
        assert (again.loaded, again.skipped) == (1, 4)


class Flaky:
    """Fails a whole batch whenever it holds the article saying 'boom'."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            if "boom" in article.text:
                raise RuntimeError("boom")
            yield Extraction(article)


def test_parallel_extract_chunk_one_failure_named_others_kept() -> None:
    chunk = [Article.create(t, id=t) for t in ("a", "boom", "c")]
    out = extract_chunk(Flaky(), chunk)
    assert isinstance(out[0], Extraction) and isinstance(out[2], Extraction)
    assert out[1] == "extraction failed: RuntimeError: boom"


def test_parallel_in_process_keeps_article_order() -> None:
    articles = [Article.create(f"text {i}", id=f"id{i}") for i in range(37)]
    pool = InProcess(Flaky(), batch_size=5)
    assert [a.id for a, _ in pool.outcomes(iter(articles))] == [a.id for a in articles]
