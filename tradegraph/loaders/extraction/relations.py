"""The relation rules over one parsed article: who negotiates with, replaces, is allied with or
imposes tariffs on whom, read from the dependency structure of each sentence. Each kind's rules
live in their own module; this one walks the sentences and hands each trigger word to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradegraph.loaders.extraction.alliances import ALLY_WORDS, AllianceRules
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.negotiation import GO_VERBS, SEND_VERBS, NegotiationRules
from tradegraph.loaders.extraction.replacements import ReplacementRules
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.tariffs import GOODS, TARIFF_NOUNS, TariffRules

__all__ = ["Found", "RelationReader", "GOODS"]

if TYPE_CHECKING:
    from spacy.tokens import Span


class RelationReader(NegotiationRules, TariffRules, AllianceRules, ReplacementRules):
    """Applies every relation rule to the sentences of one document."""

    def __init__(self, resolver: NounResolver) -> None:
        self.r = resolver
        self.index = resolver.index
        self.pending: list[tuple[list[str], Span]] = []
        self.last_sides: list[str] = []
        self.last_imposer: str | None = None

    def read(self) -> list[Found]:
        found: list[Found] = []
        for sent in self.index.doc.sents:
            for token in sent:
                low, lemma = token.lower_, token.lemma_.lower()
                if self.is_negotiation_trigger(token):
                    found.extend(self._negotiation(token))
                if token.pos_ == "VERB" and lemma in SEND_VERBS | GO_VERBS:
                    found.extend(self._delegation(token))
                if low in TARIFF_NOUNS or lemma in {"tariff"}:
                    found.extend(self._tariff(token))
                if low in ALLY_WORDS:
                    found.extend(self._alliance(token))
                if lemma in {"replace", "succeed", "take", "assume"}:
                    found.extend(self._replacement(token))
        found.extend(self._negotiator_titles())
        found.extend(self._successions(found))
        found.extend(self._resolve_pending(found))
        return self._without_same_side(self._without_restated_sides(found))
