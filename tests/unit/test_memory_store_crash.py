"""The embedded store survives a kill at any moment: the last completed write stays readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tradegraph.graph.backends.memory import JOURNAL, MemoryStore
from tradegraph.graph.model import Actor, ActorKind

WRITER = textwrap.dedent("""
    import sys
    from tradegraph.graph.backends import memory
    from tradegraph.graph.model import Actor, ActorKind
    memory.COMPACT_EVERY = 7  # snapshot often, so the kill lands in saves too
    store = memory.MemoryStore.open(sys.argv[1])
    n = len(store.actors())
    while True:
        store.upsert([Actor.create(f"Person {n}", ActorKind.PERSON)])
        n += 1
        print(n, flush=True)
""")


def _kill_writer_after(directory: Path, writes: int) -> int:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(directory)], stdout=subprocess.PIPE, text=True)
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
        with MemoryStore.open(tmp_path) as store:
            names = {a.name for a in store.actors()}
        # Everything acknowledged is there, and what is there is whole (names are consecutive).
        assert len(names) >= acknowledged
        assert names == {f"Person {i}" for i in range(len(names))}


def test_memory_store_crash_torn_journal_line_is_ignored_and_repaired(tmp_path):
    with MemoryStore.open(tmp_path) as store:
        store.upsert([Actor.create("Kept Person", ActorKind.PERSON)])
    journal = tmp_path / JOURNAL
    with open(journal, "a") as out:
        out.write('{"seq": 99, "op": "upsert", "actors": [{"id": "person:half')  # a write cut short
    with MemoryStore.open(tmp_path) as store:
        assert [a.name for a in store.actors()] == ["Kept Person"]
        store.upsert([Actor.create("Later Person", ActorKind.PERSON)])
    with MemoryStore.open(tmp_path) as store:
        assert [a.name for a in store.actors()] == ["Kept Person", "Later Person"]


def test_memory_store_second_process_is_refused_clearly(tmp_path):
    with MemoryStore.open(tmp_path):
        code = (
            f"from tradegraph.graph.backends.memory import MemoryStore; MemoryStore.open({str(tmp_path)!r})"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0 and "TG302" in out.stderr and "in use" in out.stderr
