"""The SQLite store on a full disk: the write that fails is a coded error and leaves nothing behind,
space is freed, later writes go on, and a kill -9 keeps every acknowledged write.

The disk is really full: SQLite's own page limit (``PRAGMA max_page_count``, the SQLITE_FULL path),
a file-size limit of the process (``RLIMIT_FSIZE``: writes past it fail with EFBIG), or, when this
user may mount one, a small tmpfs filled with a ballast file (ENOSPC). No mocks.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradegraph.graph.backends.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
PER_WRITE = 5  # actors per write: a half-written write would show as 1-4 of them
AFTER_FREEING = 20  # acknowledged writes after space is freed, before the kill

# Writes numbered from 0; prints "ok N" once write N is committed, "failed N <message>" when it
# raised. After the first failure it frees space (argv[2] says how) and goes on.
WRITER = textwrap.dedent(
    """
    import os, sys
    from tradegraph.graph.backends.sqlite import SQLiteStore
    from tradegraph.graph.errors import TradegraphError
    from tradegraph.graph.model import Actor, ActorKind
    store = SQLiteStore.open(sys.argv[1])
    how, ballast = sys.argv[2], sys.argv[3]
    if how == "page-limit":
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 8}")
    freed, n = False, 0
    while True:
        write = [Actor.create(f"Write {n} {j}", ActorKind.PERSON, roles=("r" * 300,)) for j in range(PER_WRITE)]
        try:
            store.upsert(write)
        except TradegraphError as err:
            print("failed", n, err, flush=True)
            if freed:
                raise SystemExit(3)
            freed = True
            if how == "page-limit":
                store._conn.execute("PRAGMA max_page_count = 1073741823")
            else:
                os.remove(ballast)
        else:
            print("ok", n, flush=True)
        n += 1
""".replace("PER_WRITE", str(PER_WRITE))
)


def _can_mount_tmpfs(where: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


@pytest.fixture(params=["page-limit", "tmpfs"])
def full_disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """(how, store directory, ballast file): a store that fills after a few writes."""
    how = request.param
    if how == "page-limit":
        yield how, tmp_path / "store", tmp_path / "unused"
        return
    mount = tmp_path / "tmpfs"
    if not _can_mount_tmpfs(mount):
        pytest.skip("cannot mount a tmpfs here (needs root); the page-limit case covers SQLITE_FULL")
    try:
        SQLiteStore.open(mount / "store").close()
        ballast = mount / "ballast"
        free = shutil.disk_usage(mount).free
        ballast.write_bytes(b"\0" * max(0, free - 300_000))  # about five writes' worth left
        yield how, mount / "store", ballast
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _names(store_dir: Path) -> set[str]:
    with SQLiteStore.open(store_dir, create=False) as store:
        return {a.name for a in store.actors()}


def test_sqlite_store_full_disk_fails_cleanly_then_goes_on_and_survives_kill(full_disk) -> None:
    how, store_dir, ballast = full_disk
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), how, str(ballast)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    acknowledged, failed = [], []
    assert proc.stdout is not None
    try:
        while len(failed) < 2:
            line = proc.stdout.readline()
            assert line, f"the writer stopped: {proc.stderr.read() if proc.stderr else ''}"
            word, number, *message = line.split(" ", 2)
            (acknowledged if word == "ok" else failed).append((int(number), "".join(message)))
            if failed and sum(n > failed[0][0] for n, _ in acknowledged) >= AFTER_FREEING:
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        _, err = proc.communicate()
    assert len(failed) == 1, failed  # freeing space was enough
    failed_at, message = failed[0]
    assert message.startswith("[TG311]") and "full" in message and "intact" in message
    assert "Traceback" not in err
    assert 0 < failed_at < acknowledged[-1][0]  # some writes before the failure, some after
    names = _names(store_dir)
    writes: dict[int, int] = {}
    for name in names:
        writes[int(name.split()[1])] = writes.get(int(name.split()[1]), 0) + 1
    assert all(count == PER_WRITE for count in writes.values()), writes  # no half-written write
    assert {n for n, _ in acknowledged} <= set(writes)  # every acknowledged write is there
    assert failed_at not in writes  # the one reported as failed is not


def _ingest(store_dir: Path, paths: list[Path], file_limit: int | None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    cmd = [sys.executable, "-m", "tradegraph", "ingest", *map(str, paths), "--store", str(store_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, env=ENV, preexec_fn=limited, timeout=300)


def test_sqlite_store_full_disk_ingest_cli_reports_coded_errors_and_resumes(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(8):  # invented for this test
        (articles / f"a{n}.txt").write_text(
            f"Trade minister Person{n} Example of Canada met Mexico's envoy Other{n} Sample in Ottawa "
            f"to discuss tariffs on steel, round {n}.",
            encoding="utf-8",
        )
    store_dir = tmp_path / "store"
    first = _ingest(store_dir, [articles / "a0.txt"], None)
    assert first.returncode == 0, first.stderr
    # Past 40 kB no file of the process may grow: the write-ahead log fills after a few pages.
    full = _ingest(store_dir, [articles], 40_000)
    assert full.returncode == 1 and "Traceback" not in full.stderr + full.stdout
    refused = [line for line in full.stderr.splitlines() if "[TG311]" in line]
    assert refused and all("intact" in line for line in refused)
    assert all(line.startswith(str(articles)) or "note:" in line for line in full.stderr.splitlines())
    with SQLiteStore.open(store_dir, create=False) as store:
        kept = {a.id for a in store.articles()}
        assert not any(e.article_id not in kept for r in store.relations() for e in r.evidence)
    again = _ingest(store_dir, [articles], None)  # space freed: the rest goes in, nothing twice
    assert again.returncode == 0, again.stderr
    assert f"skipped {len(kept)} unchanged" in again.stdout
    with SQLiteStore.open(store_dir, create=False) as store:
        assert len(store.articles()) == 8
