"""Exports read by tools nobody on the project wrote: Gephi's own GraphML importer, Apache Jena.

The jars come from Maven Central on first use (``fixtures/java_tools.py``); the tests skip on a
machine without ``java``/``mvn`` and fail under CI.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fixtures.java_tools import gephi_import, jena
from fixtures.viz_graph import RELATIONS, viz_store

from tradegraph.graph.export.graphml import edge_id, write_graphml
from tradegraph.graph.export.selection import Selection
from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, RelationKind

pytestmark = pytest.mark.slow


def _crowded() -> Selection:
    """Every kind between the same pairs, both directions where a kind is directed: parallel edges."""
    people = [Actor(f"person:p{n}", f"P {n}", ActorKind.PERSON) for n in range(6)]
    states = [Actor(f"country:C{n:02d}", f"C {n}", ActorKind.COUNTRY) for n in range(4)]
    actors = people + states
    relations: dict[tuple[str, str, str], Relation] = {}
    ev = (Evidence("article:1", "A sentence.", date=date(2025, 4, 1), confidence=0.8),)
    for a in actors:
        for b in actors:
            for kind in RelationKind:
                if a.id != b.id:
                    rel = Relation(a.id, kind, b.id, evidence=ev)
                    relations[rel.key] = rel
    return Selection(actors, sorted(relations.values(), key=lambda r: r.key))


@pytest.mark.parametrize("graph", ["fixture", "crowded"])
def test_gephi_imports_every_node_and_relation(tmp_path: Path, graph: str) -> None:
    selection = _crowded() if graph == "crowded" else None
    path = write_graphml(selection or viz_store(), tmp_path / "g.graphml")
    relations = selection.relations if selection else list(RELATIONS)
    nodes = len(selection.actors) if selection else 10
    found = gephi_import(path)
    assert found["nodes"] == nodes
    assert sorted(e["id"] for e in found["edges"]) == sorted(edge_id(r) for r in relations)
    for edge in found["edges"]:
        assert edge["directed"] is not RelationKind(edge["kind"]).symmetric
        assert edge["support_type"] == "Integer"
    assert [i for i in found["issues"] if not i.startswith("INFO")] == []


# -- RDF through Apache Jena ----------------------------------------------------------------

WHO_HELD_ON = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?name ?body WHERE {
  ?m a org:Membership ; org:member ?person ; org:organization/skos:prefLabel ?body ;
     org:role/rdfs:label "U.S. Trade Representative" ; org:memberDuring ?during .
  ?person skos:prefLabel ?name .
  OPTIONAL { ?during time:hasBeginning/time:inXSDDate ?start }
  OPTIONAL { ?during time:hasEnd/time:inXSDDate ?end }
  FILTER ((!BOUND(?start) || ?start <= "DAY"^^xsd:date) && (!BOUND(?end) || "DAY"^^xsd:date < ?end))
}
"""
WHO_REPRESENTS_NOW = """
PREFIX tg: <https://w3id.org/tradegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name WHERE { ?p tg:represents ?usa ; skos:prefLabel ?name . ?usa skos:prefLabel "United States" }
ORDER BY ?name
"""
POSITIONS_WIKIDATA_STYLE = """
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name ?before WHERE {
  ?p p:P39 ?st ; skos:prefLabel ?name . ?st pq:P1365/skos:prefLabel ?before .
}
"""


def _rdf_files(tmp_path: Path) -> list[Path]:
    from tradegraph.graph.export.rdf import write_rdf

    return [
        write_rdf(viz_store(), tmp_path / name, fmt)
        for name, fmt in (("g.ttl", "turtle"), ("g.jsonld", "jsonld"))
    ]


def test_jena_riot_validates_turtle_and_jsonld(tmp_path: Path) -> None:
    done = jena("riotcmd.riot", "--validate", *map(str, _rdf_files(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if " WARN " in line or " ERROR " in line] == []


def test_jena_riot_reads_the_same_triples_from_both_formats(tmp_path: Path) -> None:
    done = jena("riotcmd.riot", "--count", *map(str, _rdf_files(tmp_path)))
    counts = [
        line.split("Triples =")[1].strip()
        for line in (done.stdout + done.stderr).splitlines()
        if "Triples =" in line
    ]
    assert len(counts) == 2 and counts[0] == counts[1] and int(counts[0]) > 100


def _sparql(tmp_path: Path, query: str) -> list[dict[str, str]]:
    data = _rdf_files(tmp_path)[0]
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    done = jena("arq.sparql", "--data", str(data), "--query", str(tmp_path / "q.rq"), "--results", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("day, holder", [("2025-01-15", "Katherine Tai"), ("2025-03-01", "Jamieson Greer")])
def test_jena_sparql_member_during_gives_who_held_the_post_on_a_day(
    tmp_path: Path, day: str, holder: str
) -> None:
    assert _sparql(tmp_path, WHO_HELD_ON.replace("DAY", day)) == [{"name": holder, "body": "United States"}]


def test_jena_sparql_replaced_person_does_not_represent(tmp_path: Path) -> None:
    names = [row["name"] for row in _sparql(tmp_path, WHO_REPRESENTS_NOW)]
    assert names == ["Jamieson Greer", "Scott Bessent"]


def test_jena_sparql_wikidata_style_position_held(tmp_path: Path) -> None:
    assert _sparql(tmp_path, POSITIONS_WIKIDATA_STYLE) == [
        {"name": "Jamieson Greer", "before": "Katherine Tai"}
    ]


def test_pyshacl_conforms_on_the_file_jena_validated(tmp_path: Path) -> None:
    import pyshacl
    from rdflib import Graph

    from tradegraph.graph.export.vocabulary import shapes_graph

    for path in _rdf_files(tmp_path):
        fmt = "turtle" if path.suffix == ".ttl" else "json-ld"
        conforms, _, report = pyshacl.validate(Graph().parse(path, format=fmt), shacl_graph=shapes_graph())
        assert conforms, report
