"""Datelines ("JAKARTA, June 3, 2025 - "): where and when a story was filed.

The sentence splitter (``tradegraph.loaders.nlp``) keeps a dateline apart from the first
sentence, and the plain-text loader dates an article without front matter from it. The pattern
runs on untrusted text, so every repetition in it is bounded or possessive: a line of thirty
thousand capitals or dashes costs a few steps a character, never a scan per character.
"""

from __future__ import annotations

import re
from datetime import date

DATELINE_SEARCH_CHARS = 2_000  # a story's dateline is in its first lines

# A place is a few words ("RIO DE JANEIRO", "WASHINGTON (Reuters)"): at most 63 characters.
DATELINE = re.compile(
    r"^[ \t]*+[A-Z]{3}[A-Z.'’ -]{0,60}?(?: \([A-Za-z .]{1,40}\))?"
    r"(?:, (?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?)?"
    r"(?: \([A-Za-z .]{1,40}\))? ?[—–-]{1,3} ++(?=\S)",
    re.MULTILINE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


def dateline_date(text: str) -> date | None:
    """The date of the story's dateline when it gives a year, else None.

    >>> dateline_date("Talks\\n\\nJAKARTA, June 3, 2025 - Indonesia on Monday appointed ...")
    datetime.date(2025, 6, 3)
    >>> dateline_date("NEW DELHI, May 6 - India said ...") is None
    True
    """
    for match in DATELINE.finditer(text[:DATELINE_SEARCH_CHARS]):
        month, day, year = match.group("month", "day", "year")
        if month is None:
            continue
        number = _MONTHS.get(month.lower())
        if number is None or year is None:
            return None
        try:
            return date(int(year), number, int(day))
        except ValueError:
            return None
    return None
