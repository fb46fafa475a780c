"""Bulk load of an empty Neo4j: extract articles as ``tradegraph ingest`` does, into the CSVs of
``neo4j-admin database import`` (``tradegraph.neo4j_server.bulk_csv``), and load them.

The graph is gathered in an embedded store first, so actors merge and evidence accumulates
exactly as in a transactional ingest; that store's record of what each article said about an
actor becomes the ``(:Mention)`` nodes, so forgetting an article later works as after an ingest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tradegraph.graph.backends import sqlite_sql
from tradegraph.graph.backends.sqlite import SQLiteStore
from tradegraph.ingest import IngestReport, ingest
from tradegraph.neo4j_server.bulk import ImportTimes, import_into_managed, printable_command, printable_finish
from tradegraph.neo4j_server.bulk_csv import CsvFiles, mention_record, write_csvs

__all__ = [
    "CsvFiles",
    "ImportTimes",
    "import_into_managed",
    "mentions",
    "printable_command",
    "printable_finish",
    "stage",
]


def stage(
    paths: Iterable[str | os.PathLike[str]], directory: Path, pool: Any = None
) -> tuple[CsvFiles, IngestReport]:
    """Extract and resolve ``paths`` as ``tradegraph ingest`` does, into CSVs under ``directory``.

    The graph is gathered in an embedded store under ``directory/staging`` first.

    Returns:
        The CSV files and the ingest report (failures name their article, as in ingest).
    """
    staging = SQLiteStore.open(directory / "staging")
    try:
        report = ingest(paths, staging, pool=pool)
        files = write_csvs(
            staging.actors(), staging.relations(), staging.articles(), directory, mentions=mentions(staging)
        )
    finally:
        staging.close()
    return files, report


def mentions(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """The ``(:Mention)`` records of what each article (``""``: a write of several) said about
    each actor, from the embedded store's facts, numbered in the order first written."""
    said: dict[tuple[str, str], dict[str, Any]] = {}
    with store.reading() as conn:
        for actor_id, article_id, kind, value, seq in conn.execute(sqlite_sql.ALL_FACTS):
            m = said.get((actor_id, article_id))
            if m is None:
                m = said[actor_id, article_id] = mention_record(actor_id, article_id, [], [], None, seq)
            if kind == "alias" and value not in m["aliases"]:
                m["aliases"].append(value)
            elif kind == "role" and value not in m["roles"]:
                m["roles"].append(value)
            elif kind == "affiliation" and m["affiliation"] is None:
                m["affiliation"] = value
    yield from said.values()
