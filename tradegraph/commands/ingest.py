"""``tradegraph ingest PATH...``: load articles, extract the graph, write it to the store."""

from __future__ import annotations

import argparse
import json
import sys

from tradegraph.commands.options import add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read articles (text, Markdown, HTML, RSS/Atom, JSON lines) into the graph",
        description="Read articles from files, directories or globs, extract actors and relations, and "
        "write them to the store. Articles already stored with the same text are skipped.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files, directories or glob patterns; - reads stdin"
    )
    add_store_option(parser)
    parser.add_argument(
        "--progress",
        action="store_true",
        help="report progress even when stderr is not a terminal (a bar on a terminal; --quiet: none)",
    )
    parser.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        metavar="X",
        help="store only evidence read with at least this confidence (0 to 1; default 0)",
    )
    parser.add_argument(
        "--actors",
        metavar="FILE.yaml|csv",
        help="an actor dictionary (names, aliases, kind, country, dated roles) to resolve and place persons",
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


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
    return value


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.ingest import ingest
    from tradegraph.loaders.actors import load_actor_dictionary
    from tradegraph.loaders.parallel import open_pool
    from tradegraph.streams import stdin_paths

    dictionary = load_actor_dictionary(args.actors) if args.actors else None
    progress = not args.quiet and (args.progress or sys.stderr.isatty())
    pool = open_pool(args.workers, args.scheduler)
    try:
        with stdin_paths(args.paths) as paths, open_store(args.store, create=True) as store:
            report = ingest(
                paths,
                store,
                progress=progress,
                pool=pool,
                min_confidence=args.min_confidence,
                actors=dictionary,
            )
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
    for failure in report.errors:  # also with --json: stdout stays pure JSON, stderr says what failed
        print(failure, file=sys.stderr)
    for origin in report.undated:
        print(f"{origin}: note: no publication date; relative dates left unresolved", file=sys.stderr)
    if report.conflicts:
        listing = "\n  ".join(report.conflicts)
        print(
            f"tradegraph: warning: the text disagrees with the actor dictionary:\n  {listing}",
            file=sys.stderr,
        )
    return 0 if report.ok else 1
