"""The traversals the query helpers need, as Cypher on Neo4j (text kept here as constants).

Every statement is a read, takes its values as parameters and enters the graph through
``Actor.id`` (the uniqueness constraint's index). Relationship types are filtered with
``type(r) IN $kinds`` so that no type name is ever spliced into the text. Lookups return one
record holding a list (``collect``): the driver's cost is per record, several times the
server's cost of one small match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

from tradegraph.graph.model import Actor, Evidence, Relation, RelationKind

Direction = Literal["out", "in", "both"]

# How the relationships of a path or a match come back: enough to rebuild a Relation.
_REL = "{kind: type(r), source: startNode(r).id, target: endNode(r).id, props: properties(r)}"

_HOLDS = (
    "($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) "
    "AND (r.valid_to IS NULL OR r.valid_to > $as_of)))"
)

ACTORS_BY_ID = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN collect(properties(a)) AS props
"""

RELATIONS_OUT = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})-[r]->(o:Actor)
WHERE type(r) IN $kinds
RETURN collect(DISTINCT {_REL}) AS rels, collect(DISTINCT properties(o)) AS ends
"""

RELATIONS_IN = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})<-[r]-(o:Actor)
WHERE type(r) IN $kinds
RETURN collect(DISTINCT {_REL}) AS rels, collect(DISTINCT properties(o)) AS ends
"""

RELATIONS_BOTH = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})-[r]-(o:Actor)
WHERE type(r) IN $kinds
RETURN collect(DISTINCT {_REL}) AS rels, collect(DISTINCT properties(o)) AS ends
"""

SUCCESSORS = f"""
MATCH path = (:Actor {{id: $id}})-[:REPLACED_BY*1..{{hops}}]->(:Actor)
UNWIND relationships(path) AS r
RETURN collect(DISTINCT {_REL}) AS rels
"""

PREDECESSORS = f"""
MATCH path = (:Actor)-[:REPLACED_BY*1..{{hops}}]->(:Actor {{id: $id}})
UNWIND relationships(path) AS r
RETURN collect(DISTINCT {_REL}) AS rels
"""

ALL_RELATIONS = f"""
MATCH (:Actor)-[r]->(:Actor)
WHERE type(r) IN $kinds
RETURN {_REL} AS rel
"""

SHORTEST_PATH = f"""
MATCH (a:Actor {{id: $a}}), (b:Actor {{id: $b}})
MATCH path = allShortestPaths((a)-[*..{{hops}}]-(b))
WHERE all(r IN relationships(path) WHERE type(r) IN $kinds AND {_HOLDS})
RETURN [r IN relationships(path) | {_REL}] AS rels
"""

# Variable-length bounds cannot be parameters; this one constant is the only number spliced in.
MAX_CHAIN = 25
_BY_DIRECTION = {"out": RELATIONS_OUT, "in": RELATIONS_IN, "both": RELATIONS_BOTH}


class CypherTraversals:
    """Runs the statements above through ``store.run_read`` (a read transaction).

    One instance serves one question. ``around`` also brings back the actors at the far ends,
    kept so that the question's next ``actors`` call (its answers' names) needs no round trip.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self._seen: dict[str, Actor] = {}

    def _rows(self, cypher: str, **params: Any) -> list[Mapping[str, Any]]:
        return [dict(row) for row in self.store.run_read(cypher, **params)]

    def _collected(self, cypher: str, column: str, **params: Any) -> list[Any]:
        """The list in the single record of a ``RETURN collect(...) AS column`` statement."""
        return [item for row in self._rows(cypher, **params) for item in row[column]]

    def actors(self, ids: Iterable[str]) -> dict[str, Actor]:
        wanted = set(ids)
        missing = sorted(wanted - self._seen.keys())
        if missing:
            found = (actor_from_props(props) for props in self._collected(ACTORS_BY_ID, "props", ids=missing))
            self._seen.update((a.id, a) for a in found)
        return {i: self._seen[i] for i in wanted if i in self._seen}

    def around(
        self, ids: Iterable[str], kinds: Iterable[RelationKind], direction: Direction
    ) -> list[Relation]:
        rows = self._rows(_BY_DIRECTION[direction], ids=sorted(set(ids)), kinds=[k.value for k in kinds])
        for row in rows:
            self._seen.update((a.id, a) for a in map(actor_from_props, row["ends"]))
        return _unique(relation_from_row(rel) for row in rows for rel in row["rels"])

    def chain(self, actor_id: str, forward: bool) -> list[Relation]:
        cypher = (SUCCESSORS if forward else PREDECESSORS).replace("{hops}", str(MAX_CHAIN))
        return _unique(relation_from_row(rel) for rel in self._collected(cypher, "rels", id=actor_id))

    def everything(self, kinds: Iterable[RelationKind]) -> list[Relation]:
        rows = self._rows(ALL_RELATIONS, kinds=[k.value for k in kinds])
        return _unique(relation_from_row(row["rel"]) for row in rows)

    def shortest_paths(
        self, a: str, b: str, kinds: Iterable[RelationKind], as_of: date | None, max_hops: int
    ) -> list[list[Relation]]:
        cypher = SHORTEST_PATH.replace("{hops}", str(int(max_hops)))
        rows = self._rows(cypher, a=a, b=b, kinds=[k.value for k in kinds], as_of=as_of)
        return [[relation_from_row(rel) for rel in row["rels"]] for row in rows]


def _unique(relations: Iterable[Relation]) -> list[Relation]:
    return list({r.key: r for r in relations}.values())


def _day(value: Any) -> date | None:
    """A Neo4j date (or an ISO string, or nothing) as a ``datetime.date``."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if hasattr(value, "to_native"):
        value = value.to_native()
    return value if isinstance(value, date) else None


def actor_from_props(props: Mapping[str, Any]) -> Actor:
    ext = props.get("external_ids") or "{}"
    return Actor(
        id=props["id"],
        name=props.get("name") or props["id"],
        kind=props["kind"],
        aliases=tuple(props.get("aliases") or ()),
        roles=tuple(props.get("roles") or ()),
        affiliation=props.get("affiliation") or None,
        external_ids=json.loads(ext) if isinstance(ext, str) else dict(ext),
    )


def relation_from_row(row: Mapping[str, Any]) -> Relation:
    """Rebuild a Relation from ``{kind, source, target, props}`` with the parallel evidence lists."""
    props = row["props"]
    columns = [
        props.get(f"ev_{name}") or [] for name in ("article_ids", "sentences", "urls", "dates", "confidences")
    ]
    provenances = list(props.get("ev_provenances") or [])
    columns.append(provenances + [""] * (len(columns[0]) - len(provenances)))
    evidence = tuple(
        Evidence(
            article_id=art,
            sentence=sent,
            url=url or None,
            date=_day(day),
            confidence=float(conf),
            provenance=prov or "",
        )
        for art, sent, url, day, conf, prov in zip(*columns)  # noqa: B905 - parallel lists of one length
    )
    return Relation(
        source=row["source"],
        kind=RelationKind(row["kind"]),
        target=row["target"],
        evidence=evidence,
        valid_from=_day(props.get("valid_from")),
        valid_to=_day(props.get("valid_to")),
        role=props.get("role") or None,
    )
