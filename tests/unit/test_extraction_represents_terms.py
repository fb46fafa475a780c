"""Offices a text shows as over: a term "during" which something happened, a post someone was
removed from."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article, RelationKind
from tradegraph.loaders.extraction import Extractor


def _represents(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    result = extractor.extract(Article.create(text))
    names = {a.id: a.name for a in result.actors}
    return {(names[r.source], names[r.target]) for r in result.relations if r.kind is RelationKind.REPRESENTS}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Tavo Quiroga headed the customs office for two years during centrist President Nilo "
            "Arancibia's administration in Bolivia.",
            ("Nilo Arancibia", "Bolivia"),
        ),
        (
            "Carl Ode dropped trade minister Lia Berg from his cabinet. Canada's cabinet met.",
            ("Lia Berg", "Canada"),
        ),
    ],
)
def test_extraction_represents_terms_over(rules_only: Extractor, text: str, pair: tuple[str, str]) -> None:
    assert pair not in _represents(rules_only, text)


def test_extraction_represents_terms_current(rules_only: Extractor) -> None:
    text = "Trade minister Lia Berg removed the tariffs on Peruvian goods. Canada's cabinet met."
    assert any(
        person == "Lia Berg" for person, _ in _represents(rules_only, text)
    )  # removing tariffs is no removal
