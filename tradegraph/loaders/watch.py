"""Sources followed over time: RSS/Atom URLs and directories, polled for what is new or changed.

A feed URL is fetched with a conditional GET (``If-None-Match`` / ``If-Modified-Since``); a
``304 Not Modified``, or a body with the hash of the last one, is not parsed again. A directory
yields only the files whose size or modification time changed. The caller ingests what a poll
yields (ingest itself skips articles already stored with the same text) and only then is the
source's state saved, so an interrupted run polls the same items again. A source that fails is
retried with a growing delay while the others go on. Loaders never touch a store: the caller
passes a ``handle(source, items)`` function.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import ArticleError, InputError, TradegraphError
from tradegraph.graph.model import Article
from tradegraph.graph.redact import redact, split_uri

FETCH_TIMEOUT = 30.0  # seconds a feed server may stay silent (connecting, or between two reads)
FETCH_DEADLINE = 120.0  # seconds for a whole feed body, however slowly it trickles in
READ_CHUNK = 65_536
FIRST_RETRY = 5.0  # seconds before the first retry of a failed source; doubles up to the poll interval
USER_AGENT = "tradegraph-watch/0.1 (+https://github.com/tradegraph)"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL, MAX_INTERVAL = 1.0, 365 * 86400.0  # seconds between polls

Items = list[Article | ArticleError]


def parse_interval(text: str) -> float:
    """Seconds in ``15m``, ``30s``, ``2h``, ``1d`` or a plain number of seconds.

    >>> parse_interval("15m"), parse_interval("90")
    (900.0, 90.0)
    """
    value = text.strip().lower()
    unit = _UNITS.get(value[-1:]) if value else None
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        seconds = -1.0
    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:  # also NaN; a feed polled faster is a denial of service
        raise InputError(
            f"--every {text!r}: write an interval from 1s to 365d, such as 15m, 30s, 2h or 900", code="TG186"
        )
    return seconds


class SourceDown(Exception):
    """A source could not be read this time; the message says why."""


@dataclass
class Source:
    """One followed source, its saved state (validators, hashes) and its retry schedule."""

    name: str
    state: dict[str, Any] = field(default_factory=dict)
    failures: int = 0
    next_due: float = 0.0
    pending: dict[str, Any] = field(default_factory=dict)  # state to save once the items are ingested
    retired: list[str] = field(default_factory=list)  # ids of articles a changed file no longer holds
    exclude: tuple[Path, ...] = ()  # never read (the store's own files, the state file), resolved

    @property
    def is_feed(self) -> bool:
        return self.name.startswith(("http://", "https://"))

    def poll(self, stop: threading.Event | None = None) -> Items:
        """The new or changed items since the saved state ([] when nothing changed).

        ``stop``, once set, abandons a feed download between two reads (SourceDown).
        """
        return self._poll_feed(stop) if self.is_feed else self._poll_directory()

    # -- feeds ---------------------------------------------------------------------------------

    def _poll_feed(self, stop: threading.Event | None) -> Items:
        fetched = fetch(self.name, self.state.get("etag"), self.state.get("last_modified"), stop)
        if fetched is None:
            return []
        body, etag, modified = fetched
        digest = hashlib.sha256(body).hexdigest()
        self.pending = {"etag": etag, "last_modified": modified, "sha256": digest}
        if digest == self.state.get("sha256"):
            return []
        return list(feed_articles(body, self.name))

    # -- directories ---------------------------------------------------------------------------

    def _poll_directory(self) -> Items:
        """New or changed files' articles; a changed file's earlier articles go to ``retired``.

        The state keeps, per file, its signature and the ids of the articles read from it, so a
        file read while half-written (or edited since) does not leave its earlier version behind.
        """
        from tradegraph.loaders.sources import load_article_file

        root = Path(self.name)
        if not root.is_dir():
            raise SourceDown(f"{self.name} is not a directory (any more)")
        seen: dict[str, list[Any]] = self.state.get("files", {})
        now: dict[str, list[Any]] = {}
        items: Items = []
        earlier: set[str] = set()
        for path in sorted(_files(root, self.exclude)):
            signature = _signature(path)
            if signature is None:
                continue
            old = seen.get(str(path), [])
            if old[:2] == signature:
                now[str(path)] = old
                continue
            loaded = list(load_article_file(path))
            items.extend(loaded)
            now[str(path)] = signature + [a.id for a in loaded if isinstance(a, Article)]
            earlier.update(old[2:])
        kept = {i for entry in now.values() for i in entry[2:]}
        self.retired = sorted(earlier - kept)
        self.pending = {"files": now}
        return items

    def done(self) -> None:
        """The items of the last poll are in the store: keep the new state."""
        self.state.update(self.pending)
        self.pending, self.retired = {}, []
        self.failures = 0

    def failed(self, every: float) -> float:
        """Count a failure; returns the seconds until the next try."""
        self.failures += 1
        self.pending, self.retired = {}, []
        return float(min(every, FIRST_RETRY * 2 ** (self.failures - 1)))


def _files(root: Path, exclude: tuple[Path, ...] = ()) -> Iterator[Path]:
    """The files under ``root``, skipping hidden ones and whatever lies in or at ``exclude``."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not _excluded(here / d, exclude)
        )
        for name in filenames:
            if not name.startswith(".") and not _excluded(here / name, exclude):
                yield here / name


def _excluded(path: Path, exclude: tuple[Path, ...]) -> bool:
    if not exclude:
        return False
    where = path.resolve()
    return any(where == e or where.is_relative_to(e) for e in exclude)


