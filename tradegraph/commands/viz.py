"""``tradegraph viz``: write the graph, or the neighbourhood of one actor, as an offline HTML page."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tradegraph.cli import add_store_option
from tradegraph.graph.model import RelationKind


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "viz",
        help="write an interactive, self-contained HTML page of the graph",
        description="Write one HTML file that opens offline in any browser: actors coloured and "
        "shaped by kind, relations coloured by kind, evidence in the tooltips.",
    )
    add_store_option(parser)
    parser.add_argument("--actor", metavar="ID|NAME", help="show only the neighbourhood of this actor")
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="hops around --actor (default 1)")
    parser.add_argument(
        "--kind",
        nargs="+",
        metavar="RELATION",
        type=_kind,
        help="show only these relation kinds: " + ", ".join(k.value for k in RelationKind),
    )
    parser.add_argument(
        "--as-of", type=_day, metavar="YYYY-MM-DD", help="show relations that held on this day"
    )
    parser.add_argument("--title", help="the page heading")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the page to write")
    parser.set_defaults(func=run)


def _kind(text: str) -> RelationKind:
    try:
        return RelationKind(text.upper())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown relation kind {text!r}; use one of {', '.join(k.value for k in RelationKind)}"
        ) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.export.html import write_html
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        path = write_html(
            store,
            Path(args.output),
            actor=args.actor,
            depth=args.depth,
            kinds=args.kind,
            as_of=args.as_of,
            title=args.title,
        )
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB); open it in a browser, no network needed")
    return 0
