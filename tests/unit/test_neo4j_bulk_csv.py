"""The bulk-load CSVs: one column per stored property, values quoted so any sentence survives."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from tradegraph import bulk as staged
from tradegraph.graph.backends.neo4j_rows import evidence_id, relation_key
from tradegraph.graph.backends.sqlite import SQLiteStore
from tradegraph.graph.model import Actor, Article, Evidence, Relation, RelationKind
from tradegraph.neo4j_server import bulk, bulk_csv


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_neo4j_bulk_csv_columns_and_values(tmp_path: Path) -> None:
    jp = Actor.create("Japan", "Country", iso3="JPN")
    sato = Actor.create("Ken Sato", "Person", affiliation=jp.id, roles=("trade minister",))
    sentence = 'Sato said, "no deal"\nthen left.'
    ev = (
        Evidence("a1", sentence, url="https://x.example/1", date=date(2025, 3, 1), confidence=0.8),
        Evidence("a2", "Sato and Japan.", confidence=0.5, provenance="rule"),
    )
    rel = Relation(sato.id, RelationKind.REPRESENTS, jp.id, evidence=ev, valid_from=date(2025, 1, 2))
    doc = Article.create("text", id="a1", url="https://x.example/1", published=date(2025, 3, 1))
    files = bulk_csv.write_csvs([jp, sato], [rel], [doc.metadata()], tmp_path)
    assert files.counts == {
        "actors": 2,
        "articles": 1,
        "mentions": 0,
        "relations": 1,
        "evidence": 2,
        "links": 1,
    }
    [r] = _rows(files.path("relations"))
    assert r[":TYPE"] == "REPRESENTS" and r["valid_to:date"] == "" and r["valid_from:date"] == "2025-01-02"
    assert r["key"] == relation_key(rel) and r["ev_seq:long"] == "2"
    assert (r["known_from"], r["confidence:double"]) == ("", "0.8")  # one evidence undated
    first, second = _rows(files.path("evidence"))
    assert first["id:ID(Evidence)"] == evidence_id(rel, ev[0]) and first["sentence"] == sentence
    assert (first["date"], first["url"], first["n:long"]) == ("2025-03-01", "https://x.example/1", "0")
    assert (second["date"], second["url"], second["provenance"]) == ("", "", "rule")
    assert second["relation"] == relation_key(rel) and second["kind"] == "REPRESENTS"
    [link] = _rows(files.path("from"))  # a2 is not stored: its evidence links to nothing
    assert (link[":START_ID(Evidence)"], link[":END_ID(Article)"]) == (first["id:ID(Evidence)"], "a1")
    actors = {row["id:ID(Actor)"]: row for row in _rows(files.path("actors"))}
    assert actors[sato.id][":LABEL"] == bulk_csv.ARRAY.join(["Actor", "Person"])
    assert actors[jp.id]["affiliation"] == ""
    [a] = _rows(files.path("articles"))
    assert a["published:date"] == "2025-03-01" and a["title"] == ""


def test_neo4j_bulk_mentions_from_staging(tmp_path: Path) -> None:
    jp = Actor.create("Japan", "Country", iso3="JPN")
    sato = Actor.create("Ken Sato", "Person", affiliation=jp.id, roles=("trade minister",))
    doc = Article.create("text", id="a1")
    store = SQLiteStore.open(tmp_path / "staging")
    try:
        store.upsert([jp, sato], [], [doc.metadata()])
        store.upsert([Actor.create("Ken Sato", "Person", aliases=("K. Sato",))])
        said = {(m["actor_id"], m["article_id"]): m for m in staged.mentions(store)}
    finally:
        store.close()
    assert set(said) == {(jp.id, "a1"), (sato.id, "a1"), (sato.id, "")}
    first, later = said[sato.id, "a1"], said[sato.id, ""]
    assert (first["roles"], first["affiliation"], first["aliases"]) == (["trade minister"], jp.id, [])
    assert later["aliases"] == ["K. Sato"] and first["n"] < later["n"]
    assert first["id"] == f"{sato.id}\x1fa1" and first["labels"] == ["Mention"]


def test_neo4j_bulk_repeated_evidence_is_one_node(tmp_path: Path) -> None:
    jp, us = (
        Actor.create("Japan", "Country", iso3="JPN"),
        Actor.create("United States", "Country", iso3="USA"),
    )
    ev = Evidence("a1", "Japan met the United States.", confidence=0.5)
    again = Evidence("a1", "Japan met the United States.", confidence=0.9)  # same key: same node
    rel = Relation(jp.id, RelationKind.NEGOTIATES_WITH, us.id, evidence=(ev, again))
    row, evidence = bulk_csv.relation_records(rel)
    [node] = evidence  # whichever dedupes first (the model does too), the importer sees one id
    assert node["n"] == 0 and row["ev_seq"] == len(rel.evidence)


def test_neo4j_bulk_printed_command_names_every_file(tmp_path: Path) -> None:
    files = bulk_csv.write_csvs([], [], [], tmp_path)
    command = bulk.printable_command(files)
    assert command.startswith("neo4j-admin database import full")
    assert all(str(files.path(t.name)) in command for t in bulk_csv.TABLES)
    finish = bulk.printable_finish().splitlines()
    assert len(finish) == len(bulk_csv.EMPTY_LISTS) and all(line.startswith(":auto MATCH") for line in finish)
