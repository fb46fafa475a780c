"""Run the benchmarks and write their numbers as JSON under ``benchmarks/results/``.

    python -m benchmarks.run [--size small|medium|large] [--only extraction,neo4j,queries,embedded,e2e,parallel,bulk]
                             [--json OUT] [--no-neo4j]

Neo4j: ``$TRADEGRAPH_BENCH_NEO4J_URI``, else the managed server (``tradegraph neo4j start``).
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import sizes

AREAS = ("embedded", "extraction", "neo4j", "queries", "e2e", "parallel", "bulk")
RESULTS = Path(__file__).resolve().parent / "results"


def _areas(size: dict[str, Any], neo4j: bool) -> dict[str, Callable[[], dict[str, Any]]]:
    from benchmarks import bulk, e2e, embedded, extraction, neo4j_ingest, parallel, queries

    return {
        "embedded": lambda: embedded.run(size["embedded_relations"]),
        "extraction": lambda: extraction.run(size["extraction_articles"]),
        "neo4j": lambda: neo4j_ingest.run(size["neo4j_relations"]),
        "queries": lambda: queries.run(size["query_relations"], with_neo4j=neo4j),
        "e2e": lambda: e2e.run(size["e2e_articles"], with_neo4j=neo4j),
        "parallel": lambda: parallel.run(size["parallel_articles"]),
        "bulk": lambda: bulk.run(size["bulk_relations"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(sizes.SIZES), default="small")
    parser.add_argument("--only", default=",".join(AREAS), help="comma-separated: " + ",".join(AREAS))
    parser.add_argument("--json", type=Path, help="where to write the results (default: benchmarks/results/)")
    parser.add_argument("--no-neo4j", action="store_true", help="skip every Neo4j measurement")
    args = parser.parse_args(argv)
    # The server warns that an optional property (valid_to) is absent on every shortest-path query.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    chosen = [a.strip() for a in args.only.split(",") if a.strip()]
    unknown = set(chosen) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s) {', '.join(sorted(unknown))}; choose from {', '.join(AREAS)}")
    if args.no_neo4j:
        chosen = [a for a in chosen if a not in ("neo4j", "bulk")]
    runners = _areas(sizes.SIZES[args.size], neo4j=not args.no_neo4j)
    results: dict[str, Any] = {
        "size": args.size,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    failed = False
    for area in chosen:
        print(f"\n=== {area} ({args.size}) ===", flush=True)
        start = time.perf_counter()
        try:
            results[area] = runners[area]()
        except Exception as err:  # one missing piece (no server, no extractor) must not hide the others
            failed = True
            results[area] = {"error": f"{type(err).__name__}: {err}", "traceback": traceback.format_exc()}
            print(f"  {area} failed: {type(err).__name__}: {str(err)[:500]}", file=sys.stderr)
        results[area + "_wall_s"] = round(time.perf_counter() - start, 1)
    out = args.json or RESULTS / f"bench-{args.size}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(f"\nresults written to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
