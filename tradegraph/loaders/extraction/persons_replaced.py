"""Names the NER missed or took for an organisation where the text says someone took their post:
"Y succeeded Cheong In-kyo as trade minister", "Y, who replaced Olaf Brandt in May", "Y took
over the portfolio from Anna Berg". Only persons are succeeded in a post, so a name-like run there
is a person (read by :class:`.persons.PersonFinder`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import POS

from tradegraph.knowledge.lexicon import SUCCEED_VERBS

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token


def succeeded_names(doc: Doc, name_word: Callable[[Token], bool], taken: set[int]) -> list[Span]:
    """Runs of two to four name words (a hyphenated part counts with its halves) that are the object
    of "replace"/"succeed" or of "from" after "take over", outside every span already found."""
    out = []
    propn = doc.vocab.strings["PROPN"]
    for i in numpy.flatnonzero(doc.to_array(POS) == propn).tolist():  # proper nouns only, at C speed
        token = doc[i]
        if not _succeeded(token):
            continue
        start = token.i
        while start > 0 and token.i - start < 6 and _part(doc[start - 1], name_word):
            start -= 1
        while start < token.i and not (start <= doc[start].head.i <= token.i and name_word(doc[start])):
            start += 1  # the run is one phrase headed by the object: "Cheong In - kyo"
        span = doc[start : token.i + 1]
        words = [t for t in span if t.text != "-"]
        inside = all(start <= t.head.i <= token.i for t in span if t.i != token.i)
        if 2 <= len(words) <= 4 and inside and not taken & set(range(start, token.i + 1)):
            out.append(span)
    return out


def _succeeded(token: Token) -> bool:
    head = token.head
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return False
    if token.dep_ == "dobj" and head.lemma_.lower() in SUCCEED_VERBS:
        return True
    verb = head.head
    return (
        token.dep_ == "pobj"
        and head.lower_ == "from"
        and verb.lemma_.lower() == "take"
        and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
    )


def _part(token: Token, name_word: Callable[[Token], bool]) -> bool:
    return (
        token.text == "-"
        or name_word(token)
        or (token.is_alpha and token.i > 0 and token.doc[token.i - 1].text == "-")
    )
