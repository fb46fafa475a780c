"""The SQLite store's files damaged or misplaced: a truncated database, a write-ahead log from
another store, a log left by a crash, a read-only directory, a store path that is a file, and two
ingest commands writing at once. Each is a coded error or a correct result, never silent loss."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore
from tradegraph.graph.errors import NotFoundError, StoreError
from tradegraph.graph.model import Actor, ActorKind

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}

# Writes `count` actors named PREFIX N, then one more write that is never checkpointed: the
# process ends without closing, so the store keeps a write-ahead log no connection owns.
CRASHED_WRITER = textwrap.dedent("""
    import os, sys
    from tradegraph.graph.backends.sqlite import SQLiteStore
    from tradegraph.graph.model import Actor, ActorKind
    directory, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with SQLiteStore.open(directory) as store:
        store.upsert([Actor.create(f"{prefix} {n}", ActorKind.PERSON, roles=("x" * 200,)) for n in range(count)])
    store = SQLiteStore.open(directory)
    store.upsert([Actor.create(f"{prefix} late {n}", ActorKind.PERSON) for n in range(30)])
    os._exit(0)
""")


def _crashed_store(directory: Path, prefix: str, count: int = 50) -> None:
    subprocess.run(
        [sys.executable, "-c", CRASHED_WRITER, str(directory), prefix, str(count)], env=ENV, check=True
    )
    assert (directory / f"{DB_NAME}-wal").stat().st_size > 0


def _names(directory: Path) -> set[str]:
    with SQLiteStore.open(directory, create=False) as store:
        return {a.name for a in store.actors()}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tradegraph", *args], capture_output=True, text=True, env=ENV, timeout=300
    )


def test_sqlite_store_truncated_database_is_tg352_and_untouched(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path) as store:
        store.upsert([Actor.create(f"Person {n}", ActorKind.PERSON, roles=("x" * 200,)) for n in range(400)])
    db = tmp_path / DB_NAME
    data = db.read_bytes()[: db.stat().st_size // 2]
    db.write_bytes(data)
    for command in ("stats", "actors"):
        out = _cli(command, "--store", str(tmp_path))
        assert out.returncode == 1 and "[TG352]" in out.stderr and "Traceback" not in out.stderr
    assert db.read_bytes() == data


@pytest.mark.parametrize("name", ["mine", "odd?#%41 name"])
def test_sqlite_store_log_from_another_store_is_tg352_and_nothing_mixed(tmp_path: Path, name: str) -> None:
    mine, other = tmp_path / name, tmp_path / "other"
    with SQLiteStore.open(mine) as store:
        store.upsert([Actor.create(f"Mine {n}", ActorKind.PERSON, roles=("x" * 200,)) for n in range(50)])
    _crashed_store(other, "Other")
    db = mine / DB_NAME
    before = db.read_bytes()
    shutil.copy(other / f"{DB_NAME}-wal", mine / f"{DB_NAME}-wal")
    with pytest.raises(StoreError, match=r"\[TG352\].*write-ahead log graph.sqlite-wal does not fit"):
        SQLiteStore.open(mine)
    out = _cli("stats", "--store", str(mine))
    assert out.returncode == 1 and "[TG352]" in out.stderr and "Traceback" not in out.stderr
    assert db.read_bytes() == before  # never checkpointed into the database
    for name in (f"{DB_NAME}-wal", f"{DB_NAME}-shm"):  # what the message says to do
        (mine / name).unlink(missing_ok=True)
    assert _names(mine) == {f"Mine {n}" for n in range(50)}


def test_sqlite_store_log_left_by_a_crash_is_replayed(tmp_path: Path) -> None:
    _crashed_store(tmp_path, "Person")
    names = _names(tmp_path)
    assert len(names) == 80 and "Person late 29" in names


@contextmanager
def _read_only(directory: Path) -> Iterator[Path]:
    """``directory`` made unwritable for this process: a read-only bind mount as root, else chmod."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield directory
        finally:
            directory.chmod(0o755)
        return
    if subprocess.run(["mount", "--bind", str(directory), str(directory)], capture_output=True).returncode:
        pytest.skip("root without mount: cannot make a read-only directory")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(directory)], check=True)
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], check=False)


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    store = tmp_path / "store"
    with SQLiteStore.open(store) as s:
        s.upsert([Actor.create("Some Person", ActorKind.PERSON)])
    with _read_only(store):
        yield store


