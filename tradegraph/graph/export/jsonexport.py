"""Node-link JSON export of a selection: networkx's node-link layout with the model's dict forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradegraph.graph import serialize
from tradegraph.graph.export.files import write_text_atomically
from tradegraph.graph.export.selection import Selection, as_selection

if TYPE_CHECKING:
    from tradegraph.graph.model import Actor, Article, Relation
    from tradegraph.graph.store import GraphStore

FORMAT_VERSION = 2  # 2: relations under "edges" (networkx >= 3.4 default); 1 wrote "links"


def to_node_link(source: GraphStore | Selection) -> dict[str, Any]:
    """A selection (or a whole store) as a node-link document.

    ``nodes`` are actors (``serialize.actor_to_dict``), ``edges`` relations with ``source``/
    ``target`` ids, ``key`` (the kind, unique between two actors), ``id`` (``source|KIND|target``)
    and their evidence, ``articles`` the article metadata. networkx reads it with its defaults,
    ``networkx.node_link_graph(doc)`` (3.6 on); 3.4 and 3.5 want ``edges="edges"`` to stop warning,
    earlier versions ``link="edges"``.

    Args:
        source: A Selection, or a GraphStore to export whole.

    Returns:
        A JSON-ready dict.
    """
    selection = as_selection(source)
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "tradegraph-node-link", "version": FORMAT_VERSION, "store": selection.uri},
        "nodes": [serialize.actor_to_dict(a) for a in selection.actors],
        "edges": [
            {**serialize.relation_to_dict(r), "key": r.kind.value, "id": "|".join(r.key)}
            for r in selection.relations
        ],
        "articles": [serialize.article_to_dict(a) for a in selection.articles],
    }


def write_json(source: GraphStore | Selection, path: str | Path) -> Path:
    """Write ``to_node_link(source)`` as UTF-8 JSON to ``path``, atomically, and return the path.

    Raises:
        InputError: [TG175] the file cannot be written; [TG176] text UTF-8 cannot carry.
    """
    text = json.dumps(to_node_link(source), ensure_ascii=False, indent=2, sort_keys=False)
    return write_text_atomically(path, text + "\n")


def from_node_link(doc: dict[str, Any]) -> tuple[list[Actor], list[Relation], list[Article]]:
    """Actors, relations and articles read back from a ``to_node_link`` document (either version)."""
    actors = [serialize.actor_from_dict(n) for n in doc.get("nodes", [])]
    links = doc.get("edges", doc.get("links", []))
    relations = [serialize.relation_from_dict(link) for link in links]
    articles = [serialize.article_from_dict(a) for a in doc.get("articles", [])]
    return actors, relations, articles
