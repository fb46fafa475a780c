"""Reads the offices persons hold in an article: titles before a name, appositions, "as"
complements, "becomes ...", "representing ..."; and from them each person's affiliation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tradegraph.loaders.extraction.affiliation import Ties, bare_head_title, first, head_title
from tradegraph.loaders.extraction.mentions import HONORIFICS, Mention, MentionIndex, in_quote, is_headline

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EXCLUDED_PREPS = {
    "to",
    "for",
    "with",
    "on",
    "against",
    "in",
    "at",
    "about",
    "under",
    "from",
    "over",
    "between",
}
BECOME_VERBS = {
    "become",
    "join",
    "swear",
    "appoint",
    "name",
    "nominate",
    "assign",
    "elect",
    "install",
    "move",
    "shift",
    "take",
    "serve",
    "remain",
    "be",
}
PAST_SERVICE = {"serve"}
DEFINITE_NATION = {"nation", "country"}


@dataclass
class Office:
    """One statement of an office: who, which role, for whom, how sure, where."""

    person: str
    role: str
    place: str | None  # explicit affiliation named with the title
    sentence: Span
    confidence: float
    current: bool = True
    official: bool = True
    negotiator_for: str | None = None  # "US trade negotiator" said of someone from elsewhere
    new: bool = False  # taken up in this text ("becomes", "sworn in as", "appointed as")
    left: bool = False  # given up in this story ("former X", "moves from X")


@dataclass
class PersonFacts:
    offices: list[Office] = field(default_factory=list)
    affiliation: str | None = None
    affiliation_confidence: float = 0.0
    represented: list[tuple[str, Span, float]] = field(default_factory=list)  # "representing Japan"

    @property
    def roles(self) -> list[str]:
        return [o.role for o in self.offices if o.role]


class RoleReader:
    """Collects :class:`Office` statements for every person of a :class:`MentionIndex`."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.titles = index.gaz.titles
        self.facts: dict[str, PersonFacts] = {key: PersonFacts() for key in index.persons}

    def read(self) -> dict[str, PersonFacts]:
        for mention in self.index.mentions:
            if mention.key in self.facts:
                for office in self._offices_of(mention):
                    self.facts[mention.key].offices.append(office)
                self._representing(mention)
        for key, facts in self.facts.items():
            self._settle_affiliation(key, facts)
        self._settle_indirect()
        return self.facts

    # -- one mention ----------------------------------------------------------------------
    def _offices_of(self, mention: Mention) -> Iterator[Office]:
        doc = self.index.doc
        span = doc[mention.start : mention.end]
        if is_headline(span, self.index.text):
            return
        head = span.root
        left = self._left_title(span, head)
        if left is not None:
            office = self._office(mention, left, 0.9)
            office.place = office.place or self._of_place(head)
            yield office
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and self._is_title(child):
                yield self._office(mention, _np(child), 0.9)
        if head.dep_ == "appos" and self._is_title(head.head) and head.head.i < head.i:
            title = doc[head.head.left_edge.i : head.head.i + 1]
            yield self._office(mention, title, 0.85)
        taken = []
        for title in self._as_titles(head):
            office = self._office(mention, title, 0.8)
            office.new = not self._moved_from(title) and not _serving(title)
            taken.append(office)
            yield office
        yield from self._left_posts(mention, head)
        if (
            left is not None
            and taken
            and any(_head_word(o.role) == _head_word(left.text) for o in taken if o.new)
        ):
            office = self._office(mention, left, 0.5)  # "Justice Secretary X's appointment as home secretary"
            office.current, office.left = False, True
            yield office

    def _left_title(self, span: Span, head: Token) -> Span | None:
        doc = span.doc
        start = head.left_edge.i
        if start >= span.start:
            start = self._surface_title_start(span)
        if start >= span.start:
            return None
        tokens = doc[start : span.start]
        cut = start
        for t in tokens:
            m = self.index.at(t)
            if (m is not None and m.key in self.index.persons) or t.text in {
                "—",
                "–",
                ":",
                "(",
                ")",
                '"',
                "“",
                "”",
            }:
                cut = t.i + 1
            elif t.dep_ == "cc" and cut == t.i:
                cut = t.i + 1
        while cut < span.start and (doc[cut].dep_ in {"cc", "punct"} or doc[cut].lower_ in HONORIFICS):
            cut += 1
        title = doc[cut : span.start]
        if not any(self._title_word(t) for t in title):
            start = self._surface_title_start(span)
            title = doc[start : span.start]
            while len(title) and title[-1].lower_ in HONORIFICS:
                title = title[:-1]
        if not len(title) or not any(self._title_word(t) for t in title):
            return None
        return title

    def _surface_title_start(self, span: Span) -> int:
        """ "after PM Sir Keir Starmer's ...": a title right before the name that the parser
        attached elsewhere."""
        doc = span.doc
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in HONORIFICS:
            i -= 1
        m = self.index.at(doc[i]) if i >= 0 else None
        if m is not None and m.key not in self.index.persons:  # "Ambassador to the United States X"
            j = m.start - 1
            if j >= 0 and doc[j].lower_ == "the":
                j -= 1
            if j >= 1 and doc[j].lower_ in {"to", "of", "for"} and self._title_word(doc[j - 1]):
                i = j - 1
        if i >= 0 and not self._title_word(doc[i]):
            i = self._office_name_start(i)  # "Minister of State for Foreign Trade X"
        if i < 0 or not self._title_word(doc[i]):
            return span.start
        start = i
        while (
            start - 1 >= 0
            and doc[start - 1].pos_ in {"PROPN", "NOUN", "ADJ"}
            and not doc[start - 1].is_sent_end
        ):
            start -= 1
        return start

    def _office_name_start(self, i: int) -> int:
        """The title word an office name's tail ("of Investment, Trade and Industry") hangs on."""
        doc = self.index.doc
        j = i
        while (
            j >= 0
            and i - j < 8
            and (
                doc[j].lower_ in self.titles.domain_words
                or doc[j].lower_ in {"of", "for", "and", ",", "the", "&"}
                or (self.index.at(doc[j]) is not None and doc[j].text[:1].isupper())
            )
        ):
            if self._title_word(doc[j]) and j < i and doc[j + 1].lower_ in {"of", "for"}:
                return j
            j -= 1
        return i

    def _as_titles(self, head: Token) -> Iterator[Span]:
        """ "appointment of X as minister", "X was sworn in as ambassador", "X becomes the new Y"."""
        owners = [head]
        while head.dep_ == "conj" and head.head is not head:
            head = head.head  # "X, Y and Z are joining as ministers"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            owners.append(head.head.head)
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if head.dep_ in {"nsubjpass", "dobj"} or (
            head.dep_ == "nsubj" and (not objects or head.head.lemma_ in {"replace", "succeed"})
        ):
            owners.append(head.head)
        owners.extend(c for c in head.children if c.dep_ in {"relcl", "acl"})
        for owner in owners:
            if owner is not head and owner.lemma_ in {"replace", "succeed"} and head.dep_ == "dobj":
                continue  # "Y replacing X as the new secretary": the office is Y's
            for child in owner.children:
                if child.dep_ == "prep" and child.lower_ == "as":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and self._is_title(pobj):
                            yield from (_np(t) for t in [pobj, *pobj.conjuncts])
                if (
                    child.dep_ == "dobj"
                    and child.lower_ in {"role", "post", "job", "position", "office"}
                    and owner.pos_ == "VERB"
                ):
                    for prep in child.children:  # "taking on the role of Leader of the House"
                        if prep.dep_ == "prep" and prep.lower_ in {"of", "as"}:
                            yield from (
                                _np(p) for p in prep.children if p.dep_ == "pobj" and self._is_title(p)
                            )
                if (
                    owner.lemma_ in {"become", "be"}
                    and child.dep_ in {"attr", "acomp", "oprd"}
                    and self._is_title(child)
                ):
                    if owner.lemma_ == "become" or any(
                        a.lower_ in {"new", "current"} for a in child.children
                    ):
                        yield _np(child)
            if owner.lemma_ == "become" or owner.lemma_ in BECOME_VERBS:
                for xcomp in owner.children:
                    if xcomp.dep_ == "xcomp" and xcomp.lemma_ in {
                        "replace",
                        "succeed",
                    }:  # "named to replace X as Y"
                        for prep in xcomp.children:
                            if prep.dep_ == "prep" and prep.lower_ == "as":
                                yield from (
                                    _np(p) for p in prep.children if p.dep_ == "pobj" and self._is_title(p)
                                )
                    if xcomp.dep_ in {"xcomp", "advcl", "acl"} and xcomp.lemma_ == "become":
                        for attr in xcomp.children:
                            if attr.dep_ in {"attr", "oprd", "dobj"} and self._is_title(attr):
                                yield _np(attr)

    def _office(self, mention: Mention, title: Span, confidence: float) -> Office:
        words = {t.lower_ for t in title}
        served = any(a.lemma_ in PAST_SERVICE and _past(a) for a in list(title.root.ancestors)[:2])
        former = bool(words & self.titles.former_words) or self._past_service(mention) or served
        place = self._title_place(title)
        role = _role_text(title, self.index)
        heads = [t for t in title if self._title_word(t)]
        official = bool(heads) and not self._nonstate(title) and not _at_body(title)
        negotiator_for = place if any(t.lower_.startswith("negotiator") for t in title) else None
        return Office(
            mention.key,
            role,
            place,
            title.sent,
            confidence,
            current=not former,
            official=official,
            negotiator_for=negotiator_for,
            left=bool(words & self.titles.former_words) and not served,
        )

    def _left_posts(self, mention: Mention, head: Token) -> Iterator[Office]:
        """ "X moves from foreign secretary to ...", "X, who is being shifted from the Home Office":
        the post X leaves."""
        verbs = [head.head] if head.dep_ in {"nsubj", "nsubjpass"} else []
        verbs += [c for c in head.children if c.dep_ in {"relcl", "acl"}]
        for verb in verbs:
            if verb.lemma_.lower() not in {"move", "shift", "switch", "leave", "quit"}:
                continue
            for prep in verb.children:
                pobjs = (
                    [g for g in prep.children if g.dep_ == "pobj"]
                    if prep.dep_ == "prep" and prep.lower_ == "from"
                    else []
                )
                if verb.lemma_.lower() in {"leave", "quit"} and prep.dep_ == "dobj":
                    pobjs = [prep]
                for pobj in pobjs:
                    span = self.index.doc[pobj.left_edge.i : pobj.i + 1]
                    yield Office(
                        mention.key,
                        _role_text(span, self.index),
                        None,
                        verb.sent,
                        0.5,
                        current=False,
                        official=True,
                        left=True,
                    )

    def _of_place(self, head: Token) -> str | None:
        """ "Prime Minister X of Australia"."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    m = self.index.at(pobj)
                    if m is not None and m.key not in self.index.persons and not m.in_name:
                        return self._state_of(m.key)
        return None

    @staticmethod
    def _moved_from(title: Span) -> bool:
        return any(a.dep_ == "prep" and a.lower_ == "from" for a in title.root.ancestors if a.i < title.start)

    def _past_service(self, mention: Mention) -> bool:
        """ "X, who served as ambassador under President Y from 2021 to 2025": both are past."""
        token = self.index.doc[mention.end - 1]
        for ancestor in [token, *list(token.ancestors)[:3]]:
            if ancestor.lemma_ in PAST_SERVICE and _past(ancestor):
                return True
        return False

    def _nonstate(self, title: Span) -> bool:
        """A role in a party, company or NGO ("co-president of the Socialist Group")."""
        for t in title:
            if t.lower_ in self.titles.nonofficial and not _hyphen_general(t):
                return True
            if t.dep_ == "prep" and t.lower_ in {"of", "for"}:
                for pobj in t.children:
                    if pobj.dep_ == "pobj" and pobj.lower_ in {
                        "party",
                        "group",
                        "network",
                        "company",
                        "firm",
                        "bank",
                        "association",
                        "union",
                        "chambers",
                    }:
                        return True
        return False

    def _title_place(self, title: Span) -> str | None:
        for t in title:
            m = self.index.at(t)
            if m is None or m.key in self.index.persons or (m.in_name and m.how != "demonym"):
                continue
            if any(
                a.dep_ == "prep" and a.lower_ in EXCLUDED_PREPS and a.i >= title.start for a in t.ancestors
            ):
                continue
            return self._state_of(m.key)
            # "the nation's acting president": the country last named
        for t in title:
            if t.lower_ in DEFINITE_NATION and any(c.lower_ == "the" for c in t.children):
                found = self.index.last_countries(t.i, 1, countries_only=True)
                return found[0] if found else None
        return None

    def _state_of(self, key: str) -> str:
        place = self.index.places.get(key)
        if place is not None and place.state:
            return self.index.gaz.country(place.state).id
        return key

    def _representing(self, mention: Mention) -> None:
        """ "Representing Japan ... is X", "X represents Japan", "X, who represents the EU"."""
        doc = self.index.doc
        head = doc[mention.start : mention.end].root
        verbs = []
        if head.dep_ in {"nsubj", "attr"}:
            verbs.append(head.head)
            verbs.extend(c for c in head.head.children if c.dep_ == "csubj")
        for verb in verbs:
            if verb.lemma_ == "represent":
                for obj in verb.children:
                    m = self.index.at(obj)
                    if obj.dep_ == "dobj" and m is not None and m.key not in self.index.persons:
                        self.facts[mention.key].represented.append((self._state_of(m.key), verb.sent, 0.9))

    # -- affiliation ----------------------------------------------------------------------
    def _settle_affiliation(self, key: str, facts: PersonFacts) -> None:
        candidates: list[tuple[float, int, str]] = []
        for place, sent, conf in facts.represented:
            candidates.append((conf + 0.05, -sent.start, place))
        for office in facts.offices:
            if office.place and office.place != office.negotiator_for:
                candidates.append((office.confidence, -office.sentence.start, office.place))
        if not candidates:
            for office in facts.offices:
                if office.place:
                    candidates.append((0.4, -office.sentence.start, office.place))
        if candidates:
            conf, _, place = max(candidates)
            facts.affiliation, facts.affiliation_confidence = place, min(conf, 0.95)

    def _settle_indirect(self) -> None:
        """Persons whose office names no state: first those tied to a placed person (a deputy,
        an appointee), then heads of state by what the article says of them, then the rest by
        default; one holder of a head-of-state title per country."""
        ties = Ties(self.index)
        heads = self.titles.head_of_state
        held = {
            (t, f.affiliation)
            for f in self.facts.values()
            if f.affiliation
            for o in f.offices
            if o.current and (t := head_title(o.role, heads))
        }
        pending = [k for k, f in self.facts.items() if not f.affiliation]
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
            excluded = {state for t, state in held if t == title} | ties.opposed(key)
            excluded |= ties.partners(key, lambda k: self.facts[k].affiliation if k in self.facts else None)
            if any(w in title for w in ("minister", "premier", "chancellor")):
                excluded.add("country:USA")  # general knowledge: no US office has these names
            facts = self.facts[key]
            offices = [
                o
                for o in facts.offices
                if o.official and o.current and not _quoted(o.sentence, o, self.index.text)
            ]
            guesses = [ties.owned_state(key), ties.subordinate_state(key, self.facts)]  # type: ignore[arg-type]
            if offices:
                guesses += [
                    self._sentence_state(offices[0], exclude_us=False, excluded=excluded),
                    self.index.home,
                    *ties.main_countries(excluded),
                ]
            place = first(guesses, lambda k: k not in excluded)
            if place:
                facts.affiliation, facts.affiliation_confidence = place, 0.6
                held.add((title, place))
        for key in pending:
            facts = self.facts[key]
            if facts.affiliation or key in chiefs:
                continue
            default = self._default_affiliation(facts)
            if default:
                facts.affiliation, facts.affiliation_confidence = default, 0.6
        for _ in range(2):  # a deputy's deputy
            for key, superior in superiors.items():
                facts = self.facts[key]
                if not facts.affiliation and self.facts[superior].affiliation:
                    facts.affiliation, facts.affiliation_confidence = self.facts[superior].affiliation, 0.7
        for key in superiors:
            facts = self.facts[key]
            if not facts.affiliation and (default := self._default_affiliation(facts)):
                facts.affiliation, facts.affiliation_confidence = default, 0.6

    def _default_affiliation(self, facts: PersonFacts) -> str | None:
        """An office named without its state: US offices go to the United States, ministers to
        the government the article is about, others to the state acting in that sentence."""
        offices = [
            o
            for o in facts.offices
            if o.official and o.current and not _quoted(o.sentence, o, self.index.text)
        ]
        if not offices:  # a former holder still belongs to the state he served
            offices = [
                o
                for o in facts.offices
                if o.official and not _quoted(o.sentence, o, self.index.text) and not self._nonstate_role(o)
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
        return self._sentence_state(offices[0], exclude_us=False) or self.index.home

    def _nonstate_role(self, office: Office) -> bool:
        return any(w in self.titles.nonofficial for w in office.role.lower().split())

    def _sentence_state(
        self, office: Office, *, exclude_us: bool, excluded: frozenset[str] | set[str] = frozenset()
    ) -> str | None:
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
            if self._in_title_of_person(token):
                continue
            if m.key.startswith("country:"):
                return m.key
        return None

    def _paragraph_state(
        self, office: Office, *, exclude_us: bool, excluded: frozenset[str] | set[str] = frozenset()
    ) -> str | None:
        """The country the office's paragraph names most often (a story about several countries
        treats each in its own paragraph)."""
        from collections import Counter

        text = self.index.text
        start = text.rfind("\n", 0, office.sentence.start_char) + 1
        end = text.find("\n", office.sentence.end_char)
        end = len(text) if end < 0 else end
        doc = self.index.doc
        counts: Counter[str] = Counter()
        for m in self.index.mentions:
            key = m.key
            if m.in_name or key in self.index.persons or not key.startswith("country:") or key in excluded:
                continue
            if (exclude_us and key == "country:USA") or not start <= doc[m.start].idx < end:
                continue
            counts[key] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _in_title_of_person(self, token: Token) -> bool:
        for ancestor in token.ancestors:
            m = self.index.at(ancestor)
            if m is not None and m.key in self.index.persons:
                return True
        return False

    def _title_word(self, token: Token) -> bool:
        low = token.lower_
        if low == "general" and token.i > 0 and token.doc[token.i - 1].text == "-":
            return True  # "Secretary-General", "Director-General"
        return (
            low in self.titles.heads
            and low not in {"head", "chief", "leader", "deputy"}
            or low in {"minister", "secretary"}
        )

    def _is_title(self, token: Token) -> bool:
        return token.lower_ in self.titles.heads


def _opening_in(prep: Token) -> bool:
    """ "In Seoul, ...": the place a sentence opens on frames who speaks there."""
    return prep.lower_ == "in" and prep.i == prep.sent.start


def _past(verb: Token) -> bool:
    """ "served", "had served" (not "has served", still in office)."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    )


