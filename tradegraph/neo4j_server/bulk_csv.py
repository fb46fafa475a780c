"""The CSVs of a bulk load (``neo4j-admin database import full``): the graph the Neo4j store writes.

One file per node label or relationship type family, each declared once below as (CSV header,
record key), from the same row builders as the store's transactional writes
(``tradegraph.graph.backends.neo4j_rows``): ``(:Actor:<Kind>)``, ``(:Article)``, ``(:Mention)``
(what each article said about an actor), the typed relationships between actors with their
summaries (``key``, dates, ``role``, ``known_from``, ``confidence``, ``ev_seq``), one
``(:Evidence)`` node per piece of evidence and its ``-[:FROM]->`` link to a stored article.
A ``None`` cell is an absent property, as in the store; text is quoted, so an empty string stays one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradegraph.graph.backends.neo4j_rows import _actor_row, _article_row, _relation_row
from tradegraph.graph.model import Actor, Article, Relation, RelationKind
from tradegraph.neo4j_server.bulk_rows import (
    ARRAY as ARRAY,  # re-exported: tests and callers read it here
)
from tradegraph.neo4j_server.bulk_rows import (
    Columns,
    Sink,
    Written,
    no_cycle_collection,
    relation_lines,
    write_records,
)

DATABASE = "neo4j"  # Community has one user database
ARRAY_OPTION = "U+001F"
OFF_HEAP = "1g"


@dataclass(frozen=True)
class Table:
    """One CSV: its file stem, whether it holds nodes or relationships, and its columns."""

    name: str
    nodes: bool
    columns: Columns


ACTORS = Table(
    "actors",
    True,
    (
        ("id:ID(Actor)", "id"),
        (":LABEL", "labels"),
        ("name", "name"),
        ("kind", "kind"),
        ("aliases:string[]", "aliases"),
        ("roles:string[]", "roles"),
        ("affiliation", "affiliation"),
        ("external_ids", "external_ids"),
    ),
)
ARTICLES = Table(
    "articles",
    True,
    (
        ("id:ID(Article)", "id"),
        (":LABEL", "labels"),
        ("url", "url"),
        ("title", "title"),
        ("source", "source"),
        ("published:date", "published"),
        ("text_hash", "text_hash"),
    ),
)
MENTIONS = Table(
    "mentions",
    True,
    (
        ("id:ID(Mention)", "id"),
        (":LABEL", "labels"),
        ("actor_id", "actor_id"),
        ("article_id", "article_id"),
        ("aliases:string[]", "aliases"),
        ("roles:string[]", "roles"),
        ("affiliation", "affiliation"),
        ("n:long", "n"),
    ),
)
RELATIONS = Table(
    "relations",
    False,
    (
        (":START_ID(Actor)", "source"),
        (":END_ID(Actor)", "target"),
        (":TYPE", "type"),
        ("key", "key"),
        ("valid_from:date", "valid_from"),
        ("valid_to:date", "valid_to"),
        ("role", "role"),
        ("known_from", "known_from"),
        ("confidence:double", "confidence"),
        ("ev_seq:long", "ev_seq"),
        ("last_reported", "last_reported"),
        ("support:long", "support"),
    ),
)
EVIDENCE = Table(
    "evidence",
    True,
    (
        ("id:ID(Evidence)", "id"),
        (":LABEL", "labels"),
        ("relation", "relation"),
        ("source", "source"),
        ("kind", "kind"),
        ("target", "target"),
        ("article_id", "article_id"),
        ("sentence", "sentence"),
        ("url", "url"),
        ("date", "date"),
        ("confidence:double", "confidence"),
        ("provenance", "provenance"),
        ("n:long", "n"),
    ),
)
FROM = Table(
    "from", False, ((":START_ID(Evidence)", "id"), (":END_ID(Article)", "article_id"), (":TYPE", "type"))
)
TABLES = (ACTORS, ARTICLES, MENTIONS, RELATIONS, EVIDENCE, FROM)

# List properties the store always sets (``[]`` when empty), which the importer leaves absent
# when empty: set after the import (``tradegraph.neo4j_server.bulk``).
EMPTY_LISTS = (("Actor", "aliases"), ("Actor", "roles"), ("Mention", "aliases"), ("Mention", "roles"))


@dataclass
class CsvFiles:
    """The CSVs of one bulk load: the files of each table (the first holds the header; more are
    shards written in parallel), how many rows each table holds, and the files with a field that
    spans lines (the importer parses only those the slow, multi-line way)."""

    directory: Path
    counts: dict[str, int] = field(default_factory=dict)
    parts: dict[str, list[Path]] = field(default_factory=dict)
    multiline: list[Path] = field(default_factory=list)

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.csv"

    def files(self, name: str) -> list[Path]:
        return self.parts.get(name) or [self.path(name)]

    def import_args(self, database: str = DATABASE) -> list[str]:
        """The arguments after ``neo4j-admin`` that load these files into ``database``."""
        files = [
            f"--{'nodes' if t.nodes else 'relationships'}={','.join(map(str, self.files(t.name)))}"
            for t in TABLES
        ]
        multiline = (
            ["--multiline-fields-format=v2", f"--multiline-fields={','.join(map(str, self.multiline))}"]
            if self.multiline
            else ["--multiline-fields=false"]
        )
        return [
            "database",
            "import",
            "full",
            *files,
            f"--array-delimiter={ARRAY_OPTION}",
            *multiline,
            "--overwrite-destination=true",
            f"--max-off-heap-memory={OFF_HEAP}",
            f"--report-file={self.directory / 'import.report'}",
            database,
        ]


# -- records: the store's rows, with labels and types -----------------------------------------


def actor_record(actor: Actor) -> dict[str, Any]:
    return {**_actor_row(actor), "labels": ["Actor", actor.kind.value]}


def article_record(article: Article) -> dict[str, Any]:
    row = _article_row(article)
    published = row.get("published")
    return {**row, "published": published.isoformat() if published else None, "labels": ["Article"]}


def relation_records(rel: Relation) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The relationship's record and its evidence nodes' (numbered in the order written).

    Evidence repeated (same article and sentence) is one node, the first, as the store's MERGE
    makes it; it still counts in the numbering, as there.
    """
    row = _relation_row(rel)  # fresh dicts: completed in place
    written = row.pop("evidence")
    evidence: dict[str, dict[str, Any]] = {}
    for n, ev in enumerate(written):
        if ev["id"] not in evidence:
            ev["n"], ev["labels"] = n, _EVIDENCE_LABELS
            evidence[ev["id"]] = ev
    row["type"], row["ev_seq"] = rel.kind.value, len(written)
    if rel.kind is RelationKind.REPRESENTS:  # the ranking keys (neo4j_cypher.REPRESENTS_SUMMARY)
        row["last_reported"] = max((e["date"] for e in written if e["date"] is not None), default=None)
        row["support"] = len({e["article_id"] for e in written})
    return row, list(evidence.values())


