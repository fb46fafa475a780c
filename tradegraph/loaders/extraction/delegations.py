"""NEGOTIATES_WITH through a delegation: "Vietnam will send a team of negotiators to Washington",
"a Japanese delegation will travel to Seoul": the sending state negotiates with the host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import GO_VERBS, NEGOTIATE_NOUNS, NEGOTIATE_VERBS, SEND_VERBS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.negotiation import parties
from tradegraph.loaders.extraction.negotiation_guards import refused, speculative
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


def read_trip_for_talks(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    """ "Minister X will travel to Lima for a new round of talks": the traveller negotiates with
    the host state (a person named as the subject; states travelling are ``negotiates.delegation``)."""
    if refused(verb) or speculative(verb) or not _for_talks(verb):
        return
    p, r = parties(ctx), ctx.resolver
    children = list(verb.children)
    travellers = [k for c in children if c.dep_ == "nsubj" for k in p.group(c) if k in ctx.index.persons]
    hosts = [
        r.state(k)
        for c in children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
        for k in p.group(g)
        if k not in ctx.index.persons
    ]
    for a in dict.fromkeys(travellers):
        for b in dict.fromkeys(h for h in hosts if h.startswith("country:")):
            if r.state(a) != b:
                yield Found(
                    a, RelationKind.NEGOTIATES_WITH, b, verb.sent, 0.6, rule="negotiates.trip_for_talks"
                )


def _for_talks(verb: Token) -> bool:
    """A trip whose purpose is talks: "for (a round of) talks", "to negotiate", "to hold talks"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                nouns = [g, *(n for p in g.children if p.lower_ == "of" for n in p.children)]
                if any(n.lower_ in NEGOTIATE_NOUNS for n in nouns):
                    return True
        if c.dep_ in {"advcl", "xcomp"} and (
            c.lemma_.lower() in NEGOTIATE_VERBS
            or any(d.dep_ == "dobj" and d.lower_ in NEGOTIATE_NOUNS for d in c.children)
        ):
            return True
    return False


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
    Rule(
        "negotiates.trip_for_talks",
        RelationKind.NEGOTIATES_WITH,
        '"Minister X will travel to Y for a new round of talks": the traveller and the host state',
        0.6,
        positive=(
            Example(
                "Peru's Minister of Trade Luis Vargas will travel to Santiago next week for a new round "
                "of talks on a fisheries agreement.",
                ("Luis Vargas", "Chile"),
            ),
            Example(
                "Chilean envoy Marta Rojas flew to Lima to negotiate a copper accord.",
                ("Marta Rojas", "Peru"),
            ),
        ),
        negative=(
            Example("Peru's Minister of Trade Luis Vargas will travel to Santiago for a wedding.", None),
            Example("Trade Minister Luis Vargas might travel to Santiago for talks.", None),
        ),
        trigger=([{"POS": "VERB", "LEMMA": {"IN": sorted(GO_VERBS)}}],),
        read=read_trip_for_talks,
    ),
)
