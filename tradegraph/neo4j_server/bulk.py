"""Bulk load of an empty managed Neo4j database: ``neo4j-admin database import full`` of the CSVs
``bulk_csv`` writes, then the store's constraints and indexes.

Extracting articles into those CSVs needs the ingest pipeline, a layer above this package: see
``tradegraph.bulk``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tradegraph.graph.errors import StoreError
from tradegraph.neo4j_server.bulk_csv import DATABASE, EMPTY_LISTS, CsvFiles

ADMIN_HEAP = "1g"

# Fixed statements per (label, property) of ``EMPTY_LISTS``: no name is built into Cypher text.
_SET_EMPTY = {
    ("Actor", "aliases"): "MATCH (x:Actor) WHERE x.aliases IS NULL "
    "CALL (x) { SET x.aliases = [] } IN TRANSACTIONS OF 10000 ROWS",
    ("Actor", "roles"): "MATCH (x:Actor) WHERE x.roles IS NULL "
    "CALL (x) { SET x.roles = [] } IN TRANSACTIONS OF 10000 ROWS",
    ("Mention", "aliases"): "MATCH (x:Mention) WHERE x.aliases IS NULL "
    "CALL (x) { SET x.aliases = [] } IN TRANSACTIONS OF 10000 ROWS",
    ("Mention", "roles"): "MATCH (x:Mention) WHERE x.roles IS NULL "
    "CALL (x) { SET x.roles = [] } IN TRANSACTIONS OF 10000 ROWS",
}


# -- running the admin tool ------------------------------------------------------------------------


def admin_command(base: Path) -> tuple[list[str], dict[str, str]]:
    """The java command line and environment of ``neo4j-admin`` from the managed server's jars."""
    from tradegraph.neo4j_server import settings

    cmd = ["java", f"-Xmx{ADMIN_HEAP}", "-cp", str(base / "lib" / "*"), settings.ADMIN_TOOL]
    return cmd, {**os.environ, "NEO4J_HOME": str(base), "NEO4J_CONF": str(base / "conf")}


def printable_command(files: CsvFiles) -> str:
    """What to run on a user's own server (stopped, database empty or to be overwritten)."""
    return shlex.join(["neo4j-admin", *files.import_args()])


def printable_finish() -> str:
    """The cypher-shell lines that set the empty lists the importer leaves out, as the store does."""
    return "\n".join(f":auto {_SET_EMPTY[pair]};" for pair in EMPTY_LISTS)


@dataclass
class ImportTimes:
    """Seconds spent in each step of a bulk load into the managed server."""

    stop_s: float = 0.0
    import_s: float = 0.0
    start_s: float = 0.0
    schema_s: float = 0.0
    report: str = ""  # the importer's summary: each stage's time, what it imported, peak memory


def import_into_managed(files: CsvFiles, *, allow_nonempty: bool = False) -> ImportTimes:
    """Load ``files`` into the managed server's database, which must be empty (or is overwritten).

    Stops the server, runs ``neo4j-admin database import full``, starts it again and creates the
    store's constraints and indexes.

    Raises:
        StoreError: the database holds data ([TG340]) or the import failed ([TG341]).
    """
    from tradegraph.neo4j_server import managed, settings

    times = ImportTimes()
    if not allow_nonempty:
        _refuse_nonempty(managed.start().uri)
    times.stop_s = _timed(managed.stop)
    base = settings.home()
    kept = _set_aside(base)
    try:
        for sub in ("conf", "logs", "data", "run"):
            (base / sub).mkdir(exist_ok=True)
        (base / "conf" / "neo4j.conf").write_text(settings.neo4j_conf(settings.port()), encoding="utf-8")
        output: list[str] = []
        times.import_s = _timed(lambda: output.append(_run_admin(base, files)))
        times.report = _summary(output[0])
    except BaseException:
        _restore(base, kept)  # a failed import leaves the database as it found it
        raise
    else:
        for path in kept.values():
            shutil.rmtree(path, ignore_errors=True)
    finally:  # and never leaves the server stopped
        times.start_s = _timed(managed.start)
    times.schema_s = _timed(lambda: _schema(managed.default_uri()))
    return times


def _database_dirs(base: Path) -> list[Path]:
    """The user database's store and transaction logs (what an import overwrites)."""
    return [base / "data" / "databases" / DATABASE, base / "data" / "transactions" / DATABASE]


def _set_aside(base: Path) -> dict[Path, Path]:
    """Rename the database's directories beside themselves (the server is stopped): cheap, and
    undone by :func:`_restore` if the import fails."""
    kept = {}
    for path in _database_dirs(base):
        if path.exists():
            aside = path.with_name(f".{path.name}.before-import")
            shutil.rmtree(aside, ignore_errors=True)
            path.rename(aside)
            kept[path] = aside
    return kept


def _restore(base: Path, kept: dict[Path, Path]) -> None:
    for path in _database_dirs(base):
        shutil.rmtree(path, ignore_errors=True)  # whatever the failed import left
    for path, aside in kept.items():
        aside.rename(path)


def _timed(step: Callable[[], object]) -> float:
    began = time.perf_counter()
    step()
    return time.perf_counter() - began


def _refuse_nonempty(uri: str) -> None:
    from tradegraph.neo4j_server.connect import open_neo4j

    store = open_neo4j(uri)
    try:
        n = store.run_read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    finally:
        store.close()
    if n:
        raise StoreError(
            f"the managed Neo4j database holds {n} nodes; a bulk import needs an empty one: "
            "`tradegraph ingest` adds to it instead, or pass --overwrite to replace everything",
            code="TG340",
        )


# The importer's summary lines: each stage's time, the total, what it imported, peak memory.
_SUMMARY = re.compile(r"COMPLETED in|IMPORT DONE|Peak memory|^\s*\d+ (nodes|relationships|properties)$")


def _summary(output: str) -> str:
    """The importer's summary lines in ``output``.

    >>> _summary("Import starting\\nIMPORT DONE in 2s 5ms.\\nImported:\\n  12 nodes\\n  3 relationships")
    'IMPORT DONE in 2s 5ms.\\n12 nodes\\n3 relationships'
    """
    return "\n".join(line.strip() for line in output.splitlines() if _SUMMARY.search(line))


def _run_admin(base: Path, files: CsvFiles) -> str:
    """Run the import; its standard output."""
    cmd, env = admin_command(base)
    done = subprocess.run([*cmd, *files.import_args()], capture_output=True, text=True, env=env, cwd=base)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise StoreError(
            f"neo4j-admin database import failed ({done.returncode}):\n{tail}\n"
            f"the CSVs are in {files.directory}; see {files.directory / 'import.report'}",
            code="TG341",
        )
    return done.stdout


def _schema(uri: str) -> None:
    """Constraints and indexes as the store makes them; empty lists set as the store sets them."""
    from tradegraph.neo4j_server.connect import open_neo4j

    store = open_neo4j(uri)  # connect creates the constraints and indexes
    try:
        with store.driver.session(database=store.database) as session:  # IN TRANSACTIONS needs auto-commit
            for label_property in EMPTY_LISTS:
                session.run(_SET_EMPTY[label_property]).consume()
        store.driver.execute_query("CALL db.awaitIndexes(300)", database_=store.database)
    finally:
        store.close()
