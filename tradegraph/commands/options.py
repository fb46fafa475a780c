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
    """``--limit N`` / ``--all``: how many holders a who-represents answer shows."""
    from tradegraph.queries.results import DEFAULT_HOLDERS

    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_HOLDERS,
        metavar="N",
        help=f"who represents: show the N most recently reported holders (default {DEFAULT_HOLDERS}); "
        "the answer says how many there are in all",
    )
    group.add_argument(
        "--all", dest="limit", action="store_const", const=None, help="who represents: show every holder"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more (--all shows every holder)")
    return value
