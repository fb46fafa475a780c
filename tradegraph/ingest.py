"""The ingest pipeline: load articles -> skip unchanged -> extract -> resolve -> store.

New articles are written several to one ``store.upsert`` call, which the store contract makes
atomic; when such a batch fails, each of its articles is written again alone, so a store never
holds half of an article and one bad article costs only itself. Extraction may run on Dask
workers (``tradegraph.loaders.parallel``); resolution and writes stay here, in article order. Re-ingesting the same files changes nothing: an article
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
from tradegraph.loaders.parallel import DEFAULT_BATCH_SIZE, ExtractionPool, ExtractorLike, InProcess, chunks
from tradegraph.loaders.sources import codes, load_articles

if TYPE_CHECKING:
    from tradegraph.loaders.actors import ActorDictionary
    from tradegraph.progress import Progress

BATCH_SIZE = DEFAULT_BATCH_SIZE  # articles per extract_many call in this process
# New articles per store transaction: one round trip per few dozen articles instead of ~10 per
# article on Neo4j; a failed batch is written again article by article.
WRITE_BATCH = 32
LOOKUP_BATCH = 64  # articles whose stored text hash is asked for at once


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
    # Articles written without a publication date (no front matter date, dateline or
    # ``published``): their relative dates ("on Monday") are left unresolved, never counted
    # from today.
    undated: list[str] = field(default_factory=list)
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
            "undated": list(self.undated),
            "conflicts": list(self.conflicts),
            "dropped": self.dropped,
        }


def _own_files(store: GraphStore) -> list[str]:
    """The store's own files when it lives on this disk: ``ingest .`` must not read them."""
    uri = getattr(store, "uri", "") or ""
    return [uri] if "://" not in uri and os.path.exists(uri) else []


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: GraphStore,
    *,
    extractor: ExtractorLike | None = None,
    resolver: ResolverFactory | None = None,
    progress: bool | Progress = False,
    batch_size: int = BATCH_SIZE,
    pool: ExtractionPool | None = None,
    write_batch: int = WRITE_BATCH,
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
        pool: where extraction runs (``tradegraph.loaders.parallel``: this process or Dask
            workers); default this process with ``extractor``.
        write_batch: new articles written per store transaction.
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
    return ingest_articles(
        load_articles(paths, exclude=_own_files(store)),
        store,
        resolver=resolver,
        progress=progress,
        pool=pool or InProcess(extractor, batch_size),
        write_batch=write_batch,
        min_confidence=min_confidence,
        actors=actors,
    )


