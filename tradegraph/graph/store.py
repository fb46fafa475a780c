"""The GraphStore contract that both stores (SQLite embedded, Neo4j) fulfil, and ``open_store``.

``tests/contract`` runs one suite over both. Questions read through the typed query protocol
(``tradegraph.graph.protocol``) a store hands out with ``traversals()``; exports and views are
functions over the contract. This module imports no implementation: ``open_store`` finds the
store for a spec through ``tradegraph.graph.registry`` (URI scheme -> store).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable

from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind
from tradegraph.graph.protocol import Traversals

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
        Articles are kept by id as metadata (no text). When exactly one article is given, the
        actors' aliases, roles and affiliation are recorded as its contribution (see
        ``replace_article``).
        """

    @abstractmethod
    def replace_article(
        self, article: Article, actors: Iterable[Actor] = (), relations: Iterable[Relation] = ()
    ) -> None:
        """Replace everything ``article`` contributed with what it says now, in one transaction.

        ``forget_article`` then ``upsert`` as one all-or-nothing write: the old evidence, the
        aliases, roles and affiliations its actors got from it, and the actors and relations it
        alone brought go; a failure leaves the old version in place.
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
        """Drop the article and its evidence; relations left without evidence go too, and so do
        the aliases, roles and affiliations it contributed and the actors only it brought."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    @abstractmethod
    def traversals(self) -> Traversals:
        """A fresh reader of the typed query protocol over this store (one per question)."""

    def counts(self) -> dict[str, int]:
        """Numbers of actors by kind, relations by kind, evidence entries and articles."""
        return self.traversals().counts()

    def close(self) -> None:
        """Release connections / flush; the store is unusable afterwards."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(spec: str | None = None, *, create: bool = False) -> GraphStore:
    """Open the store named by ``spec``: a Bolt/Neo4j URI, ``sqlite:PATH``, or a path.

    ``None`` means ``$TRADEGRAPH_STORE`` or ``./tradegraph-data``. An embedded store that does
    not exist is an error (TG351) unless ``create``: only commands that write make one.
    An unknown URI scheme is an error (TG350).
    """
    from tradegraph.graph.registry import open_spec

    return open_spec(spec or os.environ.get(STORE_ENV) or DEFAULT_STORE_PATH, create=create)
