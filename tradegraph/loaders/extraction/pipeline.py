"""The extractor: article text -> spaCy parse -> mentions, offices, relations -> Extraction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import Article, Extraction
from tradegraph.loaders.extraction.build import ExtractionBuilder
from tradegraph.loaders.extraction.mentions import MentionIndex, build_matcher
from tradegraph.loaders.extraction.relations import RelationReader
from tradegraph.loaders.extraction.resolve import NounResolver
from tradegraph.loaders.extraction.roles import RoleReader
from tradegraph.loaders.extraction.scoring.model import Scorer, ScorerModel, load_model
from tradegraph.loaders.extraction.tariff_frames import TariffFrames
from tradegraph.loaders.gazetteer import Gazetteer, default_gazetteer

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
        model = load_model() if scorer == "shipped" else scorer
        self.scorer = Scorer(model, self.gazetteer) if isinstance(model, ScorerModel) else None

    def extract(self, article: Article) -> Extraction:
        """Everything the extractor reads in one article."""
        return self.read(article, self.nlp(article.text))

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extractions of ``articles`` in order, parsed in batches with ``nlp.pipe``."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self.read(article, doc)

    def read(self, article: Article, doc: Doc) -> Extraction:
        """The extraction of an already parsed article."""
        index = MentionIndex(doc, self.gazetteer, self.matcher)
        facts = RoleReader(index).read()
        resolver = NounResolver(index, facts)
        found = RelationReader(resolver).read() + TariffFrames(resolver).read()
        extraction = ExtractionBuilder(article, resolver, found).build()
        return self.scorer.apply(extraction, doc) if self.scorer else extraction
