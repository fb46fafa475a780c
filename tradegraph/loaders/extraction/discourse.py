"""The discourse layer: constructions that reach across clauses and sentences."""

from __future__ import annotations

from tradegraph.loaders.extraction.rules import Rule

RULES: tuple[Rule, ...] = ()
