"""Articles from already-parsed metadata (JSON records, front matter, feed entries), validated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import check_text_size, clean_field, clean_text

_OPTIONAL_STRINGS = ("id", "url", "title", "source")


def article_from_record(record: Any, origin: str) -> Article:
    """An ``Article`` from a JSON object with ``id, url, title, source, published, text``.

    Only ``text`` is required; ``id`` is kept as given, else derived from the URL or text.

    Raises:
        ArticleError: TG116 wrong type, TG113 missing text, TG117 bad date, TG120 too long.
    """
    if not isinstance(record, Mapping):
        raise codes.article_error(
            origin, codes.WRONG_TYPE, f"expected a JSON object with a 'text' field, got {_json_type(record)}"
        )
    text = record.get("text")
    if text is None:
        raise codes.article_error(origin, codes.MISSING_FIELD, "text: missing; every article needs its text")
    if not isinstance(text, str):
        raise codes.article_error(
            origin, codes.WRONG_TYPE, f"text: expected a string, got {_json_type(text)}"
        )
    meta = {name: _optional_string(record, name, origin) for name in _OPTIONAL_STRINGS}
    published = record.get("published")
    published = parse_date(clean_field(published) if isinstance(published, str) else published, origin)
    return build_article(text, origin, published=published, **meta)


def build_article(
    text: str,
    origin: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: Any = None,
) -> Article:
    """Clean ``text`` and metadata into an ``Article``; empty text is TG113."""
    text = check_text_size(clean_text(text), origin)
    if not text:
        raise codes.article_error(origin, codes.MISSING_FIELD, "text: empty; every article needs its text")
    id = id and clean_field(id)
    return Article.create(
        text,
        id=(id.strip() or None) if id else None,
        url=_strip(url),
        title=_strip(title and clean_text(title)),
        source=_strip(source),
        published=published,
        origin=origin,
    )


def _optional_string(record: Mapping[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise codes.article_error(
        origin, codes.WRONG_TYPE, f"{name}: expected a string or null, got {_json_type(value)}"
    )


def _strip(value: str | None) -> str | None:
    return " ".join(clean_field(value).split()) or None if value else None


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return next(
        (n for t, n in names.items() if isinstance(value, t)),
        "null" if value is None else type(value).__name__,
    )
