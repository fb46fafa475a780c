"""Long articles are parsed in paragraph-aligned pieces (issue 16): one ``Doc`` whose text is the
input, sentences and entities kept, memory bounded by the piece and not the article; undated
articles keep their relative dates unresolved (issue 13)."""

from __future__ import annotations

import tracemalloc
from datetime import date

import pytest

from tradegraph.graph.model import Article
from tradegraph.loaders import nlp
from tradegraph.loaders.extraction import Extractor
from tradegraph.loaders.extraction.dates import resolve_date

pytestmark = pytest.mark.timeout(300)

PARAGRAPH = "Japan's trade minister Ryosei Akazawa met Treasury Secretary Scott Bessent in Washington.\n\n"


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH * 300,  # paragraphs
        PARAGRAPH.replace("\n\n", " ") * 300,  # one paragraph: cut at sentence ends
        "x" * 25_000,  # no space at all: cut hard
        "",
    ],
)
def test_nlp_chunks_cover_the_text_and_are_bounded(text: str) -> None:
    pieces = list(nlp.paragraph_chunks(text, limit=1_000))
    assert "".join(p for p, _ in pieces) == text
    assert all(len(p) <= 1_000 for p, _ in pieces)
    assert [last for _, last in pieces] == [False] * (len(pieces) - 1) + [True]


def test_nlp_parse_long_text_is_one_doc_with_its_sentences(extractor: Extractor) -> None:
    text = PARAGRAPH * 300  # 27,000 characters: three pieces
    doc = nlp.parse(extractor.nlp, text)
    assert doc.text == text
    assert len([s for s in doc.sents if s.text.strip()]) == 300
    assert sum(1 for e in doc.ents if e.text == "Scott Bessent") >= 290


def test_nlp_parse_many_keeps_order_and_contexts(extractor: Extractor) -> None:
    texts = ["Japan met Korea.", PARAGRAPH * 150, "Korea met Japan."]
    out = list(nlp.parse_many(extractor.nlp, [(t, i) for i, t in enumerate(texts)], batch_size=2))
    assert [(doc.text, i) for doc, i in out] == [(t, i) for i, t in enumerate(texts)]


def test_nlp_parse_memory_is_bounded_by_the_piece(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A token-dense text (the parser's worst case per character) parsed whole holds every token's
    state at once; in pieces the peak is that of one piece."""
    text = "a, " * 4_000
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1_500)
    peaks = []
    for parse in (lambda: nlp.parse(extractor.nlp, text), lambda: extractor.nlp(text)):
        tracemalloc.start()
        try:
            parse()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    chunked, whole = peaks
    assert chunked * 3 < whole, (chunked, whole)


def test_nlp_extraction_reads_the_last_piece_of_a_long_article(extractor: Extractor) -> None:
    filler = "The weather in the capital was mild and the markets were calm that week.\n\n" * 400
    text = (
        filler + "Japan's trade minister Ryosei Akazawa met Treasury Secretary Scott Bessent in Washington.\n"
    )
    extraction = extractor.extract(Article.create(text, published=date(2025, 4, 17)))
    assert {"person:ryosei-akazawa", "person:scott-bessent"} <= {a.id for a in extraction.actors}


def test_nlp_relative_dates_without_a_published_date_stay_unresolved(extractor: Extractor) -> None:
    assert resolve_date("on Monday", None) is None
    assert resolve_date("last week", None) is None
    assert resolve_date("June 3, 2025", None) == date(2025, 6, 3)
    text = "China on Monday appointed Li Chenggang as its trade negotiator, replacing Wang Shouwen."
    undated = extractor.extract(Article.create(text))
    dated = extractor.extract(Article.create(text, published=date(2025, 4, 17)))
    assert {r.kind.value: r.valid_from for r in undated.relations} == {
        "REPRESENTS": None,
        "REPLACED_BY": None,
    }
    monday = date(2025, 4, 14)  # the Monday before 17 April
    assert {r.kind.value: r.valid_from for r in dated.relations} == {
        "REPRESENTS": monday,
        "REPLACED_BY": monday,
    }


@pytest.mark.parametrize("run", ["(" * 8_000, '"' * 8_000, "ab(" * 3_000])
def test_nlp_parse_long_runs_without_spaces_in_slices(extractor: Extractor, run: str) -> None:
    """spaCy's tokenizer peels punctuation off a spaceless run one piece at a time (quadratic:
    10 kB of "(" took 55 s); runs are parsed in slices of ``LONG_RUN`` characters, so this
    finishes well inside the timeout and the Doc is still exactly the input."""
    text = "Chile met Peru. " + run + " Peru met Chile."
    assert all(len(p) <= nlp.CHUNK_CHARS for p, _ in nlp.paragraph_chunks(text))
    doc = nlp.parse(extractor.nlp, text)
    assert doc.text == text
    assert extractor.read(Article.create(text), doc).article is not None
