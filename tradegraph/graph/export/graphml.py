"""GraphML export for Gephi, yEd and Cytoscape: typed attributes, unique edge ids, symmetric kinds undirected.

Each relation is one ``<edge>`` whose ``id`` is its key (``source|KIND|target``), unique and the
same in every export, so Gephi keeps parallel relations of different kinds. NEGOTIATES_WITH and
ALLIED_WITH carry ``directed="false"``; the others follow the graph's ``edgedefault="directed"``.
Attributes are declared with their GraphML type: counts ``int``, confidence and weight
``double``, dates ISO 8601 ``string`` (GraphML has no date type), lists joined by ``LIST_SEPARATOR``.
The edge's ``label`` XML attribute is Gephi's edge type; without it Gephi merges parallel edges.

networkx's ``read_graphml`` refuses graphs that mix directed and undirected edges: networkx users
read the node-link JSON export (``nx.node_link_graph``) or call ``to_networkx``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.graph.errors import InputError
from tradegraph.graph.export.files import write_bytes_atomically
from tradegraph.graph.export.selection import Selection, as_selection
from tradegraph.graph.model import Actor, Relation

if TYPE_CHECKING:
    import networkx as nx

    from tradegraph.graph.store import GraphStore

# GraphML holds scalars only; lists are joined with this separator.
LIST_SEPARATOR = " | "
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Scalar = str | int | float

# (name, GraphML type) of every attribute, in the order written.
NODE_KEYS = (
    ("label", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("roles", "string"),
    ("affiliation", "string"),
)
EDGE_KEYS = (
    ("label", "string"),
    ("kind", "string"),
    ("role", "string"),
    ("valid_from", "string"),
    ("valid_to", "string"),
    ("first_reported", "string"),
    ("last_reported", "string"),
    ("support", "int"),
    ("confidence", "double"),
    ("weight", "double"),
    ("sentences", "string"),
    ("articles", "string"),
    ("urls", "string"),
    ("dates", "string"),
)
# Values that name things: a character XML cannot carry there is an error, not a silent change.
STRICT = {"id", "affiliation", "articles", "urls"}
# Characters XML 1.0 cannot carry (even escaped): C0 controls but tab/newline/CR, U+FFFE/F, surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _drop_empty(values: dict[str, Scalar | None]) -> dict[str, Scalar]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def actor_attributes(actor: Actor) -> dict[str, Scalar]:
    """Flat attributes of one node; ``external_ids`` become ``id_<scheme>`` columns."""
    return _drop_empty(
        {
            "label": actor.name,
            "kind": actor.kind.value,
            "aliases": LIST_SEPARATOR.join(actor.aliases),
            "roles": LIST_SEPARATOR.join(actor.roles),
            "affiliation": actor.affiliation,
            **{f"id_{scheme}": value for scheme, value in sorted(actor.external_ids.items())},
        }
    )


def relation_attributes(rel: Relation) -> dict[str, Scalar]:
    """Flat attributes of one edge; evidence is summarised as joined sentences, URLs and dates."""
    return _drop_empty(
        {
            "label": rel.kind.value,
            "kind": rel.kind.value,
            "role": rel.role,
            "valid_from": rel.valid_from.isoformat() if rel.valid_from else None,
            "valid_to": rel.valid_to.isoformat() if rel.valid_to else None,
            "first_reported": rel.first_reported.isoformat() if rel.first_reported else None,
            "last_reported": rel.last_reported.isoformat() if rel.last_reported else None,
            "support": rel.support,
            "confidence": float(rel.confidence),
            "weight": float(rel.support),
            "sentences": LIST_SEPARATOR.join(ev.sentence for ev in rel.evidence),
            "articles": LIST_SEPARATOR.join(ev.article_id for ev in rel.evidence),
            "urls": LIST_SEPARATOR.join(ev.url or "" for ev in rel.evidence),
            "dates": LIST_SEPARATOR.join(ev.date.isoformat() if ev.date else "" for ev in rel.evidence),
        }
    )


def edge_id(rel: Relation) -> str:
    """The stable, unique id of a relation's edge: its key joined by ``|``."""
    return "|".join(rel.key)


def to_networkx(actors: list[Actor], relations: list[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph with actor ids as nodes and relations as edges keyed by kind."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor in actors:
        graph.add_node(actor.id, **actor_attributes(actor))
    for rel in relations:
        graph.add_edge(
            rel.source, rel.target, key=rel.kind.value, id=edge_id(rel), **relation_attributes(rel)
        )
    return graph


def _xml_value(value: Scalar, name: str, owner: str) -> str:
    text = repr(value) if isinstance(value, float) else str(value)
    if not _NOT_XML.search(text):
        return text
    if name in STRICT:
        raise InputError(
            f"cannot write GraphML: {owner} has a control character in its {name} "
            f"({text!r}), which XML cannot carry; fix or re-ingest the article it came from",
            code="TG176",
        )
    return _NOT_XML.sub("\ufffd", text)


def _declare(root: ET.Element, target: str, keys: list[tuple[str, str]]) -> dict[str, str]:
    ids = {}
    for n, (name, kind) in enumerate(keys):
        ids[name] = f"{target[0]}{n}"
        ET.SubElement(root, "key", {"id": ids[name], "for": target, "attr.name": name, "attr.type": kind})
    return ids


def _data(element: ET.Element, keys: dict[str, str], values: dict[str, Scalar], owner: str) -> None:
    for name, value in values.items():
        ET.SubElement(element, "data", {"key": keys[name]}).text = _xml_value(value, name, owner)


def to_graphml(selection: Selection) -> bytes:
    """The selection as a GraphML document (UTF-8 bytes).

    Raises:
        InputError: [TG176] an id or URL holds a character XML cannot carry.
    """
    schemes = sorted({f"id_{s}" for a in selection.actors for s in a.external_ids})
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    node_keys = _declare(root, "node", [*NODE_KEYS, *((s, "string") for s in schemes)])
    edge_keys = _declare(root, "edge", list(EDGE_KEYS))
    graph = ET.SubElement(root, "graph", {"id": "tradegraph", "edgedefault": "directed"})
    for actor in selection.actors:
        owner = f"actor {actor.id!r}"
        element = ET.SubElement(graph, "node", {"id": _xml_value(actor.id, "id", owner)})
        _data(element, node_keys, actor_attributes(actor), owner)
    for rel in selection.relations:
        owner = f"relation {edge_id(rel)!r}"
        attrs = {
            "id": _xml_value(edge_id(rel), "id", owner),
            "source": _xml_value(rel.source, "id", owner),
            "target": _xml_value(rel.target, "id", owner),
            "label": rel.kind.value,  # Gephi's edge type: parallel edges of different types are kept
        }
        if rel.kind.symmetric:
            attrs["directed"] = "false"
        _data(ET.SubElement(graph, "edge", attrs), edge_keys, relation_attributes(rel), owner)
    ET.indent(root, space=" ")
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def write_graphml(source: GraphStore | Selection, path: str | Path) -> Path:
    """Write a selection (or a whole store) as GraphML to ``path``, atomically, and return the path.

    Raises:
        InputError: [TG176] a value XML cannot carry; [TG175] the file cannot be written.
    """
    return write_bytes_atomically(path, to_graphml(as_selection(source)))
