"""Bulk load of an empty Neo4j database: node and relationship CSVs for ``neo4j-admin database import``.

The CSVs hold exactly what the Neo4j store writes transactionally (the same rows as
``tradegraph.graph.backends.neo4j``: ids, labels, properties, evidence lists and their summaries),
so a database loaded in bulk answers every question as one filled by ``tradegraph ingest``, and
later ingests add to it as usual. Each column is declared once below, as (header, row field).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradegraph.graph.backends.neo4j import _actor_row, _article_row, _relation_row
from tradegraph.graph.errors import StoreError
from tradegraph.graph.model import Actor, Article, Relation

DATABASE = "neo4j"  # Community has one user database
ARRAY = "\x1f"  # unit separator between list elements: never inside a sentence, name or URL
ARRAY_OPTION = "U+001F"
ADMIN_HEAP = "1g"
OFF_HEAP = "1g"

# The importer reads an empty list element ("" for an evidence without URL or date) as no
# element, so such lists travel as one joined string and are split after the import.
SPLIT_LATER = "_split_"
SPLIT_PROPERTIES = ("ev_urls", "ev_dates")

# (CSV header, key of the store's row); a ``None`` cell is an absent property, as in the store.
ACTOR_COLUMNS = (
    ("id:ID(Actor)", "id"),
    (":LABEL", "labels"),
    ("name", "name"),
    ("kind", "kind"),
    ("aliases:string[]", "aliases"),
    ("roles:string[]", "roles"),
    ("affiliation", "affiliation"),
    ("external_ids", "external_ids"),
)
ARTICLE_COLUMNS = (
    ("id:ID(Article)", "id"),
    (":LABEL", "labels"),
    ("url", "url"),
    ("title", "title"),
    ("source", "source"),
    ("published:date", "published"),
    ("text_hash", "text_hash"),
)
RELATION_COLUMNS = (
    (":START_ID(Actor)", "source"),
    (":END_ID(Actor)", "target"),
    (":TYPE", "type"),
    ("valid_from:date", "valid_from"),
    ("valid_to:date", "valid_to"),
    ("role", "role"),
    ("ev_article_ids:string[]", "ids"),
    ("ev_sentences:string[]", "sentences"),
    ("ev_urls:string[]", "urls"),
    ("ev_dates:string[]", "dates"),
    (f"{SPLIT_LATER}ev_urls", f"{SPLIT_LATER}urls"),
    (f"{SPLIT_LATER}ev_dates", f"{SPLIT_LATER}dates"),
    ("ev_confidences:double[]", "confidences"),
    ("support:long", "support"),
    ("confidence:double", "confidence"),
)


@dataclass
class CsvFiles:
    """The CSVs of one bulk load and how many rows each holds."""

    directory: Path
    actors: Path
    articles: Path
    relations: Path
    counts: dict[str, int] = field(default_factory=dict)

    def import_args(self, database: str = DATABASE) -> list[str]:
        """The arguments after ``neo4j-admin`` that load these files into ``database``."""
        return [
            "database",
            "import",
            "full",
            f"--nodes={self.actors}",
            f"--nodes={self.articles}",
            f"--relationships={self.relations}",
            f"--array-delimiter={ARRAY_OPTION}",
            "--multiline-fields=true",
            "--overwrite-destination=true",
            f"--max-off-heap-memory={OFF_HEAP}",
            f"--report-file={self.directory / 'import.report'}",
            database,
        ]


def actor_record(actor: Actor) -> dict[str, Any]:
    row = _actor_row(actor)
    return {**row, "labels": ["Actor", actor.kind.value]}


def article_record(article: Article) -> dict[str, Any]:
    row = _article_row(article)
    published = row.get("published")
    return {**row, "published": published.isoformat() if published else None, "labels": ["Article"]}


def relation_record(rel: Relation) -> dict[str, Any]:
    row = _relation_row(rel)
    confidences = row["confidences"]
    for key in ("urls", "dates"):
        if "" in row[key]:
            row[SPLIT_LATER + key] = ARRAY.join(row.pop(key))
    return {
        **row,
        "type": rel.kind.value,
        "support": len(set(row["ids"])),
        "confidence": max(confidences, default=0.0),
    }


def write_csvs(
    actors: Iterable[Actor], relations: Iterable[Relation], articles: Iterable[Article], directory: Path
) -> CsvFiles:
    """Write the three CSVs of a bulk load into ``directory`` (created when missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    files = CsvFiles(
        directory, directory / "actors.csv", directory / "articles.csv", directory / "relations.csv"
    )
    files.counts["actors"] = _write(files.actors, ACTOR_COLUMNS, map(actor_record, actors))
    files.counts["articles"] = _write(files.articles, ARTICLE_COLUMNS, map(article_record, articles))
    files.counts["relations"] = _write(files.relations, RELATION_COLUMNS, map(relation_record, relations))
    return files


def _write(path: Path, columns: tuple[tuple[str, str], ...], rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header for header, _ in columns) + "\n")
        for row in rows:
            out.write(",".join(_cell(row.get(key)) for _, key in columns) + "\n")
            n += 1
    return n


