"""The ingest pipeline's logic (skip, replace, duplicates, failures) with a tiny test-double extractor.

End-to-end runs with the real extractor live in tests/integration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.ingest import IngestReport
from tradegraph.ingest import ingest as run_ingest

NAMES = {
    "Akazawa": ActorKind.PERSON,
    "Bessent": ActorKind.PERSON,
    "Japan": ActorKind.COUNTRY,
    "Korea": ActorKind.COUNTRY,
}


class NameListExtractor:
    """Actors are the NAMES found in a sentence; any two in one sentence negotiate with each other."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.seen: list[str] = []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            self.seen.append(article.id)
            if self.fail_on and self.fail_on in article.text:
                raise RuntimeError("model choked")
            yield self.extract(article)

    @staticmethod
    def extract(article: Article) -> Extraction:
        actors: dict[str, Actor] = {}
        relations = []
        for sentence in re.split(r"(?<=\.)\s+", article.text):
            found = [Actor.create(n, k, iso3=n[:3].upper()) for n, k in NAMES.items() if n in sentence]
            actors.update((a.id, a) for a in found)
            for a, b in zip(found, found[1:]):
                ev = Evidence(article.id, sentence, url=article.url, date=article.published)
                relations.append(Relation(a.id, RelationKind.NEGOTIATES_WITH, b.id, evidence=(ev,)))
        return Extraction(article, tuple(actors.values()), tuple(relations))


class AsExtracted:
    """Resolution left out, so these tests see exactly what the double extracted."""

    def __init__(self, known: list[Actor]) -> None:
        self.known = known

    def resolve(self, extraction: Extraction) -> Extraction:
        return extraction


def ingest(paths: list, store: MemoryStore, **kwargs) -> IngestReport:  # type: ignore[type-arg]
    return run_ingest(paths, store, resolver=AsExtracted, **kwargs)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    write(root, "a.txt", "Akazawa met Bessent. Japan was pleased.")
    write(root, "b.txt", "Korea and Japan talked. Bessent watched.")
    return root


@pytest.fixture
def memory(tmp_path: Path) -> Iterator[MemoryStore]:
    with MemoryStore.open(tmp_path / "store") as store:
        yield store


def test_ingest_pipeline_loads_and_counts(corpus: Path, memory: MemoryStore) -> None:
    report = ingest([corpus], memory, extractor=NameListExtractor())
    assert (report.loaded, report.skipped, report.failed) == (2, 0, 0)
    assert report.ok and report.relations_written == 2 and report.evidence_written == 2
    assert memory.counts()["articles"] == 2 and memory.counts()["relations.NEGOTIATES_WITH"] == 2


def test_ingest_pipeline_skips_unchanged_without_extracting(corpus: Path, memory: MemoryStore) -> None:
    ingest([corpus], memory, extractor=NameListExtractor())
    before = memory.counts()
    again = NameListExtractor()
    report = ingest([corpus], memory, extractor=again)
    assert (report.loaded, report.skipped) == (0, 2) and again.seen == []
    assert memory.counts() == before


def test_ingest_pipeline_changed_text_replaces_evidence(corpus: Path, memory: MemoryStore) -> None:
    path = write(corpus, "c.txt", "---\nurl: https://x.example/c\n---\nAkazawa met Bessent.")
    ingest([corpus], memory, extractor=NameListExtractor())
    write(corpus, "c.txt", "---\nurl: https://x.example/c\n---\nAkazawa called Bessent again.")
    report = ingest([path], memory, extractor=NameListExtractor())
    assert (report.loaded, report.replaced) == (1, 1)
    [rel] = memory.relations(RelationKind.NEGOTIATES_WITH, actor="person:akazawa")
    sentences = {ev.sentence for ev in rel.evidence if ev.article_id.startswith("article:")}
    assert (
        "Akazawa called Bessent again." in sentences and "Akazawa met Bessent." in sentences
    )  # a.txt still says it
    c_evidence = [ev.sentence for ev in rel.evidence if ev.url == "https://x.example/c"]
    assert c_evidence == ["Akazawa called Bessent again."]


def test_ingest_pipeline_same_file_twice_in_one_run_is_one_article(corpus: Path, memory: MemoryStore) -> None:
    copy = write(corpus.parent, "copy.txt", (corpus / "a.txt").read_text())
    report = ingest([corpus, copy], memory, extractor=NameListExtractor())
    assert (report.loaded, report.skipped, report.failed) == (2, 1, 0)


def test_ingest_pipeline_same_id_different_text_is_tg121(corpus: Path, memory: MemoryStore) -> None:
    write(corpus, "d.jsonl", '{"id": "x", "text": "Japan talks."}\n{"id": "x", "text": "Korea talks."}\n')
    report = ingest([corpus], memory, extractor=NameListExtractor())
    assert (
        report.failed == 1
        and report.errors[0].code == "TG121"
        and report.errors[0].origin.endswith("d.jsonl:2")
    )


def test_ingest_pipeline_one_failing_article_costs_only_itself(corpus: Path, memory: MemoryStore) -> None:
    write(corpus, "c.txt", "Poison pill about Japan.")
    report = ingest([corpus], memory, extractor=NameListExtractor(fail_on="Poison"))
    assert (report.loaded, report.failed) == (2, 1)
    [failure] = report.errors
    assert failure.code == "TG130" and failure.origin.endswith("c.txt") and "model choked" in failure.message
    assert memory.counts()["articles"] == 2


def test_ingest_pipeline_load_errors_are_reported_with_origin(corpus: Path, memory: MemoryStore) -> None:
    write(corpus, "e.txt", "")
    report = ingest([corpus, corpus / "missing.txt"], memory, extractor=NameListExtractor())
    assert report.loaded == 2 and not report.ok
    assert [(f.code, Path(f.origin).name) for f in report.errors] == [
        ("TG110", "e.txt"),
        ("TG119", "missing.txt"),
    ]
    assert str(report.errors[0]).startswith(f"{corpus / 'e.txt'}: [TG110] ")


def test_ingest_pipeline_no_extractor_needed_when_nothing_is_new(corpus: Path, memory: MemoryStore) -> None:
    ingest([corpus], memory, extractor=NameListExtractor())
    report = run_ingest([corpus], memory)  # would import the real extractor and resolver if anything were new
    assert report.skipped == 2


def test_ingest_pipeline_report_as_dict(corpus: Path, memory: MemoryStore) -> None:
    data = ingest([corpus / "nope"], memory, extractor=NameListExtractor()).as_dict()
    assert data["failed"] == 1 and data["errors"][0]["code"] == "TG119"
