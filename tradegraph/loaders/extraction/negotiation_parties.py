"""The parties of a negotiation trigger: who the sentence attaches to "talks", "met", "a call"
(its subjects, its "with" and "between" objects, possessors, delegations led by someone), read
over the article context without changing it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.graph.model import ActorKind
from tradegraph.knowledge.lexicon import (
    COUNTERPART_NOUNS,
    DEAL_MADE,
    DEAL_NOUNS,
    DELEGATION_NOUNS,
    FRAME_PREPS,
    NEGOTIATE_NOUNS,
    NEGOTIATE_VERBS,
    PAIR_WORDS,
    REFUSAL,
    SEQUENCE_PREPS,
    SIDE_NOUNS,
    SIDE_PAIRS,
    TOPIC_PREPS,
    TRANSPARENT_NOUNS,
)
from tradegraph.loaders.extraction.negotiation_guards import is_trigger
from tradegraph.loaders.extraction.references import named

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext

#: Dependencies that open a clause with its own speaker or agent.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl"})


class Parties:
    """Reads the parties of negotiation triggers in one article (no state of its own)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.r = ctx.resolver
        self.index = ctx.index

    def group(self, token: Token) -> list[str]:
        """The actors of a noun phrase, with what the resolver leaves out: coordinated modifiers
        ("Mexican and U.S. officials") and a list continuing an apposition ("Argentina's
        negotiator, Lucía Ferreyra, and Paraguay's minister Esteban Giménez")."""
        if (
            token.lower_ in SIDE_PAIRS
            and any(c.lower_ in {"two", "both"} for c in token.children)
            and self.ctx.running.sides
        ):
            return list(self.ctx.running.sides)  # "the two sides agreed": the sides of the last talks read
        found = list(self.r.parties(token)) or self._running_counterpart(token)
        if token.lower_ in PAIR_WORDS and any(c.lower_ == "the" for c in token.children):
            found += self._last_pair(token.i)  # "the pair did meet X"
        for t in [token, *token.conjuncts]:
            if t.i < token.i and t.dep_ == "conj":
                continue
            before = len(found)
            named = self.index.at(t)
            person = named is not None and named.key in self.index.persons
            for c in t.children:
                if c.dep_ == "appos":
                    items = self.r.parties(c)
                    # a person's apposition is their title, unless it names more persons (a list)
                    if not person or (items and all(k in self.index.persons for k in items)):
                        found.extend(items)
                if c.dep_ in {"amod", "compound", "nmod"} and c.conjuncts:
                    found.extend(k for m in [c, *c.conjuncts] for k in self.r.single(m))
            if self.r.single(t) or len(found) > before:
                continue
            if t.pos_ == "NOUN" and t.lower_ in SIDE_NOUNS:
                found.extend(self.modifier_states(t))
            elif t.pos_ == "PROPN":  # "the U.S. State Department": an office named with its state
                found.extend(
                    m.key
                    for c in t.children
                    if c.dep_ in {"compound", "nmod"}
                    if (m := self.index.at(c)) is not None and m.key.startswith("country:")
                )
        return list(dict.fromkeys(found))

    def _running_counterpart(self, token: Token) -> list[str]:
        """ "X met her counterpart" (unnamed): the other side of the pair the article negotiates."""
        sides = self.ctx.running.sides
        if token.lower_ not in COUNTERPART_NOUNS or len(sides) != 2 or named(self.r, token):
            return []
        owners = [self.r.state(k) for c in token.children if c.dep_ == "poss" for k in self.r.single(c)]
        if len(owners) == 1 and owners[0] in sides:
            return [sides[1] if owners[0] == sides[0] else sides[0]]
        return []

    def _last_pair(self, before: int) -> list[str]:
        """The two persons last named together ("A and B flew to X ... The pair met Y")."""
        doc = self.index.doc
        for m in sorted(self.index.mentions, key=lambda m: -m.start):
            if m.start < before and m.key in self.index.persons:
                group = [k for k in self.group(doc[m.end - 1]) if k in self.index.persons]
                if len(group) == 2:
                    return group
        return []

    def side(self, key: str) -> str:
        """A state's own office ("the Office of the U.S. Trade Representative", "the State
        Department") negotiates for its state."""
        place = self.index.places.get(key)
        if place is not None and place.kind is ActorKind.ORGANIZATION and place.state:
            return self.index.gaz.country(place.state).id
        return key

    def _holders(self, trigger: Token) -> list[Token]:
        """The trigger and the verb or noun that carries its arguments: "held talks with",
        "talks were held between", "three rounds of talks with"."""
        holders = [trigger]
        node = trigger
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in TRANSPARENT_NOUNS:
            node = node.head.head
            holders.append(node)
        if node.dep_ in {"dobj", "attr", "nsubjpass", "nsubj"} and node.head.pos_ in {"VERB", "AUX"}:
            holders.append(node.head)
        holders.extend(self.made_in(trigger))
        return holders

    def made_in(self, trigger: Token) -> list[Token]:
        """ "the pact Chile struck with Peru", "an accord brokered by A and B": the clause that
        makes the deal."""
        if trigger.lower_ not in DEAL_NOUNS:
            return []
        return [c for c in trigger.children if c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in DEAL_MADE]

    def between(self, trigger: Token) -> list[str]:
        for holder in self._holders(trigger):
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    found = [k for pobj in child.children if pobj.dep_ == "pobj" for k in self.group(pobj)]
                    if len(found) >= 2:
                        return found
        return []

    def counterparts(self, trigger: Token) -> list[str]:
        found: list[str] = []
        for holder in self._holders(trigger):
            if holder.pos_ in {"VERB", "AUX"} and holder != trigger and holder.lemma_.lower() in REFUSAL:
                continue
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self.group(pobj))
                if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
                    found.extend(
                        k
                        for topic in child.children
                        if topic.dep_ == "pobj"
                        for p in topic.children
                        if p.dep_ == "prep" and p.lower_ == "with"
                        for g in p.children
                        if g.dep_ == "pobj"
                        for k in self.group(g)
                    )
                if holder == trigger and trigger.lemma_ in {"meet", "call"} and child.dep_ == "dobj":
                    found.extend(self.group(child))
                if (
                    holder == trigger
                    and trigger.pos_ == "VERB"
                    and child.dep_ == "conj"
                    and child.pos_ in {"PROPN", "NOUN"}
                ):
                    found.extend(
                        self.group(child)
                    )  # "met A's envoy, B, and C's minister D": D hung on the verb
                if (
                    holder == trigger
                    and trigger.lemma_ in {"talk", "speak"}
                    and child.dep_ == "prep"
                    and child.lower_ == "to"
                ):
                    found.extend(k for g in child.children if g.dep_ == "pobj" for k in self.group(g))
        return list(dict.fromkeys(found))

    def made_by(self, trigger: Token) -> list[str]:
        """ "an accord brokered by A, B and C": its makers."""
        if trigger.lower_ not in DEAL_NOUNS:
            return []
        makers = [
            k
            for verb in trigger.children
            if verb.dep_ == "acl" and verb.lemma_.lower() in DEAL_MADE
            for by in verb.children
            if by.dep_ == "agent"
            for g in by.children
            if g.dep_ == "pobj"
            for k in self.group(g)
        ]
        # persons and states mixed: a maker the names missed, read as its state; the level is unclear
        return makers if len({k in self.index.persons for k in makers}) == 1 else []

    def distant_with(self, trigger: Token) -> list[str]:
        """ "X discussed the burden the levy placed on miners with Y": a "with" the parser hung
        deeper in the verb's clause, taken only when it names persons."""
        if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in NEGOTIATE_VERBS:
            return []
        for t in trigger.subtree:
            if t.dep_ == "prep" and t.lower_ == "with" and t.head != trigger:
                between = [a for a in t.ancestors if trigger.i < a.i and a in trigger.subtree]
                if any(a.pos_ in {"VERB", "AUX"} and a.dep_ in CLAUSE_DEPS for a in between):
                    continue  # inside a clause of its own ("said it would talk with Y")
                found = [k for g in t.children if g.dep_ == "pobj" for k in self.group(g)]
                if found and all(k in self.index.persons for k in found):
                    return found
        return []

    def agents(self, trigger: Token) -> list[str]:  # noqa: C901 - allow-listed (tests/unit/test_guardrails.py)
        for child in trigger.children:
            if child.dep_ == "poss" and (owners := self.group(child)):
                return owners
        for verb in self.made_in(trigger):
            found = [k for c in verb.children if c.dep_ == "nsubj" for k in self.group(c)]
            if found:
                return found
        cur, via_as, nouns = trigger, False, 0
        for _ in range(8):
            if cur.pos_ in {"VERB", "AUX"} or cur.dep_ == "ROOT":
                found = self._clause_agents(cur, trigger, via_as)
                if found:
                    return found
            elif cur != trigger and cur.pos_ in {"NOUN", "PROPN"}:
                for child in cur.children:
                    if child.dep_ == "poss" and ((owners := self.group(child)) or child.pos_ != "PRON"):
                        return owners  # "their round of talks" read by nobody: the clause's subjects
                own = self.r.single(cur)
                if own and cur.lower_ in self.index.gaz.titles.state_words | self.index.gaz.titles.heads:
                    if cur.dep_ == "pobj" and cur.head.lower_ == "as" and cur.head.head.pos_ == "VERB":
                        objects = self._clause_agents(cur.head.head, trigger, True)
                        return list(dict.fromkeys(own + objects))
                    return own + self._led_by(cur)
                transparent = cur.lower_ in TRANSPARENT_NOUNS
                nouns += 0 if transparent else 1
                if nouns > 1 or (
                    not transparent and cur.lower_ not in self.index.gaz.titles.heads and cur.dep_ == "pobj"
                ):
                    return []  # "the best choice for the role in the negotiations": someone else's
            if (
                cur.dep_ == "pobj"
                and cur.head.lower_ in FRAME_PREPS | SEQUENCE_PREPS
                and self._fronted(cur.head)
            ):
                return []
            if cur.dep_ == "pobj" and cur.head.lower_ == "as":
                via_as = True
            if cur.dep_ == "ROOT" or cur.head is cur:
                break
            cur = cur.head
        return []

    def _clause_agents(self, verb: Token, trigger: Token, via_as: bool) -> list[str]:
        children = list(verb.children)
        if via_as:
            for c in children:
                if c.dep_ == "dobj":
                    objects = self.group(c)
                    if objects:
                        return objects
        found: list[str] = []
        for c in children:
            if (
                c.dep_ in {"nsubj", "nsubjpass"}
                and c != trigger
                and not (c.i <= trigger.i <= c.right_edge.i and c.lower_ in NEGOTIATE_NOUNS)
            ):
                found.extend(self.group(c))
                found.extend(self._led_by(c))
            if c.dep_ == "agent":
                for pobj in c.children:
                    found.extend(self.group(pobj))
        if not found:
            found = self._governor_agents(verb)
        return list(dict.fromkeys(found))

    def _governor_agents(self, verb: Token) -> list[str]:
        """Sides a clause without its own subject takes from the clause it depends on: "told his
        team to resume talks" (xcomp), "the minister who negotiated" (relcl), "to negotiate is
        X's job" (csubj)."""
        found: list[str] = []
        if verb.dep_ == "xcomp":
            for c in verb.head.children:
                if c.dep_ == "dobj" and self._own_people(c):
                    found.extend(
                        self.r.state(k)
                        for s in verb.head.children
                        if s.dep_ == "nsubj"
                        for k in self.group(s)
                    )
                elif c.dep_ == "dobj":
                    found.extend(self.group(c))
        elif verb.dep_ == "relcl":
            found.extend(self.r.single(verb.head))
        elif verb.dep_ == "csubj":
            for c in verb.head.children:
                if c.dep_ in {"attr", "nsubj"}:
                    found.extend(self.group(c))
        return found

    @staticmethod
    def _own_people(noun: Token) -> bool:
        """ "told his team to resume talks": the teller's own people, so the teller's state is the side."""
        return noun.lower_ in SIDE_NOUNS and any(
            c.dep_ == "poss" and c.lower_ in {"his", "her", "their", "its", "my", "our"}
            for c in noun.children
        )

    def _led_by(self, noun: Token) -> list[str]:
        """ "a delegation led by X": the leader negotiates too."""
        out: list[str] = []
        for c in noun.children:
            if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}:
                for agent in c.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            out.extend(self.r.parties(pobj))
        return out

    # -- delegations ----------------------------------------------------------------------
    def is_delegation(self, noun: Token) -> bool:
        if noun.lower_ in {"delegation", "delegations", "negotiators"}:
            return True
        return noun.lower_ in DELEGATION_NOUNS and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.lower_ in {"negotiators", "officials"} for g in c.children)
            for c in noun.children
        )

    def modifier_states(self, noun: Token) -> list[str]:
        """ "a Japanese delegation", "a team of Vietnamese negotiators"."""
        out: list[str] = []
        for c in noun.children:
            if c.dep_ in {"amod", "compound", "nmod", "poss"}:
                own = self.r.single(c)
                if not own and c.dep_ == "compound":  # "State Department officials"
                    own = [k for g in c.children if g.dep_ == "compound" for k in self.r.single(g)]
                out += own
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                out += [k for g in c.children if g.dep_ == "pobj" for k in self.group(g)]
        return out

    # -- what is not a negotiation --------------------------------------------------------
    def _fronted(self, prep: Token) -> bool:
        """A frame-setting adjunct before its clause's subject is another event when the clause
        holds talks of its own ("Following the meeting with Japan, a delegation from Korea will
        meet ..."), refers back to talks told before ("Following the meeting with Japan, ...") or
        compares ("Like Japan's talks with ..."); otherwise the subject took part ("After a call
        with X, Y agreed to ...")."""
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or prep.i > subjects[0].i:
            return False
        if prep.lower_ in FRAME_PREPS:
            return True
        if any(
            c.lower_ in {"the", "this", "that", "these", "those"} for g in prep.children for c in g.children
        ):
            return (
                True  # "Following the meeting with Japan, ...": an event told before, its parties read there
            )
        return any(
            is_trigger(t) and self.counterparts(t)
            for t in verb.subtree
            if not prep.i <= t.i <= prep.right_edge.i
        )
