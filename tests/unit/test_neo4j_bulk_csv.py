"""The bulk-load CSVs: one column per stored property, values quoted so any sentence survives."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from tradegraph.graph.model import Actor, Article, Evidence, Relation, RelationKind
from tradegraph.neo4j_server import bulk


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_neo4j_bulk_csv_columns_and_values(tmp_path: Path) -> None:
    jp = Actor.create("Japan", "Country", iso3="JPN")
    sato = Actor.create("Ken Sato", "Person", affiliation=jp.id, roles=("trade minister",))
    sentence = 'Sato said, "no deal"\nthen left.'
    ev = (
        Evidence("a1", sentence, url="https://x.example/1", date=date(2025, 3, 1), confidence=0.8),
        Evidence("a2", "Sato and Japan.", confidence=0.5),
    )
    rel = Relation(sato.id, RelationKind.REPRESENTS, jp.id, evidence=ev, valid_from=date(2025, 1, 2))
    doc = Article.create("text", id="a1", url="https://x.example/1", published=date(2025, 3, 1))
    files = bulk.write_csvs([jp, sato], [rel], [doc.metadata()], tmp_path)
    assert files.counts == {"actors": 2, "articles": 1, "relations": 1}
    [r] = _rows(files.relations)
    assert r[":TYPE"] == "REPRESENTS" and r["valid_to:date"] == "" and r["valid_from:date"] == "2025-01-02"
    assert r["ev_sentences:string[]"].split(bulk.ARRAY) == [sentence, "Sato and Japan."]
    assert r["ev_urls:string[]"] == "" and r[bulk.SPLIT_LATER + "ev_urls"].split(bulk.ARRAY) == [
        "https://x.example/1",
        "",
    ]
    assert (r["support:long"], r["confidence:double"]) == ("2", "0.8")
    actors = {row["id:ID(Actor)"]: row for row in _rows(files.actors)}
    assert actors[sato.id][":LABEL"] == bulk.ARRAY.join(["Actor", "Person"])
    assert actors[jp.id]["affiliation"] == ""
    [a] = _rows(files.articles)
    assert a["published:date"] == "2025-03-01" and a["title"] == ""


def test_neo4j_bulk_printed_command_names_every_file(tmp_path: Path) -> None:
    files = bulk.write_csvs([], [], [], tmp_path)
    command = bulk.printable_command(files)
    assert command.startswith("neo4j-admin database import full")
    assert all(str(p) in command for p in (files.actors, files.articles, files.relations))
