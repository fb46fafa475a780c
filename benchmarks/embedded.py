"""Embedded store at scale: ingest, save (close -> snapshot), load, and peak memory.

Each size runs in two fresh processes (build, then load) so that peak RSS belongs to one step.
Baselines in the same processes: for save, ``json.dump`` of the same dicts to a file, fsynced;
for load, ``json.load`` of the snapshot alone and that plus building the model objects (what any
loader must do); for memory, the RSS of the bare model objects.

    python -m benchmarks.embedded 10000 100000
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, peak_rss_mib, ratio, rss_mib, run_child, table, timer

GOAL_PEAK_MIB_AT_1M = 2048


def _build(n: int, directory: Path) -> dict[str, Any]:
    from benchmarks.synthgraph import synthetic_graph
    from tradegraph.graph import serialize
    from tradegraph.graph.backends.memory import MemoryStore

    base = rss_mib()
    with timer() as gen:
        graph = synthetic_graph(n, sizes.SEED)
    objects_mib = rss_mib() - base
    with timer() as dump:
        data = {
            "actors": [serialize.actor_to_dict(a) for a in graph.actors],
            "relations": [serialize.relation_to_dict(r) for r in graph.relations],
            "articles": [serialize.article_to_dict(a) for a in graph.articles],
        }
        with open(directory / "baseline.json", "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
    del data
    gc.collect()
    store = MemoryStore.open(directory / "store")
    with timer() as ingest:
        for actors, relations, articles in graph.batches(sizes.STORE_BATCH):
            store.upsert(actors, relations, articles)
    with timer() as save:
        store.close()
    snapshot = directory / "store" / "snapshot.json"
    return {
        "relations": n,
        "generate_s": gen["s"],
        "objects_mib": objects_mib,
        "ingest_s": ingest["s"],
        "save_s": save["s"],
        "baseline_dump_s": dump["s"],
        "snapshot_mib": snapshot.stat().st_size / 2**20,
        "build_peak_mib": peak_rss_mib(),
    }


def _load(n: int, directory: Path) -> dict[str, Any]:
    from tradegraph.graph import serialize
    from tradegraph.graph.backends.memory import MemoryStore

    base = rss_mib()
    with timer() as load:
        store = MemoryStore.open(directory / "store")
    loaded_mib, peak = rss_mib() - base, peak_rss_mib()
    count = store.graph.number_of_edges()
    store.close()
    del store
    gc.collect()
    snapshot = directory / "store" / "snapshot.json"
    with timer() as parse:
        data = json.loads(snapshot.read_text(encoding="utf-8"))
    with timer() as objects:
        [serialize.actor_from_dict(a) for a in data["actors"]]
        [serialize.relation_from_dict(r) for r in data["relations"]]
        [serialize.article_from_dict(a) for a in data["articles"]]
    return {
        "load_s": load["s"],
        "loaded_mib": loaded_mib,
        "load_peak_mib": peak,
        "edges": count,
        "baseline_parse_s": parse["s"],
        "baseline_objects_s": parse["s"] + objects["s"],
    }


def measure(n: int) -> dict[str, Any]:
    """Build then load ``n`` relations, each in its own process; the merged figures."""
    directory = Path(tempfile.mkdtemp(prefix=f"tg-bench-embedded-{n}-"))
    try:
        built = run_child("benchmarks.embedded", "--child", "build", str(n), str(directory))
        loaded = run_child("benchmarks.embedded", "--child", "load", str(n), str(directory))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    row = {**built, **loaded}
    row["save_vs_dump"] = ratio(row["save_s"], row["baseline_dump_s"])
    row["load_vs_parse+objects"] = ratio(row["load_s"], row["baseline_objects_s"])
    row["loaded_vs_objects_mem"] = ratio(row["loaded_mib"], row["objects_mib"])
    return row


def _growth(rows: list[dict[str, Any]], key: str) -> str:
    """How ``key`` grows between the smallest and largest size: the exponent k in cost ~ n^k."""
    import math

    a, b = rows[0], rows[-1]
    if len(rows) < 2 or not a[key] or not b[key]:
        return "-"
    return f"n^{math.log(b[key] / a[key]) / math.log(b['relations'] / a['relations']):.2f}"


def run(counts: list[int]) -> dict[str, Any]:
    rows = [measure(n) for n in counts]
    shown = [
        {
            k: r[k]
            for k in (
                "relations",
                "ingest_s",
                "save_s",
                "baseline_dump_s",
                "save_vs_dump",
                "load_s",
                "baseline_objects_s",
                "load_vs_parse+objects",
                "snapshot_mib",
                "objects_mib",
                "loaded_mib",
                "loaded_vs_objects_mem",
                "load_peak_mib",
                "build_peak_mib",
            )
        }
        for r in rows
    ]
    growth = {k: _growth(rows, k) for k in ("ingest_s", "save_s", "load_s", "load_peak_mib", "loaded_mib")}
    print(table("Embedded store (MemoryStore): times in s, memory in MiB", shown))
    print("  growth from smallest to largest size: " + ", ".join(f"{k} ~ {v}" for k, v in growth.items()))
    largest = rows[-1]
    per_million = largest["load_peak_mib"] * 1_000_000 / largest["relations"]
    goals = [
        goal(
            "embedded peak RSS at 1M relationships (MiB"
            + (
                ""
                if largest["relations"] >= 1_000_000
                else f", extrapolated linearly from {largest['relations']:,}"
            )
            + ")",
            round(per_million, 1),
            GOAL_PEAK_MIB_AT_1M,
            at_most=True,
        )
    ]
    print(table("Embedded goals", goals))
    return {"rows": rows, "growth": growth, "goals": goals}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        step, n, directory = argv[1], int(argv[2]), Path(argv[3])
        print(json.dumps((_build if step == "build" else _load)(n, directory)))
        return 0
    run([int(a) for a in argv] or sizes.SIZES["small"]["embedded_relations"])  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
