"""NEGOTIATES_WITH through a delegation: "Vietnam will send a team of negotiators to Washington",
"a Japanese delegation will travel to Seoul": the sending state negotiates with the host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import GO_VERBS, SEND_VERBS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.negotiation import parties
from tradegraph.loaders.extraction.negotiation_guards import refused
from tradegraph.loaders.extraction.rules import Example, Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext


def read_delegation(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    if refused(verb):
        return
    p, r = parties(ctx), ctx.resolver
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    senders: list[str] = []
    if lemma in SEND_VERBS:
        sent_nouns = [c for c in children if c.dep_ == "dobj" and p.is_delegation(c)]
        if sent_nouns:
            senders = [k for c in children if c.dep_ == "nsubj" for k in p.group(c)]
            senders += [k for c in sent_nouns for k in p.modifier_states(c)]
    else:
        subjects = [c for c in children if c.dep_ == "nsubj" and p.is_delegation(c)]
        senders = [k for c in subjects for k in p.modifier_states(c)]
    hosts = [
        k
        for c in children
        if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
        for k in p.group(g)
    ]
    if lemma == "visit":
        hosts += [k for c in children if c.dep_ == "dobj" for k in p.group(c)]
    senders = [r.state(k) for k in senders if r.state(k).startswith("country:")]
    hosts = [k for k in hosts if k.startswith("country:")]
    for a in dict.fromkeys(senders):
        for b in dict.fromkeys(hosts):
            if a != b:
                yield Found(a, RelationKind.NEGOTIATES_WITH, b, verb.sent, 0.6, rule="negotiates.delegation")


RULES = (
    Rule(
        "negotiates.delegation",
        RelationKind.NEGOTIATES_WITH,
        '"X will send a team of negotiators to Y", "a Japanese delegation will travel to Y"',
        0.6,
        positive=(
            Example("Thailand will send a delegation to Ottawa next week.", ("Thailand", "Canada")),
            Example("A Chilean delegation will travel to Tokyo on Monday.", ("Chile", "Japan")),
        ),
        negative=(Example("Thailand will not send a delegation to Ottawa.", ("Thailand", "Canada")),),
        trigger=([{"POS": "VERB", "LEMMA": {"IN": sorted(SEND_VERBS | GO_VERBS)}}],),
        read=read_delegation,
    ),
)
