"""``tradegraph stats``: how many actors, relations, evidence entries and articles, by kind."""

from __future__ import annotations

import argparse
import json

from tradegraph.commands.options import add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("stats", help="count actors, relations, evidence and articles by kind")
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        counts = store.counts()
    if args.json:
        print(json.dumps(counts, indent=2, sort_keys=True))
        return 0
    print(f"store: {store.uri}")
    labels = {key: ("  " + key.split(".", 1)[1]) if "." in key else key for key in counts}
    width = max(len(label) for label in labels.values())
    for key in sorted(counts, key=lambda k: (k.split(".")[0], "." in k, k)):
        print(f"{labels[key]:<{width}} {counts[key]:>8}")
    return 0
