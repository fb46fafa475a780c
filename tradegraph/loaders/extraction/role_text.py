"""Small readings of an office's wording: its noun phrase, its text without determiners, what
identifies a post across wordings ("the Home Office" ~ "home secretary"), past and quoted service."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import HONORIFICS, PAST_SERVICE, ROLE_STOP
from tradegraph.loaders.extraction.mentions import in_quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.facts import Office
    from tradegraph.loaders.extraction.mentions import MentionIndex


def _opening_in(prep: Token) -> bool:
    """ "In Seoul, ...": the place a sentence opens on frames who speaks there."""
    return prep.lower_ == "in" and prep.i == prep.sent.start


def _past(verb: Token) -> bool:
    """ "served", "had served" (not "has served", still in office)."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    )


def _serving(title: Span) -> bool:
    """ "served as foreign minister": holding a post, not taking it up."""
    return any(a.lemma_ in PAST_SERVICE | {"work", "act", "remain"} for a in list(title.root.ancestors)[:2])


def _at_body(title: Span) -> bool:
    """ "a vice-president at Canadian Manufacturers & Exporters": a post at an organisation
    (state offices are "of" or "for" their state)."""
    holders = [title.root, title.root.head] if title.root.dep_ == "appos" else [title.root]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "at"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for h in holders
        for c in h.children
    )


def _hyphen_general(token: Token) -> bool:
    """ "Director-General": the head of an international body, not a company director."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "general"


def _np(token: Token) -> Span:
    """The noun phrase of an office: without relative clauses, trailing punctuation or
    adjuncts ("representatives in negotiations with Japan" -> "representatives")."""
    doc = token.doc
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"relcl", "punct", "appos", "cc", "conj", "advcl", "acl"}:
            break
        if (
            child.dep_ == "prep"
            and child.lower_ not in {"of", "for", "to"}
            and not (child.lower_ == "in" and any(g.lower_ == "charge" for g in child.children))
        ):
            break
        end = child.right_edge.i + 1
    start = token.left_edge.i
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].head.i == token.head.i:
        start = doc[start - 2].left_edge.i  # "vice - president" the parser split into siblings
    return doc[start:end]


def _role_text(title: Span, index: MentionIndex) -> str:
    """The office itself: without determiners, possessors and honorifics ("Japan's economic
    revitalization minister" -> "economic revitalization minister")."""
    words = []
    for t in title:
        m = index.at(t)
        if t.dep_ in {"det", "case"} or t.tag_ == "POS" or t.lower_ in HONORIFICS:
            continue
        if m is not None and t.dep_ == "poss":
            continue
        if t.lower_ in index.gaz.titles.former_words or (t.dep_ == "amod" and t.lower_ in {"new", "current"}):
            continue
        words.append(t.text)
    text = " ".join(words).replace(" ,", ",").replace(" - ", "-").strip().strip(",").strip()
    return text


def _quoted(sentence: Span, office: Office, text: str) -> bool:
    return in_quote(sentence.doc, sentence.start, text) or in_quote(sentence.doc, sentence.end - 1, text)


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def _head_word(role: str) -> str:
    words = role.lower().split()
    return words[-1] if words else ""


def role_keys(role: str, split: bool = True) -> list[frozenset[str]]:
    """What identifies a post across wordings: "the Home Office" and "home secretary" -> {home};
    "former deputy prime minister and housing secretary" -> {deputy, prime}, {housing}."""

    keys = []
    for part in re.split(r"\band\b|,", role.lower()) if split else [role.lower()]:
        words = frozenset(w for w in re.findall(r"[a-z]+", part) if w not in ROLE_STOP)
        if words:
            keys.append(words)
    return keys
