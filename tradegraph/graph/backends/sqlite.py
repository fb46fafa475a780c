"""The embedded store: one SQLite database (standard library ``sqlite3``); needs no server.

A store is a directory holding ``graph.sqlite`` (or a ``.db``/``.sqlite`` file named directly).
WAL mode lets readers go on while one process writes; every write is one ``BEGIN IMMEDIATE``
transaction, so a second writer waits up to ``busy_timeout`` and then fails with TG302, and a
kill at any moment leaves the last committed write. Opening reads nothing that grows with the
store; a directory in the format before SQLite (``snapshot.json`` + ``journal.jsonl``) is
migrated on first open, its files left as they were (``tradegraph.graph.backends.migrate``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from tradegraph.graph.backends import sqlite_holders as holders
from tradegraph.graph.backends import sqlite_sql as sql
from tradegraph.graph.backends.sqlite_damage import (
    check_orphan_wal,
    damage_error,
    read_only_connection,
    unwritable_place,
)
from tradegraph.graph.backends.sqlite_rows import (
    actor_from_row,
    actor_row,
    add_missing_indexes,
    article_from_row,
    article_row,
    chunks,
    folded,
    load_actors,
    load_relations,
    store_error,
    translated,
    write_relations,
)
from tradegraph.graph.errors import NotFoundError, StoreError
from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind
from tradegraph.graph.name_keys import name_keys
from tradegraph.graph.protocol import Traversals
from tradegraph.graph.store import GraphStore

DB_NAME = "graph.sqlite"
FILE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
# How long a writer waits for another process's write transaction before TG302.
BUSY_TIMEOUT_S = 10.0


def database_path(location: str | Path) -> Path:
    """The database file of a store: ``location`` itself when it names a file, else inside it."""
    path = Path(location).expanduser()
    if path.suffix in FILE_SUFFIXES and not path.is_dir():
        return path
    return path / DB_NAME


def spec_path(spec: str) -> str:
    """The path in ``sqlite:PATH``, ``sqlite:///abs/path``, ``file:PATH`` or a plain path."""
    for scheme in ("sqlite:", "file:"):
        if spec.lower().startswith(scheme):
            rest = spec[len(scheme) :]
            return rest[2:] if rest.startswith("//") else rest
    return spec


def open_sqlite(spec: str, *, create: bool = False) -> SQLiteStore:
    """The registry's opener for paths and ``sqlite:``/``file:`` specs."""
    return SQLiteStore(spec_path(spec), create=create)


MMAP_BYTES = 1 << 30


