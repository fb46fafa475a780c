"""An office named in a question ("Japan's ambassador", "the UK's trade minister") as a filter on
the representatives of a state: the title's head word must be among the person's roles (the role
of the relation, else the roles read for the actor); its other words, when some match, narrow
further. When nobody holds a title of that kind, every representative stays, with a note."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tradegraph.graph.name_keys import name_key
from tradegraph.queries.results import Answer

# Words in a role phrase that say nothing about the office.
_FILLER = {"the", "its", "their", "chief", "top", "current", "new", "main", "lead", "senior", "s"}
_HEADS = (
    "prime minister",
    "head of state",
    "head of government",
    "trade representative",
    "ambassador",
    "envoy",
    "minister",
    "secretary",
    "commissioner",
    "president",
    "premier",
    "chancellor",
    "ustr",
)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def split_role(role: str) -> tuple[str, set[str]]:
    """The head of a title and its other words.

    >>> head, rest = split_role("UK's trade ministers")
    >>> head, sorted(rest)
    ('minister', ['trade', 'uk'])
    """
    words = [_singular(w) for w in name_key(role).split()]
    text = " ".join(words)
    head = next((h for h in _HEADS if re.search(rf"\b{h}\b", text)), words[-1] if words else "")
    rest = set(re.sub(rf"\b{re.escape(head)}\b", " ", text).split()) - _FILLER if head else set()
    return head, rest


def _titles(ans: Answer) -> list[str]:
    return [" ".join(_singular(w) for w in name_key(r).split()) for r in (ans.role, *ans.actor.roles) if r]


def narrow_to_role(answers: Sequence[Answer], role: str) -> tuple[list[Answer], str | None]:
    """The answers holding an office like ``role``, and a note when none does (all are kept)."""
    head, rest = split_role(role)
    holders = [a for a in answers if any(re.search(rf"\b{head}\b", t) for t in _titles(a))]
    if not holders:
        note = f"no representative is recorded as {role!r}; all representatives are listed"
        return list(answers), (note if answers else None)
    closer = [a for a in holders if any(rest & set(t.split()) for t in _titles(a))]
    return (closer or holders), None
