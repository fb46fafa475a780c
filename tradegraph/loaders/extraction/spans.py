"""The records of the mentions stage (a token range standing for an actor, a person found in
the text) and facts about a span's place in the text: a headline, a quotation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


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


def in_quote(doc: Doc, i: int, text: str | None = None) -> bool:
    """Whether token ``i`` stands inside quotation marks of its paragraph (a quoted speaker's
    words, where titles say nothing about the article's own actors)."""
    idx = doc[i].idx
    text = doc.text if text is None else text
    para = text.rfind("\n", 0, idx) + 1
    before = text[para:idx]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


def members(token: Token) -> list[Token]:
    """A listed noun and the others of its list, also where the parser took the list for an
    apposition ("Australia, New Zealand and Norway each ...")."""
    out = [token, *token.conjuncts]
    doc, i = token.doc, token.i
    if [t.lower_ for t in doc[i + 1 : i + 4]] == ["as", "well", "as"] and i + 4 < len(doc):
        out.append(doc[i + 4])  # "on Peru as well as Chile"
    for c in token.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            out.extend([c, *c.conjuncts])
    return list(dict.fromkeys(out))


def tokens_with_lemma(doc: Doc, lemmas: Iterable[str]) -> list[Token]:
    """The tokens whose lower-cased lemma is one of ``lemmas``, found on the Doc's arrays (no
    Token is built for the others).

    >>> import spacy
    >>> doc = spacy.blank("en")("They attend. We attend.")
    >>> for t in doc:
    ...     t.lemma_ = t.lower_
    >>> [t.i for t in tokens_with_lemma(doc, {"attend"})]
    [1, 4]
    """
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    wanted = {strings[w] for w in lemmas if w in strings}
    wanted |= {strings[w.capitalize()] for w in lemmas if w.capitalize() in strings}
    if not wanted or not len(doc):
        return []
    return [doc[i] for i, h in enumerate(doc.to_array(LEMMA).tolist()) if h in wanted]


def tokens_with_dep(doc: Doc, deps: Iterable[str]) -> list[Token]:
    """The tokens whose dependency label is one of ``deps`` (found on the Doc's arrays)."""
    from spacy.attrs import DEP

    strings = doc.vocab.strings
    wanted = {strings[d] for d in deps if d in strings}
    if not wanted or not len(doc):
        return []
    return [doc[i] for i, h in enumerate(doc.to_array(DEP).tolist()) if h in wanted]


def is_title(token: Token, heads: frozenset[str]) -> bool:
    """A title word of ``heads``, also the last part of a hyphenated one ("director-general")."""
    doc, i = token.doc, token.i
    return token.lower_ in heads or (
        i >= 2 and doc[i - 1].text == "-" and f"{doc[i - 2].lower_}-{token.lower_}" in heads
    )


def joined(spans: list[Span]) -> list[Span]:
    """Names the NER cut in two with nothing between them ("[Nusrat] [Jahan Chowdhury]") are one."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        last = out[-1] if out else None
        if last is not None and last.end == span.start and len(last) + len(span) <= 4:
            out[-1] = span.doc[last.start : span.end]
        else:
            out.append(span)
    return out


def is_credit(span: Span) -> bool:
    """The agency credited in a dateline, not a person: "GENEVA, Aug 7 (Alpine Dispatch) - ..."."""
    doc = span.doc
    return (
        span.start > 0
        and span.end + 1 < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
        and doc[span.end + 1].text in {"-", "—", "–", "--"}
    )


def name_like(token: Token) -> bool:
    """A capitalised proper-noun word that does not open its sentence."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not token.is_sent_start
    )


def name_text(span: Span) -> str:
    """A name's text with hyphens joined ("Yoon Suk - yeol" -> "Yoon Suk-yeol")."""
    return " ".join(t.text for t in span).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
