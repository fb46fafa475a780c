"""Finds who is mentioned where in a parsed article: places (countries, bodies) and persons,
including surname-only mentions, and resolves pronouns and definite descriptions to them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from tradegraph.graph.model import ActorKind, actor_id
from tradegraph.loaders.gazetteer import Gazetteer, Place

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

HONORIFICS = {
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "prof",
    "prof.",
    "rep",
    "rep.",
    "sen",
    "sen.",
    "gov",
    "gov.",
}
NAME_PARTICLES = {
    "da",
    "de",
    "do",
    "dos",
    "das",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "al",
    "del",
    "la",
    "le",
    "di",
}
AGREEMENT_HEADS = {
    "agreement",
    "pact",
    "treaty",
    "accord",
    "deal",
    "commission",
    "association",
    "zone",
    "council",
}
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}


@dataclass
class Mention:
    """A token range standing for one actor."""

    start: int
    end: int
    key: str
    how: str  # name | demonym | seat | person | surname | pronoun
    in_name: bool = False  # part of a longer proper name (an agreement, an association)


@dataclass
class Person:
    key: str
    name: str
    words: tuple[str, ...]
    aliases: set[str] = field(default_factory=set)


class MentionIndex:
    """Every actor mention of one document, by token, with the places and persons behind them."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, matcher: PhraseMatcher) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.places: dict[str, Place] = {}
        self.persons: dict[str, Person] = {}
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        self._family_cache: dict[str, bool] = {}
        self._by_first: dict[str, list[Person]] | None = None
        self._edge_words: set[str] = set()
        self._indexed: list[Person] | None = None
        self._words = [t.text for t in doc]
        self.text = doc.text
        self._name_ents = [
            (e.start, e.end) for e in doc.ents if e.label_ in {"ORG", "LAW", "FAC", "EVENT", "WORK_OF_ART"}
        ]
        self._find_places(matcher)
        self._find_persons()
        self.home = self._home_country()
        self.antecedents = self._pronoun_antecedents()

    # -- lookup -------------------------------------------------------------------------
    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def kind(self, key: str) -> ActorKind:
        if key in self.persons:
            return ActorKind.PERSON
        return self.places[key].kind

    def name(self, key: str) -> str:
        return self.persons[key].name if key in self.persons else self.places[key].name

    def country_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if m.key.startswith("country:")]

    def last_countries(self, before: int, n: int = 2, *, countries_only: bool = False) -> list[str]:
        """The ``n`` most recently mentioned distinct countries or blocs before token ``before``
        (only countries with ``countries_only``: "the country" is never a bloc)."""
        seen: list[str] = []
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if countries_only and not m.key.startswith("country:"):
                continue
            if m.start < before and m.key not in self.persons and m.key not in seen and not m.in_name:
                if self.places[m.key].state is None:
                    seen.append(m.key)
            if len(seen) == n:
                break
        return seen

    # -- places -------------------------------------------------------------------------
    def _find_places(self, matcher: PhraseMatcher) -> None:
        doc = self.doc
        matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        taken: set[int] = set()
        for match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            place = self.gaz.lookup(doc[start:end].text)
            if place is None:
                continue
            taken.update(range(start, end))
            self.places.setdefault(place.id, place)
            span = doc[start:end]
            mention = Mention(
                start,
                end,
                place.id,
                place.how,
                in_name=_inside_name(span, self._name_ents) or _dateline(span),
            )
            self._add(mention)

    def _add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    # -- persons ------------------------------------------------------------------------
    def _find_persons(self) -> None:
        doc = self.doc
        cleaned = [
            self._clean_person(ent) for ent in doc.ents if ent.label_ == "PERSON" or self._titled_name(ent)
        ]
        longer = self._names_after_titles(cleaned)
        cleaned = [
            s
            for s in cleaned
            if s is None or not any(n.start < s.start < n.end and s.end == n.end for n in longer)
        ]
        cleaned += longer
        spans = [s for s in cleaned if s is not None and not is_headline(s, self.text)]
        for span in sorted(spans, key=lambda s: s.start):
            words = tuple(t.text for t in span)
            if len(words) == 1 and self._match_known(words[0]):
                continue
            key = actor_id(ActorKind.PERSON, span.text)
            if key not in self.persons and not self._subsumed(words):
                self.persons[key] = Person(key, _name_text(span), words)
        # single-word names that turned out to be part of a longer name are dropped above
        alone = Counter(t.text for t in doc if t.pos_ == "PROPN" or t.ent_type_)
        self._mark_person_tokens(alone)

    def _titled_name(self, ent: Span) -> bool:
        """A name the NER took for an organisation, told apart by its office:
        "Jamieson Greer, the United States Trade Representative"."""
        if not 2 <= len(ent) <= 3 or not all(_name_like(t) or t.text == "-" for t in ent):
            return False
        if any(self.gaz.lookup(t.text) or t.lower_ in self.gaz.titles.heads for t in ent):
            return False
        heads = self.gaz.titles.heads
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in heads:
            return True
        return any(c.dep_ == "appos" and c.lower_ in heads for c in ent.root.children)

    def _names_after_titles(self, found: list[Span | None]) -> list[Span]:
        """Names the NER missed or took for an organisation, read off the title before them:
        "Minister of Industry and Trade Tran Quoc Minh", "spokesperson He Wenjun"."""
        doc = self.doc
        titles = self.gaz.titles
        taken = {i: s.start for s in found if s is not None for i in range(s.start, s.end)}
        out = []
        for token in doc:
            if token.lower_ not in titles.heads or token.i + 2 > len(doc):
                continue
            first = self._after_title(token.i + 1)
            end = first
            while end < len(doc) and end - first < 4 and self._name_word(doc[end]):
                end += 1
            if (
                end - first < 2
                or first in taken
                or any(taken.get(i, first) < first for i in range(first, end))
            ):
                continue  # a run that only extends a found name to the left replaces it
            span = doc[first:end]
            if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                continue  # the run goes on into something longer than a name
            out.append(span)
            taken.update({i: span.start for i in range(span.start, span.end)})
        return out

    def _after_title(self, i: int) -> int:
        """Past the rest of an office name: "of Investment, Trade and Industry", "for Foreign Trade"."""
        doc = self.doc
        words = self.gaz.titles.domain_words
        if i < len(doc) and doc[i].lower_ in {"of", "for"}:
            j = i + 1
            while j < len(doc) and (
                doc[j].lower_ in words
                or doc[j].lower_ in {"and", ",", "the", "&", "of", "for"}
                or (j in self.by_token and doc[j].lower_ not in {"and", ","})
            ):
                j += 1
            if j > i + 1 and doc[j - 1].lower_ == "the":
                return i  # "representative for the Western Hemisphere": a region, not a name
            return j if j > i + 1 else i
        return i

    def _name_word(self, token: Token) -> bool:
        titles = self.gaz.titles
        return (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.text.replace("-", "").isalpha()
            and token.lower_ not in titles.heads
            and token.lower_ not in titles.domain_words
            and token.lower_ not in HONORIFICS
            and token.i not in self.by_token
            and self.gaz.lookup(token.text) is None
            and token.ent_type_ not in {"DATE", "GPE", "NORP"}
        )

    def _subsumed(self, words: tuple[str, ...]) -> bool:
        return len(words) == 1 and any(words[0] in p.words for p in self.persons.values())

    def _match_known(self, word: str) -> bool:
        return any(word in p.words for p in self.persons.values())

    def _clean_person(self, ent: Span) -> Span | None:
        doc = self.doc
        start, end = ent.start, ent.end
        while end > start and (
            doc[end - 1].tag_ == "POS"
            or doc[end - 1].text in {"'s", "’s", "'", "’"}
            or doc[end - 1].is_space
            or doc[end - 1].is_punct
        ):
            end -= 1
        stripped = start
        while start < end and (
            doc[start].lower_ in HONORIFICS
            or self.gaz.lookup(doc[start].text)
            or doc[start].lower_ in self.gaz.titles.heads
            or doc[start].is_punct
            or (
                doc[start].lower_ in self.gaz.titles.domain_words and start > 0 and doc[start - 1].text == "-"
            )
        ):  # "Secretary-General Khalid ..."
            start += 1
        if start == ent.start and start > 0 and doc[start - 1].lower_ in self.gaz.titles.heads:
            stripped = start - 1
        if (
            end - start == 1 and start > stripped and doc[stripped - 1].lower_ == "the"
            if stripped > 0
            else False
        ):
            return None  # "the Official Gazette": a title word naming a thing, not a person
        # NER often drops the first given name after a title ("Ambassador ... Esteban Moctezuma")
        while (
            start > 0
            and _name_like(doc[start - 1])
            and not self._blocked(doc[start - 1])
            and doc[start - 1].dep_ == "compound"
            and start <= doc[start - 1].head.i < end
        ):
            start -= 1
        while (
            end < len(doc)
            and _name_like(doc[end])
            and doc[end - 1].dep_ == "compound"
            and doc[end - 1].head.i == end
            and (
                not self._blocked(doc[end])
                or (doc[end - 1].lower_ in NAME_PARTICLES and self.gaz.lookup(doc[end].text) is None)
            )
        ):
            end += 1  # "Sri Mulyani [Indrawati]"; a particle needs its name: "Ursula von der [Leyen]"
        while (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].is_lower
        ):
            end += 2  # "Yoon Suk-yeol"
        if end <= start:
            return None
        span = doc[start:end]
        if any(t.is_punct and t.text not in {"-", "."} for t in span) or any(t.is_space for t in span):
            return None
        if any(
            t.is_lower
            and t.lower_ not in NAME_PARTICLES
            and not t.is_punct
            and not (t.i > span.start and doc[t.i - 1].text == "-")
            for t in span
        ):
            return None
        if any(i in self.by_token for i in range(start, end)):
            return None
        return span

    def _blocked(self, token: Token) -> bool:
        low = token.lower_
        return (
            low in HONORIFICS
            or low in self.gaz.titles.heads
            or low in self.gaz.titles.domain_words
            or self.gaz.lookup(token.text) is not None
            or token.i in self.by_token
            or token.ent_type_ in {"ORG", "GPE", "NORP", "DATE"}
        )

    def _mark_person_tokens(self, alone: Counter[str]) -> None:
        doc = self.doc
        persons = sorted(self.persons.values(), key=lambda p: -len(p.words))
        i = 0
        last_seen: dict[str, int] = {}
        while i < len(doc):
            if i in self.by_token:
                i = self.by_token[i].end
                continue
            hit = self._person_at(i, persons, last_seen)
            if hit is None:
                i += 1
                continue
            person, length, how = hit
            mention = Mention(i, i + length, person.key, how)
            self._add(mention)
            last_seen[person.key] = i
            surface = doc[i : i + length].text
            if surface != person.name:
                person.aliases.add(surface)
            i += length

    def _person_at(
        self, i: int, persons: list[Person], last_seen: dict[str, int]
    ) -> tuple[Person, int, str] | None:
        words = self._words
        word = words[i]
        if not word[:1].isupper():
            return None
        if self._by_first is None or self._indexed is not persons:
            self._index_persons(persons)
        assert self._by_first is not None
        for person in self._by_first.get(word, ()):
            n = len(person.words)
            if tuple(words[i : i + n]) == person.words:
                return person, n, "person"
        if word not in self._edge_words:
            return None
        token = self.doc[i]
        if not (token.text[:1].isupper() and token.pos_ in {"PROPN", "NOUN", "ADJ", "VERB"}):
            return None
        candidates = [
            p
            for p in persons
            if token.text in (p.words[0], p.words[-1])
            and (len(p.words) == 1 or token.text == p.words[-1] or self._family_first(p))
        ]
        if not candidates:
            return None
        if token.text in {p.words[0] for p in candidates if len(p.words) == 1}:
            person = next(p for p in candidates if len(p.words) == 1)
            return person, 1, "person"
        # a shared given or family name goes to the person last mentioned
        best = max(candidates, key=lambda p: last_seen.get(p.key, -1))
        return best, 1, "surname"

    def _index_persons(self, persons: list[Person]) -> None:
        """Persons by their first word (longest names first) and the set of first and last
        words, so each token is checked against a few names, not all."""
        self._by_first = {}
        for person in persons:
            if len(person.words) > 1:
                self._by_first.setdefault(person.words[0], []).append(person)
        self._edge_words = {w for p in persons for w in (p.words[0], p.words[-1])}
        self._indexed = persons

    def _family_first(self, person: Person) -> bool:
        """Chinese/Korean/Thai order: the first word recurs alone ("Li" for Li Chenggang)."""
        if person.key not in self._family_cache:
            self._family_cache[person.key] = self._first_word_alone(person)
        return self._family_cache[person.key]

    def _first_word_alone(self, person: Person) -> bool:
        first, second = person.words[0], person.words[1]
        words = self._words
        return any(
            w == first and not (i + 1 < len(words) and words[i + 1] == second) for i, w in enumerate(words)
        )

    def _pronoun_antecedents(self) -> dict[int, str]:
        """he/she/his/her -> the person last named as a subject (else last named)."""
        out: dict[int, str] = {}
        last_subject: tuple[int, str] | None = None
        last_any: str | None = None
        doc = self.doc
        for token in doc:
            m = self.at(token)
            if m is not None and m.key in self.persons:
                last_any = m.key
                if token.dep_ in {"nsubj", "nsubjpass"} or doc[m.start : m.end].root.dep_ in {
                    "nsubj",
                    "nsubjpass",
                }:
                    last_subject = (token.sent.start, m.key)
            elif token.lower_ in PRONOUNS and token.pos_ == "PRON":
                if last_subject is not None:
                    out[token.i] = last_subject[1]
                elif last_any is not None:
                    out[token.i] = last_any
                if token.dep_ in {"nsubj", "nsubjpass"} and token.i in out:
                    last_subject = (token.sent.start, out[token.i])
        return out

    def _home_country(self) -> str | None:
        """The government the story is about besides the United States: the most mentioned
        other country (the United States when it is the only one)."""
        counts = Counter(m.key for m in self.mentions if m.key.startswith("country:") and not m.in_name)
        others = [(n, k) for k, n in counts.items() if k != "country:USA"]
        if others:
            return max(others)[1]
        return "country:USA" if counts else None


