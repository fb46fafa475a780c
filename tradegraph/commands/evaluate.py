"""``tradegraph evaluate GOLD_DIR``: extract gold-annotated articles and score the result, or
(``--cv K``) cross-validate the learned scorer on them, grouped by article."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score the extractor against gold-annotated articles",
        description="Extract the articles of a directory of gold JSON files and print precision, recall "
        "and F1 per relation type, ALL, DYADS and ACTORS (the same numbers as the project's score.py). "
        "With --cv K, score each of K article-grouped folds with a scorer trained (weights, calibration, "
        "thresholds) only on the other folds (plus --also-train), and print a calibration table.",
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of gold-annotated *.json articles")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--per-article", action="store_true", help="also list missed and spurious relations")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="P",
        help="drop relations whose confidence is below P (0-1) before scoring",
    )
    parser.add_argument("--cv", type=int, metavar="K", help="article-grouped K-fold cross-validation")
    parser.add_argument(
        "--also-train",
        nargs="+",
        default=[],
        metavar="DIR",
        help="with --cv: gold directories added to every fold's training set (never scored)",
    )
    from tradegraph.commands.ingest import add_pool_options

    add_pool_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.cv:
        return _cross_validate(args)
    from tradegraph.loaders.evaluation import gold_articles, load_gold, predict, score
    from tradegraph.loaders.extraction.scoring.cv import filtered
    from tradegraph.loaders.parallel import open_pool

    gold = load_gold(args.gold_dir)
    with open_pool(args.workers, args.scheduler) as pool:
        predicted = predict(gold_articles(gold), pool)
    preds = {k: filtered(p, args.min_confidence) for k, p in predicted.items()}
    _print(score(gold, preds), args)
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    from tradegraph.graph.errors import InputError
    from tradegraph.loaders.extraction.scoring.cv import cross_validate
    from tradegraph.loaders.extraction.scoring.train import prepare

    if args.cv < 2:
        raise InputError(f"--cv needs at least 2 folds, got {args.cv}", code="TG157")
    data = prepare([args.gold_dir])
    scored = {a.id for a in data}
    extra = [a for a in prepare(args.also_train) if a.id not in scored] if args.also_train else []
    result = cross_validate(data, args.cv, extra=extra, min_confidence=args.min_confidence)
    if args.json:
        print(
            json.dumps({k: v for k, v in result.items() if k != "per_article" or args.per_article}, indent=2)
        )
        return 0
    print(
        f"# {args.cv}-fold cross-validation grouped by article ({len(data)} articles scored, "
        f"{len(extra)} more in every training set)"
    )
    _print(result, args)
    print("\n# the rules alone (no scorer) on the same articles")
    for key, value in result["baseline"].items():
        print(f"{key:20s} {value}")
    _print_calibration(
        "per confidence bin, relations and the share that is gold (CV precision)", result["calibration"]
    )
    _print_calibration(
        f"{len(result['calibration_equal_mass'])} bins of equal count (each bin's precision readable "
        "to about +-0.1)",
        result["calibration_equal_mass"],
    )
    return 0


def _print_calibration(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n# calibration: {title}")
    for row in rows:
        low, high = row["wilson_95"]
        mark = "within 0.1" if row["within_0.1"] else "off by more than 0.1"
        print(
            f"{row['bin']:>9s}  n={row['count']:<4d} mean confidence {row['mean_confidence']:.3f}  "
            f"precision {row['precision']:.3f}  (95% {low:.2f}-{high:.2f})  {mark}"
        )


def _print(result: dict[str, Any], args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps(result if args.per_article else result["scores"], indent=2))
        return
    if args.per_article:
        for aid, d in result["per_article"].items():
            for t in d["missed"]:
                print(f"{aid}\tmissed\t{t}")
            for t in d["spurious"]:
                print(f"{aid}\tspurious\t{t}")
    for key, value in result["scores"].items():
        print(f"{key:20s} {value}")
