"""The per-article context every rule reads: the parse, the mentions, the persons' offices and
affiliations, the references resolved weakly, and the article's running actors. Built in clear
stages by :func:`build_context`; rules read it and return what they find, and only the engine
(:mod:`.engine`) advances the running state, in text order."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tradegraph.loaders.extraction.mentions import MentionIndex
from tradegraph.loaders.extraction.references import references
from tradegraph.loaders.extraction.resolve import NounResolver, weak_tokens
from tradegraph.loaders.extraction.roles import PersonFacts, RoleReader

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

    from tradegraph.graph.model import Article
    from tradegraph.knowledge.gazetteer import Gazetteer

T = TypeVar("T")


@dataclass
class Running:
    """What the article has established so far, in text order (written by the engine only).

    ``sides``: the states of the last pair read negotiating ("the two sides" refers to them).
    """

    sides: list[str] = field(default_factory=list)


@dataclass
class ArticleContext:
    """Everything the rules may read about one article.

    Stages: ``index`` (mentions of places and persons, pronoun antecedents), ``facts`` (offices
    and affiliations per person, settled once), ``resolver`` (noun phrase -> actors, stateless),
    ``resolver.references`` (the discourse stage: "they", "these allies", "his counterpart"),
    ``weak`` (tokens whose actor is only inferred: a pronoun, "the government"), ``imposers``
    (who imposes each tariff the text names, for "the article's running imposer").
    """

    article: Article | None
    index: MentionIndex
    facts: dict[str, PersonFacts]
    resolver: NounResolver
    weak: frozenset[int]
    running: Running = field(default_factory=Running)
    _memo: dict[tuple[str, int], Any] = field(default_factory=dict)
    _imposers: list[tuple[int, str]] | None = None

    @property
    def doc(self) -> Doc:
        return self.index.doc

    def memo(self, name: str, token: Token, compute: Callable[[Token], T]) -> T:
        """``compute(token)`` once per article (rules of one trigger share their party readings)."""
        key = (name, token.i)
        if key not in self._memo:
            self._memo[key] = compute(token)
        return self._memo[key]  # type: ignore[no-any-return]

    def weak_in(self, tokens: Any) -> bool:
        """Whether any of ``tokens`` names its actor only by inference."""
        return any(t.i in self.weak for t in tokens)

    def imposer_before(self, i: int) -> str | None:
        """The imposer of the last tariff before token ``i`` whose imposer the text names."""
        if self._imposers is None:
            from tradegraph.loaders.extraction.tariffs import stated_imposers

            self._imposers = stated_imposers(self)
        at = bisect_left(self._imposers, (i, ""))
        return self._imposers[at - 1][1] if at > 0 else None


def build_context(
    doc: Doc, gazetteer: Gazetteer, matcher: PhraseMatcher, article: Article | None = None
) -> ArticleContext:
    """The stages up to the relation rules: mentions -> offices and affiliations -> discourse
    references -> resolver -> weakly resolved tokens."""
    index = MentionIndex(doc, gazetteer, matcher)
    facts = RoleReader(index).read()
    resolver = NounResolver(index, facts, references(NounResolver(index, facts)))
    return ArticleContext(article, index, facts, resolver, weak_tokens(resolver))
