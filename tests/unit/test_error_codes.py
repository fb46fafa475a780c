"""Alignment: every error code the package raises is declared once in the catalogue, and
docs/errors.md is exactly what the catalogue generates."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tradegraph.graph import error_catalogue
from tradegraph.graph.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def _codes_raised() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "tradegraph").rglob("*.py"):
        found |= set(re.findall(r'(?:code="|\[)(TG\d{3})', path.read_text(encoding="utf-8")))
    return found


def test_error_codes_every_raised_code_is_declared():
    assert _codes_raised() - set(error_catalogue.codes()) == set()


def test_error_codes_each_declared_once():
    declared = [
        json.loads(line)["code"]
        for line in error_catalogue.DATA.read_text(encoding="utf-8").splitlines()
        if '"code"' in line
    ]
    assert len(declared) == len(set(declared))


def test_error_codes_docs_generated_from_the_catalogue():
    assert (REPO / "docs" / "errors.md").read_text(encoding="utf-8") == error_catalogue.render(), (
        "regenerate: python -m tradegraph.graph.error_catalogue > docs/errors.md"
    )


def test_error_codes_fix_comes_from_the_catalogue():
    err = InputError("x", code="TG351")
    assert err.fix == error_catalogue.codes()["TG351"].fix
