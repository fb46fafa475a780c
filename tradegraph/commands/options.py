"""Options several commands share (``--store``), declared once."""

from __future__ import annotations

import argparse


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """The ``--store`` option every command that reads or writes the graph shares."""
    parser.add_argument(
        "--store",
        metavar="PATH|URI",
        help="a directory for the embedded store (default $TRADEGRAPH_STORE or ./tradegraph-data), "
        "or a Neo4j URI such as bolt://127.0.0.1:7687",
    )


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """``--limit N`` / ``--all``: how much a bounded answer shows; without either, each question's own bound."""
    from tradegraph.graph.protocol import SHOWN_LIMIT
    from tradegraph.queries.results import DEFAULT_HOLDERS, DEFAULT_LIMIT

    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show at most N: holders of an office, most recently reported first (default {DEFAULT_HOLDERS}), "
        f"actors of a neighbourhood, nearest and best connected first (default {SHOWN_LIMIT}); "
        "the answer says how many there are in all",
    )
    group.add_argument(
        "--all", dest="limit", action="store_const", const=None, help="show everything (no bound)"
    )


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a limit; give a whole number of 1 or more, or --all"
        )
    return value
