"""Extraction on a real Dask cluster: a scheduler and two workers as separate processes on loopback.

The graph ingested through them must be the graph a serial run writes (same export after sorting).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.export.jsonexport import write_json
from tradegraph.ingest import ingest
from tradegraph.loaders.parallel import DaskPool, InProcess

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
ARTICLES = 24


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
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


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("dask")
    info = work / "scheduler.json"
    procs = [
        _dask(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(info),
            log=work / "scheduler.log",
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for i in range(2):
            procs.append(
                _dask(
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--nworkers",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    log=work / f"worker{i}.log",
                )
            )
        _await_workers(address, 2)
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
