"""``watch`` against hostile feed servers (a real HTTP server on 127.0.0.1) and vanishing files.

Each case: the bad source is a coded warning (TG355) or a failed item, the good source next to it
is loaded, nothing hangs, and the command never shows a traceback.
"""

from __future__ import annotations

import base64
import itertools
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_watch import Recorder, rss
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.loaders import watch
from tradegraph.loaders.watch import Watcher

REPO = Path(__file__).resolve().parents[2]
GOOD = rss(("good", "Akazawa met Bessent."))
Reply = Callable[[BaseHTTPRequestHandler], None]


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    handler.send_response(status)
    for name, value in {"Content-Length": str(len(body)), **headers}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _hang(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(60)  # accepts the request, never answers


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(600):  # a byte every 0.1 s: each read is in time, the whole never is
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.1)


def _huge(declared: bool) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if declared:
            handler.send_header("Content-Length", str(50_000_000))
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<!-- " + b"x" * 1_000_000 + b" -->"
        for _ in range(50):
            handler.wfile.write(chunk)

    return reply


_etags = itertools.count()

REPLIES: dict[str, Reply] = {
    "/good.rss": lambda h: _send(h, 200, GOOD),
    "/hang.rss": _hang,
    "/trickle.rss": _trickle,
    "/500.rss": lambda h: _send(h, 500, b"boom"),
    "/garbage.rss": lambda h: _send(h, 200, bytes(range(256)) * 64),
    "/huge-declared.rss": _huge(True),
    "/huge-streamed.rss": _huge(False),
    "/loop-a.rss": lambda h: _send(h, 302, b"", Location="/loop-b.rss"),
    "/loop-b.rss": lambda h: _send(h, 302, b"", Location="/loop-a.rss"),
    "/etag.rss": lambda h: _send(h, 200, GOOD, ETag=f'"{next(_etags)}"'),
    "/private.rss": lambda h: (
        _send(h, 200, GOOD)
        if h.headers.get("Authorization") == "Basic " + base64.b64encode(b"reader:s3cr#t").decode()
        else _send(h, 401, b"who are you?")
    ),
}


@pytest.fixture
def hostile() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            try:
                REPLIES[self.path](self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shorter waits than a real deployment's, so a hung server costs a second, not half a minute."""
    monkeypatch.setattr(watch, "FETCH_TIMEOUT", 1.0)
    monkeypatch.setattr(watch, "FETCH_DEADLINE", 2.0)


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/hang.rss", "timed out"),
        ("/trickle.rss", "took over 2 s"),
        ("/500.rss", "HTTP 500"),
        ("/huge-declared.rss", "above the 20,000,000-byte limit"),
        ("/huge-streamed.rss", "over the 20,000,000-byte limit"),
        ("/loop-a.rss", "HTTP 302"),
    ],
)
def test_watch_hostile_server_is_tg355_and_the_good_feed_loads(
    hostile: str, quick: None, tmp_path: Path, path: str, says: str
) -> None:
    warnings: list[str] = []
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        watcher = Watcher(
            [hostile + path, hostile + "/good.rss"], tmp_path / "state.json", 60, warnings.append
        )
        started = time.monotonic()
        watcher.poll_once(handle)
        assert time.monotonic() - started < 20
        assert handle.calls == [(hostile + "/good.rss", 1, 1)]
        assert len(warnings) == 1 and warnings[0].startswith(f"[TG355] {hostile}{path} failed")
        assert says in warnings[0] and "\n" not in warnings[0]


def test_watch_hostile_garbage_feed_is_one_failed_item(hostile: str, tmp_path: Path) -> None:
    warnings: list[str] = []
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        Watcher(
            [hostile + "/garbage.rss", hostile + "/good.rss"], tmp_path / "state.json", 60, warnings.append
        ).poll_once(handle)
        assert handle.calls == [(hostile + "/garbage.rss", 1, 0), (hostile + "/good.rss", 1, 1)]
        assert warnings == [] and len(store.articles()) == 1


def test_watch_hostile_etag_changing_every_time_is_not_parsed_again(hostile: str, tmp_path: Path) -> None:
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        watcher = Watcher([hostile + "/etag.rss"], tmp_path / "state.json", 60, print)
        for _ in range(3):
            watcher.poll_once(handle)
        assert handle.calls == [(hostile + "/etag.rss", 1, 1)]  # same body, same hash: nothing to do
        assert len(store.articles()) == 1


