"""NEGOTIATES_WITH from deals made, topics, frames and pairs: sentences written for these tests
with other names and countries than the evaluation articles."""

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
    "text, pair",
    [
        # deals of any name, made, announced or owned
        ("Kenya, Ghana and Peru each reached frameworks with Tokyo on farm tariffs.", ("Japan", "Kenya")),
        (
            "Chile and Vietnam announced accords with Canada, though few details were published.",
            ("Canada", "Vietnam"),
        ),
        ("The pact Chile signed with Canada in May cut duties on copper.", ("Canada", "Chile")),
        (
            "Exporters are still waiting for the accord Norway and Vietnam reached in Oslo last month.",
            ("Norway", "Vietnam"),
        ),
        (
            "Peru won the same terms that Chile secured in its own deal with Canberra last year.",
            ("Australia", "Chile"),
        ),
        # the other side named under the topic of the talks
        (
            "Kenyan Trade Minister Amina Odhiambo held talks on the duties with Japanese Trade Minister Kenji Mori.",
            ("Amina Odhiambo", "Kenji Mori"),
        ),
        (
            "Kenyan Trade Minister Amina Odhiambo will steer the final stage of negotiations on a partnership agreement "
            "with Japan.",
            ("Amina Odhiambo", "Japan"),
        ),
        # hyphenated sides, summits, agreeing parties
        ("The fourth round of Chile-Japan trade talks is set for May in Santiago.", ("Chile", "Japan")),
        ("Kenya and Japan have agreed to cut duties on tea and cars.", ("Japan", "Kenya")),
        (
            "Peruvian President Ana Ruiz will hold her first summit with Japanese Prime Minister Kenji Mori next month.",
            ("Ana Ruiz", "Kenji Mori"),
        ),
        # a fronted call whose subject took part; a conjunct's negation is its own
        (
            "After a phone call with Peruvian President Ana Ruiz, Japanese Prime Minister Kenji Mori agreed to delay the "
            "duties.",
            ("Ana Ruiz", "Kenji Mori"),
        ),
        ("Chile said it would not retaliate and would continue negotiations with Tokyo.", ("Chile", "Japan")),
        # the pair, the two sides
        (
            "Chilean Foreign Minister Rosa Vidal and Chilean Trade Minister Luis Castro left Santiago on Monday. The pair "
            "met Japanese Trade Minister Kenji Mori in Tokyo on Tuesday.",
            ("Kenji Mori", "Luis Castro"),
        ),
        (
            "Japanese Trade Minister Kenji Mori met Chilean Foreign Minister Rosa Vidal in Lima, and the two sides agreed "
            "to extend the truce.",
            ("Chile", "Japan"),
        ),
    ],
)
def test_extraction_negotiation_deal_or_frame_found(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair in negotiations(extractor, text)


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            "Peru hosted a ceasefire meeting between the Ecuadorian and Colombian leaders in Lima.",
            ("Colombia", "Ecuador"),
        ),
        ("Kenya says it is ending trade talks with Japan over the vote.", ("Japan", "Kenya")),
        (
            "Following the meeting with Japan, a delegation from Chile will meet Canadian officials.",
            ("Chile", "Japan"),
        ),
        ("Norway and Peru held security talks in Oslo.", ("Norway", "Peru")),
        (
            "Kenyan President Ruth Wanjiru said she was cutting off the talks with Japan after the vote.",
            ("Japan", "Ruth Wanjiru"),
        ),
    ],
)
def test_extraction_negotiation_other_event_is_none(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair not in negotiations(extractor, text)


def test_extraction_negotiation_person_met_not_restated_as_state(extractor: Extractor) -> None:
    text = (
        "Japanese Trade Minister Kenji Mori, who has held talks with Chilean Trade Minister Rosa Vidal every "
        "week, will speak to his Chilean counterparts again on Monday."
    )
    found = negotiations(extractor, text)
    assert ("Kenji Mori", "Rosa Vidal") in found
    assert ("Chile", "Kenji Mori") not in found
