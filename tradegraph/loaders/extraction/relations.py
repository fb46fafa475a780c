"""The relation rules over one parsed article: who negotiates with, replaces, is allied with or
imposes tariffs on whom, read from the dependency structure of each sentence."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.roles import role_keys

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

TARIFF_NOUNS = {"tariff", "tariffs", "duty", "duties", "levy", "levies", "surcharge", "surcharges"}
UNREAL = {"threaten", "plan", "consider", "propose", "warn", "vow", "avoid", "weigh", "mull", "delay",
          "pause", "suspend", "exempt", "cut", "lower", "reduce", "remove", "eliminate", "lift", "scrap",
          "drop", "waive", "open", "seek", "want", "could", "would", "might", "may", "if", "unless",
          "threat", "possible", "potential", "prospect", "exemption", "exemptions", "relief", "negotiate"}
EXISTING_TARIFF_VERBS = {"hike", "raise", "increase", "keep", "double", "extend", "maintain", "lift", "boost"}
IN_FORCE_VERBS = {"kick", "take", "go", "come", "hit", "apply", "affect"}
GOODS = {"goods", "products", "imports", "exports", "steel", "cars", "autos", "shipments", "items", "produce"}

TRANSPARENT_NOUNS = {"round", "rounds", "series", "start", "resumption", "part", "process", "phase", "launch",
                     "reopening", "sidelines"}
IMPOSE_VERBS = {"impose", "slap", "levy", "announce", "put", "place", "set", "apply", "introduce", "raise", "hike"}
ALLY_WORDS = {"ally", "allies", "alliance", "alliances", "allied"}


@dataclass
class Found:
    """A relation read in one sentence, with how sure the rule is."""

    source: str
    kind: RelationKind
    target: str
    sentence: "Span"
    confidence: float
    role: str | None = None


class RelationReader:
    """Applies every relation rule to the sentences of one document."""

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

    # -- IMPOSES_TARIFFS_ON ---------------------------------------------------------------
    def _tariff(self, tariff: "Token") -> Iterator[Found]:
        imposer = self._imposer(tariff)
        if imposer:
            self.last_imposer = imposer
        targets = self._tariff_targets(tariff)
        clause = self._imposing_clause(tariff)
        if clause is not None:
            imposer = self._clause_imposer(clause) or imposer
            targets += [k for k in self._clause_targets(clause) if k not in targets]
        elif self._unreal(tariff):
            return
        if not targets:
            return
        imposer = imposer or self.last_imposer or self._default_imposer()
        if not imposer:
            return
        for target in targets:
            if target != imposer and self.r.state(imposer) != target:
                yield Found(imposer, RelationKind.IMPOSES_TARIFFS_ON, target, tariff.sent, 0.8)

    def _imposing_clause(self, tariff: "Token") -> "Token | None":
        """"the tariff that Washington imposed on X", "tariffs imposed on X by Y", "the tariffs
        that have hit X": a clause asserting the tariff exists, whatever governs the noun."""
        for child in tariff.children:
            if child.dep_ in {"relcl", "acl"} and (child.lemma_.lower() in IMPOSE_VERBS | {"hit", "affect"}):
                if not any(c.dep_ in {"aux", "mark"} and c.lower_ in UNREAL for c in child.children):
                    return child
        return None

    def _clause_imposer(self, clause: "Token") -> str | None:
        for c in clause.children:
            if c.dep_ == "nsubj" and c.lower_ not in {"that", "which"}:
                found = self.r.single(c)
                if found:
                    return found[0]
            if c.dep_ == "agent":
                for pobj in c.children:
                    found = self.r.single(pobj)
                    if found:
                        return self.r.state(found[0]) if found[0] in self.index.persons else found[0]
        return None

    def _clause_targets(self, clause: "Token") -> list[str]:
        found: list[str] = []
        for c in clause.children:
            if c.dep_ == "prep" and c.lower_ in {"on", "for", "against"}:
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        found.extend(self._target(pobj))
            if c.dep_ == "dobj" and clause.lemma_.lower() in {"hit", "affect"}:
                found.extend(self._target(c))
        return [k for k in found if k.startswith(("country:", "org:"))]

    def _imposer(self, tariff: "Token") -> str | None:
        for child in tariff.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                found = self.r.single(child)
                if found:
                    return found[0]
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    found = self.r.single(pobj)
                    if found:
                        return found[0]
        cur = tariff
        for _ in range(5):
            head = cur.head
            if head is cur:
                break
            if cur.dep_ == "prep" and head.pos_ in {"VERB", "AUX"}:
                break  # a tariff inside an adjunct ("in response to the tariff ...") is not the clause's
            if head.pos_ in {"NOUN"} and cur.dep_ in {"acl", "pobj", "prep", "compound"}:
                for child in head.children:
                    if child.dep_ == "poss":
                        found = self.r.single(child)
                        if found:
                            return found[0]
            if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in {"hit", "affect", "face"}:
                for child in head.children:
                    if child.dep_ in {"nsubj", "agent"} and child is not cur:
                        node = next((g for g in child.children if g.dep_ == "pobj"), child) if child.dep_ == "agent" else child
                        found = self.r.single(node)
                        if found and (found[0] in self.index.persons or found[0].startswith(("country:", "org:"))):
                            return found[0]
                if head.dep_ not in {"xcomp", "advcl", "conj", "acl", "ccomp"}:
                    break
            cur = head
        return None

    def _default_imposer(self) -> str | None:
        return "country:USA" if "country:USA" in self.index.places else None

    def _tariff_targets(self, tariff: "Token") -> list[str]:
        found: list[str] = []
        holders = [tariff, *[c for c in tariff.children if c.dep_ == "acl"]]
        if tariff.dep_ in {"dobj", "nsubjpass", "attr"}:
            holders.append(tariff.head)
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in {"on", "for", "against"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self._target(pobj))
        head = tariff.head
        if tariff.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "subject":
            verb = head.head.head
            for c in verb.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    found.extend(self._target(c))
        if tariff.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ in {"hit", "affect"}:
            verb = head.head
            clause = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
            if verb.dep_ in {"acomp", "xcomp", "oprd"}:
                clause.append(verb.head)  # "Cambodia remains hit by ..."
            for node in clause:
                for c in node.children:
                    if c.dep_ in {"nsubj", "nsubjpass"}:
                        found.extend(self._target(c))
        if tariff.dep_ == "dobj" and head.lemma_ in {"face", "suffer"}:
            for c in head.children:
                if c.dep_ == "nsubj":
                    found.extend(self._target(c))
            if head.dep_ == "relcl":
                found.extend(self._target(head.head))
        if tariff.dep_ == "nsubj" and head.lemma_ in IN_FORCE_VERBS:
            found.extend(self._in_force_targets(head))
        return [k for k in dict.fromkeys(found) if k.startswith(("country:", "org:"))]

    def _target(self, token: "Token") -> list[str]:
        found: list[str] = []
        for t in [token, *token.conjuncts]:
            keys = self.r.single(t)
            if not keys and t.lower_ in GOODS:
                for c in t.children:
                    if c.dep_ in {"compound", "amod", "poss", "nmod"}:
                        keys.extend(self.r.single(c))
                    if c.dep_ == "prep" and c.lower_ == "from":
                        keys.extend(k for g in c.children for k in self.r.single(g))
            found.extend(self.r.state(k) for k in keys)
        return found

    def _in_force_targets(self, verb: "Token") -> list[str]:
        """"The tariffs kicked in as Seoul, Tokyo and Canberra grapple with ...", "hit Canada"."""
        found: list[str] = []
        for c in verb.children:
            if c.dep_ == "dobj":
                found.extend(self._target(c))
            if c.dep_ == "prep" and c.lower_ == "as":
                for pobj in c.children:
                    found.extend(self._target(pobj))
            if c.dep_ == "advcl":
                for s in c.children:
                    if s.dep_ in {"nsubj", "nsubjpass"}:
                        found.extend(self._target(s))
        return found

    def _unreal(self, tariff: "Token") -> bool:
        """Threats, plans, hopes and cuts are not impositions; raising the tariffs already on a
        country presupposes them."""
        existing = tariff.dep_ == "dobj" and tariff.head.lemma_.lower() in EXISTING_TARIFF_VERBS and any(
            c.lower_ in {"the", "its", "these", "those", "their"} or c.dep_ == "poss" for c in tariff.children)
        if existing:
            return False
        for node in [tariff, *tariff.ancestors]:
            if node.lemma_.lower() in UNREAL or node.lower_ in UNREAL:
                return True
            if any(c.dep_ in {"aux", "mark"} and c.lower_ in UNREAL for c in node.children):
                return True
        return False

    # -- ALLIED_WITH ----------------------------------------------------------------------
    def _alliance(self, token: "Token") -> Iterator[Found]:
        sent = token.sent
        if any(c.dep_ == "neg" for node in [token, token.head] for c in node.children):
            return  # "are not allies"
        members = self._hyphen_countries(token)
        if len(members) >= 2:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    yield Found(a, RelationKind.ALLIED_WITH, b, sent, 0.85)
            return
        partner = self._ally_partner(token)
        group = self._ally_members(token)
        if partner is None and group:
            partner = self._speaker_state(token)
        if partner is None:
            return
        for m in group:
            if m != partner and m.startswith("country:") and partner.startswith("country:"):
                yield Found(partner, RelationKind.ALLIED_WITH, m, sent, 0.75)

    def _hyphen_countries(self, token: "Token") -> list[str]:
        found: list[str] = []
        modifiers = [t for c in token.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < token.i
                     for t in c.subtree]
        for c in modifiers:
            if c.dep_ in {"compound", "amod", "nmod"}:
                for part in c.text.replace("–", "-").split("-"):
                    place = self.index.gaz.lookup(part)
                    if place is not None and place.kind.value == "Country" and place.id not in found:
                        self.index.places.setdefault(place.id, place)
                        found.append(place.id)
                for key in self.r.single(c):
                    if key not in found and key.startswith("country:"):
                        found.append(key)
        return found if len(found) >= 2 else []

    def _ally_partner(self, token: "Token") -> str | None:
        for c in token.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"of", "to", "with"}):
                nodes = [c] if c.dep_ == "poss" else [g for g in c.children if g.dep_ == "pobj"]
                for n in nodes:
                    keys = self.r.single(n)
                    if keys:
                        return self.r.state(keys[0])
        if token.dep_ == "amod":  # "allied governments friendliest to the United States"
            return self._ally_partner(token.head) or next(
                (self.r.state(k) for s in token.head.children if s.dep_ == "amod" for p in s.children
                 if p.dep_ == "prep" and p.lower_ in {"to", "with"} for g in p.children for k in self.r.single(g)), None)
        return None

    def _ally_members(self, token: "Token") -> list[str]:
        """Who the allies are: "Japan remains among America's allies", "X and other allies",
        "Seoul, Tokyo and Canberra — three of the allied governments ..."."""
        found: list[str] = []
        node = token.head if token.dep_ == "amod" else token
        if node.dep_ == "pobj" and node.head.lower_ in {"of", "among"}:
            node = node.head.head
        if node.dep_ == "appos":
            found.extend(self.r.parties(node.head))
        verb = node
        while verb.dep_ in {"attr", "pobj", "prep", "acomp"} and verb.head is not verb:
            verb = verb.head
        if verb.lemma_.lower() in {"be", "remain", "become", "stay"}:
            for c in verb.children:
                if c.dep_ == "nsubj":
                    found.extend(self.r.parties(c))
        found.extend(self._before_dash(token))
        if node.dep_ == "conj":
            found.extend(self.r.parties(node.head))
        for c in node.children:
            if c.dep_ == "appos":
                found.extend(self.r.parties(c))
        return [self.r.state(k) for k in dict.fromkeys(found)]

    def _before_dash(self, token: "Token") -> list[str]:
        """"Seoul, Tokyo and Canberra — three of the allied governments ... —": the list the
        dashed aside describes."""
        sent = token.sent
        dash = next((t for t in reversed(list(sent)[: token.i - sent.start]) if t.text in {"—", "–"}), None)
        if dash is None or dash.i == sent.start or any(t.pos_ == "VERB" for t in sent.doc[dash.i + 1:token.i]):
            return []
        before = sent.doc[dash.i - 1]
        first = before
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        return self.r.parties(first)

    def _speaker_state(self, token: "Token") -> str | None:
        for node in token.ancestors:
            for c in node.children:
                if c.dep_ == "nsubj":
                    keys = self.r.single(c)
                    if keys:
                        return self.r.state(keys[0])
        return None

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
