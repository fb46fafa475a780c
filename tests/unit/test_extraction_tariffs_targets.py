"""IMPOSES_TARIFFS_ON read from the goods' origin, amounts, retaliation and conditions, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def tariffs(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {
        (r["subject"], r["object"]) for r in prediction["relations"] if r["predicate"] == "IMPOSES_TARIFFS_ON"
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mexico will impose 20% counter-tariffs on $5 billion worth of American goods from Monday.",
            ("Mexico", "United States"),
        ),
        ("India slapped anti-dumping duties on Chinese solar glass last year.", ("India", "China")),
        (
            "Japan retaliated this month with 30% tariffs on Korean pork and seafood.",
            ("Japan", "South Korea"),
        ),
        ("Brazil announced countermeasures on up to 3 billion euros of French wine.", ("Brazil", "France")),
    ],
)
def test_extraction_tariffs_target_from_goods_origin(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in tariffs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile said a 30% levy on Peruvian imports will take effect unless Peru acts on migration.",
        "Canada threatened to impose tariffs on Mexican steel.",
    ],
)
def test_extraction_tariffs_conditions_and_threats_are_not_impositions(
    extractor: Extractor, text: str
) -> None:
    assert not tariffs(extractor, text)
