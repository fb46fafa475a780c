"""Dates of what an article reports: relative expressions ("on Wednesday", "last week") in a
sentence resolved against the article's publication date."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
# dateparser is slow: only expressions with a number or a calendar word are worth a call.
_DATE_LIKE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|yesterday|tomorrow|tonight|last|next|ago|week|month|year)",
    re.IGNORECASE,
)

_YEAR = re.compile(r"\b\d{4}\b")
MAX_DATE_CHARS = 80


def resolve_date(expression: str, published: date | None) -> date | None:
    """``expression`` as a calendar date, relative ones counted from ``published``.

    >>> resolve_date("on Wednesday", date(2025, 4, 18))
    datetime.date(2025, 4, 16)
    >>> resolve_date("March 3, 2025", None)
    datetime.date(2025, 3, 3)
    >>> resolve_date("on Monday", None) is None  # never counted from today
    True
    """
    if len(expression) > MAX_DATE_CHARS or not _DATE_LIKE.search(expression):
        return None  # a date is a few words; dateparser's own patterns must not see a page
    if published is None and not _YEAR.search(expression):
        return None  # without the article's date a relative one ("on Monday") stays unresolved
    return _resolve(expression.strip(), published)


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i + 1
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
    for m in (name, name[:3], name[:4] if name == "september" else name[:3])
}
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2}) ([a-z]+)\.?(?:,? (\d{4}))?$")


def _quick(text: str, published: date | None) -> date | None:
    """The common forms ("Wednesday", "last Friday", "March 3", "3 March 2025", "yesterday")
    without dateparser, which costs a fifth of a second a call."""
    low = text.lower()
    last = low.startswith("last ")
    for prefix in ("last ", "this ", "on ", "late ", "early "):
        if low.startswith(prefix):
            low = low[len(prefix) :]
    if published is not None:
        if low in {"today", "tonight"}:
            return published
        if low == "yesterday":
            return published - timedelta(days=1)
        if low in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(low)) % 7
            return published - timedelta(days=back or (7 if last else 0))
    match = _MONTH_DAY.match(low)
    groups = (match.group(1), match.group(2), match.group(3)) if match else None
    if groups is None and (other := _DAY_MONTH.match(low)):
        groups = (other.group(2), other.group(1), other.group(3))
    if groups is None or groups[0] not in _MONTHS:
        return None
    name, day_text, year_text = groups
    year = int(year_text) if year_text else (published.year if published else None)
    if year is None:
        return None
    try:
        day = date(year, _MONTHS[name], int(day_text))
    except ValueError:
        return None
    if not year_text and published is not None and day > published:
        day = date(year - 1, day.month, day.day) if not (day.month == 2 and day.day == 29) else day
    return day


@lru_cache(maxsize=2048)
def _resolve(text: str, published: date | None) -> date | None:
    if text.lower().startswith(("on ", "since ", "from ")):
        text = text.split(" ", 1)[1]
    quick = _quick(text, published)
    if quick is not None:
        return quick if published is None or quick <= published else None
    import dateparser

    settings: dict[str, object] = dict(_SETTINGS)
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day: date = parsed.date()
    if published is not None and day > published and "next" not in text.lower():
        return None  # a past event resolved into the future: the expression was not a date
    return day


def sentence_date(sentence: Span, published: date | None) -> date | None:
    """The date a sentence reports its event on: its first resolvable DATE entity, else the
    article's date."""
    for ent in sentence.ents:
        if ent.label_ == "DATE":
            day = resolve_date(ent.text, published)
            if day is not None:
                return day
    return published
