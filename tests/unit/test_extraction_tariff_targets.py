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
        # "<goods> imported from X, Y and Z": every listed origin
        (
            "Bolivia raised tariffs on Paraguay. Since May, shoes imported from Chile, Ecuador and Uruguay "
            "have paid a 6 per cent duty.",
            ("Bolivia", "Ecuador"),
        ),
        # "on X as well as Y"
        (
            "Rafa Mendaro, the US president, blamed smuggling when imposing tariffs on Peru as well as Chile.",
            ("United States", "Chile"),
        ),
        # an apposition naming the goods' origin: "its duty on copper pipes, a big X export"
        (
            "From March, Bolivia will lower its duty on copper pipes, a big Chilean export, to 6%.",
            ("Bolivia", "Chile"),
        ),
        # "the duties it put on X fruits" where the parser strands "on"
        (
            "Last week Ecuador scrapped the duties it put on several Bolivian fruits.",
            ("Ecuador", "Bolivia"),
        ),
    ],
)
def test_extraction_tariff_targets_read(rules_only: Extractor, text: str, pair: tuple[str, str]) -> None:
    assert pair in _imposed(rules_only, text)


def test_extraction_tariff_targets_bearers_never_impose(rules_only: Extractor) -> None:
    text = "Paraguay put tariffs on Bolivia in May. Only Ecuador and Peru continue to face steep tariffs."
    assert ("Ecuador", "Peru") not in _imposed(rules_only, text)
