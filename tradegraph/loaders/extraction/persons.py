"""Finds the persons of a parsed article: NER names cleaned of titles and honorifics, names
the small model missed or mislabelled right after a title ("trade minister X" tagged as a place
or a facility), and every later mention of them (surname only, family name first)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.attrs import ORTH

from tradegraph.graph.model import ActorKind, actor_id
from tradegraph.knowledge.lexicon import HONORIFICS, NAME_PARTICLES
from tradegraph.loaders.extraction.persons_apposed import apposed_names
from tradegraph.loaders.extraction.persons_replaced import succeeded_names
from tradegraph.loaders.extraction.spans import (
    Mention,
    Person,
    is_credit,
    is_headline,
    is_title,
    joined,
    name_like,
    name_text,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.mentions import MentionIndex


#: Labels the small NER model gives a surname right after a title ("minister Kusumawati": GPE).
MISREAD_LABELS = {"GPE", "FAC", "ORG", "PRODUCT", "NORP", "LOC", "WORK_OF_ART"}


class PersonFinder:
    """Adds the persons of one document to the :class:`MentionIndex` being built."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.doc = index.doc
        self.gaz = index.gaz
        self.persons = index.persons
        self.by_token = index.by_token
        self._add = index._add
        strings = index.doc.vocab.strings  # the texts from the Doc's array: no Token built per word
        self._words = [strings[orth] for orth in index.doc.to_array(ORTH).tolist()]
        self.text = index.text
        self._family_cache: dict[str, bool] = {}
        self._by_first: dict[str, list[Person]] | None = None
        self._edge_words: set[str] = set()
        self._indexed: list[Person] | None = None

    def find(self) -> None:
        self._find_persons()

    # -- persons ------------------------------------------------------------------------
    def _find_persons(self) -> None:
        doc = self.doc
        cleaned = [
            self._clean_person(ent) for ent in doc.ents if ent.label_ == "PERSON" or self._titled_name(ent)
        ]
        longer = self._names_after_titles(cleaned)
        longer += apposed_names(doc, self.gaz.titles.heads, self._name_word, [*cleaned, *longer])
        taken = {i for s in [*cleaned, *longer] if s is not None for i in range(s.start, s.end)}
        longer += succeeded_names(self.doc, self._misread_name_word, taken)
        cleaned = [
            s
            for s in cleaned
            if s is None or not any(n.start < s.start < n.end and s.end == n.end for n in longer)
        ]
        cleaned += longer
        spans = joined(
            [s for s in cleaned if s is not None and not is_headline(s, self.text) and not is_credit(s)]
        )
        for span in sorted(spans, key=lambda s: s.start):
            words = tuple(t.text for t in span)
            if len(words) == 1 and self._match_known(words[0]):
                continue
            key = actor_id(ActorKind.PERSON, span.text)
            if key not in self.persons and not self._subsumed(words):
                self.persons[key] = Person(key, name_text(span), words)
        # single-word names that turned out to be part of a longer name are dropped above
        alone = Counter(t.text for t in doc if t.pos_ == "PROPN" or t.ent_type_)
        self._mark_person_tokens(alone)

    def _titled_name(self, ent: Span) -> bool:
        """A name the NER took for an organisation, told apart by its office:
        "Jamieson Greer, the United States Trade Representative"."""
        heads = self.gaz.titles.heads
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        after_title = before is not None and (
            before.lower_ in heads  # "minister X"; and "Secretary-General X", a hyphenated title
            or (
                ent.start >= 3
                and self.doc[ent.start - 2].text == "-"
                and self.doc[ent.start - 3].lower_ in heads
            )
        )
        shortest = 1 if after_title and ent.label_ in MISREAD_LABELS else 2
        if not shortest <= len(ent) <= 3 or not all(name_like(t) or t.text == "-" for t in ent):
            return False
        titles = self.gaz.titles
        if any(
            self.gaz.lookup(t.text)
            or t.lower_ in heads
            or t.lower_ in titles.domain_words
            or t.lower_ in HONORIFICS
            for t in ent
        ):
            return False
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        if len(ent) == 1 and after is not None and (after.pos_ == "PROPN" or after.lower_ in heads):
            return False  # "Deputy Trade Minister": part of a title, not a surname
        if after_title:  # "trade minister Kusumawati" tagged as a place: the title says a person
            return True
        return any(c.dep_ == "appos" and is_title(c, heads) for c in ent.root.children)

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
            if (
                first < len(doc) - 1
                and doc[first].text in {"He", "Li", "Ma"}
                and self._name_word(doc[first + 1])
            ):
                end += 1  # "Vice Premier He Jinlu": a family name the tagger may read as a pronoun
            while end < len(doc) and end - first < 4 and self._name_word(doc[end]):
                end += 1
                if (
                    end + 1 < len(doc)
                    and doc[end].text == "-"
                    and not doc[end - 1].whitespace_
                    and not doc[end].whitespace_
                    and self._name_word(doc[end + 1])
                ):
                    end += 1  # "Minister of Investment Khalid Al-[Falih]": one name word across the hyphen
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
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
        if i < len(doc) and doc[i].lower_ == "to" and j in self.by_token:
            return self.by_token[j].end  # "Ambassador to the US Ana Ruiz"
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

    def _misread_name_word(self, token: Token) -> bool:
        """A name word, also one the NER tagged as a place it is not ("Cheong" as GPE)."""
        if token.ent_type_ == "GPE" and token.pos_ == "PROPN" and token.text[:1].isupper():
            return token.i not in self.by_token and self.gaz.lookup(token.text) is None
        return self._name_word(token)

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
            or self._place_word(doc[start])
            or doc[start].lower_ in self.gaz.titles.heads
            or doc[start].is_punct
            or (
                doc[start].lower_ in self.gaz.titles.domain_words
                and start > 0
                and doc[start - 1].lower_ in {"-", "and", "&", ",", "of", "for"}
            )
        ):  # "Secretary-General Khalid ...", "Minister of Health and Culture Ana Ruiz"
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
            and name_like(doc[start - 1])
            and not self._blocked(doc[start - 1])
            and doc[start - 1].dep_ == "compound"
            and start <= doc[start - 1].head.i < end
            and not (start > 1 and doc[start - 2].lower_ in {"for", "of", "to"})
        ):  # ... but not a region the title covers: "Envoy for Oceania [Ana Ruiz]"
            start -= 1
        while (
            end < len(doc)
            and name_like(doc[end])
            and doc[end - 1].dep_ == "compound"
            and doc[end - 1].head.i == end
            and (
                not self._blocked(doc[end])
                or (doc[end - 1].lower_ in NAME_PARTICLES and self.gaz.lookup(doc[end].text) is None)
                or self._misread_surname(doc[end])
            )
        ):
            end += 1  # "Sri Mulyani [Indrawati]"; a particle needs its name: "Ursula von der [Leyen]"
        if end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES:
            run = end
            while run < len(doc) and doc[run].lower_ in NAME_PARTICLES and run - end < 2:
                run += 1
            if run < len(doc) and name_like(doc[run]):
                end = run + 1  # a name never ends in a particle: "Ana de la [Vega]", "Ursula von [der Leyen]"
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

    def _place_word(self, token: Token) -> bool:
        """A demonym or a place the index took ("Salvadoran Óscar Chacón"); a place word the
        index left to a name ("Santiago Peña") stays in the name."""
        place = self.gaz.lookup(token.text)
        return place is not None and (place.how == "demonym" or token.i in self.by_token)

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

    def _misread_surname(self, token: Token) -> bool:
        """A last surname the NER split off as a place of its own: "Helene Budliger [Artieda]"
        (one word, tagged GPE or ORG, that is no place the gazetteer knows)."""
        doc = self.doc
        return (
            token.ent_type_ in {"GPE", "ORG"}
            and token.ent_iob_ == "B"
            and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
            and self.gaz.lookup(token.text) is None
            and token.i not in self.by_token
            and token.text.lower() not in self.gaz.titles.heads | self.gaz.titles.domain_words
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
