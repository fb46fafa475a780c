"""Affiliations the text gives only indirectly: a deputy, an appointee or a member of a
delegation shares the state of the person they are tied to; a head of state named without a
country ("President X") belongs to the country the article associates with them, never to a
default country."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    FACE_VERBS,
    IMPOSER_VERBS,
    IN_FORCE_VERBS,
    PARTNER_WORDS,
    POLICY_NOUNS,
    RATE_NOUNS,
    SERVE_VERBS,
    TALK_WORDS,
    TIE_TARIFF_NOUNS,
)
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.superiors import person_at, superior_of

if TYPE_CHECKING:
    from spacy.tokens import Token


#: Verbs of leading a group ("a team headed by X").
LEAD_LEMMAS = frozenset({"lead", "head", "chair"})


class Ties:
    """Ties between persons of one document, and what an article says against a person's state."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.doc = index.doc

    def _person(self, token: Token) -> str | None:
        return person_at(self.index, token)

    def superior(self, key: str) -> str | None:
        """The person ``key`` is tied to (``superiors.superior_of``)."""
        return superior_of(self.index, key)

    # -- what places a person ----------------------------------------------------------------
    def led_group_state(self, key: str) -> str | None:
        """ "an EU team headed by chief negotiator X", "Indian negotiators led by X": the state or
        body of the group the person leads."""
        for head in self._referring(key):
            by, verb = head.head, head.head.head
            if head.dep_ != "pobj" or by.lower_ != "by" or verb.lemma_.lower() not in LEAD_LEMMAS:
                continue
            group = verb.head if verb.dep_ == "acl" else None
            if group is None:
                continue
            places = {
                m.key
                for c in group.children
                if c.dep_ in {"compound", "amod", "nmod", "poss"}
                and (m := self.index.at(c)) is not None
                and m.key not in self.index.persons
                and not m.in_name
            }
            if len(places) == 1:
                return self._seat_state(places.pop())
        return None

    def owned_state(self, key: str) -> str | None:
        """ "the new U.S. tariffs that Y has threatened": Y acts for the tariffs' state."""
        for m in self.index.mentions:
            if m.key != key:
                continue
            head = self.doc[m.start : m.end].root
            verb = head.head
            if head.dep_ != "nsubj" or verb.dep_ != "relcl":
                continue
            for c in verb.head.children:
                place = self.index.at(c)
                if (
                    c.dep_ in {"compound", "amod", "nmod", "poss"}
                    and place is not None
                    and not place.in_name
                    and place.key.startswith("country:")
                ):
                    return place.key
        return None

    def possessed_state(self, key: str, placed: Callable[[str], str | None]) -> str | None:
        """ "Y will promote President X's priorities" said of a placed official Y: X leads Y's state;
        "miners struggling with high US tariffs under X's new policy": X acts for the tariffs' state."""
        for m in self.index.mentions:
            head = self.doc[m.start : m.end].root
            if m.key != key or head.dep_ != "poss" or head.head.lower_ not in POLICY_NOUNS:
                continue
            noun = head.head
            served = self._servant_state(noun, key, placed)
            if served:
                return served
            tariffs = self._sentence_tariff_state(noun)
            if tariffs:
                return tariffs
        return None

    def _servant_state(self, noun: Token, key: str, placed: Callable[[str], str | None]) -> str | None:
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in SERVE_VERBS:
            return None
        for node in [verb, *list(verb.ancestors)[:3]]:
            for c in node.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    other = self._person(c)
                    return placed(other) if other and other != key else None
        return None

    def _sentence_tariff_state(self, noun: Token) -> str | None:
        """The one state whose tariffs the sentence of ``noun`` names ("high US tariffs")."""
        found = set()
        for t in noun.sent:
            if t.lower_ in TIE_TARIFF_NOUNS:
                for c in t.children:
                    m = self.index.at(c)
                    if c.dep_ in {"compound", "amod", "nmod"} and m is not None and not m.in_name:
                        if m.key.startswith("country:"):
                            found.add(m.key)
        return found.pop() if len(found) == 1 else None

    def conjunct_state(self, key: str, stated: Callable[[str], str | None]) -> str | None:
        """ "Chile's Ambassador to Peru A and Energy Secretary B", "met US Trade Representative A
        and Secretary of Energy B": B, titled without a state, serves A's."""
        for m in self.index.mentions:
            head = self.doc[m.start : m.end].root
            if m.key != key or head.dep_ != "conj":
                continue
            other = self._person(head.head)
            if other and other != key:
                return stated(other)
        return None

    def tariff_state(self, key: str) -> str | None:
        """A person who imposes tariffs acts for the state whose tariffs the article names ("the
        U.S. tariffs"), when it names one state's tariffs most."""
        if not self.opposed(key):
            return None
        counts: Counter[str] = Counter()
        for t in self.doc:
            if t.lower_ in TIE_TARIFF_NOUNS:
                for c in t.children:
                    m = self.index.at(c)
                    if c.dep_ in {"compound", "amod", "nmod", "poss"} and m is not None and not m.in_name:
                        if m.key.startswith("country:"):
                            counts[m.key] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def opposed(self, key: str) -> set[str]:
        """Countries a person puts tariffs on: "Y announced a 32% tariff on Indonesian goods"."""
        out: set[str] = set()
        for m in self.index.mentions:
            if m.key != key:
                continue
            head = self.doc[m.start : m.end].root
            if head.dep_ == "compound" and head.head.lower_ == "administration":
                head = head.head  # "the X administration imposed ..."
            out.update(self._imposed_by(head))
            if head.dep_ != "nsubj":
                continue
            verbs = [head.head, *head.head.conjuncts]
            for verb in verbs:
                for obj in verb.children:
                    if obj.dep_ == "dobj" and obj.lower_ in TIE_TARIFF_NOUNS:
                        out.update(self._targets(obj) | self._targets(verb))  # "raises tariff on X goods"
                        for more in obj.conjuncts:  # "a duty and a surcharge on X leather"
                            out.update(self._targets(more))
                        out.update(self._hit(obj))
                    if obj.dep_ == "ccomp":  # "Y announced that Vietnamese goods would face a tariff"
                        out.update(self._facing(obj))
                if (
                    verb.dep_ == "relcl" and verb.head.lower_ in TIE_TARIFF_NOUNS
                ):  # "a tariff, which Y imposed on X"
                    out.update(self._targets(verb))
        out.update(self._counterparts(key))
        return out

    def _counterparts(self, key: str) -> set[str]:
        """ "The Prime Minister will engage in talks with Y": Y sits across the table from the
        subject's state."""
        out: set[str] = set()
        for m in self.index.mentions:
            if m.key != key:
                continue
            head = self.doc[m.start : m.end].root
            prep = head.head
            if head.dep_ != "pobj" or prep.lower_ != "with":
                continue
            node = prep.head
            for _ in range(3):
                if node.lemma_.lower() in TALK_WORDS or node.lower_ in TALK_WORDS:
                    verb = node
                    while (
                        verb.dep_ not in {"ROOT", "relcl", "ccomp", "advcl", "conj"}
                        and verb.head is not verb
                        and verb.pos_ != "VERB"
                    ):
                        verb = verb.head
                    for c in verb.children:
                        if c.dep_ in {"nsubj", "nsubjpass"}:
                            state = self.state_of(c)
                            if state:
                                out.add(state)
                    break
                node = node.head
        return out

    def partners(self, key: str, placed: Callable[[str], str | None]) -> set[str]:
        """States across the table from a person: "X reached a deal with Indonesian President Y",
        "Y spoke with X", "a call between X and Y", "X met Y", "X resumed talks with Bangkok"."""
        out: set[str] = set()
        for head in self._referring(key):
            others: list[Token] = []
            if head.dep_ in {"nsubj", "nsubjpass"}:
                verb = head.head
                for node in verb.subtree:
                    if (
                        node.dep_ == "pobj"
                        and node.head.lower_ in {"with", "between"}
                        and self._partnering(node.head.head)
                    ):
                        others += [node, *node.conjuncts]
                    if node.dep_ == "dobj" and node.head == verb and verb.lemma_.lower() in PARTNER_WORDS:
                        others += [node, *node.conjuncts]
            if (
                head.dep_ == "pobj"
                and head.head.lower_ in {"with", "between"}
                and self._partnering(head.head.head)
            ):
                for node in [head.head.head, *list(head.head.head.ancestors)[:4]]:
                    subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
                    if subjects:  # "X could not strike a deal with Y": X
                        others += subjects
                        break
                others += [c for c in head.conjuncts]
            if head.dep_ == "dobj" and head.head.lemma_.lower() in PARTNER_WORDS:
                others += [c for c in head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            for other in others:
                for t in [
                    other,
                    *(c for c in other.children if c.dep_ in {"compound", "poss", "amod", "appos"}),
                ]:
                    found = self.index.at(t)
                    if found is None or found.key == key or found.in_name:
                        continue
                    state = (
                        placed(found.key) if found.key in self.index.persons else self._seat_state(found.key)
                    )
                    if state and state.startswith("country:"):
                        out.add(state)
                    break
        return out

    def _referring(self, key: str) -> list[Token]:
        """The heads of every mention of a person, and of every pronoun that refers to them
        ("President X said he will meet ...")."""
        heads = [self.doc[m.start : m.end].root for m in self.index.mentions if m.key == key]
        heads += [self.doc[i] for i, k in self.index.antecedents.items() if k == key]
        return heads

    def _seat_state(self, key: str) -> str:
        """ "Bangkok" as the Thai government; a country as itself."""
        place = self.index.places.get(key)
        if place is not None and place.state and place.how == "seat":
            return self.index.gaz.country(place.state).id
        return key

    @staticmethod
    def _partnering(node: Token) -> bool:
        for _ in range(3):
            if node.lemma_.lower() in PARTNER_WORDS or node.lower_ in PARTNER_WORDS:
                return True
            if node.head is node:
                break
            node = node.head
        return False

    def state_of(self, token: Token) -> str | None:
        """The country a subject stands for: itself, or the state of the person or office named."""
        m = self.index.at(token)
        if m is not None and m.key.startswith("country:") and not m.in_name:
            return m.key
        if token.lower_ in {"minister", "president", "government", "premier"} and any(
            c.lower_ == "the" for c in token.children
        ):
            return self.index.home
        return None

    def subordinate_state(self, key: str, facts: dict[str, object]) -> str | None:
        """ "Y tasked Johnson with ...", where Johnson's state is known: Y's state."""
        for other in self.index.persons:
            if other != key and self.superior(other) == key:
                aff = getattr(facts.get(other), "affiliation", None)
                if aff:
                    return str(aff)
        return None

    def _facing(self, verb: Token) -> set[str]:
        """ "goods from X would face / pay a 20% tariff": X."""
        if verb.lemma_.lower() not in FACE_VERBS:
            return set()
        out: set[str] = set()
        for subj in verb.children:
            if subj.dep_ != "nsubj":
                continue
            for t in subj.subtree:
                place = self.index.at(t)
                if place is not None and not place.in_name and place.key.startswith("country:"):
                    out.add(place.key)
        return out

    def _imposed_by(self, head: Token) -> set[str]:
        """ "The levy on Peruvian fruit was imposed by [the government of] Y": the passive's subject."""
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in POLICY_NOUNS:
            head = head.head.head  # "by the administration of Y"
        agent = head.head
        if head.dep_ != "pobj" or agent.dep_ != "agent":
            return set()
        verb = agent.head
        if verb.lemma_.lower() not in IMPOSER_VERBS:
            return set()
        return {
            k
            for c in verb.children
            if c.dep_ == "nsubjpass" and (c.lower_ in TIE_TARIFF_NOUNS or c.lower_ in RATE_NOUNS)
            for k in self._targets(c) | self._hit(c)
        }

    def _hit(self, tariff: Token) -> set[str]:
        """ "a duty on copper, a measure that hits Chilean exports": the states the tariff is said to hit."""
        out: set[str] = set()
        for noun in [tariff, *(c for c in tariff.children if c.dep_ == "appos")]:
            for verb in noun.children:
                if verb.dep_ == "relcl" and verb.lemma_.lower() in IN_FORCE_VERBS:
                    for obj in verb.children:
                        if obj.dep_ == "dobj":
                            for t in [obj, *obj.children]:
                                place = self.index.at(t)
                                if place is not None and place.key.startswith("country:"):
                                    out.add(place.key)
        return out

    def _targets(self, tariff: Token) -> set[str]:
        out = set()
        for prep in tariff.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against"}:
                for pobj in prep.children:
                    for t in [pobj, *pobj.children]:
                        place = self.index.at(t)
                        if place is not None and place.key.startswith("country:"):
                            out.add(place.key)
        return out

    def main_countries(self, excluded: set[str]) -> list[str]:
        """Countries of the article, most mentioned first, leaving out ``excluded``."""
        counts = Counter(m.key for m in self.index.mentions if m.key.startswith("country:") and not m.in_name)
        return [k for k, _ in counts.most_common() if k not in excluded]


def bare_head_title(role: str, head_titles: frozenset[str]) -> str | None:
    """ "President" -> "president"; "U.S. President" -> None (the office names its state)."""
    low = " ".join(role.lower().replace("-", " ").split())
    return low if low in head_titles else None


def head_title(role: str, head_titles: frozenset[str]) -> str | None:
    """The head-of-state title a role ends with ("Turkish President" -> "president")."""
    low = " ".join(role.lower().split())
    for title in sorted(head_titles, key=len, reverse=True):
        if low == title or low.endswith(" " + title):
            return title
    return None


def first(items: list[str | None], ok: Callable[[str], bool]) -> str | None:
    return next((i for i in items if i and ok(i)), None)
