"""Bytes to text: BOMs, declared charsets, UTF-8, guessed legacy encodings, binary refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tradegraph.graph.errors import ArticleError
from tradegraph.graph.model import Article
from tradegraph.loaders.sources import load_article_file
from tradegraph.loaders.sources.decoding import clean_text, declared_charset, decode

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"
EXPECTED = "José Muñoz met Ryosei Akazawa in Tōkyō — “tariffs” were discussed."


@pytest.mark.parametrize("name", ["utf8_bom.txt", "utf16_bom.txt"])
def test_sources_encoding_bom(name: str) -> None:
    [item] = list(load_article_file(INPUTS / name))
    assert isinstance(item, Article) and item.text == EXPECTED and item.title == "Café talks"


def test_sources_encoding_latin1_without_declaration_is_guessed() -> None:
    [item] = list(load_article_file(INPUTS / "latin1.txt"))
    assert isinstance(item, Article)
    assert (
        item.text
        == "José Muñoz met the French négociateur in Genève; the délégation was pleased with the accord."
    )


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-1"?>', "iso8859-1"),
        (b'<meta charset="windows-1252">', "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b'<meta charset="no-such-charset">', None),
        (b"plain text", None),
    ],
)
def test_sources_encoding_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


def test_sources_encoding_declared_shift_jis_html() -> None:
    html = '<html><head><meta charset="shift_jis"></head><body><p>赤沢亮正経済再生相</p></body></html>'
    assert "赤沢亮正" in decode(html.encode("shift_jis"), "x.html")


def test_sources_encoding_utf8_with_a_corrupt_byte_keeps_the_rest() -> None:
    text = decode("Tōkyō talks ".encode() + b"\xff" + " — fine".encode(), "x.txt")
    assert text == "Tōkyō talks \ufffd — fine"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00def"])
def test_sources_encoding_binary_is_tg111(data: bytes) -> None:
    with pytest.raises(ArticleError, match=r"\[TG111\] x.bin: binary file"):
        decode(data, "x.bin")


def test_sources_encoding_clean_text_drops_controls_keeps_emoji() -> None:
    assert clean_text("Tariffs\x00 \x07up 🚢\r\nnext\x1b line\ud800") == "Tariffs up 🚢\nnext line\ufffd"


def test_sources_encoding_utf16_without_bom_is_binary_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Japan and Korea".encode("utf-16-le"))
    [item] = list(load_article_file(path))
    assert isinstance(item, ArticleError) and item.code == "TG111"


def test_sources_encoding_bom_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"  \n")
    [item] = list(load_article_file(path))
    assert isinstance(item, ArticleError) and item.code == "TG110"
