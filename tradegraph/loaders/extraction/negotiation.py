"""NEGOTIATES_WITH rules: who talks with whom, read from a trigger word ("talks", "negotiate",
"met", "a phone call", "a round") and the parties the sentence attaches to it. One record per
construction; the parties come from :mod:`.negotiation_parties`, the exclusions from
:mod:`.negotiation_guards`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import (
    CALL_MEDIA,
    COUNTERPART_NOUNS,
    DEAL_NOUNS,
    NEEDS_PARTIES,
    NEGOTIATE_NOUNS,
    NEGOTIATE_VERBS,
    SIDE_PAIRS,
)
from tradegraph.loaders.extraction.alliances import hyphen_countries
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.negotiation_guards import (
    deal_made,
    other_topic,
    refused,
    speculative,
    urged,
    wishful,
)
from tradegraph.loaders.extraction.negotiation_parties import Parties
from tradegraph.loaders.extraction.references import named
from tradegraph.loaders.extraction.rules import Filter

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.context import ArticleContext

NEGOTIATES = RelationKind.NEGOTIATES_WITH
#: A negotiation trigger: a negotiating verb or noun, not inside a name ("the Trade Talks Act").
TRIGGER = (
    [{"POS": "VERB", "LEMMA": {"IN": sorted(NEGOTIATE_VERBS)}}],
    [{"POS": "VERB", "LEMMA": "sit"}, {"LOWER": "down"}, {"LOWER": "with"}],  # "sit down with Y"
    [
        {
            "POS": "NOUN",
            "LOWER": {"IN": sorted(NEGOTIATE_NOUNS)},
            "ENT_TYPE": {"NOT_IN": ["ORG", "EVENT", "LAW"]},
        }
    ],
)


@dataclass(frozen=True, slots=True)
class Reading:
    """The parties a sentence attaches to one trigger, read once and shared by its rules."""

    between: list[str]
    hyphen: list[str]
    others: list[str]
    agents: list[str]


def parties(ctx: ArticleContext) -> Parties:
    return ctx.memo("negotiation.parties", ctx.doc[0], lambda _: Parties(ctx))


def reading(ctx: ArticleContext, trigger: Token) -> Reading | None:
    """The trigger's parties, or None when the sentence does not assert talks."""
    return ctx.memo("negotiation.reading", trigger, lambda t: _read(ctx, t))


def _read(ctx: ArticleContext, trigger: Token) -> Reading | None:
    low = trigger.lower_
    p = parties(ctx)
    if refused(trigger) or urged(trigger) or speculative(trigger) or (low in DEAL_NOUNS and wishful(trigger)):
        return None
    if (low in DEAL_NOUNS and not deal_made(trigger, p.made_in)) or other_topic(trigger):
        return None
    if low in {"round", "rounds", "session", "sessions"} and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children
    ):
        return None  # "a round of talks": the talks are the trigger
    makers = p.made_by(trigger)
    if len(makers) >= 2:
        return Reading([], [], [], makers)
    between = p.between(trigger)
    hyphen = [] if between else hyphen_countries(ctx.resolver, trigger)
    if between or hyphen:
        return Reading(between, hyphen, [], [])
    others = p.counterparts(trigger) or p.distant_with(trigger)
    # "a call" or "a session" alone may be anything; "a phone call" held by two is talks
    needs = low in NEEDS_PARTIES and not any(c.lower_ in CALL_MEDIA for c in trigger.children)
    agents = [] if needs and not others else p.agents(trigger)
    return Reading([], [], others, agents)


def pairs_found(
    ctx: ArticleContext, pairs: list[tuple[str, str]], sent: Span, rule: str, conf: float
) -> Iterator[Found]:
    """Found readings for pairs of parties, each at its state's level, never one state twice."""
    p, r = parties(ctx), ctx.resolver
    conf = min(conf, 0.6) if ctx.weak_in(sent) else conf
    if ctx.running.sides and any(
        t.lower_ in SIDE_PAIRS and any(c.lower_ in {"two", "both"} for c in t.children) for t in sent
    ):
        rule += "+discourse.two_sides"  # the sides of the last talks read
    if ctx.running.sides and any(
        t.lower_ in COUNTERPART_NOUNS
        and t.i not in r.references
        and any(c.dep_ == "poss" for c in t.children)
        and not named(r, t)
        for t in sent
    ):
        rule += "+discourse.running_counterpart"
    for a, b in pairs:
        a, b = p.side(a), p.side(b)
        if a != b and r.state(a) != r.state(b):
            yield Found(a, NEGOTIATES, b, sent, conf, rule=rule)


def _all_pairs(keys: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]


def read_between(ctx: ArticleContext, trigger: Token) -> Iterator[Found]:
    got = reading(ctx, trigger)
    if got and len(got.between) >= 2:
        yield from pairs_found(ctx, _all_pairs(got.between), trigger.sent, "negotiates.between", 0.8)


