"""``tradegraph ingest PATH...``: load articles, extract the graph, write it to the store."""

from __future__ import annotations

import argparse
import json
import sys

from tradegraph.cli import add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read articles (text, Markdown, HTML, RSS/Atom, JSON lines) into the graph",
        description="Read articles from files, directories or globs, extract actors and relations, and "
        "write them to the store. Articles already stored with the same text are skipped.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files, directories or glob patterns"
    )
    add_store_option(parser)
    parser.add_argument(
        "--progress", action="store_true", help="show a progress bar (default: when stderr is a terminal)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_pool_options(parser)
    parser.set_defaults(func=run)


def add_pool_options(parser: argparse.ArgumentParser) -> None:
    """``--workers N`` / ``--scheduler ADDRESS``: extract on Dask workers (shared by other commands)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="extract on N local worker processes (Dask); resolution and writes stay in this process",
    )
    where.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="extract on the workers of a running Dask scheduler (they need tradegraph installed)",
    )


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.ingest import ingest
    from tradegraph.loaders.parallel import open_pool

    pool = open_pool(args.workers, args.scheduler)
    try:
        with open_store(args.store, create=True) as store:
            report = ingest(args.paths, store, progress=args.progress or sys.stderr.isatty(), pool=pool)
    finally:
        pool.close()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        replaced = f" ({report.replaced} changed)" if report.replaced else ""
        print(f"loaded {report.loaded}{replaced}, skipped {report.skipped} unchanged, failed {report.failed}")
        print(
            f"wrote {report.actors_written} actors, {report.relations_written} relations, "
            f"{report.evidence_written} evidence"
        )
        for failure in report.errors:
            print(failure, file=sys.stderr)
        for origin in report.undated:
            print(f"{origin}: note: no publication date; relative dates left unresolved", file=sys.stderr)
    return 0 if report.ok else 1
