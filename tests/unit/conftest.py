"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from tradegraph.loaders.extraction import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor (and spaCy pipeline) for every extraction test."""
    return Extractor()


@pytest.fixture(scope="session")
def rules_only(extractor: Extractor) -> Extractor:
    """The rules without the learned scorer (same spaCy pipeline): what a rule's examples test."""
    return Extractor(extractor.nlp, extractor.gazetteer, scorer=None)
