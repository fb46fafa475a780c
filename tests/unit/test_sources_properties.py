"""Property tests: whatever the bytes or text, in any supported format, the loaders yield only
Articles and the project's own ArticleErrors, and never their "loader bug" code (TG199)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import load_articles

SUFFIXES = [".txt", ".md", ".html", ".xml", ".rss", ".jsonl", ".json", ""]
SETTINGS = settings(
    max_examples=int(os.environ.get("TG_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def load(data: bytes, suffix: str) -> list[Article | ArticleError]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{suffix}"
        path.write_bytes(data)
        items = list(load_articles([path]))
    for item in items:
        assert isinstance(item, (Article, ArticleError)), item
        if isinstance(item, ArticleError):
            assert item.code != "TG199", item
            assert item.origin.startswith(str(path)), item
        else:
            assert item.text.strip() and item.id and item.text_hash
    return items


@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from(SUFFIXES))
def test_sources_properties_any_bytes(data: bytes, suffix: str) -> None:
    load(data, suffix)


@SETTINGS
@given(st.text(max_size=1024), st.sampled_from(SUFFIXES), st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_sources_properties_any_text(text: str, suffix: str, encoding: str) -> None:
    load(text.encode(encoding, errors="replace"), suffix)


def markup(tags: list[str]) -> st.SearchStrategy[str]:
    pieces = st.one_of(
        st.sampled_from([f"<{t}>" for t in tags] + [f"</{t}>" for t in tags]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    )
    return st.lists(pieces, max_size=40).map("".join)


@SETTINGS
@given(
    markup(["html", "body", "article", "p", "h1", "nav", "script", "meta charset='latin-1'", "title", "br"])
)
def test_sources_properties_html_like(body: str) -> None:
    load(body.encode("utf-8", "surrogatepass"), ".html")


@SETTINGS
@given(
    markup(["rss", "channel", "item", "title", "description", "link", "pubDate", "feed", "entry", "content"])
)
def test_sources_properties_feed_like(body: str) -> None:
    load(('<?xml version="1.0" encoding="utf-8"?>' + body).encode("utf-8", "surrogatepass"), ".rss")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "url": json_values,
        "title": json_values,
        "source": json_values,
        "published": json_values
        | st.dates().map(str)
        | st.sampled_from(["2025-02-30", "March 5, 2025", "Wed, 16 Apr 2025 07:30:00 GMT"]),
        "text": json_values | st.text(min_size=1, max_size=200),
    },
)


@SETTINGS
@given(st.lists(records | json_values, max_size=5))
def test_sources_properties_json_records(items: list[object]) -> None:
    lines = "\n".join(json.dumps(i) for i in items).encode()
    loaded = load(lines, ".jsonl")
    assert len(loaded) == max(1, len(items))  # one result per line (or one TG110 for no lines)
    load(json.dumps(items).encode(), ".json")
