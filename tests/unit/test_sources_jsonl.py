"""JSON lines and JSON files: records validated field by field, errors name file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article, article_id_for
from tradegraph.loaders.sources import load_article_file

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def test_sources_jsonl_records_keep_given_ids_and_line_numbers() -> None:
    items = list(load_article_file(INPUTS / "news.jsonl"))
    assert all(isinstance(i, Article) for i in items)
    assert [i.id for i in items[:2]] == ["li-appointed", "korea-talks"]
    assert [i.origin for i in items] == [f"{INPUTS / 'news.jsonl'}:{n}" for n in (1, 3, 4)]
    assert items[0].published == date(2025, 4, 16) and items[0].source == "Example"
    assert items[2].id == article_id_for("https://example.org/tariffs", "")
    assert items[2].published == date(2025, 3, 5)


def test_sources_jsonl_single_json_object() -> None:
    [item] = list(load_article_file(INPUTS / "one.json"))
    assert isinstance(item, Article) and item.id == "single" and item.published == date(2025, 4, 9)


def test_sources_jsonl_json_list_reports_bad_record_by_index() -> None:
    first, second, third = load_article_file(INPUTS / "list.json")
    assert isinstance(first, Article) and isinstance(third, Article)
    assert isinstance(second, ArticleError) and second.code == "TG116"
    assert second.origin == f"{INPUTS / 'list.json'}[1]" and "published" in second.problem


@pytest.mark.parametrize(
    ("line", "code", "field"),
    [
        ("not json", "TG112", "not JSON"),
        ('{"id": "x"}', "TG113", "text"),
        ('{"id": "x", "text": "   "}', "TG113", "text"),
        ('{"id": "x", "text": 5}', "TG116", "text"),
        ('{"id": 5, "text": "t"}', "TG116", "id"),
        ('{"url": ["a"], "text": "t"}', "TG116", "url"),
        ('{"published": true, "text": "t"}', "TG116", "published"),
        ('{"published": "2025-02-30", "text": "t"}', "TG117", "published"),
        ('["a list"]', "TG116", "JSON object"),
    ],
)
def test_sources_jsonl_bad_line(tmp_path: Path, line: str, code: str, field: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "good", "text": "Japan and the US talk."}\n' + line + "\n")
    good, bad = load_article_file(path)
    assert isinstance(good, Article)
    assert isinstance(bad, ArticleError) and bad.code == code
    assert bad.origin == f"{path}:2" and field in bad.problem


def test_sources_jsonl_invalid_utf8_line_is_tg112(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    bad, good = load_article_file(path)
    assert isinstance(bad, ArticleError) and bad.code == "TG112" and bad.origin == f"{path}:1"
    assert isinstance(good, Article)


def test_sources_jsonl_eval_articles_load(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import shared_eval_dir

    out = tmp_path / "dev.jsonl"
    eval_dir = shared_eval_dir()
    subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), "articles", str(eval_dir / "dev"), str(out)], check=True
    )
    items = list(load_article_file(out))
    assert items and all(isinstance(i, Article) for i in items)
    assert len({i.id for i in items}) == len(items)
