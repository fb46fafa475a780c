"""Standard streams for the CLI: ``-`` as an input path reads stdin, ``-o -`` writes stdout, and
an output into a directory that does not exist is a coded error before any work is done."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tradegraph.graph.errors import InputError

STDIO = "-"
_SUFFIX = {"text": ".txt", "html": ".html", "feed": ".xml", "jsonl": ".jsonl", "json": ".json"}


@contextmanager
def stdin_paths(paths: Sequence[str]) -> Iterator[list[str]]:
    """``paths`` with ``-`` replaced by a temporary file holding stdin (its format sniffed)."""
    if STDIO not in paths:
        yield list(paths)
        return
    from tradegraph.loaders.sources import sniff

    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="tradegraph-stdin-") as tmp:
        path = Path(tmp) / ("stdin" + _SUFFIX[sniff(data[:4096])])
        path.write_bytes(data)
        yield [str(path) if p == STDIO else p for p in paths]


def check_output(target: str) -> None:
    """TG175 when ``target`` cannot be written: its directory is missing or it is a directory."""
    if target == STDIO:
        return
    path = Path(target)
    if path.is_dir():
        raise InputError(f"-o {target!r} is a directory; give a file name", code="TG175")
    if not path.parent.is_dir():
        raise InputError(
            f"-o {target!r}: the directory {str(path.parent)!r} does not exist; create it first", code="TG175"
        )


@contextmanager
def output_path(target: str, suffix: str = "") -> Iterator[Path]:
    """A path to write to: ``target`` itself, or for ``-`` a temporary file copied to stdout after."""
    check_output(target)
    if target != STDIO:
        try:
            yield Path(target)
        except PermissionError as err:
            raise InputError(f"-o {target!r}: permission denied", code="TG175") from err
        return
    with tempfile.TemporaryDirectory(prefix="tradegraph-out-") as tmp:
        path = Path(tmp) / f"out{suffix}"
        yield path
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a text-only stdout (a notebook, a redirect in tests)
            sys.stdout.write(path.read_text(encoding="utf-8", errors="replace"))
            return
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, binary)
        binary.flush()
