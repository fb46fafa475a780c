"""JSON lines (one article a line, read as a stream) and ``.json`` files of one article or a list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.decoding import MAX_TEXT_CHARS, check_file, decode, looks_binary, read_bytes
from tradegraph.loaders.sources.records import article_from_record

MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS  # a line holds one article; UTF-8 needs up to 4 bytes a character


def load_lines(path: Path) -> Iterator[Article | ArticleError]:
    """One article per non-blank line; a bad line is an error naming ``file:line``."""
    origin = str(path)
    check_file(path)
    found = False
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            if looks_binary(head):
                raise codes.article_error(origin, codes.BINARY, "binary file, not JSON lines")
            handle.seek(0)
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                found = True
                yield _line_article(raw, f"{origin}:{number}", first=number == 1)
    except OSError as err:
        raise codes.article_error(origin, codes.UNREADABLE, f"cannot read: {err.strerror or err}") from err
    if not found:
        raise codes.article_error(origin, codes.EMPTY, "file holds no JSON lines")


def _line_article(raw: bytes, origin: str, *, first: bool) -> Article | ArticleError:
    if len(raw) > MAX_LINE_BYTES:
        return codes.article_error(
            origin, codes.TOO_LARGE, f"line is {len(raw) / 1e6:.1f} MB, too long for one article"
        )
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as err:
        return codes.article_error(
            origin, codes.INVALID_JSON, f"not UTF-8 at byte {err.start}; JSON lines must be UTF-8"
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return codes.article_error(
            origin, codes.INVALID_JSON, f"not JSON ({err.msg} at column {err.colno}); one JSON object a line"
        )
    except RecursionError:
        return codes.article_error(origin, codes.INVALID_JSON, "JSON nested too deeply")
    try:
        return article_from_record(record, origin)
    except ArticleError as err:
        return err


def load_json(path: Path) -> Iterator[Article | ArticleError]:
    """The article(s) of a ``.json`` file: one object, or a list of them named ``file[i]``."""
    origin = str(path)
    text = decode(read_bytes(path), origin, declared=False).lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise codes.article_error(
            origin, codes.INVALID_JSON, f"not JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        ) from err
    except RecursionError as err:
        raise codes.article_error(origin, codes.INVALID_JSON, "JSON nested too deeply") from err
    if not isinstance(data, list):
        yield article_from_record(data, origin)
        return
    if not data:
        raise codes.article_error(origin, codes.EMPTY, "the JSON list holds no articles")
    for index, record in enumerate(data):
        try:
            yield article_from_record(record, f"{origin}[{index}]")
        except ArticleError as err:
            yield err
