"""The Python API: one ``Graph`` over a store, with ingest, questions, the catalogue's queries
(names or ids) and forgetting articles. The CLI commands are thin wrappers of the same calls.

    >>> import tradegraph as tg
    >>> g = tg.open(":memory:")
    >>> g.add_relations([("Ryosei Akazawa", "Person"), ("Japan", "Country")],
    ...                 [("Ryosei Akazawa", "REPRESENTS", "Japan")])
    >>> g.ask("Who represents Japan?").ids
    ['person:ryosei-akazawa']
    >>> [a.actor.name for a in g.representatives_of("Japan")]
    ['Ryosei Akazawa']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, ActorKind, Relation, RelationKind
from tradegraph.graph.store import GraphStore
from tradegraph.queries.replies import Reply
from tradegraph.queries.results import DEFAULT_HOLDERS, DEFAULT_LIMIT, Answer

MEMORY = ":memory:"


class Graph:
    """A store and what can be done with it. Close it (or use ``with``) when done."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @classmethod
    def open(cls, spec: str | os.PathLike[str] | None = None, *, create: bool = True) -> Graph:
        """``spec``: a directory (embedded store), a Neo4j URI, ``":memory:"`` (nothing kept on disk),
        or None for ``$TRADEGRAPH_STORE`` / ``./tradegraph-data``. A missing embedded store is
        created unless ``create`` is False (then TG351)."""
        if spec == MEMORY:
            from tradegraph.graph.backends.sqlite import SQLiteStore

            return cls(SQLiteStore(None))
        from tradegraph.graph.store import open_store

        return cls(open_store(os.fspath(spec) if spec is not None else None, create=create))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def ingest(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        min_confidence: float = 0.0,
        actors: str | os.PathLike[str] | None = None,
        progress: bool = False,
    ) -> Any:
        """Read articles (files, directories, globs) into the graph; returns the ``IngestReport``."""
        from tradegraph.ingest import ingest

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return ingest(paths, self.store, progress=progress, min_confidence=min_confidence, actors=actors)

    def add_relations(
        self,
        actors: Iterable[Actor | tuple[str, str]],
        relations: Iterable[Relation | tuple[str, str, str]] = (),
    ) -> None:
        """Add actors (``Actor`` or ``(name, kind)``) and relations (``Relation`` or ``(source name,
        KIND, target name)``) directly, without extraction."""
        made = [a if isinstance(a, Actor) else Actor.create(a[0], a[1]) for a in actors]
        ids = {a.name: a.id for a in made}
        rels = [
            r
            if isinstance(r, Relation)
            else Relation(ids.get(r[0], r[0]), RelationKind(r[1]), ids.get(r[2], r[2]))
            for r in relations
        ]
        self.store.upsert(made, rels)

    def forget(self, articles: Sequence[str]) -> list[str]:
        """Remove articles (ids, URLs or files) and their evidence; returns the ids forgotten."""
        from tradegraph.forget import forget

        return forget(self.store, articles)

    # -- reading ----------------------------------------------------------------------------

    def ask(self, question: str, as_of: date | None = None, limit: int | None = DEFAULT_LIMIT) -> Reply:
        """Answer a plain-language question; ``Reply.answers`` are typed ``Answer`` values.
        ``limit``: at most this many holders or neighbours (None: all; the default, 0, is each
        question's own bound: DEFAULT_HOLDERS holders, SHOWN_LIMIT neighbours; ``Reply.total``
        counts them all)."""
        from tradegraph.queries.questions import ask

        return ask(self.store, question, as_of=as_of, limit=limit)

    def query(self, name: str, *actors: str | Actor, as_of: date | None = None, **options: Any) -> Reply:
        """Run a catalogue query by kind or CLI spelling (``"tariffs-on"``), actors by name or id."""
        from tradegraph.queries.catalogue import run

        return run(name, self.store, actors, as_of=as_of, **options)

    def actor(self, name_or_id: str) -> Actor:
        """The actor with this id or name (TG240 with suggestions when unknown)."""
        from tradegraph.queries.names import NameIndex

        return NameIndex.from_store(self.store).resolve_id_or_name(name_or_id)

    def actors(self, kind: ActorKind | str | None = None) -> list[Actor]:
        return self.store.actors(ActorKind(kind) if kind else None)

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def representatives_of(
        self, body: str, as_of: date | None = None, limit: int | None = DEFAULT_HOLDERS
    ) -> list[Answer]:
        """The holders (the ``limit`` most recently reported; None: all), by support then name."""
        return list(self.query("representatives", body, as_of=as_of, limit=limit).answers)

    def represented_by(self, person: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("represented_by", person, as_of=as_of).answers)

    def successors(self, person: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("successors", person, as_of=as_of, chain=True).answers)

    def predecessors(self, person: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("predecessors", person, as_of=as_of, chain=True).answers)

    def counterparts(self, actor: str, as_of: date | None = None, level: str | None = None) -> list[Answer]:
        return list(self.query("counterparts", actor, as_of=as_of, level=level).answers)

    def allies(self, country: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("allies", country, as_of=as_of).answers)

    def tariff_imposers(self, target: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("tariff_imposers", target, as_of=as_of).answers)

    def tariff_targets(self, actor: str, as_of: date | None = None) -> list[Answer]:
        return list(self.query("tariff_targets", actor, as_of=as_of).answers)


__all__ = ["Answer", "Graph", "MEMORY", "Reply"]
