"""The GraphStore contract that both stores (embedded and Neo4j) fulfil, and ``open_store``.

The embedded store is the reference implementation; ``tests/contract`` runs one suite over both.
Everything beyond these methods (questions, exports, views) is a function over the contract.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable

from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind

DEFAULT_STORE_PATH = "./tradegraph-data"
STORE_ENV = "TRADEGRAPH_STORE"


class GraphStore(ABC):
    """Actors, relations with their evidence, and the articles they came from.

    Every write is idempotent and all-or-nothing: upserting the same things twice changes
    nothing, and a failed upsert leaves the store as it was.
    """

    uri: str

    @abstractmethod
    def upsert(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[Relation] = (),
        articles: Iterable[Article] = (),
    ) -> None:
        """Add or merge, in one transaction.

        Actors merge by id (aliases, roles and external ids accumulate; a missing affiliation is
        filled). Relations merge by ``(source, kind, target)``: evidence accumulates without
        duplicates (one entry per article and sentence), validity widens. Relations whose ends
        are not in the store (nor in this call) raise ``StoreError`` and nothing is written.
        Articles are kept by id as metadata (no text).
        """

    @abstractmethod
    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""

    @abstractmethod
    def actors(self, kind: ActorKind | None = None) -> list[Actor]:
        """All actors (of one kind), ordered by id."""

    @abstractmethod
    def relations(
        self,
        kind: RelationKind | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
    ) -> list[Relation]:
        """Relations matching every filter given, ordered by key; ``actor`` matches either end."""

    @abstractmethod
    def article(self, article_id: str) -> Article | None:
        """The stored metadata of an article, or None."""

    @abstractmethod
    def articles(self) -> list[Article]:
        """All stored articles, ordered by id."""

    def articles_by_id(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored metadata of those of ``article_ids`` that are stored, by id.

        Ingest asks this once per batch of articles; a store over a network answers in one round trip.
        """
        found = ((article_id, self.article(article_id)) for article_id in dict.fromkeys(article_ids))
        return {article_id: doc for article_id, doc in found if doc is not None}

    @abstractmethod
    def forget_article(self, article_id: str) -> None:
        """Drop the article and its evidence; relations left without evidence go too."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    def counts(self) -> dict[str, int]:
        """Numbers of actors by kind, relations by kind, evidence entries and articles."""
        out: dict[str, int] = {f"actors.{k.value}": 0 for k in ActorKind}
        out.update({f"relations.{k.value}": 0 for k in RelationKind})
        for a in self.actors():
            out[f"actors.{a.kind.value}"] += 1
        evidence = 0
        for r in self.relations():
            out[f"relations.{r.kind.value}"] += 1
            evidence += len(r.evidence)
        out["actors"] = sum(v for k, v in out.items() if k.startswith("actors."))
        out["relations"] = sum(v for k, v in out.items() if k.startswith("relations."))
        out["evidence"] = evidence
        out["articles"] = len(self.articles())
        return out

    def close(self) -> None:
        """Release connections / flush; the store is unusable afterwards."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_neo4j_uri(spec: str) -> bool:
    return spec.split("://", 1)[0] in {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def open_store(spec: str | None = None) -> GraphStore:
    """Open the store named by ``spec``: a Bolt/Neo4j URI, else a directory for the embedded store.

    ``None`` means ``$TRADEGRAPH_STORE`` or ``./tradegraph-data``.
    """
    spec = spec or os.environ.get(STORE_ENV) or DEFAULT_STORE_PATH
    if is_neo4j_uri(spec):
        from tradegraph.graph.backends.neo4j import Neo4jStore

        return Neo4jStore.connect(spec)
    from tradegraph.graph.backends.memory import MemoryStore

    return MemoryStore.open(spec)
