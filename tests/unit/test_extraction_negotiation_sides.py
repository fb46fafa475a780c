"""NEGOTIATES_WITH: whose side a party is on. Talks not held ("left without meeting X"), a
teller's own team ("told his team to resume talks with Y") and two people of one state."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def negotiations(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {
        tuple(sorted((r["subject"], r["object"])))
        for r in prediction["relations"]  # type: ignore[misc]
        if r["predicate"] == "NEGOTIATES_WITH"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Swiss President Anna Roth flew to Washington but returned without having met U.S. President Donald Trump.",
        "Japanese Prime Minister Ken Sato left Beijing without meeting Chinese President Xi Jinping.",
        "Kenyan Trade Minister Amina Odhiambo ended her visit to Tokyo without holding talks with Japan.",
    ],
)
def test_extraction_negotiation_sides_without_is_not_held(extractor: Extractor, text: str) -> None:
    assert negotiations(extractor, text) == set()


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "U.S. President Donald Trump said he had told his team to resume trade talks with Thailand and Cambodia.",
            {("Thailand", "United States"), ("Cambodia", "United States")},
        ),
        (
            "Brazilian President Lula said he has instructed his negotiators to open talks with Mexico.",
            {("Brazil", "Mexico")},
        ),
        (
            "Chilean President Ana Rojas has ordered her officials to restart negotiations with Peru.",
            {("Chile", "Peru")},
        ),
    ],
)
def test_extraction_negotiation_sides_teller_team_is_teller_state(
    extractor: Extractor, text: str, pairs: set[tuple[str, str]]
) -> None:
    assert negotiations(extractor, text) == pairs


@pytest.mark.parametrize(
    "text",
    [
        'Japanese Trade Minister Ken Sato said: "Nothing is final until we speak with Japanese Prime Minister Aiko Mori."',
        "Canadian Finance Minister Paul Roy met Canadian Prime Minister Mark Lee to discuss the tariffs.",
    ],
)
def test_extraction_negotiation_sides_same_state_is_no_negotiation(extractor: Extractor, text: str) -> None:
    assert negotiations(extractor, text) == set()


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            "Canadian Trade Minister Paul Roy held a working session with Japanese Trade Minister Ken Sato in Ottawa.",
            ("Ken Sato", "Paul Roy"),
        ),
        (
            "Kenya and Peru held a final session with each other's negotiators; Kenya joined a session with Japan on Friday.",
            ("Japan", "Kenya"),
        ),
    ],
)
def test_extraction_negotiation_sides_session_with_is_a_meeting(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair in negotiations(extractor, text)


def test_extraction_negotiation_sides_session_without_parties_is_nothing(extractor: Extractor) -> None:
    assert negotiations(extractor, "Japan's parliament opened its autumn session on Monday.") == set()


def test_extraction_negotiation_sides_a_list_after_with_is_one_side(extractor: Extractor) -> None:
    # "the X administration" acts; the states it reached frameworks with are never its own state,
    # and the listed states do not negotiate with each other
    text = (
        "The Mendoza administration said last spring that it had signed framework accords with "
        "Peru, Bolivia, Ecuador and Paraguay."
    )
    pairs = negotiations(extractor, text)
    listed = {"Peru", "Bolivia", "Ecuador", "Paraguay"}
    assert not any(set(pair) <= listed for pair in pairs), pairs
