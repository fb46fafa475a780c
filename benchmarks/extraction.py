"""Extraction throughput against bare spaCy on the same texts, in the same process, and its quality.

For 1 and 2 processes: ``nlp.pipe`` over the texts (the floor: parsing alone, same model and
batch size) then ``Extractor().extract_many`` over the same articles. The ratio
extractor/bare is what the goal (>= 0.8x) is about. Quality: the extractions are scored against
the corpus's planted gold with ``../shared/eval/score.py`` when it is there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, ratio, table, timer
from benchmarks.corpus import generate

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
BATCH = 16  # the extractor's default, so both sides batch alike
ROUNDS = 3  # alternated rounds; the goal takes the median


def _articles(n: int) -> tuple[list[Any], dict[str, Any]]:
    from tradegraph.graph.model import Article

    records = list(generate(n, sizes.SEED))
    articles = [
        Article.create(r["text"], id=r["id"], url=r["url"], title=r["title"], source=r["source"])
        for r in records
    ]
    return articles, {r["id"]: r for r in records}


def _quality(extractions: list[Any], gold: dict[str, Any]) -> dict[str, Any] | None:
    if not SCORER.exists():
        return None
    from tradegraph.loaders.extraction import to_prediction

    spec = importlib.util.spec_from_file_location("tg_eval_score", SCORER)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    preds = {}
    for ex in extractions:
        pred = to_prediction(ex)
        preds[pred.get("id", ex.article.id)] = pred
    return score.score(gold, preds)["scores"]  # type: ignore[no-any-return]


def interleaved(nlp: Any, extractor: Any, articles: list[Any], rounds: int = ROUNDS) -> list[dict[str, Any]]:
    """Per round, each batch parsed bare then extracted (parse included), the two timed apart."""
    out = []
    for r in range(rounds):
        bare_s = ours_s = 0.0
        for i in range(0, len(articles), BATCH):
            chunk = articles[i : i + BATCH]
            with timer() as bare:
                for _ in nlp.pipe([a.text for a in chunk], batch_size=BATCH):
                    pass
            with timer() as ours:
                list(extractor.extract_many(chunk, batch_size=BATCH))
            bare_s, ours_s = bare_s + bare["s"], ours_s + ours["s"]
        out.append(
            {
                "round": r + 1,
                "bare_spacy_s": round(bare_s, 2),
                "extractor_s": round(ours_s, 2),
                "throughput_vs_bare": ratio(bare_s, ours_s),
            }
        )
    return out


def run(n: int) -> dict[str, Any]:
    from tradegraph.loaders.extraction import Extractor
    from tradegraph.loaders.nlp import load_nlp

    articles, gold = _articles(n)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    extractor = Extractor(nlp)
    list(nlp.pipe(texts[:8]))  # warm-up: lazy loading inside spaCy is not throughput
    rows, extractions = [], []
    for procs in (1, 2):
        with timer() as bare:
            for _ in nlp.pipe(texts, batch_size=BATCH, n_process=procs):
                pass
        with timer() as ours:
            out = list(extractor.extract_many(articles, batch_size=BATCH, n_process=procs))
        extractions = extractions or out
        rows.append(
            {
                "processes": procs,
                "articles": n,
                "bare_spacy_s": bare["s"],
                "extractor_s": ours["s"],
                "articles_per_min": round(n / ours["s"] * 60),
                "words_per_s": round(words / ours["s"]),
                "bare_articles_per_min": round(n / bare["s"] * 60),
                "throughput_vs_bare": ratio(bare["s"], ours["s"]),
            }
        )
    print(
        table(
            f"Extraction: {n} synthetic articles, {words:,} words (ratio = bare time / extractor time)", rows
        )
    )
    quality = _quality(extractions, gold)
    if quality:
        print(
            table(
                "Extraction quality on the planted gold (score.py)",
                [
                    {"set": k, **{m: v[m] for m in ("precision", "recall", "f1")}}
                    for k, v in quality.items()
                    if isinstance(v, dict)
                ],
            )
        )
    paired = interleaved(nlp, extractor, articles)
    print(
        table(
            "Extraction, 1 process, bare spaCy and the extractor alternated batch by batch (drift on a "
            "shared machine hits both alike); ratio of the sums per round",
            paired,
        )
    )
    median = sorted(r["throughput_vs_bare"] for r in paired)[len(paired) // 2]
    two = rows[-1]
    goals = [
        goal("extractor throughput vs bare spaCy, 1 process, alternated (median round)", median, 0.8),
        goal(
            "extractor throughput vs bare spaCy, 1 process, one block each",
            rows[0]["throughput_vs_bare"],
            0.8,
        ),
        goal("extractor throughput vs bare spaCy, 2 processes", two["throughput_vs_bare"], 0.8),
        goal("articles/min on 2 processes", two["articles_per_min"], 1000),
    ]
    print(table("Extraction goals", goals))
    return {"rows": rows, "paired": paired, "quality": quality, "goals": goals}


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else int(sizes.SIZES["small"]["extraction_articles"]))  # type: ignore[call-overload]
