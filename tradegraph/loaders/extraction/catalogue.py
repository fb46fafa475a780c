"""Every rule the extractor applies, in the order it applies them, and the filters after them:
the one list to read to know which constructions are handled (:func:`describe`
prints it).
Rules read while offices are read or relations assembled are listed too, for the record and the
examples test."""

from __future__ import annotations

from tradegraph.loaders.extraction import (
    alliances,
    delegations,
    discourse,
    negotiation,
    negotiation_joined,
    replacements,
    represents,
    tariff_frames,
    tariff_pairs,
    tariffs,
)
from tradegraph.loaders.extraction.rules import Filter, Rule

RULES: tuple[Rule, ...] = (
    *represents.RULES,
    *negotiation.RULES,
    *negotiation_joined.RULES,
    *delegations.RULES,
    *tariffs.RULES,
    *tariff_pairs.RULES,
    *alliances.RULES,
    *replacements.RULES,
    *tariff_frames.RULES,
    *discourse.RULES,
)
FILTERS: tuple[Filter, ...] = negotiation.FILTERS


def rule(name: str) -> Rule:
    """The rule record called ``name``.

    >>> rule("negotiates.between").kind.value
    'NEGOTIATES_WITH'
    """
    return next(r for r in RULES if r.name == name)


def describe() -> str:
    """One line per rule: name, relation, level, confidence, the construction."""
    return "\n".join(
        f"{r.name:34s} {r.kind.value:18s} {r.level:10s} {r.confidence:.2f}  {r.doc}" for r in RULES
    )
