"""Plain-text and Markdown loading: front matter, titles, Markdown to plain text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article, article_id_for
from tradegraph.loaders.sources import load_article_file, load_articles
from tradegraph.loaders.sources.text import split_front_matter

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def only(path: Path) -> Article:
    [item] = list(load_article_file(path))
    assert isinstance(item, Article), item
    return item


def test_sources_text_front_matter_gives_metadata_and_url_id() -> None:
    article = only(INPUTS / "front_matter.txt")
    assert article.title == "Akazawa to lead Japan's tariff talks"
    assert article.url == "https://example.org/news/akazawa-tariff-talks"
    assert article.published == date(2025, 4, 8)
    assert article.source == "Example Wire"
    assert article.id == article_id_for(article.url, "")
    assert article.text.startswith("Japan's economic revitalization minister Ryosei Akazawa")
    assert "---" not in article.text and "title:" not in article.text


def test_sources_text_headline_line_becomes_title() -> None:
    article = only(INPUTS / "headline.txt")
    assert article.title == "South Korea sends delegation to Washington"
    assert article.text.startswith("A South Korean delegation")
    assert article.id == article_id_for(None, article.text)


def test_sources_text_markdown_is_plain_text_with_joined_lines() -> None:
    article = only(INPUTS / "article.md")
    assert article.title == "China names new trade negotiator"
    assert article.published == date(2025, 4, 16)
    assert "representative, replacing Wang Shouwen, according to a notice from" in article.text
    assert not any(mark in article.text for mark in ("**", "](", "# ", "\n- "))


def test_sources_text_first_sentence_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Akazawa met Bessent on Wednesday.\n\nThey discussed tariffs.\n")
    article = only(path)
    assert article.title is None
    assert article.text.startswith("Akazawa met Bessent")


def test_sources_text_origin_is_the_file() -> None:
    assert only(INPUTS / "headline.txt").origin == str(INPUTS / "headline.txt")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "---\ntitle: T\nlink: https://x\ndate: 2025-01-02\nsite: S\n---\nBody",
            {"title": "T", "url": "https://x", "published": "2025-01-02", "source": "S"},
        ),
        ("---\ntitle: 'Quoted'\nunknown: x\n---\nBody", {"title": "Quoted"}),
        ("No front matter\n---\n", {}),
    ],
)
def test_sources_text_split_front_matter(front: str, expected: dict[str, str]) -> None:
    meta, _ = split_front_matter(front)
    assert meta == expected


def test_sources_text_front_matter_bad_date_names_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("---\npublished: 2025-13-01\n---\nText about tariffs.\n")
    [item] = list(load_articles([path]))
    assert isinstance(item, ArticleError) and item.code == "TG117"
    assert str(path) in str(item) and "published" in str(item)