class SQLiteStore(GraphStore):
    """A GraphStore in one SQLite database; ``None`` keeps it in memory only (tests, notebooks)."""

    def __init__(
        self, location: str | Path | None = None, *, create: bool = True, timeout: float = BUSY_TIMEOUT_S
    ) -> None:
        self.path = database_path(location) if location is not None else None
        self.uri = str(
            self.path.parent if self.path and self.path.name == DB_NAME else self.path or ":memory:"
        )
        self.timeout = timeout
        self._indexed = False  # ADDED_INDEXES checked by this connection's first write
        if self.path is not None:
            self._prepare(self.path, create)
        self._conn = self._connect()

    @classmethod
    def open(cls, location: str | Path, *, create: bool = True) -> SQLiteStore:
        return cls(location, create=create)

    # -- opening ----------------------------------------------------------------------------

    def _prepare(self, path: Path, create: bool) -> None:
        from tradegraph.graph.backends import migrate

        if path.name == DB_NAME and migrate.needs_migration(path.parent):
            migrate.migrate_directory(path.parent, timeout=self.timeout)
        if path.exists():
            return
        if not create:
            raise NotFoundError(
                f"there is no store at {self.uri}; check --store (or $TRADEGRAPH_STORE), "
                "or create one with `tradegraph ingest`",
                code="TG351",
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            why = "it is a file, not a directory" if path.parent.is_file() else err.strerror
            raise StoreError(
                f"cannot use {self.uri} as a store: {why}; pass another with --store PATH",
                code="TG313",
            ) from err

    def _connect(self) -> sqlite3.Connection:
        target = str(self.path) if self.path else ":memory:"
        if self.path is not None:
            check_orphan_wal(self.path, self.uri, self.timeout)
        try:
            conn = sqlite3.connect(
                target, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as err:
            raise store_error(self.uri, "open", err) from err
        return self._configured(conn, writable=True)

    def _configured(self, conn: sqlite3.Connection, *, writable: bool) -> sqlite3.Connection:
        try:
            self._configure(conn, writable)
        except sqlite3.DatabaseError as err:
            conn.close()
            if writable and self.path is not None and unwritable_place(self.path, err):
                return self._configured(read_only_connection(self.path, self.uri), writable=False)
            raise damage_error(self.path, self.uri, err, self.timeout) from err
        return conn

    def _configure(self, conn: sqlite3.Connection, writable: bool) -> None:
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path is not None and writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            # Reads through a memory map: a question's index seeks then cost no read() each
            # (who-represents at 1M relationships: about half the time). Virtual, not resident.
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > sql.SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.uri} has schema version {version}; this tradegraph reads up to "
                f"{sql.SCHEMA_VERSION}: upgrade tradegraph",
                code="TG354",
            )
        if version == 0:
            if conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'actors'").fetchone()[0] == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
                if tables:
                    raise StoreError(
                        f"{self.path} is an SQLite database but not a tradegraph store; pass another --store",
                        code="TG354",
                    )
            conn.executescript(sql.SCHEMA + f"PRAGMA user_version = {sql.SCHEMA_VERSION};")

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction, taken up front so a second writer waits here, not halfway."""
        with translated(self.uri, "write to"):
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                if not self._indexed:
                    add_missing_indexes(cur)
                    holders.add_missing(cur)
                    self._indexed = True
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every statement inside sees the same committed state."""
        with translated(self.uri, "read"):
            nested = self._conn.in_transaction
            if not nested:
                self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if not nested and self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    # -- contract: writes -------------------------------------------------------------------

    def upsert(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[Relation] = (),
        articles: Iterable[Article] = (),
    ) -> None:
        actors, relations, articles = list(actors), list(relations), list(articles)
        source = articles[0].id if len(articles) == 1 else ""
        with self._writing() as cur:
            self._write(cur, actors, relations, articles, source)

    def replace_article(
        self, article: Article, actors: Iterable[Actor] = (), relations: Iterable[Relation] = ()
    ) -> None:
        actors, relations = list(actors), list(relations)
        with self._writing() as cur:
            self._forget(cur, article.id)
            self._write(cur, actors, relations, [article], article.id)

    def forget_article(self, article_id: str) -> None:
        with self._writing() as cur:
            self._forget(cur, article_id)

    def clear(self) -> None:
        with self._writing() as cur:
            for statement in sql.CLEAR:
                cur.execute(statement)

    def _write(
        self,
        cur: sqlite3.Cursor,
        actors: list[Actor],
        relations: list[Relation],
        articles: list[Article],
        source: str,
    ) -> None:
        self._check_ends(cur, actors, relations)
        for actor in actors:
            _write_actor(cur, actor, source)
        write_relations(cur, relations)
        holders.refresh(cur, holders.touched(cur, [(r.source, r.kind.value, r.target) for r in relations]))
        cur.executemany(sql.UPSERT_ARTICLE, [article_row(a.metadata()) for a in articles])

    def _check_ends(self, cur: sqlite3.Cursor, actors: list[Actor], relations: list[Relation]) -> None:
        ends = {e for r in relations for e in (r.source, r.target)} - {a.id for a in actors}
        missing = {
            row[0]
            for chunk in chunks(sorted(ends))
            for row in cur.execute(sql.MISSING_ACTORS, {"ids": chunk})
        }
        for rel in relations:
            for end in (rel.source, rel.target):
                if end in missing:
                    raise StoreError(
                        f"relation {rel.key} names actor {end!r}, which is neither stored nor in this "
                        "upsert; upsert the actor together with the relation",
                        code="TG310",
                    )

    def _forget(self, cur: sqlite3.Cursor, article_id: str) -> None:
        relation_ids = [row[0] for row in cur.execute(sql.ARTICLE_RELATIONS, (article_id,))]
        actor_ids = [row[0] for row in cur.execute(sql.ARTICLE_ACTORS, (article_id,))]
        changed = holders.touched(cur, holders.keys_of(cur, relation_ids))
        cur.execute(sql.DELETE_ARTICLE_EVIDENCE, (article_id,))
        cur.execute(sql.DELETE_ARTICLE_FACTS, (article_id,))
        for chunk in chunks(relation_ids):
            cur.execute(sql.DELETE_BARE_RELATIONS, {"ids": chunk})
            cur.execute(sql.RECOMPUTE_KNOWN, {"ids": chunk})
        for chunk in chunks(actor_ids):
            cur.execute(sql.DELETE_ORPHAN_ACTORS, {"ids": chunk})
        _rebuild_actors(cur, actor_ids)
        holders.refresh(cur, changed)
        cur.execute(sql.DELETE_ARTICLE, (article_id,))

    # -- contract: reads --------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        with self.reading() as conn:
            return load_actors(conn, [actor_id]).get(actor_id)

    def actors(self, kind: ActorKind | None = None) -> list[Actor]:
        with self.reading() as conn:
            ids = [
                row[0]
                for row in conn.execute(sql.ALL_ACTOR_IDS, {"kind": ActorKind(kind).value if kind else None})
            ]
            found = load_actors(conn, ids)
        return [found[i] for i in ids]

    def relations(
        self,
        kind: RelationKind | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
    ) -> list[Relation]:
        params: dict[str, Any] = {
            "kind": RelationKind(kind).value if kind else None,
            "source": source,
            "target": target,
            "actor": actor,
        }
        with self.reading() as conn:
            if actor is not None:
                rows = [
                    row
                    for row in conn.execute(sql.RELATIONS_OF_ACTOR, params)
                    if (source is None or row[1] == source) and (target is None or row[3] == target)
                ]
            else:
                anchor = "source" if source else "target" if target else "kind" if kind else None
                rows = conn.execute(sql.RELATIONS_FILTERED[anchor], params).fetchall()
            return load_relations(conn, rows)

    def article(self, article_id: str) -> Article | None:
        with self.reading() as conn:
            row = conn.execute(sql.ARTICLE, (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def articles(self) -> list[Article]:
        with self.reading() as conn:
            return [article_from_row(row) for row in conn.execute(sql.ARTICLES)]

    def traversals(self) -> Traversals:
        from tradegraph.graph.backends.sqlite_traversals import SQLiteTraversals

        return SQLiteTraversals(self)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]


def _write_actor(cur: sqlite3.Cursor, actor: Actor, source: str) -> None:
    """Insert or merge one actor (``Actor.merged``), recording what ``source`` said about it.

    Costs the actor's own aliases and roles, never what other articles said (that is only
    read back by ``_rebuild_actors`` when an article is forgotten).
    """
    row = cur.execute(sql.ACTOR_ROW, (actor.id,)).fetchone()
    old = actor_from_row(row) if row else None
    merged = old.merged(actor) if old else actor
    if merged != old:
        cur.execute(sql.PUT_ACTOR, actor_row(merged))
        cur.executemany(sql.SET_NAME_KEY, [(key, actor.id, rank) for key, rank in name_keys(merged).items()])
    aliases = [*actor.aliases, *((actor.name,) if old and actor.name != old.name else ())]
    facts = [(actor.id, "source", "", "", source)]
    facts += [(actor.id, "alias", folded(a), a, source) for a in aliases]
    facts += [(actor.id, "role", folded(r), r, source) for r in actor.roles]
    if actor.affiliation:
        facts.append((actor.id, "affiliation", actor.affiliation, actor.affiliation, source))
    cur.executemany(sql.INSERT_FACT, facts)


def _rebuild_actors(cur: sqlite3.Cursor, actor_ids: list[str]) -> None:
    """Aliases, roles, affiliation and name keys of these actors from the facts that are left."""
    for chunk in chunks(actor_ids):
        cur.execute(sql.DELETE_NAME_KEYS, {"ids": chunk})
    for actor in load_actors(cur.connection, actor_ids).values():
        said: dict[str, list[str]] = {"alias": [], "role": [], "affiliation": []}
        for field, value in cur.execute(sql.FACTS_OF_ACTOR, (actor.id,)).fetchall():
            said[field].append(value)
        rebuilt = replace(
            actor,
            aliases=tuple(said["alias"]),
            roles=tuple(said["role"]),
            affiliation=said["affiliation"][0] if said["affiliation"] else None,
        )
        cur.execute(sql.PUT_ACTOR, actor_row(rebuilt))
        cur.executemany(sql.SET_NAME_KEY, [(key, actor.id, rank) for key, rank in name_keys(rebuilt).items()])
