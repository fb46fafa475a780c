"""``tradegraph train`` and ``tradegraph evaluate --cv`` end to end on the project's own gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradegraph.cli import main
from tradegraph.loaders.extraction.scoring.model import load_model

OWN_GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "extraction_gold"

pytestmark = pytest.mark.slow


def test_scorer_train_writes_loadable_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "weights.json"
    assert main(["train", str(OWN_GOLD), "-o", str(out)]) == 0
    model = load_model(out)
    assert model.meta["articles"] >= 6
    assert all(0.0 < m.threshold <= 1.01 for m in model.kinds.values())
    assert "weights written" in capsys.readouterr().out
    assert not any(len(f) > 200 for m in model.kinds.values() for f in m.weights)  # features, not sentences


def test_scorer_evaluate_cv_prints_scores_and_calibration(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(OWN_GOLD), "--cv", "2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["folds"] == 2
    assert {"ALL", "DYADS", "ACTORS", "REPRESENTS"} <= set(result["scores"])
    assert all(0.0 <= row["precision"] <= 1.0 for row in result["calibration"])
    rows = result["calibration_equal_mass"]
    assert sum(r["count"] for r in rows) == sum(r["count"] for r in result["calibration"])
    assert all(r["wilson_95"][0] <= r["precision"] <= r["wilson_95"][1] for r in rows)


def test_scorer_evaluate_cv_needs_two_folds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(OWN_GOLD), "--cv", "1"]) == 1
    assert "TG157" in capsys.readouterr().err


def test_scorer_evaluate_min_confidence_only_drops(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(OWN_GOLD), "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert main(["evaluate", str(OWN_GOLD), "--json", "--min-confidence", "0.99"]) == 0
    strict = json.loads(capsys.readouterr().out)
    assert strict["ALL"]["tp"] + strict["ALL"]["fp"] <= everything["ALL"]["tp"] + everything["ALL"]["fp"]
