"""``ask`` never crashes: any text gives a reply or a TradegraphError with a code."""

from __future__ import annotations

import pytest
from fixtures import graph_fixture as fx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import TradegraphError
from tradegraph.queries.names import NameIndex
from tradegraph.queries.questions import Reply, ask

STORE = fx.load(MemoryStore(None))
INDEX = NameIndex.from_store(STORE)
WORDS = st.sampled_from(
    [
        "who",
        "whom",
        "which",
        "countries",
        "is",
        "did",
        "represents",
        "replaced",
        "tariffs",
        "on",
        "with",
        "negotiating",
        "allies",
        "the",
        "US",
        "Japan's",
        "Akazawa",
        "Li",
        "of",
        "1",
        "March",
        "2025",
        "2025-13-45",
        "?",
        "'s",
        "connected",
        "to",
        "how",
        "brokers",
    ]
)


def _answer_or_error(text: str) -> None:
    try:
        reply = ask(STORE, text, index=INDEX)
    except TradegraphError as err:
        assert err.code.startswith("TG") and str(err).startswith(f"[{err.code}]")
        return
    assert isinstance(reply, Reply)
    reply.to_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_questions_robust_arbitrary_text(text):
    _answer_or_error(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_questions_robust_question_like_text(text):
    _answer_or_error(text)


@pytest.mark.parametrize(
    "text", ["x" * 5000, "who " * 200 + "represents Japan", "\x00\ud800", "Who represents \u200b?"]
)
def test_questions_robust_extremes(text):
    _answer_or_error(text)
