"""REPLACED_BY: "X replacing Y", "Y was succeeded by X", "X takes over from Y", "X assumed the
role after Y"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.roles import role_keys

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


APPOINT = {"name", "appoint", "nominate", "pick", "tap", "choose", "select", "install"}
POSTS = {"role", "post", "office", "job", "position", "helm", "reins", "portfolio", "seat", "mantle"}


class ReplacementRules:
    """Rules for replacements; mixed into the RelationReader, which provides ``r``."""

    r: NounResolver

    index: MentionIndex

    # -- REPLACED_BY ----------------------------------------------------------------------
    def _replacement(self, verb: Token) -> Iterator[Found]:
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
                takers = (
                    self._appointee(verb)
                    or subj
                    or self._head_subject(verb)
                    or self._preceding_person(verb, exclude=obj)
                )
                pairs += [(old, n) for old in obj for n in takers]
        elif lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
            olds = [
                k
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children
                for k in self.r.single(g)
            ]
            pairs += [(old, new) for old in olds for new in subj]
        elif lemma in {"assume", "take"}:
            posts = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in POSTS]
            # "took the helm from X": a post handed over; "assumed the role after X"
            preps = {"after", "from"} if posts else {"after"}
            olds = [
                k
                for h in [verb, *posts]
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in preps
                for g in c.children
                for k in self.r.single(g)
            ]
            pairs += [(old, new) for old in olds for new in subj]
        for old, new in pairs:
            if old in persons and new in persons and old != new:
                yield Found(old, RelationKind.REPLACED_BY, new, sent, 0.85 if not self.r.weak else 0.6)
        self.r.weak.clear()

    def _appointee(self, verb: Token) -> list[str]:
        """ "X named Y as foreign minister, replacing Z": the one appointed takes the post, not the
        one appointing."""
        for node in verb.ancestors:
            if node.lemma_.lower() in APPOINT:
                return [
                    k
                    for c in node.children
                    if c.dep_ in {"dobj", "oprd"}
                    for k in self.r.single(c)
                    if k in self.index.persons
                ]
        return []

    def _head_subject(self, verb: Token) -> list[str]:
        """Who takes the post in the clause a participle or infinitive hangs on: its object ("X
        named Y as envoy, to succeed Z"), else its subject ("he was named minister, succeeding Z")."""
        if verb.dep_ not in {"advcl", "xcomp", "conj", "acl"} or verb.head == verb:
            return []
        for deps in ({"dobj"}, {"nsubjpass", "nsubj"}):
            found = [
                k
                for c in verb.head.children
                if c.dep_ in deps
                for k in self.r.single(c)
                if k in self.index.persons
            ]
            if found:
                return found
        return []

    def _preceding_person(self, verb: Token, exclude: list[str]) -> list[str]:
        """ "Peter Kyle becomes ..., replacing Jonathan Reynolds": the person named before."""
        for t in reversed(list(verb.sent)[: verb.i - verb.sent.start]):
            keys = self.r.single(t)
            if keys and keys[0] in self.index.persons and keys[0] not in exclude:
                return keys[:1]
        return []

    def _successions(self, found: list[Found]) -> Iterator[Found]:
        """A post one person leaves ("moves from foreign secretary", "former housing secretary")
        and another takes up in the same story ("to become foreign secretary")."""
        known = {(f.source, f.target) for f in found if f.kind is RelationKind.REPLACED_BY}
        succeeded = {new for _, new in known}  # one post, one predecessor: stated ones win
        takers: dict[frozenset[str], list[tuple[str, Span]]] = {}
        for key, facts in self.r.facts.items():
            for office in facts.offices:
                if office.new and office.current:
                    for rk in role_keys(office.role, split=False):
                        takers.setdefault(rk, []).append((key, office.sentence))
        for key, facts in self.r.facts.items():
            for office in facts.offices:
                if not office.left:
                    continue
                for rk in role_keys(office.role):
                    candidates = [(k, s) for k, s in takers.get(rk, []) if k != key and k not in succeeded]
                    if len({k for k, _ in candidates}) != 1:
                        continue
                    new, sentence = candidates[0]
                    same_side = (
                        self.r.affiliation(new) in (None, facts.affiliation) or facts.affiliation is None
                    )
                    if same_side and (key, new) not in known:
                        known.add((key, new))
                        yield Found(key, RelationKind.REPLACED_BY, new, sentence, 0.5)