def _inside_name(span: Span, name_ents: list[tuple[int, int]]) -> bool:
    """Whether a country name is only part of a longer name: "Canada-U.S.-Mexico trade agreement",
    "Korea International Trade Association"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in {"-", "–"}:
        head = span.root
        while head.dep_ in {"compound", "amod", "nmod", "npadvmod"} and head.head is not head:
            head = head.head
        return head.lower_ in AGREEMENT_HEADS
    for start, end in name_ents:
        if start <= span.start and span.end <= end:
            extra = [t for t in doc[start:end] if t.i < span.start or t.i >= span.end]
            if any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.tag_ != "POS" for t in extra):
                return True
    return False


def _dateline(span: Span) -> bool:
    """ "SEOUL —", "WASHINGTON (Reuters) –": where the story was filed, not an actor."""
    doc = span.doc
    first = span.start == 0 or doc[span.start - 1].is_space or doc[span.start - 1].is_sent_end
    after = doc[span.end] if span.end < len(doc) else None
    return bool(
        first
        and span.text.isupper()
        and len(span.text) > 3
        and after is not None
        and after.text in {"—", "–", "-", "(", ","}
    )


def _name_like(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not token.is_sent_start
    )


def _name_text(span: Span) -> str:
    return " ".join(t.text for t in span).replace(" - ", "-").replace(" -", "-").replace("- ", "-")


def is_headline(span: Span, text: str | None = None) -> bool:
    """Whether ``span`` stands in a title-case line (a headline) whose capitals say nothing
    about names (``text``: the document's text, when the caller has it)."""
    text = span.doc.text if text is None else text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    return _headline_line(text[start : len(text) if end < 0 else end])


@lru_cache(maxsize=4096)
def _headline_line(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "”", '"')):
        return False
    return bool(sum(w[0].isupper() for w in words) / len(words) > 0.75)


def build_matcher(nlp: object, gazetteer: Gazetteer) -> PhraseMatcher:
    """A PhraseMatcher over every gazetteer surface form (built once per pipeline)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")  # type: ignore[attr-defined]
    forms = sorted(gazetteer.patterns())
    docs = list(nlp.tokenizer.pipe(forms))  # type: ignore[attr-defined]
    matcher.add("PLACE", docs)
    return matcher


def iter_sentence_mentions(index: MentionIndex, sent: Span) -> Iterable[Mention]:
    seen: set[int] = set()
    for token in sent:
        m = index.at(token)
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            yield m


def in_quote(doc: Doc, i: int, text: str | None = None) -> bool:
    """Whether token ``i`` stands inside quotation marks of its paragraph (a quoted speaker's
    words, where titles say nothing about the article's own actors)."""
    idx = doc[i].idx
    text = doc.text if text is None else text
    para = text.rfind("\n", 0, idx) + 1
    before = text[para:idx]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1
