"""Names the NER missed that an apposed office describes: "Ana Ruiz, Peru's deputy minister of
trade, said ..." (read by :class:`.persons.PersonFinder`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import DEP

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token


def apposed_names(
    doc: Doc, heads: frozenset[str], name_word: Callable[[Token], bool], found: list[Span | None]
) -> list[Span]:
    """Two or three name words before a comma, the last one the head of an apposed title,
    outside every span already found."""
    taken = {i for s in found if s is not None for i in range(s.start, s.end)}
    out = []
    appos = doc.vocab.strings["appos"]
    for i in numpy.flatnonzero(doc.to_array(DEP) == appos).tolist():  # apposed words only, at C speed
        title = doc[i]
        name = title.head
        if title.dep_ != "appos" or title.lower_ not in heads or name.i >= title.i:
            continue
        start = name.i
        while start > name.sent.start and doc[start - 1].dep_ == "compound" and name_word(doc[start - 1]):
            start -= 1
        if not 2 <= name.i + 1 - start <= 3 or not name_word(name):
            continue
        if any(i in taken for i in range(start, name.i + 1)) or doc[name.i + 1].text != ",":
            continue
        out.append(doc[start : name.i + 1])
    return out
