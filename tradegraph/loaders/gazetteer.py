"""Moved to :mod:`tradegraph.knowledge.gazetteer`; kept as a re-export for existing imports."""

from tradegraph.knowledge.gazetteer import DATA, Gazetteer, Place, Titles, default_gazetteer

__all__ = ["DATA", "Gazetteer", "Place", "Titles", "default_gazetteer"]
