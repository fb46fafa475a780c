"""Tariffs two states impose on each other: "X and Y imposed tariffs on each other's goods" gives
both directions (a reciprocal reference the tariff reader, which reads one imposer, leaves)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import IMPOSE_VERBS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import Example, Rule
from tradegraph.loaders.extraction.spans import members
from tradegraph.loaders.extraction.tariffs import TRIGGER, tariff_reader

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext

IMPOSES = RelationKind.IMPOSES_TARIFFS_ON


def read_each_other(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    """ "X and Y imposed tariffs on each other's goods": each on the other."""
    verb = tariff.head
    if tariff.dep_ != "dobj" or verb.lemma_.lower() not in IMPOSE_VERBS:
        return
    mutual = any(
        g.dep_ == "poss" and g.lower_ == "other"
        for prep in [*tariff.children, *verb.children]
        if prep.dep_ == "prep" and prep.lower_ in {"on", "against"}
        for pobj in prep.children
        for g in [pobj, *pobj.children]
    )
    node = verb
    while node.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in node.children):
        node = node.head  # "X and Y clashed and imposed ..."
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if not mutual or subject is None or tariff_reader(ctx).unreal(tariff):
        return
    sides = [ctx.resolver.state(k) for t in members(subject) for k in ctx.resolver.single(t)]
    sides = [k for k in dict.fromkeys(sides) if k.startswith(("country:", "org:"))]
    if len(sides) == 2:
        a, b = sides
        for source, target in ((a, b), (b, a)):
            yield Found(source, IMPOSES, target, tariff.sent, 0.8, rule="imposes.each_other")


RULES = (
    Rule(
        "imposes.each_other",
        IMPOSES,
        '"X and Y imposed tariffs on each other\'s goods": each imposes on the other',
        0.8,
        positive=(
            Example(
                "Peru and Chile clashed on Sunday and imposed tariffs on each other's goods.",
                ("Peru", "Chile"),
            ),
            Example(
                "Peru and Chile clashed on Sunday and imposed tariffs on each other's goods.",
                ("Chile", "Peru"),
            ),
        ),
        negative=(Example("Peru and Chile threatened tariffs on each other's goods.", None),),
        trigger=TRIGGER,
        read=read_each_other,
    ),
)
