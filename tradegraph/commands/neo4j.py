"""``tradegraph neo4j install|start|stop|status``: the managed local Neo4j server."""

from __future__ import annotations

import argparse
import time

ACTIONS = ("install", "start", "stop", "status")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "neo4j",
        help="install, start, stop or check a local Neo4j server (loopback only)",
        description="Manage a Neo4j Community server under $TRADEGRAPH_NEO4J_HOME "
        "(default ~/.tradegraph/neo4j) listening on 127.0.0.1:$TRADEGRAPH_NEO4J_PORT (default 7687). "
        "Its generated password is kept in <home>/password and used automatically.",
    )
    parser.add_argument("action", choices=ACTIONS)
    parser.add_argument(
        "--http",
        action="store_true",
        help="with start: also open the HTTP connector on 127.0.0.1 for Neo4j Browser (log in as neo4j "
        "with the password in <home>/password); port $TRADEGRAPH_NEO4J_HTTP_PORT, default the Bolt "
        "port - 213 (7474 for 7687)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.neo4j_server import managed

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
