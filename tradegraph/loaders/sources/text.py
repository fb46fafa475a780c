"""Plain-text and Markdown articles, with an optional ``---`` front-matter block of metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import clean_text, decode, read_bytes
from tradegraph.loaders.sources.records import build_article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_KEYS = {"id", "title", "url", "link", "published", "date", "source", "site"}
_ALIASES = {"link": "url", "date": "published", "site": "source"}


def load(path: Path) -> Iterator[Article]:
    """The one article of a ``.txt``/``.md`` file (title from front matter or a first heading)."""
    origin = str(path)
    text = decode(read_bytes(path), origin, declared=False).lstrip("\ufeff")
    meta, body = split_front_matter(text)
    if not clean_text(body):
        raise codes.article_error(
            origin, codes.EMPTY, "no text after the front matter" if meta else "file holds only whitespace"
        )
    markdown = path.suffix.lower() in {".md", ".markdown"}
    title, body = _title_and_body(body.strip("\n"), markdown)
    if markdown:
        body = _plain_markdown(body)
    yield build_article(
        body,
        origin,
        id=meta.get("id"),
        url=meta.get("url"),
        title=meta.get("title") or title,
        source=meta.get("source"),
        published=parse_date(meta.get("published"), origin, "published"),
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` pairs of a leading ``---`` block (known keys only) and the rest of the text.

    >>> split_front_matter("---\\ntitle: Talks\\ndate: 2025-04-16\\n---\\nBody")
    ({'title': 'Talks', 'published': '2025-04-16'}, 'Body')
    """
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        pair = _KEY_VALUE.match(line)
        if pair and pair.group(1).lower() in _KEYS:
            key = pair.group(1).lower()
            meta[_ALIASES.get(key, key)] = pair.group(2).strip("\"'")
    return meta, text[match.end() :]


def _title_and_body(text: str, markdown: bool) -> tuple[str | None, str]:
    """A first line that looks like a headline becomes the title and leaves the body."""
    first, _, rest = text.partition("\n")
    heading = _MD_HEADING.match(first)
    if heading:
        return heading.group(1), rest
    headline_like = 0 < len(first.strip()) <= 150 and not first.rstrip().endswith((".", ":", ",", ";"))
    if headline_like and rest.startswith("\n") and rest.strip():
        return first.strip(), rest
    return None, text


def _plain_markdown(text: str) -> str:
    """Markdown as plain text: no heading marks, bullets, emphasis or link targets; wrapped
    lines of a paragraph joined, as sentences must not break at a newline."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines: list[str] = []
        for line in block.split("\n"):
            heading = _MD_HEADING.match(line)
            item = re.match(r"^\s*(?:[-*+]|\d+\.|>)\s+", line)
            line = heading.group(1) if heading else line[item.end() :] if item else line.strip()
            line = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line))
            if lines and not (heading or item):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
