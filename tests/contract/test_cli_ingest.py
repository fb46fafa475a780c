"""Ingest through the CLI on every store: stdin, --min-confidence, --actors (dates and
conflicts), progress lines off a terminal, --quiet, and no raw driver notifications."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tradegraph.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"
# Invented for this test.
ARTICLE = """---
title: Invented test story
published: 2025-04-16
url: https://news.example/cli-1
---
Japan's chief tariff negotiator Ryosei Akazawa met Treasury Secretary Scott Bessent in Washington on
Wednesday. South Korea's finance minister Choi Sang-mok said Seoul would also hold talks with the United States.
"""


@pytest.fixture
def spec(store):
    uri = store.uri
    store.close()
    return uri


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _answers(capsys, spec, *query: str) -> dict[str, dict]:
    code, out, _ = run(capsys, "query", *query, "--store", spec, "--json")
    assert code == 0
    return {a["id"]: a for a in json.loads(out)["answers"]}


def test_cli_ingest_stdin_min_confidence_and_no_driver_noise(spec, capsys, monkeypatch):
    floor = 0.9
    code, out, err = run(
        capsys,
        "ingest",
        "-",
        "--store",
        spec,
        "--min-confidence",
        str(floor),
        "--json",
        stdin=ARTICLE,
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["loaded"] == 1
    assert "GqlStatusObject" not in err and "Traceback" not in err
    # Whatever the extractor read below the floor was dropped, not stored.
    from tradegraph.graph.store import open_store

    with open_store(spec) as store:
        kept = [ev.confidence for rel in store.relations() for ev in rel.evidence]
    assert all(c >= floor for c in kept), kept
    assert report["dropped"] + len(kept) >= 1


def test_cli_ingest_actor_dictionary_dates_represents(spec, capsys, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    code, _, err = run(
        capsys, "ingest", str(article), "--store", spec, "--actors", str(FIXTURES / "officials.yaml")
    )
    assert code == 0, err
    bessent = _answers(capsys, spec, "representatives", "United States")["person:scott-bessent"]
    assert bessent["valid_from"] == "2025-01-28"
    akazawa = _answers(capsys, spec, "represented-by", "Akazawa")["country:JPN"]
    assert akazawa["valid_from"] == "2024-10-01"


def test_cli_ingest_reports_dictionary_conflicts(spec, capsys, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "- {name: Choi Sang-mok, country: Japan, roles: [{role: finance minister, from: 2024-12-27}]}\n"
    )
    code, _, err = run(capsys, "ingest", str(article), "--store", spec, "--actors", str(wrong))
    assert code == 0
    assert "disagrees with the actor dictionary" in err and "Choi Sang-mok" in err
    assert "person:choi-sang-mok" in _answers(
        capsys, spec, "representatives", "South Korea"
    )  # the text stays


def test_cli_ingest_progress_lines_off_a_terminal_and_quiet(spec, capsys, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    code, _, err = run(capsys, "ingest", str(article), "--store", spec, "--progress")
    assert code == 0 and "ingest: 1/1 articles (100%)" in err and "ETA" in err
    code, _, err = run(capsys, "ingest", str(article), "--store", spec, "--progress", "--quiet")
    assert code == 0 and "ingest:" not in err
