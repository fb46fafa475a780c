"""Offices a person shares with others named beside them, or is removed from: "Presidents A and B", "the A
administration imposed ...", "X's government, including A, B and C" (read for
:class:`.offices.OfficeReader`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.knowledge.lexicon import CABINET_NOUNS, REMOVAL_VERBS
from tradegraph.loaders.extraction.facts import Office

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.mentions import Mention
    from tradegraph.loaders.extraction.offices import OfficeReader


def shared_title(reader: OfficeReader, mention: Mention, head: Token) -> Iterator[Office]:
    """ "Presidents A and B": a plural title before coordinated names is each one's;
    "the A administration": A heads a government."""
    doc = reader.index.doc
    if head.dep_ == "compound" and head.head.lower_ == "administration":
        det = [c.lower_ for c in head.head.children if c.dep_ in {"det", "amod"}]
        acting = head.head.dep_ in {"nsubj", "nsubjpass"}  # the administration does something
        if acting and "the" in det and not set(det) & (reader.titles.former_words | {"previous", "last"}):
            office = reader.office(mention, doc[head.i : head.i + 1], 0.8, "represents.administration")
            office.role, office.official = "President", True
            yield office
        return
    first = head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first is head and not any(c.dep_ == "conj" and reader.index.at(c) is not None for c in head.children):
        return
    title = first.left_edge
    if not reader.plural(title) or title.head.i != first.i:
        return
    office = reader.office(mention, doc[title.i : title.i + 1], 0.85, "represents.plural_title")
    office.role = title.text[:-1]
    yield office


def listed_member(mention: Mention, head: Token) -> Iterator[Office]:
    """ "veterans of X's government, including A, B and C", "the cabinet includes A and B":
    each listed person sits in the government."""
    first = head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    owner = first.head
    if first.dep_ == "pobj" and owner.lower_ == "including":
        holders = [owner.head, *(g for c in owner.head.children if c.dep_ == "prep" for g in c.children)]
    elif first.dep_ == "dobj" and owner.lemma_.lower() == "include":
        holders = [c for c in owner.children if c.dep_ == "nsubj"]
    else:
        return
    if any(h.lemma_.lower() in CABINET_NOUNS for h in holders):
        yield Office(mention.key, "cabinet member", None, head.sent, 0.7, rule="represents.cabinet_list")


def listed_official(reader: OfficeReader, mention: Mention, head: Token) -> Iterator[Office]:
    """ "Peru's mining minister A, her Bolivian counterpart B, and Chile's C signed": a person
    named by their state alone, listed with titled officials, is one of them."""
    states = [m for c in head.children if c.dep_ == "poss" and (m := reader.index.at(c)) is not None]
    if not states or states[0].key in reader.index.persons or states[0].in_name:
        return
    doc = reader.index.doc
    j = states[0].start - 1
    while j > head.sent.start and doc[j].lower_ in {",", "and"}:
        j -= 1
    before = reader.index.at(doc[j]) if j < states[0].start - 1 else None
    if before is None or before.key not in reader.index.persons:
        return
    if any(reader.title_word(w) for w in doc[max(head.sent.start, before.start - 3) : before.start]):
        office = Office(mention.key, "official", None, head.sent, 0.7, rule="represents.listed_official")
        office.place = reader.state_of(states[0].key)
        yield office


def removed(reader: OfficeReader, mention: Mention) -> bool:
    """ "X, alongside minister Y, were dropped", "Z removed minister Y": out of the post."""
    node = reader.index.doc[mention.start : mention.end].root
    beside = {"alongside", "with"}
    for _ in range(4):  # up through "the minister Y", "alongside ...", "X and Y"
        if node.dep_ in {"appos", "conj"} or {node.lower_, node.head.lower_} & beside and node.dep_ != "ROOT":
            node = node.head
    verb = node if node.pos_ in {"VERB", "AUX"} else node.head
    passive = node is verb and any(c.dep_ == "auxpass" for c in verb.children)
    return verb.lemma_.lower() in REMOVAL_VERBS and (node.dep_ in {"dobj", "nsubjpass"} or passive)


def past_term(reader: OfficeReader, mention: Mention) -> bool:
    """ "during President X's administration" in a clause about the past: X's term is over."""
    root = reader.index.doc[mention.start : mention.end].root
    term, prep = root.head, root.head.head
    if root.dep_ not in {"poss", "nmod", "compound"} or term.lower_ not in {
        "administration",
        "government",
        "presidency",
        "tenure",
        "term",
    }:
        return False
    return prep.lower_ == "during" and any(a.tag_ == "VBD" for a in [prep.head, *prep.head.ancestors])
