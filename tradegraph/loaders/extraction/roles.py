"""The roles stage: the offices persons hold in an article (read by :mod:`.offices`) and, settled
from them, the state each person acts for: stated with the title, tied to a placed person, a head
of state by what the article says of them, else by default."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import PARTNER_WORDS
from tradegraph.loaders.extraction.affiliation import Ties, bare_head_title, head_title
from tradegraph.loaders.extraction.described import described_heads
from tradegraph.loaders.extraction.facts import Office, PersonFacts
from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.offices import OfficeReader
from tradegraph.loaders.extraction.role_text import _has_phrase, _opening_in, _quoted, role_keys
from tradegraph.loaders.extraction.spans import in_quote

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Office", "PersonFacts", "RoleReader", "role_keys"]

#: The body a commissioner named without one serves (titles.json ``eu_offices``).
EU = "org:european-union"


class RoleReader:
    """Collects :class:`Office` statements for every person of a :class:`MentionIndex`."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.titles = index.gaz.titles
        self.facts: dict[str, PersonFacts] = {key: PersonFacts() for key in index.persons}

    def read(self) -> dict[str, PersonFacts]:
        """The facts of every person: their offices first, then each one's affiliation."""
        offices = OfficeReader(self.index)
        for mention in self.index.mentions:
            if mention.key in self.facts:
                self.facts[mention.key].offices.extend(offices.offices_of(mention))
                self.facts[mention.key].represented.extend(offices.representing(mention))
        for facts in self.facts.values():
            if any(not o.current for o in facts.offices):  # "the X administration" of a former leader
                facts.offices = [o for o in facts.offices if o.rule != "represents.administration"]
        for key, facts in self.facts.items():
            self._settle_affiliation(key, facts)
        self._settle_indirect()
        described_heads(self.index, self.facts, offices.office)
        return self.facts

    # -- affiliation ----------------------------------------------------------------------
    def _settle_affiliation(self, key: str, facts: PersonFacts) -> None:
        candidates: list[tuple[float, int, str]] = []
        for place, sent, conf in facts.represented:
            candidates.append((conf + 0.05, -sent.start, place))
        current = [o for o in facts.offices if o.current and o.place and o.place != o.negotiator_for]
        for office in current or facts.offices:  # "Former UN envoy X became Chile's energy minister"
            if office.place and office.place != office.negotiator_for:
                candidates.append((office.confidence, -office.sentence.start, office.place))
        if not candidates:
            for office in facts.offices:
                if office.place:
                    candidates.append((0.4, -office.sentence.start, office.place))
        if candidates:
            conf, _, place = max(candidates)
            facts.affiliation, facts.affiliation_confidence = place, min(conf, 0.95)
            facts.affiliation_rule = "affiliation.stated"

    def _settle_indirect(self) -> None:
        """Persons whose office names no state: first those tied to a placed person (a deputy,
        an appointee), then heads of state by what the article says of them, then the rest by
        default; one holder of a head-of-state title per country."""
        ties = Ties(self.index)
        heads = self.titles.head_of_state
        held = {
            (t, f.affiliation, k)
            for k, f in self.facts.items()
            if f.affiliation
            for o in f.offices
            if o.current and (t := head_title(o.role, heads | {"leader"}))
        }
        pending = [k for k, f in self.facts.items() if not f.affiliation]
        pending = [k for k in pending if not self._conjunct(k, ties, heads)]
        superiors = {k: s for k in pending if (s := ties.superior(k))}
        pending = [k for k in pending if k not in superiors]
        chiefs = {
            k: t
            for k in pending
            for o in self.facts[k].offices
            if o.official and o.current and (t := bare_head_title(o.role, heads))
        }
        # heads of state with the most telling evidence first: "the U.S. tariffs that Y imposed"
        order = sorted(chiefs, key=lambda k: (ties.owned_state(k) is None, not ties.opposed(k)))
        for key in order:
            title = chiefs[key]
            excluded = {
                state for t, state, k in held if t in {title, "leader"} and not _same_person(k, key)
            } | ties.opposed(key)
            excluded |= ties.partners(key, lambda k: self.facts[k].affiliation if k in self.facts else None)
            if any(w in title for w in ("minister", "premier", "chancellor")):
                excluded.add("country:USA")  # general knowledge: no US office has these names
            if title in {"president", "president-elect"}:
                excluded |= self.titles.no_president  # general knowledge: no president governs these
            facts = self.facts[key]
            offices = [o for o in facts.offices if o.official and o.current and not self._quoted(o)]
            tariffs = ties.tariff_state(key)
            guesses = [
                ties.owned_state(key),
                ties.possessed_state(key, self._placed),
                tariffs,
                ties.subordinate_state(key, self.facts),  # type: ignore[arg-type]
            ]
            if offices:
                guesses += [
                    self._sentence_state(offices[0], exclude_us=False, excluded=excluded),
                    self._away_state(offices[0], excluded),
                    self.index.home,
                    *ties.main_countries(excluded),
                ]
            place = next((k for k in guesses if k and k not in excluded), None)
            if place:
                facts.affiliation, facts.affiliation_confidence = place, 0.6
                facts.affiliation_rule = "affiliation.head_of_state"
                if place == tariffs and place not in guesses[:2]:
                    facts.affiliation_rule = "discourse.tariff_owner"
                elif place == guesses[1] and place != guesses[0]:
                    facts.affiliation_rule = "affiliation.possessed"
                held.add((title, place, key))
        self._settle_rest([k for k in pending if k not in chiefs], ties)
        for _ in range(2):  # a deputy's deputy
            for key, superior in superiors.items():
                facts = self.facts[key]
                if not facts.affiliation and self.facts[superior].affiliation:
                    facts.affiliation, facts.affiliation_confidence = self.facts[superior].affiliation, 0.7
                    facts.affiliation_rule = "affiliation.superior"
        for key in superiors:
            facts = self.facts[key]
            if not facts.affiliation and (default := self._default_affiliation(facts)):
                facts.affiliation, facts.affiliation_confidence = default, 0.6
                facts.affiliation_rule = "affiliation.default"

    def _settle_rest(self, pending: list[str], ties: Ties) -> None:
        """The state of the group a person leads, else the default for their office."""
        for key in pending:
            facts = self.facts[key]
            if facts.affiliation:
                continue
            led = ties.led_group_state(key)
            if led:
                facts.affiliation, facts.affiliation_confidence = led, 0.7
                facts.affiliation_rule = "affiliation.led_group"
                continue
            default = self._default_affiliation(facts)
            if default:
                facts.affiliation, facts.affiliation_confidence = default, 0.6
                facts.affiliation_rule = "affiliation.default"

    def _placed(self, key: str) -> str | None:
        return self.facts[key].affiliation if key in self.facts else None

    def _conjunct(self, key: str, ties: Ties, heads: frozenset[str]) -> bool:
        """ "Chile's Ambassador to Peru A and Trade Secretary B": B, titled without a state (and
        not a head of state), serves the state stated for A."""
        facts = self.facts[key]
        offices = [o for o in facts.offices if o.official and o.current]
        if not offices or any(bare_head_title(o.role, heads) for o in offices):
            return False
        stated = ties.conjunct_state(
            key,
            lambda k: (
                f.affiliation
                if (f := self.facts.get(k)) and f.affiliation_rule == "affiliation.stated"
                else None
            ),
        )
        if stated:
            facts.affiliation, facts.affiliation_confidence = stated, 0.7
            facts.affiliation_rule = "affiliation.conjunct"
        return stated is not None

    def _default_affiliation(self, facts: PersonFacts) -> str | None:
        """An office named without its state: US offices go to the United States, ministers to
        the government the article is about, others to the state acting in that sentence."""
        offices = [o for o in facts.offices if o.official and o.current and not self._quoted(o)]
        if not offices:  # a former holder still belongs to the state he served
            offices = [
                o for o in facts.offices if o.official and not self._quoted(o) and not self._nonstate_role(o)
            ]
        if not offices:
            return None
        role = " ".join(o.role.lower() for o in offices)
        home = any(w in role.split() or (" " in w and w in role) for w in self.titles.home_words)
        if home:
            local = self._sentence_state(offices[0], exclude_us=True) or self._paragraph_state(
                offices[0], exclude_us=True
            )
            return local or (self.index.home if self.index.home != "country:USA" else None) or self.index.home
        if any(_has_phrase(role, w) for w in self.titles.us_offices) and "country:USA" in self.index.places:
            return "country:USA"
        if any(_has_phrase(role, w) for w in self.titles.eu_offices) and EU in self.index.places:
            return EU  # "Trade Commissioner X" in a story naming the EU: a European commissioner
        return self._sentence_state(offices[0], exclude_us=False) or self.index.home

    def _quoted(self, office: Office) -> bool:
        """Whether the person stands inside a quotation (where a title is someone else's words);
        a name outside the quote of its sentence ('President X called it "a door ..."') is not."""
        sent = office.sentence
        own = [
            m.start
            for m in self.index.mentions
            if m.key == office.person and sent.start <= m.start < sent.end
        ]
        if own:
            return in_quote(sent.doc, own[0], self.index.text)
        return _quoted(sent, office, self.index.text)

    def _nonstate_role(self, office: Office) -> bool:
        return any(w in self.titles.nonofficial for w in office.role.lower().split())

    def _sentence_state(
        self, office: Office, *, exclude_us: bool, excluded: frozenset[str] | set[str] = frozenset()
    ) -> str | None:
        own = self._own_clause(office)
        for token in office.sentence:
            m = self.index.at(token)
            if (
                m is None
                or m.key in self.index.persons
                or m.in_name
                or (exclude_us and m.key == "country:USA")
            ):
                continue
            if m.key in excluded:
                continue
            inside = [a for a in token.ancestors if a.i >= office.sentence.start]
            if any(
                a.dep_ == "prep" and a.i < token.i and not (_opening_in(a) and token.head.i == a.i)
                for a in inside
            ):
                continue  # not "talks with Japan"; but "In Seoul, Trade Minister X said"
            if any(self._met_by(a, office.person) for a in [token, *inside]):
                continue  # "he will meet Japanese representatives": the other side of the table
            if self._in_title_of_person(token):
                continue
            if own is not None and _other_clause(token, own):
                continue  # "President X called for ..., but Washington declined ...": another actor
            if m.key.startswith("country:"):
                return m.key
        return None

    def _own_clause(self, office: Office) -> Token | None:
        """The clause the office's person is named in, within the office's sentence."""
        sent = office.sentence
        mine = next(
            (
                m.start
                for m in self.index.mentions
                if m.key == office.person and sent.start <= m.start < sent.end
            ),
            None,
        )
        return None if mine is None else _clause(sent.doc[mine])

    def _met_by(self, node: Token, key: str) -> bool:
        """Whether ``node`` is what ``key`` (named or a pronoun for them) meets, talks with or
        visits: the other side of the table, never the person's own state."""
        verb = node.head
        if node.dep_ != "dobj" or verb.lemma_.lower() not in PARTNER_WORDS:
            return False
        while verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        for c in verb.children:
            if c.dep_ == "nsubj":
                m = self.index.at(c)
                if (m.key if m is not None else self.index.antecedents.get(c.i)) == key:
                    return True
        return False

    def _away_state(self, office: Office, excluded: set[str]) -> str | None:
        """The state of a paragraph about another state than the story's home ("Germany is the
        accord's champion. Chancellor X ..."), which names the home not at all."""
        counts = self._paragraph_counts(office, exclude_us=False)
        if self.index.home is None or self.index.home in counts:
            return None
        return _most_named(Counter({k: n for k, n in counts.items() if k not in excluded}))

    def _paragraph_state(
        self, office: Office, *, exclude_us: bool, excluded: frozenset[str] | set[str] = frozenset()
    ) -> str | None:
        """The country the office's paragraph names most often (a story about several countries
        treats each in its own paragraph)."""
        counts = self._paragraph_counts(office, exclude_us=exclude_us)
        return _most_named(Counter({k: n for k, n in counts.items() if k not in excluded}))

    def _paragraph_counts(self, office: Office, *, exclude_us: bool) -> Counter[str]:
        """How often the office's paragraph names each country."""
        text = self.index.text
        start = text.rfind("\n", 0, office.sentence.start_char) + 1
        # the sentence's trailing blank line is not its paragraph's end: the next paragraph is another
        last = office.sentence.start_char + len(office.sentence.text.rstrip())
        end = text.find("\n", last)
        end = len(text) if end < 0 else end
        doc = self.index.doc
        counts: Counter[str] = Counter()
        for m in self.index.mentions:
            key = m.key
            if m.in_name or key in self.index.persons or not key.startswith("country:"):
                continue
            if (exclude_us and key == "country:USA") or not start <= doc[m.start].idx < end:
                continue
            counts[key] += 1
        return counts

    def _in_title_of_person(self, token: Token) -> bool:
        for ancestor in token.ancestors:
            m = self.index.at(ancestor)
            if m is not None and m.key in self.index.persons:
                return True
        return False


def _same_person(a: str, b: str) -> bool:
    """ "person:trump" and "person:ann-trump": one person named twice (never each other's rival)."""
    a, b = a.split(":", 1)[-1], b.split(":", 1)[-1]
    return a == b or a.endswith("-" + b) or b.endswith("-" + a)


def _clause(token: Token) -> Token:
    """The verb heading the clause ``token`` belongs to (the sentence root at worst)."""
    node = token
    while node.head.i != node.i and not (node.pos_ in {"VERB", "AUX"} and node.dep_ != "aux"):
        node = node.head
    return node


def _other_clause(token: Token, own: Token) -> bool:
    """Whether ``token`` sits in the subject of a clause coordinated with ``own``, the person's."""
    theirs = _clause(token)
    if own.i == theirs.i or theirs.dep_ != "conj" or theirs.head.i != own.i:
        return False
    return any(a.dep_ in {"nsubj", "nsubjpass"} and a.head.i == theirs.i for a in [token, *token.ancestors])


def _most_named(counts: Counter[str]) -> str | None:
    """The most counted key, unless two share the top."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