def read_hyphen_pair(ctx: ArticleContext, trigger: Token) -> Iterator[Found]:
    got = reading(ctx, trigger)
    if got and len(got.hyphen) >= 2:
        yield from pairs_found(ctx, _all_pairs(got.hyphen), trigger.sent, "negotiates.hyphen_pair", 0.8)


def read_with_counterpart(ctx: ArticleContext, trigger: Token) -> Iterator[Found]:
    got = reading(ctx, trigger)
    if got and got.others:
        # an actor read on both sides is misread on one: a state is a member of the list after
        # "with" taken for the default government; a person was named again by "the minister"
        persons = ctx.index.persons
        agents = [a for a in got.agents if a in persons or a not in got.others]
        others = [b for b in got.others if b not in persons or b not in agents]
        pairs = [(a, b) for a in agents for b in others]
        yield from pairs_found(ctx, pairs, trigger.sent, "negotiates.with_counterpart", 0.8)


def read_joint_parties(ctx: ArticleContext, trigger: Token) -> Iterator[Found]:
    got = reading(ctx, trigger)
    if got and not got.others and len(got.agents) >= 2:
        yield from pairs_found(ctx, _all_pairs(got.agents), trigger.sent, "negotiates.joint_parties", 0.8)


def read_the_talks(ctx: ArticleContext, trigger: Token) -> Iterator[Found]:
    """One side of "the talks" the article is about: open until the article's pair closes it."""
    got = reading(ctx, trigger)
    if (
        not got
        or got.others
        or len(got.agents) != 1
        or trigger.pos_ != "NOUN"
        or trigger.lower_ in DEAL_NOUNS
    ):
        return
    sent = trigger.sent
    if any(c.lower_ == "the" for c in trigger.children) and "past" not in {t.lower_ for t in sent}:
        yield Found(got.agents[0], NEGOTIATES, "", sent, 0.5, rule="negotiates.the_talks")


def read_running_talks(ctx: ArticleContext, found: list[Found]) -> Iterator[Found]:
    """ "... to lead the talks": the talks the article is about, with the other side of its
    most read pair of states."""
    r = ctx.resolver
    dyads: Counter[tuple[str, ...]] = Counter()
    for f in found:
        if f.kind is NEGOTIATES and not f.open:
            a, b = r.state(f.source), r.state(f.target)
            if a.startswith("country:") and b.startswith("country:") and a != b:
                dyads[tuple(sorted((a, b)))] += 1
    if not dyads:
        return
    ((pair, _),) = dyads.most_common(1)
    busy = {f.sentence.start for f in found if f.kind is NEGOTIATES and not f.open}
    for f in found:
        if not f.open or f.sentence.start in busy:
            continue
        side = r.state(f.source)
        if side in pair:
            other = pair[1] if side == pair[0] else pair[0]
            rule = "negotiates.the_talks+negotiates.running_talks"
            yield Found(f.source, NEGOTIATES, other, f.sentence, 0.5, rule=rule)


def read_negotiator_title(ctx: ArticleContext, found: list[Found]) -> Iterator[Found]:
    """ "X ... his appointment as US trade negotiator", X placed elsewhere: X negotiates with it."""
    for key, person in ctx.facts.items():
        for office in person.offices:
            if office.negotiator_for and person.affiliation and office.negotiator_for != person.affiliation:
                yield Found(
                    key,
                    NEGOTIATES,
                    office.negotiator_for,
                    office.sentence,
                    0.6,
                    rule="negotiates.negotiator_title",
                )


def without_restated_sides(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """A person paired with a state whose named persons they meet in the same sentence is said
    once, at the level of the persons ("A met B ... and his American counterparts")."""
    persons, r = ctx.index.persons, ctx.resolver
    met: set[tuple[int, str, str]] = set()
    for f in found:
        if f.kind is NEGOTIATES and f.source in persons and f.target in persons:
            met.add((f.sentence.start, f.source, r.state(f.target)))
            met.add((f.sentence.start, f.target, r.state(f.source)))

    def restated(f: Found) -> bool:
        if f.kind is not NEGOTIATES:
            return False
        return ((f.sentence.start, f.source, f.target) in met and f.target not in persons) or (
            (f.sentence.start, f.target, f.source) in met and f.source not in persons
        )

    return [f for f in found if not restated(f)]


def without_same_side(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    """Two actors of one state do not negotiate with each other ("we will speak with the
    President", said his minister): checked once the article has placed everyone."""
    r = ctx.resolver
    return [f for f in found if not (f.kind is NEGOTIATES and r.state(f.source) == r.state(f.target))]


FILTERS = (
    Filter("negotiates.without_restated_sides", without_restated_sides.__doc__ or "", without_restated_sides),
    Filter("negotiates.without_same_side", without_same_side.__doc__ or "", without_same_side),
)
