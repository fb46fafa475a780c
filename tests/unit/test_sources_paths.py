"""Paths, directories and globs: sorted, recursive, hidden names skipped, each file once."""

from __future__ import annotations

import os
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import detect_format, load_articles
from tradegraph.loaders.sources.paths import expand_paths

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta story about tariffs.")
    (tmp_path / "a.txt").write_text("Alpha story about tariffs.")
    (tmp_path / ".secret.txt").write_text("Not an article.")
    (tmp_path / ".hidden" / "c.txt").write_text("Not an article either.")
    return tmp_path


def test_sources_paths_directory_recursive_sorted_without_hidden(tmp_path: Path) -> None:
    root = tree(tmp_path)
    assert [p.relative_to(root).as_posix() for p in expand_paths([root])] == ["a.txt", "b/z.txt"]


def test_sources_paths_each_file_once(tmp_path: Path) -> None:
    root = tree(tmp_path)
    assert len(list(expand_paths([root, root / "a.txt", str(root / "**" / "*.txt")]))) == 2


def test_sources_paths_glob(tmp_path: Path) -> None:
    root = tree(tmp_path)
    texts = [a.text for a in load_articles([str(root / "**" / "*.txt")]) if isinstance(a, Article)]
    assert texts == ["Alpha story about tariffs.", "Zeta story about tariffs."]


def test_sources_paths_missing_path_and_empty_glob_are_tg119(tmp_path: Path) -> None:
    missing, no_match = expand_paths([tmp_path / "nope.txt", str(tmp_path / "*.zzz")])
    assert (
        isinstance(missing, ArticleError)
        and missing.code == "TG119"
        and missing.origin == str(tmp_path / "nope.txt")
    )
    assert isinstance(no_match, ArticleError) and no_match.code == "TG119" and "pattern" in no_match.problem


def test_sources_paths_broken_symlink_and_fifo_are_tg118(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(load_articles([tmp_path]))
    assert [(type(i), getattr(i, "code", None)) for i in items] == [(ArticleError, "TG118")] * 2
    assert {i.origin for i in items if isinstance(i, ArticleError)} == {
        str(tmp_path / "dangling.txt"),
        str(tmp_path / "pipe.txt"),
    }


def test_sources_paths_format_by_extension_and_sniffing() -> None:
    assert detect_format(INPUTS / "noext") == "text"
    assert detect_format(INPUTS / "atom.xml") == "feed"
    assert detect_format(INPUTS / "feed.rss") == "feed"
    assert detect_format(INPUTS / "page.html") == "html"
    assert detect_format(INPUTS / "news.jsonl") == "jsonl"


def test_sources_paths_sniffs_unknown_extensions(tmp_path: Path) -> None:
    cases = {
        "a.dat": b'{"text": "a"}\n{"text": "b"}\n',
        "b.dat": b'{"text": "a"}',
        "c.dat": b"[]",
        "d.dat": b"<!DOCTYPE html><html>",
        "e.dat": b'<?xml version="1.0"?>\n<feed xmlns="x">',
        "f.dat": b"Hello",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert [detect_format(tmp_path / n) for n in sorted(cases)] == [
        "jsonl",
        "json",
        "json",
        "html",
        "feed",
        "text",
    ]
