"""Dates of what an article reports: relative expressions ("on Wednesday", "last week") in a
sentence resolved against the article's publication date."""
from __future__ import annotations

import warnings
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


def resolve_date(expression: str, published: date | None) -> date | None:
    """``expression`` as a calendar date, relative ones counted from ``published``.

    >>> resolve_date("on Wednesday", date(2025, 4, 18))
    datetime.date(2025, 4, 16)
    >>> resolve_date("March 3, 2025", None)
    datetime.date(2025, 3, 3)
    """
    import dateparser

    text = expression.strip()
    if text.lower().startswith(("on ", "since ", "from ")):
        text = text.split(" ", 1)[1]
    settings: dict[str, object] = dict(_SETTINGS)
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published and "next" not in text.lower():
        return None  # a past event resolved into the future: the expression was not a date
    return day


def sentence_date(sentence: "Span", published: date | None) -> date | None:
    """The date a sentence reports its event on: its first resolvable DATE entity, else the
    article's date."""
    for ent in sentence.ents:
        if ent.label_ == "DATE":
            day = resolve_date(ent.text, published)
            if day is not None:
                return day
    return published
