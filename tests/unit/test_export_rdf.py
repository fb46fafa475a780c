"""The RDF export: standard vocabularies, SHACL-valid, lossless through Turtle, JSON-LD and back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from fixtures.viz_graph import ACTORS, AKAZAWA, GREER, JAPAN, RELATIONS, TAI, viz_store
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, OWL, PROV, RDF, SH, XSD

from tradegraph.cli import main
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import InputError
from tradegraph.graph.export.rdf import from_rdf, read_rdf, statement_node, store_to_rdf, write_rdf
from tradegraph.graph.export.vocabulary import (
    ACTOR_CLASSES,
    RELATION_PREDICATES,
    TG,
    WD,
    WDT,
    node,
    shapes_graph,
    vocabulary_graph,
)
from tradegraph.graph.model import Actor, ActorKind, Article, RelationKind


def _validate(g: Graph) -> tuple[bool, str]:
    import pyshacl

    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes_graph())
    return bool(conforms), str(text)


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


def test_rdf_uses_wikidata_org_and_prov_terms(graph: Graph) -> None:
    akazawa, japan = node(AKAZAWA.id), node(JAPAN.id)
    assert (japan, OWL.sameAs, WD.Q17) in graph
    assert (akazawa, WDT.P1268, japan) in graph and (akazawa, ORG.memberOf, japan) in graph
    assert (node(TAI.id), WDT.P1366, node(GREER.id)) in graph
    assert (node(GREER.id), WDT.P1365, node(TAI.id)) in graph
    post = graph.value(akazawa, ORG.holds)
    assert (post, ORG.postIn, japan) in graph and (post, RDF.type, ORG.Post) in graph
    statement = statement_node(RELATIONS[0])
    assert (statement, RDF.type, ORG.Membership) in graph
    assert set(graph.objects(statement, PROV.wasDerivedFrom)) == {node("article:1"), node("article:2")}
    assert graph.value(statement, PROV.generatedAtTime) == Literal(
        datetime(2025, 4, 1), datatype=XSD.dateTime
    )
    sentences = {str(graph.value(d, TG.sentence)) for d in graph.objects(statement, PROV.qualifiedDerivation)}
    assert sentences == {ev.sentence for ev in RELATIONS[0].evidence}


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_file_round_trips_to_an_isomorphic_graph(
    graph: Graph, tmp_path: Path, fmt: str, parser: str
) -> None:
    path = write_rdf(viz_store(), tmp_path / f"g.{fmt}", fmt)
    assert isomorphic(graph, Graph().parse(path, format=parser))


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
