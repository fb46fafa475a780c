"""Every error code tradegraph raises, declared once, one line each, in ``error_codes.jsonl``.

Each line of that file is a section heading (``{"section": ...}``) or a code (``{"code": "TG110",
"meaning": ..., "fix": ..., "cause"?: ..., "last"?: "TG113"}`` for a range). The hundreds give the
class (``tradegraph.graph.errors``). A raise site names its code
(``raise InputError("...", code="TG110")``); a test checks that every code raised is declared here,
and ``docs/errors.md`` is generated from the file
(``python -m tradegraph.graph.error_catalogue > docs/errors.md``; a test keeps them equal).
Adding an error code is one line in ``error_codes.jsonl`` plus its raise site.

>>> codes()["TG351"].meaning.startswith("there is no store")
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("error_codes.jsonl")


@dataclass(frozen=True, slots=True)
class Code:
    """One error code (or a range ``code``–``last`` sharing one line)."""

    code: str
    meaning: str
    fix: str
    cause: str = ""
    last: str = ""


@dataclass(slots=True)
class Section:
    title: str
    intro: str = ""
    notes: str = ""
    with_cause: bool = False
    codes: list[Code] = field(default_factory=list)


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, str], tuple[Section, ...]]:
    head: dict[str, str] = {}
    sections: list[Section] = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "code" in row:
            sections[-1].codes.append(Code(**row))
        elif "section" in row:
            sections.append(Section(row["section"], row["intro"], row["notes"], row["with_cause"]))
        else:
            head = row
    return head, tuple(sections)


def codes() -> dict[str, Code]:
    """Every code (ranges expanded), by code."""
    found: dict[str, Code] = {}
    for section in _read()[1]:
        for entry in section.codes:
            for n in range(int(entry.code[2:]), int((entry.last or entry.code)[2:]) + 1):
                found[f"TG{n:03d}"] = entry
    return found


def render() -> str:
    """The text of docs/errors.md."""
    head, sections = _read()
    parts = [head["title"], "", head["preamble"], ""]
    for section in sections:
        parts += [f"## {section.title}", ""]
        if section.intro:
            parts += [section.intro, ""]
        if section.with_cause:
            parts += [
                "| Code  | Meaning | Typical cause | Fix |",
                "|-------|---------|---------------|-----|",
            ]
        else:
            parts += ["| Code  | Meaning | Fix |", "|-------|---------|-----|"]
        for c in section.codes:
            name = f"{c.code}–{c.last}" if c.last else c.code
            cells = [name, c.meaning, c.cause, c.fix] if section.with_cause else [name, c.meaning, c.fix]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
        if section.notes:
            parts += [section.notes, ""]
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
