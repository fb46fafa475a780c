"""The extractor: article text -> spaCy parse -> context (mentions, offices, affiliations) ->
rule catalogue (token rules, discourse, article rules, filters) -> Extraction. See
docs/extraction.md for the stages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import Article, Extraction
from tradegraph.knowledge.gazetteer import Gazetteer, default_gazetteer
from tradegraph.loaders.extraction.build import ExtractionBuilder
from tradegraph.loaders.extraction.catalogue import FILTERS, RULES
from tradegraph.loaders.extraction.context import build_context
from tradegraph.loaders.extraction.engine import RuleEngine
from tradegraph.loaders.extraction.mentions import build_matcher
from tradegraph.loaders.extraction.scoring.model import Scorer, ScorerModel, load_model
from tradegraph.loaders.nlp import parse, parse_many

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_BATCH_SIZE = 16


class Extractor:
    """Reads actors and the five relations out of articles, offline and deterministically.

    >>> from tradegraph.graph.model import Article
    >>> ex = Extractor()
    >>> result = ex.extract(Article.create("Japan's trade minister Ken Sato met U.S. Treasury Secretary Ann Lee."))
    >>> sorted(a.id for a in result.actors)[:2]
    ['country:JPN', 'country:USA']
    >>> sorted({ev.provenance for r in result.relations for ev in r.evidence})[0]
    'rule:negotiates.with_counterpart+model:scorer-v1'
    """

    def __init__(
        self,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
        *,
        scorer: ScorerModel | None | str = "shipped",
    ) -> None:
        """``scorer``: the learned scorer's weights applied after the rules (``"shipped"``: the
        package's own; ``None``: the rules alone)."""
        if nlp is None:
            from tradegraph.loaders.nlp import load_nlp

            nlp = load_nlp()
        self.nlp = nlp
        self.gazetteer = gazetteer or default_gazetteer()
        self.matcher = build_matcher(nlp, self.gazetteer)
        self.engine = RuleEngine(nlp.vocab, RULES, FILTERS)
        model = load_model() if scorer == "shipped" else scorer
        self.scorer = Scorer(model, self.gazetteer) if isinstance(model, ScorerModel) else None

    def extract(self, article: Article) -> Extraction:
        """Everything the extractor reads in one article."""
        return self.read(article, parse(self.nlp, article.text))

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extractions of ``articles`` in order, parsed in batches with ``nlp.pipe``."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in parse_many(self.nlp, pairs, batch_size=batch_size, n_process=n_process):
            yield self.read(article, doc)

    def read(self, article: Article, doc: Doc) -> Extraction:
        """The extraction of an already parsed article."""
        ctx = build_context(doc, self.gazetteer, self.matcher, article)
        found = self.engine.run(ctx)
        extraction = ExtractionBuilder(article, ctx, found).build()
        return self.scorer.apply(extraction, doc) if self.scorer else extraction
