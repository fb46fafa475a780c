"""The relation rules over one parsed article: who negotiates with, replaces, is allied with or
imposes tariffs on whom, read from the dependency structure of each sentence."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterator

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.alliances import ALLY_WORDS, AllianceRules
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.replacements import ReplacementRules
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.roles import role_keys
from tradegraph.loaders.extraction.tariffs import GOODS, TARIFF_NOUNS, TariffRules

__all__ = ["Found", "RelationReader", "GOODS"]

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NEGOTIATE_VERBS = {"negotiate", "meet", "talk", "speak", "discuss", "engage", "confer"}
NEGOTIATE_NOUNS = {"talks", "talk", "negotiation", "negotiations", "discussion", "discussions", "meeting",
                   "meetings", "consultation", "consultations", "dialogue", "deal", "agreement"}
DEAL_NOUNS = {"deal", "agreement"}
SYMMETRIC_TRIGGERS = {"talk", "speak", "negotiate", "meet", "deal", "agreement", "talks", "negotiations",
                      "discussions", "meeting"}
REFUSAL = {"refuse", "decline", "reject", "reluctant", "unwilling", "avoid", "deny", "cancel", "snub",
           "boycott", "halt", "postpone", "scrap", "rule", "abandon", "walk"}
WISHFUL = {"envision", "hope", "aim", "want", "wish", "dream", "push", "seek", "open"}
FRAME_PREPS = {"following", "after", "before", "since", "ahead", "despite", "amid", "unlike", "like"}
TRANSPARENT_NOUNS = {"round", "rounds", "series", "start", "resumption", "part", "process", "phase", "launch",
                     "reopening", "sidelines"}


class RelationReader(TariffRules, AllianceRules, ReplacementRules):
    """Applies every relation rule to the sentences of one document (NEGOTIATES_WITH here, the
    other kinds in their own modules)."""

    def __init__(self, resolver: NounResolver) -> None:
        self.r = resolver
        self.index = resolver.index
        self.pending: list[tuple[list[str], "Span"]] = []
        self.last_imposer: str | None = None

    def read(self) -> list[Found]:
        found: list[Found] = []
        for sent in self.index.doc.sents:
            for token in sent:
                low, lemma = token.lower_, token.lemma_.lower()
                if token.ent_type_ in {"ORG", "EVENT", "LAW"} and low in NEGOTIATE_NOUNS:
                    continue
                if (token.pos_ == "VERB" and lemma in NEGOTIATE_VERBS) or (token.pos_ == "NOUN" and low in NEGOTIATE_NOUNS):
                    found.extend(self._negotiation(token))
                if low in TARIFF_NOUNS or lemma in {"tariff"}:
                    found.extend(self._tariff(token))
                if low in ALLY_WORDS:
                    found.extend(self._alliance(token))
                if lemma in {"replace", "succeed", "take", "assume"}:
                    found.extend(self._replacement(token))
        found.extend(self._negotiator_titles())
        found.extend(self._successions(found))
        found.extend(self._resolve_pending(found))
        return found

    # -- NEGOTIATES_WITH ------------------------------------------------------------------
    def _negotiation(self, trigger: "Token") -> Iterator[Found]:
        if self._refused(trigger) or (trigger.lower_ in DEAL_NOUNS and self._wishful(trigger)):
            return
        if trigger.lower_ in DEAL_NOUNS and not self._deal_made(trigger):
            return
        others = self._counterparts(trigger)
        agents = self._agents(trigger)
        conf = 0.6 if self.r.weak else 0.8
        sent = trigger.sent
        if others:
            for a in agents:
                for b in others:
                    if a != b and self.r.state(a) != self.r.state(b):
                        yield Found(a, RelationKind.NEGOTIATES_WITH, b, sent, conf)
        elif len(agents) >= 2 and trigger.lemma_.lower() in SYMMETRIC_TRIGGERS | {trigger.lower_}:
            for i, a in enumerate(agents):
                for b in agents[i + 1:]:
                    if self.r.state(a) != self.r.state(b):
                        yield Found(a, RelationKind.NEGOTIATES_WITH, b, sent, conf)
        elif agents and trigger.pos_ == "NOUN" and any(c.lower_ == "the" for c in trigger.children):
            if "past" not in {t.lower_ for t in sent}:
                self.pending.append((agents, sent))
        self.r.weak.clear()

    def _counterparts(self, trigger: "Token") -> list[str]:
        found: list[str] = []
        holders = [trigger]
        if trigger.dep_ in {"dobj", "attr"} and trigger.head.pos_ in {"VERB", "AUX"}:
            holders.append(trigger.head)
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self.r.parties(pobj))
                if holder is trigger and trigger.lemma_ == "meet" and child.dep_ == "dobj":
                    found.extend(self.r.parties(child))
        return [k for k in dict.fromkeys(found)]

    def _agents(self, trigger: "Token") -> list[str]:
        for child in trigger.children:
            if child.dep_ == "poss":
                return self.r.parties(child)
        cur, via_as, nouns = trigger, False, 0
        for _ in range(7):
            if cur.pos_ in {"VERB", "AUX"} or cur.dep_ == "ROOT":
                found = self._clause_agents(cur, trigger, via_as)
                if found:
                    return found
            elif cur is not trigger and cur.pos_ in {"NOUN", "PROPN"}:
                for child in cur.children:
                    if child.dep_ == "poss":
                        return self.r.parties(child)
                own = self.r.single(cur)
                if own and cur.lower_ in self.index.gaz.titles.state_words | self.index.gaz.titles.heads:
                    if cur.dep_ == "pobj" and cur.head.lower_ == "as" and cur.head.head.pos_ == "VERB":
                        objects = self._clause_agents(cur.head.head, trigger, True)
                        return list(dict.fromkeys(own + objects))
                    extra = self._led_by(cur)
                    return own + extra
                nouns += 0 if cur.lower_ in TRANSPARENT_NOUNS else 1
                if nouns > 1 or (cur.lower_ not in self.index.gaz.titles.heads and cur.dep_ == "pobj"):
                    return []  # "the best choice for the role in the negotiations": someone else's
            if cur.dep_ == "pobj" and cur.head.lower_ in FRAME_PREPS and self._fronted(cur.head):
                return []
            if cur.dep_ == "pobj" and cur.head.lower_ == "as":
                via_as = True
            if cur.dep_ == "ROOT" or cur.head is cur:
                break
            if cur.dep_ == "conj" and cur.pos_ == "VERB" and any(c.dep_ == "aux" for c in cur.children):
                break  # a clause of its own whose subject the parser lost
            cur = cur.head
        return []

    def _clause_agents(self, verb: "Token", trigger: "Token", via_as: bool) -> list[str]:
        children = list(verb.children)
        if via_as:
            for c in children:
                if c.dep_ == "dobj":
                    objects = self.r.parties(c)
                    if objects:
                        return objects
        found: list[str] = []
        for c in children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c is not trigger and not (c.i <= trigger.i <= c.right_edge.i and c.lower_ in NEGOTIATE_NOUNS):
                found.extend(self.r.parties(c))
                found.extend(self._led_by(c))
            if c.dep_ == "agent":
                for pobj in c.children:
                    found.extend(self.r.parties(pobj))
        if not found and verb.dep_ == "xcomp":
            for c in verb.head.children:
                if c.dep_ == "dobj":
                    found.extend(self.r.parties(c))
        if not found and verb.dep_ == "relcl":
            found.extend(self.r.single(verb.head))
        if not found and verb.dep_ == "csubj":
            for c in verb.head.children:
                if c.dep_ in {"attr", "nsubj"}:
                    found.extend(self.r.parties(c))
        return list(dict.fromkeys(found))

    def _led_by(self, noun: "Token") -> list[str]:
        """"a delegation led by X": the leader negotiates too."""
        out: list[str] = []
        for c in noun.children:
            if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}:
                for agent in c.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            out.extend(self.r.parties(pobj))
        return out

    def _fronted(self, prep: "Token") -> bool:
        """A frame-setting adjunct before its clause's subject ("Following the meeting with
        Japan, a delegation ...") speaks of another event."""
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return bool(subjects) and prep.i < subjects[0].i

    def _refused(self, trigger: "Token") -> bool:
        for node in [trigger, *trigger.ancestors]:
            if node.lemma_.lower() in REFUSAL:
                return True
            negs = [c for c in node.children if c.dep_ == "neg"]
            if negs and not any(c.lower_ == "yet" for c in node.subtree if abs(c.i - negs[0].i) <= 2):
                return True
            if node.pos_ == "NOUN" and any(c.lower_ == "no" for c in node.children):
                return True
        return False

    def _wishful(self, trigger: "Token") -> bool:
        return any(a.lemma_.lower() in WISHFUL for a in trigger.ancestors)

    def _deal_made(self, trigger: "Token") -> bool:
        """"reach/strike/secure a deal", "close to an agreement", "a deal with X"."""
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
            return True
        head = trigger.head
        if head.lower_ == "to" and head.head.lower_ == "close":
            return True
        return head.lemma_.lower() in {"reach", "strike", "sign", "secure", "seal", "clinch", "finalize",
                                       "finalise", "negotiate", "conclude", "agree", "hammer"}

    def _successions(self, found: list[Found]) -> Iterator[Found]:
        """A post one person leaves ("moves from foreign secretary", "former housing secretary")
        and another takes up in the same story ("to become foreign secretary")."""
        known = {(f.source, f.target) for f in found if f.kind is RelationKind.REPLACED_BY}
        succeeded = {new for _, new in known}  # one post, one predecessor: stated ones win
        takers: dict[frozenset[str], list[tuple[str, "Span"]]] = {}
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
                    same_side = self.r.affiliation(new) in (None, facts.affiliation) or facts.affiliation is None
                    if same_side and (key, new) not in known:
                        known.add((key, new))
                        yield Found(key, RelationKind.REPLACED_BY, new, sentence, 0.5)

    def _negotiator_titles(self) -> Iterator[Found]:
        """"X ... his appointment as US trade negotiator": a negotiator with the United States."""
        for key, facts in self.r.facts.items():
            for office in facts.offices:
                if office.negotiator_for and facts.affiliation and office.negotiator_for != facts.affiliation:
                    yield Found(key, RelationKind.NEGOTIATES_WITH, office.negotiator_for, office.sentence, 0.6)

    def _resolve_pending(self, found: list[Found]) -> Iterator[Found]:
        """"... to lead the talks": the talks the article is about, with the other side."""
        dyads: Counter[tuple[str, ...]] = Counter()
        for f in found:
            if f.kind is RelationKind.NEGOTIATES_WITH:
                a, b = self.r.state(f.source), self.r.state(f.target)
                if a.startswith("country:") and b.startswith("country:") and a != b:
                    dyads[tuple(sorted((a, b)))] += 1
        if not dyads:
            return
        (pair, _), = dyads.most_common(1)
        talked = {(f.sentence.start, k) for f in found if f.kind is RelationKind.NEGOTIATES_WITH for k in (f.source, f.target)}
        busy = {start for start, _ in talked}
        for agents, sent in self.pending:
            if sent.start in busy:
                continue
            for a in agents:
                side = self.r.state(a)
                if side in pair:
                    other = pair[1] if side == pair[0] else pair[0]
                    yield Found(a, RelationKind.NEGOTIATES_WITH, other, sent, 0.5)