def _signature(path: Path) -> list[int] | None:
    """Modification time and size; None for a file that vanished since it was listed (or a dangling link)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_mtime_ns, st.st_size]


def fetch(
    url: str, etag: str | None, modified: str | None, stop: threading.Event | None = None
) -> tuple[bytes, str | None, str | None] | None:
    """The body, ETag and Last-Modified of ``url``, or None when the server says 304 Not Modified.

    Raises:
        SourceDown: the server could not be reached, answered with an error, sent a body over
            ``MAX_FILE_BYTES`` or slower than ``FETCH_DEADLINE``, or ``stop`` was set meanwhile.
    """
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    url, user, password = split_uri(url)  # urllib reads user:password@ as part of the host name
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 - http(s) only
            body = _read_body(response, stop)
            return body, response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return None
        raise SourceDown(" ".join(f"HTTP {err.code} {err.reason}".split())) from err
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise SourceDown(f"{type(err).__name__}: {getattr(err, 'reason', err)}") from err


def _read_body(response: Any, stop: threading.Event | None) -> bytes:
    """The body, read a chunk at a time: bounded in size and in total time, abandoned on ``stop``."""
    from tradegraph.loaders.sources.decoding import MAX_FILE_BYTES

    declared = response.headers.get("Content-Length") or ""
    if declared.isdigit() and int(declared) > MAX_FILE_BYTES:
        raise SourceDown(f"the feed is {int(declared):,} bytes, above the {MAX_FILE_BYTES:,}-byte limit")
    deadline = time.monotonic() + FETCH_DEADLINE
    parts: list[bytes] = []
    size = 0
    while chunk := response.read1(READ_CHUNK):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise SourceDown(f"the feed is over the {MAX_FILE_BYTES:,}-byte limit")
        if stop is not None and stop.is_set():
            raise SourceDown("stopped while downloading")
        if time.monotonic() > deadline:
            raise SourceDown(f"the feed took over {FETCH_DEADLINE:.0f} s to download")
        parts.append(chunk)
    return b"".join(parts)


def feed_articles(body: bytes, url: str) -> Iterator[Article | ArticleError]:
    """One article per entry of a fetched feed, errors in place of entries without text."""
    from tradegraph.loaders.sources import feeds

    try:
        feed = feeds._parse(body, url)
    except ArticleError as err:
        yield err
        return
    source = feeds._text(feed.feed.get("title")) or None
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield feeds._entry_article(entry, f"{url}#entry {number}", source)
        except ArticleError as err:
            yield err


# -- the loop ------------------------------------------------------------------------------------

Handle = Callable[[Source, Items], None]
Warn = Callable[[str], None]


class Watcher:
    """Polls its sources every ``every`` seconds until ``stop`` is set; state kept in ``state_file``."""

    def __init__(
        self, names: list[str], state_file: Path, every: float, warn: Warn, exclude: tuple[str, ...] = ()
    ) -> None:
        """``exclude``: paths a watched directory may hold but that are never articles (the store)."""
        for name in names:
            if not name.startswith(("http://", "https://")) and not Path(name).is_dir():
                raise InputError(
                    f"cannot watch {name!r}: give an http(s) URL of an RSS/Atom feed or a directory",
                    code="TG187",
                )
        self.state_file = state_file
        self.every = every
        self.warn = warn
        saved = _read_state(state_file)
        own = (*exclude, str(state_file), f"{state_file}.partial")
        skip = tuple(Path(p).expanduser().resolve() for p in own)
        # The state is keyed by the name without credentials: no password is written to disk.
        self.sources = [Source(name, saved.get(redact(name), {}), exclude=skip) for name in names]
        self.stop = threading.Event()

    def poll_once(self, handle: Handle, *, only_due: bool = False) -> None:
        """Poll every source (or those due); a failing one is reported and retried later."""
        for source in self.sources:
            if self.stop.is_set():
                return
            if only_due and source.next_due > time.monotonic():
                continue
            self._poll(source, handle)

    def run(self, handle: Handle) -> None:
        """Poll until ``stop`` is set (a signal handler sets it); the wait between polls is interruptible."""
        while not self.stop.is_set():
            self.poll_once(handle, only_due=True)
            wake = min(s.next_due for s in self.sources)
            self.stop.wait(max(0.0, wake - time.monotonic()))

    def _poll(self, source: Source, handle: Handle) -> None:
        try:
            items = source.poll(self.stop)
            if items or source.retired:
                handle(source, items)
        except (SourceDown, TradegraphError, OSError) as err:
            delay = source.failed(self.every)
            source.next_due = time.monotonic() + delay
            why = " ".join(str(err).split())  # one line, whatever the server or OS said
            self.warn(
                redact(f"[TG355] {source.name} failed: {why}; retrying in {delay:.0f} s, the others go on")
            )
            return
        source.done()
        source.next_due = time.monotonic() + self.every
        self._save()

    def _save(self) -> None:
        """Write the state file; when it cannot be written the watch goes on from the state in memory
        (a restart then polls those items again, and ingest skips what is stored)."""
        data = {redact(s.name): s.state for s in self.sources if s.state}
        partial = self.state_file.with_name(self.state_file.name + ".partial")
        try:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            partial.replace(self.state_file)  # a crash never leaves half a state file
        except OSError as err:
            self.warn(
                f"[TG355] the watch state {self.state_file} cannot be saved ({err.strerror or err}); going on"
            )


def _read_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise InputError(
            f"{path}: the watch state cannot be read ({err}); remove it to start afresh", code="TG187"
        ) from err
    return data if isinstance(data, dict) else {}


def http_date(seconds: float) -> str:
    """``seconds`` since the epoch as an HTTP date (for tests and servers)."""
    return formatdate(seconds, usegmt=True)
