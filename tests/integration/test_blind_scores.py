"""Regression floors on the gold sets written blind to the extractor (tests/fixtures/*_gold).

Each set scored about 0.66-0.79 (ALL) when it arrived unseen and was then opened for error analysis,
``final_gold`` last and only briefly. The fourth round's sets were written blind by engineers who
never saw the extractor or the dev articles and scored on arrival: ``blind4_gold`` 0.80,
``blind5_gold`` 0.86 (after the fixes ``blind4`` led to), ``blind6_gold`` 0.83 (after those of
``blind5``); each was opened for error analysis only after it was scored. The fifth round's two
sets, written the same way, scored on arrival ``blind7_gold`` 0.836 and ``blind8_gold`` 0.760
(NEGOTIATES_WITH 0.68, below the hidden-set goal), before the fixes they led to; two more,
``heldout/blind9_gold`` 0.816 and ``heldout/blind10_gold`` 0.785, then scored the code those fixes
made on arrival. Those two stay out of training (``tests/fixtures/*_gold`` does not reach them):
held-out measures of helper-written news, harder than the dev articles. The last two,
``heldout/blind11_gold`` 0.836 and ``heldout/blind12_gold`` 0.809 (NEGOTIATES_WITH 0.696 and 0.693),
scored the round's final code on arrival (the code at the round's start: 0.810 and 0.799). Floors sit a little
under the scores measured when they were set (see README "Quality"), to catch regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tradegraph.loaders.evaluation import evaluate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FLOORS = {
    "blind_gold": {"ALL": 0.95, "REPRESENTS": 0.95, "DYADS": 0.92, "ACTORS": 0.97},
    "holdout_gold": {"ALL": 0.88, "REPRESENTS": 0.84, "DYADS": 0.95, "ACTORS": 0.93},
    "final_gold": {"ALL": 0.78, "REPRESENTS": 0.86, "DYADS": 0.83, "ACTORS": 0.93},
    "blind4_gold": {"ALL": 0.92, "REPRESENTS": 0.95, "DYADS": 0.95, "ACTORS": 0.97},
    "blind5_gold": {"ALL": 0.87, "REPRESENTS": 0.91, "DYADS": 0.86, "ACTORS": 0.95},
    "blind6_gold": {"ALL": 0.84, "REPRESENTS": 0.92, "DYADS": 0.88, "ACTORS": 0.95},
    "blind7_gold": {"ALL": 0.88, "REPRESENTS": 0.95, "DYADS": 0.91, "ACTORS": 0.91},
    "blind8_gold": {"ALL": 0.83, "REPRESENTS": 0.92, "DYADS": 0.86, "ACTORS": 0.94},
    "heldout/blind9_gold": {"ALL": 0.80, "REPRESENTS": 0.89, "DYADS": 0.82, "ACTORS": 0.94},
    "heldout/blind10_gold": {"ALL": 0.81, "REPRESENTS": 0.84, "DYADS": 0.92, "ACTORS": 0.95},
    "heldout/blind11_gold": {"ALL": 0.82, "REPRESENTS": 0.90, "DYADS": 0.87, "ACTORS": 0.94},
    "heldout/blind12_gold": {"ALL": 0.79, "REPRESENTS": 0.84, "DYADS": 0.79, "ACTORS": 0.95},
}

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_scores_above_floor(name: str) -> None:
    scores = evaluate(FIXTURES / name)["scores"]
    assert scores["articles"] >= 10
    for key, floor in FLOORS[name].items():
        assert scores[key]["f1"] >= floor, (name, key, scores[key])
