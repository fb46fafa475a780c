"""Turns a noun phrase of a parse into the actors it stands for: names, surnames, pronouns,
"Japanese representatives", "a delegation from Korea", "the two countries", "the minister"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    BLOC_NOUNS,
    LEAD_VERBS,
    PAIR_NOUNS,
    PRONOUNS,
)
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.roles import PersonFacts

if TYPE_CHECKING:
    from spacy.tokens import Token

DEFAULT_GOVERNMENT = {"government", "administration", "prime", "minister", "cabinet"}
#: What a relative pronoun can be in its clause: "Y, who replaced X", "Y, whom Ottawa named ...".
RELATIVE_DEPS = {"nsubj", "nsubjpass", "dobj"}
SKIP_SUBTREE = {"prep", "relcl", "acl", "appos", "advcl"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}


class NounResolver:
    """Resolves tokens of one document to actor keys (persons, countries, bodies)."""

    def __init__(
        self,
        index: MentionIndex,
        facts: dict[str, PersonFacts],
        references: dict[int, tuple[str, list[str]]] | None = None,
    ) -> None:
        self.index = index
        self.facts = facts
        self.antecedent = index.antecedents
        self.references = references or {}  # the discourse stage's readings of "they", "these allies"

    def affiliation(self, key: str) -> str | None:
        facts = self.facts.get(key)
        return facts.affiliation if facts else None

    def state(self, key: str) -> str:
        """A person's state (or the person when unknown); a country or body as it is."""
        return self.affiliation(key) or key if key in self.index.persons else key

    def parties(self, token: Token) -> list[str]:
        """The actors of a coordinated noun phrase headed by ``token``."""
        found: list[str] = []
        for t in [token, *token.conjuncts]:
            if t.i < token.i and t.dep_ == "conj":
                continue
            own = self.single(t)
            if own and own[0] in self.index.persons:
                own = own + [k for k in self._subtree(t, skip_poss=True) if k not in own]
            for key in own or self._subtree(t):
                if key not in found:
                    found.append(key)
        return found

    def single(self, t: Token) -> list[str]:
        idx = self.index
        m = idx.at(t)
        if m is not None:
            if m.key in idx.persons:
                return [m.key]
            return [] if m.in_name else [self._place(m.key)]
        if t.i in self.references:
            return list(self.references[t.i][1])
        low = t.lower_
        if low in PRONOUNS and t.i in self.antecedent:
            return [self.antecedent[t.i]]
        if low in {"who", "that", "whom"} and t.dep_ in RELATIVE_DEPS and t.head.dep_ == "relcl":
            return self._relative(t.head.head)
        if low in PAIR_NOUNS and any(c.lower_ in {"two", "both"} for c in t.children):
            return idx.pair_before(t.i)
        if low in {"nation", "country"} and any(c.lower_ == "the" for c in t.children):
            return idx.last_countries(t.i, 1)
        if low in BLOC_NOUNS and any(c.lower_ == "the" for c in t.children):
            return self._last_bloc(t.i)
        titles = idx.gaz.titles
        if low in titles.heads:  # "India's commerce minister Piyush Goyal" parsed with the title as head
            named = [
                c
                for c in t.children
                if c.dep_ in {"appos", "compound", "nmod"}
                and (m := idx.at(c)) is not None
                and m.key in idx.persons
            ]
            if named:
                return [idx.at(named[0]).key]  # type: ignore[union-attr]
            apposed = self._apposed_official(t)
            if apposed:
                return apposed
        if low in titles.state_words or low in titles.heads or low in {"chiefs", "chief"}:
            return self._described(t)
        return []

    def _relative(self, noun: Token) -> list[str]:
        """What "who"/"whom" stands for: the noun the clause hangs on, or the person an apposed
        title describes ("Y, Peru's trade minister, who replaced X": Y, not Peru)."""
        if noun.dep_ == "appos":
            person = [k for k in self.single(noun.head) if k in self.index.persons]
            if person:
                return person
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LEAD_VERBS:  # "X led a delegation that met Y"
            leaders = [
                k
                for c in noun.head.children
                if c.dep_ == "nsubj"
                for k in self.single(c)
                if k in self.index.persons
            ]
            if leaders:
                return leaders
        return self.single(noun)

    def _apposed_official(self, t: Token) -> list[str]:
        """ "Chile's envoy, Deputy Minister Ana Ruiz, ...": the person the apposed title names."""
        idx = self.index
        for c in t.children:
            if c.dep_ == "appos" and c.i > t.i and c.lower_ in idx.gaz.titles.heads:
                inner = [idx.at(d) for d in c.subtree if d.i > c.i]
                persons = [m.key for m in inner if m is not None and m.key in idx.persons]
                if persons:
                    return persons[:1]
        return []

    def _last_bloc(self, before: int) -> list[str]:
        """ "the bloc", "the 27-member bloc": the body of states named last before it."""
        for m in sorted(self.index.mentions, key=lambda m: -m.start):
            if (
                m.start < before
                and not m.in_name
                and m.key.startswith("org:")
                and self.index.places[m.key].state is None
            ):
                return [m.key]
        return []

    def _described(self, t: Token) -> list[str]:
        """ "Japanese representatives", "a delegation from South Korea", "Trump's officials",
        "the Trump administration", "the minister" (a person named earlier with that office)."""
        return self.described(t)[0]

    def described(self, t: Token) -> tuple[list[str], bool]:
        """The actors a description names, and whether only by default ("the government": the
        government the story is about)."""
        found: list[str] = []
        for c in t.children:
            targets = [c] if c.dep_ in MODIFIER_DEPS else []
            if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                targets = [g for g in c.children if g.dep_ == "pobj"]
            for g in targets:
                for key in self.single(g):
                    state = self.state(key)
                    if state in self.index.persons and t.lower_ in {"administration", "government"}:
                        state = self._other_side(t) or state  # "the Trump administration"
                    if state not in found:
                        found.append(state)
        if found:
            holder = self._holder_of(t, found)
            return ([holder] if holder else found), False
        if any(c.lower_ == "the" for c in t.children):
            if t.lower_ in self.index.gaz.titles.heads and t.lower_ not in {"officials", "representatives"}:
                person = self._recent_with_role(t)
                if person:
                    return [person], False
            if t.lower_ in DEFAULT_GOVERNMENT and self.index.home:
                return [self._acting_state(t) or self.index.home], True
        return [], False

    def _other_side(self, t: Token) -> str | None:
        """A country named in the sentence besides the one the story is about, else the most
        mentioned such country."""
        from collections import Counter

        # the administration acts; the states it acts on ("pacts with A, B and C", "tariffs
        # on A") are the other party, never its own state
        acted_on = {
            m.key
            for token in t.sent
            if (m := self.index.at(token)) is not None and _object_of_preposition(token)
        }
        for token in t.sent:
            m = self.index.at(token)
            if (
                m is not None
                and m.key.startswith("country:")
                and not m.in_name
                and m.key != self.index.home
                and m.key not in acted_on
            ):
                return m.key
        counts = Counter(
            m.key
            for m in self.index.mentions
            if m.key.startswith("country:")
            and not m.in_name
            and m.key != self.index.home
            and m.key not in acted_on
        )
        return counts.most_common(1)[0][0] if counts else None

    def _acting_state(self, t: Token) -> str | None:
        """ "Trump assigned X as the government's representatives": the subject's state."""
        root = t.sent.root
        for c in root.children:
            if c.dep_ == "nsubj":
                m = self.index.at(c)
                if m is not None and m.key in self.index.persons and m.start > t.i - 40:
                    return self.affiliation(m.key)
        return None

    def _holder_of(self, t: Token, states: list[str]) -> str | None:
        """ "the Swiss president" after "President Karin Keller-Sutter" was placed in Switzerland:
        the person last named with that title and that state, not the state."""
        titles = self.index.gaz.titles
        if (
            len(states) != 1
            or t.tag_ in {"NNS", "NNPS"}
            or t.lower_ not in titles.heads
            or t.lower_ in titles.state_words
            or not any(c.lower_ == "the" for c in t.children)
        ):
            return None
        best: tuple[int, str] | None = None
        for m in self.index.mentions:
            facts = self.facts.get(m.key)
            if (
                m.start < t.i
                and facts is not None
                and facts.affiliation == states[0]
                and any(t.lower_ in r.lower().split() for r in facts.roles)
                and (best is None or m.start > best[0])
            ):
                best = (m.start, m.key)
        return best[1] if best else None

    def _recent_with_role(self, t: Token) -> str | None:
        best: tuple[int, str] | None = None
        for m in self.index.mentions:
            if (
                m.start < t.i
                and m.key in self.facts
                and any(t.lower_ in r.lower().split() for r in self.facts[m.key].roles)
            ):
                if best is None or m.start > best[0]:
                    best = (m.start, m.key)
        return best[1] if best else None

    def _subtree(self, t: Token, skip_poss: bool = False) -> list[str]:
        """Persons inside a noun phrase the parser mis-attached ("Choi and Trade Minister Ahn")."""
        found: list[str] = []
        stack = [t]
        skip = SKIP_SUBTREE | {"poss"} if skip_poss else SKIP_SUBTREE
        while stack:
            node = stack.pop()
            m = self.index.at(node)
            if m is not None and m.key in self.index.persons and m.key not in found:
                found.append(m.key)
            stack.extend(c for c in node.children if c.dep_ not in skip)
        return found

    def _place(self, key: str) -> str:
        place = self.index.places[key]
        return self.index.gaz.country(place.state).id if place.state and place.how == "seat" else key


def weak_tokens(resolver: NounResolver) -> frozenset[int]:
    """Tokens whose actor the text only implies: a pronoun (its antecedent) and a definite
    description read as the government the story is about. A reading resting on one is less sure."""
    index = resolver.index
    titles = index.gaz.titles
    out = {i for i in resolver.antecedent} | set(resolver.references)
    for t in index.doc:
        if t.lower_ in DEFAULT_GOVERNMENT and (t.lower_ in titles.state_words or t.lower_ in titles.heads):
            if resolver.described(t)[1]:
                out.add(t.i)
    return frozenset(out)


#: Prepositions whose objects are acted on, not acting ("a deal with A", "tariffs on A").
ACTED_ON_PREPS = frozenset({"with", "on", "against", "to", "from", "between", "for"})


def _object_of_preposition(token: Token) -> bool:
    """Whether ``token`` (or the list it ends) is the object of an acted-on preposition."""
    head = token
    for _ in range(6):
        if head.dep_ != "conj" and head.dep_ != "compound":
            break
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ACTED_ON_PREPS
