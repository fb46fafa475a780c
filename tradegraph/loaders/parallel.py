"""Extraction in this process or on Dask workers, yielding each article's outcome in article order.

Both pools have one method, ``outcomes(articles)``: pairs ``(article, Extraction | problem)`` in
the order the articles came, where ``problem`` is the text of why that one article failed. Workers
only parse and extract; whatever depends on other articles (resolution, store writes) stays with
the caller, so a run on N workers gives what a run in one process gives.

    >>> from tradegraph.graph.model import Article
    >>> pool = InProcess(_FailsOnBad())
    >>> [(a.id, getattr(out, "actors", out)) for a, out in pool.outcomes([Article.create("ok", id="a"),
    ...                                                                  Article.create("bad", id="b")])]
    [('a', ()), ('b', 'extraction failed: ValueError: bad')]
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol, TypeVar

from tradegraph.graph.errors import ExtractionError, InputError, StoreUnavailableError
from tradegraph.graph.model import Article, Extraction

DEFAULT_BATCH_SIZE = 16  # articles per extract_many call in this process
DASK_CHUNK = 8  # articles per Dask task: small enough that two workers finish together
IN_FLIGHT_PER_WORKER = 3  # tasks queued per worker, so no worker waits for the client
CONNECT_TIMEOUT = 30.0  # seconds to wait for a scheduler given with --scheduler
# Local worker processes at most: four per core (each holds a spaCy pipeline, ~0.5 GB).
MAX_WORKERS = 4 * (os.cpu_count() or 1)
RETRIES = 2  # Dask retries of a task whose worker raised; a dead worker's tasks are rescheduled anyway

Outcome = tuple[Article, "Extraction | str"]
T = TypeVar("T")


class ExtractorLike(Protocol):
    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


class ExtractionPool(Protocol):
    def outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


def _problem(err: Exception) -> str:
    return f"extraction failed: {type(err).__name__}: {err}"


def extract_chunk(extractor: ExtractorLike, chunk: list[Article]) -> list[Extraction | str]:
    """The outcome of each article of ``chunk``: all at once, or one by one when the batch fails."""
    try:
        results: list[Extraction | str] = list(extractor.extract_many(chunk))
    except (ExtractionError, StoreUnavailableError):
        raise
    except Exception:  # noqa: BLE001 - find the one article that broke the batch
        results = []
    if len(results) == len(chunk):
        return results
    return [_extract_one(extractor, article) for article in chunk]


def _extract_one(extractor: ExtractorLike, article: Article) -> Extraction | str:
    try:
        return next(iter(extractor.extract_many([article])))
    except (ExtractionError, StoreUnavailableError):
        raise
    except Exception as err:  # noqa: BLE001 - reported as this article's failure
        return _problem(err)


def chunks(things: Iterable[T], size: int) -> Iterator[list[T]]:
    """``things`` in lists of ``size`` (the last one shorter), read lazily."""
    items = iter(things)
    while chunk := list(islice(items, size)):
        yield chunk


class InProcess:
    """Extraction in this process; the extractor is created at the first article."""

    def __init__(self, extractor: ExtractorLike | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.extractor = extractor
        self.batch_size = batch_size

    def outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for chunk in chunks(articles, self.batch_size):
            if self.extractor is None:
                self.extractor = _new_extractor()
            yield from zip(chunk, extract_chunk(self.extractor, chunk), strict=True)

    def close(self) -> None:
        """Nothing to release; here so both pools close alike."""

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _new_extractor() -> ExtractorLike:
    from tradegraph.loaders.extraction import Extractor

    return Extractor()


# -- on Dask workers ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def worker_extractor() -> ExtractorLike:
    """The extractor of this worker process, loaded once (spaCy model and matchers)."""
    return _new_extractor()


def _warm() -> bool:
    worker_extractor()
    return True


def _extract_on_worker(chunk: list[Article]) -> list[Extraction | str]:
    """A Dask task: extractions travel back without the article text the client already has."""
    out = extract_chunk(worker_extractor(), chunk)
    return [replace(r, article=r.article.metadata()) if isinstance(r, Extraction) else r for r in out]


class DaskPool:
    """Extraction on the workers of a Dask cluster: a new local one, or one at ``scheduler``.

    Args:
        workers: start a ``LocalCluster`` of this many single-threaded worker processes.
        scheduler: ``tcp://HOST:PORT`` of a running scheduler whose workers can import tradegraph.
        chunk: articles per task.
        timeout: seconds to wait for the scheduler.
    """

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        chunk: int = DASK_CHUNK,
        timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        if (workers is None) == (scheduler is None):
            raise InputError("give either a number of workers or a scheduler address", code="TG185")
        if workers is not None and not 1 <= workers <= MAX_WORKERS:
            raise InputError(
                f"--workers {workers}: give 1 to {MAX_WORKERS} worker processes (each loads the language "
                "model); for more, start a cluster and pass --scheduler",
                code="TG185",
            )
        self.chunk = chunk
        self.cluster: Any = None
        self.client: Any = None
        self.client = self._connect(workers, scheduler, timeout)
        try:
            self.client.run(_warm)  # every worker loads the model now, in parallel, not at its first task
        except (ExtractionError, StoreUnavailableError):
            self.close()
            raise
        except Exception as err:  # noqa: BLE001 - whatever the worker raised, e.g. it cannot import tradegraph
            self.close()
            raise ExtractionError(
                f"the Dask workers cannot run tradegraph: {type(err).__name__}: {err}; install the same "
                "tradegraph (and its language model) where the workers run",
                code="TG522",
            ) from err

    def _connect(self, workers: int | None, scheduler: str | None, timeout: float) -> Any:
        try:
            import distributed
        except ModuleNotFoundError as err:
            raise ExtractionError(
                "parallel extraction needs dask.distributed: pip install 'dask[distributed]'", code="TG520"
            ) from err
        if scheduler is not None:
            _check_scheduler(scheduler)
        try:
            if scheduler is not None:
                return distributed.Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
            self.cluster = distributed.LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            return distributed.Client(self.cluster)  # type: ignore[no-untyped-call]
        except ValueError as err:  # distributed's words for an address it cannot parse
            self.close()
            raise InputError(
                f"--scheduler {scheduler!r}: {err}; give the scheduler's address as tcp://HOST:PORT",
                code="TG185",
            ) from err
        except (OSError, TimeoutError) as err:
            self.close()
            raise ExtractionError(
                f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {err}; "
                "start it with `dask scheduler` and its workers with `dask worker ADDRESS`",
                code="TG521",
            ) from err

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))

    def outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        window: deque[tuple[list[Article], Any]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers()
        for chunk in chunks(articles, self.chunk):
            window.append((chunk, self._submit(chunk)))
            while len(window) >= limit:
                yield from self._collect(*window.popleft())
        while window:
            yield from self._collect(*window.popleft())

    def _submit(self, chunk: list[Article]) -> Any:
        return self.client.submit(_extract_on_worker, chunk, retries=RETRIES, pure=False)

    def _collect(self, chunk: list[Article], future: Any) -> Iterator[Outcome]:
        try:
            results = future.result()
        except (ExtractionError, StoreUnavailableError):
            raise
        except Exception:  # noqa: BLE001 - a task that killed its workers: retry its articles one by one
            results = [self._alone(article) for article in chunk]
        for article, result in zip(chunk, results, strict=True):
            yield article, replace(result, article=article) if isinstance(result, Extraction) else result

    def _alone(self, article: Article) -> Extraction | str:
        try:
            result: list[Extraction | str] = self._submit([article]).result()
        except (ExtractionError, StoreUnavailableError):
            raise
        except Exception as err:  # noqa: BLE001 - this article's failure, by name
            return _problem(err)
        return result[0]

    def close(self) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_pool(
    workers: int | None = None,
    scheduler: str | None = None,
    extractor: ExtractorLike | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> InProcess | DaskPool:
    """A Dask pool when ``workers`` or ``scheduler`` is given, else extraction in this process."""
    if workers is None and scheduler is None:
        return InProcess(extractor, batch_size)
    return DaskPool(workers, scheduler)


class _FailsOnBad:
    """A doctest stand-in extractor: fails on the text 'bad', else reads nothing."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            if article.text == "bad":
                raise ValueError("bad")
            yield Extraction(article)


def _check_scheduler(address: str) -> None:
    """A scheduler address Dask has a transport for ("http://..." is not one), checked before any
    connection is tried.

    Raises:
        InputError: [TG185] when it names no transport Dask knows or no place.
    """
    from distributed.comm import registry
    from distributed.comm.addressing import parse_address

    scheme, place = parse_address(address)
    if scheme not in registry.backends or not place:
        raise InputError(
            f"--scheduler {address!r}: not a Dask scheduler address; give it as tcp://HOST:PORT",
            code="TG185",
        )
