"""Options several commands share (``--store``), declared once."""

from __future__ import annotations

import argparse


def add_limit_option(parser: argparse.ArgumentParser) -> None:
    """``--limit N``: how many actors a neighbourhood keeps (0: all), for commands that show one."""
    from tradegraph.graph.protocol import SHOWN_LIMIT

    parser.add_argument(
        "--limit",
        type=_limit,
        default=SHOWN_LIMIT,
        metavar="N",
        help=f"a neighbourhood keeps the N actors nearest and best connected (default {SHOWN_LIMIT}; 0: all)",
    )


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a limit; give a whole number, 0 for all")
    return value


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """The ``--store`` option every command that reads or writes the graph shares."""
    parser.add_argument(
        "--store",
        metavar="PATH|URI",
        help="a directory for the embedded store (default $TRADEGRAPH_STORE or ./tradegraph-data), "
        "or a Neo4j URI such as bolt://127.0.0.1:7687",
    )
