"""``tradegraph query NAME ARGS…``: run one catalogue query (names or ids as arguments)."""

from __future__ import annotations

import argparse
import json

from tradegraph.commands.ask import parse_day
from tradegraph.commands.options import add_limit_options, add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tradegraph.queries.catalogue import BY_CLI, help_text

    parser = subparsers.add_parser(
        "query",
        help="run a named query (representatives, successors, path, ...)",
        description="Run a named query. Actors are given by id or name ('the US', 'Akazawa').\n\n"
        + help_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=list(BY_CLI), metavar="NAME", help="one of: " + ", ".join(BY_CLI))
    parser.add_argument("args", nargs="*", metavar="ARG", help="actor ids or names")
    add_store_option(parser)
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", type=parse_day, help="as of this day")
    parser.add_argument("--role", help="representatives: only holders of this office ('trade minister')")
    parser.add_argument(
        "--level",
        choices=("actor", "state"),
        default=None,
        help="counterparts: lift persons to states, or not (default: state for states, actor for persons)",
    )
    parser.add_argument("--depth", type=_count, default=1, help="neighbourhood depth (default 1)")
    parser.add_argument("--top", type=_count, default=10, help="brokers: how many (default 10)")
    add_limit_options(parser)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.queries.catalogue import kind, run
    from tradegraph.queries.replies import render

    entry = kind(args.name)
    with open_store(args.store) as store:
        reply = run(
            entry,
            store,
            args.args,
            as_of=args.as_of,
            role=args.role,
            level=args.level,
            depth=args.depth,
            limit=args.limit,
            top=args.top,
            chain=True,
        )
    print(json.dumps(reply.to_json(), indent=2, ensure_ascii=False) if args.json else render(reply))
    return 0
