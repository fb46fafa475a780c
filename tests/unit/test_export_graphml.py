"""The GraphML export: readable by networkx with every actor, relation and flat attribute."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from fixtures.viz_graph import ACTORS, AKAZAWA, BESSENT, EVIL, RELATIONS, SCRIPT, viz_store

from tradegraph.graph.export.graphml import LIST_SEPARATOR, write_graphml


def test_graphml_reads_back_every_node_and_edge(tmp_path: Path) -> None:
    graph = nx.read_graphml(write_graphml(viz_store(), tmp_path / "g.graphml"), force_multigraph=True)
    assert set(graph.nodes) == {a.id for a in ACTORS}
    assert {(s, k, t) for s, t, k in graph.edges(keys=True)} == {r.key for r in RELATIONS}


def test_graphml_flattens_lists_and_keeps_text_verbatim(tmp_path: Path) -> None:
    graph = nx.read_graphml(write_graphml(viz_store(), tmp_path / "g.graphml"), force_multigraph=True)
    evil = graph.nodes[EVIL.id]
    assert evil["label"] == EVIL.name and SCRIPT in evil["label"]
    assert evil["aliases"] == LIST_SEPARATOR.join(EVIL.aliases)
    assert graph.nodes["country:JPN"]["id_wikidata"] == "Q17"
    talks = graph.edges[AKAZAWA.id, BESSENT.id, "NEGOTIATES_WITH"]
    assert talks["support"] == 3 and talks["sentences"].count(LIST_SEPARATOR) == 2
