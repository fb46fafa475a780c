"""Parallel extraction: ingest of the same N synthetic articles in this process, on 1 and on 2 Dask workers.

Each configuration runs in a fresh child process into its own embedded store. The child times
cluster start-up (workers loading spaCy) apart from the ingest itself, and the client's own work
(loading articles, resolution, store reads and writes) apart from waiting for extractions, which
is what the scaling model in README.md needs. Exports are compared after sorting: the graphs
must be identical. Ratios (2 workers against 1) are printed with the load average.

    python -m benchmarks.parallel [N_ARTICLES]
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, ratio, run_child, table

DEFAULT_ARTICLES = 300
CONFIGS = ("serial", "1", "2")


class _Timed:
    """Forwards to a store, adding the seconds spent in it to ``spent``."""

    def __init__(self, store: Any, spent: dict[str, float]) -> None:
        self._store, self._spent = store, spent

    def __getattr__(self, name: str) -> Any:
        inner = getattr(self._store, name)
        if not callable(inner):
            return inner

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self._spent["store"] += time.perf_counter() - start

        return timed


def _timed_resolver(spent: dict[str, float]) -> Any:
    from tradegraph.loaders.resolution import Resolver

    def factory(known: list[Any]) -> Any:
        start = time.perf_counter()
        resolver = Resolver(known)
        spent["resolve"] += time.perf_counter() - start
        inner = resolver.resolve

        def resolve(extraction: Any) -> Any:
            t = time.perf_counter()
            try:
                return inner(extraction)
            finally:
                spent["resolve"] += time.perf_counter() - t

        resolver.resolve = resolve  # type: ignore[method-assign]
        return resolver

    return factory


def _child(config: str, corpus: Path, store_dir: Path) -> dict[str, Any]:
    from tradegraph.graph.backends.memory import MemoryStore
    from tradegraph.graph.export.jsonexport import to_node_link
    from tradegraph.ingest import ingest
    from tradegraph.loaders.extraction import Extractor
    from tradegraph.loaders.parallel import DaskPool, InProcess

    start = time.perf_counter()
    pool: Any = InProcess(Extractor()) if config == "serial" else DaskPool(workers=int(config))
    startup = time.perf_counter() - start
    spent = {"store": 0.0, "resolve": 0.0}
    with MemoryStore.open(store_dir) as store:
        start = time.perf_counter()
        report = ingest([corpus], _Timed(store, spent), pool=pool, resolver=_timed_resolver(spent))
        wall = time.perf_counter() - start
        doc = to_node_link(store)
    pool.close()
    doc.pop("graph", None)
    lines = sorted(json.dumps(doc, sort_keys=True, indent=0).splitlines())
    return {
        "config": config,
        "startup_s": round(startup, 2),
        "ingest_s": round(wall, 2),
        "articles_per_s": round(report.loaded / wall, 2),
        "client_store_s": round(spent["store"], 2),
        "client_resolve_s": round(spent["resolve"], 2),
        "loaded": report.loaded,
        "failed": report.failed,
        "export_sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16],
    }


def run(n: int = DEFAULT_ARTICLES) -> dict[str, Any]:
    from benchmarks.corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix="tg-bench-parallel-"))
    load_before = os.getloadavg()
    rows = []
    try:
        corpus = write_corpus(n, work / "corpus", sizes.SEED, gold=False)
        for config in CONFIGS:
            rows.append(run_child("benchmarks.parallel", "--child", config, str(corpus), str(work / config)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    by = {r["config"]: r for r in rows}
    speedup = ratio(by["2"]["articles_per_s"], by["1"]["articles_per_s"])
    identical = len({r["export_sha256"] for r in rows}) == 1
    print(table(f"Parallel extraction: ingest of {n} synthetic articles (embedded store)", rows))
    goals = [
        goal("2 workers / 1 worker, articles/s", speedup, 1.7),
        goal("exports identical (serial, 1, 2 workers)", 1.0 if identical else 0.0, 1.0),
    ]
    print(table("Goals", goals))
    print(
        f"  load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min); cores {os.cpu_count()}"
    )
    return {
        "rows": rows,
        "speedup_2_vs_1": speedup,
        "serial_vs_1": ratio(by["serial"]["articles_per_s"], by["1"]["articles_per_s"]),
        "identical": identical,
        "load_average": [load_before[0], load_after[0]],
        "goals": goals,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ARTICLES)
