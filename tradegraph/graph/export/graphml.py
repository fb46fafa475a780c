"""GraphML export for Gephi and other tools: a networkx graph with scalar attributes only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.graph.model import Actor, Relation
from tradegraph.graph.store import GraphStore

# GraphML holds scalars only; lists are joined with this separator.
LIST_SEPARATOR = " | "


def _scalars(values: dict[str, Any]) -> dict[str, str | int | float]:
    """Drop Nones, which write_graphml rejects, and keep every other value scalar."""
    return {k: v for k, v in values.items() if v is not None and v != ""}


def actor_attributes(actor: Actor) -> dict[str, str | int | float]:
    """Flat attributes of one node; ``external_ids`` become ``id_<scheme>`` columns."""
    return _scalars(
        {
            "label": actor.name,
            "kind": actor.kind.value,
            "aliases": LIST_SEPARATOR.join(actor.aliases),
            "roles": LIST_SEPARATOR.join(actor.roles),
            "affiliation": actor.affiliation,
            **{f"id_{scheme}": value for scheme, value in sorted(actor.external_ids.items())},
        }
    )


def relation_attributes(rel: Relation) -> dict[str, str | int | float]:
    """Flat attributes of one edge; evidence is summarised as joined sentences, URLs and dates."""
    return _scalars(
        {
            "label": rel.kind.value,
            "kind": rel.kind.value,
            "role": rel.role,
            "valid_from": rel.valid_from.isoformat() if rel.valid_from else None,
            "valid_to": rel.valid_to.isoformat() if rel.valid_to else None,
            "support": rel.support,
            "confidence": rel.confidence,
            "weight": float(rel.support),
            "sentences": LIST_SEPARATOR.join(ev.sentence for ev in rel.evidence),
            "articles": LIST_SEPARATOR.join(ev.article_id for ev in rel.evidence),
            "urls": LIST_SEPARATOR.join(ev.url or "" for ev in rel.evidence),
            "dates": LIST_SEPARATOR.join(ev.date.isoformat() if ev.date else "" for ev in rel.evidence),
        }
    )


def to_networkx(actors: list[Actor], relations: list[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph with actor ids as nodes and relations as edges keyed by kind."""
    graph = nx.MultiDiGraph()
    for actor in actors:
        graph.add_node(actor.id, **actor_attributes(actor))
    for rel in relations:
        graph.add_edge(rel.source, rel.target, key=rel.kind.value, **relation_attributes(rel))
    return graph


def write_graphml(store: GraphStore, path: str | Path) -> Path:
    """Write the store as GraphML (UTF-8) to ``path`` and return the path."""
    path = Path(path)
    nx.write_graphml(to_networkx(store.actors(), store.relations()), path, encoding="utf-8")
    return path
