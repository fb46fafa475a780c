"""The tradegraph RDF vocabulary and how it lines up with W3C ORG, PROV-O, SKOS and Wikidata.

Actors are typed both with a tradegraph class and the standard one (``foaf:Person``,
``org:Organization``); REPRESENTS and REPLACED_BY use the Wikidata properties directly; every
relation also has a qualified node (an ``rdf:Statement`` that is a ``prov:Entity``) carrying
its evidence, and a REPRESENTS relation is at the same time an ``org:Membership``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from tradegraph.graph.model import ActorKind, RelationKind

TG = Namespace("https://w3id.org/tradegraph/ns#")
TGID = Namespace("https://w3id.org/tradegraph/id/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: Mapping[str, Any] = {  # rdflib's own namespaces are DefinedNamespace classes
    "tg": TG,
    "tgid": TGID,
    "wd": WD,
    "wdt": WDT,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "rdf": RDF,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "skos": SKOS,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
    "time": TIME,
}
JSONLD_CONTEXT: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}

ACTOR_CLASSES: Mapping[ActorKind, tuple[URIRef, URIRef]] = {  # tradegraph class, standard class
    ActorKind.PERSON: (TG.Person, FOAF.Person),
    ActorKind.COUNTRY: (TG.Country, ORG.Organization),
    ActorKind.ORGANIZATION: (TG.Organization, ORG.Organization),
}
RELATION_PREDICATES: Mapping[RelationKind, URIRef] = {
    RelationKind.REPRESENTS: WDT.P1268,  # "represents"
    RelationKind.NEGOTIATES_WITH: TG.negotiatesWith,
    RelationKind.REPLACED_BY: WDT.P1366,  # "replaced by"
    RelationKind.ALLIED_WITH: TG.alliedWith,
    RelationKind.IMPOSES_TARIFFS_ON: TG.imposesTariffsOn,
}
# REPLACED_BY is also written the other way round: the successor replaces the predecessor.
REPLACES = WDT.P1365
SHAPES_FILE = "shapes.ttl"


def node(identifier: str) -> URIRef:
    """The IRI of an actor or article id: ``person:scott-bessent`` -> ``tgid:person:scott-bessent``."""
    return TGID[quote(identifier, safe=":-._~")]


def identifier(iri: object) -> str:
    """The id back from ``node(id)``."""
    return unquote(str(iri)[len(str(TGID)) :])


def vocabulary_graph() -> Graph:
    """The tradegraph terms with labels and their ties to the standard vocabularies."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for kind, (cls, standard) in ACTOR_CLASSES.items():
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.label, Literal(kind.value)))
        g.add((cls, RDFS.subClassOf, standard))
        g.add((cls, RDFS.subClassOf, PROV.Agent))
    for rel_kind, prop in RELATION_PREDICATES.items():
        g.add((prop, RDF.type, OWL.SymmetricProperty if rel_kind.symmetric else OWL.ObjectProperty))
        g.add((prop, RDFS.label, Literal(rel_kind.value)))
    g.add((REPLACES, OWL.inverseOf, WDT.P1366))
    g.add((TG.affiliation, RDFS.subPropertyOf, ORG.memberOf))
    g.add((TG.Relation, RDFS.subClassOf, RDF.Statement))
    g.add((TG.Relation, RDFS.subClassOf, PROV.Entity))
    g.add((TG.Article, RDFS.subClassOf, PROV.Entity))
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes an export conforms to (``shapes.ttl`` beside this module)."""
    text = resources.files("tradegraph.graph.export").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")
