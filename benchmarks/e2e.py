"""End to end: ``tradegraph ingest`` of N synthetic articles into each store, wall time and peak RSS.

The CLI runs as a child of a small wrapper process, whose ``RUSAGE_CHILDREN`` gives the CLI's
peak memory. The baseline, in the same wrapper: bare spaCy ``nlp.pipe`` over the first articles,
so the ratio says how much ingest costs per article beyond parsing.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, ratio, run_child, table

BASELINE_ARTICLES = 100


def _tradegraph() -> str:
    exe = Path(sys.executable).with_name("tradegraph")
    return str(exe) if exe.exists() else "tradegraph"


def _child(corpus: Path, store: str) -> dict[str, Any]:
    from tradegraph.loaders.nlp import load_nlp

    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    nlp = load_nlp()
    head = texts[:BASELINE_ARTICLES]
    start = time.perf_counter()
    for _ in nlp.pipe(head, batch_size=16):
        pass
    bare = (time.perf_counter() - start) / len(head)
    start = time.perf_counter()
    done = subprocess.run(
        [_tradegraph(), "ingest", str(corpus), "--store", store, "--json"], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"tradegraph ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_article = wall / len(texts)
    return {
        "articles": len(texts),
        "wall_s": round(wall, 1),
        "articles_per_min": round(60 / per_article),
        "peak_rss_mib": round(peak),
        "bare_parse_s_per_article": round(bare, 3),
        "ingest_vs_bare_parse": round(per_article / bare, 2),
        "loaded": report.get("loaded"),
        "relations_written": report.get("relations_written"),
        "failed": report.get("failed"),
    }


def run(n: int, with_neo4j: bool = True) -> dict[str, Any]:
    from benchmarks.corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix="tg-bench-e2e-"))
    rows = []
    try:
        corpus = write_corpus(n, work / "corpus", sizes.SEED, gold=False)
        stores = [("embedded", str(work / "store"))]
        if with_neo4j:
            from benchmarks.neo4j_ingest import bench_uri, connect

            try:
                connect().clear()
                stores.append(("neo4j", bench_uri()))
            except Exception as err:
                print(f"  e2e on Neo4j skipped: {type(err).__name__}: {str(err)[:200]}")
        for name, spec in stores:
            rows.append({"store": name, **run_child("benchmarks.e2e", "--child", str(corpus), spec)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(f"End to end: tradegraph ingest of {n} synthetic articles", rows))
    by = {r["store"]: r for r in rows}
    out: dict[str, Any] = {"rows": rows}
    if "neo4j" in by:
        # Parsing costs both stores the same; what differs is the store's share per article.
        out["neo4j_vs_embedded_rate"] = ratio(
            by["neo4j"]["articles_per_min"], by["embedded"]["articles_per_min"]
        )
        goals = [goal("Neo4j e2e rate / embedded rate", out["neo4j_vs_embedded_rate"], 0.8)]
        print(table("End to end goals", goals))
        out["goals"] = goals
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(Path(sys.argv[2]), sys.argv[3])))
    else:
        run(int(sys.argv[1]) if len(sys.argv) > 1 else int(sizes.SIZES["small"]["e2e_articles"]))  # type: ignore[call-overload]
