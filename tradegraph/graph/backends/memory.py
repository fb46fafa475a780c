"""The embedded store: a networkx graph in memory, kept in a directory; needs no server.

On disk, ``snapshot.json`` holds the whole graph as of journal entry ``seq`` and
``journal.jsonl`` every write after it, one JSON line each, flushed and fsynced before the
write is applied in memory. A line cut short by a crash is ignored on load, so a kill at any
moment leaves the last completed write readable. The snapshot is rewritten (to a temporary
file, fsynced, then ``os.replace``d) when the journal outgrows it and on ``close``.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.graph import serialize
from tradegraph.graph.errors import StoreError
from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind
from tradegraph.graph.store import GraphStore

SNAPSHOT = "snapshot.json"
JOURNAL = "journal.jsonl"
LOCK = "lock"
FORMAT_VERSION = 1
# Rewrite the snapshot once the journal holds this many entries more than it did at the last one.
COMPACT_EVERY = 2000


class MemoryStore(GraphStore):
    """Actors are nodes (attribute ``actor``), relations edges keyed by kind (attribute ``relation``).

    ``graph`` is a ``networkx.MultiDiGraph`` that query functions may read but never write.
    A directory of ``None`` keeps everything in memory only.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._articles: dict[str, Article] = {}
        self._seq = 0
        self._snapshot_seq = 0
        self._journal: Any = None
        self._lock: Any = None
        self.directory = Path(directory) if directory is not None else None
        self.uri = str(self.directory) if self.directory else ":memory:"
        if self.directory is not None:
            self._open_directory(self.directory)

    @classmethod
    def open(cls, directory: str | Path) -> MemoryStore:
        return cls(directory)

    # -- contract: writes -------------------------------------------------------------------

    def upsert(
        self,
        actors: Iterable[Actor] = (),
        relations: Iterable[Relation] = (),
        articles: Iterable[Article] = (),
    ) -> None:
        actors, relations, articles = list(actors), list(relations), list(articles)
        self._check_ends(actors, relations)
        self._write(
            {
                "op": "upsert",
                "actors": [serialize.actor_to_dict(a) for a in actors],
                "relations": [serialize.relation_to_dict(r) for r in relations],
                "articles": [serialize.article_to_dict(a) for a in articles],
            }
        )

    def forget_article(self, article_id: str) -> None:
        self._write({"op": "forget_article", "article_id": article_id})

    def clear(self) -> None:
        self._write({"op": "clear"})

    # -- contract: reads --------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        node = self.graph.nodes.get(actor_id)
        return node["actor"] if node else None

    def actors(self, kind: ActorKind | None = None) -> list[Actor]:
        found = (data["actor"] for _, data in self.graph.nodes(data=True))
        return sorted((a for a in found if kind is None or a.kind == kind), key=lambda a: a.id)

    def relations(
        self,
        kind: RelationKind | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
    ) -> list[Relation]:
        found = [
            r
            for r in self._candidate_relations(source, target, actor)
            if (kind is None or r.kind == kind)
            and (source is None or r.source == source)
            and (target is None or r.target == target)
            and (actor is None or actor in (r.source, r.target))
        ]
        return sorted(found, key=lambda r: r.key)

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles(self) -> list[Article]:
        return [self._articles[k] for k in sorted(self._articles)]

    def close(self) -> None:
        if self._journal is None:
            return
        if self._seq != self._snapshot_seq:
            self._write_snapshot()
        self._journal.close()
        self._journal = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # -- applying operations ----------------------------------------------------------------

    def _candidate_relations(
        self, source: str | None, target: str | None, actor: str | None
    ) -> Iterator[Relation]:
        """Edges touching the given ends, using the adjacency instead of a full scan when possible."""
        anchor = source or target or actor
        if anchor is None:
            edges: Iterable[Any] = self.graph.edges(data="relation")
        elif anchor not in self.graph:
            return iter(())
        elif source:
            edges = self.graph.out_edges(source, data="relation")
        elif target:
            edges = self.graph.in_edges(target, data="relation")
        else:
            edges = [
                *self.graph.out_edges(actor, data="relation"),
                *self.graph.in_edges(actor, data="relation"),
            ]
        return (rel for _, _, rel in edges)

    def _check_ends(self, actors: list[Actor], relations: list[Relation]) -> None:
        known = {a.id for a in actors}
        for rel in relations:
            for end in (rel.source, rel.target):
                if end not in known and end not in self.graph:
                    raise StoreError(
                        f"relation {rel.key} names actor {end!r}, which is neither stored nor in this "
                        "upsert; upsert the actor together with the relation",
                        code="TG310",
                    )

    def _write(self, op: dict[str, Any]) -> None:
        """Journal the operation durably, then apply it: a failed write changes nothing."""
        if self._journal is not None:
            line = json.dumps({"seq": self._seq + 1, **op}, ensure_ascii=False)
            try:
                self._journal.write(line + "\n")
                self._journal.flush()
                os.fsync(self._journal.fileno())
            except OSError as err:
                raise StoreError(
                    f"cannot write to {self.directory}: {err.strerror}; check free space and permissions",
                    code="TG311",
                ) from err
        self._seq += 1
        self._apply(op)
        if self._journal is not None and self._seq - self._snapshot_seq >= COMPACT_EVERY:
            self._write_snapshot()

    def _apply(self, op: dict[str, Any]) -> None:
        kind = op["op"]
        if kind == "upsert":
            for data in op["actors"]:
                self._merge_actor(serialize.actor_from_dict(data))
            for data in op["relations"]:
                self._merge_relation(serialize.relation_from_dict(data))
            for data in op["articles"]:
                article = serialize.article_from_dict(data)
                self._articles[article.id] = article
        elif kind == "forget_article":
            self._forget(op["article_id"])
        elif kind == "clear":
            self.graph.clear()
            self._articles.clear()
        else:
            raise StoreError(f"unknown journal operation {kind!r}", code="TG312")

    def _merge_actor(self, actor: Actor) -> None:
        old = self.actor(actor.id)
        self.graph.add_node(actor.id, actor=old.merged(actor) if old else actor)

    def _merge_relation(self, rel: Relation) -> None:
        key = rel.kind.value
        old = self.graph.get_edge_data(rel.source, rel.target, key)
        merged = old["relation"].merged(rel) if old else rel
        self.graph.add_edge(rel.source, rel.target, key=key, relation=merged)

    def _forget(self, article_id: str) -> None:
        self._articles.pop(article_id, None)
        for u, v, key, rel in list(self.graph.edges(keys=True, data="relation")):
            if any(ev.article_id == article_id for ev in rel.evidence):
                kept = rel.without_article(article_id)
                if kept.evidence:
                    self.graph.add_edge(u, v, key=key, relation=kept)
                else:
                    self.graph.remove_edge(u, v, key=key)

    # -- files ------------------------------------------------------------------------------

    def _open_directory(self, directory: Path) -> None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._lock = open(directory / LOCK, "a")
        except OSError as err:
            raise StoreError(
                f"cannot use {directory} as a store directory: {err.strerror}; "
                "pass another with --store PATH",
                code="TG313",
            ) from err
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            self._lock.close()
            raise StoreError(
                f"the store {directory} is in use by another tradegraph process; "
                "wait for it to finish or use another --store",
                code="TG302",
            ) from err
        self._load_snapshot(directory / SNAPSHOT)
        self._replay(directory / JOURNAL)
        self._journal = open(directory / JOURNAL, "a", encoding="utf-8")

    def _load_snapshot(self, path: Path) -> None:
        if not path.exists():
            return
        try:
            header, records = _read_snapshot(path)
            if header.get("version") != FORMAT_VERSION:
                raise StoreError(
                    f"{path} has format version {header.get('version')!r}, this tradegraph "
                    f"reads {FORMAT_VERSION}",
                    code="TG315",
                )
            ids: dict[str, str] = {}
            for section, data in records:
                if section == "actors":
                    actor = serialize.actor_from_dict(data)
                    ids[actor.id] = actor.id
                    self._merge_actor(actor)
                elif section == "relations":
                    self._merge_relation(serialize.relation_from_dict(_share_strings(data, ids)))
                elif section == "articles":
                    self._articles[data["id"]] = serialize.article_from_dict(data)
        except (OSError, ValueError) as err:
            raise StoreError(
                f"cannot read {path}: {err}; restore it from a backup or remove the "
                "directory to start afresh",
                code="TG314",
            ) from err
        self._seq = self._snapshot_seq = int(header["seq"])

    def _replay(self, path: Path) -> None:
        if not path.exists():
            return
        good = 0
        with open(path, "rb") as journal:
            for line in journal:
                try:
                    op = json.loads(line) if line.endswith(b"\n") else None
                except ValueError:
                    op = None
                if op is None:
                    break  # a write cut short by a crash: it never completed, and nothing follows it
                good += len(line)
                if op["seq"] > self._seq:
                    self._apply(op)
                    self._seq = op["seq"]
        if good < path.stat().st_size:
            os.truncate(path, good)  # so that later writes do not land behind the torn line

    def _write_snapshot(self) -> None:
        assert self.directory is not None
        path = self.directory / SNAPSHOT
        tmp = path.with_suffix(".json.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                _write_sections(
                    out,
                    {"version": FORMAT_VERSION, "seq": self._seq},
                    [
                        ("actors", map(serialize.actor_to_dict, self.actors())),
                        ("relations", map(serialize.relation_to_dict, self.relations())),
                        ("articles", map(serialize.article_to_dict, self.articles())),
                    ],
                )
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
            _fsync_directory(self.directory)
            # The snapshot now holds every journalled write; entries replayed over it are skipped by seq.
            self._journal.truncate(0)
            self._journal.seek(0)
        except OSError as err:
            raise StoreError(
                f"cannot save {path}: {err.strerror}; the previous state is intact", code="TG311"
            ) from err
        self._snapshot_seq = self._seq


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The snapshot is one JSON document laid out one record per line, so that it is written and read
# a record at a time: holding the whole parsed tree next to the graph doubled peak memory on load.
def _write_sections(
    out: Any, header: dict[str, Any], sections: list[tuple[str, Iterable[dict[str, Any]]]]
) -> None:
    out.write(json.dumps(header)[:-1] + ",\n")
    for i, (name, records) in enumerate(sections):
        out.write(json.dumps(name) + ":[\n")
        sep = ""
        for record in records:
            out.write(sep + json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            sep = ",\n"
        out.write("\n]" + ("," if i < len(sections) - 1 else "") + "\n")
    out.write("}\n")


def _read_snapshot(path: Path) -> tuple[dict[str, Any], Iterator[tuple[str, dict[str, Any]]]]:
    """The header (version, seq) and the ``(section, record)`` pairs of a snapshot, either layout."""
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    if not first.rstrip("\n").endswith(","):  # written on one line, as before the per-record layout
        data = json.loads(path.read_text(encoding="utf-8"))
        header = {k: data.get(k) for k in ("version", "seq")}
        return header, ((name, r) for name in ("actors", "relations", "articles") for r in data.get(name, ()))
    return json.loads(first.rstrip("\n")[:-1] + "}"), _records(path)


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    section = ""
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("{"):
                yield section, json.loads(line.removesuffix(","))
            elif line.endswith(":["):
                section = json.loads(line[:-2])
            elif line == "}":
                return
    raise ValueError("the snapshot ends before its closing brace")


def _share_strings(data: dict[str, Any], seen: dict[str, str]) -> dict[str, Any]:
    """Point a relation's ids, article ids and URLs at one string object each, instead of a copy
    per occurrence, which is most of a loaded relation's size."""
    data["source"] = seen.setdefault(data["source"], data["source"])
    data["target"] = seen.setdefault(data["target"], data["target"])
    for ev in data.get("evidence") or ():
        ev["article_id"] = seen.setdefault(ev["article_id"], ev["article_id"])
        if ev.get("url"):
            ev["url"] = seen.setdefault(ev["url"], ev["url"])
    return data
