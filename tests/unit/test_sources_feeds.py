"""RSS and Atom loading: one article per entry, HTML stripped, feed dates read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import load_article_file
from tradegraph.loaders.sources.feeds import strip_html

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def test_sources_feeds_rss_entries_are_articles() -> None:
    items = list(load_article_file(INPUTS / "feed.rss"))
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.title == "Trump to meet Japanese representatives"
    assert first.url == "https://tradedesk.example/2025/04/16/trump-japan"
    assert first.source == "Trade Desk Daily"
    assert first.published == date(2025, 4, 16)
    assert first.text == (
        "President Donald Trump said he will meet Japanese representatives to negotiate tariffs.\n"
        "Japan is a close ally of the United States."
    )
    assert first.origin == f"{INPUTS / 'feed.rss'}#entry 1"
    assert second.published == date(2025, 4, 22)  # 10:00 +0900 is still the 22nd in UTC


def test_sources_feeds_atom_content() -> None:
    [item] = list(load_article_file(INPUTS / "atom.xml"))
    assert isinstance(item, Article)
    assert item.text == "Ryosei Akazawa met Scott Bessent in Washington."
    assert item.published == date(2025, 4, 17)
    assert item.url == "https://pacific.example/akazawa-bessent"


def test_sources_feeds_latin1_prolog() -> None:
    [item] = list(load_article_file(INPUTS / "latin1_feed.xml"))
    assert isinstance(item, Article) and item.text == "La délégation japonaise à Genève."


def test_sources_feeds_entry_without_text_names_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><description>Japan and Korea.</description></item>"
        "<item><title>Empty</title><link>https://x.example/2</link></item>"
        "</channel></rss>"
    )
    good, bad = load_article_file(path)
    assert isinstance(good, Article)
    assert isinstance(bad, ArticleError) and bad.code == "TG113" and bad.origin == f"{path}#entry 2"


def test_sources_feeds_without_entries_is_tg115(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>T</title></channel></rss>')
    [item] = list(load_article_file(path))
    assert isinstance(item, ArticleError) and item.code == "TG115" and "no entries" in item.problem


def test_sources_feeds_strip_html_keeps_paragraphs_drops_scripts() -> None:
    assert (
        strip_html("<p>One &amp; two</p><script>x()</script><p>Three<br>Four</p>") == "One & two\nThree\nFour"
    )
