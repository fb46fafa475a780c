"""ALLIED_WITH constructions of English news, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def alliances(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {
        tuple(sorted((r["subject"], r["object"])))
        for r in prediction["relations"]  # type: ignore[misc]
        if r["predicate"] == "ALLIED_WITH"
    }


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            "Closer ties with Beijing will not weaken Japan's alliance with the United States, the minister said.",
            ("Japan", "United States"),
        ),
        ("Poland's alliance with Britain has deepened since 2022.", ("Poland", "United Kingdom")),
        (
            "Canada has clashed with Germany over fishing quotas. The two NATO allies meet again in June.",
            ("Canada", "Germany"),
        ),
        (
            "Tokyo and Seoul, both longtime allies of Washington, face the same levies.",
            ("Japan", "United States"),
        ),
        (
            "The dispute between Washington and one of its closest allies, South Korea, deepened.",
            ("South Korea", "United States"),
        ),
        (
            "Britain protested on Monday, a sign of strain between Washington and one of its oldest allies in Europe.",
            ("United Kingdom", "United States"),
        ),
        ("The Japan-Australia alliance was strengthened in 2023.", ("Australia", "Japan")),
        (
            "Britain remains the closest ally of the United States in Europe.",
            ("United Kingdom", "United States"),
        ),
        # "allies such as X and Y": the listed members
        (
            "Exporters in Berlin's closest allies such as France and Poland were hit hardest.",
            ("Germany", "Poland"),
        ),
        (
            "The levy worries America's treaty allies such as Australia and the Philippines.",
            ("Philippines", "United States"),
        ),
    ],
)
def test_extraction_alliance_construction_found(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair in alliances(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Japan and China are not allies.",
        "Brazil said it would look for allies in Asia.",
        "India's alliance talks with France collapsed last year.",
    ],
)
def test_extraction_alliance_absent_is_none(extractor: Extractor, text: str) -> None:
    assert alliances(extractor, text) == set()
