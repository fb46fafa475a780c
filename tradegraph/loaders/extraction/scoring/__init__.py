"""The learned scorer: candidate relations (the rules' and generated pairs of actor mentions) ->
features -> a logistic model per kind -> a calibrated probability, applied after the rules.

Train with ``tradegraph train GOLD_DIR...``; measure with ``tradegraph evaluate GOLD_DIR --cv K``.
"""

from tradegraph.loaders.extraction.scoring.model import Scorer, ScorerModel, load_model

__all__ = ["Scorer", "ScorerModel", "load_model"]
