"""``tradegraph cypher`` reads on Neo4j, and the server itself refuses writes (READ access mode)."""

from __future__ import annotations

import pytest
from fixtures import graph_fixture as fx

from tradegraph.commands.cypher import run_read_only, table
from tradegraph.graph.errors import InputError, UnsupportedError


def test_answers_cypher_reads_and_refuses_writes(store):
    fx.load(store)
    if not hasattr(store, "driver"):
        with pytest.raises(UnsupportedError, match="TG440"):
            run_read_only(store, "MATCH (a) RETURN a")
        return
    keys, rows = run_read_only(
        store, "MATCH (p:Actor)-[:REPRESENTS]->(:Actor {id: 'country:JPN'}) RETURN p.name AS name"
    )
    assert keys == ["name"] and rows == [["Ryosei Akazawa"]]
    assert "Ryosei Akazawa" in table(keys, rows)
    for write in (
        "CREATE (:Actor {id: 'person:intruder'})",
        "MATCH (a:Actor) DETACH DELETE a",
        "MATCH (a:Actor {id: 'country:JPN'}) SET a.name = 'x'",
    ):
        with pytest.raises(UnsupportedError, match="TG441"):
            run_read_only(store, write)
    assert store.actor("person:intruder") is None and store.actor(fx.JAPAN.id) == fx.JAPAN
    with pytest.raises(InputError, match="TG165"):
        run_read_only(store, "MATCH (a RETURN a")
