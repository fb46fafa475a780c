"""Migrate a store directory from the format before SQLite (snapshot + journal) into SQLite.

The old embedded store kept ``snapshot.json`` (the graph as of journal entry ``seq``, one record
per line) and ``journal.jsonl`` (one JSON write per line). The migration salvages every record
it can read: a damaged line or record is skipped and reported, never the ones after it; the old
files are read only, never truncated or removed. The new database is built beside them under a
temporary name and renamed into place, so an interrupted migration simply runs again.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradegraph.graph import serialize
from tradegraph.graph.errors import StoreError, TradegraphError
from tradegraph.graph.model import Actor, Article, Relation

SNAPSHOT = "snapshot.json"
JOURNAL = "journal.jsonl"
LOCK = "lock"
REPORT = "migration-report.txt"
BATCH = 5_000
log = logging.getLogger("tradegraph")


@dataclass
class MigrationReport:
    """What a migration read, wrote and skipped (each skip names the file, line and reason)."""

    directory: str
    operations: int = 0
    actors: int = 0
    relations: int = 0
    articles: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"migrated {self.directory}: {self.actors} actors, {self.relations} relations, "
            f"{self.articles} articles from the snapshot and {self.operations} journal writes; "
            f"skipped {len(self.skipped)} damaged records",
            *self.skipped,
        ]
        return "\n".join(lines)


def needs_migration(directory: Path) -> bool:
    from tradegraph.graph.backends.sqlite import DB_NAME

    has_old = (directory / SNAPSHOT).exists() or (directory / JOURNAL).exists()
    return has_old and not (directory / DB_NAME).exists()


def migrate_directory(directory: Path, *, timeout: float = 10.0) -> MigrationReport | None:
    """Build ``graph.sqlite`` from the old files of ``directory`` (None: nothing to migrate)."""
    from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore

    with _locked(directory):
        if not needs_migration(directory):
            return None  # another process migrated it while we waited
        building = directory / "graph.migrating.sqlite"
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        report = MigrationReport(str(directory))
        with SQLiteStore(building, timeout=timeout) as store:
            seq = _load_snapshot(directory / SNAPSHOT, store, report)
            _replay_journal(directory / JOURNAL, seq, store, report)
        os.replace(building, directory / DB_NAME)
        _write_report(directory, report)
    if report.skipped:
        log.warning(report.summary())
    return report


class _Locked:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __enter__(self) -> None:
        try:
            self.handle = open(self.directory / LOCK, "a")
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            raise StoreError(
                f"the store {self.directory} is in use by an older tradegraph process; wait for it "
                "to finish, then open the store again to migrate it",
                code="TG302",
            ) from err

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _locked(directory: Path) -> _Locked:
    return _Locked(directory)


def _write_report(directory: Path, report: MigrationReport) -> None:
    try:
        (directory / REPORT).write_text(report.summary() + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not write %s", directory / REPORT)


# -- the snapshot -----------------------------------------------------------------------------


def _load_snapshot(path: Path, store: Any, report: MigrationReport) -> int:
    """Write every readable snapshot record into ``store``; the snapshot's ``seq`` (0 if unknown)."""
    if not path.exists():
        return 0
    seq, batch = 0, _Batch(store, report)
    for number, section, record in _snapshot_records(path, report):
        if section == "header":
            seq = int(record.get("seq") or 0)
            continue
        batch.add(section, record, f"{path.name} line {number}")
    batch.flush()
    return seq


def _snapshot_records(path: Path, report: MigrationReport) -> Iterator[tuple[int, str, dict[str, Any]]]:
    with open(path, "rb") as f:
        first = f.readline().decode("utf-8", "replace").rstrip("\n")
    if first.startswith("{") and not first.endswith(","):  # the one-line layout of the first release
        yield from _one_line_snapshot(path, report)
        return
    section = ""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if number == 1:
                header = _json(line[:-1] + "}" if line.endswith(",") else line)
                if header is None:
                    report.skipped.append(f"{path.name} line 1: unreadable header; seq taken as 0")
                else:
                    yield number, "header", header
            elif line.endswith(":["):
                section = line[:-2].strip('"')
            elif line.startswith("{"):
                record = _json(line.removesuffix(","))
                if record is None:
                    report.skipped.append(f"{path.name} line {number}: damaged {section} record")
                else:
                    yield number, section, record