def ingest_articles(
    items: Iterable[Article | ArticleError],
    store: GraphStore,
    *,
    pool: ExtractionPool | None = None,
    resolver: ResolverFactory | None = None,
    progress: bool | Progress = False,
    write_batch: int = WRITE_BATCH,
    min_confidence: float = 0.0,
    actors: ActorDictionary | str | os.PathLike[str] | None = None,
) -> IngestReport:
    """``ingest`` of articles already loaded (``ArticleError`` items are counted as failures).

    Extraction may run anywhere (``pool``); resolution and writes happen here, in article
    order, so the stored graph does not depend on where or how parallel extraction ran.
    """
    report = IngestReport()
    run = _Run(store, report, resolver, write_batch)
    run.min_confidence, run.dictionary = min_confidence, _dictionary(actors)
    listed, meter = _with_progress(iter(items), progress)
    wanted = run.admitted(listed)
    try:
        for article, outcome in (pool or InProcess()).outcomes(wanted):
            if isinstance(outcome, str):
                error = codes.article_error(article.origin, codes.EXTRACTION_FAILED, outcome)
                report.fail(article.origin, error)
            else:
                run.stage(article, run.resolve(outcome))
            if meter is not None:
                meter.update_to(report.done + len(run.staged))
    except (ExtractionError, KeyboardInterrupt):
        run.flush()  # what was extracted before the stop is still written, whole
        raise
    run.flush()
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
    """The state of one ingest run: what was seen, the resolver, the writes not yet sent, the report."""

    def __init__(
        self, store: GraphStore, report: IngestReport, resolver: ResolverFactory | None, write_batch: int
    ) -> None:
        self.store = store
        self.resolver = resolver
        self.report = report
        self.write_batch = max(1, write_batch)
        self.seen: dict[str, Article] = {}  # id -> first article of that id in this run
        self.min_confidence = 0.0
        self.dictionary: ActorDictionary | None = None
        self.changed: set[str] = set()
        self.active: ResolverLike | None = None  # knows the stored actors and those staged since
        self.staged: list[tuple[Article, Extraction]] = []  # resolved, not yet written

    def admitted(self, items: Iterable[Article | ArticleError]) -> Iterator[Article]:
        """The articles of ``items`` that need extracting; stored ones are looked up a batch at a time."""
        for chunk in chunks(items, LOOKUP_BATCH):
            stored = self.store.articles_by_id(item.id for item in chunk if isinstance(item, Article))
            for item in chunk:
                if isinstance(item, ArticleError):
                    self.report.fail(item.origin, item)
                elif self.wants(item, stored.get(item.id)):
                    yield item

    def wants(self, article: Article, stored: Article | None) -> bool:
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
        if stored is not None and stored.text_hash == article.text_hash:
            self.report.skipped += 1
            return False
        if stored is not None:
            self.changed.add(article.id)
        return True

    def resolve(self, extraction: Extraction) -> Extraction:
        """``extraction`` resolved against every actor stored or staged before it.

        One resolver serves the whole run and remembers what it resolved, so each article costs
        its own actors, not a rebuild from every actor known.
        """
        if self.active is None:
            known = {a.id: a for a in self.store.actors()}
            for actor in (a for _, staged in self.staged for a in staged.actors):
                known[actor.id] = known[actor.id].merged(actor) if actor.id in known else actor
            self.active = (self.resolver or _default_resolver())(list(known.values()))
            if self.dictionary is not None and hasattr(self.active, "dictionary"):
                setattr(self.active, "dictionary", self.dictionary)  # noqa: B010 - not every resolver has one
        resolved = self.active.resolve(extraction)
        conflicts = getattr(self.active, "conflicts", None)
        if conflicts:
            self.report.conflicts += conflicts
            conflicts.clear()
        return _confident(resolved, self.min_confidence, self.report) if self.min_confidence else resolved

    # -- writes: several new articles per transaction; each article still all-or-nothing --------

    def stage(self, article: Article, extraction: Extraction) -> None:
        """Queue ``article`` for writing; a changed article is written alone, after the queue."""
        if article.id in self.changed:
            self.flush()
            self._write_alone(article, extraction)
            return
        self.staged.append((article, extraction))
        if len(self.staged) >= self.write_batch:
            self.flush()

    def flush(self) -> None:
        """Write the queued articles in one upsert; when it fails, article by article."""
        batch, self.staged = self.staged, []
        if not batch:
            return
        if len(batch) > 1:
            try:
                self.store.upsert(
                    [a for _, e in batch for a in e.actors],
                    [r for _, e in batch for r in e.relations],
                    [article for article, _ in batch],
                )
            except StoreUnavailableError:
                raise
            except TradegraphError:
                pass  # one bad article must not block the others: each again on its own
            else:
                for article, extraction in batch:
                    self._count(article, extraction)
                return
        for article, extraction in batch:
            self._write_alone(article, extraction)

    def _write_alone(self, article: Article, extraction: Extraction) -> None:
        try:
            if article.id in self.changed:  # one transaction: the old version goes with all it brought
                self.store.replace_article(article, extraction.actors, extraction.relations)
            else:
                self.store.upsert(extraction.actors, extraction.relations, [article])
        except StoreUnavailableError:
            raise
        except TradegraphError as err:
            self.report.fail(article.origin, err)
            self.active = None  # it remembered this article's actors: start again from the store
            return
        self._count(article, extraction)

    def _count(self, article: Article, extraction: Extraction) -> None:
        self.report.loaded += 1
        if article.published is None:
            self.report.undated.append(str(article.origin or article.id))
        self.report.replaced += article.id in self.changed
        self.report.actors_written += len(extraction.actors)
        self.report.relations_written += len(extraction.relations)
        self.report.evidence_written += sum(len(r.evidence) for r in extraction.relations)


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
