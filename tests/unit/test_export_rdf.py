"""The RDF export: standard vocabularies, SHACL-valid, lossless through Turtle, JSON-LD and back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from fixtures.viz_graph import ACTORS, AKAZAWA, GREER, JAPAN, RELATIONS, TAI, USA, viz_store
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

from tradegraph.cli import main
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import InputError
from tradegraph.graph.export.rdf import from_rdf, read_rdf, statement_node, store_to_rdf, write_rdf
from tradegraph.graph.export.selection import Selection, whole
from tradegraph.graph.export.vocabulary import (
    ACTOR_CLASSES,
    PQ,
    PS,
    RELATION_PREDICATES,
    SCHEMA,
    TG,
    WD,
    WDT,
    P,
    node,
    shapes_graph,
    vocabulary_graph,
)
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, RelationKind


def _validate(g: Graph) -> tuple[bool, str]:
    import pyshacl

    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes_graph())
    return bool(conforms), str(text)


def _timeless(g: Graph) -> Graph:
    """``g`` without the export activity, whose time differs between two exports."""
    export = set(g.subjects(RDFS.label, Literal("tradegraph export")))
    out = Graph()
    for triple in g:
        if triple[0] not in export and triple[2] not in export:
            out.add(triple)
    return out


def _with_actor(actor: Actor) -> Selection:
    sel = whole(viz_store())
    return Selection([actor if a.id == actor.id else a for a in sel.actors], sel.relations, sel.articles)


def _sorted_labels(actor: Actor) -> Actor:
    return replace(
        actor,
        aliases=tuple(sorted(actor.aliases, key=str.casefold)),
        roles=tuple(sorted(actor.roles, key=str.casefold)),
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return store_to_rdf(viz_store())


def test_rdf_every_kind_has_a_term_the_shapes_accept() -> None:
    assert set(RELATION_PREDICATES) == set(RelationKind) and set(ACTOR_CLASSES) == set(ActorKind)
    shapes = shapes_graph()
    allowed = {item for lst in shapes.objects(None, SH["in"]) for item in Collection(shapes, lst)}
    assert set(RELATION_PREDICATES.values()) == allowed
    vocabulary = vocabulary_graph()
    assert all((p, None, None) in vocabulary for p in RELATION_PREDICATES.values())


def test_rdf_export_conforms_to_the_shapes(graph: Graph) -> None:
    conforms, report = _validate(graph)
    assert conforms, report


def test_rdf_shapes_reject_evidence_without_a_sentence(graph: Graph) -> None:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.remove((None, TG.sentence, None))
    conforms, report = _validate(broken)
    assert not conforms and "sentence" in report


def test_rdf_articles_with_any_id_conform() -> None:
    store = viz_store()
    store.upsert(articles=[Article.create("wire text", id="wire-2025-04-30", title="Wire")])
    conforms, report = _validate(store_to_rdf(store))
    assert conforms, report


def test_rdf_uses_org_prov_and_wikidata_terms(graph: Graph) -> None:
    akazawa, japan = node(AKAZAWA.id), node(JAPAN.id)
    assert (japan, OWL.sameAs, WD.Q17) in graph
    assert (akazawa, TG.represents, japan) in graph and (akazawa, ORG.memberOf, japan) in graph
    assert (node(TAI.id), TG.replacedBy, node(GREER.id)) in graph
    assert (node(GREER.id), TG.replaces, node(TAI.id)) in graph
    post = graph.value(akazawa, ORG.holds)
    assert (post, ORG.postIn, japan) in graph and (post, RDF.type, ORG.Post) in graph
    statement = statement_node(RELATIONS[0])
    assert set(graph.objects(statement, PROV.wasDerivedFrom)) == {node("article:1"), node("article:2")}
    assert graph.value(statement, PROV.generatedAtTime) == Literal(
        datetime(2025, 4, 1), datatype=XSD.dateTime
    )
    sentences = {str(graph.value(d, TG.sentence)) for d in graph.objects(statement, PROV.qualifiedDerivation)}
    assert sentences == {ev.sentence for ev in RELATIONS[0].evidence}


def test_rdf_vocabulary_ties_to_wikidata_only_by_close_match() -> None:
    vocabulary = vocabulary_graph()
    assert (TG.represents, SKOS.closeMatch, WDT.P1268) in vocabulary
    assert (TG.represents, RDFS.subPropertyOf, ORG.memberOf) in vocabulary
    assert (TG.replacedBy, SKOS.closeMatch, WDT.P1366) in vocabulary


def test_rdf_replaced_person_is_not_asserted_as_still_representing(graph: Graph) -> None:
    tai, greer, usa = node(TAI.id), node(GREER.id), node(USA.id)
    assert (tai, TG.represents, usa) not in graph and (tai, ORG.memberOf, usa) not in graph
    assert (tai, ORG.holds, None) not in graph
    assert (greer, ORG.memberOf, usa) in graph
    membership = next(m for m in graph.subjects(ORG.member, tai) if (m, ORG.organization, usa) in graph)
    interval = graph.value(membership, ORG.memberDuring)
    end = graph.value(graph.value(interval, TIME.hasEnd), TIME.inXSDDate)
    assert end == Literal(date(2025, 2, 26), datatype=XSD.date)


def test_rdf_offices_are_wikidata_style_position_held_statements(graph: Graph) -> None:
    tai, greer = node(TAI.id), node(GREER.id)
    held = graph.value(greer, P.P39)
    assert graph.value(held, PQ.P1365) == tai
    assert graph.value(held, PQ.P580) == Literal(datetime(2025, 2, 26), datatype=XSD.dateTime)
    before = graph.value(tai, P.P39)
    assert graph.value(before, PQ.P1366) == greer and graph.value(before, PS.P39) == graph.value(held, PS.P39)


WHO_HELD = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?name WHERE {
  ?m a org:Membership ; org:member ?person ; org:role/rdfs:label "U.S. Trade Representative" ;
     org:memberDuring ?during .
  ?person skos:prefLabel ?name .
  OPTIONAL { ?during time:hasBeginning/time:inXSDDate ?start }
  OPTIONAL { ?during time:hasEnd/time:inXSDDate ?end }
  FILTER ((!BOUND(?start) || ?start <= "DAY"^^xsd:date) && (!BOUND(?end) || "DAY"^^xsd:date < ?end))
}
"""


