"""HTML loading through trafilatura: main text without boilerplate, page metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import load_article_file

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


@pytest.fixture(scope="module")
def page() -> Article:
    [item] = list(load_article_file(INPUTS / "page.html"))
    assert isinstance(item, Article), item
    return item


def test_sources_html_metadata(page: Article) -> None:
    assert page.title == "Bessent says Japan talks are a priority"
    assert page.url == "https://harborledger.example/2025/04/14/bessent-japan-priority"
    assert page.source == "Harbor Ledger"
    assert page.published == date(2025, 4, 14)


def test_sources_html_main_text_without_boilerplate(page: Article) -> None:
    assert page.text.startswith("Treasury Secretary Scott Bessent said on Monday")
    assert "economic revitalization minister Ryosei Akazawa" in page.text
    for chrome in ("Subscribe", "social media", "Most read", "All rights reserved", "Markets slide", "Home"):
        assert chrome not in page.text


def test_sources_html_declared_latin1_charset() -> None:
    [item] = list(load_article_file(INPUTS / "latin1_declared.html"))
    assert isinstance(item, Article), item
    assert "délégation of Japan" in item.text and "Genève" in item.text


def test_sources_html_without_article_text_is_tg114(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><footer>Subscribe</footer></body></html>")
    [item] = list(load_article_file(path))
    assert isinstance(item, ArticleError) and item.code == "TG114" and item.origin == str(path)


def test_sources_html_xml_declaration_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.xhtml"
    body = "".join(
        f"<p>Paragraph {i} about Ryosei Akazawa meeting Scott Bessent to negotiate tariffs in Washington.</p>"
        for i in range(5)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><html><body><article>{body}</article></body></html>'
    )
    [item] = list(load_article_file(path))
    assert isinstance(item, Article) and "Paragraph 4" in item.text
