"""NEGOTIATES_WITH: who talks with whom, read from a trigger word ("talks", "negotiate", "met",
"a phone call", "a round") and the parties the sentence attaches to it: "X and Y <trigger>",
"<trigger> between X and Y", "<trigger> with Y", "X met Y", "X's talks with Y", "a delegation
sent to Y"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import ActorKind, RelationKind
from tradegraph.loaders.extraction.alliances import hyphen_countries
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.roles import PersonFacts

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "agree" pairs only parties the sentence coordinates or joins with "with" ("X and Y agreed to").
NEGOTIATE_VERBS = {"negotiate", "meet", "talk", "speak", "discuss", "engage", "confer", "consult", "agree"}
# What two sides agree on: a negotiation only when made, tabled or owned ("its deal with Y").
DEAL_NOUNS = {
    "deal",
    "deals",
    "agreement",
    "agreements",
    "framework",
    "frameworks",
    "pact",
    "pacts",
    "accord",
    "accords",
    "truce",
    "settlement",
    "arrangement",
    "arrangements",
}
NEGOTIATE_NOUNS = {
    "talks",
    "talk",
    "negotiation",
    "negotiations",
    "discussion",
    "discussions",
    "meeting",
    "meetings",
    "consultation",
    "consultations",
    "dialogue",
    "call",
    "conference",
    "round",
    "rounds",
    "summit",
    "summits",
    "session",
    "sessions",
} | DEAL_NOUNS
# A meeting about something other than trade ("a ceasefire meeting", "security talks").
OTHER_TOPICS = {
    "ceasefire",
    "peace",
    "security",
    "defense",
    "defence",
    "military",
    "border",
    "nuclear",
    "climate",
    "migration",
    "refugee",
    "hostage",
    "arms",
    "courtesy",
}
# Prepositions naming what talks are about; a "with" the parser hangs under them still names the
# other side ("talks on the tariffs with Y", "negotiations on an agreement with Y").
TOPIC_PREPS = {"on", "over", "about", "for", "regarding", "concerning"}
# A call, conference or round is a negotiation only when the sentence says between whom or with whom.
NEEDS_PARTIES = {"call", "conference", "round", "rounds", "session", "sessions"}
REFUSAL = {
    "refuse",
    "decline",
    "reject",
    "reluctant",
    "unwilling",
    "avoid",
    "deny",
    "cancel",
    "snub",
    "boycott",
    "halt",
    "postpone",
    "scrap",
    "rule",
    "abandon",
    "walk",
    "terminate",
    "suspend",
    "threaten",
    "shun",
}
# Verbs that end talks only when the talks are their own argument ("ended the talks", "talks
# collapsed"), not when they frame another event ("the dispute ended after talks").
ENDING = {"end", "break", "collapse"}
ENDING_PHRASES = {("cut", "off"), ("call", "off"), ("break", "off")}
CONDITIONAL = {"if", "unless"}
WISHFUL = {"envision", "hope", "aim", "want", "wish", "dream", "push", "seek", "open"}
URGED = {"urge", "encourage", "press", "ask", "call", "invite", "demand", "appeal"}
# A fronted "like/unlike" adjunct compares with another event; "after/before talks with Y, X ..."
# has the clause's subject as a party.
FRAME_PREPS = {"unlike", "like"}
SEQUENCE_PREPS = {"following", "after", "before", "since", "ahead", "despite", "amid"}
TRANSPARENT_NOUNS = {
    "round",
    "rounds",
    "series",
    "start",
    "resumption",
    "part",
    "process",
    "phase",
    "launch",
    "reopening",
    "sidelines",
    "stretch",
    "stage",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hours",
    "session",
    "sessions",
}
DELEGATION_NOUNS = {
    "delegation",
    "delegations",
    "team",
    "negotiators",
    "envoy",
    "envoys",
    "mission",
    "negotiator",
    "officials",
    "representatives",
}
# Nouns for the people or bodies of a side, named by their modifiers: "Colombian diplomats",
# "State Department officials", "the four Mercosur countries".
SIDE_NOUNS = {
    "diplomats",
    "officials",
    "negotiators",
    "ministers",
    "representatives",
    "delegation",
    "delegations",
    "team",
    "teams",
    "counterparts",
    "leaders",
    "government",
    "governments",
    "authorities",
    "envoys",
    "countries",
    "nations",
    "economies",
    "members",
    "sides",
    "ministries",
    "regulators",
}
SEND_VERBS = {"send", "dispatch"}
GO_VERBS = {"travel", "fly", "head", "go", "arrive", "visit", "return"}
# Verbs that make a deal, or put one on the table between the sides.
DEAL_MADE = {
    "reach",
    "strike",
    "sign",
    "secure",
    "seal",
    "clinch",
    "finalize",
    "finalise",
    "negotiate",
    "conclude",
    "agree",
    "hammer",
    "ink",
    "forge",
    "announce",
    "unveil",
    "table",
    "propose",
    "present",
    "submit",
    "broker",
    "complete",
    "cut",
}
PAIR_WORDS = {"pair", "duo"}
SIDE_PAIRS = {"sides", "parties"}


class NegotiationRules:
    """Rules for NEGOTIATES_WITH; mixed into the RelationReader, which provides ``r``."""

    r: NounResolver
    index: MentionIndex
    pending: list[tuple[list[str], Span]]
    last_sides: list[str]

    def is_negotiation_trigger(self, token: Token) -> bool:
        if token.ent_type_ in {"ORG", "EVENT", "LAW"} and token.lower_ in NEGOTIATE_NOUNS:
            return False
        if token.pos_ == "VERB":
            return token.lemma_.lower() in NEGOTIATE_VERBS
        return token.pos_ == "NOUN" and token.lower_ in NEGOTIATE_NOUNS

    def _negotiation(self, trigger: Token) -> Iterator[Found]:
        low = trigger.lower_
        if self._refused(trigger) or self._urged(trigger) or (low in DEAL_NOUNS and self._wishful(trigger)):
            return
        if low in DEAL_NOUNS and not self._deal_made(trigger):
            return
        if self._other_topic(trigger):
            return
        if low in {"round", "rounds", "session", "sessions"} and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children
        ):
            return  # "a round of talks": the talks are the trigger
        conf = 0.6 if self.r.weak else 0.8
        sent = trigger.sent
        pairs: list[tuple[str, str]] = []
        between = self._between(trigger) or hyphen_countries(self.r, trigger)
        if len(between) >= 2:
            pairs = [(a, b) for i, a in enumerate(between) for b in between[i + 1 :]]
        else:
            others = self._counterparts(trigger)
            agents = [] if low in NEEDS_PARTIES and not others else self._agents(trigger)
            if others:
                pairs = [(a, b) for a in agents for b in others]
            elif len(agents) >= 2:
                pairs = [(a, b) for i, a in enumerate(agents) for b in agents[i + 1 :]]
            elif (
                agents
                and trigger.pos_ == "NOUN"
                and low not in DEAL_NOUNS
                and any(c.lower_ == "the" for c in trigger.children)
            ):
                if "past" not in {t.lower_ for t in sent}:
                    self.pending.append((agents, sent))
        for a, b in pairs:
            a, b = self._side(a), self._side(b)
            if a != b and self.r.state(a) != self.r.state(b):
                self.last_sides = [self.r.state(a), self.r.state(b)]
                yield Found(a, RelationKind.NEGOTIATES_WITH, b, sent, conf)
        self.r.weak.clear()

    # -- parties --------------------------------------------------------------------------
    def _group(self, token: Token) -> list[str]:
        """The actors of a noun phrase, with what the resolver leaves out: coordinated modifiers
        ("Mexican and U.S. officials") and a list continuing an apposition ("Argentina's
        negotiator, Lucía Ferreyra, and Paraguay's minister Esteban Giménez")."""
        if (
            token.lower_ in SIDE_PAIRS
            and any(c.lower_ in {"two", "both"} for c in token.children)
            and self.last_sides
        ):
            return list(self.last_sides)  # "the two sides agreed": the sides of the last talks read
        found = list(self.r.parties(token))
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
                found.extend(self._modifier_states(t))
            elif t.pos_ == "PROPN":  # "the U.S. State Department": an office named with its state
                found.extend(
                    m.key
                    for c in t.children
                    if c.dep_ in {"compound", "nmod"}
                    if (m := self.index.at(c)) is not None and m.key.startswith("country:")
                )
        return list(dict.fromkeys(found))

    def _last_pair(self, before: int) -> list[str]:
        """The two persons last named together ("A and B flew to X ... The pair met Y")."""
        doc = self.index.doc
        for m in sorted(self.index.mentions, key=lambda m: -m.start):
            if m.start < before and m.key in self.index.persons:
                group = [k for k in self._group(doc[m.end - 1]) if k in self.index.persons]
                if len(group) == 2:
                    return group
        return []

    def _side(self, key: str) -> str:
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
        holders.extend(self._made_in(trigger))
        return holders

    def _made_in(self, trigger: Token) -> list[Token]:
        """ "the deal Japan struck with the U.S.": the relative clause that makes the deal."""
        if trigger.lower_ not in DEAL_NOUNS:
            return []
        return [c for c in trigger.children if c.dep_ == "relcl" and c.lemma_.lower() in DEAL_MADE]

    def _between(self, trigger: Token) -> list[str]:
        for holder in self._holders(trigger):
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    found = [k for pobj in child.children if pobj.dep_ == "pobj" for k in self._group(pobj)]
                    if len(found) >= 2:
                        return found
        return []

    def _counterparts(self, trigger: Token) -> list[str]:
        found: list[str] = []
        for holder in self._holders(trigger):
            if holder.pos_ in {"VERB", "AUX"} and holder != trigger and holder.lemma_.lower() in REFUSAL:
                continue
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self._group(pobj))
                if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
                    found.extend(
                        k
                        for topic in child.children
                        if topic.dep_ == "pobj"
                        for p in topic.children
                        if p.dep_ == "prep" and p.lower_ == "with"
                        for g in p.children
                        if g.dep_ == "pobj"
                        for k in self._group(g)
                    )
                if holder == trigger and trigger.lemma_ in {"meet", "call"} and child.dep_ == "dobj":
                    found.extend(self._group(child))
                if (
                    holder == trigger
                    and trigger.pos_ == "VERB"
                    and child.dep_ == "conj"
                    and child.pos_ in {"PROPN", "NOUN"}
                ):
                    found.extend(
                        self._group(child)
                    )  # "met A's envoy, B, and C's minister D": D hung on the verb
                if (
                    holder == trigger
                    and trigger.lemma_ in {"talk", "speak"}
                    and child.dep_ == "prep"
                    and child.lower_ == "to"
                ):
                    found.extend(k for g in child.children if g.dep_ == "pobj" for k in self._group(g))
        return list(dict.fromkeys(found))

    def _agents(self, trigger: Token) -> list[str]:
        for child in trigger.children:
            if child.dep_ == "poss" and (owners := self._group(child)):
                return owners
        for verb in self._made_in(trigger):
            found = [k for c in verb.children if c.dep_ == "nsubj" for k in self._group(c)]
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
                    if child.dep_ == "poss":
                        return self._group(child)
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
                    objects = self._group(c)
                    if objects:
                        return objects
        found: list[str] = []
        for c in children:
            if (
                c.dep_ in {"nsubj", "nsubjpass"}
                and c != trigger
                and not (c.i <= trigger.i <= c.right_edge.i and c.lower_ in NEGOTIATE_NOUNS)
            ):
                found.extend(self._group(c))
                found.extend(self._led_by(c))
            if c.dep_ == "agent":
                for pobj in c.children:
                    found.extend(self._group(pobj))
        if not found and verb.dep_ == "xcomp":
            for c in verb.head.children:
                if c.dep_ == "dobj" and self._own_people(c):
                    found.extend(
                        self.r.state(k)
                        for s in verb.head.children
                        if s.dep_ == "nsubj"
                        for k in self._group(s)
                    )
                elif c.dep_ == "dobj":
                    found.extend(self._group(c))
        if not found and verb.dep_ == "relcl":
            found.extend(self.r.single(verb.head))
        if not found and verb.dep_ == "csubj":
            for c in verb.head.children:
                if c.dep_ in {"attr", "nsubj"}:
                    found.extend(self._group(c))
        return list(dict.fromkeys(found))

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
    def _delegation(self, verb: Token) -> Iterator[Found]:
        """ "Vietnam will send a team of negotiators to Washington", "a Japanese delegation will
        travel to Seoul": the sending state negotiates with the host."""
        if self._refused(verb):
            return
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        senders: list[str] = []
        if lemma in SEND_VERBS:
            sent_nouns = [c for c in children if c.dep_ == "dobj" and self._is_delegation(c)]
            if sent_nouns:
                senders = [k for c in children if c.dep_ == "nsubj" for k in self._group(c)]
                senders += [k for c in sent_nouns for k in self._modifier_states(c)]
        else:
            subjects = [c for c in children if c.dep_ == "nsubj" and self._is_delegation(c)]
            senders = [k for c in subjects for k in self._modifier_states(c)]
        hosts = [
            k
            for c in children
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
            for k in self._group(g)
        ]
        if lemma == "visit":
            hosts += [k for c in children if c.dep_ == "dobj" for k in self._group(c)]
        senders = [self.r.state(k) for k in senders if self.r.state(k).startswith("country:")]
        hosts = [k for k in hosts if k.startswith("country:")]
        for a in dict.fromkeys(senders):
            for b in dict.fromkeys(hosts):
                if a != b:
                    yield Found(a, RelationKind.NEGOTIATES_WITH, b, verb.sent, 0.6)

    def _is_delegation(self, noun: Token) -> bool:
        if noun.lower_ in {"delegation", "delegations", "negotiators"}:
            return True
        return noun.lower_ in DELEGATION_NOUNS and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.lower_ in {"negotiators", "officials"} for g in c.children)
            for c in noun.children
        )

    def _modifier_states(self, noun: Token) -> list[str]:
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
                out += [k for g in c.children if g.dep_ == "pobj" for k in self._group(g)]
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
            self.is_negotiation_trigger(t) and self._counterparts(t)
            for t in verb.subtree
            if not prep.i <= t.i <= prep.right_edge.i
        )

    def _refused(self, trigger: Token) -> bool:
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
            ended = lemma in ENDING or (lemma, self._particle(node)) in ENDING_PHRASES
            if lemma in REFUSAL or (
                ended
                and (node == trigger or node == trigger.head)
                and trigger.dep_ in {"dobj", "nsubj", "nsubjpass"}
            ):
                return True
            if node.dep_ == "pcomp" and node.head.lower_ == "without":
                return True  # "returned without having met X"
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
            if node.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITIONAL for m in node.children
            ):
                return True
        return False

    @staticmethod
    def _particle(verb: Token) -> str | None:
        return next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)

    def _urged(self, trigger: Token) -> bool:
        """ "urged both countries to resolve their differences through dialogue": asked for, not held."""
        return any(a.lemma_.lower() in URGED and a.pos_ == "VERB" for a in trigger.ancestors)

    def _wishful(self, trigger: Token) -> bool:
        return any(a.lemma_.lower() in WISHFUL for a in trigger.ancestors)

    def _deal_made(self, trigger: Token) -> bool:
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
        return bool(self._made_in(trigger))

    def _other_topic(self, trigger: Token) -> bool:
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
    def _without_restated_sides(self, found: list[Found]) -> list[Found]:
        """A person paired with a state whose named persons they meet in the same sentence is
        said once, at the level of the persons ("A met B ... and his American counterparts")."""
        persons = self.index.persons
        met: set[tuple[int, str, str]] = set()
        for f in found:
            if f.kind is RelationKind.NEGOTIATES_WITH and f.source in persons and f.target in persons:
                met.add((f.sentence.start, f.source, self.r.state(f.target)))
                met.add((f.sentence.start, f.target, self.r.state(f.source)))

        def restated(f: Found) -> bool:
            if f.kind is not RelationKind.NEGOTIATES_WITH:
                return False
            return ((f.sentence.start, f.source, f.target) in met and f.target not in persons) or (
                (f.sentence.start, f.target, f.source) in met and f.source not in persons
            )

        return [f for f in found if not restated(f)]

    def _without_same_side(self, found: list[Found]) -> list[Found]:
        """Two actors of one state do not negotiate with each other ("we will speak with the
        President", said his minister): read once the article has placed everyone."""

        def same_side(f: Found) -> bool:
            return f.kind is RelationKind.NEGOTIATES_WITH and self.r.state(f.source) == self.r.state(f.target)

        return [f for f in found if not same_side(f)]

    def _negotiator_titles(self) -> Iterator[Found]:
        """ "X ... his appointment as US trade negotiator": a negotiator with the United States."""
        facts: dict[str, PersonFacts] = self.r.facts
        for key, person in facts.items():
            for office in person.offices:
                if (
                    office.negotiator_for
                    and person.affiliation
                    and office.negotiator_for != person.affiliation
                ):
                    yield Found(
                        key, RelationKind.NEGOTIATES_WITH, office.negotiator_for, office.sentence, 0.6
                    )

    def _resolve_pending(self, found: list[Found]) -> Iterator[Found]:
        """ "... to lead the talks": the talks the article is about, with the other side."""
        dyads: Counter[tuple[str, ...]] = Counter()
        for f in found:
            if f.kind is RelationKind.NEGOTIATES_WITH:
                a, b = self.r.state(f.source), self.r.state(f.target)
                if a.startswith("country:") and b.startswith("country:") and a != b:
                    dyads[tuple(sorted((a, b)))] += 1
        if not dyads:
            return
        ((pair, _),) = dyads.most_common(1)
        busy = {f.sentence.start for f in found if f.kind is RelationKind.NEGOTIATES_WITH}
        for agents, sent in self.pending:
            if sent.start in busy:
                continue
            for a in agents:
                side = self.r.state(a)
                if side in pair:
                    other = pair[1] if side == pair[0] else pair[0]
                    yield Found(a, RelationKind.NEGOTIATES_WITH, other, sent, 0.5)
