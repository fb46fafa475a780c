"""Who a person serves under, by the text's ties: "his deputy, Y", "X's envoy Y", "X named Y as
...", "reports to Y", "X ... with a team led by Y", "X is leading a delegation that includes Y".
A person tied so shares the state of the one they serve (``affiliation.superior``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    APPOINT_VERBS,
    GROUP_NOUNS,
    LEAD_VERBS,
    REPORT_TO_VERBS,
    SUBORDINATE_NOUNS,
)
from tradegraph.loaders.extraction.mentions import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Token


def person_at(index: MentionIndex, token: Token) -> str | None:
    """The person ``token`` names, or the one a personal pronoun there stands for."""
    m = index.at(token)
    if m is not None and m.key in index.persons:
        return m.key
    if token.lower_ in {"he", "she", "his", "her", "him"}:
        return index.antecedents.get(token.i)
    return None


def superior_of(index: MentionIndex, key: str) -> str | None:
    """The person ``key`` is tied to as a deputy, appointee or delegation member, if any."""
    return Superiors(index).of(key)


class Superiors:
    """Reads the ties of one document's persons to those they serve under."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.doc = index.doc

    def _person(self, token: Token) -> str | None:
        return person_at(self.index, token)

    def of(self, key: str) -> str | None:
        """The person ``key`` is tied to: "his deputy, Y", "X's envoy Y", "X named Y as ...",
        "reports to Y", "X ... with a team led by Y"."""
        for m in self.index.mentions:
            if m.key != key:
                continue
            head = self.doc[m.start : m.end].root
            for found in (
                self._possessed_title(head),
                self._appointer(head),
                self._reported_to(head),
                self._group_leader(head),
                self._delegation_member(head),
                self._companion(head),
            ):
                if found and found != key:
                    return found
        return None

    def _companion(self, head: Token) -> str | None:
        """ "X was accompanied by A and B", "X, accompanied by A", "A accompanied X": A serves X's state."""
        node = head
        while node.dep_ in {"compound", "conj", "appos"} and node.head.i != node.i:
            node = node.head
        verb = node.head.head if node.dep_ == "pobj" and node.head.lower_ == "by" else node.head
        if verb.lemma_.lower() != "accompany":
            return None
        if node.dep_ == "pobj":  # the passive: the one accompanied is its subject or the noun it hangs on
            led = [c for c in verb.children if c.dep_ == "nsubjpass"]
            led += [verb.head] if verb.dep_ == "acl" else []
        elif node.dep_ == "nsubj":
            led = [c for c in verb.children if c.dep_ == "dobj"]
        else:
            return None
        return next((p for c in led if (p := self._person(c))), None)

    def _delegation_member(self, head: Token) -> str | None:
        """ "X is leading a delegation that includes Y" / "a delegation including Y": Y serves X's state."""
        node = head
        while node.dep_ in {"compound", "conj", "appos"} and node.head.i != node.i:
            node = node.head
        include = node.head
        if node.dep_ not in {"dobj", "pobj"} or include.lemma_.lower() not in {"include", "including"}:
            return None
        group = include.head if include.dep_ in {"relcl", "acl", "prep"} else None
        if group is None or group.dep_ != "dobj" or group.head.lemma_.lower() not in LEAD_VERBS:
            return None
        return next((p for c in group.head.children if c.dep_ == "nsubj" if (p := self._person(c))), None)

    def _possessed_title(self, head: Token) -> str | None:
        """ "his deputy, Y" / "X's deputy Y": the possessor is the superior."""
        nouns = [head.head] if head.dep_ in {"appos", "compound"} else []
        nouns += [c for c in head.children if c.dep_ in {"appos", "compound", "nmod"}]
        for noun in nouns:
            if noun.lower_ in SUBORDINATE_NOUNS:
                for c in noun.children:
                    if c.dep_ == "poss":
                        return self._person(c)
        return None

    def _appointer(self, head: Token) -> str | None:
        """ "X named Y as trade minister": Y serves X's government."""
        verb = head.head
        if head.dep_ == "dobj" and verb.lemma_.lower() in APPOINT_VERBS:
            for c in verb.children:
                if c.dep_ == "nsubj":
                    return self._person(c)
        if head.dep_ == "nsubjpass" and verb.lemma_.lower() in APPOINT_VERBS:
            for c in verb.children:
                if c.dep_ == "agent":
                    for g in c.children:
                        return self._person(g)
        return None

    def _reported_to(self, head: Token) -> str | None:
        """ "He said he would report to Y": the speaker serves Y."""
        prep = head.head
        if head.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lemma_.lower() in REPORT_TO_VERBS:
            for c in prep.head.children:
                if c.dep_ == "nsubj":
                    return self._person(c)
        return None

    def _group_leader(self, head: Token) -> str | None:
        """ "X flew to London with a team led by Y": Y leads X's team."""
        agent = head.head
        if head.dep_ != "pobj" or agent.dep_ != "agent" or agent.head.lemma_.lower() not in LEAD_VERBS:
            return None
        group = agent.head.head
        if group.lower_ not in GROUP_NOUNS or group.dep_ != "pobj" or group.head.lower_ != "with":
            return None
        verb = group.head.head
        for c in verb.children:
            if c.dep_ == "nsubj":
                found = self._person(c)
                if found is None and c.lower_ in {"who"} and verb.dep_ == "relcl":
                    found = self._person(verb.head)
                return found
        if verb.dep_ == "relcl":
            return self._person(verb.head)
        return None
