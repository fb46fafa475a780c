"""Plain-language questions -> a query helper, an entity and a date -> answers with evidence.

``ask(store, "Who represented China on 1 March 2025?")`` finds the date (the as-of day), the
intent and the entity through the grammar in ``grammar``, resolves the entity against the
graph's names (aliases, surnames, country names) and calls the helper.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from tradegraph.graph.errors import InputError, NotFoundError, TradegraphError
from tradegraph.graph.model import Actor
from tradegraph.graph.name_keys import name_key
from tradegraph.queries import catalogue, grammar
from tradegraph.queries.names import NameIndex
from tradegraph.queries.replies import Reply, render
from tradegraph.queries.results import DEFAULT_LIMIT

MAX_QUESTION = 400

# What ``ask`` understands, read from the catalogue (kind -> help and examples).
INTENTS: dict[str, str] = {k.name: f"{k.help}: {k.example}" for k in catalogue.KINDS if k.example}

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = [
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})",
    _DAY + r"\s+(?:of\s+)?(?P<m>" + _MONTHS + r")\.?,?\s+(?P<y>\d{4})",
    r"(?P<m>" + _MONTHS + r")\.?\s+" + _DAY + r",?\s+(?P<y>\d{4})",
    r"(?P<m>" + _MONTHS + r")\.?,?\s+(?P<y>\d{4})",
]


def find_date(question: str) -> tuple[date | None, str]:
    """The day a question asks about, and the question without it.

    >>> find_date("Who represented China on 1 March 2025?")
    (datetime.date(2025, 3, 1), 'Who represented China?')
    >>> find_date("Who represents Japan?")
    (None, 'Who represents Japan?')
    """
    for form in _DATE_FORMS:
        pattern = re.compile(
            r"(?:,?\s*\b(?:on|as of|as at|at|in|by|during)\s+(?:the\s+)?)?\b" + form + r"\b", re.IGNORECASE
        )
        found = pattern.search(question)
        if found:
            day = _to_date(found.groupdict(), found.group(0))
            rest = (question[: found.start()] + question[found.end() :]).strip()
            return day, " ".join(rest.split()).replace(" ?", "?")
    return None, question


def _to_date(parts: dict[str, str | None], text: str) -> date:
    try:
        if parts.get("iso"):
            return date.fromisoformat("-".join(p.zfill(2) for p in parts["iso"].split("-")))  # type: ignore[union-attr]
        month = datetime.strptime(parts["m"][:3].title(), "%b").month  # type: ignore[index]
        return date(int(parts["y"]), month, int(parts.get("d") or 1))  # type: ignore[arg-type]
    except ValueError as err:
        raise InputError(
            f"{text.strip()!r} is not a date that exists; write it like '1 March 2025' or 2025-03-01",
            code="TG161",
        ) from err


_PERIOD = re.compile(
    r"(?:,?\s*)\b(before|prior to|until|after|since|between|from)\s+(?:the\s+)?", re.IGNORECASE
)


def _date_at(text: str) -> tuple[date, int] | None:
    """A date at the very start of ``text`` and where it ends."""
    for form in _DATE_FORMS:
        found = re.compile(form + r"\b", re.IGNORECASE).match(text)
        if found:
            return _to_date(found.groupdict(), found.group(0)), found.end()
    return None


def find_when(question: str) -> tuple[tuple[date | None, ...], str]:
    """The days a question asks about, and the question without them; none: no day named.

    "before D" asks about the day before, "after D" the day after, "since D" about D and now,
    "between D1 and D2" about both days (answers of either count).

    >>> find_when("Who represented China before 16 April 2025?")
    ((datetime.date(2025, 4, 15),), 'Who represented China?')
    >>> find_when("Who represented the UK between August 2025 and October 2025?")[0]
    (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1), datetime.date(2025, 10, 1))
    """
    for found in _PERIOD.finditer(question):
        start = _date_at(question[found.end() :])
        if start is None:
            continue
        day, end = start[0], found.end() + start[1]
        word = found.group(1).lower()
        days: tuple[date | None, ...] = (day,)
        if word in ("before", "prior to", "until"):
            days = (_shifted(day, -1),)
        elif word == "after":
            days = (_shifted(day, 1),)
        elif word == "since":
            days = (*span(day, date.today()), None)
        elif word in ("between", "from"):
            second = re.match(r"\s+(?:and|to|until|till|-)\s+", question[end:], re.IGNORECASE)
            later = _date_at(question[end + second.end() :]) if second else None
            if second and later:
                days, end = span(day, later[0]), end + second.end() + later[1]
        rest = question[: found.start()] + question[end:]
        return days, " ".join(rest.split()).replace(" ?", "?")
    return _find_year(question) or _named_day(question)


MAX_SAMPLES = 48


def _shifted(day: date, by: int) -> date:
    """The day before or after ``day``; TG161 past the calendar's ends."""
    try:
        return day + timedelta(days=by)
    except OverflowError:
        raise InputError(
            f"there is no day {'before' if by < 0 else 'after'} {day.isoformat()}; ask about another date",
            code="TG161",
        ) from None


