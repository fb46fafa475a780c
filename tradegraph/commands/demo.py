"""`tradegraph demo`: the main job end to end on the example articles: ingest, count, answer
questions, draw the page.

``./run demo`` runs it on the embedded store; ``--store bolt://…`` runs it on Neo4j.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from tradegraph.graph.errors import TradegraphError
from tradegraph.graph.store import GraphStore, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
DEFAULT_PAGE = Path("out/graph.html")
QUESTIONS: tuple[tuple[str, date | None], ...] = (
    ("Who represents Japan?", None),
    ("Which country does Bessent work for?", None),
    ("Who replaced Wang Shouwen?", None),
    ("Who represented China on 1 March 2025?", None),
    ("Who represents China?", date(2025, 5, 1)),
    ("Who is the US negotiating with?", None),
    ("Who are the US's allies?", None),
    ("Who imposed tariffs on Japan?", None),
)


def run(store: GraphStore, articles: Sequence[Path], page: Path, out: TextIO = sys.stdout) -> int:
    """Ingest ``articles`` into ``store``, print counts and answers, write the page; 1 if any article failed."""
    from tradegraph.graph.export.html import write_html
    from tradegraph.ingest import ingest
    from tradegraph.queries.questions import ask, render

    report = ingest(articles, store, progress=False)
    print(
        f"ingested: {report.loaded} loaded, {report.skipped} skipped (unchanged), {report.failed} failed",
        file=out,
    )
    for failure in report.errors:
        print(f"  {failure}", file=out)
    counts = store.counts()
    print(
        f"graph: {counts['actors']} actors, {counts['relations']} relations, "
        f"{counts['evidence']} evidence sentences from {counts['articles']} articles",
        file=out,
    )
    for question, as_of in QUESTIONS:
        suffix = f" (as of {as_of.isoformat()})" if as_of else ""
        print(f"\nQ: {question}{suffix}", file=out)
        try:
            print(render(ask(store, question, as_of=as_of)), file=out)
        except TradegraphError as err:
            print(f"  {err}", file=out)
    page.parent.mkdir(parents=True, exist_ok=True)
    write_html(store, page, title="tradegraph demo: trade diplomacy actors")
    print(f"\nthe interactive graph: {page.resolve()}", file=out)
    return 0 if report.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradegraph demo", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return command(args)
    except TradegraphError as err:
        print(f"tradegraph: {err}", file=sys.stderr)
        return 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "demo", help="ingest the example articles, answer example questions, draw the graph"
    )
    add_arguments(parser)
    parser.set_defaults(func=command)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from tradegraph.commands.options import add_store_option

    add_store_option(parser)
    parser.add_argument("paths", nargs="*", type=Path, help=f"articles to load (default {EXAMPLES})")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_PAGE, help="the HTML page to write")


def command(args: argparse.Namespace) -> int:
    with open_store(args.store, create=True) as store:
        return run(store, args.paths or [EXAMPLES], args.output)
