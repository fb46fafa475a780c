"""``tradegraph watch SOURCE... [--every 15m]``: follow feeds and directories, ingesting what is new."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from tradegraph.commands.options import add_store_option

DEFAULT_EVERY = "15m"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="follow RSS/Atom feeds and directories, ingesting new or changed articles",
        description="Poll RSS/Atom feed URLs (conditional GET: an unchanged feed is not parsed again) and "
        "directories (only new or changed files are read), and ingest what is new. A source that fails is "
        "retried with a growing delay while the others go on. Ctrl-C stops after the current source.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="feed URLs (http/https) or directories")
    parser.add_argument("--every", default=DEFAULT_EVERY, help="poll interval: 30s, 15m, 2h (default 15m)")
    parser.add_argument("--once", action="store_true", help="poll every source once, then exit")
    parser.add_argument(
        "--state",
        metavar="FILE",
        help="where the seen validators and hashes are kept (default: watch.json in the store directory "
        "(DB.watch.json next to a .db file), "
        "or ~/.tradegraph/watch-HOST-PORT.json for Neo4j)",
    )
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.loaders.watch import Watcher, parse_interval

    every = parse_interval(args.every)
    with open_store(args.store, create=True) as store:
        # `watch .` must not read the store's own files (a directory, or a .db file and its sidecars)
        own = (
            tuple(store.uri + end for end in ("", "-wal", "-shm", "-journal"))
            if "://" not in store.uri
            else ()
        )
        watcher = Watcher(args.sources, _state_file(args.state, store.uri), every, _warn, exclude=own)
        handle = _ingester(store)
        previous = _on_signals(watcher)
        try:
            if args.once:
                watcher.poll_once(handle)
            else:
                print(
                    f"watching {len(watcher.sources)} source(s) every {args.every}; Ctrl-C stops", flush=True
                )
                watcher.run(handle)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
    failing = [s.name for s in watcher.sources if s.failures]
    return 1 if failing and args.once else 0


def _ingester(store: Any) -> Any:
    from tradegraph.graph.errors import StoreError
    from tradegraph.graph.redact import redact
    from tradegraph.ingest import ingest_articles

    def handle(source: Any, items: list[Any]) -> None:
        report = ingest_articles(items, store)
        name = redact(source.name)  # a feed URL may carry user:password@
        print(
            f"{name}: {report.loaded} new or changed, {report.skipped} unchanged, {report.failed} failed",
            flush=True,
        )
        for failure in report.errors:
            print(f"  {redact(str(failure))}", file=sys.stderr)
        unwritten = [f for f in report.errors if f.code.startswith("TG3")]
        if unwritten:  # the store refused (full, read-only): keep the source's old state, so all is retried
            raise StoreError(
                f"{len(unwritten)} article(s) could not be written ({unwritten[0].message})",
                code=unwritten[0].code,
            )
        for article_id in source.retired:  # after the new version is in: a crash leaves both, never neither
            store.forget_article(article_id)
        if source.retired:
            print(
                f"{name}: {len(source.retired)} earlier version(s) of changed files forgotten",
                flush=True,
            )

    return handle


def _warn(message: str) -> None:
    print(f"tradegraph watch: {message}", file=sys.stderr, flush=True)


def _state_file(option: str | None, store_uri: str) -> Path:
    if option:
        return Path(option)
    from urllib.parse import urlsplit

    from tradegraph.graph.registry import scheme_of

    if scheme_of(store_uri) not in (None, "sqlite", "file"):
        parts = urlsplit(store_uri)
        return Path("~/.tradegraph").expanduser() / f"watch-{parts.hostname}-{parts.port or 7687}.json"
    where = Path(store_uri)
    return where.with_name(where.name + ".watch.json") if where.is_file() else where / "watch.json"


def _on_signals(watcher: Any) -> dict[int, Any]:
    """The first SIGINT/SIGTERM stops after the current source; a second one interrupts at once."""

    def stop(signum: int, frame: FrameType | None) -> None:
        if watcher.stop.is_set():
            raise KeyboardInterrupt
        watcher.stop.set()
        _warn("stopping after the current source (again to interrupt now)")

    return {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
