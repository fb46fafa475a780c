"""Writing an export file safely: into a temporary file beside the target, then renamed over it.

A failed export (a value the format cannot carry, a full disk, a directory in the way) raises a
coded error and leaves whatever was at the target before, never a truncated or empty file.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from tradegraph.graph.errors import InputError


def _cannot(path: Path, why: str) -> InputError:
    return InputError(f"cannot write {path}: {why}; choose a writable file path with -o", code="TG175")


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    return err.strerror or type(err).__name__


def write_bytes_atomically(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once: a temporary file in the same directory, renamed.

    A device or FIFO (``/dev/stdout``) is written directly, since it cannot be replaced.

    Raises:
        InputError: [TG175] the target is a directory, its directory is missing, or writing failed.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise _cannot(path, _reason(err)) from err
    if mode is not None and stat.S_ISDIR(mode):
        raise _cannot(path, "it is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        return _write_in_place(path, data)
    if not path.parent.is_dir():
        raise _cannot(path, f"the directory {path.parent} does not exist")
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open applies the umask, so the file gets the permissions a plain write would give.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:  # replacing a file keeps its permissions
            os.chmod(temp, stat.S_IMODE(mode))
        os.replace(temp, path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise _cannot(path, _reason(err)) from err
    return path


def _write_in_place(path: Path, data: bytes) -> Path:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as err:
        raise _cannot(path, _reason(err)) from err
    return path


def write_text_atomically(path: str | Path, text: str) -> Path:
    """``write_bytes_atomically`` of ``text`` as UTF-8.

    Raises:
        InputError: [TG176] the text holds a lone surrogate, which UTF-8 cannot carry;
            [TG175] as ``write_bytes_atomically``.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(
            f"cannot write {path}: the graph holds text with a lone surrogate "
            f"({text[max(err.start - 20, 0) : err.start]!r}…); re-ingest the article it came from",
            code="TG176",
        ) from err
    return write_bytes_atomically(path, data)
