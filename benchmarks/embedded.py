"""Embedded (SQLite) store at scale: ingest, a whole `tradegraph ask` process, in-process lookups, RSS.

For each size a fresh process builds the store (ingest rate; baseline in the same process: the
store format before SQLite, a networkx graph with a fsynced journal, on the first
``LEGACY_LIMIT`` relations), then ``tradegraph ask "Who represents Japan?"`` runs as its own
process (wall time and peak RSS; the ratio is against the same process on the smallest store),
then a process measures p50 of the lookups and of shortest path in-process.

    python -m benchmarks.embedded 1000 1000000
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, peak_rss_mib, ratio, run_child, table, timer

LEGACY_LIMIT = 50_000
QUESTION = "Who represents Japan?"
GOALS = {"ask_vs_smallest": 1.5, "lookup_p50_ms": 1.0, "path_p50_ms": 10.0, "ask_peak_mib": 200.0}


def _legacy_rate(graph: Any, directory: Path) -> float:
    """Relations per second of the store format before SQLite on a prefix of the same graph."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from fixtures.legacy_memory_store import MemoryStore

    relations = graph.relations[:LEGACY_LIMIT]
    store = MemoryStore.open(directory / "legacy")
    with timer() as t:
        store.upsert(graph.actors, [], graph.articles)
        for start in range(0, len(relations), sizes.STORE_BATCH):
            store.upsert([], relations[start : start + sizes.STORE_BATCH], [])
        store.close()
    shutil.rmtree(directory / "legacy", ignore_errors=True)
    return len(relations) / t["s"]


def _build(n: int, directory: Path) -> dict[str, Any]:
    from benchmarks.synthgraph import synthetic_graph
    from tradegraph.graph.backends.sqlite import SQLiteStore

    graph = synthetic_graph(n, sizes.SEED)
    legacy = _legacy_rate(graph, directory)
    with timer() as ingest, SQLiteStore.open(directory / "store") as store:
        for actors, relations, articles in graph.batches(sizes.STORE_BATCH):
            store.upsert(actors, relations, articles)
    db = directory / "store" / "graph.sqlite"
    return {
        "relations": n,
        "ingest_s": ingest["s"],
        "ingest_rels_per_s": n / ingest["s"],
        "legacy_rels_per_s": legacy,
        "db_mib": db.stat().st_size / 2**20,
        "build_peak_mib": peak_rss_mib(),
    }


def _ask(directory: Path, repeats: int = 5) -> dict[str, Any]:
    """Best wall time and peak RSS of the whole ``tradegraph ask`` process."""
    walls, peaks = [], []
    for _ in range(repeats):
        probe = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], capture_output=True); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
            "p.returncode)"
        )
        cmd = [sys.executable, "-m", "tradegraph", "ask", QUESTION, "--store", str(directory / "store")]
        out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
        wall, peak, code = out.stdout.split()
        if code != "0":
            raise RuntimeError(f"tradegraph ask failed ({code})")
        walls.append(float(wall))
        peaks.append(float(peak))
    return {"ask_s": min(walls), "ask_peak_mib": max(peaks)}


def _lookups(n: int, directory: Path) -> dict[str, Any]:
    from benchmarks.queries import latencies
    from tradegraph.graph.backends.sqlite import SQLiteStore

    with SQLiteStore.open(directory / "store", create=False) as store:
        samples = _samples(store)
        some = samples["persons"][0]
        rows = latencies(store, samples, lambda: store.actor(some), sizes.QUERY_REPEATS)
    by = {r["question"]: r["p50_ms"] for r in rows}
    return {
        "lookup_p50_ms": max(by["who_represents"], by["counterparts"], by["successors"]),
        "path_p50_ms": by["shortest_path"],
        "rows": rows,
    }


def _samples(store: Any) -> dict[str, list[str]]:
    """Ids to ask about, read from the store itself (a benchmark may look inside)."""
    rng = random.Random(sizes.SEED)
    out = {}
    for name, column, kind in (
        ("bodies", "target", "REPRESENTS"),
        ("persons", "source", "NEGOTIATES_WITH"),
        ("chained", "source", "REPLACED_BY"),
    ):
        ids = [
            row[0]
            for row in store._conn.execute(f"SELECT DISTINCT {column} FROM relations WHERE kind = ?", (kind,))
        ]
        out[name] = rng.sample(sorted(ids), min(len(ids), 100))
    return out


def measure(n: int) -> dict[str, Any]:
    directory = Path(tempfile.mkdtemp(prefix=f"tg-bench-embedded-{n}-"))
    try:
        row = run_child("benchmarks.embedded", "--child", "build", str(n), str(directory), timeout=7200)
        row.update(_ask(directory))
        row.update(run_child("benchmarks.embedded", "--child", "lookups", str(n), str(directory)))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    row["ingest_vs_legacy"] = ratio(row["ingest_rels_per_s"], row["legacy_rels_per_s"])
    return row


def run(counts: list[int]) -> dict[str, Any]:
    rows = [measure(n) for n in sorted(counts)]
    smallest, largest = rows[0], rows[-1]
    for r in rows:
        r["ask_vs_smallest"] = ratio(r["ask_s"], smallest["ask_s"])
    keys = (
        "relations",
        "ingest_rels_per_s",
        "legacy_rels_per_s",
        "ingest_vs_legacy",
        "db_mib",
        "ask_s",
        "ask_vs_smallest",
        "ask_peak_mib",
        "lookup_p50_ms",
        "path_p50_ms",
        "build_peak_mib",
    )
    print(
        table(
            "Embedded store (SQLite): times in s or ms, memory in MiB",
            [{k: r[k] for k in keys} for r in rows],
        )
    )
    for r in rows:
        print(table(f"In-process questions, {r['relations']:,} relationships (ms)", r["rows"]))
    at = f" at {largest['relations']:,}"
    goals = [
        goal(
            f"ask process{at} / at {smallest['relations']:,}", largest["ask_vs_smallest"], 1.5, at_most=True
        ),
        goal(f"lookup p50 (ms){at}", largest["lookup_p50_ms"], 1.0, at_most=True),
        goal(f"shortest path p50 (ms){at}", largest["path_p50_ms"], 10.0, at_most=True),
        goal(f"ask peak RSS (MiB){at}", largest["ask_peak_mib"], 200.0, at_most=True),
        goal("ingest rate / store before SQLite", min(r["ingest_vs_legacy"] or 0 for r in rows), 1.0),
    ]
    print(table("Embedded goals", goals))
    return {"rows": rows, "goals": goals}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        step, n, directory = argv[1], int(argv[2]), Path(argv[3])
        out = _build(n, directory) if step == "build" else _lookups(n, directory)
        print(json.dumps(out))
        return 0
    run([int(a) for a in argv] or sizes.SIZES["small"]["embedded_relations"])  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