@pytest.mark.parametrize("day, holder", [("2025-01-15", "Katherine Tai"), ("2025-03-01", "Jamieson Greer")])
def test_rdf_sparql_over_member_during_finds_who_held_a_post_on_a_day(
    graph: Graph, day: str, holder: str
) -> None:
    assert [str(row[0]) for row in graph.query(WHO_HELD.replace("DAY", day))] == [holder]


def test_rdf_records_the_export_activity_and_the_extractors(tmp_path: Path) -> None:
    sel = whole(viz_store())
    rel = replace(sel.relations[0], evidence=(Evidence("article:1", "New.", provenance="rule:x"),))
    g = store_to_rdf(Selection(sel.actors, [rel, *sel.relations[1:]], sel.articles))
    activities = set(g.subjects(RDF.type, PROV.Activity))
    assert len(activities) == 2
    assert any(g.value(a, TG.model) == Literal("rule:x") for a in activities)
    software = {g.value(a, PROV.wasAssociatedWith) for a in activities}
    assert len(software) == 1 and g.value(software.pop(), SCHEMA.softwareVersion) is not None


@pytest.mark.parametrize(
    "triple",
    [
        (node(USA.id), TG.represents, node(GREER.id)),
        (node(GREER.id), TG.imposesTariffsOn, node(USA.id)),
        (node(USA.id), TG.replacedBy, node(GREER.id)),
    ],
    ids=["represents", "tariffs", "replaced"],
)
def test_rdf_shapes_catch_a_reversed_relation(graph: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    broken = Graph()
    for t in graph:
        broken.add(t)
    broken.add(triple)
    assert not _validate(broken)[0]


def test_rdf_shapes_catch_a_reversed_statement_node(graph: Graph) -> None:
    broken = Graph()
    for t in graph:
        broken.add(t)
    st = statement_node(RELATIONS[0])
    subject, obj = graph.value(st, RDF.subject), graph.value(st, RDF.object)
    broken.set((st, RDF.subject, obj))
    broken.set((st, RDF.object, subject))
    conforms, report = _validate(broken)
    assert not conforms and "REPRESENTS statement" in report


def test_rdf_base_iri_puts_every_local_node_in_the_users_namespace(tmp_path: Path) -> None:
    base = "https://example.org/trade/"
    path = write_rdf(viz_store(), tmp_path / "g.ttl", "turtle", base_iri=base)
    g = Graph().parse(path, format="turtle")
    assert (URIRef(base + "country:JPN"), OWL.sameAs, WD.Q17) in g
    assert not [s for s in g.subjects() if str(s).startswith("https://w3id.org/tradegraph/id/")]
    actors, relations, _ = read_rdf(path)
    assert relations == viz_store().relations()


@pytest.mark.parametrize("base", ["example.org/", "https://example.org/a b/", "https://example.org/x"])
def test_rdf_bad_base_iri_is_a_coded_error(tmp_path: Path, base: str) -> None:
    with pytest.raises(InputError, match=r"\[TG177\]"):
        write_rdf(viz_store(), tmp_path / "g.ttl", "turtle", base_iri=base)
    assert not (tmp_path / "g.ttl").exists()


def test_rdf_bad_wikidata_id_is_a_coded_error_and_leaves_the_old_file(tmp_path: Path) -> None:
    store = _with_actor(replace(JAPAN, external_ids={"wikidata": "Q17> <x"}))
    target = tmp_path / "g.ttl"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[TG176\].*country:JPN"):
        write_rdf(store, target, "turtle")
    assert target.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_rdf_other_external_ids_with_angle_brackets_stay_literal(tmp_path: Path) -> None:
    store = _with_actor(replace(JAPAN, external_ids={"wikidata": "Q17", "gnd": "a>b"}))
    g = Graph().parse(write_rdf(store, tmp_path / "g.ttl", "turtle"), format="turtle")
    assert (node(JAPAN.id), TG.externalId, Literal("gnd:a>b")) in g


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_file_round_trips_to_an_isomorphic_graph(
    graph: Graph, tmp_path: Path, fmt: str, parser: str
) -> None:
    path = write_rdf(viz_store(), tmp_path / f"g.{fmt}", fmt)
    assert isomorphic(_timeless(graph), _timeless(Graph().parse(path, format=parser)))


def test_rdf_jsonld_context_is_embedded(tmp_path: Path) -> None:
    doc = json.loads(write_rdf(viz_store(), tmp_path / "g.jsonld", "jsonld").read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict) and doc["@context"]["tg"] == str(TG)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_rdf_import_gives_back_the_model(tmp_path: Path, fmt: str) -> None:
    store = viz_store()
    actors, relations, articles = read_rdf(write_rdf(store, tmp_path / "g.rdf", fmt), fmt)
    assert actors == [_sorted_labels(a) for a in store.actors()]
    assert relations == store.relations()
    assert articles == store.articles()


def test_rdf_import_names_the_node_that_lacks_a_label(graph: Graph) -> None:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.remove((node(JAPAN.id), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), None))
    with pytest.raises(InputError, match=r"TG170.*country:JPN.*prefLabel"):
        from_rdf(broken)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "graphml"])
def test_rdf_cli_exports_each_format(tmp_path: Path, fmt: str) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, viz_store().articles())
    store.close()
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--store", str(tmp_path / "store"), "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 1000
