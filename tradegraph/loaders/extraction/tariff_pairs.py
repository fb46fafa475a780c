"""Tariffs two states impose on each other: "X and Y imposed tariffs on each other's exports" gives
both directions (a reciprocal reference the tariff reader, which reads one imposer, leaves);
"X's retaliatory tariffs" answer the article's imposer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import IMPOSE_VERBS, RETALIATION_WORDS, TARIFF_NOUNS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import Example, Rule
from tradegraph.loaders.extraction.spans import members
from tradegraph.loaders.extraction.tariffs import TRIGGER, tariff_reader

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext

IMPOSES = RelationKind.IMPOSES_TARIFFS_ON


def read_each_other(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    """ "X and Y imposed tariffs on each other's exports": each on the other."""
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
        node = node.head  # "X and Y quarrelled and imposed ..."
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if not mutual or subject is None or tariff_reader(ctx).unreal(tariff):
        return
    sides = [ctx.resolver.state(k) for t in members(subject) for k in ctx.resolver.single(t)]
    sides = [k for k in dict.fromkeys(sides) if k.startswith(("country:", "org:"))]
    if len(sides) == 2:
        a, b = sides
        for source, target in ((a, b), (b, a)):
            yield Found(source, IMPOSES, target, tariff.sent, 0.8, rule="imposes.each_other")


def read_retaliation(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    """ "X's tit-for-tat tariffs began ...", "X's counter-levies": X answers the tariffs of the
    article's imposer, on whom they fall when the text names no other target."""
    doc, reader = ctx.doc, tariff_reader(ctx)
    before = doc[max(tariff.sent.start, tariff.i - 9) : tariff.i]
    if (
        not any(t.lower_ in RETALIATION_WORDS for t in before)
        or reader.reading(tariff)[2]
        or reader.unreal(tariff)
    ):
        return
    owners = [k for t in reversed(before) if t.dep_ == "poss" for k in ctx.resolver.single(t)]
    imposer = ctx.resolver.state(owners[0]) if owners else None
    target = next((k for k in _imposers(ctx) if k != imposer), None)
    if imposer and target and imposer.startswith("country:") and target.startswith(("country:", "org:")):
        yield Found(imposer, IMPOSES, target, tariff.sent, 0.7, rule="imposes.retaliation")


def _imposers(ctx: ArticleContext) -> list[str]:
    """The states the article's tariffs are imposed by, the most often read first."""

    def count(_: Token) -> list[str]:
        reader = tariff_reader(ctx)
        found = Counter(
            ctx.resolver.state(imposer)
            for t in ctx.doc
            if t.lower_ in TARIFF_NOUNS
            for _, imposer, targets in [ctx.memo("tariffs.reading", t, reader.reading)]
            if imposer and targets
        )
        return [k for k, _ in found.most_common()]

    return ctx.memo("tariffs.imposers", ctx.doc[0], count)


RULES = (
    Rule(
        "imposes.retaliation",
        IMPOSES,
        '"X\'s retaliatory / tit-for-tat tariffs", "X\'s counter-levies" with no target named: on the '
        "article's imposer",
        0.7,
        positive=(
            Example(
                "Washington put levies on Peru and Chile in April. Peru's tit-for-tat tariffs began on Friday, "
                "while Bolivia stayed calm.",
                ("Peru", "United States"),
            ),
        ),
        negative=(
            Example(
                "Washington put levies on Peru and Chile in April. Peru's tariffs began on Friday, while "
                "Bolivia stayed calm.",
                None,
            ),
        ),
        trigger=TRIGGER,
        read=read_retaliation,
    ),
    Rule(
        "imposes.each_other",
        IMPOSES,
        '"X and Y imposed tariffs on each other\'s exports": each imposes on the other',
        0.8,
        positive=(
            Example(
                "Peru and Chile quarrelled over fishing rights and imposed duties on each other's fruit.",
                ("Peru", "Chile"),
            ),
            Example(
                "Peru and Chile quarrelled over fishing rights and imposed duties on each other's fruit.",
                ("Chile", "Peru"),
            ),
        ),
        negative=(
            Example(
                "Peru and Chile quarrelled over fishing rights and then threatened duties on each other's fruit.",
                None,
            ),
        ),
        trigger=TRIGGER,
        read=read_each_other,
    ),
)
