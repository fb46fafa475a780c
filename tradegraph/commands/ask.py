"""``tradegraph ask "QUESTION"``: answer a plain-language question from the graph, with evidence."""

from __future__ import annotations

import argparse
import json
from datetime import date

from tradegraph.commands.options import add_limit_options, add_store_option
from tradegraph.graph.errors import InputError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tradegraph.queries.catalogue import ask_help

    parser = subparsers.add_parser(
        "ask",
        help="answer a question such as 'Who represents Japan?'",
        description=f"Answer a plain-language question from the graph. It understands:\n{ask_help()}\n"
        "A date in the question ('on 1 March 2025', 'before May 2025', 'between June and July 2025') "
        "asks about that time.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("question", help="the question, in quotes")
    add_store_option(parser)
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=parse_day,
        help="answer as of this day: what held then and was reported by then (a date in the question wins)",
    )
    add_limit_options(parser)
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.set_defaults(func=run)


def parse_day(value: str) -> date:
    """``--as-of`` as a date; a bad one is TG161."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise InputError(f"--as-of {value!r} is not a date; write YYYY-MM-DD", code="TG161") from err


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.queries.questions import ask
    from tradegraph.queries.replies import render

    with open_store(args.store) as store:
        reply = ask(store, args.question, as_of=args.as_of, limit=args.limit)
    print(json.dumps(reply.to_json(), indent=2, ensure_ascii=False) if args.json else render(reply))
    return 0
