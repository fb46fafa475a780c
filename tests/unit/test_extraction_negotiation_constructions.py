"""NEGOTIATES_WITH constructions of English news, on sentences written for these tests with
other names, countries and verbs than the evaluation articles."""

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
        # coordinated parties before the trigger
        ("Japan and Canada resumed negotiations on Monday over a digital trade pact.", ("Canada", "Japan")),
        (
            "SEOUL, June 3 - South Korea and Mexico concluded talks on a partnership agreement on Friday.",
            ("Mexico", "South Korea"),
        ),
        ("Peruvian and Japanese officials held consultations in Lima last month.", ("Japan", "Peru")),
        ("Chilean and Korean negotiators will continue discussions next week.", ("Chile", "South Korea")),
        # between X and Y
        (
            "Talks were held between Kenyan Trade Minister Amina Odhiambo and Japanese Trade Minister Kenji Mori in Nairobi.",
            ("Amina Odhiambo", "Kenji Mori"),
        ),
        (
            "The accord was settled in a phone call between Egyptian President Omar Haddad and Saudi Trade Minister "
            "Majid Al-Qasabi on Sunday.",
            ("Majid Al-Qasabi", "Omar Haddad"),
        ),
        ("The pact followed a last round in Geneva between Norway and Thailand.", ("Norway", "Thailand")),
        (
            "The dispute ended after talks between Peruvian diplomats and the Japanese Foreign Ministry.",
            ("Japan", "Peru"),
        ),
        # <trigger> with Y, through rounds and durations
        ("Chile won lower duties after months of negotiations with Japan.", ("Chile", "Japan")),
        (
            "Kenyan Trade Minister Amina Odhiambo led the Kenyan team in two rounds of talks with Japanese Trade Minister "
            "Kenji Mori in Tokyo.",
            ("Amina Odhiambo", "Kenji Mori"),
        ),
        (
            "Kenyan Trade Minister Amina Odhiambo will fly to Tokyo next month for a third round of negotiations with "
            "Japanese Trade Minister Kenji Mori.",
            ("Amina Odhiambo", "Kenji Mori"),
        ),
        (
            "Brazilian ministers held a video conference with Canadian Trade Minister Claire Dubois on Tuesday.",
            ("Brazil", "Claire Dubois"),
        ),
        # meet
        (
            "Kenyan Trade Minister Amina Odhiambo, Finance Minister Peter Kamau and Energy Secretary Ruth Wanjiru met "
            "Japanese Trade Minister Kenji Mori in Tokyo.",
            ("Amina Odhiambo", "Kenji Mori"),
        ),
        (
            "Japanese Trade Minister Kenji Mori met Chile's ambassador, Rosa Vidal, and Peru's envoy Luis Castro.",
            ("Kenji Mori", "Luis Castro"),
        ),
        # deals made
        ("Norway and Thailand signed a fisheries agreement on Wednesday.", ("Norway", "Thailand")),
        (
            "Thailand, which has signed trade agreements with Chile and Peru, is courting Norway.",
            ("Chile", "Thailand"),
        ),
        # delegations
        ("Thailand will send a team of negotiators to Ottawa next week.", ("Canada", "Thailand")),
        ("A Chilean delegation will travel to Tokyo on Monday.", ("Chile", "Japan")),
    ],
)
def test_extraction_negotiation_construction_found(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert pair in negotiations(extractor, text)


def test_extraction_negotiation_listed_subjects_all_meet(extractor: Extractor) -> None:
    """A list parsed as apposition ("A, B and C met D") gives every listed person."""
    from tradegraph.loaders.extraction.context import build_context
    from tradegraph.loaders.extraction.negotiation_parties import Parties

    doc = extractor.nlp(
        "Kenyan Trade Minister Amina Odhiambo, Finance Minister Peter Kamau and Energy Secretary "
        "Ruth Wanjiru met Japanese Trade Minister Kenji Mori in Tokyo."
    )
    reader = Parties(build_context(doc, extractor.gazetteer, extractor.matcher))
    met = next(t for t in doc if t.lemma_ == "meet")
    assert set(reader.agents(met)) == {"person:amina-odhiambo", "person:peter-kamau", "person:ruth-wanjiru"}


@pytest.mark.parametrize(
    "text",
    [
        "Chile said it would only negotiate with Japan if the tariffs were lifted first.",
        "Norway cancelled its talks with Thailand after the vote.",
        "Peru has ruled out separate negotiations with Canada.",
        "The WTO urged Chile and Peru to settle the dispute through dialogue.",
        "Kenya threatened to end talks with Japan.",
        '"A deal with Norway is central to our plans," the Thai minister said.',
        "Chile refused to send a delegation to Tokyo.",
    ],
)
def test_extraction_negotiation_not_held_is_none(extractor: Extractor, text: str) -> None:
    assert negotiations(extractor, text) == set()
