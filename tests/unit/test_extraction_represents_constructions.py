"""REPRESENTS precision: names with particles, regions after titles, appointments "to replace X
as Y", posts at organisations and past service, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def represents(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {(r["subject"], r["object"]) for r in prediction["relations"] if r["predicate"] == "REPRESENTS"}


def persons(extractor: Extractor, text: str) -> set[str]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {a["name"] for a in prediction["actors"] if a["type"] == "Person"}


def test_extraction_represents_name_ending_in_particle_keeps_its_last_word(extractor: Extractor) -> None:
    text = "Canada will respond in kind, European Commission President Ursula von der Leyen said on Monday."
    assert "Ursula von der Leyen" in persons(extractor, text)


def test_extraction_represents_region_after_title_is_not_a_person(extractor: Extractor) -> None:
    text = (
        "Laura Chen has been named deputy U.S. trade representative for the Western Pacific, officials said."
    )
    assert not any("Pacific" in name for name in persons(extractor, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Laura Chen has been named to replace Peter Novak as deputy U.S. trade representative for Asia, "
            "a USTR spokesperson confirmed.",
            ("Laura Chen", "United States"),
        ),
        (
            "Omar Haddad was appointed to succeed Rania Saleh as Jordan's trade minister on Sunday.",
            ("Omar Haddad", "Jordan"),
        ),
    ],
)
def test_extraction_represents_appointed_to_replace_as_office(
    extractor: Extractor, text: str, expected: tuple[str, str]
) -> None:
    assert expected in represents(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        '"Calm heads must prevail," said Jean-Luc Moreau, a vice-president at French Exporters Council.',
        '"Prices will rise," said Hanna Berg, chief economist at Nordic Capital Partners.',
    ],
)
def test_extraction_represents_post_at_an_organisation_is_not_official(
    extractor: Extractor, text: str
) -> None:
    assert not {s for s, _ in represents(extractor, text)}


def test_extraction_represents_past_perfect_service_is_former(extractor: Extractor) -> None:
    text = (
        "Maria Gonzalez became Peru's foreign minister on Monday, replacing Luis Torres, "
        "who resigned. Torres had served as foreign minister since 2023."
    )
    found = represents(extractor, text)
    assert ("Maria Gonzalez", "Peru") in found and not any(s == "Luis Torres" for s, _ in found)


HOME_JAPAN = (
    "Japan and the United States resumed talks on Monday. Japan wants lower car tariffs, and Japanese "
    "officials said Japan would stay patient.\n"
)


def test_extraction_represents_opening_place_frames_the_speaker(extractor: Extractor) -> None:
    text = HOME_JAPAN + "In Canberra, Trade Minister Ella Marsh said she would fly to Washington next week."
    assert ("Ella Marsh", "Australia") in represents(extractor, text)


def test_extraction_represents_unplaced_minister_takes_the_country_of_the_paragraph(
    extractor: Extractor,
) -> None:
    text = HOME_JAPAN + (
        "Malaysia's exports to the U.S. rose in June, and Malaysian firms hired more workers. "
        "Investment Minister Amir Razak told reporters the deal was fair."
    )
    assert ("Amir Razak", "Malaysia") in represents(extractor, text)
