"""Neo4j ingest: the store's batched ``UNWIND`` upserts against one MERGE per row and ``LOAD CSV``.

All three write the same relationships with the store's own MERGE statement
(``neo4j_cypher.write_relations``) onto the same actors; only the transaction shape differs:
many rows per upsert call (swept), one row per transaction (run on a prefix: the rate is
compared), and the server reading a CSV from its import directory ``CALL {...} IN TRANSACTIONS``.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, ratio, table, timer

SEP = "\u241f"  # joins evidence lists inside one CSV field
BATCH_SWEEP = [1_000, 5_000, 20_000]  # relations per upsert call (= per transaction)
STATEMENT_SWEEP = [1_000, 5_000]  # rows per UNWIND statement inside it (the store's WRITE_BATCH)
CSV_TX_ROWS = 10_000


def bench_uri() -> str:
    from tradegraph.neo4j_server.managed import default_uri

    return os.environ.get("TRADEGRAPH_BENCH_NEO4J_URI") or default_uri()


def import_dir() -> Path:
    from tradegraph.neo4j_server import settings

    return Path(os.environ.get("TRADEGRAPH_BENCH_NEO4J_IMPORT") or settings.home() / "import")


def connect() -> Any:
    """The Neo4j store at ``bench_uri()``, or an explanation of why there is none."""
    from tradegraph.neo4j_server.connect import open_neo4j

    return open_neo4j(bench_uri())


def _reset(store: Any, graph: Any) -> None:
    store.clear()
    store.upsert(actors=graph.actors, articles=graph.articles)


def batched(store: Any, graph: Any, batch: int) -> float:
    _reset(store, graph)
    with timer() as t:
        for start in range(0, len(graph.relations), batch):
            store.upsert(relations=graph.relations[start : start + batch])
    return len(graph.relations) / t["s"]


def per_row(store: Any, graph: Any, limit: int) -> float:
    from tradegraph.graph.backends import neo4j_cypher as cy
    from tradegraph.graph.backends.neo4j import _relation_row

    _reset(store, graph)
    rows = graph.relations[:limit]
    with timer() as t:
        for rel in rows:
            store.driver.execute_query(
                cy.write_relations(rel.kind), rows=[_relation_row(rel)], database_=store.database
            )
    return len(rows) / t["s"]


def _csv_statement(kind: Any) -> str:
    from tradegraph.graph.backends import neo4j_cypher as cy

    body = cy.write_relations(kind).split("UNWIND $rows AS row", 1)[1].replace(cy.WRITTEN, "")
    return f"""