def span(start: date, end: date) -> tuple[date, ...]:
    """Days standing for a period: its first day, the first of each later month, its last day.

    >>> span(date(2025, 8, 1), date(2025, 10, 15))
    (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1), datetime.date(2025, 10, 1), datetime.date(2025, 10, 15))
    """
    start, end = min(start, end), max(start, end)
    days, month = [start], date(start.year, start.month, 1)
    while len(days) < MAX_SAMPLES:
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if month > end:
            break
        days.append(month)
    if days[-1] != end:
        days.append(end)
    return tuple(days)


def _named_day(question: str) -> tuple[tuple[date | None, ...], str]:
    named, rest = find_date(question)
    return ((named,) if named else ()), rest


_YEAR = re.compile(
    r"(?:,?\s*)\b(before|prior to|until|after|since|in|during|from|between)\s+((?:19|20)\d{2})\b"
    r"(?!\s*(?:%|percent|per cent))(?:\s+(?:and|to|until|-)\s+((?:19|20)\d{2})\b)?",
    re.IGNORECASE,
)


def _find_year(question: str) -> tuple[tuple[date | None, ...], str] | None:
    """A year after a time word: "before 2025" (31 Dec 2024), "since 2024" (1 Jan 2024 and now),
    "in 2025" (its first and last day), "between 2024 and 2025".

    >>> _find_year("Who represented China in 2025?")  # doctest: +ELLIPSIS
    ((datetime.date(2025, 1, 1), datetime.date(2025, 2, 1), ..., datetime.date(2025, 12, 31)), 'Who represented China?')
    """
    found = _YEAR.search(question)
    if found is None:
        return None
    word, first = found.group(1).lower(), int(found.group(2))
    last = int(found.group(3) or first)
    days: tuple[date | None, ...]
    if word in ("before", "prior to", "until"):
        days = (date(first - 1, 12, 31),)
    elif word == "after":
        days = (date(first + 1, 1, 1),)
    elif word == "since":
        days = (*span(date(first, 1, 1), date.today()), None)
    else:
        days = span(date(first, 1, 1), date(last, 12, 31))
    rest = question[: found.start()] + question[found.end() :]
    return days, " ".join(rest.split()).replace(" ?", "?")


def _spans(text: str) -> list[str]:
    """Candidate names in an entity slot: the whole, then shorter prefixes, then any other run of words."""
    words = text.split()
    prefixes = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    others = [
        " ".join(words[i:j])
        for n in range(len(words) - 1, 0, -1)
        for i in range(1, len(words) - n + 1)
        for j in [i + n]
    ]
    return prefixes + others


def resolve_entity(index: NameIndex, text: str) -> Actor:
    """The actor an entity slot names, allowing extra words around the name ("China in trade talks")."""
    if not name_key(text):
        raise InputError("the question names no actor; ask e.g. 'Who represents Japan?'", code="TG163")
    for span in _spans(text)[:200]:
        found = index.lookup(span)
        if len(found) == 1:
            return found[0]
        if found:
            return index.resolve(span)  # ambiguous: the error lists the candidates
    return index.resolve(text)


def understood(question: str) -> grammar.Match:
    """The intent and entity text of a question, or an InputError listing what can be asked."""
    return _readings(question)[0]


def _readings(question: str) -> list[grammar.Match]:
    if len(question) > MAX_QUESTION:
        raise InputError(
            f"the question is {len(question)} characters long; ask in at most {MAX_QUESTION}", code="TG162"
        )
    found = [m for m in grammar.matches(question) if m.intent == "brokers" or name_key(m.entity)]
    if not found:
        raise InputError(
            f"cannot read the question {question.strip()!r}; I can answer:\n{catalogue.ask_help()}",
            code="TG160",
        )
    return found


