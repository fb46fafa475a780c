"""``tradegraph neo4j install|start|stop|status|import``: the managed local Neo4j server."""

from __future__ import annotations

import argparse
import time

ACTIONS = ("install", "start", "stop", "status", "import")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "neo4j",
        help="install, start, stop or check a local Neo4j server (loopback only)",
        description="Manage a Neo4j Community server under $TRADEGRAPH_NEO4J_HOME "
        "(default ~/.tradegraph/neo4j) listening on 127.0.0.1:$TRADEGRAPH_NEO4J_PORT (default 7687). "
        "Its generated password is kept in <home>/password and used automatically.",
    )
    parser.add_argument("action", choices=ACTIONS)
    _add_import_options(parser)
    parser.add_argument(
        "--http",
        action="store_true",
        help="with start: also open the HTTP connector on 127.0.0.1 for Neo4j Browser (log in as neo4j "
        "with the password in <home>/password); port $TRADEGRAPH_NEO4J_HTTP_PORT, default the Bolt "
        "port - 213 (7474 for 7687)",
    )
    parser.set_defaults(func=run)


def _add_import_options(parser: argparse.ArgumentParser) -> None:
    """``neo4j import PATH...``: bulk load of an empty database with neo4j-admin."""
    from tradegraph.commands.ingest import add_pool_options

    group = parser.add_argument_group("import (bulk load of an empty database with neo4j-admin)")
    group.add_argument("paths", nargs="*", metavar="PATH", help="import: article files, directories or globs")
    group.add_argument(
        "--csv-dir", metavar="DIR", help="import: where to write the CSVs (default: a new temp dir)"
    )
    group.add_argument(
        "--print-command",
        action="store_true",
        help="import: only write the CSVs and print the neo4j-admin command, for your own server",
    )
    group.add_argument(
        "--overwrite", action="store_true", help="import: replace a managed database that holds data"
    )
    add_pool_options(parser)


def run(args: argparse.Namespace) -> int:
    from tradegraph.neo4j_server import managed

    if args.action == "import":
        return _import(args)
    if args.paths:
        from tradegraph.graph.errors import InputError

        raise InputError(
            f"`tradegraph neo4j {args.action}` takes no paths (only `import` does)", code="TG188"
        )
    began = time.monotonic()
    if args.action in ("install", "start") and not managed.installed_version():
        print("fetching Neo4j with Maven (the first time downloads about 200 MB: minutes)...", flush=True)
    if args.action == "install":
        home = managed.install()
        print(
            f"Neo4j {managed.installed_version(home)} installed in {home} ({time.monotonic() - began:.1f} s)"
        )
    elif args.action == "start":
        state = managed.start(http=args.http)
        print(f"{state.describe()} (ready after {time.monotonic() - began:.1f} s)")
        if args.http and not state.browser:
            print("the server was already running without HTTP: run 'tradegraph neo4j stop' first")
            return 1
    elif args.action == "stop":
        print("Neo4j stopped" if managed.stop() else "Neo4j was not running")
    else:
        state = managed.status()
        version = managed.server_version(state.uri) if state.running else None
        print(state.describe() + (f"; server says {version}" if version else ""))
        return 0 if state.running else 3
    return 0


def _import(args: argparse.Namespace) -> int:
    import sys
    import tempfile
    from pathlib import Path

    from tradegraph import bulk
    from tradegraph.graph.errors import InputError
    from tradegraph.loaders.parallel import open_pool

    if not args.paths:
        raise InputError("`tradegraph neo4j import` needs article paths to load", code="TG188")
    directory = Path(args.csv_dir or tempfile.mkdtemp(prefix="tradegraph-import-"))
    began = time.monotonic()
    pool = open_pool(args.workers, args.scheduler)
    try:
        files, report = bulk.stage(args.paths, directory, pool)
    finally:
        pool.close()
    for failure in report.errors:
        print(failure, file=sys.stderr)
    counts = ", ".join(f"{n} {what}" for what, n in files.counts.items())
    print(f"wrote {counts} to {directory} ({time.monotonic() - began:.1f} s)")
    if args.print_command:
        print("stop your server, then run (database empty or to be replaced):")
        print("  " + bulk.printable_command(files))
        print("then start it and run in cypher-shell (empty lists, which the importer leaves out):")
        print(bulk.printable_finish())
        print("tradegraph's first connection creates the constraints and indexes")
        return 0 if report.ok else 1
    times = bulk.import_into_managed(files, allow_nonempty=args.overwrite)
    print(
        f"imported into the managed Neo4j in {times.import_s:.1f} s "
        f"(stop {times.stop_s:.1f} s, start {times.start_s:.1f} s, indexes {times.schema_s:.1f} s)"
    )
    return 0 if report.ok else 1
