"""Node-link JSON export of a store: networkx's node-link layout with the model's dict forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tradegraph.graph import serialize
from tradegraph.graph.store import GraphStore

FORMAT_VERSION = 1


def to_node_link(store: GraphStore) -> dict[str, Any]:
    """The whole store as a node-link document.

    ``nodes`` are actors (``serialize.actor_to_dict``), ``links`` relations with
    ``source``/``target`` ids and their evidence, ``articles`` the article metadata. The
    layout is the one ``networkx.node_link_graph(doc, edges="links")`` reads back.

    Args:
        store: Any GraphStore.

    Returns:
        A JSON-ready dict.
    """
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "tradegraph-node-link", "version": FORMAT_VERSION, "store": store.uri},
        "nodes": [serialize.actor_to_dict(a) for a in store.actors()],
        "links": [{**serialize.relation_to_dict(r), "key": r.kind.value} for r in store.relations()],
        "articles": [serialize.article_to_dict(a) for a in store.articles()],
    }


def write_json(store: GraphStore, path: str | Path) -> Path:
    """Write ``to_node_link(store)`` as UTF-8 JSON to ``path`` and return the path."""
    path = Path(path)
    text = json.dumps(to_node_link(store), ensure_ascii=False, indent=2, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def from_node_link(doc: dict[str, Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """Actors, relations and articles read back from a ``to_node_link`` document."""
    actors = [serialize.actor_from_dict(n) for n in doc.get("nodes", [])]
    relations = [serialize.relation_from_dict(link) for link in doc.get("links", [])]
    articles = [serialize.article_from_dict(a) for a in doc.get("articles", [])]
    return actors, relations, articles
