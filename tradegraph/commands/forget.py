"""``tradegraph forget ARTICLE…``: retract articles (id, URL or file) and the evidence they gave."""

from __future__ import annotations

import argparse
import json

from tradegraph.commands.options import add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "forget",
        help="remove articles (by id, URL or file) and their evidence from the graph",
        description="Remove articles and every piece of evidence read in them. Relations left "
        "without evidence disappear; the others keep their other evidence, support and dates.",
    )
    parser.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="article ids (article:…), URLs or files"
    )
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print what was removed as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.forget import forget
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        before = store.counts()
        gone = forget(store, args.articles)
        after = store.counts()
    removed = {k: before[k] - after[k] for k in ("articles", "relations", "evidence")}
    if args.json:
        print(json.dumps({"forgotten": gone, "removed": removed}, indent=2))
    else:
        print(
            f"forgot {len(gone)} article(s): removed {removed['evidence']} evidence, "
            f"{removed['relations']} relation(s) left without evidence"
        )
    return 0
