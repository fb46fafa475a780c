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


# What the protocol statements send of an actor node ``n``, in this order: a list decodes
# cheaper than the node's property map and needs no lookups by name.
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "roles", "affiliation", "external_ids")
ACTOR_ROW = "[" + ", ".join(f"n.{f}" for f in ACTOR_FIELDS) + "]"


def actor_from_props(props: Any) -> Actor:
    """An actor node's properties as the store wrote them (a validated ``Actor``): restored
    without validating again, unless its kind is not one of ours (then the model says why)."""
    return actor_from_row([props.get(f) for f in ACTOR_FIELDS])


def actor_from_row(row: Any) -> Actor:
    """``actor_from_props`` of the list ``ACTOR_ROW`` sends (``ACTOR_FIELDS`` in order)."""
    actor_id, name, kind, aliases, roles, affiliation, ext = row
    if kind not in restore.ACTOR_KINDS:
        ActorKind(kind)  # raises the model's ValueError
    ext = ext or "{}"
    return restore.actor(
        actor_id,
        name or actor_id,
        kind,
        tuple(aliases or ()),
        tuple(roles or ()),
        affiliation or None,
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


# Evidence travels as a list in this order (``neo4j_cypher.EVIDENCE_OF_R``): a list decodes
# cheaper than a map and is read by position, the fields a ``Relation``'s ``Evidence`` needs.
EVIDENCE_FIELDS = ("article_id", "sentence", "url", "date", "confidence", "provenance")
_new = object.__new__
_set = object.__setattr__
_RELATION_KINDS = restore.RELATION_KINDS


def evidence_from_list(data: Any) -> Evidence:
    """Evidence as the store wrote it (``_relation_row`` of a validated one): restored as is,
    from ``[article_id, sentence, url, date, confidence, provenance]``."""
    obj: Evidence = _new(Evidence)
    _set(obj, "article_id", data[0])
    _set(obj, "sentence", data[1])
    _set(obj, "url", data[2] or None)
    _set(obj, "date", _iso_day(data[3]) if data[3] else None)
    _set(obj, "confidence", 1.0 if data[4] is None else float(data[4]))
    _set(obj, "provenance", data[5] or "")
    return obj


@lru_cache(maxsize=8192)
def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def relation_from_record(row: Any) -> Relation:
    """A Relation from ``{source, kind, target, valid_from, valid_to, role, evidence}``, dates
    as ISO text (see
    ``neo4j_cypher``): the store wrote it from a validated one (ends ordered, evidence
    distinct), so it is restored as ``restore.relation`` does, inlined (this runs once per
    relation of every answer); the statements return only the types of ``RelationKind``."""
    obj: Relation = _new(Relation)
    _set(obj, "source", row["source"])
    _set(obj, "kind", _RELATION_KINDS[row["kind"]])
    _set(obj, "target", row["target"])
    _set(obj, "evidence", tuple([evidence_from_list(ev) for ev in row["evidence"] or ()]))
    valid_from, valid_to = row["valid_from"], row["valid_to"]
    _set(obj, "valid_from", _iso_day(valid_from) if valid_from else None)
    _set(obj, "valid_to", _iso_day(valid_to) if valid_to else None)
    _set(obj, "role", row["role"])
    return obj


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
