"""The Neo4j store: the GraphStore contract over the Bolt driver, for graphs shared or too big for memory.

Schema: ``(:Actor:Person|:Country|:Organization {id, name, kind, aliases, roles, affiliation,
external_ids})`` with ``external_ids`` a JSON string; ``(:Article {id, url, title, source,
published, text_hash})``; relationships typed by the RelationKind value carrying ``key`` ("source
KIND target"), ``valid_from``, ``valid_to`` (dates, absent when unknown), ``role``, ``known_from``
(earliest evidence date as ISO text, ``""`` when some evidence is undated) and ``confidence``
(the best evidence's); a REPRESENTS also ``last_reported`` (latest evidence date, ISO text) and
``support`` (distinct articles), the keys who-represents ranks holders by. Each piece of evidence
is a node ``(:Evidence {id, relation, source, kind, target, article_id, sentence, url, date,
confidence, provenance, n})`` whose ``relation`` is the relationship's ``key``, linked
``-[:FROM]->`` to its article when stored, so a Browser user follows relation -> evidence ->
article, and adding evidence never rewrites what is there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from tradegraph.graph.backends import neo4j_cypher as cy
from tradegraph.graph.backends import neo4j_mentions as mentions
from tradegraph.graph.backends.neo4j_rows import (
    _actor_row,
    _article,
    _article_row,
    _relation,
    _relation_row,
    actor_from_props,
    evidence_id,
    relation_from_record,
    relation_key,
)
from tradegraph.graph.errors import StoreError, StoreUnavailableError
from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind
from tradegraph.graph.protocol import Traversals
from tradegraph.graph.store import GraphStore

ALL_KINDS = [k.value for k in RelationKind]
CLEAR_BATCH = 10_000
# Rows per UNWIND statement; all batches of one upsert still share its one transaction.
# 5000 beat 1000 by 5-10% in the benchmark sweep (fewer round trips); larger gained nothing.
WRITE_BATCH = 5_000
# What a CREATE ... IF NOT EXISTS fails with when another connection created the same rule
# between the server's existence test and its own write (seen in CI: two processes connecting
# to an empty database at once).
_SCHEMA_RACE_CODES = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
    }
)


class Neo4jStore(GraphStore):
    """A GraphStore in a Neo4j database; ``driver`` and ``run_read`` are open to query code."""

    def __init__(self, driver: Any, uri: str, database: str | None = None) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database
        self._session: Any = None

    @classmethod
    def connect(
        cls, uri: str, *, auth: tuple[str, str] | None = None, database: str | None = None
    ) -> Neo4jStore:
        """Connect to ``uri`` with ``auth`` (user, password) and create the schema if missing.

        Credentials written in ``uri`` are used when ``auth`` is None; messages name the URI
        without them. ``tradegraph.neo4j_server.connect`` finds the credentials of a URI.
        """
        from neo4j import GraphDatabase

        from tradegraph.graph.redact import split_uri

        shown, user, password = split_uri(uri)
        if auth is None and user is not None:
            auth = (user, password or "")
        store = cls(None, shown, database)
        try:
            with store._translated("connect"):
                store.driver = GraphDatabase.driver(shown, auth=auth if auth and auth[1] else None)
                store.driver.verify_connectivity()
                store.ensure_schema()
        except StoreError:
            store.close()
            raise
        return store

    def ensure_schema(self) -> None:
        """Create the constraints and indexes the store relies on, where they are missing.

        Two connections to an empty database at once can both pass the server's "not exists"
        test of a ``CREATE ... IF NOT EXISTS``; the second then fails with an "already exists"
        code although the rule it asked for is there. That is the outcome asked for, so it is
        taken as done.
        """
        from neo4j.exceptions import ClientError

        for statement in (*cy.SCHEMA, *mentions.SCHEMA):
            try:
                self.driver.execute_query(statement, database_=self.database)
            except ClientError as err:
                if err.code not in _SCHEMA_RACE_CODES:
                    raise

    # -- contract: writes -------------------------------------------------------------------

    def upsert(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[Relation] = (),
        articles: Iterable[Article] = (),
    ) -> None:
        actors_by_id = _fold(actors, lambda a: a.id)
        relations_by_key = _fold(relations, lambda r: r.key)
        docs = {a.id: a for a in articles}
        if not (actors_by_id or relations_by_key or docs):
            return
        self._write(
            lambda tx: self._upsert_tx(tx, actors_by_id, list(relations_by_key.values()), list(docs.values()))
        )

    def replace_article(
        self, article: Article, actors: Iterable[Actor] = (), relations: Iterable[Relation] = ()
    ) -> None:
        actors_by_id = _fold(actors, lambda a: a.id)
        relations_by_key = _fold(relations, lambda r: r.key)

        def replace(tx: Any) -> None:
            tx.run(cy.FORGET_ARTICLE, article_id=article.id).consume()
            mentions.take_back(tx, article.id)
            self._upsert_tx(tx, actors_by_id, list(relations_by_key.values()), [article])

        self._write(replace)

    def _write(self, work: Any) -> None:
        """One managed write transaction; the driver retries it on transient errors (deadlocks,
        a concurrent writer merging the same new actor), so no merge is lost."""
        with self._translated("write"), self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def _upsert_tx(
        self, tx: Any, actors: dict[str, Actor], relations: list[Relation], articles: list[Article]
    ) -> None:
        _write_actors(tx, actors, articles[0].id if len(articles) == 1 else "")
        for batch in _batches([_article_row(a) for a in articles]):
            tx.run(cy.WRITE_ARTICLES, rows=batch).consume()
        by_kind: dict[RelationKind, list[dict[str, Any]]] = defaultdict(list)
        for rel in relations:
            by_kind[rel.kind].append(_relation_row(rel))
        written = 0
        for rel_kind, rows in by_kind.items():
            for batch in _batches(rows):
                written += tx.run(cy.write_relations(rel_kind), rows=batch).single(strict=True)["written"]
        if written < len(relations):  # raising rolls the whole transaction back: nothing is written
            _refuse_missing_ends(tx, actors, relations)

    def forget_article(self, article_id: str) -> None:
        def forget(tx: Any) -> None:
            tx.run(cy.FORGET_ARTICLE, article_id=article_id).consume()
            mentions.take_back(tx, article_id)

        self._write(forget)

    def clear(self) -> None:
        with self._translated("write"):
            for statement in (cy.CLEAR_RELATIONS, cy.CLEAR_NODES):
                while self.driver.execute_query(
                    statement, batch=CLEAR_BATCH, database_=self.database
                ).records[0]["n"]:
                    pass

    # -- contract: reads --------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        rows = self.run_read(cy.ACTOR, id=actor_id)
        return actor_from_props(rows[0]["a"]) if rows else None

    def actors(self, kind: ActorKind | None = None) -> list[Actor]:
        rows = self.run_read(cy.ACTORS, kind=ActorKind(kind).value if kind else None)
        return sorted((actor_from_props(row["a"]) for row in rows), key=lambda a: a.id)

    def relations(
        self,
        kind: RelationKind | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
    ) -> list[Relation]:
        anchor = "source" if source else "target" if target else "actor" if actor else None
        kinds = [RelationKind(kind).value] if kind else ALL_KINDS
        rows = self.run_read(cy.relations(anchor), kinds=kinds, source=source, target=target, actor=actor)
        return sorted((_relation(row) for row in rows), key=lambda r: r.key)

    def article(self, article_id: str) -> Article | None:
        rows = self.run_read(cy.ARTICLE, id=article_id)
        return _article(rows[0]["a"]) if rows else None

    def articles(self) -> list[Article]:
        return sorted((_article(row["a"]) for row in self.run_read(cy.ARTICLES)), key=lambda a: a.id)

    def traversals(self) -> Traversals:
        from tradegraph.graph.backends.neo4j_queries import Neo4jTraversals

        return Neo4jTraversals(self)

    def articles_by_id(self, article_ids: Iterable[str]) -> dict[str, Article]:
        docs = (_article(row["a"]) for row in self.run_read(cy.ARTICLES_BY_ID, ids=list(set(article_ids))))
        return {doc.id: doc for doc in docs}

    def run_read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher`` as one auto-commit read; each record as a dict (nodes stay driver Nodes).

        Auto-commit on a session kept open sends RUN and PULL in one round trip, where
        ``execute_query`` adds BEGIN and COMMIT and a session per call adds its set-up
        (benchmarks/queries.py measures the three); one read statement needs no retry.
        """
        with self._translated("read"):
            try:
                return [dict(record.items()) for record in self._reader().run(cypher, params)]
            except BaseException:
                self._drop_reader()  # a failed session may be unusable; the next read opens another
                raise

    def _reader(self) -> Any:
        if self._session is None:
            from neo4j import READ_ACCESS

            # No notifications: the store reads none, and a statement naming a property no
            # relationship has yet (``valid_to`` before anything ended) drew a warning on every
            # call, which the driver formats and logs (benchmarks/README.md).
            self._session = self.driver.session(
                database=self.database, default_access_mode=READ_ACCESS, notifications_min_severity="OFF"
            )
        return self._session

    def _drop_reader(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:  # noqa: BLE001 - closing a broken session must not hide the first error
                pass
            self._session = None

    def close(self) -> None:
        self._drop_reader()
        if self.driver is not None:
            self.driver.close()
            self.driver = None

    # -- errors -----------------------------------------------------------------------------

    @contextmanager
    def _translated(self, doing: str) -> Iterator[None]:
        """Turn driver errors into the project's, naming the URI and the fix."""
        from neo4j.exceptions import (
            AuthError,
            DriverError,
            Forbidden,
            Neo4jError,
            ServiceUnavailable,
            SessionExpired,
        )

        try:
            yield
        except (ServiceUnavailable, SessionExpired, OSError) as err:
            raise StoreUnavailableError(
                f"cannot reach Neo4j at {self.uri}: is it running? try `tradegraph neo4j start` "
                f"({type(err).__name__})",
                code="TG301",
            ) from err
        except (AuthError, Forbidden) as err:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} refused the credentials: set NEO4J_USER and NEO4J_PASSWORD, "
                "or write them in the URI before the host (user:password@host:port)",
                code="TG320",
            ) from err
        except Neo4jError as err:
            raise StoreError(
                f"Neo4j at {self.uri} failed to {doing}: {err.code}: {err.message}", code="TG321"
            ) from err
        except (DriverError, ValueError) as err:
            raise StoreUnavailableError(
                f"cannot use Neo4j at {self.uri}: {err}; check the URI", code="TG322"
            ) from err