@pytest.mark.parametrize("shared_memory", [True, False], ids=["log-and-shm", "log-alone"])
def test_sqlite_store_read_only_directory_with_a_crash_log(tmp_path: Path, shared_memory: bool) -> None:
    """With its -shm file SQLite reads the log read-only; without it the log cannot be read: TG311."""
    _crashed_store(tmp_path / "store", "Person")
    if not shared_memory:
        (tmp_path / "store" / f"{DB_NAME}-shm").unlink()
    with _read_only(tmp_path / "store") as store:
        if shared_memory:
            assert len(_names(store)) == 80  # the log's writes too
        else:
            with pytest.raises(StoreError, match=r"\[TG311\].*read-only.*graph.sqlite-wal holds writes"):
                SQLiteStore.open(store, create=False)
    assert len(_names(tmp_path / "store")) == 80  # writable again: nothing was lost


def test_sqlite_store_read_only_directory_reads_and_refuses_writes(read_only_store: Path) -> None:
    assert not os.access(read_only_store, os.W_OK)
    with SQLiteStore.open(read_only_store, create=False) as store:
        assert [a.name for a in store.actors()] == ["Some Person"]
        with pytest.raises(StoreError, match=r"\[TG311\].*readonly"):
            store.upsert([Actor.create("Other Person", ActorKind.PERSON)])
    stats = _cli("actors", "--store", str(read_only_store))
    assert stats.returncode == 0 and "Some Person" in stats.stdout
    article = read_only_store.parent / "a.txt"
    article.write_text("Japan's negotiator met Canada's trade minister in Ottawa.", encoding="utf-8")
    ingest = _cli("ingest", str(article), "--store", str(read_only_store))
    assert ingest.returncode == 1 and "[TG311]" in ingest.stderr and "Traceback" not in ingest.stderr


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("notes.txt", "hello", "TG313"),  # a file where the store directory should be
        ("graph.db", "hello", "TG352"),  # a database file that is not one
        ("dir", None, "TG311"),  # a directory where graph.sqlite should be
    ],
)
def test_sqlite_store_path_that_is_not_a_store_is_coded(
    tmp_path: Path, name: str, content: str | None, code: str
) -> None:
    path = tmp_path / name
    if content is None:
        (path / DB_NAME).mkdir(parents=True)
    else:
        path.write_text(content)
    with pytest.raises((StoreError, NotFoundError), match=rf"\[{code}\]"):
        SQLiteStore.open(path)
    out = _cli("ingest", "-", "--store", str(path))
    assert out.returncode == 1 and f"[{code}]" in out.stderr and "Traceback" not in out.stderr
    if content is not None:
        assert path.read_text() == content


def test_sqlite_store_two_ingest_commands_at_once_lose_nothing(tmp_path: Path) -> None:
    sets = []
    for side in ("east", "west"):
        folder = tmp_path / side
        folder.mkdir()
        for n in range(6):  # invented for this test
            (folder / f"{n}.txt").write_text(
                f"Trade minister {side.title()}{n} Example of Canada met Mexico's envoy in Ottawa, round {n}.",
                encoding="utf-8",
            )
        sets.append(folder)
    store = tmp_path / "store"
    SQLiteStore.open(store).close()
    cmd = [sys.executable, "-m", "tradegraph", "ingest"]
    procs = [
        subprocess.Popen(
            [*cmd, str(f), "--store", str(store)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for f in sets
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0 and "loaded 6" in out and "Traceback" not in err, err
    with SQLiteStore.open(store, create=False) as s:
        assert len(s.articles()) == 12
