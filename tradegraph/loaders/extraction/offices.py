"""Reads the offices one person mention states: a title before the name, an apposition, an "as"
complement, "becomes ...", a post left ("moves from ..."), "representing Japan". Each office
records the rule that read it (its provenance in REPRESENTS)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import (
    BECOME_VERBS,
    DEFINITE_NATION,
    EXCLUDED_PREPS,
    HONORIFICS,
    NONSTATE_BODIES,
    PAST_SERVICE,
    POST_NOUNS,
)
from tradegraph.loaders.extraction.facts import Office
from tradegraph.loaders.extraction.mentions import Mention, MentionIndex, is_headline
from tradegraph.loaders.extraction.office_lists import (
    listed_member,
    listed_official,
    past_term,
    removed,
    shared_title,
)
from tradegraph.loaders.extraction.role_text import (
    _at_body,
    _head_word,
    _hyphen_general,
    _np,
    _past,
    _role_text,
    _serving,
)
from tradegraph.loaders.extraction.spans import is_title

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class OfficeReader:
    """The offices of each person mention of one document (reads, never writes, the index)."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.titles = index.gaz.titles
        self.is_title = partial(is_title, heads=self.titles.heads)  # also "the new director-general"

    # -- one mention ----------------------------------------------------------------------
    def offices_of(self, mention: Mention) -> Iterator[Office]:
        doc = self.index.doc
        span = doc[mention.start : mention.end]
        if is_headline(span, self.index.text):
            return
        head = span.root
        left = self._left_title(span, head)
        if left is not None and self.plural(left[-1]):
            left = None  # "Presidents A and B": each one's, read by _shared_title
        if left is not None:
            office = self.office(mention, left, 0.9, "represents.title_before_name")
            office.place = office.place or self._of_place(head)
            yield office
        if left is None:
            yield from shared_title(self, mention, head)
            yield from listed_member(mention, head)
            yield from listed_official(self, mention, head)
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and self.is_title(child):
                yield self.office(mention, _np(child), 0.9, "represents.apposition")
        t = head.head  # "Chile's foreign minister, X"; "his EU counterpart, X"
        if head.dep_ == "appos" and t.i < head.i and (self.is_title(t) or self.title_word(t)):
            title = doc[t.left_edge.i : t.i + 1]
            yield self.office(mention, title, 0.85, "represents.apposed_to_title")
        taken = []
        for title in self._as_titles(head):
            office = self.office(mention, title, 0.8, "represents.as_office")
            office.new = not self._moved_from(title) and not _serving(title)
            taken.append(office)
            yield office
        yield from self._left_posts(mention, head)
        if (
            left is not None
            and taken
            and any(_head_word(o.role) == _head_word(left.text) for o in taken if o.new)
        ):
            office = self.office(
                mention, left, 0.5, "represents.title_left"
            )  # "Justice Secretary X's appointment as home secretary"
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
        if not any(self.title_word(t) for t in title):
            start = self._surface_title_start(span)
            title = doc[start : span.start]
            while len(title) and title[-1].lower_ in HONORIFICS:
                title = title[:-1]
        if not len(title) or not any(self.title_word(t) for t in title):
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
            if j >= 1 and doc[j].lower_ in {"to", "of", "for"} and self.title_word(doc[j - 1]):
                i = j - 1
        if i >= 0 and not self.title_word(doc[i]):
            i = self._office_name_start(i)  # "Minister of State for Foreign Trade X"
        if i < 0 or not self.title_word(doc[i]):
            return span.start
        start = i
        while (
            start - 1 >= 0
            and doc[start - 1].pos_ in {"PROPN", "NOUN", "ADJ"}
            and not doc[start - 1].is_sent_end
        ):
            start -= 1
        owner = self.index.at(doc[start - 2]) if start >= 2 and doc[start - 1].tag_ == "POS" else None
        if owner is not None and owner.key not in self.index.persons:
            start = owner.start  # "Chile's Ambassador to the US X"
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
                or (doc[j].pos_ == "PROPN" and doc[j].ent_type_ != "PERSON" and doc[j].text[:1].isupper())
            )
        ):  # a region the title covers: "Deputy Envoy for the Pacific X"
            if self.title_word(doc[j]) and j < i and doc[j + 1].lower_ in {"of", "for"}:
                return j
            j -= 1
        return i

    def _as_titles(self, head: Token) -> Iterator[Span]:  # noqa: C901 - allow-listed (tests/unit/test_guardrails.py)
        """ "appointment of X as minister", "X was sworn in as ambassador", "X becomes the new Y"."""
        owners = [head]
        while head.dep_ == "conj" and head.head is not head:
            head = head.head  # "X, Y and Z are joining as ministers"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            owners.append(head.head.head)
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if head.dep_ in {"nsubjpass", "dobj"} or (
            head.dep_ == "nsubj"
            and (not objects or head.head.lemma_ in {"replace", "succeed"} or objects[0].lower_ in POST_NOUNS)
        ):
            owners.append(head.head)
        owners.extend(c for c in head.children if c.dep_ in {"relcl", "acl"})
        for owner in owners:
            if owner is not head and owner.lemma_ in {"replace", "succeed"} and head.dep_ == "dobj":
                continue  # "Y replacing X as the new secretary": the office is Y's
            for child in owner.children:
                if child.dep_ == "prep" and child.lower_ == "as":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and self.is_title(pobj):
                            yield from (_np(t) for t in [pobj, *pobj.conjuncts])
                if (
                    child.dep_ == "dobj"
                    and child.lower_ in {"role", "post", "job", "position", "office"}
                    and owner.pos_ == "VERB"
                ):
                    for prep in child.children:  # "taking on the role of Leader of the House"
                        if prep.dep_ == "prep" and prep.lower_ in {"of", "as"}:
                            yield from (
                                _np(p) for p in prep.children if p.dep_ == "pobj" and self.is_title(p)
                            )
                if (
                    owner.lemma_ in {"become", "be"}
                    and child.dep_ in {"attr", "acomp", "oprd"}
                    and self.is_title(child)
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
                                    _np(p) for p in prep.children if p.dep_ == "pobj" and self.is_title(p)
                                )
                    if xcomp.dep_ in {"xcomp", "advcl", "acl"} and xcomp.lemma_ == "become":
                        for attr in xcomp.children:
                            if attr.dep_ in {"attr", "oprd", "dobj"} and self.is_title(attr):
                                yield _np(attr)

    def office(self, mention: Mention, title: Span, confidence: float, rule: str) -> Office:
        words = {t.lower_ for t in title}
        served = any(a.lemma_ in PAST_SERVICE and _past(a) for a in list(title.root.ancestors)[:2])
        former = bool(words & self.titles.former_words) or self._past_service(mention) or served
        former = former or removed(self, mention) or past_term(self, mention)
        place = self._title_place(title)
        role = _role_text(title, self.index)
        if title and self.plural(title[-1]) and role.endswith(title[-1].text):
            role = role[:-1]  # "Presidents A and B": each one "President"
        heads = [t for t in title if self.title_word(t)]
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
            rule=rule,
        )

    def plural(self, token: Token) -> bool:
        """ "Presidents", "Ministers": a title word in the plural."""
        low = token.lower_
        return len(low) > 3 and low.endswith("s") and low[:-1] in self.titles.heads

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
                        rule="represents.left_post",
                    )

    def _of_place(self, head: Token) -> str | None:
        """ "Prime Minister X of Australia"."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    m = self.index.at(pobj)
                    if m is not None and m.key not in self.index.persons and not m.in_name:
                        return self.state_of(m.key)
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

    def _body_executive(self, token: Token) -> bool:
        """ "the Commission executive vice-president": an executive of a state or public body."""
        m = self.index.at(token.doc[token.i - 1]) if token.i > 0 else None
        return token.lower_ == "executive" and m is not None and m.key not in self.index.persons

    def _nonstate(self, title: Span) -> bool:
        """A role in a party, company or NGO ("co-president of the Socialist Group")."""
        for t in title:
            if t.lower_ in self.titles.nonofficial and not _hyphen_general(t) and not self._body_executive(t):
                return True
            if t.dep_ == "prep" and t.lower_ in {"of", "for"}:
                for pobj in t.children:
                    if pobj.dep_ == "pobj" and pobj.lower_ in NONSTATE_BODIES:
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
            return self.state_of(m.key)
            # "the nation's acting president": the country last named
        for t in title:
            if t.lower_ in DEFINITE_NATION and any(c.lower_ == "the" for c in t.children):
                found = self.index.last_countries(t.i, 1, countries_only=True)
                return found[0] if found else None
        return None

    def state_of(self, key: str) -> str:
        place = self.index.places.get(key)
        if place is not None and place.state:
            return self.index.gaz.country(place.state).id
        return key

    def representing(self, mention: Mention) -> list[tuple[str, Span, float]]:
        """ "Representing Japan ... is X", "X represents Japan", "X, who represents the EU"."""
        doc = self.index.doc
        head = doc[mention.start : mention.end].root
        verbs, out = [], []
        if head.dep_ in {"nsubj", "attr"}:
            verbs.append(head.head)
            verbs.extend(c for c in head.head.children if c.dep_ == "csubj")
        for verb in verbs:
            if verb.lemma_ == "represent" and not any(c.dep_ == "neg" for c in verb.children):
                for obj in verb.children:
                    m = self.index.at(obj)
                    if obj.dep_ == "dobj" and m is not None and m.key not in self.index.persons:
                        out.append((self.state_of(m.key), verb.sent, 0.9))
        return out

    def title_word(self, token: Token) -> bool:
        low = token.lower_
        if low == "general" and token.i > 0 and token.doc[token.i - 1].text == "-":
            return True  # "Secretary-General", "Director-General"
        if (
            low in {"leader", "chief", "counterpart"} and token.i > 0
        ):  # "Chinese leader X", "EU trade chief X"
            tail = [t.text for t in token.doc[token.i + 1 : token.i + 4] if t.lower_ != "the"]
            named = token.text[0].isupper() and tail[:1] == ["of"] and len(tail) > 1 and tail[1][:1].isupper()
            return named or self._state_before(token)  # "Leader of the House"
        return (
            low in self.titles.heads
            and low not in {"head", "chief", "leader", "deputy"}
            or low in {"minister", "secretary"}
        )

    def _state_before(self, token: Token) -> bool:
        """A state or body names the office right before ``token`` (past one domain word)."""
        doc = token.doc
        prev = doc[token.i - 1]
        if prev.lower_ in self.titles.domain_words and token.i > 1:
            prev = doc[token.i - 2]
        m = self.index.at(prev)
        return m is not None and m.key not in self.index.persons and not m.in_name
