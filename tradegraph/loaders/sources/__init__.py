"""Article loaders: text, Markdown, HTML, RSS/Atom, JSON lines and JSON files -> ``Article``.

The first step of the pipeline (sources -> extraction -> resolution -> store). Loaders never
touch a store. Bad input does not stop a run: ``load_articles`` yields an ``ArticleError`` in
place of each article it cannot read, and the caller counts them.

    >>> from tradegraph.loaders.sources import load_articles
    >>> [type(x).__name__ for x in load_articles(["no/such/file.txt"])]
    ['ArticleError']
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes, feeds, html, jsonl, text
from tradegraph.loaders.sources.decoding import check_file
from tradegraph.loaders.sources.paths import expand_paths

__all__ = ["load_articles", "load_article_file", "detect_format", "FORMATS"]

log = logging.getLogger("tradegraph.loaders")

Loader = Callable[[Path], Iterator["Article | ArticleError"]]
FORMATS: dict[str, Loader] = {
    "text": text.load,
    "html": html.load,
    "feed": feeds.load,
    "jsonl": jsonl.load_lines,
    "json": jsonl.load_json,
}
_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}


def load_articles(
    paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Article | ArticleError]:
    """Every article in ``paths`` (files, directories, globs), errors in place of bad ones.

    Args:
        paths: files of any supported format, directories (walked recursively, sorted,
            hidden names skipped) and glob patterns.
        exclude: paths never read, nor anything under them (the store's own files).

    Yields:
        An ``Article`` (with ``origin`` set to its file and record) or an ``ArticleError``
        whose code says what was wrong (see ``docs/errors.md``).
    """
    for path in expand_paths(paths, exclude):
        if isinstance(path, ArticleError):
            yield path
        else:
            yield from load_article_file(path)


def load_article_file(path: str | os.PathLike[str]) -> Iterator[Article | ArticleError]:
    """The article(s) of one file, its format chosen by extension and content."""
    path = Path(path)
    try:
        loader = FORMATS[detect_format(path)]
        yield from loader(path)
    except ArticleError as err:
        yield err
    except RecursionError:
        yield codes.article_error(path, codes.UNEXPECTED, "document nested too deeply to read")
    except Exception as err:  # noqa: BLE001 - one odd file must not end a run of thousands
        log.exception("loader failed on %s", path)
        yield codes.article_error(
            path, codes.UNEXPECTED, f"unexpected {type(err).__name__}: {err}; please report this file"
        )


def detect_format(path: Path) -> str:
    """``text``, ``html``, ``feed``, ``jsonl`` or ``json``: by extension, else by the first bytes.

    Raises:
        ArticleError: if the file cannot be read (TG118/TG119).
    """
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    if by_suffix and by_suffix != "text":
        return by_suffix
    check_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as err:
        raise codes.article_error(path, codes.UNREADABLE, f"cannot read: {err.strerror or err}") from err
    return sniff(head) if by_suffix is None else by_suffix


def sniff(head: bytes) -> str:
    """The format the first bytes of a file suggest.

    >>> sniff(b'<?xml version="1.0"?><rss version="2.0">')
    'feed'
    """
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if b"<html" in start or start.startswith(b"<!doctype html"):
            return "html"
        return "feed" if start.startswith(b"<?xml") else "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        lines = [line for line in start.splitlines() if line.strip()]
        return (
            "jsonl"
            if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines[1:-1] or lines[1:])
            else "json"
        )
    return "text"
