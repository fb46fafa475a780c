"""Publication dates of article metadata, read into ``datetime.date``.

A date that is given but wrong (``2025-02-30``, ``soon``) is an error (TG117), not a silent
``None``: the graph answers "who represented China on 2025-03-01" from these dates, so a wrong
one would put a relation at the wrong time without anyone noticing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from tradegraph.loaders.sources import codes

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date(value: object, origin: object, field: str = "published") -> date | None:
    """``value`` (None, a date, or a string: ISO 8601, RFC 822, "March 5, 2025") as a date.

    Raises:
        ArticleError: TG116 if ``value`` is not a string, TG117 if it names no real date.

    >>> parse_date("Wed, 16 Apr 2025 09:30:00 GMT", "feed.xml#entry 1")
    datetime.date(2025, 4, 16)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise codes.article_error(
            origin,
            codes.WRONG_TYPE,
            f"{field}: expected a date string like '2025-04-16', got {type(value).__name__} {value!r:.40}",
        )
    text = value.strip()
    iso = _ISO.fullmatch(text)
    if iso:
        return _real_date(int(iso[1]), int(iso[2]), int(iso[3]), text, origin, field)
    parsed = _rfc822(text) or _natural(text)
    if parsed is None:
        raise codes.article_error(
            origin, codes.BAD_DATE, f"{field}: cannot read {text!r:.60} as a date; write it as YYYY-MM-DD"
        )
    return parsed


def _real_date(year: int, month: int, day: int, text: str, origin: object, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise codes.article_error(
            origin, codes.BAD_DATE, f"{field}: {text!r} is not a real date ({err}); fix the day or month"
        ) from err


def _rfc822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _natural(text: str) -> date | None:
    if len(text) > 60 or not re.search(r"\d", text):
        return None
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date() if parsed else None
