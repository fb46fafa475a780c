"""Bad input, one kind at a time, beside a good article: a clear coded error naming the file and
record (or a clean load where the input is valid after all), the good article still ingested,
the report failing, and never half an article in the store.

Runs the real extractor (no test double) over the ``store`` fixture, so on both stores.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article, article_id_for
from tradegraph.graph.store import GraphStore
from tradegraph.ingest import ingest
from tradegraph.loaders.sources import load_articles

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "inputs" / "bad"
GOOD_TEXT = "---\nurl: https://example.org/good\n---\nRyosei Akazawa met Treasury Secretary Scott Bessent in Washington.\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]  # builds the input in a directory, returns the path to ingest
    code: str | None  # the expected error code, or None if the input loads fine
    origin: str = ""  # what the error's origin ends with ("" = the path itself)
    check: Callable[[Article], bool] = lambda article: True


def fixture(name: str) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        return Path(shutil.copy(BAD / name, directory / name))

    return make


def generated(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data())
        return path

    return make


def big_text(directory: Path) -> Path:
    path = directory / "big.txt"
    with path.open("wb") as out:  # 50 MB written in chunks, never held in memory
        line = b"Akazawa met Bessent to talk about tariffs again and again. " * 16 + b"\n"
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    return path


def many_mentions(directory: Path) -> Path:
    first = ["Aiko", "Bruno", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana", "Ivan", "Jun"]
    last = ["Sato", "Kim", "Novak", "Silva", "Haddad", "Berg", "Costa", "Ito", "Park", "Weber"]
    countries = [
        "Japan",
        "South Korea",
        "China",
        "Canada",
        "Mexico",
        "Germany",
        "France",
        "Brazil",
        "India",
        "Vietnam",
    ]
    sentences = [
        f"Minister {first[i % 10]} {last[i // 10 % 10]} of {countries[i // 100 % 10]} met Scott Bessent."
        for i in range(10_000 // 3)
    ]  # three actor mentions a sentence: 10,000 in all
    path = directory / "mentions.txt"
    path.write_text("Many ministers\n\n" + " ".join(sentences) + "\n")
    return path


def unreadable(directory: Path) -> Path:
    sub = directory / "locked"
    sub.mkdir()
    path = sub / "secret.txt"
    path.write_text("Akazawa met Bessent in secret.\n")
    path.chmod(0)
    return sub


def fifo(directory: Path) -> Path:
    sub = directory / "pipes"
    sub.mkdir()
    os.mkfifo(sub / "pipe.txt")
    return sub


def dangling(directory: Path) -> Path:
    sub = directory / "links"
    sub.mkdir()
    (sub / "gone.txt").symlink_to(directory / "deleted.txt")
    return sub


def sparse_line(directory: Path) -> Path:
    path = directory / "huge-line.jsonl"
    with path.open("wb") as out:  # a 2 GB line that takes a few KB on disk
        out.write(b'{"text": "' + b"Japan and Korea talk tariffs. " * 300)
        out.seek(2 * 1024**3)
        out.write(b'"}\n')
    return path


def symlink_loop(directory: Path) -> Path:
    sub = directory / "loops" / "deep"
    sub.mkdir(parents=True)
    (sub / "story.txt").write_text("Akazawa met Bessent in Washington.\n")
    (sub / "up").symlink_to(directory / "loops")
    (sub / "self").symlink_to(".")
    return directory / "loops" / "**" / "*.txt"


def html_page(charset: str) -> bytes:
    return (
        f'<html><head><meta charset="{charset}"><title>Talks</title></head><body><article><p>'
        "Japan's trade minister Ryosei Akazawa met Treasury Secretary Scott Bessent in Washington."
        "</p></article></body></html>"
    ).encode()


def clean_fields(article: Article) -> bool:
    fields = [article.id, article.url or "", article.source or "", article.title or "", article.text]
    return all("\x00" not in f and f.encode("utf-8") for f in fields) and "\ufffd" in article.id


CASES: dict[str, Case] = {
    "empty file": Case(fixture("empty.txt"), "TG110"),
    "whitespace only": Case(fixture("whitespace.txt"), "TG110"),
    "binary": Case(
        generated("photo.jpg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40),
        "TG111",
    ),
    "utf-16 without BOM": Case(
        generated("utf16.txt", lambda: "Japan and Korea talk tariffs.".encode("utf-16-le")), "TG111"
    ),
    "invalid utf-8": Case(
        fixture("invalid_utf8.txt"), None, check=lambda a: "Tōkyō" in a.text and "\ufffd" in a.text
    ),
    "latin-1 undeclared": Case(
        fixture("latin1_undeclared.txt"),
        None,
        check=lambda a: "délégation japonaise a rencontré" in a.text and "Genève" in a.text,
    ),
    "50 MB text": Case(big_text, "TG120"),
    "html without article text": Case(fixture("no_text.html"), "TG114"),
    "truncated html": Case(
        fixture("truncated.html"),
        None,
        check=lambda a: (
            "Akazawa left for Washington" in a.text or "Ryosei Akazawa left for Washington" in a.text
        ),
    ),
    "feed with broken xml": Case(fixture("broken.rss"), "TG115"),
    "feed entry without text": Case(fixture("entry_without_text.rss"), "TG113", origin="#entry 2"),
    "json line not json": Case(fixture("not_json.jsonl"), "TG112", origin=":2"),
    "json line missing text": Case(fixture("missing_text.jsonl"), "TG113", origin=":2"),
    "json file not json": Case(fixture("invalid.json"), "TG112"),
    "wrong type for published": Case(fixture("wrong_type.jsonl"), "TG116", origin=":2"),
    "impossible date": Case(fixture("impossible_date.jsonl"), "TG117", origin=":2"),
    "unreadable file (chmod 000)": Case(unreadable, None if IS_ROOT else "TG118", origin="secret.txt"),
    "fifo": Case(fifo, "TG118", origin="pipe.txt"),
    "dangling symlink": Case(dangling, "TG118", origin="gone.txt"),
    "path does not exist": Case(lambda d: d / "no-such-file.txt", "TG119"),
    "glob matching nothing": Case(lambda d: d / "*.nothing", "TG119"),
    "control characters and emoji": Case(
        fixture("control_emoji.txt"),
        None,
        check=lambda a: "📈" in a.text and "\x00" not in a.text and "\x07" not in a.text,
    ),
    "10,000 actor mentions": Case(many_mentions, None, check=lambda a: a.text.count("Scott Bessent") == 3333),
    # issue 16: hostile records are cleaned or refused alone
    "lone surrogates and NUL in id, url, source": Case(
        generated(
            "surrogates.jsonl",
            lambda: (
                b'{"text": "Akazawa met Bessent.", "id": "a\\ud800\\u0000b", '
                b'"url": "https://x.org/\\udfff", "source": "\\u0000Wire\\ud800", "title": "T\\ud800"}\n'
            ),
        ),
        None,
        check=clean_fields,
    ),
    "json integer over 4,300 digits": Case(
        generated(
            "bignum.jsonl", lambda: b'{"text": "Akazawa met Bessent.", "views": ' + b"9" * 5000 + b"}\n"
        ),
        None,
    ),
    "json integer over 4,300 digits as the date": Case(
        generated(
            "bigdate.jsonl", lambda: b'{"text": "Akazawa met Bessent.", "published": ' + b"9" * 5000 + b"}\n"
        ),
        "TG116",
        origin=":1",
    ),
    "2 GB json line in a sparse file": Case(sparse_line, "TG120", origin=":1"),
    "charset=rot13": Case(generated("rot13.html", lambda: html_page("rot13")), None),
    "charset=idna": Case(generated("idna.html", lambda: html_page("idna")), None),
    "** glob over symlink loops": Case(symlink_loop, None, check=lambda a: "Akazawa" in a.text),
}


@pytest.fixture(scope="module")
def extractor() -> object:
    extraction = pytest.importorskip("tradegraph.loaders.extraction")
    if not hasattr(extraction, "Extractor"):
        pytest.skip("tradegraph.loaders.extraction.Extractor not written yet")
    return extraction.Extractor()


def build(name: str, tmp_path: Path) -> tuple[Path, Path]:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    good = inputs / "good.txt"
    good.write_text(GOOD_TEXT)
    return good, CASES[name].make(inputs)


def test_bad_input_matrix_ingest_dot_skips_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extractor: object
) -> None:
    """``ingest .`` beside the default store reads the articles, never the store's own files."""
    from tradegraph.graph.store import open_store

    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # the second run finds the store's files on disk
        with open_store("./tradegraph-data", create=True) as store:
            report = ingest(["."], store, extractor=extractor)  # type: ignore[arg-type]
        assert report.ok, report.errors
    assert report.skipped == 1 and report.loaded == 0


