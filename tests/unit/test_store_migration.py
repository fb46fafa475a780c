"""A store directory written by the release before SQLite (snapshot + journal) migrates with nothing
lost; damaged lines and records are skipped and reported, the rest kept, the old files untouched."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from fixtures import graph_fixture as fx
from fixtures import legacy_memory_store as legacy

from tradegraph.graph.backends.migrate import JOURNAL, REPORT, SNAPSHOT, migrate_directory
from tradegraph.graph.backends.sqlite import DB_NAME, SQLiteStore
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind
from tradegraph.queries import helpers as h


def _person(n: int) -> Actor:
    return Actor.create(f"Person {n}", ActorKind.PERSON, roles=(f"role {n}",), affiliation=fx.JAPAN.id)


def _old_store(directory: Path, compact_every: int = 7) -> dict[str, object]:
    """Write a store with the old code: the fixture graph, then writes after its last snapshot."""
    legacy.COMPACT_EVERY = compact_every
    old = legacy.MemoryStore.open(directory)
    fx.load(old)  # type: ignore[arg-type]
    for n in range(20):
        rel = Relation(
            _person(n).id,
            RelationKind.REPRESENTS,
            fx.JAPAN.id,
            evidence=(Evidence(f"article:p{n}", f"Person {n} spoke.", date=date(2025, 6, 1 + n)),),
        )
        old.upsert([_person(n)], [rel], [Article.create(f"text {n}", id=f"article:p{n}")])
    old.forget_article("article:p3")
    state = {"actors": old.actors(), "relations": old.relations(), "articles": old.articles()}
    old._journal.close()  # the process ends without a last snapshot, as after a kill
    old._lock.close()
    return state


def _files(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in (SNAPSHOT, JOURNAL)}


def test_store_migration_keeps_everything_and_leaves_the_old_files(tmp_path):
    before = _old_store(tmp_path)
    old_files = _files(tmp_path)
    assert old_files[JOURNAL] and old_files[SNAPSHOT]  # both parts of the old format are exercised
    with SQLiteStore.open(tmp_path, create=False) as store:
        assert store.actors() == before["actors"]
        assert store.relations() == before["relations"]
        assert store.articles() == before["articles"]
        assert [a.actor.id for a in h.representatives_of(store, fx.CHINA.id)] == [fx.LI.id]
    assert _files(tmp_path) == old_files and (tmp_path / DB_NAME).exists()
    assert "skipped 0 damaged records" in (tmp_path / REPORT).read_text()


def test_store_migration_salvages_around_a_damaged_journal_line(tmp_path):
    before = _old_store(tmp_path, compact_every=10_000)  # everything in the journal
    journal = tmp_path / JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    middle = len(lines) // 2
    damaged = bytearray(lines[middle])
    damaged[len(damaged) // 2] = 0  # one byte zeroed in the middle of one write (not valid JSON)
    journal.write_bytes(b"".join([*lines[:middle], bytes(damaged), *lines[middle + 1 :]]))
    size = journal.stat().st_size
    report = migrate_directory(tmp_path)
    assert report is not None and report.operations == len(lines) - 1
    assert [s for s in report.skipped if "line" in s] == [
        f"{JOURNAL} line {middle + 1}: damaged or cut-short write"
    ]
    with SQLiteStore.open(tmp_path) as store:
        ids = {a.id for a in store.actors()}
    # Only what the damaged write alone brought is missing; every later write is there.
    assert len(ids) >= len(before["actors"]) - 2 and _person(19).id in ids  # type: ignore[arg-type]
    assert journal.stat().st_size == size


def test_store_migration_skips_a_damaged_snapshot_record_and_reports_it(tmp_path):
    _old_store(tmp_path, compact_every=5)
    snapshot = tmp_path / SNAPSHOT
    lines = snapshot.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if '"id":"person:scott-bessent"' in line)
    lines[target] = lines[target].replace('"name":', '"name":{', 1)
    snapshot.write_text("".join(lines), encoding="utf-8")
    report = migrate_directory(tmp_path)
    assert report is not None
    assert any(f"{SNAPSHOT} line {target + 1}" in s for s in report.skipped)
    assert any("person:scott-bessent" in s and "dropped" in s for s in report.skipped)
    with SQLiteStore.open(tmp_path) as store:
        assert store.actor(fx.BESSENT.id) is None and store.actor(fx.AKAZAWA.id) is not None


def test_store_migration_command_reports_and_refuses_twice(tmp_path):
    _old_store(tmp_path)
    run = [sys.executable, "-m", "tradegraph", "migrate", "--store", str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True)
    assert first.returncode == 0 and "migrated" in first.stdout
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 1 and "TG353" in again.stderr


@pytest.mark.parametrize("damage", [b"", b"\x00" * 64])
def test_store_migration_unreadable_snapshot_still_replays_the_journal(tmp_path, damage):
    _old_store(tmp_path, compact_every=10_000)
    (tmp_path / SNAPSHOT).write_bytes(damage)
    report = migrate_directory(tmp_path)
    assert report is not None and report.operations > 0
    with SQLiteStore.open(tmp_path) as store:
        assert store.actor(_person(19).id) is not None
