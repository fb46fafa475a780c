"""The record every extraction rule is: a name, the relation it reads, what it reads (a spaCy
``Matcher`` pattern for the trigger token as data, and a small named function for the rest), its
confidence and the example sentences of our own that run as its test (``tests/unit/
test_extraction_rules.py``). The records themselves are listed in :mod:`.catalogue`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tradegraph.graph.model import RelationKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext
    from tradegraph.loaders.extraction.found import Found

#: A spaCy ``Matcher`` pattern (a list of token-attribute dicts) naming a rule's trigger token.
Pattern = list[dict[str, Any]]
TokenRead = Callable[["ArticleContext", "Token"], Iterable["Found"]]
ArticleRead = Callable[["ArticleContext", list["Found"]], Iterable["Found"]]
Level = Literal["token", "dependency", "article", "reference", "office", "build"]


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence (or short text) of our own and the pair the rule reads in it.

    ``pair`` holds actor names as the extractor names them (persons by full name, countries by
    their short name, e.g. ``"United States"``); ``None`` in a negative example means the rule
    must not fire at all.
    """

    text: str
    pair: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One construction of English the extractor reads.

    Attributes:
        name: ``family.construction``, written into every Evidence as ``rule:<name>``.
        kind: the relation it produces.
        doc: the construction in words.
        confidence: what the rule's readings start from (a weak reference lowers it).
        level: ``token``: run on each token the ``trigger`` patterns match, in text order;
            ``dependency``: wherever the ``pattern`` matches the parse;
            ``article``: run once over what the token rules found; ``reference``: resolved by
            the discourse stage before any relation rule; ``office``/``build``: read
            while offices are read or relations assembled (listed here for the catalogue and the
            examples test; the reading function is named in ``read_by``).
        trigger: Matcher patterns (alternatives) for the trigger token of a ``token`` rule.
        read: the function that reads the construction at a trigger (``token``) or over the
            article (``article``).
        positive: examples the rule must read, with their pair.
        negative: examples it must not read (with the pair it must not give, or none at all).
        running: what the rule finds becomes the article's running pair ("the two sides").
        pattern: for a ``dependency`` rule, a spaCy ``DependencyMatcher`` pattern (data) whose
            nodes ``source`` and ``target`` are the two sides; no reading function is needed.
        persons_only: a ``dependency`` rule relates persons only (a replacement).
    """

    name: str
    kind: RelationKind
    doc: str
    confidence: float
    positive: tuple[Example, ...]
    negative: tuple[Example, ...] = ()
    level: Level = "token"
    trigger: tuple[Pattern, ...] = ()
    read: TokenRead | ArticleRead | None = None
    read_by: str = ""
    running: bool = False
    pattern: Pattern = field(default_factory=list)
    persons_only: bool = False

    @property
    def provenance(self) -> str:
        return f"rule:{self.name}"


@dataclass(frozen=True, slots=True)
class Filter:
    """An article-level check that drops readings the article as a whole contradicts."""

    name: str
    doc: str
    keep: Callable[[ArticleContext, list[Found]], list[Found]]


def words_pattern(attr: str, words: Iterable[str], **more: Any) -> Pattern:
    """A one-token Matcher pattern: ``attr`` (``LOWER``, ``LEMMA``) in ``words``, plus ``more``."""
    return [{attr: {"IN": sorted(words)}, **more}]
