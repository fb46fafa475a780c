"""Markdown to plain text and ``---`` front matter, in plain code that is linear in the input.

Untrusted files reach these functions, so none of them backtracks: headings, emphasis and
front matter are read with string methods, links with a pattern whose every repetition is
possessive and stops at the next bracket.

    >>> plain_markdown("## Talks ##\\n\\n- **Akazawa** met [Bessent](https://x.org).")
    'Talks\\n\\nAkazawa met Bessent.'
"""

from __future__ import annotations

import re
from bisect import bisect_left

MAX_HEADING_LEVEL = 6
FRONT_MATTER_FENCE = "---"
# ``[text](target)``: the text cannot hold brackets, the target no parentheses, so every scan
# ends at the next bracket and no character is read twice.
_LINK = re.compile(r"!?\[([^\[\]\n]*+)\]\([^()\n]*+\)")
_ITEM = re.compile(r"\s*+(?:[-*+]|\d++\.|>)\s+")
_KEY = re.compile(r"[A-Za-z_][\w-]*+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*+\n")
_EMPHASIS_MARKS = ("**", "__", "*", "`")
_MARK_CHAR = re.compile(r"[*_`]")


def heading(line: str) -> str | None:
    """The text of an ATX heading line (``# Title #``), or None.

    >>> heading("### Japan names envoy ###"), heading("#hashtag"), heading("# a    b")
    ('Japan names envoy', None, 'a    b')
    """
    rest = line.lstrip("#")
    level = len(line) - len(rest)
    if not 1 <= level <= MAX_HEADING_LEVEL or not rest[:1].isspace():
        return None
    text = rest.strip()
    return text.rstrip("#").rstrip() or text or None


def strip_emphasis(line: str) -> str:
    """``**bold**``, ``__bold__``, ``*italic*`` and ```code``` without their marks.

    A mark opens before a non-space and closes after one, as in Markdown; the next closing
    mark is found by bisection in the positions that can close, so a line of ten thousand
    unmatched stars costs no more than reading it.

    >>> strip_emphasis("**Akazawa** met *Bessent* on `Monday`, 2 * 3 = 6")
    'Akazawa met Bessent on Monday, 2 * 3 = 6'
    """
    if not any(mark in line for mark in _EMPHASIS_MARKS):
        return line
    closers = {mark: _closers(line, mark) for mark in _EMPHASIS_MARKS}
    out: list[str] = []
    copied = i = 0
    while (found := _MARK_CHAR.search(line, i)) is not None:
        span = _emphasis_at(line, found.start(), closers)
        if span is None:
            i = found.start() + 1
            continue
        start, end, i = span
        out += [line[copied : found.start()], line[start:end]]
        copied = i
    return "".join([*out, line[copied:]])


def _closers(line: str, mark: str) -> list[int]:
    """Positions where ``mark`` can close an emphasis: right after a non-space character."""
    found, at = [], line.find(mark, 1)
    while at != -1:
        if not line[at - 1].isspace():
            found.append(at)
        at = line.find(mark, at + 1)
    return found


def _emphasis_at(line: str, i: int, closers: dict[str, list[int]]) -> tuple[int, int, int] | None:
    for mark in _EMPHASIS_MARKS:
        if not line.startswith(mark, i):
            continue
        inner = i + len(mark)
        if inner >= len(line) or line[inner].isspace():
            continue
        positions = closers[mark]
        k = bisect_left(positions, inner + 1)
        if k < len(positions):
            return inner, positions[k], positions[k] + len(mark)
    return None


def plain_markdown(text: str) -> str:
    """Markdown as plain text: no heading marks, bullets, emphasis or link targets; wrapped
    lines of a paragraph joined, as sentences must not break at a newline."""
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines: list[str] = []
        for raw in block.split("\n"):
            title = heading(raw)
            item = None if title is not None else _ITEM.match(raw)
            line = title if title is not None else raw[item.end() :] if item else raw.strip()
            line = strip_emphasis(_LINK.sub(r"\1", line))
            if lines and title is None and not item:
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def split_front_matter(
    text: str, keys: frozenset[str], aliases: dict[str, str]
) -> tuple[dict[str, str], str]:
    """``key: value`` pairs (``keys`` only, renamed by ``aliases``) of a leading ``---`` block,
    and the rest of the text; ``({}, text)`` when the text does not open with one."""
    text = text.replace("\r\n", "\n")
    if not text.startswith(FRONT_MATTER_FENCE):
        return {}, text
    lines = text.split("\n")
    if lines[0].rstrip(" \t") != FRONT_MATTER_FENCE:
        return {}, text
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip(" \t") == FRONT_MATTER_FENCE), None)
    if close is None:
        return {}, text
    meta: dict[str, str] = {}
    for line in lines[1:close]:
        name, colon, value = line.partition(":")
        name = name.rstrip()
        if colon and _KEY.fullmatch(name) and name.lower() in keys:
            meta[aliases.get(name.lower(), name.lower())] = value.strip().strip("\"'")
    return meta, "\n".join(lines[close + 1 :])
