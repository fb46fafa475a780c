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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tradegraph.graph.backends.neo4j_rows import _actor_row, _article_row, _relation_row
from tradegraph.graph.model import Actor, Article, Relation

DATABASE = "neo4j"  # Community has one user database
ARRAY = "\x1f"  # unit separator between list elements: never inside a sentence, name or URL
ARRAY_OPTION = "U+001F"
OFF_HEAP = "1g"

Columns = tuple[tuple[str, str], ...]


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
    """The CSVs of one bulk load and how many rows each holds."""

    directory: Path
    counts: dict[str, int] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.csv"

    def import_args(self, database: str = DATABASE) -> list[str]:
        """The arguments after ``neo4j-admin`` that load these files into ``database``."""
        files = [f"--{'nodes' if t.nodes else 'relationships'}={self.path(t.name)}" for t in TABLES]
        return [
            "database",
            "import",
            "full",
            *files,
            f"--array-delimiter={ARRAY_OPTION}",
            "--multiline-fields=true",
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
    row = _relation_row(rel)
    written = row.pop("evidence")
    evidence: dict[str, dict[str, Any]] = {}
    for n, ev in enumerate(written):
        evidence.setdefault(ev["id"], {**ev, "n": n, "labels": ["Evidence"]})
    return {**row, "type": rel.kind.value, "ev_seq": len(written)}, list(evidence.values())


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


def write_csvs(
    actors: Iterable[Actor],
    relations: Iterable[Relation],
    articles: Iterable[Article],
    directory: Path,
    mentions: Iterable[dict[str, Any]] = (),
) -> CsvFiles:
    """Write every CSV of a bulk load into ``directory`` (created when missing).

    ``mentions`` are ``mention_record`` dicts (``tradegraph.bulk`` reads them from its staging).
    """
    directory.mkdir(parents=True, exist_ok=True)
    files = CsvFiles(directory)
    files.counts["actors"] = _write(files.path("actors"), ACTORS.columns, map(actor_record, actors))
    article_ids: set[str] = set()

    def noted(doc: Article) -> dict[str, Any]:
        article_ids.add(doc.id)
        return article_record(doc)

    files.counts["articles"] = _write(files.path("articles"), ARTICLES.columns, map(noted, articles))
    files.counts["mentions"] = _write(files.path("mentions"), MENTIONS.columns, iter(mentions))
    with (
        open(files.path("relations"), "w", encoding="utf-8", newline="") as rel_out,
        open(files.path("evidence"), "w", encoding="utf-8", newline="") as ev_out,
        open(files.path("from"), "w", encoding="utf-8", newline="") as from_out,
    ):
        n_rel = n_ev = n_from = 0
        for out, table in ((rel_out, RELATIONS), (ev_out, EVIDENCE), (from_out, FROM)):
            _header(out, table.columns)
        for rel in relations:
            row, evidence = relation_records(rel)
            _line(rel_out, RELATIONS.columns, row)
            n_rel += 1
            for ev in evidence:
                _line(ev_out, EVIDENCE.columns, ev)
                n_ev += 1
                if ev["article_id"] in article_ids:
                    _line(from_out, FROM.columns, {**ev, "type": "FROM"})
                    n_from += 1
    files.counts.update(relations=n_rel, evidence=n_ev, links=n_from)
    return files


def _write(path: Path, columns: Columns, rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        _header(out, columns)
        for row in rows:
            _line(out, columns, row)
            n += 1
    return n


def _header(out: IO[str], columns: Columns) -> None:
    out.write(",".join(header for header, _ in columns) + "\n")


def _line(out: IO[str], columns: Columns, row: dict[str, Any]) -> None:
    out.write(",".join(_cell(row.get(key)) for _, key in columns) + "\n")


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
