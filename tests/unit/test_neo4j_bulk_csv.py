"""The bulk-load CSVs: one column per stored property, values quoted so any sentence survives."""

from __future__ import annotations

import csv
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

from tradegraph import bulk as staged
from tradegraph.graph.backends.neo4j_rows import evidence_id, relation_key
from tradegraph.graph.backends.sqlite import SQLiteStore
from tradegraph.graph.model import Actor, Article, Evidence, Relation, RelationKind
from tradegraph.neo4j_server import bulk, bulk_csv, bulk_rows


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
    assert (r["last_reported"], r["support:long"]) == ("2025-03-01", "2")  # who-represents ranks by these
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


def _tricky() -> tuple[list[Relation], set[str]]:
    jp, us = (
        Actor.create("Japan", "Country", iso3="JPN"),
        Actor.create("United States", "Country", iso3="USA"),
    )
    quoted = Evidence("a1", 'He said "yes",\nthen\r\nleft.', url='https://x.example/?q="1"', confidence=0.1)
    dated = Evidence("a2", "Japan met the United States.", date=date(2025, 3, 1), provenance='rule:"x"')
    again = Evidence("a1", quoted.sentence, confidence=0.9)  # the same node as ``quoted``
    rels = [
        Relation(jp.id, RelationKind.NEGOTIATES_WITH, us.id, evidence=(quoted, dated, again)),
        Relation(
            us.id,
            RelationKind.IMPOSES_TARIFFS_ON,
            jp.id,
            evidence=(dated,),
            valid_to=date(2026, 1, 1),
            role="host",
        ),
        Relation(us.id, RelationKind.REPRESENTS, jp.id),
    ]
    return rels, {"a1"}


def test_neo4j_bulk_relation_lines_are_the_csv_of_the_store_records() -> None:
    rels, stored = _tricky()
    spoke = Relation(rels[0].source, RelationKind.REPRESENTS, rels[0].target, evidence=rels[0].evidence)
    for rel in [*rels, spoke]:
        lines: tuple[list[str], list[str], list[str]] = ([], [], [])
        bulk_rows.relation_lines(rel, stored, *lines)
        row, evidence = bulk_csv.relation_records(rel)
        expected = (
            [bulk_rows.format_row(bulk_rows.record_row(bulk_csv.RELATIONS.columns, row))],
            [bulk_rows.format_row(bulk_rows.record_row(bulk_csv.EVIDENCE.columns, ev)) for ev in evidence],
            [
                bulk_rows.format_row((ev["id"], ev["article_id"], "FROM"))
                for ev in evidence
                if ev["article_id"] in stored
            ],
        )
        assert lines == expected


def _sharded_in_a_fresh_process(out: Path) -> bulk_csv.CsvFiles:
    """The sharded write in a process of its own: shards are written by forked processes only
    when the writer runs no other thread, which a test process after Dask or Neo4j tests may."""
    code = (
        "import pickle, sys\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_neo4j_bulk_csv import _tricky\n"
        "from tradegraph.graph.model import Article\n"
        "from tradegraph.neo4j_server import bulk_csv\n"
        "bulk_csv.SHARD_MIN = 1\n"
        "rels, _ = _tricky()\n"
        "doc = Article.create('text', id='a1')\n"
        f"files = bulk_csv.write_csvs([], rels, [doc.metadata()], Path({str(out)!r}), processes=2)\n"
        "sys.stdout.buffer.write(pickle.dumps(files))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=300)
    files: bulk_csv.CsvFiles = pickle.loads(done.stdout)
    return files


def test_neo4j_bulk_csv_shards_and_multiline_files(tmp_path: Path) -> None:
    rels, _ = _tricky()
    doc = Article.create("text", id="a1")
    one = bulk_csv.write_csvs([], rels, [doc.metadata()], tmp_path / "one", processes=1)
    two = _sharded_in_a_fresh_process(tmp_path / "two")  # this one may run other tests' threads
    assert one.counts == two.counts and len(two.files("evidence")) == 2
    for name in ("relations", "evidence", "from"):
        assert "".join(p.read_text(encoding="utf-8") for p in two.files(name)) == one.path(name).read_text(
            encoding="utf-8"
        )
    assert one.multiline == [one.path("evidence")]  # only the sentence spans lines
    assert two.multiline == [two.path("evidence")]  # the shard of the first relation
    assert "--multiline-fields=" + str(one.path("evidence")) in one.import_args()
    assert (
        "--multiline-fields=false" in bulk_csv.write_csvs([], rels[1:], [], tmp_path / "flat").import_args()
    )
