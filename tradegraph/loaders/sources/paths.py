"""The files named by the paths, directories and globs given to the loaders, in a stable order.

Walks never loop: ``**`` follows symbolic links to directories as ``glob`` does, but enters each
real directory once, so a link back to a parent ends the walk instead of repeating it forever.
Paths under ``exclude`` (the store's own directory, when it sits among the articles) are skipped.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tradegraph.graph.errors import ArticleError
from tradegraph.loaders.sources import codes

_GLOB_CHARS = frozenset("*?[")
RECURSIVE = "**"


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path | ArticleError]:
    """Each file once: directories walked recursively and sorted, hidden names skipped.

    A path that does not exist and a glob that matches nothing give TG119 errors; files under
    any of ``exclude`` are left out.
    """
    seen: set[str] = set()
    skip = Excluded(exclude)
    for given in paths:
        for path in _expand_one(str(given), skip):
            if isinstance(path, ArticleError):
                yield path
                continue
            key = os.path.realpath(path)
            if key not in seen and not skip(key):
                seen.add(key)
                yield path


class Excluded:
    """Whether a real path is one of the excluded paths, inside one, or a file beside one that
    shares its name (a database's ``-wal`` and ``-journal`` files)."""

    def __init__(self, roots: Iterable[str | os.PathLike[str]]) -> None:
        self.roots = tuple(os.path.realpath(root) for root in roots)

    def __call__(self, real: str) -> bool:
        return any(real == r or real.startswith((r + os.sep, r + "-")) for r in self.roots)


def _expand_one(given: str, skip: Excluded) -> Iterator[Path | ArticleError]:
    path = Path(given)
    if path.is_dir():
        yield from walk(path, skip)
    elif path.exists() or path.is_symlink():
        yield path
    elif _GLOB_CHARS & set(given):
        matches = sorted(_glob(given, skip))
        if not matches:
            yield codes.article_error(given, codes.NOT_FOUND, "no file matches this pattern; check the glob")
        for match in matches:
            yield from walk(Path(match), skip) if Path(match).is_dir() else iter([Path(match)])
    else:
        yield codes.article_error(given, codes.NOT_FOUND, "no such file or directory; check the path")


def _glob(pattern: str, skip: Excluded) -> list[str]:
    if RECURSIVE not in pattern:
        return glob.glob(pattern)  # finitely many segments: no loop is possible
    root, parts = _split_root(pattern)
    found = []
    for directory, dirs, files in _walk_once(root or os.curdir, skip, follow=True):
        relative = os.path.relpath(directory, root or os.curdir)
        prefix = [] if relative == os.curdir else relative.split(os.sep)
        for name in dirs + files:
            if _matches(parts, [*prefix, name]):
                found.append(os.path.join(directory, name) if root else os.path.join(*prefix, name))
    return found


def _split_root(pattern: str) -> tuple[str, list[str]]:
    """The leading segments without wildcards (where to walk from) and the rest."""
    parts = pattern.split(os.sep)
    first = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    root = os.sep.join(parts[:first]) or (os.sep if pattern.startswith(os.sep) else "")
    return root, [p for p in parts[first:] if p]


def _matches(pattern: list[str], parts: list[str]) -> bool:
    """Whether path ``parts`` match glob segments; ``**`` stands for any number of segments."""
    states = {0}
    for part in parts:
        states = _expand_recursive(pattern, states)
        hidden = part.startswith(".")
        states = {
            i + (0 if pattern[i] == RECURSIVE else 1)
            for i in states
            if i < len(pattern)
            and (
                (pattern[i] == RECURSIVE and not hidden)
                or (fnmatch.fnmatchcase(part, pattern[i]) and (not hidden or pattern[i].startswith(".")))
            )
        }
        if not states:
            return False
    return len(pattern) in _expand_recursive(pattern, states)


def _expand_recursive(pattern: list[str], states: set[int]) -> set[int]:
    """States plus those reached by letting each ``**`` match no segment."""
    out, todo = set(states), list(states)
    while todo:
        i = todo.pop()
        if i < len(pattern) and pattern[i] == RECURSIVE and i + 1 not in out:
            out.add(i + 1)
            todo.append(i + 1)
    return out


def _walk_once(
    directory: str | Path, skip: Excluded, *, follow: bool, errors: list[ArticleError] | None = None
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` in sorted order without hidden directories, entering each real directory once."""
    visited: set[str] = set()

    def on_error(err: OSError) -> None:
        if errors is not None:
            errors.append(
                codes.article_error(
                    err.filename or directory,
                    codes.UNREADABLE,
                    f"cannot list directory: {err.strerror or err}",
                )
            )

    for root, dirs, files in os.walk(directory, onerror=on_error, followlinks=follow):
        real = os.path.realpath(root)
        if real in visited or skip(real):
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield root, dirs, sorted(f for f in files if not f.startswith("."))


def walk(directory: Path, skip: Excluded | None = None) -> Iterator[Path | ArticleError]:
    """Files under ``directory`` in sorted order, without hidden files and directories."""
    errors: list[ArticleError] = []
    for root, _, files in _walk_once(directory, skip or Excluded(()), follow=False, errors=errors):
        yield from errors
        errors.clear()
        for name in files:
            yield Path(root, name)
    yield from errors
