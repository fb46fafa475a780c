"""``tradegraph extract PATH...``: print what the extractor reads in each article."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tradegraph.graph.model import Extraction


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the actors and relations extracted from articles (no store)",
        description="Extract actors and relations from articles and print them: one JSON line per "
        "article in the evaluation's prediction format (--format jsonl), or a readable summary.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files, directories or glob patterns; - reads stdin"
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "text"),
        default="text",
        help="jsonl: one prediction per line, as score.py reads it (default: text)",
    )
    parser.add_argument("--batch-size", type=int, default=None, help="articles per spaCy batch")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="per relation: its sentence, the rule(s) that read it there and the score",
    )
    from tradegraph.commands.ingest import add_pool_options

    add_pool_options(parser)
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="P",
        help="print only relations whose confidence (the scorer's calibrated probability) is at least P",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.errors import ArticleError
    from tradegraph.loaders.extraction import to_prediction
    from tradegraph.loaders.extraction.pipeline import DEFAULT_BATCH_SIZE
    from tradegraph.loaders.extraction.scoring.cv import filtered
    from tradegraph.loaders.parallel import open_pool
    from tradegraph.loaders.sources import load_articles
    from tradegraph.streams import stdin_paths

    articles, failed = [], 0
    with stdin_paths(args.paths) as paths:
        loaded = list(load_articles(paths))
    for item in loaded:
        if isinstance(item, ArticleError):
            print(f"tradegraph: {item}", file=sys.stderr)
            failed += 1
        else:
            articles.append(item)
    with open_pool(args.workers, args.scheduler, batch_size=args.batch_size or DEFAULT_BATCH_SIZE) as pool:
        for article, extraction in pool.outcomes(articles):
            if isinstance(extraction, str):
                print(f"tradegraph: {article.origin}: [TG130] {extraction}", file=sys.stderr)
                failed += 1
                continue
            prediction = filtered(to_prediction(extraction), args.min_confidence)
            if args.explain:
                _print_explained(extraction)
            elif args.format == "jsonl":
                print(json.dumps(prediction, ensure_ascii=False))
            else:
                _print_text(prediction)
    return 1 if failed else 0


def _print_text(prediction: dict[str, Any]) -> None:
    print(f"# {prediction['id']}")
    for actor in prediction["actors"]:
        extra = f" for {actor['affiliation']}" if actor.get("affiliation") else ""
        roles = f" ({', '.join(actor['roles'])})" if actor.get("roles") else ""
        print(f"  {actor['type']:<12} {actor['name']}{roles}{extra}")
    for rel in prediction["relations"]:
        print(f"  {rel['subject']} -{rel['predicate']}-> {rel['object']}  [{rel['confidence']:.2f}]")
    print()


def _print_explained(extraction: Extraction) -> None:
    """Each relation, then per evidence sentence the rules that read it and the score."""
    names = {a.id: a.name for a in extraction.actors}
    print(f"# {extraction.article.id}")
    for rel in extraction.relations:
        print(
            f"  {names.get(rel.source, rel.source)} -{rel.kind.value}-> {names.get(rel.target, rel.target)}"
        )
        for ev in rel.evidence:
            rules = ", ".join(p.removeprefix("rule:") for p in ev.provenance.split("+") if p) or "?"
            print(f"    sentence: {ev.sentence}")
            print(f"    rules:    {rules}")
            print(f"    score:    {ev.confidence:.2f}")
    print()
