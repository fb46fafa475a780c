"""IMPOSES_TARIFFS_ON stated as a frame (a rate or tariff in force and the countries in its
target slots), on sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction

LEAD = "The United States published its new tariff schedule on Monday. "


def tariffs(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {
        (r["subject"], r["object"]) for r in prediction["relations"] if r["predicate"] == "IMPOSES_TARIFFS_ON"
    }


def targets(extractor: Extractor, text: str) -> set[str]:
    return {o for s, o in tariffs(extractor, text) if s in {"United States", "Donald Trump"}}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Goods from Peru will be taxed at 30%, followed by Chile and Bolivia at 25% and Uruguay at 20%.",
            {"Peru", "Chile", "Bolivia", "Uruguay"},
        ),
        (
            "Ecuador and Colombia were also set at 18%, while Paraguay, which signed a deal in May, got 22%.",
            {"Ecuador", "Colombia", "Paraguay"},
        ),
        ("Norway, which signed a deal with Washington in June, keeps a 10% baseline rate.", {"Norway"}),
        ("Iceland stays at the 10% baseline.", {"Iceland"}),
        ("Morocco and Tunisia were given 20% rates after the talks.", {"Morocco", "Tunisia"}),
        (
            "Egypt will pay 30 percent under the new order and has been told the rate could go higher.",
            {"Egypt"},
        ),
        ("Turkish steel faces 50 percent, and Turkish cars a 25% levy.", {"Turkey"}),
    ],
)
def test_extraction_tariffs_frames_rates_listed_per_country(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    assert expected <= targets(extractor, LEAD + text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Australia, New Zealand and Norway each reached deals under which most of their goods will pay a 15% U.S. tariff.",
            {"Australia", "New Zealand", "Norway"},
        ),
        ("Mexico saw its tariff on steel raised from 25% to 50%, effective Friday.", {"Mexico"}),
        ("Peruvian exports currently pay the 10 percent baseline US tariff.", {"Peru"}),
    ],
)
def test_extraction_tariffs_frames_bearer_is_subject_or_possessor(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    assert expected <= targets(extractor, LEAD + text)


def test_extraction_tariffs_frames_lowered_to_a_rate_stays_in_force(extractor: Extractor) -> None:
    text = "Washington lowered its tariff on most Indian goods, including textiles, to 18% under the deal."
    assert ("United States", "India") in tariffs(extractor, text)


def test_extraction_tariffs_frames_letter_addressee_gets_the_rate(extractor: Extractor) -> None:
    text = (
        "U.S. President Donald Trump imposed new tariffs on Monday. Trump sent a letter to Thai Prime Minister "
        "Anutin Charnvirakul, also setting a 36% rate, and similar notices to Laos and Cambodia at 40%."
    )
    assert {"Thailand", "Laos", "Cambodia"} <= targets(extractor, text)


def test_extraction_tariffs_frames_reported_future_is_decided(extractor: Extractor) -> None:
    text = (
        "U.S. President Donald Trump said in a letter on Saturday that a 35% tariff would be levied on "
        "imports from Canada from August 1."
    )
    assert "Canada" in targets(extractor, text)


def test_extraction_tariffs_frames_shared_subject_of_coordinated_verbs(extractor: Extractor) -> None:
    text = (
        "Ottawa dropped most of its counter-tariffs on Monday but kept 25 per cent duties on American autos."
    )
    assert ("Canada", "United States") in tariffs(extractor, text)


def test_extraction_tariffs_frames_goods_origin_behind_material(extractor: Extractor) -> None:
    text = LEAD + "Japanese steel and copper exports already face 50% US duties."
    assert "Japan" in targets(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru could face a 30% tariff next month.",
        "Bolivia, which had been threatened with a 50% rate in April, is still negotiating.",
        "Washington suspended the 25% tariff on Uruguayan goods for 90 days.",
        "Washington did not set a 20% rate on Ecuador.",
        "Chile's economy grew 3% last year, and Peru stays at 4% growth.",
        "The EU will extend its suspension of countermeasures against US tariffs until August.",
    ],
)
def test_extraction_tariffs_frames_unreal_or_untaxed_is_nothing(extractor: Extractor, text: str) -> None:
    found = tariffs(extractor, LEAD + text)
    assert not {
        (s, o) for s, o in found if o in {"Peru", "Bolivia", "Uruguay", "Ecuador", "Chile", "United States"}
    }


def test_extraction_tariffs_frames_dominant_imposer_is_the_named_actor(extractor: Extractor) -> None:
    text = (
        "U.S. President Donald Trump on Monday signed an order slapping a 30% tariff on Peruvian goods. "
        "Trump also imposed a 20% tariff on Bolivian goods. Chile got 25%."
    )
    assert ("Donald Trump", "Chile") in tariffs(extractor, text)
