"""``tradegraph viz``: write the graph, or the neighbourhood of one actor, as an offline HTML page."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tradegraph.commands.options import add_limit_options, add_store_option
from tradegraph.graph.model import RelationKind


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "viz",
        help="write an interactive, self-contained HTML page of the graph",
        description="Write one HTML file that opens offline in any browser: find actors by name or "
        "alias, filter relations by kind, date and confidence, read the evidence of a relation and "
        "who held which office when.",
    )
    add_store_option(parser)
    parser.add_argument("--actor", metavar="ID|NAME", help="show only the neighbourhood of this actor")
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="hops around --actor (default 1)")
    add_limit_options(parser)
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
    parser.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        metavar="X",
        help="show relations with evidence at least this confident, 0 to 1 (default 0)",
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


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a confidence; give a number from 0 to 1")
    return value


def run(args: argparse.Namespace) -> int:
    from tradegraph.commands.selection import select
    from tradegraph.graph.export.html import write_html
    from tradegraph.graph.protocol import SHOWN_LIMIT
    from tradegraph.graph.store import open_store
    from tradegraph.queries.results import bound

    with open_store(args.store) as store:
        selection = select(
            store,
            actor=args.actor,
            depth=args.depth,
            limit=bound(args.limit, SHOWN_LIMIT),
            kinds=args.kind,
            as_of=args.as_of,
            min_confidence=args.min_confidence,
        )
    title = args.title or (f"Around {args.actor}" if args.actor else "Trade diplomacy graph")
    if args.as_of and not args.title:
        title += f" as of {args.as_of.isoformat()}"
    path = write_html(
        selection, Path(args.output), as_of=args.as_of, min_confidence=args.min_confidence, title=title
    )
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB); open it in a browser, no network needed")
    if selection.cut:
        print(
            f"kept the {len(selection.actors)} actors nearest {args.actor} and best connected, of "
            f"{selection.total} within {args.depth} hops; --limit N keeps more, --all keeps every one"
        )
    return 0