def _cell(value: Any) -> str:
    """One CSV field: empty for None (no property), quoted text with quotes doubled otherwise."""
    if value is None:
        return ""
    kind = value.__class__  # exact-type dispatch: this runs for every field of a million rows
    if kind is str:
        text = value
    elif kind is list:
        text = ARRAY.join(v if v.__class__ is str else _text(v) for v in value)
    else:
        text = _text(value)
    if '"' in text:
        text = text.replace('"', '""')
    return f'"{text}"'


def _text(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


# -- running the admin tool ------------------------------------------------------------------------


def admin_command(base: Path) -> tuple[list[str], dict[str, str]]:
    """The java command line and environment of ``neo4j-admin`` from the managed server's jars."""
    from tradegraph.neo4j_server import settings

    cmd = ["java", f"-Xmx{ADMIN_HEAP}", "-cp", str(base / "lib" / "*"), settings.ADMIN_TOOL]
    return cmd, {**os.environ, "NEO4J_HOME": str(base), "NEO4J_CONF": str(base / "conf")}


def printable_command(files: CsvFiles) -> str:
    """What to run on a user's own server (stopped, database empty or to be overwritten)."""
    return shlex.join(["neo4j-admin", *files.import_args()])


@dataclass
class ImportTimes:
    """Seconds spent in each step of a bulk load into the managed server."""

    stop_s: float = 0.0
    import_s: float = 0.0
    start_s: float = 0.0
    schema_s: float = 0.0


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
    for sub in ("conf", "logs", "data", "run"):
        (base / sub).mkdir(exist_ok=True)
    (base / "conf" / "neo4j.conf").write_text(settings.neo4j_conf(settings.port()), encoding="utf-8")
    times.import_s = _timed(lambda: _run_admin(base, files))
    times.start_s = _timed(managed.start)
    times.schema_s = _timed(lambda: _schema(managed.default_uri()))
    return times


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


def _run_admin(base: Path, files: CsvFiles) -> None:
    cmd, env = admin_command(base)
    done = subprocess.run([*cmd, *files.import_args()], capture_output=True, text=True, env=env, cwd=base)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise StoreError(
            f"neo4j-admin database import failed ({done.returncode}):\n{tail}\n"
            f"the CSVs are in {files.directory}; see {files.directory / 'import.report'}",
            code="TG341",
        )


def _schema(uri: str) -> None:
    """Constraints and indexes as the store makes them; lists with empty elements split."""
    from tradegraph.neo4j_server.connect import open_neo4j

    store = open_neo4j(uri)  # connect creates the constraints and indexes
    try:
        with store.driver.session(database=store.database) as session:  # IN TRANSACTIONS needs auto-commit
            for name in SPLIT_PROPERTIES:
                session.run(_split_statement(name), sep=ARRAY).consume()
        store.driver.execute_query("CALL db.awaitIndexes(300)", database_=store.database)
    finally:
        store.close()


def _split_statement(name: str) -> str:
    if name not in SPLIT_PROPERTIES:  # the one place a property name enters Cypher text
        raise ValueError(f"refusing {name!r} as a property to split")
    joined = SPLIT_LATER + name
    return f"""
MATCH ()-[r]->() WHERE r.{joined} IS NOT NULL
CALL (r) {{ SET r.{name} = split(r.{joined}, $sep) REMOVE r.{joined} }} IN TRANSACTIONS OF 10000 ROWS
"""


def stage(paths: Iterable[str | os.PathLike[str]], directory: Path, pool: Any = None) -> tuple[CsvFiles, Any]:
    """Extract and resolve ``paths`` as ``tradegraph ingest`` does, into CSVs under ``directory``.

    The graph is gathered in an embedded store under ``directory/staging`` first, so actors
    merge and evidence accumulates exactly as in a transactional ingest.

    Returns:
        The CSV files and the ingest report (failures name their article, as in ingest).
    """
    from tradegraph.graph.backends.memory import MemoryStore
    from tradegraph.ingest import ingest

    with MemoryStore.open(directory / "staging") as staging:
        report = ingest(paths, staging, pool=pool)
        files = write_csvs(staging.actors(), staging.relations(), staging.articles(), directory)
    return files, report
