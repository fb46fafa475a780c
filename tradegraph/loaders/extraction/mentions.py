"""Finds who is mentioned where in a parsed article: places (countries, bodies) and persons,
including surname-only mentions, and resolves pronouns and definite descriptions to them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.attrs import DEP, LOWER, POS

from tradegraph.graph.model import ActorKind
from tradegraph.knowledge.gazetteer import Gazetteer, Place
from tradegraph.knowledge.lexicon import AGREEMENT_HEADS, HONORIFICS, PRONOUNS
from tradegraph.loaders.extraction.persons import PersonFinder
from tradegraph.loaders.extraction.spans import Mention, Person, in_quote, is_headline

__all__ = ["HONORIFICS", "Mention", "MentionIndex", "Person", "in_quote", "is_headline", "build_matcher"]

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token


class MentionIndex:
    """Every actor mention of one document, by token, with the places and persons behind them."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, matcher: PhraseMatcher) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.places: dict[str, Place] = {}
        self.persons: dict[str, Person] = {}
        self.by_token: dict[int, Mention] = {}
        self.mentions: list[Mention] = []
        self.text = doc.text
        self._name_ents = [
            (e.start, e.end) for e in doc.ents if e.label_ in {"ORG", "LAW", "FAC", "EVENT", "WORK_OF_ART"}
        ]
        self._person_ents = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2]
        self._find_places(matcher)
        self._hyphen_places()
        PersonFinder(self).find()
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

    def pair_before(self, before: int) -> list[str]:
        """What "both countries" / "the two sides" at token ``before`` stands for: the two states
        named earlier in its paragraph when there are exactly two, else the two the article has
        named most so far (the story's two protagonists, not a place in passing), the later-named
        first on a tie."""
        doc = self.doc
        start = before
        while start > 0 and "\n" not in doc[start - 1].text:
            start -= 1
        usable = [
            m
            for m in self.mentions
            if m.start < before
            and m.key not in self.persons
            and not m.in_name
            and self.places[m.key].state is None
        ]
        near = list(dict.fromkeys(m.key for m in sorted(usable, key=lambda m: -m.start) if m.start >= start))
        if len(near) == 2:
            return near
        counts = Counter(m.key for m in usable)
        last = {m.key: m.start for m in usable}
        return sorted(counts, key=lambda k: (-counts[k], -last[k]))[:2]

    # -- places -------------------------------------------------------------------------
    def _find_places(self, matcher: PhraseMatcher) -> None:
        doc = self.doc
        matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        taken: set[int] = set()
        for _match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            place = self.gaz.lookup(doc[start:end].text)
            if place is None or self._given_name(start, end):
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

    def _given_name(self, start: int, end: int) -> bool:
        """A place word that opens a longer person name ("Santiago Peña", "Jordan Bardella")."""
        for ent in self._person_ents:
            if ent[0] == start and end < ent[1] and self.doc[end].text[:1].isupper():
                return True
        return False

    def _hyphen_places(self) -> None:
        """States named inside a hyphenated token ("U.S.-Japan"), known to the index as places."""
        for token in self.doc:
            if "-" in token.text or "–" in token.text:
                for part in token.text.replace("–", "-").split("-"):
                    place = self.gaz.lookup(part) if part else None
                    if place is not None and place.kind is ActorKind.COUNTRY:
                        self.places.setdefault(place.id, place)

    def _add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def _pronoun_antecedents(self) -> dict[int, str]:
        """he/she/his/her -> the person last named as a subject (else last named)."""
        out: dict[int, str] = {}
        last_subject: str | None = None
        last_any: str | None = None
        doc = self.doc
        strings = doc.vocab.strings
        subject = {strings["nsubj"], strings["nsubjpass"]}
        pron = strings["PRON"]
        # read from the Doc's arrays: a Token is built only for a person's mention
        rows = doc.to_array([LOWER, POS, DEP]).tolist() if len(doc) else []
        for i, (lower, pos, dep) in enumerate(rows):
            m = self.by_token.get(i)
            if m is not None and m.key in self.persons:
                last_any = m.key
                if dep in subject or doc[m.start : m.end].root.dep in subject:
                    last_subject = m.key
            elif pos == pron and strings[lower] in PRONOUNS:
                if last_subject is not None:
                    out[i] = last_subject
                elif last_any is not None:
                    out[i] = last_any
                if dep in subject and i in out:
                    last_subject = out[i]
        return out

    def _home_country(self) -> str | None:
        """The government the story is about besides the United States: the most mentioned
        other country (the United States when it is the only one)."""
        counts = Counter(m.key for m in self.mentions if m.key.startswith("country:") and not m.in_name)
        for m in self.mentions:  # where the story was filed weighs as much as a few mentions
            if m.key in counts and _dateline(self.doc[m.start : m.end]):
                counts[m.key] += DATELINE_WEIGHT
        others = [(n, k) for k, n in counts.items() if k != "country:USA"]
        if others:
            return max(others)[1]
        return "country:USA" if counts else None


#: How many mentions the dateline's country ("WARSAW, Oct 1 —") counts for in the story's home.
DATELINE_WEIGHT = 3


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
