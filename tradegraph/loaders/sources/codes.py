"""The stable TG1xx codes of bad article input (the table lives in ``docs/errors.md``)."""

from __future__ import annotations

from tradegraph.graph.errors import ArticleError

EMPTY = "TG110"  # empty or whitespace-only file / record
BINARY = "TG111"  # bytes that are not text
INVALID_JSON = "TG112"  # a JSON line / file that does not parse
MISSING_FIELD = "TG113"  # a required field (text) is absent or empty
NO_HTML_TEXT = "TG114"  # an HTML page without article text
BROKEN_FEED = "TG115"  # a feed without entries, or XML that does not parse
WRONG_TYPE = "TG116"  # a field of the wrong JSON type
BAD_DATE = "TG117"  # a date that does not exist or cannot be read
UNREADABLE = "TG118"  # permission denied, FIFO/device, broken symlink, I/O error
NOT_FOUND = "TG119"  # a path or glob that matches nothing
TOO_LARGE = "TG120"  # a file or article text above the size limits
DUPLICATE_ID = "TG121"  # two different texts under one article id in one run
EXTRACTION_FAILED = "TG130"  # the extractor failed on this one article
UNEXPECTED = "TG199"  # a loader bug: the input hit a case the loader does not handle


def article_error(origin: object, code: str, problem: str) -> ArticleError:
    """An ``ArticleError`` for ``origin`` (a path, maybe with ``:line`` or ``#entry n``)."""
    return ArticleError(str(origin), problem, code=code)
