"""Article-grouped K-fold cross-validation of the scorer, scored exactly as ``score.py`` scores, with
a calibration table (per confidence bin: how many relations, and what share of them is gold)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tradegraph.loaders.evaluation import GoldMatch, score
from tradegraph.loaders.extraction.prediction import to_prediction
from tradegraph.loaders.extraction.scoring.train import DEFAULT_C, ArticleData, apply, fit, groups

#: Lower edges of the confidence bins of the calibration table.
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
#: Bins of equal count in the second calibration table.
EQUAL_MASS_BINS = 5


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
        "calibration_equal_mass": calibration_equal_mass(data, preds),
        "folds": k,
    }


def filtered(prediction: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    """A prediction without the relations below ``min_confidence``."""
    if min_confidence <= 0:
        return prediction
    kept = [r for r in prediction["relations"] if (r.get("confidence") or 0.0) >= min_confidence]
    return {**prediction, "relations": kept}


def calibration(data: Sequence[ArticleData], preds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per fixed-width confidence bin (``BINS``): predicted relations, mean confidence, the share
    that is gold, and that share's Wilson 95% interval (a bin of three relations cannot show
    whether its precision is within 0.1 of its confidence; the interval says so)."""
    scored = _scored(data, preds)
    out = []
    for i, lo in enumerate(BINS):
        hi = BINS[i + 1] if i + 1 < len(BINS) else 1.0
        row = [(c, y) for c, y in scored if c >= lo and (c < hi or i + 1 == len(BINS))]
        if row:
            out.append(_bin_row(f"{lo:.1f}-{hi:.1f}", row))
    return out


def calibration_equal_mass(
    data: Sequence[ArticleData], preds: dict[str, dict[str, Any]], k: int = EQUAL_MASS_BINS
) -> list[dict[str, Any]]:
    """The same table over ``k`` bins of equal count, cut by rank of confidence (the adaptive
    binning of Nixon et al. 2019, "Measuring Calibration in Deep Learning"): every bin holds
    enough relations for its precision to be read to about +-0.1."""
    scored = sorted(_scored(data, preds))
    out = []
    for i in range(min(k, len(scored))):
        row = scored[i * len(scored) // k : (i + 1) * len(scored) // k]
        if row:
            out.append(_bin_row(f"{row[0][0]:.2f}-{row[-1][0]:.2f}", row))
    return out


def _scored(data: Sequence[ArticleData], preds: dict[str, dict[str, Any]]) -> list[tuple[float, bool]]:
    """(confidence, is gold) of every predicted relation."""
    out = []
    for art in data:
        match = GoldMatch(art.gold)
        for rel in preds[art.id]["relations"]:
            t = match.triple(rel["subject"], rel["predicate"], rel["object"])
            out.append((float(rel.get("confidence") or 0.0), t is not None and t in match))
    return out


def _bin_row(name: str, row: Sequence[tuple[float, bool]]) -> dict[str, Any]:
    n, hits = len(row), sum(y for _, y in row)
    mean, precision = sum(c for c, _ in row) / n, hits / n
    low, high = wilson(hits, n)
    return {
        "bin": name,
        "count": n,
        "mean_confidence": round(mean, 3),
        "precision": round(precision, 3),
        "wilson_95": [round(low, 3), round(high, 3)],
        "within_0.1": abs(precision - mean) <= 0.1,
    }


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a binomial share ``hits / n``.

    >>> [round(x, 3) for x in wilson(2, 3)]
    [0.208, 0.939]
    """
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)
