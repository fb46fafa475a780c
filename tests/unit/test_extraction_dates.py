"""Relative dates resolved against the article date; replacements date the offices."""

from __future__ import annotations

from datetime import date

import pytest

from tradegraph.graph.model import Article, RelationKind
from tradegraph.loaders.extraction import Extractor, to_prediction
from tradegraph.loaders.extraction.dates import resolve_date


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("on Wednesday", date(2025, 4, 16)),
        ("last week", date(2025, 4, 11)),
        ("March 3, 2025", date(2025, 3, 3)),
        ("next month", date(2025, 5, 18)),
    ],
)
def test_extraction_dates_relative_to_article(expression: str, expected: date) -> None:
    assert resolve_date(expression, date(2025, 4, 18)) == expected


def test_extraction_dates_nonsense_is_none() -> None:
    assert resolve_date("the reciprocal", date(2025, 4, 18)) is None


def test_extraction_dates_replacement_sets_validity() -> None:
    text = (
        "Tim Ayres becomes Australia's new trade minister, replacing trade minister Don Farrell, "
        "the government said on Monday."
    )
    article = Article.create(text, published=date(2025, 5, 14))
    extraction = Extractor().extract(article)
    by_key = {(r.source, r.kind, r.target): r for r in extraction.relations}
    replaced = by_key[("person:don-farrell", RelationKind.REPLACED_BY, "person:tim-ayres")]
    assert replaced.valid_from == date(2025, 5, 12)
    new = by_key[("person:tim-ayres", RelationKind.REPRESENTS, "country:AUS")]
    assert new.valid_from == date(2025, 5, 12)
    old = by_key.get(("person:don-farrell", RelationKind.REPRESENTS, "country:AUS"))
    assert old is not None and old.valid_to == date(2025, 5, 12)
    exported = {(r["subject"], r["predicate"]) for r in to_prediction(extraction)["relations"]}
    assert ("Don Farrell", "REPRESENTS") not in exported