def test_watch_hostile_directory_whose_files_vanish(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Akazawa met Bessent.", encoding="utf-8")
    (inbox / "gone.txt").symlink_to(tmp_path / "deleted-meanwhile.txt")  # listed, then gone
    warnings: list[str] = []
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        watcher = Watcher([str(inbox)], tmp_path / "state.json", 60, warnings.append)
        watcher.poll_once(handle)
        assert handle.calls == [(str(inbox), 1, 1)] and warnings == []
        moved = tmp_path / "moved"
        inbox.rename(moved)  # the whole directory vanishes: a warning, retried later
        watcher.poll_once(handle)
        assert len(warnings) == 1 and "[TG355]" in warnings[0] and "not a directory" in warnings[0]
        moved.rename(inbox)
        (inbox / "b.txt").write_text("Japan and Korea talked.", encoding="utf-8")
        watcher.poll_once(handle)
        assert handle.calls[-1] == (str(inbox), 1, 1) and len(store.articles()) == 2


def _watch(hostile: str, tmp_path: Path, *paths: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tradegraph", "watch", *(hostile + p for p in paths), "--every", "1s"]
    return subprocess.Popen(
        [*cmd, "--store", str(tmp_path / "s")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize(
    ("path", "signals", "code", "says"),
    [
        ("/trickle.rss", 1, 0, "stopping after the current source"),  # the download is abandoned
        ("/hang.rss", 2, 130, "interrupted"),  # the second Ctrl-C does not wait for the server
    ],
)
def test_watch_hostile_ctrl_c_mid_poll_stops_without_traceback(
    hostile: str, tmp_path: Path, path: str, signals: int, code: int, says: str
) -> None:
    proc = _watch(hostile, tmp_path, "/good.rss", path)
    try:
        assert proc.stdout is not None
        while "good.rss" not in proc.stdout.readline():  # the good feed is in; now mid-poll of the bad one
            pass
        time.sleep(1.5)
        for _ in range(signals):
            proc.send_signal(signal.SIGINT)
            time.sleep(0.5)
        out, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert proc.returncode == code, err
    assert says in err and "Traceback" not in err
    with MemoryStore.open(tmp_path / "s", create=False) as store:
        assert len(store.articles()) == 1


def test_watch_hostile_store_that_refuses_writes_keeps_the_items_for_the_next_poll(tmp_path: Path) -> None:
    """A full disk during a poll: nothing is marked seen, so the next poll (space freed) loads it all."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(6):  # invented for this test
        (inbox / f"{n}.txt").write_text(
            f"Trade minister Person{n} Example of Canada met Mexico's envoy in Ottawa, round {n}.",
            encoding="utf-8",
        )
    store = tmp_path / "s"
    MemoryStore.open(store).close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tradegraph", "watch", str(inbox), "--once", "--store", str(store)]

    def full_disk() -> None:  # past 40 kB no file of the process may grow: the log fills at once
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    full = subprocess.run(cmd, capture_output=True, text=True, env=env, preexec_fn=full_disk, timeout=300)
    assert full.returncode == 1 and "[TG355]" in full.stderr and "[TG311]" in full.stderr
    assert "Traceback" not in full.stderr
    freed = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert freed.returncode == 0, freed.stderr
    with MemoryStore.open(store, create=False) as s:
        assert len(s.articles()) == 6


def test_watch_hostile_file_read_half_written_leaves_no_partial_article(tmp_path: Path) -> None:
    """A file polled while still being written, then finished: only the finished article stays."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = inbox / "story.txt"
    whole = (
        "Trade minister Person Example of Canada met Mexico's envoy Other Sample in Ottawa on steel tariffs."
    )
    store = tmp_path / "s"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tradegraph", "watch", str(inbox), "--once", "--store", str(store)]
    for text in (whole[:40], whole):  # invented for this test
        story.write_text(text, encoding="utf-8")
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "1 earlier version(s) of changed files forgotten" in done.stdout
    from tradegraph.graph.model import text_hash

    with MemoryStore.open(store, create=False) as s:
        assert [a.text_hash for a in s.articles()] == [text_hash(whole)]


def test_watch_hostile_state_file_that_cannot_be_written_is_a_warning(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Akazawa met Bessent.", encoding="utf-8")
    blocker = tmp_path / "state"
    warnings: list[str] = []
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        watcher = Watcher([str(inbox)], blocker / "state.json", 60, warnings.append)
        blocker.write_text("a file where the state's directory should be (as a full or broken disk)")
        watcher.poll_once(handle)
        watcher.poll_once(handle)  # the state in memory still says a.txt was read
        assert handle.calls == [(str(inbox), 1, 1)]
        assert len(warnings) == 2 and all("[TG355]" in w and "cannot be saved" in w for w in warnings)


@pytest.mark.parametrize("store_name", ["store", "graph.db"])
def test_watch_hostile_directory_holding_the_store_never_reads_it(tmp_path: Path, store_name: str) -> None:
    (tmp_path / "a.txt").write_text("Akazawa met Bessent in Washington.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tradegraph", "watch", ".", "--once", "--store", store_name]
    for _ in range(2):  # the second poll sees the store's files changed by the first
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert "failed" not in done.stdout.replace("0 failed", "") and done.stderr == ""
    with MemoryStore.open(tmp_path / store_name, create=False) as store:
        assert len(store.articles()) == 1


def test_watch_hostile_feed_credentials_are_used_and_never_printed_or_saved(
    hostile: str, tmp_path: Path
) -> None:
    host = hostile.removeprefix("http://")
    private, down = f"http://reader:s3cr%23t@{host}/private.rss", f"http://reader:s3cr%23t@{host}/500.rss"
    warnings: list[str] = []
    with MemoryStore.open(tmp_path / "s") as store:
        handle = Recorder(store)
        Watcher([private, down], tmp_path / "state.json", 60, warnings.append).poll_once(handle)
        assert [loaded for _, _, loaded in handle.calls] == [1]  # the password reached the server
    assert len(warnings) == 1 and "HTTP 500" in warnings[0]
    assert "s3cr" not in warnings[0] and "s3cr" not in (tmp_path / "state.json").read_text()
