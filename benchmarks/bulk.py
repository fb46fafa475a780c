"""Bulk load into an empty managed Neo4j (CSVs + ``neo4j-admin database import``) against transactional upserts.

Both load the same synthetic graph (``synthgraph``: N relationships as model objects, no NLP).
The transactional baseline is the store's batched ``upsert`` on a prefix of the relationships
(its rate is what is compared); the bulk load writes every relationship. The server is stopped
for the import and started again: those two steps are reported apart, since they cost the same
whatever the size.

    python -m benchmarks.bulk [N_RELATIONSHIPS]   # needs the managed server (it is restarted)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, ratio, table, timer

DEFAULT_RELATIONS = 1_000_000
TRANSACTIONAL_PREFIX = 200_000


def transactional_rate(store: Any, graph: Any, limit: int) -> float:
    store.clear()
    step = sizes.STORE_BATCH  # 1M relationships come with 100k actors: too many for one transaction
    for start in range(0, max(len(graph.actors), len(graph.articles)), step):
        store.upsert(actors=graph.actors[start : start + step], articles=graph.articles[start : start + step])
    rows = graph.relations[:limit]
    with timer() as t:
        for start in range(0, len(rows), sizes.STORE_BATCH):
            store.upsert(relations=rows[start : start + sizes.STORE_BATCH])
    return len(rows) / t["s"]


def run(n: int = DEFAULT_RELATIONS) -> dict[str, Any]:
    from benchmarks.neo4j_ingest import connect
    from benchmarks.synthgraph import synthetic_graph
    from tradegraph.neo4j_server import bulk, bulk_csv

    load_before = os.getloadavg()[0]
    with timer() as t:
        graph = synthetic_graph(n, sizes.SEED)
    print(f"  synthetic graph of {n:,} relationships in {t['s']:.1f} s", flush=True)
    store = connect()
    try:
        transactional = transactional_rate(store, graph, min(n, TRANSACTIONAL_PREFIX))
        store.clear()
    finally:
        store.close()
    work = Path(tempfile.mkdtemp(prefix="tg-bench-bulk-"))
    try:
        with timer() as csv_t:
            mentions = bulk_csv.unattributed_mentions(graph.actors)  # as the baseline's upserts write
            files = bulk_csv.write_csvs(graph.actors, graph.relations, graph.articles, work, mentions)
        times = bulk.import_into_managed(files)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    store = connect()
    try:
        counts = store.counts()
        store.clear()
    finally:
        store.close()
    bulk_s = csv_t["s"] + times.import_s
    restart_s = times.stop_s + times.start_s + times.schema_s
    row = {
        "relations": n,
        "transactional_rels_per_s": round(transactional),
        "csv_s": round(csv_t["s"], 1),
        "import_s": round(times.import_s, 1),
        "bulk_rels_per_s": round(n / bulk_s),
        "stop_start_indexes_s": round(restart_s, 1),
        "bulk_with_restart_rels_per_s": round(n / (bulk_s + restart_s)),
        "relations_after": counts["relations"],
        "actors_after": counts["actors"],
    }
    print(table("Bulk load (CSV + neo4j-admin import) vs transactional upserts, same graph", [row]))
    goals = [
        goal("bulk / transactional rate (CSV + import)", ratio(row["bulk_rels_per_s"], transactional), 5),
        goal(
            "bulk incl. stop/start / transactional",
            ratio(row["bulk_with_restart_rels_per_s"], transactional),
            5,
        ),
        goal("every relationship imported", 1.0 if counts["relations"] == n else 0.0, 1),
    ]
    print(table("Bulk load goals", goals))
    print(
        f"  restart: stop {times.stop_s:.1f} s, start {times.start_s:.1f} s, "
        f"empty lists + constraints + indexes {times.schema_s:.1f} s"
    )
    print("  importer: " + "; ".join(times.report.splitlines()))
    print(f"  load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after (1 min)")
    return {"row": row, "goals": goals}


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RELATIONS)
