"""Plain-dict forms of the model, shared by the embedded store's files and the JSON export."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, Article, Evidence, Relation


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "roles": list(actor.roles),
        "affiliation": actor.affiliation,
        "external_ids": dict(actor.external_ids),
    }


def actor_from_dict(data: dict[str, Any]) -> Actor:
    return Actor(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        aliases=tuple(data.get("aliases") or ()),
        roles=tuple(data.get("roles") or ()),
        affiliation=data.get("affiliation"),
        external_ids=data.get("external_ids") or {},
    )


def evidence_to_dict(ev: Evidence) -> dict[str, Any]:
    return {
        "article_id": ev.article_id,
        "sentence": ev.sentence,
        "url": ev.url,
        "date": _iso(ev.date),
        "confidence": ev.confidence,
        "provenance": ev.provenance,
    }


def evidence_from_dict(data: dict[str, Any]) -> Evidence:
    return Evidence(
        article_id=data["article_id"],
        sentence=data["sentence"],
        url=data.get("url"),
        date=_day(data.get("date")),
        confidence=float(data.get("confidence", 1.0)),
        provenance=str(data.get("provenance") or ""),
    )


def relation_to_dict(rel: Relation) -> dict[str, Any]:
    return {
        "source": rel.source,
        "kind": rel.kind.value,
        "target": rel.target,
        "valid_from": _iso(rel.valid_from),
        "valid_to": _iso(rel.valid_to),
        "role": rel.role,
        "support": rel.support,
        "confidence": rel.confidence,
        "first_reported": _iso(rel.first_reported),
        "last_reported": _iso(rel.last_reported),
        "evidence": [evidence_to_dict(ev) for ev in rel.evidence],
    }


def relation_from_dict(data: dict[str, Any]) -> Relation:
    return Relation(
        source=data["source"],
        kind=data["kind"],
        target=data["target"],
        evidence=tuple(evidence_from_dict(ev) for ev in data.get("evidence") or ()),
        valid_from=_day(data.get("valid_from")),
        valid_to=_day(data.get("valid_to")),
        role=data.get("role"),
    )


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published": _iso(article.published),
        "text_hash": article.text_hash,
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(
        id=data["id"],
        url=data.get("url"),
        title=data.get("title"),
        source=data.get("source"),
        published=_day(data.get("published")),
        text_hash=data.get("text_hash") or "",
    )
