"""``watch``: feeds served by a real HTTP server on 127.0.0.1, directories, failures, a clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_ingest_pipeline import AsExtracted, NameListExtractor
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import InputError
from tradegraph.ingest import ingest_articles
from tradegraph.loaders.parallel import InProcess
from tradegraph.loaders.watch import Source, Watcher, parse_interval

REPO = Path(__file__).resolve().parents[2]


def rss(*items: tuple[str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>https://news.example/{t}</link><description>{d}</description></item>"
        for t, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


class Feeds:
    """What the test server serves: path -> (status, body), and a log of (path, status) answered."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes]] = {}
        self.etags = True
        self.log: list[tuple[str, int]] = []


def _handler(feeds: Feeds) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, body = feeds.pages.get(self.path, (404, b"not found"))
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if status == 200 and feeds.etags and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            feeds.log.append((self.path, status))
            self.send_response(status)
            if feeds.etags and status == 200:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[tuple[str, Feeds]]:
    feeds = Feeds()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(feeds))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", feeds
    finally:
        httpd.shutdown()
        httpd.server_close()


class Recorder:
    """A ``handle`` that ingests into a store with the test-double extractor and records each call."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.calls: list[tuple[str, int, int]] = []  # source, items, loaded

    def __call__(self, source: Source, items: list[Any]) -> None:
        report = ingest_articles(items, self.store, pool=InProcess(NameListExtractor()), resolver=AsExtracted)
        self.calls.append((source.name, len(items), report.loaded))


def _watcher(tmp_path: Path, names: list[str], warnings: list[str], every: float = 60) -> Watcher:
    return Watcher(names, tmp_path / "state.json", every, warnings.append)


def test_watch_new_item_picked_up_within_one_poll(server: tuple[str, Feeds], tmp_path: Path) -> None:
    base, feeds = server
    feeds.pages["/wire.rss"] = (200, rss(("a", "Akazawa met Bessent.")))
    with MemoryStore.open(tmp_path / "s") as store:
        handle, warnings = Recorder(store), []
        watcher = _watcher(tmp_path, [base + "/wire.rss"], warnings)
        watcher.poll_once(handle)
        feeds.pages["/wire.rss"] = (200, rss(("a", "Akazawa met Bessent."), ("b", "Japan and Korea talked.")))
        watcher.poll_once(handle)
        assert [loaded for _, _, loaded in handle.calls] == [1, 1] and warnings == []
        assert len(store.articles()) == 2


@pytest.mark.parametrize("etags", [True, False], ids=["conditional-get", "same-body-hash"])
def test_watch_unchanged_feed_is_not_parsed_again(
    server: tuple[str, Feeds], tmp_path: Path, etags: bool
) -> None:
    base, feeds = server
    feeds.etags = etags
    feeds.pages["/wire.rss"] = (200, rss(("a", "Akazawa met Bessent.")))
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        _watcher(tmp_path, [base + "/wire.rss"], []).poll_once(handle)
        again = Recorder(store)  # a new run reads the saved state
        _watcher(tmp_path, [base + "/wire.rss"], []).poll_once(again)
        assert len(handle.calls) == 1 and again.calls == []
        assert feeds.log[-1] == ("/wire.rss", 304 if etags else 200)


def test_watch_failing_sources_never_stop_the_others(server: tuple[str, Feeds], tmp_path: Path) -> None:
    base, feeds = server
    feeds.pages["/down.rss"] = (503, b"busy")
    feeds.pages["/wire.rss"] = (200, rss(("a", "Akazawa met Bessent.")))
    names = [base + "/down.rss", "http://127.0.0.1:9/refused.rss", base + "/wire.rss"]
    with MemoryStore.open(tmp_path / "s") as store:
        handle, warnings = Recorder(store), []
        watcher = _watcher(tmp_path, names, warnings, every=600)
        watcher.poll_once(handle)
        assert [name for name, _, _ in handle.calls] == [base + "/wire.rss"]
        assert len(warnings) == 2 and all("[TG355]" in w and "retrying in 5 s" in w for w in warnings)
        assert "HTTP 503" in warnings[0]
        watcher.poll_once(handle)  # the second failure waits longer
        assert "retrying in 10 s" in warnings[2]


def test_watch_directory_reads_only_new_or_changed_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Akazawa met Bessent.")
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        watcher = _watcher(tmp_path, [str(inbox)], [])
        watcher.poll_once(handle)
        watcher.poll_once(handle)  # nothing changed: no call
        (inbox / "b.txt").write_text("Japan and Korea talked.")
        watcher.poll_once(handle)
        assert [(items, loaded) for _, items, loaded in handle.calls] == [(1, 1), (1, 1)]


@pytest.mark.parametrize("text", ["0", "soon", "-5m", "", "0.001", "nan", "inf", "1e400", "400d"])
def test_watch_bad_interval_is_tg186(text: str) -> None:
    with pytest.raises(InputError, match=r"\[TG186\]"):
        parse_interval(text)


def test_watch_unknown_source_is_tg187(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[TG187\]"):
        Watcher([str(tmp_path / "missing")], tmp_path / "state.json", 60, print)


def test_watch_command_stops_cleanly_on_sigterm(server: tuple[str, Feeds], tmp_path: Path) -> None:
    base, feeds = server
    feeds.pages["/down.rss"] = (503, b"busy")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tradegraph", "watch", base + "/down.rss", "--every", "1s"]
    proc = subprocess.Popen(
        [*cmd, "--store", str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(path == "/down.rss" for path, _ in feeds.log) and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "[TG355]" in err and "stopping after the current source" in err and "Traceback" not in err
