"""Hostile input to the loaders (issue 16): every pattern that reads untrusted text is fed the
adversarial input that made it backtrack, at sizes where a quadratic pattern would take minutes;
bad fields of one record are cleaned or rejected with a code naming it while the rest loads.

Inputs are generated here, never committed. There are no timing assertions: a pattern that
backtracks again makes its test run into the per-test timeout instead.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import dateline, feeds, html, load_articles, markdown
from tradegraph.loaders.sources.dates import parse_date
from tradegraph.loaders.sources.decoding import declared_charset
from tradegraph.loaders.sources.text import split_front_matter

N = 300_000  # characters: a quadratic pattern would need 10^10 steps here
pytestmark = pytest.mark.timeout(120)

# One case per pattern that sees untrusted text: (name, call, check of the result).
PATTERNS = {
    "heading: '# a' + spaces + 'b'": (
        lambda: markdown.heading("# a" + " " * N + "b"),
        lambda r: r.endswith("b"),
    ),
    "heading: hashes": (lambda: markdown.heading("#" * N), lambda r: r is None),
    "front matter: value of spaces": (
        lambda: split_front_matter("---\ntitle: a" + " " * N + "b\n---\nBody"),
        lambda r: r[0]["title"].endswith("b") and r[1] == "Body",
    ),
    "front matter: never closed": (
        lambda: split_front_matter("---\n" + "---x\n" * (N // 5)),
        lambda r: r[0] == {},
    ),
    "front matter: long key": (
        lambda: split_front_matter("---\n" + "a" * N + "\n---\nBody"),
        lambda r: r == ({}, "Body"),
    ),
    "emphasis: '*a ' runs": (lambda: markdown.strip_emphasis("*a " * (N // 3)), lambda r: len(r) >= N - 3),
    "emphasis: '**' runs": (lambda: markdown.strip_emphasis("**" * (N // 2)), lambda r: isinstance(r, str)),
    "emphasis: backticks": (lambda: markdown.strip_emphasis("`a" * (N // 2)), lambda r: "a" in r),
    "links: '[a](' runs": (
        lambda: markdown.plain_markdown("[a](" * (N // 4)),
        lambda r: r.startswith("[a]("),
    ),
    "links: '[' runs": (lambda: markdown.plain_markdown("[" * N), lambda r: len(r) == N),
    "links: many links": (lambda: markdown.plain_markdown("[a](b) " * (N // 7)), lambda r: "](" not in r),
    "markdown: blank lines of spaces": (
        lambda: markdown.plain_markdown("\n" + " " * N + "x\n \n" * 3),
        lambda r: r.split() == ["x", "x", "x"],
    ),
    "markdown: list marker of digits": (
        lambda: markdown.plain_markdown(" " * N + "1" * N),
        lambda r: r.endswith("1"),
    ),
    "feed block tags: '<p ' runs": (lambda: feeds._BLOCK_TAGS.sub("", "<p " * (N // 3)), lambda r: "<p" in r),
    "feed block tags: '<p' + spaces": (
        lambda: feeds._BLOCK_TAGS.sub("", "<p" + " " * N),
        lambda r: len(r) > N,
    ),
    "feed any tag: '<' runs": (lambda: feeds._ANY_TAG.sub("", "<" * N), lambda r: len(r) == N),
    "feed strip_html: '<p' runs": (lambda: feeds.strip_html("<p" * (N // 2)), lambda r: isinstance(r, str)),
    "dateline: capitals": (lambda: list(dateline.DATELINE.finditer("A" * N)), lambda r: r == []),
    "dateline: dashes": (lambda: list(dateline.DATELINE.finditer("ABC" + "-" * N)), lambda r: r == []),
    "dateline: spaces after the dash": (
        lambda: list(dateline.DATELINE.finditer("ABC -" + " " * N)),
        lambda r: r == [],
    ),
    "dateline: many short capital lines": (
        lambda: list(dateline.DATELINE.finditer(("ABC " * 20 + "\n") * (N // 81))),
        lambda r: r == [],
    ),
    "declared charset: no closing quote": (
        lambda: declared_charset(b"<meta " + b"a" * N + b" charset='" + b"x" * N),
        lambda r: r is None,
    ),
    "html boilerplate: long line": (lambda: html._BOILERPLATE.match("a " * N), lambda r: r is None),
    "html xml declaration: unclosed": (
        lambda: html._XML_DECLARATION.match("<?xml" + "?" * N),
        lambda r: r is None,
    ),
    "date field: long ISO time": (
        lambda: parse_date("2025-01-01T" + "1" * N, "x"),
        lambda r: r == date(2025, 1, 1),
    ),
    "date field: long RFC 822-like text": (
        lambda: _refused(lambda: parse_date("Mon, " + "1 " * (N // 2), "x")),
        lambda r: r == "TG117",
    ),
}


def _refused(call) -> str:  # type: ignore[no-untyped-def]
    try:
        call()
    except ArticleError as err:
        return err.code
    return ""


@pytest.mark.parametrize("name", list(PATTERNS))
def test_sources_hostile_pattern_is_linear(name: str) -> None:
    run, check = PATTERNS[name]
    assert check(run())


def test_sources_hostile_heading_and_front_matter_still_read() -> None:
    assert markdown.heading("## Talks resume ##") == "Talks resume"
    assert markdown.heading("####### seven") is None
    assert split_front_matter("---\r\nTitle: 'T'\r\nlink: https://x\r\n---\r\nBody") == (
        {"title": "T", "url": "https://x"},
        "Body",
    )


def test_sources_hostile_text_file_with_adversarial_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# a" + " " * 3000 + "b\n\nJapan and Korea **met** on [trade](http://x).\n")
    [article] = list(load_articles([path]))
    assert isinstance(article, Article)
    assert article.title and article.title.endswith("b")
    assert article.text == "Japan and Korea met on trade."


# -- JSON lines: bounded reads and per-record isolation ------------------------------------------

GOOD = {"text": "Japan and Korea held trade talks in Seoul."}


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", errors="surrogatepass")
    return path


def test_sources_hostile_two_gigabyte_line_is_skipped_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "sparse.jsonl"
    with path.open("wb") as out:  # a sparse file: 2 GB long, a few KB on disk
        out.write(json.dumps({**GOOD, "id": "first"}).encode() + b"\n")
        out.write(b'{"text": "' + b"a" * 10_000)
        out.seek(2 * 1024**3)
        out.write(b'"}\n' + json.dumps({**GOOD, "id": "last"}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = list(load_articles([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.id for a in items if isinstance(a, Article)] == ["first", "last"]
    [error] = [e for e in items if isinstance(e, ArticleError)]
    assert error.code == "TG120" and error.origin == f"{path}:2" and "2147" in error.problem
    assert peak < 64 * 1024**2  # never the whole line in memory


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", "a\\ud800b"), ("url", "https://x.org/\\ud800"), ("source", "\\udfffWire"), ("title", "T\\ud800")],
)
def test_sources_hostile_lone_surrogate_in_a_field_is_cleaned(tmp_path: Path, field: str, value: str) -> None:
    bad = '{"text": "Japan met Korea.", "' + field + '": "' + value + '"}'
    path = _jsonl(tmp_path / "s.jsonl", bad, json.dumps({**GOOD, "id": "after"}))
    first, after = list(load_articles([path]))
    assert isinstance(first, Article) and isinstance(after, Article) and after.id == "after"
    got = getattr(first, field)
    assert "\ufffd" in got
    got.encode("utf-8")  # no store or terminal fails on it


def test_sources_hostile_nul_in_fields_is_dropped(tmp_path: Path) -> None:
    bad = json.dumps(
        {"text": "Japan\u0000 met Korea.", "id": "a\u0000b", "url": "https://x\u0000.org", "source": "\u0000"}
    )
    [article] = list(load_articles([_jsonl(tmp_path / "n.jsonl", bad)]))
    assert isinstance(article, Article)
    assert (article.id, article.url, article.source, article.text) == (
        "ab",
        "https://x.org",
        None,
        "Japan met Korea.",
    )


def test_sources_hostile_huge_integers_do_not_end_the_file(tmp_path: Path) -> None:
    digits = "9" * 5000
    path = _jsonl(
        tmp_path / "n.jsonl",
        '{"text": "Japan met Korea.", "id": "unread", "views": ' + digits + "}",
        '{"text": "Japan met Korea.", "id": "dated", "published": ' + digits + "}",
        json.dumps({**GOOD, "id": "after"}),
    )
    items = list(load_articles([path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["unread", "after"]
    [error] = [e for e in items if isinstance(e, ArticleError)]
    assert error.code == "TG116" and error.origin == f"{path}:2"


def test_sources_hostile_huge_integer_in_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"text": "Japan met Korea.", "n": %s}, {"text": "Korea met Japan."}]' % ("1" * 5000))
    assert [type(a).__name__ for a in load_articles([path])] == ["Article", "Article"]


@pytest.mark.parametrize(
    "charset", ["rot13", "idna", "undefined", "unicode_escape", "base64", "no-such-charset"]
)
def test_sources_hostile_bogus_declared_charset_is_guessed(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "page.html"
    body = "<p>Japan's trade minister met his Korean counterpart in Seoul on Monday to discuss tariffs.</p>"
    path.write_bytes(
        f'<html><head><meta charset="{charset}"><title>T</title></head><body><article>{body}'.encode()
        + b"</article></body></html>"
    )
    [article] = list(load_articles([path]))
    assert isinstance(article, Article), article
    assert "Korean counterpart" in article.text


# -- paths ---------------------------------------------------------------------------------------


def test_sources_hostile_glob_over_symlink_loops_ends(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.txt").write_text("Japan met Korea.\n")
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(".")
    found = list(load_articles([str(tmp_path / "**" / "*.txt")]))
    assert [a.text for a in found if isinstance(a, Article)] == ["Japan met Korea."]
    assert not [e for e in found if isinstance(e, ArticleError)]


def test_sources_hostile_glob_still_matches_like_glob(tmp_path: Path) -> None:
    for name in ("x/one.txt", "x/y/two.txt", "x/.hidden/three.txt", "four.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name} is a story.\n")
    found = sorted(
        str(a.origin) for a in load_articles([str(tmp_path / "**" / "*.txt")]) if isinstance(a, Article)
    )
    assert found == [str(tmp_path / "x" / "one.txt"), str(tmp_path / "x" / "y" / "two.txt")]
    os.chdir(tmp_path)
    assert len(list(load_articles(["**/*"]))) == 3


def test_sources_hostile_excluded_directory_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Japan met Korea.\n")
    store = tmp_path / "tradegraph-data"
    store.mkdir()
    (store / "journal.jsonl").write_bytes(b"\x00\x01garbage")
    (tmp_path / "graph.db-wal").write_bytes(b"\x00" * 100)
    found = list(load_articles([tmp_path], exclude=[store, tmp_path / "graph.db"]))
    assert [type(a).__name__ for a in found] == ["Article"]


# -- plain-text dates (issue 13) -----------------------------------------------------------------


def test_sources_hostile_plain_text_dated_by_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Envoy named\n\nJAKARTA, June 3, 2025 - Indonesia on Monday appointed a new envoy.\n")
    [article] = list(load_articles([path]))
    assert isinstance(article, Article) and article.published == date(2025, 6, 3)


def test_sources_hostile_front_matter_date_wins_and_no_date_stays_none(tmp_path: Path) -> None:
    dated = tmp_path / "a.txt"
    dated.write_text("---\ndate: 2025-06-01\n---\nJAKARTA, June 3, 2025 - Talks began.\n")
    undated = tmp_path / "b.txt"
    undated.write_text("NEW DELHI, May 6 - India on Monday named a negotiator.\n")
    first, second = list(load_articles([dated, undated]))
    assert isinstance(first, Article) and first.published == date(2025, 6, 1)
    assert isinstance(second, Article) and second.published is None
