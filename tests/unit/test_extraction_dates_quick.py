"""Dates of reported events: the common forms resolved without dateparser, the rest through it."""

from __future__ import annotations

from datetime import date

import pytest

from tradegraph.loaders.extraction.dates import resolve_date

PUBLISHED = date(2025, 4, 18)  # a Friday


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("on Wednesday", date(2025, 4, 16)),
        ("Friday", date(2025, 4, 18)),
        ("last Friday", date(2025, 4, 11)),
        ("yesterday", date(2025, 4, 17)),
        ("March 3, 2025", date(2025, 3, 3)),
        ("3 March 2025", date(2025, 3, 3)),
        ("Dec. 5", date(2024, 12, 5)),
        ("Sept. 9", date(2024, 9, 9)),
        ("last week", date(2025, 4, 11)),
    ],
)
def test_extraction_dates_resolved(expression: str, expected: date) -> None:
    assert resolve_date(expression, PUBLISHED) == expected


@pytest.mark.parametrize("expression", ["the past decade", "recent years", "the coming weeks"])
def test_extraction_dates_vague_is_none(expression: str) -> None:
    assert resolve_date(expression, PUBLISHED) is None
