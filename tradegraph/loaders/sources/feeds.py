"""RSS and Atom feeds: each entry one article, its text from content or summary without HTML."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import looks_binary, read_bytes
from tradegraph.loaders.sources.records import build_article

# Possessive and stopping at the next "<": linear on any fragment (no rescans of "<p<p<p...").
_BLOCK_TAGS = re.compile(
    r"<\s*+(?:/?(?:p|div|li|h[1-6]|blockquote|tr|section|article)\b[^<>]*+|br\s*+/?)\s*+>", re.I
)
_ANY_TAG = re.compile(r"<[^<>]*+>")


def load(path: Path) -> Iterator[Article | ArticleError]:
    """One article per feed entry; an entry without text is an error naming ``feed#entry n``."""
    origin = str(path)
    data = read_bytes(path)
    if looks_binary(data):
        raise codes.article_error(origin, codes.BINARY, "binary file, not a feed; give RSS or Atom XML")
    feed = _parse(data, origin)
    source = _text(feed.feed.get("title")) or None
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield _entry_article(entry, f"{origin}#entry {number}", source)
        except ArticleError as err:
            yield err


def _parse(data: bytes, origin: str) -> Any:
    import feedparser

    try:
        feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as err:  # noqa: BLE001 - feedparser raises assorted parser errors on bad bytes
        raise codes.article_error(origin, codes.BROKEN_FEED, f"feed could not be parsed: {err}") from err
    if not feed.entries:
        problem = f"broken XML: {feed.get('bozo_exception')}" if feed.get("bozo") else "feed has no entries"
        raise codes.article_error(
            origin, codes.BROKEN_FEED, f"{problem}; give an RSS or Atom feed with <item>/<entry> elements"
        )
    return feed


def _entry_article(entry: Any, origin: str, source: str | None) -> Article:
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    raw = (
        next((c for c in contents if c and c.strip()), None)
        or entry.get("summary")
        or entry.get("description")
        or ""
    )
    text = strip_html(raw)
    if not text.strip():
        raise codes.article_error(
            origin, codes.MISSING_FIELD, "content/summary: entry has no text; add <description> or <content>"
        )
    return build_article(
        text,
        origin,
        url=_text(entry.get("link")) or None,
        title=_text(entry.get("title")) or None,
        source=source,
        published=_entry_date(entry, origin),
    )


def _entry_date(entry: Any, origin: str) -> date | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
        if entry.get(key):
            return parse_date(_text(entry.get(key)), origin, key)
    return None


def strip_html(fragment: str) -> str:
    """Text of an HTML fragment, paragraphs kept as lines.

    >>> strip_html("<p>Akazawa met <b>Bessent</b>.</p><p>Talks go on.</p>")
    'Akazawa met Bessent.\\nTalks go on.'
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.etree
    import lxml.html

    marked = _BLOCK_TAGS.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _ANY_TAG.sub(" ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""
