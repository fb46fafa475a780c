"""A head of state named only as "President X" is not from the state of the person or capital
he talks with, nor from the state whose goods he puts tariffs on; sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders.extraction import Extractor, to_prediction


def affiliations(extractor: Extractor, text: str) -> dict[str, str | None]:
    prediction = to_prediction(extractor.extract(Article.create(text)))
    return {a["name"]: a["affiliation"] for a in prediction["actors"] if a["type"] == "Person"}


@pytest.mark.parametrize(
    "text, name, unexpected",
    [
        (
            "Peru and Chile traded barbs. Chile and Peru met again. President Marta Quispe reached an agreement with "
            "Chilean President Jorge Soto on copper. Peru's exports rose.",
            "Marta Quispe",
            "Chile",
        ),
        (
            "Kenya, Kenya and Uganda. President Paul Otieno said he had told his team to resume trade talks with "
            "Nairobi. Uganda welcomed the move.",
            "Paul Otieno",
            "Kenya",
        ),
        (
            "Ghana and Ghana and Togo. President Ama Mensah announced that Ghanaian goods would face a 20% tariff. "
            "Togo agreed.",
            "Ama Mensah",
            "Ghana",
        ),
    ],
)
def test_extraction_represents_head_of_state_not_from_partner(
    extractor: Extractor, text: str, name: str, unexpected: str
) -> None:
    assert affiliations(extractor, text).get(name) != unexpected
