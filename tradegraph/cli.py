"""The ``tradegraph`` command: a thin frame over the library.

Each command lives in ``tradegraph/commands/<name>.py`` with ``register(subparsers)``; it sets
``func(args) -> int`` on its parser. Only here are errors turned into messages and exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tradegraph.graph.errors import TradegraphError

COMMANDS = (
    "ingest",
    "extract",
    "evaluate",
    "train",
    "stats",
    "actors",
    "ask",
    "query",
    "cypher",
    "viz",
    "export",
    "neo4j",
    "demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradegraph",
        description="Turn news about trade diplomacy into a knowledge graph and ask it questions.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"tradegraph.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"tradegraph.commands.{name}":
                raise
            continue  # a command not written yet
        module.register(sub)
    return parser


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """The ``--store`` option every command that reads or writes the graph shares."""
    parser.add_argument(
        "--store",
        metavar="PATH|URI",
        help="a directory for the embedded store (default $TRADEGRAPH_STORE or ./tradegraph-data), "
        "or a Neo4j URI such as bolt://127.0.0.1:7687",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except TradegraphError as err:
        if args.debug:
            raise
        print(f"tradegraph: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tradegraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
