"""JSON lines (one article a line, read as a stream) and ``.json`` files of one article or a list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import codes
from tradegraph.loaders.sources.decoding import MAX_TEXT_CHARS, check_file, decode, looks_binary, read_bytes
from tradegraph.loaders.sources.records import article_from_record

MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS  # a line holds one article; UTF-8 needs up to 4 bytes a character


MAX_INT_DIGITS = 4_000  # below Python's 4,300-digit limit on int(); longer numbers stay unread
READ_CHUNK = 1 << 20  # a line above the limit is skipped in chunks of this size, never held whole


def load_lines(path: Path) -> Iterator[Article | ArticleError]:
    """One article per non-blank line; a bad line is an error naming ``file:line``.

    Lines are read at most ``MAX_LINE_BYTES`` at a time: a longer line (even a 2 GB one) is
    skipped in bounded chunks and reported as TG120, and the lines after it still load.
    """
    origin = str(path)
    check_file(path)
    found = False
    try:
        with path.open("rb") as handle:
            if looks_binary(handle.read(8192)):
                raise codes.article_error(origin, codes.BINARY, "binary file, not JSON lines")
            handle.seek(0)
            for number, raw, size in _lines(handle):
                found = True
                where = f"{origin}:{number}"
                if size > MAX_LINE_BYTES:
                    yield codes.article_error(
                        where, codes.TOO_LARGE, f"line is {size / 1e6:.1f} MB, too long for one article"
                    )
                else:
                    yield _line_article(raw, where, first=number == 1)
    except OSError as err:
        raise codes.article_error(origin, codes.UNREADABLE, f"cannot read: {err.strerror or err}") from err
    if not found:
        raise codes.article_error(origin, codes.EMPTY, "file holds no JSON lines")


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes, int]]:
    """``(number, bytes, size)`` of each non-blank line; the bytes are empty when the line is
    longer than ``MAX_LINE_BYTES`` (its size is then counted while skipping it)."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        size = len(raw)
        if size > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raw = b""
            while True:  # the rest of the overlong line, a chunk at a time
                chunk = handle.readline(READ_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
        if size > MAX_LINE_BYTES or raw.strip():
            yield number, raw, size


def _line_article(raw: bytes, origin: str, *, first: bool) -> Article | ArticleError:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as err:
        return codes.article_error(
            origin, codes.INVALID_JSON, f"not UTF-8 at byte {err.start}; JSON lines must be UTF-8"
        )
    try:
        record = parse_json(line, origin)
        return article_from_record(record, origin)
    except ArticleError as err:
        return err


def parse_json(text: str, origin: str) -> Any:
    """``json.loads`` whose every failure is a TG112 naming ``origin``; integers longer than
    ``MAX_INT_DIGITS`` digits are read as infinity instead of failing the record."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as err:
        raise codes.article_error(
            origin,
            codes.INVALID_JSON,
            f"not JSON ({err.msg} at line {err.lineno}, column {err.colno}); one JSON object a line",
        ) from err
    except RecursionError as err:
        raise codes.article_error(origin, codes.INVALID_JSON, "JSON nested too deeply") from err
    except ValueError as err:  # anything else json refuses to build
        raise codes.article_error(origin, codes.INVALID_JSON, f"JSON cannot be read: {err}") from err


def _int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float("inf")


def load_json(path: Path) -> Iterator[Article | ArticleError]:
    """The article(s) of a ``.json`` file: one object, or a list of them named ``file[i]``."""
    origin = str(path)
    text = decode(read_bytes(path), origin, declared=False).lstrip("\ufeff")
    data = parse_json(text, origin)
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
