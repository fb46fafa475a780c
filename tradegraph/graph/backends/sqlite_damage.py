"""SQLite stores that do not open as usual: damaged, in a read-only place, or with a log nobody owns.

A store in a directory this process cannot write (read-only mount, no permission) is opened
read-only and immutable, so every read works and every write is TG311; that needs its log
checkpointed (no ``graph.sqlite-wal`` with frames), which closing the last writer does.

SQLite replays ``graph.sqlite-wal`` onto ``graph.sqlite`` without checking that the log was
written for that database: a log copied in from another store, or left next to a database
restored from a backup, silently mixes two stores' pages, and the next checkpoint makes the mix
permanent. A log that no open connection owns (its writer died, or it was copied in) is checked
with ``PRAGMA integrity_check`` on a read-only connection before the store is opened for writing;
a live store (some connection holds the log's lock) is never checked, so opening stays cheap.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import struct
from pathlib import Path

from tradegraph.graph.backends.sqlite_rows import store_error
from tradegraph.graph.errors import StoreError

# The byte of the ``-shm`` file every open connection holds a shared lock on (SQLite's os_unix.c:
# UNIX_SHM_DMS, the "dead man switch"); whoever can write-lock it is the only user of the store.
SHM_DMS_BYTE = 128
_FLOCK = "hhqqi"
# Errors at open that say nothing about the file's contents (busy, permissions, space).
NOT_DAMAGE = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_CANTOPEN",
    "SQLITE_READONLY",
    "SQLITE_PERM",
    "SQLITE_FULL",
)  # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid


def orphan_wal(db: Path) -> bool:
    """Whether ``db`` has a non-empty write-ahead log that no open connection (in any process) owns."""
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    try:
        if wal.stat().st_size == 0:
            return False
    except FileNotFoundError:
        return False
    getlk = getattr(fcntl, "F_OFD_GETLK", None)
    if getlk is None:  # no open-file-description locks (not Linux): cannot tell, leave it to SQLite
        return False
    try:
        fd = os.open(shm, os.O_RDONLY)
    except FileNotFoundError:
        return True  # every open connection has the shared-memory file
    except OSError:
        return False
    try:
        query = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, getlk, query)
    except OSError:
        return False
    finally:
        os.close(fd)  # an OFD query takes no lock, so closing drops none of SQLite's
    lock_type: int = struct.unpack(_FLOCK, answer)[0]
    return lock_type == fcntl.F_UNLCK


def integrity(db: Path, timeout: float) -> str:
    """What ``PRAGMA integrity_check(5)`` says of ``db``, read-only (a read-only connection never checkpoints)."""
    try:
        probe = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
        try:
            rows = probe.execute("PRAGMA integrity_check(5)").fetchall()
        finally:
            probe.close()
    except sqlite3.Error as err:
        return f"integrity_check could not run: {err}"
    return "; ".join(str(r[0]) for r in rows)


def check_orphan_wal(db: Path, uri: str, timeout: float) -> None:
    """Raise TG352 when ``db`` has a log nobody owns and the database it makes is damaged."""
    if not orphan_wal(db):
        return
    verdict = integrity(db, timeout)
    if verdict == "ok" or verdict.startswith("integrity_check could not run"):
        return  # a crash's log is whole (SQLite drops torn frames); other failures show at open
    raise StoreError(
        f"the store {uri} is damaged: its write-ahead log {db.name}-wal does not fit {db.name} "
        f"(copied from another store, or left next to a restored backup; integrity_check: {verdict}); "
        f"nothing was changed: move {db.name}-wal and {db.name}-shm away to get the database as it was "
        "at its last checkpoint",
        code="TG352",
    )


def unwritable_place(db: Path, err: sqlite3.DatabaseError) -> bool:
    """Whether opening ``db`` failed only because its directory cannot be written (the -shm file)."""
    if not getattr(err, "sqlite_errorname", "").startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
        return False
    return db.is_file() and not os.access(db.parent, os.W_OK)


def read_only_connection(db: Path, uri: str) -> sqlite3.Connection:
    """``db`` opened immutable: nothing can change it while the directory is read-only.

    Raises:
        StoreError: TG311 when its write-ahead log holds commits that cannot be applied here.
    """
    wal = Path(f"{db}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"cannot read the store {uri}: its directory is read-only and {wal.name} holds writes that "
            "need it writable; open it once where it can be written (or copy the directory elsewhere)",
            code="TG311",
        )
    try:
        return sqlite3.connect(
            f"{db.resolve().as_uri()}?mode=ro&immutable=1",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as err:
        raise store_error(uri, "open", err) from err


def damage_error(db: Path | None, uri: str, err: sqlite3.DatabaseError, timeout: float) -> StoreError:
    """The error for a database that failed to open, with what ``integrity_check`` says."""
    if getattr(err, "sqlite_errorname", "").startswith(NOT_DAMAGE):
        return store_error(uri, "open", err)
    verdict = integrity(db, timeout) if db is not None else ""
    detail = f"{err}; " + (
        verdict if verdict.startswith("integrity_check") else f"integrity_check: {verdict}"
    )
    return StoreError(
        f"the store {uri} is damaged ({detail}); nothing was changed: restore "
        f"{db} from a backup (without the -wal and -shm files next to it), or move it away and ingest again",
        code="TG352",
    )
