"""HTML pages: the article's main text and metadata (title, date, site, URL) via trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import decode, read_bytes
from tradegraph.loaders.sources.records import build_article

# Lines trafilatura sometimes keeps at the end of an article body: calls to action, not news.
_BOILERPLATE = re.compile(
    r"^(?:subscribe\b|sign up\b|follow us\b|share (?:this|on)\b|click here\b|read more\b|advertisement$|"
    r"(?:©|\(c\)|copyright)\s|all rights reserved|.*\b(?:social media platforms|our newsletter|cookie policy)\b)",
    re.I,
)
MIN_SENTENCE_WORDS = 5
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def load(path: Path) -> Iterator[Article]:
    """The article of one HTML page; a page without article text is TG114."""
    origin = str(path)
    html = _XML_DECLARATION.sub("", decode(read_bytes(path), origin).lstrip("\ufeff"))
    doc = _extract(html, origin)
    text = _main_text(doc.get("text") or "", doc.get("title"))
    if not _has_prose(text):
        raise codes.article_error(
            origin,
            codes.NO_HTML_TEXT,
            "no article text found in this HTML page (only navigation or boilerplate)",
        )
    published = _page_date(doc.get("date"), origin)
    yield build_article(
        text,
        origin,
        url=doc.get("url"),
        title=doc.get("title"),
        source=doc.get("sitename") or doc.get("hostname"),
        published=published,
    )


def _extract(html: str, origin: str) -> dict[str, Any]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            as_dict=False,
        )
    except (ValueError, TypeError, LookupError, RecursionError) as err:
        raise codes.article_error(origin, codes.NO_HTML_TEXT, f"HTML could not be parsed: {err}") from err
    if doc is None:
        return {}
    return {k: getattr(doc, k, None) for k in ("text", "title", "date", "sitename", "hostname", "url")}


def _main_text(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.splitlines()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # trafilatura repeats the <h1> headline as the first line
    return "\n".join(line for line in lines if line and not _BOILERPLATE.match(line))


def _has_prose(text: str) -> bool:
    """At least one sentence-like line: menus and link lists extract as words without one."""
    return any(
        len(line.split()) >= MIN_SENTENCE_WORDS and line.rstrip("\"'”’)").endswith((".", "!", "?"))
        for line in text.splitlines()
    )


def _page_date(value: str | None, origin: str) -> Any:
    # htmldate already validated it; a page date we cannot read is dropped, not fatal.
    try:
        return parse_date(value, origin, "date")
    except ArticleError:
        return None
