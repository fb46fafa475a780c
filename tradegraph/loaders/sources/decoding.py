"""Bytes to clean text for the article loaders: size and file-type checks, charset detection.

Order of trust: a byte-order mark, then a charset the document declares (HTML ``<meta>``, XML
prolog), then UTF-8, then charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import unicodedata
from pathlib import Path

from tradegraph.loaders.sources import codes

log = logging.getLogger("tradegraph.loaders")

MAX_FILE_BYTES = 20_000_000  # a page or feed larger than this is not one news article
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length: longer texts cannot be extracted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = (
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']", re.I),
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I),
)
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
CODE_PAGE_TIE = 0.1  # coherence charset-normalizer may lose and still count as tied with its best
BINARY_NUL_RATIO = 0.02  # more NUL bytes than this (without a BOM): binary
BINARY_UNPRINTABLE_RATIO = 0.1  # more control/replacement characters than this in the text: binary
# C0/C1 controls except tab and newlines, and lone surrogates (JSON can carry them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNPRINTABLE = frozenset({"Cc", "Cs", "Co", "Cn"})
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Python codecs that are not character sets a document could be written in.
_NOT_CHARSETS = frozenset({"idna", "punycode", "raw_unicode_escape", "unicode_escape", "undefined"})


def check_file(path: Path) -> int:
    """The size of ``path`` after making sure it is a readable regular file.

    Raises:
        ArticleError: TG119 if missing, TG118 if a broken symlink, FIFO, device or directory.
    """
    try:
        info = path.stat()
    except FileNotFoundError as err:
        if path.is_symlink():
            raise codes.article_error(
                path, codes.UNREADABLE, "broken symbolic link; point it at a file or remove it"
            ) from err
        raise codes.article_error(path, codes.NOT_FOUND, "no such file; check the path") from err
    except OSError as err:
        raise codes.article_error(path, codes.UNREADABLE, f"cannot read: {err.strerror or err}") from err
    if not stat.S_ISREG(info.st_mode):
        raise codes.article_error(
            path, codes.UNREADABLE, "not a regular file (a FIFO, socket or device); give article files only"
        )
    if not os.access(path, os.R_OK):
        raise codes.article_error(path, codes.UNREADABLE, "permission denied; make the file readable")
    return info.st_size


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, refusing files above ``limit`` bytes before reading them.

    Raises:
        ArticleError: TG118/TG119 (see ``check_file``), TG120 if too large, TG110 if empty.
    """
    size = check_file(path)
    if size > limit:
        raise codes.article_error(
            path,
            codes.TOO_LARGE,
            f"file is {size / 1e6:.1f} MB, above the {limit / 1e6:.0f} MB limit for one article; split it",
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise codes.article_error(path, codes.UNREADABLE, f"cannot read: {err.strerror or err}") from err
    if not data.strip():
        raise codes.article_error(
            path, codes.EMPTY, "file is empty" if not data else "file holds only whitespace"
        )
    return data


def looks_binary(data: bytes) -> bool:
    """Many NUL bytes without a UTF-16/32 byte-order mark: the bytes are not text.

    A stray NUL in a text file is a control character to drop, not a reason to refuse it.
    """
    head = data[:8192]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return head.count(0) / len(head) > BINARY_NUL_RATIO


def unprintable_ratio(text: str) -> float:
    """The share of control, unassigned and replacement characters among the first 64K."""
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) in _UNPRINTABLE and c not in "\t\n\r\f")
    )
    return bad / len(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset the document names in its first 2 KB, if Python knows it."""
    head = data[:2048]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "replace")
            try:
                info = codecs.lookup(name)
            except LookupError:
                log.warning("unknown declared charset %r; guessing", name)
                continue
            if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
                log.warning("declared charset %r is not a text encoding; guessing", name)
                continue
            return info.name
    return None


def decode(data: bytes, origin: object, *, declared: bool = True) -> str:
    """Text of ``data``; never raises on odd bytes except to say they are binary.

    Raises:
        ArticleError: TG111 if the bytes are binary.
    """
    text = _decode(data, origin, declared)
    if unprintable_ratio(text) > BINARY_UNPRINTABLE_RATIO:
        raise _binary(origin)
    return text


def _decode(data: bytes, origin: object, declared: bool) -> str:
    if looks_binary(data):
        raise _binary(origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    charset = declared_charset(data) if declared else None
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except (UnicodeError, LookupError, ValueError, TypeError) as err:  # codecs without "replace"
            log.warning("%s: cannot decode as declared %s (%s); guessing", origin, charset, err)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= len(text) * BINARY_UNPRINTABLE_RATIO and any(
        ord(c) > 127 and c != "\ufffd" for c in text
    ):
        # Valid multi-byte sequences around a few bad ones: UTF-8 with some corrupt bytes.
        log.warning("%s: invalid UTF-8 bytes replaced by U+FFFD", origin)
        return text
    return _guess(data, origin)


def _binary(origin: object) -> Exception:
    return codes.article_error(
        origin, codes.BINARY, "binary file, not text; give text, HTML, feed or JSON files"
    )


def _guess(data: bytes, origin: object) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise _binary(origin)
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    # Short texts fit several code pages equally well; Western news is most often in cp1252.
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - CODE_PAGE_TIE]
    chosen = next((m for name in _PREFERRED for m in tied if m.encoding == name), best)
    log.info("%s: no declared charset; read as %s", origin, chosen.encoding)
    return str(chosen)


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no control characters or lone surrogates, no trailing spaces."""
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = (line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_field(value: str) -> str:
    """A metadata value (id, URL, title, source, date) without control characters and with
    lone surrogates replaced by U+FFFD, so no store or terminal fails to encode it."""
    return _CONTROL.sub("", _SURROGATE.sub("\ufffd", value))


def check_text_size(text: str, origin: object) -> str:
    """``text`` unless it is longer than the extractor can take (TG120)."""
    if len(text) > MAX_TEXT_CHARS:
        raise codes.article_error(
            origin,
            codes.TOO_LARGE,
            f"text: {len(text):,} characters, above the {MAX_TEXT_CHARS:,} limit; split the article",
        )
    return text
