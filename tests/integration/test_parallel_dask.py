"""Extraction on a real Dask cluster: a scheduler and two workers as separate processes on loopback.

The graph ingested through them must be the graph a serial run writes (same export after sorting),
also when a worker process is killed while it extracts: the scheduler gives its tasks to the other.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.export.jsonexport import write_json
from tradegraph.graph.model import Article, Extraction
from tradegraph.ingest import ingest
from tradegraph.loaders.parallel import DaskPool, InProcess, Outcome

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
ARTICLES = 24


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    # This directory too: a test ships functions of this module to the workers.
    path = [str(REPO), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )


def _await_workers(address: str, n: int, timeout: float = 120) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=timeout)


@contextmanager
def _cluster(work: Path, workers: int = 2, *options: str) -> Iterator[str]:
    """A scheduler and ``workers`` single-threaded workers, each its own process on loopback."""
    info = work / "scheduler.json"
    scheduler = [
        "scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--no-dashboard",
        "--scheduler-file",
        str(info),
    ]
    procs = [_dask(*scheduler, log=work / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for i in range(workers):
            worker = ["worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", *options]
            procs.append(_dask(*worker, "--host", "127.0.0.1", log=work / f"worker{i}.log"))
        _await_workers(address, workers)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _cluster(tmp_path_factory.mktemp("dask")) as address:
        yield address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.corpus import write_corpus

    return write_corpus(ARTICLES, tmp_path_factory.mktemp("corpus"), seed=3, gold=False)


def _export(store: MemoryStore, out: Path) -> list[str]:
    write_json(store, out)
    data = json.loads(out.read_text())
    data.pop("graph")  # names the store directory
    return sorted(json.dumps(data, sort_keys=True, indent=0).splitlines())


def test_parallel_dask_cluster_gives_the_serial_graph(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    with MemoryStore.open(tmp_path / "serial") as serial:
        expected = ingest([corpus], serial, pool=InProcess())
        serial_export = _export(serial, tmp_path / "serial.json")
    with DaskPool(scheduler=scheduler) as pool, MemoryStore.open(tmp_path / "dask") as distributed:
        assert pool.workers() == 2
        report = ingest([corpus], distributed, pool=pool, write_batch=5)
        dask_export = _export(distributed, tmp_path / "dask.json")
    assert report.as_dict() == expected.as_dict() and report.loaded == ARTICLES
    assert dask_export == serial_export


def test_parallel_dask_unreachable_scheduler_is_tg521() -> None:
    from tradegraph.graph.errors import ExtractionError

    with pytest.raises(ExtractionError, match=r"\[TG521\]"):
        DaskPool(scheduler="tcp://127.0.0.1:9", timeout=3)


# -- a worker that dies mid-extraction ------------------------------------------------------------


def _stall_here(marker: str) -> int:
    """Run on one worker: its next extraction marks ``marker`` and never ends; returns its pid."""
    from tradegraph.loaders import parallel

    class Stalling:
        def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
            Path(marker).touch()
            time.sleep(3600)
            yield from ()

    parallel.worker_extractor = Stalling  # type: ignore[assignment]  # what _extract_on_worker calls
    return os.getpid()


class _Counting:
    """A pool that counts each article's outcomes as ingest takes them."""

    def __init__(self, pool: DaskPool) -> None:
        self.pool, self.seen = pool, Counter[str]()

    def outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for article, outcome in self.pool.outcomes(articles):
            self.seen[article.id] += 1
            yield article, outcome


def test_parallel_dask_killed_worker_has_its_articles_retried(corpus: Path, tmp_path: Path) -> None:
    with MemoryStore.open(tmp_path / "serial") as serial:
        expected = ingest([corpus], serial, pool=InProcess())
        serial_export = _export(serial, tmp_path / "serial.json")
    marker = tmp_path / "extracting"
    killed = threading.Event()

    def kill_when_extracting(pid: int) -> None:
        deadline = time.monotonic() + 300
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if marker.exists():
            os.kill(pid, signal.SIGKILL)
            killed.set()

    # No nanny: the killed worker stays dead and the other one must take its articles.
    with (
        _cluster(tmp_path, 2, "--no-nanny") as address,
        DaskPool(scheduler=address, chunk=2) as pool,
        MemoryStore.open(tmp_path / "dask") as distributed,
    ):
        victim = sorted(pool.client.scheduler_info(n_workers=-1)["workers"])[0]
        pid = pool.client.run(_stall_here, str(marker), workers=[victim])[victim]
        killer = threading.Thread(target=kill_when_extracting, args=(pid,), daemon=True)
        killer.start()
        counting = _Counting(pool)
        report = ingest([corpus], distributed, pool=counting, write_batch=5)
        killer.join()
        assert killed.is_set() and pool.workers() == 1
        dask_export = _export(distributed, tmp_path / "dask.json")
        stored = sorted(a.id for a in distributed.articles())
    assert sorted(counting.seen.elements()) == stored
    assert set(counting.seen.values()) == {1} and len(counting.seen) == ARTICLES
    assert report.as_dict() == expected.as_dict() and report.loaded == ARTICLES
    assert dask_export == serial_export
