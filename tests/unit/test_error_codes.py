"""Alignment: every error code the package raises is documented in docs/errors.md, once."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _codes_raised() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "tradegraph").rglob("*.py"):
        found |= set(re.findall(r'code="(TG\d{3})"', path.read_text(encoding="utf-8")))
    return found


def _codes_documented() -> list[str]:
    table_rows = re.findall(r"^\| (TG\d{3})(?:–(TG\d{3}))? ", (REPO / "docs/errors.md").read_text(), re.M)
    codes = []
    for first, last in table_rows:
        codes += [f"TG{n}" for n in range(int(first[2:]), int((last or first)[2:]) + 1)]
    return codes


def test_error_codes_every_raised_code_is_documented():
    assert _codes_raised() - set(_codes_documented()) == set()


def test_error_codes_each_documented_once():
    documented = _codes_documented()
    assert len(documented) == len(set(documented))
