"""`tradegraph demo`: the main job on the example articles (see tradegraph.demo)."""

from __future__ import annotations

import argparse

from tradegraph import demo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo", help="ingest the example articles, answer example questions, draw the graph"
    )
    demo.add_arguments(parser)
    parser.set_defaults(func=demo.command)
