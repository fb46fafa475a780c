"""Extraction: article text -> actors (persons, countries, bodies) and the five relations,
each with its evidence sentence, date and confidence."""

from tradegraph.loaders.extraction.pipeline import Extractor
from tradegraph.loaders.extraction.prediction import to_prediction

__all__ = ["Extractor", "to_prediction"]
