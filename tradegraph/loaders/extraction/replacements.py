"""REPLACED_BY: "X replacing Y", "Y was succeeded by X", "X takes over from Y", "X assumed the
role after Y"."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.resolve import NounResolver

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class ReplacementRules:
    """Rules for replacements; mixed into the RelationReader, which provides ``r``."""

    r: NounResolver

    index: MentionIndex

    # -- REPLACED_BY ----------------------------------------------------------------------
    def _replacement(self, verb: "Token") -> Iterator[Found]:
        lemma = verb.lemma_.lower()
        sent = verb.sent
        persons = self.index.persons
        subj = [k for c in verb.children if c.dep_ == "nsubj" for k in self.r.single(c)]
        if not subj and verb.dep_ == "relcl":
            subj = self.r.single(verb.head)
        obj = [k for c in verb.children if c.dep_ == "dobj" for k in self.r.parties(c)]
        passive_subj = [k for c in verb.children if c.dep_ == "nsubjpass" for k in self.r.single(c)]
        agent = [k for c in verb.children if c.dep_ == "agent" for g in c.children for k in self.r.single(g)]
        pairs: list[tuple[str, str]] = []
        if lemma in {"replace", "succeed"}:
            if passive_subj and agent:
                pairs += [(old, new) for old in passive_subj for new in agent]
            elif obj:
                takers = subj or self._preceding_person(verb, exclude=obj)
                pairs += [(old, n) for old in obj for n in takers]
        elif lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
            olds = [k for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children for k in self.r.single(g)]
            pairs += [(old, new) for old in olds for new in subj]
        elif lemma in {"assume", "take"}:
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lower_ in {"role", "post", "office", "job", "position", "helm", "reins"})]
            olds = [k for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "after"
                    for g in c.children for k in self.r.single(g)]
            pairs += [(old, new) for old in olds for new in subj]
        for old, new in pairs:
            if old in persons and new in persons and old != new:
                yield Found(old, RelationKind.REPLACED_BY, new, sent, 0.85 if not self.r.weak else 0.6)
        self.r.weak.clear()

    def _preceding_person(self, verb: "Token", exclude: list[str]) -> list[str]:
        """"Peter Kyle becomes ..., replacing Jonathan Reynolds": the person named before."""
        for t in reversed(list(verb.sent)[: verb.i - verb.sent.start]):
            keys = self.r.single(t)
            if keys and keys[0] in self.index.persons and keys[0] not in exclude:
                return keys[:1]
        return []

