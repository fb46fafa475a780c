"""The embedded (SQLite) store under crashes, concurrent processes and damage.

A kill at any moment leaves the last committed write; a second writer waits and then fails with
TG302; readers go on during a write; damage is a coded error (TG352), never silent loss.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore
from tradegraph.graph.errors import InputError, NotFoundError, StoreError
from tradegraph.graph.model import Actor, ActorKind
from tradegraph.graph.store import open_store

WRITER = textwrap.dedent("""
    import sys
    from tradegraph.graph.backends.sqlite import SQLiteStore
    from tradegraph.graph.model import Actor, ActorKind
    store = SQLiteStore.open(sys.argv[1])
    prefix, batch = sys.argv[2], int(sys.argv[3])
    n = len([a for a in store.actors() if a.name.startswith(prefix)])
    while True:
        store.upsert([Actor.create(f"{prefix} {n + i}", ActorKind.PERSON) for i in range(batch)])
        n += batch
        print(n, flush=True)
""")

HOLDER = textwrap.dedent("""
    import sys, time
    from tradegraph.graph.backends.sqlite import SQLiteStore
    from tradegraph.graph.model import Actor, ActorKind
    store = SQLiteStore.open(sys.argv[1])
    store._conn.execute("BEGIN IMMEDIATE")  # a write in progress, as during a long upsert
    store._conn.execute("INSERT INTO actors (id, name, kind) VALUES ('person:uncommitted', 'U', 'Person')")
    print("holding", flush=True)
    time.sleep(60)
""")


def _writer(directory: Path, prefix: str = "Person", batch: int = 1) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", WRITER, str(directory), prefix, str(batch)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_writer_after(directory: Path, writes: int, batch: int = 1) -> int:
    proc = _writer(directory, batch=batch)
    acknowledged = 0
    assert proc.stdout is not None
    while acknowledged < writes:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return acknowledged


def test_memory_store_crash_sigkill_keeps_every_acknowledged_write(tmp_path):
    for round_ in range(1, 6):
        acknowledged = _kill_writer_after(tmp_path, 40 * round_)
        with SQLiteStore.open(tmp_path) as store:
            names = {a.name for a in store.actors()}
        # Everything acknowledged is there, and what is there is whole (names are consecutive).
        assert len(names) >= acknowledged
        assert names == {f"Person {i}" for i in range(len(names))}


def test_memory_store_crash_sigkill_mid_transaction_keeps_whole_writes_only(tmp_path):
    for round_ in range(1, 4):
        _kill_writer_after(tmp_path, 200 * round_, batch=50)
        with SQLiteStore.open(tmp_path) as store:
            assert store.counts()["actors"] % 50 == 0


@pytest.fixture
def holder(tmp_path):
    """Another process in the middle of a write transaction on the store at ``tmp_path``."""
    SQLiteStore.open(tmp_path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()


def test_memory_store_second_writer_waits_then_fails_clearly(tmp_path, holder):
    store = SQLiteStore(tmp_path, timeout=0.3)
    with pytest.raises(StoreError, match=r"TG302.*busy"):
        store.upsert([Actor.create("Blocked Person", ActorKind.PERSON)])
    holder.kill()
    holder.wait()
    store.upsert([Actor.create("Later Person", ActorKind.PERSON)])  # the lock went with the process
    assert [a.name for a in store.actors()] == ["Later Person"]
    store.close()


def test_memory_store_reader_during_a_write_sees_the_last_commit(tmp_path):
    with SQLiteStore.open(tmp_path) as store:
        store.upsert([Actor.create("Committed Person", ActorKind.PERSON)])
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        with SQLiteStore(tmp_path, create=False, timeout=0.3) as reader:
            assert [a.id for a in reader.actors()] == ["person:committed-person"]
            assert reader.counts()["actors"] == 1
    finally:
        proc.kill()
        proc.wait()


def test_memory_store_two_writer_processes_lose_nothing(tmp_path):
    SQLiteStore.open(tmp_path).close()
    procs = [_writer(tmp_path, prefix) for prefix in ("Alpha", "Beta")]
    seen = {}
    for proc, prefix in zip(procs, ("Alpha", "Beta"), strict=True):
        assert proc.stdout is not None
        while (count := int(proc.stdout.readline())) < 60:
            pass
        seen[prefix] = count
    time.sleep(0.2)
    for proc in procs:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with SQLiteStore.open(tmp_path) as store:
        names = {a.name for a in store.actors()}
    for prefix, count in seen.items():
        mine = {n for n in names if n.startswith(prefix)}
        assert len(mine) >= count and mine == {f"{prefix} {i}" for i in range(len(mine))}


def test_memory_store_damaged_header_is_tg352_and_file_untouched(tmp_path):
    with SQLiteStore.open(tmp_path) as store:
        store.upsert([Actor.create("Some Person", ActorKind.PERSON)])
    db = tmp_path / DB_NAME
    data = bytearray(db.read_bytes())
    data[0:16] = b"not a database!!"
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"TG352.*damaged.*integrity_check"):
        SQLiteStore.open(tmp_path)
    assert db.read_bytes() == bytes(data)


def test_memory_store_damaged_page_is_tg352_not_silent(tmp_path):
    with SQLiteStore.open(tmp_path) as store:
        store.upsert([Actor.create(f"Person {n}", ActorKind.PERSON, roles=("x" * 200,)) for n in range(300)])
    db = tmp_path / DB_NAME
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : 6 * page] = b"\xa5" * (5 * page)  # pages 2-6: the first tables' b-trees
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="TG352"):
        with SQLiteStore.open(tmp_path) as store:
            store.actors()


def test_memory_store_read_never_creates_a_store(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(NotFoundError, match=rf"TG351.*{missing.name}"):
        open_store(str(missing))
    assert not missing.exists()
    with open_store(f"sqlite:{missing}", create=True) as store:
        assert store.counts()["actors"] == 0
    assert (missing / DB_NAME).exists()


@pytest.mark.parametrize("spec", ["http://example.com/store", "s3://bucket/graph", "foo://bar"])
def test_memory_store_unknown_scheme_is_tg350(spec):
    with pytest.raises(InputError, match="TG350"):
        open_store(spec)


def test_memory_store_read_command_on_missing_store_exits_with_code(tmp_path):
    missing = tmp_path / "absent"
    out = subprocess.run(
        [sys.executable, "-m", "tradegraph", "stats", "--store", str(missing)], capture_output=True, text=True
    )
    assert out.returncode == 1 and "TG351" in out.stderr and "Traceback" not in out.stderr
    assert not missing.exists()


@pytest.mark.parametrize(
    "form", ["{p}/graph.db", "sqlite:{p}/graph.db", "sqlite://{p}/graph.db", "file:{p}/graph.db"]
)
def test_memory_store_spec_forms_name_one_database_file(tmp_path, form):
    spec = form.format(p=tmp_path)
    with open_store(spec, create=True) as store:
        store.upsert([Actor.create("Some Person", ActorKind.PERSON)])
    assert (tmp_path / "graph.db").is_file()
    with open_store(spec) as again:
        assert again.counts()["actors"] == 1
