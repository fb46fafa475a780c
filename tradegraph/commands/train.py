"""``tradegraph train GOLD_DIR... [-o PATH]``: retrain the learned scorer from gold-annotated articles."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tradegraph.loaders.extraction.scoring.train import DEFAULT_C

    parser = subparsers.add_parser(
        "train",
        help="retrain the extractor's learned scorer from gold-annotated articles",
        description="Parse and rule-read every gold article of the directories, fit the scorer (a "
        "logistic model per relation kind; calibration and thresholds from article-grouped inner "
        "folds) and write its weights as JSON. The default output replaces the weights shipped in the "
        "package; only the weights are written, never article text.",
    )
    parser.add_argument(
        "gold_dirs", nargs="+", metavar="GOLD_DIR", help="directories of gold *.json articles"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write the weights (default: the shipped weights file)",
    )
    parser.add_argument(
        "--c", type=float, default=DEFAULT_C, help=f"inverse L2 strength (default {DEFAULT_C})"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.loaders.extraction.scoring.model import WEIGHTS
    from tradegraph.loaders.extraction.scoring.train import fit, prepare

    data = prepare(args.gold_dirs)
    model = fit(data, c=args.c)
    path = args.output or WEIGHTS
    model.save(path)
    positives = sum(sum(a.labels) for a in data)
    print(f"trained on {len(data)} articles ({positives} gold candidates); weights written to {path}")
    return 0
