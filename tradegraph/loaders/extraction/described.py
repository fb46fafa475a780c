"""Heads of state named once without a title and described later by their office alone:
"... ended without a meeting with Donald Trump. The rate, one of the highest the U.S. president
has applied ..." The description ("the U.S. president", "Japan's prime minister") names the state
and no person; it refers back to the nearest person named before it, within a few sentences,
whom the article has given no title at all (a titled person is described by their own title)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LOWER

from tradegraph.loaders.extraction.facts import Office, PersonFacts

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.mentions import MentionIndex
    from tradegraph.loaders.extraction.spans import Mention

RULE = "discourse.described_head"
CONFIDENCE = 0.7
#: How many sentences before the description its person may have been named in.
WINDOW = 3
_SINGLE = {"president", "premier", "chancellor"}
_NOT_NOW = {"former", "late", "ex", "then", "previous", "next", "new", "incoming", "outgoing", "vice"}


def described_heads(
    index: MentionIndex,
    facts: dict[str, PersonFacts],
    office: Callable[[Mention, Span, float, str], Office],
) -> None:
    """Adds an :class:`Office` (rule ``discourse.described_head``) and the state to each untitled
    person a definite description of a head of state refers back to (run once affiliations of the
    titled are settled)."""
    sents = list(index.doc.sents)
    for title, state in _descriptions(index):
        person = _antecedent(index, facts, title, state, sents)
        if person is not None:
            found = facts[person.key]
            found.offices.append(office(person, title, CONFIDENCE, RULE))
            if not found.affiliation:
                found.affiliation, found.affiliation_confidence = state, CONFIDENCE
                found.affiliation_rule = RULE


def _descriptions(index: MentionIndex) -> Iterator[tuple[Span, str]]:
    """("the U.S. president", the state's key) for every description of a head of state that
    names a state and no person."""
    doc = index.doc
    lower = doc.to_array(LOWER)
    wanted = [doc.vocab.strings[w] for w in (*_SINGLE, "minister")]
    for i in numpy.flatnonzero(numpy.isin(lower, wanted)).tolist():  # only the title words, at C speed
        tok = doc[i]
        first = _role_start(tok)
        if first is None or tok.i in index.by_token or tok.tag_ in {"NNS", "NNPS"}:
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and (m := index.at(after)) is not None and m.key in index.persons:
            continue  # "the U.S. president Donald Trump": a title, read by the office rules
        if tok.dep_ == "appos" or any(c.dep_ == "appos" for c in tok.children):
            continue  # "Trump, the U.S. president," is the office rules' too
        left = [t for t in doc[tok.left_edge.i : first] if t.i < first]
        if not left or any(t.lower_ in _NOT_NOW for t in left):
            continue
        states = [m for t in left if (m := index.at(t)) is not None and m.key.startswith("country:")]
        definite = left[0].lower_ == "the" or any(t.tag_ == "POS" for t in left)
        if len({m.key for m in states}) == 1 and definite:
            yield doc[left[0].i : tok.i + 1], states[0].key


def _role_start(tok: Token) -> int | None:
    low = tok.lower_
    if low in _SINGLE:
        return tok.i
    if low == "minister" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "prime":
        return tok.i - 1
    return None


def _antecedent(
    index: MentionIndex, facts: dict[str, PersonFacts], title: Span, state: str, sents: list[Span]
) -> Mention | None:
    """The nearest person named before ``title`` within ``WINDOW`` sentences, when that person
    holds no title in the article; ``None`` when the nearest is titled or nobody is named."""
    k = next(i for i, s in enumerate(sents) if s.start <= title.start < s.end)
    lo = sents[max(0, k - WINDOW)].start
    before = [
        m for m in index.mentions if m.key in facts and lo <= m.start < title.start and m.how != "pronoun"
    ]
    word = title[-1].lower_
    if any(
        word in o.role.lower() and facts[m.key].affiliation in {None, state}
        for m in before
        for o in facts[m.key].offices
    ):
        return None  # a titled holder is in view: "President Ana Ruiz ... the Peruvian president"
    untitled = [m for m in before if not facts[m.key].offices and not facts[m.key].represented]
    if not untitled:
        return None
    nearest = max(untitled, key=lambda m: m.start)
    others = {m.key for m in untitled if m.key != nearest.key}
    return nearest if not others else None
