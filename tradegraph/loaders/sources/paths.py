"""The files named by the paths, directories and globs given to the loaders, in a stable order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.loaders.sources import codes

_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | ArticleError]:
    """Each file once: directories walked recursively and sorted, hidden names skipped.

    A path that does not exist and a glob that matches nothing give TG119 errors.
    """
    seen: set[str] = set()
    for given in paths:
        for path in _expand_one(str(given)):
            if isinstance(path, ArticleError):
                yield path
                continue
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path


def _expand_one(given: str) -> Iterator[Path | ArticleError]:
    path = Path(given)
    if path.is_dir():
        yield from walk(path)
    elif path.exists() or path.is_symlink():
        yield path
    elif _GLOB_CHARS & set(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield codes.article_error(given, codes.NOT_FOUND, "no file matches this pattern; check the glob")
        for match in matches:
            yield from walk(Path(match)) if Path(match).is_dir() else iter([Path(match)])
    else:
        yield codes.article_error(given, codes.NOT_FOUND, "no such file or directory; check the path")


def walk(directory: Path) -> Iterator[Path | ArticleError]:
    """Files under ``directory`` in sorted order, without hidden files and directories."""

    def on_error(err: OSError) -> None:
        errors.append(
            codes.article_error(
                err.filename or directory, codes.UNREADABLE, f"cannot list directory: {err.strerror or err}"
            )
        )

    errors: list[ArticleError] = []
    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from errors
        errors.clear()
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root, name)
    yield from errors
