"""The discourse layer's reference stage (run once per article before any relation rule): plural
pronouns ("They met A, B and C" after a named delegation), "these allies" after a list of states,
"his Chilean counterpart" and "the Chilean officials" after Chilean officials named together. The
resolver then reads those tokens as the actors they refer to, and every relation read through one
names the reference rule in its provenance (the rules' records are in :mod:`.discourse`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    COUNTERPART_NOUNS,
    DELEGATION_NOUNS,
    DEMONSTRATIVES,
    GROUP_REFERENCE_NOUNS,
    OFFICIAL_GROUP_NOUNS,
    PLURAL_PRONOUNS,
)
from tradegraph.loaders.extraction.spans import tokens_with_dep

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.resolve import NounResolver

#: token -> (reference rule, the actors it refers to)
References = dict[int, tuple[str, list[str]]]


def references(r: NounResolver) -> References:
    """The actors each plural pronoun, demonstrative group noun and counterpart refers to."""
    out: References = {}
    doc = r.index.doc
    groups = _subject_groups(r)
    lists = _country_lists(r)
    for t in doc:
        if t.lower_ in PLURAL_PRONOUNS and t.pos_ == "PRON":
            before = [keys for i, keys in groups if i < t.i]
            if before:
                out[t.i] = ("discourse.plural_they", before[-1])
        elif t.lower_ in GROUP_REFERENCE_NOUNS and any(c.lower_ in DEMONSTRATIVES for c in t.children):
            before = [keys for i, keys in lists if i < t.i]
            if before:
                out[t.i] = ("discourse.these_countries", before[-1])
        elif t.lower_ in COUNTERPART_NOUNS and any(c.dep_ == "poss" for c in t.children) and not named(r, t):
            states = [
                k
                for c in t.children
                if c.dep_ in {"amod", "compound", "nmod"}
                for k in r.single(c)
                if k.startswith("country:")
            ]
            if states:
                out[t.i] = ("discourse.counterpart", states[:1])
        elif t.lower_ in OFFICIAL_GROUP_NOUNS and any(c.lower_ in THE_THESE for c in t.children):
            officials = _named_officials(r, t)
            if officials:
                out[t.i] = ("discourse.named_officials", officials)
    return out


THE_THESE = frozenset({"the", "these", "those"})
#: How many sentences back "the Chilean officials" looks for the officials it names.
OFFICIALS_REACH = 3


def _named_officials(r: NounResolver, noun: Token) -> list[str]:
    """ "the Chilean officials" after "Rojas and Vargas, Chile's ministers, ...": the persons of
    that state named together (two or more) in the nearest of the few sentences before.

    >>> OFFICIALS_REACH
    3
    """
    states = [
        k
        for c in noun.children
        if c.dep_ in {"amod", "compound", "nmod"}
        for k in r.single(c)
        if k.startswith("country:")
    ]
    if len(states) != 1:
        return []
    doc, persons = r.index.doc, r.index.persons
    sents = list(doc.sents)
    here = next(n for n, s in enumerate(sents) if s.start <= noun.i < s.end)
    for n in range(here, max(-1, here - OFFICIALS_REACH - 1), -1):
        sent = sents[n]
        keys = [
            m.key
            for m in sorted(r.index.mentions, key=lambda m: m.start)
            if m.key in persons and sent.start <= m.start < min(sent.end, noun.i)
            if r.state(m.key) == states[0]
        ]
        keys = list(dict.fromkeys(keys))
        if len(keys) >= 2:
            return keys
    return []


def named(r: NounResolver, noun: Token) -> bool:
    """ "his American counterpart Tom Hale": the counterpart is named, no reference to read."""
    doc = noun.doc
    near = [c for c in noun.children if c.dep_ in {"appos", "compound"}]
    near += [doc[noun.i + 1]] if noun.i + 1 < len(doc) else []
    near += [noun.head] if noun.dep_ in {"appos", "compound"} else []
    return any((m := r.index.at(t)) is not None and m.key in r.index.persons for t in near)


def _subject_groups(r: NounResolver) -> list[tuple[int, list[str]]]:
    """Subjects naming several actors, or a delegation (with whoever leads it), by position."""
    out = []
    for t in tokens_with_dep(r.index.doc, {"nsubj", "nsubjpass"}):
        if t.lower_ in PLURAL_PRONOUNS:
            continue
        keys = r.parties(t)
        leaders = [
            k
            for c in t.children
            if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            for k in r.parties(g)
        ]
        keys = list(dict.fromkeys(keys + leaders))
        if len(keys) >= 2 or (keys and t.lower_ in DELEGATION_NOUNS):
            out.append((t.i, keys))
    return out


def _country_lists(r: NounResolver) -> list[tuple[int, list[str]]]:
    """Lists of two or more states ("Peru, Chile and Colombia"), by the position of their end."""
    from tradegraph.loaders.extraction.spans import members

    out = []
    seen: set[int] = set()
    for m in r.index.mentions:
        if m.in_name or not m.key.startswith("country:") or m.start in seen:
            continue
        head = r.index.doc[m.start : m.end].root
        group = members(head)
        keys = [k for t in group for k in r.single(t) if k.startswith("country:")]
        seen.update(t.i for t in group)
        if len(dict.fromkeys(keys)) >= 2:
            out.append((max(t.i for t in group), list(dict.fromkeys(keys))))
    return sorted(out)
