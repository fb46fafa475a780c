"""What is not a negotiation: refused, cancelled, conditional, urged or wished-for talks, deals
nobody made, meetings about something other than trade. Pure functions of the parse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    CONDITIONAL,
    DEAL_MADE,
    ENDING,
    HOPE_VERBS,
    NEGOTIATE_NOUNS,
    NEGOTIATE_VERBS,
    OTHER_TOPICS,
    REFUSAL,
    TOPIC_PREPS,
    URGED,
    WISHFUL,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

ENDING_PHRASES = {("cut", "off"), ("call", "off"), ("break", "off")}


def is_trigger(token: Token) -> bool:
    if token.ent_type_ in {"ORG", "EVENT", "LAW"} and token.lower_ in NEGOTIATE_NOUNS:
        return False
    if token.pos_ == "VERB":
        return token.lemma_.lower() in NEGOTIATE_VERBS
    return token.pos_ == "NOUN" and token.lower_ in NEGOTIATE_NOUNS


def refused(trigger: Token) -> bool:
    """Refused, denied, cancelled, threatened or conditional talks: "would only negotiate if"."""
    came_from: Token | None = None
    for node in [trigger, *trigger.ancestors]:
        if came_from is not None and came_from.dep_ == "conj" and came_from.pos_ in {"VERB", "AUX"}:
            came_from = (
                node  # "would not retaliate and would continue talks": the negation is the other verb's
            )
            continue
        came_from = node
        lemma = node.lemma_.lower()
        ended = lemma in ENDING or (lemma, particle(node)) in ENDING_PHRASES
        if lemma in REFUSAL or (
            ended
            and (node == trigger or node == trigger.head)
            and trigger.dep_ in {"dobj", "nsubj", "nsubjpass"}
        ):
            return True
        if node.dep_ in {"pcomp", "pobj"} and node.head.lower_ == "without":
            return True  # "returned without having met X", "ended without a meeting with X"
        negs = [c for c in node.children if c.dep_ == "neg"]
        if negs and not any(c.lower_ == "yet" for c in node.subtree if abs(c.i - negs[0].i) <= 2):
            return True
        if node.pos_ == "NOUN" and any(c.lower_ == "no" for c in node.children):
            return True
        if node.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL for m in c.children)
            for c in node.children
        ):
            return True
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL for m in node.children):
            return True
    return False


def particle(verb: Token) -> str | None:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)


def urged(trigger: Token) -> bool:
    """ "urged both countries to resolve their differences through dialogue": asked for, not held."""
    return any(
        a.lemma_.lower() in URGED and a.pos_ == "VERB" and not _pressing_on(a) for a in trigger.ancestors
    )


def _pressing_on(verb: Token) -> bool:
    """ "it would press on / ahead with negotiations": carrying on, not urging anyone."""
    return any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"on", "ahead"} for c in verb.children)


def wishful(trigger: Token) -> bool:
    return any(a.lemma_.lower() in WISHFUL for a in trigger.ancestors)


#: Modals that make a meeting a possibility, not a plan ("he might also meet X").
SPECULATIVE = frozenset({"might", "may", "could"})


def speculative(trigger: Token) -> bool:
    """ "he might meet X", "details about the meeting": talks only possible or only talked about."""
    if trigger.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in SPECULATIVE for c in trigger.children):
        return True
    verb = next((a for a in [trigger, *trigger.ancestors] if a.pos_ == "VERB"), None)
    while verb is not None and verb.dep_ == "xcomp" and not _hoping(verb):
        verb = verb.head
    if verb is not None and _hoping(verb):
        return True  # "Peru hoped to open talks with Chile": not talks yet
    return trigger.dep_ == "pobj" and trigger.head.lower_ == "about"


def _hoping(verb: Token) -> bool:
    # the small model's lemmatiser reads "hoped" as "hop": the list holds the inflected forms too
    return verb.lemma_.lower() in HOPE_VERBS or verb.lower_ in HOPE_VERBS


def deal_made(trigger: Token, made_in: Callable[[Token], list[Token]]) -> bool:
    """ "reach/strike/sign a deal with", "close to an agreement", "the deal was signed"."""
    head = trigger.head
    if head.lower_ == "to" and head.head.lower_ == "close":
        return True
    if trigger.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in DEAL_MADE:
        return True
    children = list(trigger.children)
    owned = any(c.dep_ == "poss" for c in children)
    if owned and any(c.dep_ == "prep" and c.lower_ == "with" for c in children):
        return True  # "Japan's deal with Washington", "its own deal with the U.S."
    return bool(made_in(trigger))


def other_topic(trigger: Token) -> bool:
    """ "a ceasefire meeting", "talks on security": a meeting about something other than trade."""
    for c in trigger.children:
        if c.dep_ in {"compound", "amod"} and c.lower_ in OTHER_TOPICS:
            return True
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
            topics = [g for g in c.children if g.dep_ == "pobj"]
            words = {t.lower_ for g in topics for t in [g, *g.conjuncts]}
            if words and words <= OTHER_TOPICS:
                return True
    return False


# -- article level --------------------------------------------------------------------