def _exact(index: NameIndex, text: str) -> Actor | None:
    found = index.lookup(re.sub(r"^(?:an?|the)\s+", "", text.strip(), flags=re.IGNORECASE))
    return found[0] if len(found) == 1 else None


def _exact_names(index: NameIndex, reading: grammar.Match) -> tuple[Actor, ...] | None:
    """The reading's actors when each slot is exactly a known name; two slots may also be split
    anew at another word ("Is South Korea a US ally?" read lazily as "South" + "Korea a US")."""
    if reading.other is None:
        one = _exact(index, reading.entity)
        return (one,) if one else None
    first, second = _exact(index, reading.entity), _exact(index, reading.other)
    if first and second:
        return (first, second)
    words = f"{reading.entity} {reading.other}".split()
    for cut in range(1, len(words)):
        first, second = _exact(index, " ".join(words[:cut])), _exact(index, " ".join(words[cut:]))
        if first and second:
            return (first, second)
    return None


def _names(index: NameIndex, reading: grammar.Match) -> tuple[Actor, ...]:
    texts = [reading.entity] + ([reading.other] if reading.other else [])
    return tuple(resolve_entity(index, text) for text in texts)


def _choose(index: NameIndex, readings: list[grammar.Match]) -> tuple[grammar.Match, tuple[Actor, ...]]:
    """The first reading whose slots are exactly known names, else the first whose slots hold one.

    Raises:
        NotFoundError: no reading names known actors (the most informative error of them).
    """
    for reading in readings:
        if reading.intent == "brokers":
            return reading, ()
        exact = _exact_names(index, reading)
        if exact:
            return reading, exact
    errors: list[NotFoundError] = []
    for reading in readings:
        try:
            return reading, _names(index, reading)
        except NotFoundError as err:
            errors.append(err)
    raise max(errors, key=lambda e: len(e.message))


def _with_events(store: Any, actor: Actor, days: tuple[date | None, ...]) -> tuple[date | None, ...]:
    """A period's sample days plus the days inside it on which the actor's relations were reported,
    began or ended, so that a short tenure between two samples is not missed."""
    from tradegraph.queries import helpers

    known = [d for d in days if d]
    first, last = min(known), max(known)
    events: set[date] = set()
    for rel in helpers.profile(store, actor.id).relations:
        events.update(ev.date for ev in rel.evidence if ev.date)
        events.update(d for d in (rel.valid_from, rel.valid_to) if d)
    inside = sorted(d for d in events if first <= d <= last)
    return tuple(dict.fromkeys([*days, *inside]))


def read(question: str, index: NameIndex) -> tuple[grammar.Match, tuple[Actor, ...], tuple[date | None, ...]]:
    """What ``ask`` understands: the reading it answers, the actors it names, the days it asks about."""
    days, rest = find_when(question)
    reading, actors = _choose(index, _readings(rest))
    return reading, actors, days


def ask(
    store: Any,
    question: str,
    as_of: date | None = None,
    index: NameIndex | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> Reply:
    """Answer a plain-language question from the store; a date in the question wins over ``as_of``.
    ``limit``: at most this many holders or neighbours (None: all; DEFAULT_LIMIT: the question's
    own bound, ``results.bound``; ``Reply.total`` counts them all).

    The grammar may read a question several ways ("Who is the US president?"); the first
    reading whose slots are exactly known names answers it, else the first whose slots hold one.

    Raises:
        InputError: the question cannot be read (TG160) or holds an impossible date (TG161).
        NotFoundError: it names no actor the graph knows (TG240, with suggestions).
    """
    if len(question) > MAX_QUESTION:  # before any pattern reads it: their work grows with the length
        understood(question)
    index = index or NameIndex.from_store(store)
    reading, actors, days = read(question, index)
    if len(days) > 1 and actors:
        days = _with_events(store, actors[0], days)
    entry = catalogue.BY_NAME[reading.intent]
    replies = [
        catalogue.run(
            entry, store, actors, as_of=day, question=question, index=index, role=reading.role, limit=limit
        )
        for day in (days or (as_of,))
    ]
    return catalogue.merged(replies)


__all__ = [
    "INTENTS",
    "Reply",
    "TradegraphError",
    "NotFoundError",
    "ask",
    "find_date",
    "find_when",
    "read",
    "render",
    "understood",
]
