"""Dask extraction under hostile conditions: bad scheduler addresses, absurd worker counts, workers
that cannot import tradegraph, and a broken article among good ones on two local workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradegraph.graph.backends.sqlite import SQLiteStore
from tradegraph.graph.errors import ExtractionError, InputError
from tradegraph.loaders.parallel import MAX_WORKERS, DaskPool

REPO = Path(__file__).resolve().parents[2]


def _env(pythonpath: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": pythonpath}


@pytest.mark.parametrize("address", ["nonsense", "", "http://127.0.0.1:9", "tcp://[::1"])
def test_parallel_hostile_bad_scheduler_address_is_tg185(address: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"\[TG185\].*tcp://HOST:PORT"):
        DaskPool(scheduler=address, timeout=3)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("workers", [0, -1, MAX_WORKERS + 1, 10**6])
def test_parallel_hostile_worker_count_out_of_range_is_tg185_before_any_process(workers: int) -> None:
    with pytest.raises(InputError, match=r"\[TG185\]"):
        DaskPool(workers=workers)


def test_parallel_hostile_cli_bad_scheduler_has_no_traceback(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Japan's negotiator met Canada's trade minister.", encoding="utf-8")
    cmd = [sys.executable, "-m", "tradegraph", "ingest", str(article), "--scheduler", "nonsense"]
    out = subprocess.run(
        [*cmd, "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        env=_env(str(REPO)),
        timeout=120,
    )
    assert out.returncode == 1 and "[TG185]" in out.stderr and "Traceback" not in out.stderr


def _dask(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:  # run from the log's directory: `python -m` puts the cwd on sys.path
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=log.parent,
            start_new_session=True,
        )


@pytest.fixture
def broken_worker(tmp_path: Path) -> Iterator[str]:
    """A scheduler whose one worker finds a tradegraph that fails to import."""
    broken = tmp_path / "broken" / "tradegraph"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("this tradegraph install is broken")\n')
    info = tmp_path / "scheduler.json"
    scheduler_cmd = ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
    procs = [_dask([*scheduler_cmd, "--scheduler-file", str(info)], tmp_path / "s.log", _env(str(REPO)))]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        worker_cmd = ["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard"]
        procs.append(
            _dask([*worker_cmd, "--host", "127.0.0.1"], tmp_path / "w.log", _env(str(broken.parent)))
        )
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.mark.slow
def test_parallel_hostile_worker_that_cannot_import_is_tg522(broken_worker: str) -> None:
    with pytest.raises(ExtractionError, match=r"\[TG522\].*cannot run tradegraph.*broken"):
        DaskPool(scheduler=broken_worker)


@pytest.mark.slow
def test_parallel_hostile_broken_article_on_two_workers_fails_alone(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(4):  # invented for this test
        (articles / f"good{n}.txt").write_text(
            f"Trade minister Person{n} Example of Canada met Mexico's envoy in Ottawa, round {n}.",
            encoding="utf-8",
        )
    (articles / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 100)
    (articles / "broken.jsonl").write_text(
        '{"text": "Japan met Canada.", "id": "x"}\n{"text": \n', encoding="utf-8"
    )
    cmd = [sys.executable, "-m", "tradegraph", "ingest", str(articles), "--workers", "2"]
    out = subprocess.run(
        [*cmd, "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        env=_env(str(REPO)),
        timeout=600,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "loaded 5" in out.stdout and "failed 2" in out.stdout, out.stdout + out.stderr
    assert "broken.txt" in out.stderr and "broken.jsonl" in out.stderr
    with SQLiteStore.open(tmp_path / "s", create=False) as store:
        assert len(store.articles()) == 5


@pytest.mark.slow
def test_parallel_hostile_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    """kill -9 of one of two local workers after the first outcomes: its tasks run again elsewhere."""
    import signal

    from benchmarks.corpus import write_corpus
    from tradegraph.ingest import ingest

    corpus = write_corpus(24, tmp_path / "corpus", seed=3, gold=False)
    with DaskPool(workers=2) as pool, SQLiteStore.open(tmp_path / "s") as store:
        victim = next(iter(pool.client.run(os.getpid).values()))
        outcomes = pool.outcomes

        def killing(articles):  # type: ignore[no-untyped-def]
            for n, pair in enumerate(outcomes(articles)):
                if n == 2:
                    os.kill(victim, signal.SIGKILL)
                yield pair

        pool.outcomes = killing  # type: ignore[method-assign]
        report = ingest([corpus], store, pool=pool)
        assert (report.loaded, report.failed) == (24, 0)
        assert len(store.articles()) == 24
