"""The tradegraph RDF vocabulary and how it lines up with W3C ORG, OWL-Time, PROV-O, SKOS and Wikidata.

Actors are typed both with a tradegraph class and the standard one (``foaf:Person``,
``org:Organization``). Relations use tradegraph properties; each is tied to a standard term only
where the meaning matches: ``tg:represents`` is an ``org:memberOf`` and a ``skos:closeMatch`` of
Wikidata's P1268 ("represents"), ``tg:replacedBy``/``tg:replaces`` close matches of P1366/P1365.
Every relation also has a qualified node (an ``rdf:Statement`` that is a ``prov:Entity``) carrying
its evidence; a tenure is an ``org:Membership`` with an ``org:memberDuring`` interval and, in the
Wikidata style, a ``p:P39`` ("position held") statement node with P580/P582/P1365/P1366 qualifiers.

The namespaces under ``https://w3id.org/tradegraph/`` are not registered with w3id.org, so they
do not dereference; ``tradegraph export --base-iri`` puts the data under a namespace of your own.
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
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
DEFAULT_BASE_IRI = str(TGID)
SCHEMA = Namespace("https://schema.org/")

PREFIXES: Mapping[str, Any] = {  # rdflib's own namespaces are DefinedNamespace classes
    "tg": TG,
    "tgid": TGID,
    "wd": WD,
    "wdt": WDT,
    "p": P,
    "ps": PS,
    "pq": PQ,
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
    RelationKind.REPRESENTS: TG.represents,
    RelationKind.NEGOTIATES_WITH: TG.negotiatesWith,
    RelationKind.REPLACED_BY: TG.replacedBy,
    RelationKind.ALLIED_WITH: TG.alliedWith,
    RelationKind.IMPOSES_TARIFFS_ON: TG.imposesTariffsOn,
}
# REPLACED_BY is also written the other way round: the successor replaces the predecessor.
REPLACES = TG.replaces
# Wikidata terms whose meaning matches ours (skos:closeMatch in ``vocabulary_graph``).
CLOSE_MATCHES: Mapping[URIRef, URIRef] = {
    TG.represents: WDT.P1268,  # represents
    TG.replacedBy: WDT.P1366,  # replaced by
    TG.replaces: WDT.P1365,  # replaces
}
POSITION_HELD, START, END, REPLACES_Q, REPLACED_BY_Q = "P39", "P580", "P582", "P1365", "P1366"
SHAPES_FILE = "shapes.ttl"


def node(identifier: str, base: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of an actor or article id: ``person:scott-bessent`` -> ``tgid:person:scott-bessent``."""
    return URIRef(base + quote(identifier, safe=":-._~"))


def identifier(iri: object, base: str = DEFAULT_BASE_IRI) -> str:
    """The id back from ``node(id, base)``."""
    return unquote(str(iri)[len(base) :])


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
    g.add((REPLACES, RDF.type, OWL.ObjectProperty))
    g.add((REPLACES, OWL.inverseOf, TG.replacedBy))
    for ours, theirs in CLOSE_MATCHES.items():
        g.add((ours, SKOS.closeMatch, theirs))
    g.add((TG.represents, RDFS.subPropertyOf, ORG.memberOf))
    g.add((TG.affiliation, RDFS.subPropertyOf, ORG.memberOf))
    g.add((TG.Relation, RDFS.subClassOf, RDF.Statement))
    g.add((TG.Relation, RDFS.subClassOf, PROV.Entity))
    g.add((TG.Article, RDFS.subClassOf, PROV.Entity))
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes an export conforms to (``shapes.ttl`` beside this module)."""
    text = resources.files("tradegraph.graph.export").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")
