"""Targets the tariff reader finds for every tariff rule: the origins of listed goods and the
object of a stranded "on"."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article, RelationKind
from tradegraph.loaders.extraction import Extractor


def _imposed(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    result = extractor.extract(Article.create(text))
    names = {a.id: a.name for a in result.actors}
    return {
        (names[r.source], names[r.target])
        for r in result.relations
        if r.kind is RelationKind.IMPOSES_TARIFFS_ON
    }


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # "goods imported from X, Y and Z": every listed origin
        (
            "The US imposed tariffs on Peru. Goods imported from Chile, Bolivia and Ecuador are taxed at 10 per cent.",
            ("United States", "Bolivia"),
        ),
        # "on X as well as Y"
        (
            "Border security, which Tom Hale has cited as a key reason for imposing tariffs on Peru as well as "
            "Chile, is a priority. Hale is the US president.",
            ("United States", "Chile"),
        ),
        # an apposition naming the goods' origin: "its tariff on canola seeds, a major X export"
        (
            "Chile will reduce its total tariff on canola seeds, a major Peruvian export, from 84% to about 15%.",
            ("Chile", "Peru"),
        ),
        # "the tariffs it put on several X products" where the parser strands "on"
        (
            "Peru removed the extra tariffs it put on several Chilean products during a 2018 row.",
            ("Peru", "Chile"),
        ),
    ],
)
def test_extraction_tariff_targets_read(rules_only: Extractor, text: str, pair: tuple[str, str]) -> None:
    assert pair in _imposed(rules_only, text)


def test_extraction_tariff_targets_bearers_never_impose(rules_only: Extractor) -> None:
    text = "Brazil imposed tariffs on Peru. Only Uruguay and Chile continue to face high tariffs."
    assert ("Uruguay", "Chile") not in _imposed(rules_only, text)
