"""Regression floors for the extractor on the dev set and on the project's own gold set, and
agreement of ``tradegraph.loaders.evaluation`` with the shared ``score.py``.

The shipped scorer is trained on the dev set, so its dev score is a training-set score: the dev
floors are article-grouped cross-validation figures (3 folds; each fold scored by a scorer trained
on the other folds plus the project's own gold sets), set a little under what CV measured
(see docs/scorer.md).
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from tradegraph.loaders.evaluation import evaluate, gold_articles, load_gold, predict, score
from tradegraph.loaders.extraction.scoring.cv import cross_validate
from tradegraph.loaders.extraction.scoring.train import prepare

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO.parent / "shared" / "eval"
OWN_GOLD = REPO / "tests" / "fixtures" / "extraction_gold"
FIXTURES = REPO / "tests" / "fixtures"
#: 3-fold CV measured ALL 0.912 (P 0.967), REPRESENTS 0.979, NEGOTIATES_WITH 0.821, REPLACED_BY 0.769,
#: ALLIED_WITH 0.909, IMPOSES_TARIFFS_ON 0.909, DYADS 0.889, ACTORS 0.963; 5-fold ALL 0.913 (P 0.970),
#: NEGOTIATES_WITH 0.825, the rest the same; 2026-12-03, fifth round.
DEV_CV_FLOORS = {
    "ALL": 0.88,
    "REPRESENTS": 0.95,
    "NEGOTIATES_WITH": 0.77,
    "REPLACED_BY": 0.72,
    "ALLIED_WITH": 0.80,
    "IMPOSES_TARIFFS_ON": 0.87,
    "DYADS": 0.83,
    "ACTORS": 0.95,
}
DEV_CV_PRECISION_FLOOR = 0.93
OWN_FLOORS = {"ALL": 0.93, "REPRESENTS": 0.95, "ACTORS": 0.95}

pytestmark = pytest.mark.slow


def dev_dir() -> Path:
    if not (SHARED_EVAL / "dev").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"no dev set at {SHARED_EVAL / 'dev'} under CI")
        pytest.skip("the shared dev set is not beside this checkout")
    return SHARED_EVAL / "dev"


def test_dev_score_cross_validated_above_floor() -> None:
    data = prepare([dev_dir()])
    extra = prepare(sorted(FIXTURES.glob("*_gold")))
    result = cross_validate(data, 3, extra=extra)
    scores = result["scores"]
    for key, floor in DEV_CV_FLOORS.items():
        assert scores[key]["f1"] >= floor, (key, scores[key])
    assert scores["ALL"]["precision"] >= DEV_CV_PRECISION_FLOOR, scores["ALL"]
    assert sum(row["count"] for row in result["calibration"]) >= scores["ALL"]["tp"]
    # confidence means something: in bins of equal count the CV precision is within 0.1 of the
    # mean confidence; a fixed-width bin too small to show it must at least not contradict it
    assert all(row["within_0.1"] for row in result["calibration_equal_mass"]), result[
        "calibration_equal_mass"
    ]
    for row in result["calibration"]:
        low, high = row["wilson_95"]
        assert row["within_0.1"] or low - 0.1 <= row["mean_confidence"] <= high + 0.1, row


def test_dev_score_own_gold_above_floor() -> None:
    scores = evaluate(OWN_GOLD)["scores"]
    assert scores["articles"] >= 6
    for key, floor in OWN_FLOORS.items():
        assert scores[key]["f1"] >= floor, (key, scores[key])


def test_dev_score_matches_shared_scorer(tmp_path: Path) -> None:
    gold_dir = dev_dir()
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
    assert spec and spec.loader
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    gold = load_gold(gold_dir)
    preds = predict(gold_articles(gold))
    path = tmp_path / "preds.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in preds.values()))
    reread = {json.loads(line)["id"]: json.loads(line) for line in path.read_text().splitlines()}
    assert score(gold, reread) == shared.score(shared.load_gold(gold_dir), reread)
