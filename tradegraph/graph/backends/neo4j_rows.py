"""Model objects to the rows the Neo4j store's Cypher takes, and records back to model objects."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import lru_cache
from typing import Any

from tradegraph.graph import restore, serialize
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation
from tradegraph.graph.protocol import known_from


def _actor_row(actor: Actor) -> dict[str, Any]:
    row = serialize.actor_to_dict(actor)
    row["external_ids"] = json.dumps(row["external_ids"], ensure_ascii=False, sort_keys=True)
    return row


def actor_from_props(props: Any) -> Actor:
    """An actor node's properties as the store wrote them (a validated ``Actor``): restored
    without validating again, unless its kind is not one of ours (then the model says why)."""
    ext = props.get("external_ids") or "{}"
    kind = props["kind"]
    if kind not in restore.ACTOR_KINDS:
        ActorKind(kind)  # raises the model's ValueError
    return restore.actor(
        props["id"],
        props.get("name") or props["id"],
        kind,
        tuple(props.get("aliases") or ()),
        tuple(props.get("roles") or ()),
        props.get("affiliation") or None,
        (json.loads(ext) if len(ext) > 2 else {}) if isinstance(ext, str) else dict(ext),
    )


def evidence_id(rel: Relation, ev: Evidence) -> str:
    """The natural key of one piece of evidence: relation, article and sentence."""
    basis = "\x1f".join((*rel.key, ev.article_id, ev.sentence))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def relation_key(rel: Relation) -> str:
    return " ".join(rel.key)


def _relation_row(rel: Relation) -> dict[str, Any]:
    """The row ``neo4j_cypher.write_relations`` takes: dates as ISO text (see there)."""
    key = relation_key(rel)
    return {
        "source": rel.source,
        "target": rel.target,
        "key": key,
        "role": rel.role,
        "valid_from": rel.valid_from.isoformat() if rel.valid_from else None,
        "valid_to": rel.valid_to.isoformat() if rel.valid_to else None,
        "known_from": known_from(rel.evidence),
        "confidence": max((float(e.confidence) for e in rel.evidence), default=0.0),
        "evidence": [
            {
                "id": evidence_id(rel, e),
                "relation": key,
                "source": rel.source,
                "kind": rel.kind.value,
                "target": rel.target,
                "article_id": e.article_id,
                "sentence": e.sentence,
                "url": e.url,
                "date": e.date.isoformat() if e.date else None,
                "confidence": float(e.confidence),
                "provenance": e.provenance,
            }
            for e in rel.evidence
        ],
    }


def evidence_from_map(data: Any) -> Evidence:
    """Evidence as the store wrote it (``_relation_row`` of a validated one): restored as is."""
    when = data.get("date")
    return restore.evidence(
        data["article_id"],
        data["sentence"],
        data.get("url") or None,
        _iso_day(when) if when else None,
        float(data.get("confidence", 1.0)),
        data.get("provenance") or "",
    )


@lru_cache(maxsize=8192)
def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def relation_from_record(row: Any) -> Relation:
    """A Relation from ``{source, kind, target, props, evidence}`` (see ``neo4j_cypher``): the
    store wrote it from a validated one (ends ordered, evidence distinct), so it is restored;
    the statements return only the relationship types of ``RelationKind``."""
    props = row["props"]
    return restore.relation(
        row["source"],
        row["kind"],
        row["target"],
        tuple(evidence_from_map(ev) for ev in row["evidence"] or ()),
        _day(props.get("valid_from")),
        _day(props.get("valid_to")),
        props.get("role"),
    )


_relation = relation_from_record


def _article_row(doc: Article) -> dict[str, Any]:
    row = {
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "source": doc.source,
        "published": doc.published,
        "text_hash": doc.text_hash,
    }
    return {k: v for k, v in row.items() if v is not None}


def _article(node: Any) -> Article:
    data = dict(node)
    return Article(
        id=data["id"],
        url=data.get("url"),
        title=data.get("title"),
        source=data.get("source"),
        published=_day(data.get("published")),
        text_hash=data.get("text_hash", ""),
    )


def _day(value: Any) -> date | None:
    """A driver ``neo4j.time.Date`` (or None) as a ``datetime.date``."""
    return value.to_native() if value is not None else None