LOAD CSV WITH HEADERS FROM $url AS csv
CALL (csv) {{
  WITH {{source: csv.source, target: csv.target, role: nullif(csv.role, ''),
        valid_from: nullif(csv.valid_from, ''), valid_to: nullif(csv.valid_to, ''),
        ids: split(csv.ids, $sep), sentences: split(csv.sentences, $sep), urls: split(csv.urls, $sep),
        dates: split(csv.dates, $sep), confidences: [c IN split(csv.confidences, $sep) | toFloat(c)]}} AS row
  {body}
}} IN TRANSACTIONS OF {CSV_TX_ROWS} ROWS
"""


def _write_csv(path: Path, relations: list[Any]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(
            [
                "source",
                "target",
                "role",
                "valid_from",
                "valid_to",
                "ids",
                "sentences",
                "urls",
                "dates",
                "confidences",
            ]
        )
        for r in relations:
            ev = r.evidence
            out.writerow(
                [
                    r.source,
                    r.target,
                    r.role or "",
                    r.valid_from or "",
                    r.valid_to or "",
                    SEP.join(e.article_id for e in ev),
                    SEP.join(e.sentence for e in ev),
                    SEP.join(e.url or "" for e in ev),
                    SEP.join(e.date.isoformat() if e.date else "" for e in ev),
                    SEP.join(str(e.confidence) for e in ev),
                ]
            )


def load_csv(store: Any, graph: Any) -> float:
    """Relationships per second for the server-side load (CSV writing not counted)."""
    folder = import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    by_kind: dict[Any, list[Any]] = {}
    for rel in graph.relations:
        by_kind.setdefault(rel.kind, []).append(rel)
    for kind, rels in by_kind.items():
        _write_csv(folder / f"tg-bench-{kind.value}.csv", rels)
    _reset(store, graph)
    try:
        with timer() as t, store.driver.session(database=store.database) as session:
            for kind in by_kind:
                session.run(_csv_statement(kind), url=f"file:///tg-bench-{kind.value}.csv", sep=SEP).consume()
    finally:
        for kind in by_kind:
            (folder / f"tg-bench-{kind.value}.csv").unlink(missing_ok=True)
    return len(graph.relations) / t["s"]


def round_trip_ms(store: Any, repeats: int = 200) -> float:
    """p50 of a bare ``RETURN 1`` through the store: the floor under every transaction."""
    import time

    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        store.run_read("RETURN 1 AS one")
        runs.append(time.perf_counter() - t)
    return round(sorted(runs)[len(runs) // 2] * 1000, 3)


def run(counts: list[int]) -> dict[str, Any]:
    from benchmarks.synthgraph import synthetic_graph
    from tradegraph.graph.backends import neo4j as backend

    store = connect()
    rows, sweep = [], []
    try:
        for n in counts:
            graph = synthetic_graph(n, sizes.SEED)
            if n == counts[0]:
                # A fresh server's JIT compiles for its first minute: the first pass would
                # measure the compiler, not the store.
                batched(store, graph, sizes.STORE_BATCH)
                per_row(store, graph, 500)
                default = backend.WRITE_BATCH
                try:
                    for stmt in STATEMENT_SWEEP:
                        backend.WRITE_BATCH = stmt
                        for b in BATCH_SWEEP:
                            sweep.append(
                                {
                                    "relations": n,
                                    "upsert_batch": b,
                                    "statement_rows": stmt,
                                    "rels_per_s": round(batched(store, graph, b)),
                                }
                            )
                finally:
                    backend.WRITE_BATCH = default
                print(
                    table("Neo4j store: relations per upsert call (one transaction) x rows per UNWIND", sweep)
                )
            fast = batched(store, graph, sizes.STORE_BATCH)
            slow = per_row(store, graph, sizes.PER_ROW_LIMIT)
            try:
                server: float | None = load_csv(store, graph)
                csv_note = ""
            except Exception as err:  # the server may lack an import directory: report, do not stop
                server, csv_note = None, f"{type(err).__name__}: {str(err)[:200]}"
            rows.append(
                {
                    "relations": n,
                    "return1_ms": round_trip_ms(store),
                    "batched_rels_per_s": round(fast),
                    "per_row_rels_per_s": round(slow),
                    "load_csv_rels_per_s": round(server) if server else None,
                    "batched_vs_per_row": ratio(fast, slow),
                    "load_csv_vs_batched": ratio(server, fast) if server else None,
                    "note": csv_note,
                }
            )
            print(
                table(
                    f"Neo4j ingest (batch {sizes.STORE_BATCH}; per-row on the first "
                    f"{min(n, sizes.PER_ROW_LIMIT):,} rows)",
                    rows[-1:],
                )
            )
        store.clear()
    finally:
        store.close()
    last = rows[-1]
    goals = [
        goal("batched vs one MERGE per row (x)", last["batched_vs_per_row"], 20),
        goal("LOAD CSV / batched (x, want <= 1.5)", last["load_csv_vs_batched"], 1.5, at_most=True),
        goal("batched relationships/s", last["batched_rels_per_s"], 50_000),
    ]
    print(table("Neo4j ingest goals", goals))
    return {"rows": rows, "batch_sweep": sweep, "goals": goals}
