"""The ingest pipeline: load articles -> skip unchanged -> extract -> resolve -> store.

Each article is written with one ``store.upsert`` call, which the store contract makes atomic, so
a store never holds half of an article. Re-ingesting the same files changes nothing: an article
already stored with the same id and text hash is skipped; one whose text changed has its old
evidence forgotten before it is extracted again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from tradegraph.graph.errors import ArticleError, ExtractionError, StoreUnavailableError, TradegraphError
from tradegraph.graph.model import Actor, Article, Extraction
from tradegraph.graph.store import GraphStore
from tradegraph.loaders.sources import codes, load_articles

if TYPE_CHECKING:
    from tradegraph.loaders.actors import ActorDictionary
    from tradegraph.progress import Progress

BATCH_SIZE = 16  # articles per extract_many call; each is still written on its own


class ExtractorLike(Protocol):
    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


class ResolverLike(Protocol):
    def resolve(self, extraction: Extraction) -> Extraction: ...


ResolverFactory = Callable[[list[Actor]], ResolverLike]


@dataclass(frozen=True, slots=True)
class Failure:
    """One article (or file) that did not make it into the store, and why."""

    origin: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: [{self.code}] {self.message}"


@dataclass(slots=True)
class IngestReport:
    """What one ``ingest`` run did."""

    loaded: int = 0  # articles extracted and written (new or changed)
    replaced: int = 0  # of those, articles whose text changed since the last run
    skipped: int = 0  # already stored with the same text
    failed: int = 0
    actors_written: int = 0
    relations_written: int = 0
    evidence_written: int = 0
    errors: list[Failure] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # text vs. actor dictionary
    dropped: int = 0  # evidence below --min-confidence

    @property
    def done(self) -> int:
        """Articles finished, whatever became of them."""
        return self.loaded + self.skipped + self.failed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def fail(self, origin: str | None, err: TradegraphError) -> None:
        self.failed += 1
        problem = err.problem if isinstance(err, ArticleError) else err.message
        self.errors.append(Failure(str(origin or getattr(err, "origin", None) or "?"), err.code, problem))

    def as_dict(self) -> dict[str, Any]:
        counts = {
            k: getattr(self, k)
            for k in (
                "loaded",
                "replaced",
                "skipped",
                "failed",
                "actors_written",
                "relations_written",
                "evidence_written",
            )
        }
        return {
            **counts,
            "errors": [{"origin": e.origin, "code": e.code, "message": e.message} for e in self.errors],
            "conflicts": list(self.conflicts),
            "dropped": self.dropped,
        }


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: GraphStore,
    *,
    extractor: ExtractorLike | None = None,
    resolver: ResolverFactory | None = None,
    progress: bool | Progress = False,
    batch_size: int = BATCH_SIZE,
    min_confidence: float = 0.0,
    actors: ActorDictionary | str | os.PathLike[str] | None = None,
) -> IngestReport:
    """Load the articles under ``paths``, extract their actors and relations, write them.

    Args:
        paths: files, directories or globs (see ``tradegraph.loaders.sources.load_articles``).
        store: where the graph goes.
        extractor: has ``extract_many(articles)``; default ``tradegraph.loaders.extraction.Extractor()``,
            created only when there is something new to extract.
        resolver: builds a resolver from the actors known so far; default
            ``tradegraph.loaders.resolution.Resolver``.
        progress: show progress on stderr (articles finished / total, ETA), or a ``Progress``.
        batch_size: articles handed to the extractor at once.
        min_confidence: evidence read with less confidence is not stored (relations left
            without evidence are not written).
        actors: an actor dictionary (or its .yaml/.csv file) that names, places and dates
            persons; conflicts with the text go to ``report.conflicts``.

    Returns:
        The counts and the errors, each naming the file and record it came from.

    Raises:
        StoreUnavailableError: the store went away; articles written so far stay complete.
        ExtractionError: the NLP pipeline could not be set up.
    """
    report = IngestReport()
    run = _Run(store, report, extractor, resolver)
    run.min_confidence, run.dictionary = min_confidence, _dictionary(actors)
    items, meter = _with_progress(load_articles(paths), progress)
    batch: list[Article] = []
    for item in items:
        if isinstance(item, ArticleError):
            report.fail(item.origin, item)
        elif run.wants(item):
            batch.append(item)
            if len(batch) >= batch_size:
                run.write(batch)
                batch = []
        if meter is not None:
            meter.update_to(report.done)
    if batch:
        run.write(batch)
    if meter is not None:
        meter.update_to(report.done)
        meter.close()
    return report


def _dictionary(actors: ActorDictionary | str | os.PathLike[str] | None) -> ActorDictionary | None:
    if actors is None or not isinstance(actors, (str, os.PathLike)):
        return actors
    from tradegraph.loaders.actors import load_actor_dictionary

    return load_actor_dictionary(actors)


class _Run:
    """The state of one ingest run: what was seen, the extractor and resolver, the report."""

    def __init__(
        self,
        store: GraphStore,
        report: IngestReport,
        extractor: ExtractorLike | None,
        resolver: ResolverFactory | None,
    ) -> None:
        self.store = store
        self.resolver = resolver
        self.report = report
        self.extractor = extractor
        self.seen: dict[str, Article] = {}  # id -> first article of that id in this run
        self.changed: set[str] = set()
        self.known: dict[str, Actor] | None = None  # actors for the resolver, read once per run
        self.min_confidence = 0.0
        self.dictionary: ActorDictionary | None = None

    def wants(self, article: Article) -> bool:
        """Whether ``article`` needs extracting; counts skips and in-run duplicates."""
        first = self.seen.setdefault(article.id, article)
        if first is not article:
            if first.text_hash == article.text_hash:
                self.report.skipped += 1
            else:
                self.report.fail(
                    article.origin,
                    codes.article_error(
                        article.origin,
                        codes.DUPLICATE_ID,
                        f"same article id {article.id!r} as {first.origin} but a different text; give each its own id or url",
                    ),
                )
            return False
        stored = self.store.article(article.id)
        if stored is not None and stored.text_hash == article.text_hash:
            self.report.skipped += 1
            return False
        if stored is not None:
            self.changed.add(article.id)
        return True

    def write(self, batch: list[Article]) -> None:
        """Extract, resolve and store ``batch``, one atomic upsert per article."""
        for article, extraction in self._extract(batch):
            if extraction is not None:
                self._store(article, self._resolve(extraction))

    def _extract(self, batch: list[Article]) -> Iterator[tuple[Article, Extraction | None]]:
        extractor = self._extractor()
        try:
            results = list(extractor.extract_many(batch))
        except (ExtractionError, StoreUnavailableError):
            raise
        except Exception:  # noqa: BLE001 - find the one article that broke the batch
            results = []
        if len(results) == len(batch):
            yield from zip(batch, results)
            return
        for article in batch:  # one by one, so one bad article costs only itself
            yield article, self._extract_one(extractor, article)

    def _extract_one(self, extractor: ExtractorLike, article: Article) -> Extraction | None:
        try:
            return next(iter(extractor.extract_many([article])))
        except (ExtractionError, StoreUnavailableError):
            raise
        except Exception as err:  # noqa: BLE001 - reported as this article's failure
            self.report.fail(
                article.origin,
                codes.article_error(
                    article.origin, codes.EXTRACTION_FAILED, f"extraction failed: {type(err).__name__}: {err}"
                ),
            )
            return None

    def _resolve(self, extraction: Extraction) -> Extraction:
        if self.resolver is None:
            self.resolver = _default_resolver()
        if self.known is None:
            self.known = {a.id: a for a in self.store.actors()}
        resolver = self.resolver(list(self.known.values()))
        if self.dictionary is not None and hasattr(resolver, "dictionary"):
            resolver.dictionary = self.dictionary
        resolved = resolver.resolve(extraction)
        self.report.conflicts += getattr(resolver, "conflicts", [])
        return _confident(resolved, self.min_confidence, self.report) if self.min_confidence else resolved

    def _store(self, article: Article, extraction: Extraction) -> None:
        try:
            if article.id in self.changed:
                self.store.forget_article(article.id)
            self.store.upsert(extraction.actors, extraction.relations, [article])
        except StoreUnavailableError:
            raise
        except TradegraphError as err:
            self.report.fail(article.origin, err)
            return
        if self.known is not None:
            for actor in extraction.actors:
                self.known[actor.id] = self.known[actor.id].merged(actor) if actor.id in self.known else actor
        self.report.loaded += 1
        self.report.replaced += article.id in self.changed
        self.report.actors_written += len(extraction.actors)
        self.report.relations_written += len(extraction.relations)
        self.report.evidence_written += sum(len(r.evidence) for r in extraction.relations)

    def _extractor(self) -> ExtractorLike:
        if self.extractor is None:
            from tradegraph.loaders.extraction import Extractor

            self.extractor = Extractor()
        return self.extractor


class _AsExtracted:
    """Stands in for resolution while ``tradegraph.loaders.resolution`` is not installed."""

    def __init__(self, known: list[Actor]) -> None:
        self.known = known

    def resolve(self, extraction: Extraction) -> Extraction:
        return extraction


def _default_resolver() -> ResolverFactory:
    try:
        from tradegraph.loaders.resolution import Resolver
    except ModuleNotFoundError as err:
        if err.name != "tradegraph.loaders.resolution":
            raise
        return _AsExtracted
    return Resolver


def _confident(extraction: Extraction, floor: float, report: IngestReport) -> Extraction:
    """The extraction without evidence below ``floor``, nor relations left without evidence."""
    kept = []
    for rel in extraction.relations:
        evidence = tuple(ev for ev in rel.evidence if ev.confidence >= floor)
        report.dropped += len(rel.evidence) - len(evidence)
        if evidence:
            kept.append(replace(rel, evidence=evidence))
    return replace(extraction, relations=tuple(kept))


def _with_progress(items: Iterator[Any], progress: bool | Progress) -> tuple[Iterable[Any], Progress | None]:
    """The items and a meter of articles finished out of the total (read up front to count them)."""
    if progress is False:
        return items, None
    from tradegraph.progress import Progress

    listed = list(items)
    meter = progress if isinstance(progress, Progress) else Progress(total=len(listed), stream=sys.stderr)
    meter.set_total(len(listed))
    return listed, meter
