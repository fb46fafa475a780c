"""Plain-text and Markdown articles, with an optional ``---`` front-matter block of metadata.

Front-matter keys (case-insensitive, others ignored): ``id``, ``title``, ``url`` (or ``link``),
``published`` (or ``date``), ``source`` (or ``site``). Without a date there, the article is
dated by its dateline ("JAKARTA, June 3, 2025 - ..."), else left undated.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes, markdown
from tradegraph.loaders.sources.dateline import dateline_date
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import clean_text, decode, read_bytes
from tradegraph.loaders.sources.records import build_article

_KEYS = frozenset({"id", "title", "url", "link", "published", "date", "source", "site"})
_ALIASES = {"link": "url", "date": "published", "site": "source"}
MAX_TITLE_CHARS = 150


def load(path: Path) -> Iterator[Article]:
    """The one article of a ``.txt``/``.md`` file (title from front matter or a first heading)."""
    origin = str(path)
    text = decode(read_bytes(path), origin, declared=False).lstrip("\ufeff")
    meta, body = split_front_matter(text)
    if not clean_text(body):
        raise codes.article_error(
            origin, codes.EMPTY, "no text after the front matter" if meta else "file holds only whitespace"
        )
    is_markdown = path.suffix.lower() in {".md", ".markdown"}
    title, body = _title_and_body(body.strip("\n"), is_markdown)
    if is_markdown:
        body = markdown.plain_markdown(body)
    published = parse_date(meta.get("published"), origin, "published") or dateline_date(body)
    yield build_article(
        body,
        origin,
        id=meta.get("id"),
        url=meta.get("url"),
        title=meta.get("title") or title,
        source=meta.get("source"),
        published=published,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` pairs of a leading ``---`` block (known keys only) and the rest of the text.

    >>> split_front_matter("---\\ntitle: Talks\\ndate: 2025-04-16\\n---\\nBody")
    ({'title': 'Talks', 'published': '2025-04-16'}, 'Body')
    """
    return markdown.split_front_matter(text, _KEYS, _ALIASES)


def _title_and_body(text: str, is_markdown: bool) -> tuple[str | None, str]:
    """A first line that looks like a headline becomes the title and leaves the body."""
    first, _, rest = text.partition("\n")
    heading = markdown.heading(first)
    if heading is not None:
        return heading, rest
    headline_like = 0 < len(first.strip()) <= MAX_TITLE_CHARS and not first.rstrip().endswith(
        (".", ":", ",", ";")
    )
    if headline_like and rest.startswith("\n") and rest.strip():
        return first.strip(), rest
    return None, text