_EVIDENCE_LABELS = ["Evidence"]


def mention_record(
    actor_id: str, article_id: str, aliases: list[str], roles: list[str], affiliation: str | None, n: int
) -> dict[str, Any]:
    """A ``(:Mention)`` as ``neo4j_mentions.WRITE`` makes it (``article_id`` ``""``: no one article)."""
    return {
        "id": f"{actor_id}\x1f{article_id}",
        "labels": ["Mention"],
        "actor_id": actor_id,
        "article_id": article_id,
        "aliases": aliases,
        "roles": roles,
        "affiliation": affiliation,
        "n": n,
    }


def unattributed_mentions(actors: Iterable[Actor]) -> Iterator[dict[str, Any]]:
    """The mentions an upsert of ``actors`` without one article writes (for graphs not staged)."""
    for n, a in enumerate(actors):
        yield mention_record(a.id, "", list(a.aliases), list(a.roles), a.affiliation, n)


# -- writing -------------------------------------------------------------------------------------

CHUNK = 20_000  # relationships formatted per buffer
SHARD_MIN = 100_000  # relationships worth a process of their own

# What forked shard writers read: set before the fork, so nothing is pickled.
_shared: tuple[list[Relation], set[str], Path] | None = None


def write_csvs(
    actors: Iterable[Actor],
    relations: Iterable[Relation],
    articles: Iterable[Article],
    directory: Path,
    mentions: Iterable[dict[str, Any]] = (),
    processes: int | None = None,
) -> CsvFiles:
    """Write every CSV of a bulk load into ``directory`` (created when missing).

    ``mentions`` are ``mention_record`` dicts (``tradegraph.bulk`` reads them from its staging).
    The relationships, their evidence and its links are written in shards by up to ``processes``
    forked processes (default: one per CPU, one per ``SHARD_MIN`` relationships), this one included,
    when this process runs no other thread.
    """
    global _shared
    directory.mkdir(parents=True, exist_ok=True)
    files = CsvFiles(directory)
    docs = list(map(article_record, articles))
    rels = relations if isinstance(relations, list) else list(relations)
    n = _shard_count(len(rels), processes)
    bounds = [len(rels) * i // n for i in range(n + 1)]
    shards = [(bounds[i], bounds[i + 1], i) for i in range(n)]
    _shared = (rels, {doc["id"] for doc in docs}, directory)
    try:
        with no_cycle_collection(), _forked(n - 1) as pool:
            others = pool.map_async(_write_shard, shards[1:]) if pool is not None else None
            for table, records in (
                (ACTORS, map(actor_record, actors)),
                (ARTICLES, iter(docs)),
                (MENTIONS, mentions),
            ):
                _collect(files, table.name, [write_records(files.path(table.name), table.columns, records)])
            written = [_write_shard(shards[0]), *(others.get() if others is not None else [])]
    finally:
        _shared = None
    for table in (RELATIONS, EVIDENCE, FROM):
        _collect(files, table.name, [shard[table.name] for shard in written])
    files.counts["links"] = files.counts.pop("from")
    return files


def _collect(files: CsvFiles, name: str, written: list[Written]) -> None:
    files.parts[name] = [path for path, _, _ in written]
    files.counts[name] = sum(rows for _, rows, _ in written)
    files.multiline.extend(path for path, _, multiline in written if multiline)


def _shard_count(relations: int, processes: int | None) -> int:
    """How many processes write relationships: one unless this process can fork safely, i.e. it
    runs no other thread (a Dask client's, say) whose locks a child could inherit held."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(processes or os.cpu_count() or 1, relations // SHARD_MIN))


@contextmanager
def _forked(n: int) -> Iterator[Any]:
    """A pool of ``n`` forked processes (None for none): they read ``_shared`` as it was."""
    if n < 1:
        yield None
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(n) as pool:
        yield pool


def _write_shard(shard: tuple[int, int, int]) -> dict[str, Written]:
    """Relationships ``[start, end)`` of ``_shared``, their evidence nodes and ``FROM`` links;
    shard 0 in the files named after their tables (with the header), shard i in ``<table>.<i>.csv``."""
    start, end, i = shard
    assert _shared is not None
    relations, article_ids, directory = _shared
    sinks = {
        t.name: Sink(directory / (f"{t.name}.csv" if i == 0 else f"{t.name}.{i}.csv"), t.columns, i == 0)
        for t in (RELATIONS, EVIDENCE, FROM)
    }
    try:
        for begin in range(start, end, CHUNK):
            rows: list[str] = []
            evidence: list[str] = []
            links: list[str] = []
            for rel in relations[begin : min(begin + CHUNK, end)]:
                relation_lines(rel, article_ids, rows, evidence, links)
            sinks["relations"].add_lines(rows)
            sinks["evidence"].add_lines(evidence)
            sinks["from"].add_lines(links)
    finally:
        for sink in sinks.values():
            sink.close()
    return {name: sink.written() for name, sink in sinks.items()}
