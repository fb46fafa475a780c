"""The node-link JSON export: complete, read by networkx with its defaults, reversible, written safely."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from fixtures.viz_graph import ACTORS, ARTICLES, RELATIONS, viz_store

from tradegraph.cli import main
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.export.jsonexport import from_node_link, to_node_link, write_json


@pytest.mark.parametrize("keywords", [{}, {"edges": "edges"}], ids=["defaults", "edges-keyword"])
def test_jsonexport_networkx_reads_every_actor_and_relation(keywords: dict[str, str]) -> None:
    graph = nx.node_link_graph(to_node_link(viz_store()), **keywords)
    assert set(graph.nodes) == {a.id for a in ACTORS}
    assert {(s, k, t) for s, t, k in graph.edges(keys=True)} == {r.key for r in RELATIONS}


def test_jsonexport_networkx_round_trip_keeps_the_document(tmp_path: Path) -> None:
    doc = json.loads(write_json(viz_store(), tmp_path / "g.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(doc)
    again = nx.node_link_data(graph)
    assert {n["id"]: n for n in again["nodes"]} == {n["id"]: n for n in doc["nodes"]}
    assert sorted(again["edges"], key=lambda e: e["id"]) == sorted(doc["edges"], key=lambda e: e["id"])
    actors, relations, _ = from_node_link(again)
    assert (
        actors == viz_store().actors() and sorted(relations, key=lambda r: r.key) == viz_store().relations()
    )


def test_jsonexport_round_trips_into_the_model(tmp_path: Path) -> None:
    store = viz_store()
    path = write_json(store, tmp_path / "g.json")
    actors, relations, articles = from_node_link(json.loads(path.read_text(encoding="utf-8")))
    assert actors == store.actors()
    assert relations == store.relations()
    assert articles == store.articles()


def test_jsonexport_reads_version_1_files_with_links() -> None:
    doc = to_node_link(viz_store())
    doc["links"] = doc.pop("edges")
    assert from_node_link(doc)[1] == viz_store().relations()


def test_jsonexport_cli_writes_the_store(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, ARTICLES)
    store.close()
    out = tmp_path / "out.json"
    assert main(["export", "--store", str(tmp_path / "store"), "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["nodes"]) == len(ACTORS) and len(doc["edges"]) == len(RELATIONS)


def test_jsonexport_names_the_store_without_its_password(tmp_path: Path) -> None:
    store = viz_store()
    store.uri = "bolt://neo4j:s3cret@db.example:7687"
    text = write_json(store, tmp_path / "g.json").read_text(encoding="utf-8")
    assert "s3cret" not in text and json.loads(text)["graph"]["store"] == "bolt://db.example:7687"
