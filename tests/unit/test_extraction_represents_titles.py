"""Affiliations of titled persons: the title's own modifier, ties to a superior, heads of state
named without a country, names read off titles, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def affiliations(extractor: Extractor, text: str) -> dict[str, str | None]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {a["name"]: a["affiliation"] for a in prediction["actors"] if a["type"] == "Person"}


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Talks in Paris between German Economy and Climate Minister Karl Weber and French Finance Minister "
            "Anne Roux ended on Monday.",
            "Karl Weber",
            "Germany",
        ),
        (
            "The meeting in Tokyo between Indian Commerce and Industry Minister Ravi Kumar and Japanese Trade Minister "
            "Ken Ito went well.",
            "Ravi Kumar",
            "India",
        ),
    ],
)
def test_extraction_represents_title_binds_its_own_demonym(
    extractor: Extractor, text: str, name: str, expected: str
) -> None:
    assert affiliations(extractor, text)[name] == expected


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "Chile's Foreign Minister Pablo Reyes met U.S. officials. Reyes said he would report to President "
            "Gabriel Soto, who backs the deal.",
            "Gabriel Soto",
            "Chile",
        ),
        (
            "Kenyan Trade Minister Amina Odhiambo said talks would be led by her deputy, Peter Mwangi, who has "
            "handled the file since May.",
            "Peter Mwangi",
            "Kenya",
        ),
        (
            "Norwegian Prime Minister Ole Berg named Kari Lund as trade minister on Friday, and the European Union "
            "welcomed the choice.",
            "Kari Lund",
            "Norway",
        ),
    ],
)
def test_extraction_represents_tied_to_superior(
    extractor: Extractor, text: str, name: str, expected: str
) -> None:
    assert affiliations(extractor, text)[name] == expected


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "U.S. President Donald Trump spoke with President Yoon Suk-yeol about the tariffs. South Korea said the "
            "call went well, and South Korea wants a deal.",
            "Yoon Suk-yeol",
            "South Korea",
        ),
        (
            "Kenya and the United States held talks. President William Ruto said Kenya would buy more wheat, and "
            "Kenya hopes for a deal.",
            "William Ruto",
            "Kenya",
        ),
    ],
)
def test_extraction_represents_bare_president_is_not_american(
    extractor: Extractor, text: str, name: str, expected: str
) -> None:
    assert affiliations(extractor, text)[name] == expected


def test_extraction_represents_president_who_taxes_a_country_is_not_its(extractor: Extractor) -> None:
    text = (
        "Chile and the United States ended talks. President Donald Trump imposed a 20% tariff on Chilean "
        "copper. President Gabriel Soto called it unfair, and Chile will respond."
    )
    found = affiliations(extractor, text)
    assert found["Donald Trump"] == "United States"
    assert found["Gabriel Soto"] == "Chile"


@pytest.mark.parametrize(
    "text, name, expected",
    [
        (
            "OPEC Secretary-General Haitham Al Ghais said output would rise.",
            "Haitham Al Ghais",
            "OPEC",  # the article names it only so (to_prediction names a body as written)
        ),
        (
            "Malaysia's Minister of Investment, Trade and Industry Tengku Zafrul Aziz said the bloc would talk.",
            "Tengku Zafrul Aziz",
            "Malaysia",
        ),
        (
            "The decree was published in the Official Gazette, said Turkish Trade Minister Omer Bolat.",
            "Omer Bolat",
            "Turkey",
        ),
    ],
)
def test_extraction_represents_names_read_off_titles(
    extractor: Extractor, text: str, name: str, expected: str
) -> None:
    found = affiliations(extractor, text)
    assert found[name] == expected
    assert "Gazette" not in found
