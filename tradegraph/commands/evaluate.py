"""``tradegraph evaluate GOLD_DIR``: extract gold-annotated articles and score the result."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score the extractor against gold-annotated articles",
        description="Extract the articles of a directory of gold JSON files and print precision, recall "
        "and F1 per relation type, ALL, DYADS and ACTORS (the same numbers as the project's score.py).",
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of gold-annotated *.json articles")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--per-article", action="store_true", help="also list missed and spurious relations")
    from tradegraph.commands.ingest import add_pool_options

    add_pool_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.loaders.evaluation import evaluate
    from tradegraph.loaders.parallel import open_pool

    with open_pool(args.workers, args.scheduler) as pool:
        result = evaluate(args.gold_dir, pool)
    if args.json:
        print(json.dumps(result if args.per_article else result["scores"], indent=2))
        return 0
    if args.per_article:
        for aid, d in result["per_article"].items():
            for t in d["missed"]:
                print(f"{aid}\tmissed\t{t}")
            for t in d["spurious"]:
                print(f"{aid}\tspurious\t{t}")
    for key, value in result["scores"].items():
        print(f"{key:20s} {value}")
    return 0
