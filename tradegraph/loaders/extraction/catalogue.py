"""Every rule the extractor applies, in the order it applies them, and the filters after them:
the one list to read to know which constructions are handled (:func:`describe`
prints it).
Rules read while offices are read or relations assembled are listed too, for the record and the
examples test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction import (
    affiliation_rules,
    alliance_rules,
    delegations,
    discourse,
    negotiation,
    negotiation_joined,
    negotiation_rules,
    replacements,
    represents,
    tariff_pairs,
    tariff_rules,
)
from tradegraph.loaders.extraction.rules import Filter, Rule

if TYPE_CHECKING:
    from tradegraph.loaders.extraction.context import ArticleContext
    from tradegraph.loaders.extraction.found import Found

RULES: tuple[Rule, ...] = (
    *represents.RULES,
    *affiliation_rules.RULES,
    *negotiation_rules.RULES,
    *negotiation_joined.RULES,
    *delegations.RULES,
    *tariff_rules.RULES,
    *tariff_pairs.RULES,
    *alliance_rules.RULES,
    *replacements.RULES,
    *discourse.RULES,
)


def with_fitting_actors(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """Every reading joins the kinds of actor its relation allows: a person represents, replaces
    and is replaced; states and bodies are represented, allied, and bear tariffs."""
    persons = ctx.index.persons

    def fits(f: Found) -> bool:
        source, target = f.source in persons, f.target in persons
        if f.kind is RelationKind.REPRESENTS:
            return source and not target
        if f.kind is RelationKind.REPLACED_BY:
            return source and target
        if f.kind is RelationKind.ALLIED_WITH:
            return not source and not target
        if f.kind is RelationKind.IMPOSES_TARIFFS_ON:
            return not target
        return True

    return [f for f in found if fits(f)]


FILTERS: tuple[Filter, ...] = (
    *negotiation.FILTERS,
    Filter("relations.fitting_actors", with_fitting_actors.__doc__ or "", with_fitting_actors),
)


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