def _refuse_missing_ends(tx: Any, actors: dict[str, Actor], relations: list[Relation]) -> None:
    """Raise for the first relation whose end is neither stored nor among ``actors``.

    Called only when a relation write matched fewer rows than it was sent, so the common case
    costs no extra round trip; the caller's transaction then rolls back.
    """
    ends = {end for r in relations for end in (r.source, r.target)} - actors.keys()
    found = {rec["id"] for ids in _batches(sorted(ends)) for rec in tx.run(cy.EXISTING_ACTOR_IDS, ids=ids)}
    for rel in relations:
        for end in (rel.source, rel.target):
            if end in ends and end not in found:
                raise StoreError(
                    f"relation {rel.key} names actor {end!r}, which is neither stored nor in this "
                    "upsert; upsert the actor together with the relation",
                    code="TG310",
                )
    raise StoreError(
        f"fewer than the {len(relations)} relations were written although every end is stored "
        "now (an actor deleted concurrently?); retry the upsert",
        code="TG310",
    )


def _write_actors(tx: Any, actors: dict[str, Actor], source: str = "") -> None:
    """Merge with the stored actors through ``Actor.merged``, so both stores merge alike."""
    stored: dict[str, Actor] = {}
    for ids in _batches(sorted(actors)):
        rows = tx.run(cy.LOCK_AND_READ_ACTORS, ids=ids)
        stored.update(
            (rec["a"]["id"], actor_from_props(rec["a"])) for rec in rows if rec["a"].get("name") is not None
        )
    by_kind: dict[ActorKind, list[dict[str, Any]]] = defaultdict(list)
    for actor in actors.values():
        old = stored.get(actor.id)
        by_kind[actor.kind].append(_actor_row(old.merged(actor) if old else actor))
    for actor_kind, rows in by_kind.items():
        for batch in _batches(rows):
            tx.run(cy.write_actors(actor_kind), rows=batch).consume()
    for batch in _batches(mentions.mention_rows(actors.values(), stored, source)):
        tx.run(mentions.WRITE, rows=batch).consume()


def _batches(rows: list[Any], size: int | None = None) -> Iterator[list[Any]]:
    size = size or WRITE_BATCH  # read at call time, so a benchmark can sweep it
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _fold(items: Iterable[Any], key: Any) -> dict[Any, Any]:
    """Merge items with the same key using the model's own ``merged``, so one row per key is written."""
    out: dict[Any, Any] = {}
    for item in items:
        k = key(item)
        out[k] = out[k].merged(item) if k in out else item
    return out


__all__ = ["Neo4jStore", "evidence_id", "relation_from_record", "relation_key", "_relation_row"]