def _one_line_snapshot(path: Path, report: MigrationReport) -> Iterator[tuple[int, str, dict[str, Any]]]:
    data = _json(path.read_bytes().decode("utf-8", "replace"))
    if not isinstance(data, dict):
        report.skipped.append(f"{path.name}: the one-line snapshot is damaged; nothing read from it")
        return
    yield 1, "header", {"seq": data.get("seq")}
    for section in ("actors", "relations", "articles"):
        for record in data.get(section) or ():
            yield 1, section, record


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


# -- the journal ------------------------------------------------------------------------------


def _replay_journal(path: Path, after: int, store: Any, report: MigrationReport) -> None:
    """Apply every readable journal write after ``after``, in order; damaged lines are skipped."""
    if not path.exists():
        return
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            where = f"{path.name} line {number}"
            op = _json(raw.decode("utf-8", "replace")) if raw.endswith(b"\n") else None
            if not isinstance(op, dict) or not isinstance(op.get("seq"), int):
                report.skipped.append(f"{where}: damaged or cut-short write")
                continue
            if op["seq"] <= after:
                continue
            try:
                _apply(op, store, report, where)
            except (TradegraphError, KeyError, TypeError, ValueError) as err:
                report.skipped.append(f"{where}: {op.get('op')!r} write not applied: {err}")
                continue
            report.operations += 1


def _apply(op: dict[str, Any], store: Any, report: MigrationReport, where: str) -> None:
    kind = op["op"]
    if kind == "forget_article":
        store.forget_article(str(op["article_id"]))
    elif kind == "clear":
        store.clear()
    elif kind == "upsert":
        batch = _Batch(store, report, one_write=True)
        for section in ("actors", "relations", "articles"):
            for record in op.get(section) or ():
                batch.add(section, record, where)
        batch.flush()
    else:
        raise ValueError(f"unknown operation {kind!r}")


class _Batch:
    """Records read into model objects and written in batches; a bad record costs only itself."""

    _READERS: dict[str, Any] = {
        "actors": serialize.actor_from_dict,
        "relations": serialize.relation_from_dict,
        "articles": serialize.article_from_dict,
    }

    def __init__(self, store: Any, report: MigrationReport, *, one_write: bool = False) -> None:
        self.store, self.report, self.one_write = store, report, one_write
        self.items: dict[str, list[Any]] = {"actors": [], "relations": [], "articles": []}
        self.known: set[str] = set()

    def add(self, section: str, record: Any, where: str) -> None:
        try:
            item = self._READERS[section](record)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            self.report.skipped.append(
                f"{where}: {section} record not readable ({type(err).__name__}: {err})"
            )
            return
        self.items[section].append(item)
        if not self.one_write and len(self.items[section]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        actors: list[Actor] = self.items["actors"]
        articles: list[Article] = self.items["articles"]
        relations = self._with_ends(self.items["relations"], actors)
        if actors or relations or articles:
            self.store.upsert(actors, relations, articles)
        if not self.one_write:
            self.report.actors += len(actors)
            self.report.relations += len(relations)
            self.report.articles += len(articles)
        self.items = {"actors": [], "relations": [], "articles": []}

    def _with_ends(self, relations: list[Relation], actors: list[Actor]) -> list[Relation]:
        """The relations whose two actors exist; the others are reported (their actor was damaged)."""
        known = {a.id for a in actors}
        needed = {e for r in relations for e in (r.source, r.target)} - known
        stored = set(self.store.traversals().actors(needed)) if needed else set()
        kept = []
        for rel in relations:
            missing = [e for e in (rel.source, rel.target) if e not in known and e not in stored]
            if missing:
                self.report.skipped.append(
                    f"relation {rel.key} dropped: actor {missing[0]!r} was not readable"
                )
            else:
                kept.append(rel)
        return kept