def test_bad_input_matrix_undated_articles_are_listed(
    tmp_path: Path, store: GraphStore, extractor: object
) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "China on Monday appointed Li Chenggang as its trade negotiator, replacing Wang Shouwen.\n"
    )
    dated = tmp_path / "dated.txt"
    dated.write_text(
        "BEIJING, April 16, 2025 - China on Monday appointed Li Chenggang, replacing Wang Shouwen.\n"
    )
    report = ingest([undated, dated], store, extractor=extractor)  # type: ignore[arg-type]
    assert report.ok and report.loaded == 2 and report.undated == [str(undated)]
    assert report.as_dict()["undated"] == [str(undated)]
    days = {r.valid_from for r in store.relations() if r.kind.value == "REPLACED_BY"}
    assert days == {datetime.date(2025, 4, 14)}  # from the dated article only; never today


def expected_origin(case: Case, path: Path) -> str:
    return str(path) + case.origin if case.origin.startswith(("#", ":")) else case.origin or str(path)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_matrix_loader(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    _, bad = build(name, tmp_path)
    items = list(load_articles([bad]))
    errors = [i for i in items if isinstance(i, ArticleError)]
    if case.code is None:
        assert not errors, errors
        assert items and all(case.check(a) for a in items)
        return
    assert [e.code for e in errors] == [case.code], errors
    assert errors[0].origin.endswith(expected_origin(case, bad))
    assert str(errors[0]).startswith(f"[{case.code}] ")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_matrix_ingest(name: str, tmp_path: Path, store: GraphStore, extractor: object) -> None:
    case = CASES[name]
    good, bad = build(name, tmp_path)
    report = ingest([good, bad], store, extractor=extractor)  # type: ignore[arg-type]
    assert store.article(article_id_for("https://example.org/good", "")) is not None
    if case.code is None:
        assert report.ok, report.errors
        assert report.loaded >= 2
    else:
        assert not report.ok and report.failed >= 1
        assert [f.code for f in report.errors] == [case.code]
        assert report.errors[0].origin.endswith(expected_origin(case, bad))
    assert_whole_articles(store)


def assert_whole_articles(store: GraphStore) -> None:
    """Every evidence entry belongs to a stored article and every relation end is a stored actor."""
    articles = {a.id for a in store.articles()}
    actors = {a.id for a in store.actors()}
    for relation in store.relations():
        assert relation.source in actors and relation.target in actors
        assert relation.evidence, relation
        assert {ev.article_id for ev in relation.evidence} <= articles


def test_bad_input_matrix_has_enough_kinds() -> None:
    assert len(CASES) >= 25


def test_bad_input_matrix_cli_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tradegraph.cli import main

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("empty.txt", "not_json.jsonl", "broken.rss"):
        shutil.copy(BAD / name, inputs / name)
    status = main(
        [
            "ingest",
            str(inputs / "empty.txt"),
            str(inputs / "broken.rss"),
            str(tmp_path / "missing.txt"),
            "--store",
            str(tmp_path / "store"),
        ]
    )
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert f"{inputs / 'empty.txt'}: [TG110] file is empty" in err
    assert any(line.startswith(f"{inputs / 'broken.rss'}: [TG115] ") for line in err)
    assert any(line.startswith(f"{tmp_path / 'missing.txt'}: [TG119] ") for line in err)
