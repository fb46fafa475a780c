"""Article-grouped K-fold cross-validation of the scorer, scored exactly as ``score.py`` scores, with
a calibration table (per confidence bin: how many relations, and what share of them is gold)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tradegraph.loaders.evaluation import GoldMatch, score
from tradegraph.loaders.extraction.prediction import to_prediction
from tradegraph.loaders.extraction.scoring.train import DEFAULT_C, ArticleData, apply, fit, groups

#: Lower edges of the confidence bins of the calibration table.
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def cross_validate(
    data: Sequence[ArticleData],
    k: int,
    *,
    extra: Sequence[ArticleData] = (),
    c: float = DEFAULT_C,
    min_confidence: float = 0.0,
) -> dict[str, Any]:
    """Scores of ``data`` when each fold of its articles is predicted by a scorer trained (weights,
    calibration, thresholds) on the other folds plus ``extra``; ``baseline`` is the rules alone."""
    preds: dict[str, dict[str, Any]] = {}
    for fold in groups(len(data), k):
        held = set(fold)
        model = fit([*(a for i, a in enumerate(data) if i not in held), *extra], c=c)
        for i in fold:
            preds[data[i].id] = filtered(to_prediction(apply(model, data[i])), min_confidence)
    gold = {a.id: a.gold for a in data}
    baseline = {a.id: to_prediction(a.extraction) for a in data}
    result = score(gold, preds)
    return {
        "scores": result["scores"],
        "per_article": result["per_article"],
        "baseline": score(gold, baseline)["scores"],
        "calibration": calibration(data, preds),
        "folds": k,
    }


def filtered(prediction: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    """A prediction without the relations below ``min_confidence``."""
    if min_confidence <= 0:
        return prediction
    kept = [r for r in prediction["relations"] if (r.get("confidence") or 0.0) >= min_confidence]
    return {**prediction, "relations": kept}


def calibration(data: Sequence[ArticleData], preds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per confidence bin: predicted relations, mean confidence, and the share that is gold."""
    rows: list[list[tuple[float, bool]]] = [[] for _ in BINS]
    for art in data:
        match = GoldMatch(art.gold)
        for rel in preds[art.id]["relations"]:
            t = match.triple(rel["subject"], rel["predicate"], rel["object"])
            conf = float(rel.get("confidence") or 0.0)
            b = max(i for i, edge in enumerate(BINS) if conf >= edge)
            rows[b].append((conf, t is not None and t in match))
    out = []
    for i, row in enumerate(rows):
        hi = BINS[i + 1] if i + 1 < len(BINS) else 1.0
        if row:
            out.append(
                {
                    "bin": f"{BINS[i]:.1f}-{hi:.1f}",
                    "count": len(row),
                    "mean_confidence": round(sum(c for c, _ in row) / len(row), 3),
                    "precision": round(sum(y for _, y in row) / len(row), 3),
                }
            )
    return out