def _serving(title: Span) -> bool:
    """ "served as foreign minister": holding a post, not taking it up."""
    return any(a.lemma_ in PAST_SERVICE | {"work", "act", "remain"} for a in list(title.root.ancestors)[:2])


def _at_body(title: Span) -> bool:
    """ "a vice-president at Canadian Manufacturers & Exporters": a post at an organisation
    (state offices are "of" or "for" their state)."""
    holders = [title.root, title.root.head] if title.root.dep_ == "appos" else [title.root]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "at"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for h in holders
        for c in h.children
    )


def _hyphen_general(token: Token) -> bool:
    """ "Director-General": the head of an international body, not a company director."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "general"


def _np(token: Token) -> Span:
    """The noun phrase of an office: without relative clauses, trailing punctuation or
    adjuncts ("representatives in negotiations with Japan" -> "representatives")."""
    doc = token.doc
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"relcl", "punct", "appos", "cc", "conj", "advcl", "acl"}:
            break
        if (
            child.dep_ == "prep"
            and child.lower_ not in {"of", "for", "to"}
            and not (child.lower_ == "in" and any(g.lower_ == "charge" for g in child.children))
        ):
            break
        end = child.right_edge.i + 1
    return doc[token.left_edge.i : end]


def _role_text(title: Span, index: MentionIndex) -> str:
    """The office itself: without determiners, possessors and honorifics ("Japan's economic
    revitalization minister" -> "economic revitalization minister")."""
    words = []
    for t in title:
        m = index.at(t)
        if t.dep_ in {"det", "case"} or t.tag_ == "POS" or t.lower_ in HONORIFICS:
            continue
        if m is not None and t.dep_ == "poss":
            continue
        if t.lower_ in index.gaz.titles.former_words or (t.dep_ == "amod" and t.lower_ in {"new", "current"}):
            continue
        words.append(t.text)
    text = " ".join(words).replace(" ,", ",").replace(" - ", "-").strip().strip(",").strip()
    return text


def _quoted(sentence: Span, office: Office, text: str) -> bool:
    return in_quote(sentence.doc, sentence.start, text) or in_quote(sentence.doc, sentence.end - 1, text)


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


ROLE_STOP = {
    "the",
    "a",
    "an",
    "new",
    "former",
    "secretary",
    "minister",
    "department",
    "office",
    "of",
    "for",
    "state",
    "his",
    "her",
    "role",
    "in",
    "ministry",
    "job",
    "as",
    "current",
    "outgoing",
    "acting",
    "s",
}


def _head_word(role: str) -> str:
    words = role.lower().split()
    return words[-1] if words else ""


def role_keys(role: str, split: bool = True) -> list[frozenset[str]]:
    """What identifies a post across wordings: "the Home Office" and "home secretary" -> {home};
    "former deputy prime minister and housing secretary" -> {deputy, prime}, {housing}."""
    import re

    keys = []
    for part in re.split(r"\band\b|,", role.lower()) if split else [role.lower()]:
        words = frozenset(w for w in re.findall(r"[a-z]+", part) if w not in ROLE_STOP)
        if words:
            keys.append(words)
    return keys
