"""The GraphML export: every actor and relation, unique stable edge ids, typed attributes, safe writes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.viz_graph import ACTORS, AKAZAWA, BESSENT, EVIL, RELATIONS, SCRIPT, viz_store

from tradegraph.graph.errors import InputError
from tradegraph.graph.export.graphml import LIST_SEPARATOR, to_networkx, write_graphml
from tradegraph.graph.export.selection import Selection, whole
from tradegraph.graph.model import Evidence, Relation, RelationKind

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def _read(path: Path) -> tuple[dict[str, dict[str, str]], list[dict[str, str]], dict[str, tuple[str, str]]]:
    """Nodes (id -> attributes by name), edges (XML attributes plus data by name), keys (id -> name, type)."""
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", NS)}

    def data(element: ET.Element) -> dict[str, str]:
        return {keys[d.get("key")][0]: d.text or "" for d in element.findall("g:data", NS)}

    nodes = {n.get("id"): data(n) for n in root.iter(f"{{{NS['g']}}}node")}
    edges = [{**e.attrib, **data(e)} for e in root.iter(f"{{{NS['g']}}}edge")]
    return nodes, edges, keys  # type: ignore[return-value]


def test_graphml_writes_every_node_and_edge_with_unique_stable_ids(tmp_path: Path) -> None:
    nodes, edges, _ = _read(write_graphml(viz_store(), tmp_path / "g.graphml"))
    assert set(nodes) == {a.id for a in ACTORS}
    assert {(e["source"], e["kind"], e["target"]) for e in edges} == {r.key for r in RELATIONS}
    ids = [e["id"] for e in edges]
    assert len(set(ids)) == len(RELATIONS)
    again = _read(write_graphml(viz_store(), tmp_path / "again.graphml"))[1]
    assert [e["id"] for e in again] == ids


def test_graphml_symmetric_kinds_are_undirected(tmp_path: Path) -> None:
    _, edges, _ = _read(write_graphml(viz_store(), tmp_path / "g.graphml"))
    for edge in edges:
        assert (edge.get("directed") == "false") == RelationKind(edge["kind"]).symmetric


def test_graphml_declares_typed_attributes(tmp_path: Path) -> None:
    _, edges, keys = _read(write_graphml(viz_store(), tmp_path / "g.graphml"))
    types = {name: kind for name, kind in keys.values()}
    assert types["support"] == "int" and types["confidence"] == "double" and types["weight"] == "double"
    assert types["valid_from"] == "string"
    greer = next(e for e in edges if e["kind"] == "REPRESENTS" and e["source"] == "person:jamieson-greer")
    assert greer["valid_from"] == "2025-02-26" and greer["first_reported"] == "2025-04-03"
    assert float(greer["confidence"]) == 0.9 and int(greer["support"]) == 1


def test_graphml_keeps_text_verbatim(tmp_path: Path) -> None:
    nodes, edges, _ = _read(write_graphml(viz_store(), tmp_path / "g.graphml"))
    assert nodes[EVIL.id]["label"] == EVIL.name and SCRIPT in nodes[EVIL.id]["label"]
    assert nodes[EVIL.id]["aliases"] == LIST_SEPARATOR.join(EVIL.aliases)
    assert nodes["country:JPN"]["id_wikidata"] == "Q17"
    talks = next(e for e in edges if e["id"] == f"{AKAZAWA.id}|NEGOTIATES_WITH|{BESSENT.id}")
    assert talks["support"] == "3" and talks["sentences"].count(LIST_SEPARATOR) == 2


def test_graphml_to_networkx_keeps_every_relation() -> None:
    store = viz_store()
    graph = to_networkx(store.actors(), store.relations())
    assert {(s, k, t) for s, t, k in graph.edges(keys=True)} == {r.key for r in RELATIONS}


def _with_sentence_and_url(sentence: str, url: str) -> Selection:
    sel = whole(viz_store())
    rel = sel.relations[0]
    bad = replace(rel, evidence=(Evidence("article:1", sentence, url=url),))
    return Selection(sel.actors, [bad, *sel.relations[1:]], sel.articles)


def test_graphml_control_characters_in_text_are_replaced(tmp_path: Path) -> None:
    path = write_graphml(_with_sentence_and_url("a\x00b\x1fc", "https://x.example/"), tmp_path / "g.graphml")
    _, edges, _ = _read(path)
    assert "a\ufffdb\ufffdc" in {e.get("sentences") for e in edges}


@pytest.mark.parametrize("where", ["url", "id"])
def test_graphml_nul_in_an_id_or_url_is_a_coded_error_and_leaves_the_old_file(
    tmp_path: Path, where: str
) -> None:
    target = tmp_path / "g.graphml"
    target.write_text("previous export", encoding="utf-8")
    if where == "url":
        selection = _with_sentence_and_url("fine", "https://x.example/\x00")
    else:
        sel = whole(viz_store())
        evil = replace(sel.actors[0], id="person:a\x00b")
        rel = Relation(evil.id, RelationKind.REPRESENTS, sel.actors[1].id)
        selection = Selection([evil, *sel.actors[1:]], [rel])
    with pytest.raises(InputError, match=r"\[TG176\]"):
        write_graphml(selection, target)
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]
