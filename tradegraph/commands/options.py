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
