"""RDF import: actors, relations and articles read back from a graph ``tradegraph export`` wrote."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS
from rdflib.term import Node

from tradegraph.graph.errors import InputError, UnsupportedError
from tradegraph.graph.export.vocabulary import (
    ACTOR_CLASSES,
    DEFAULT_BASE_IRI,
    RELATION_PREDICATES,
    SCHEMA,
    TG,
    WD,
)
from tradegraph.graph.export.vocabulary import identifier as _identifier
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation

RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld"}


def _id_of(g: Graph, iri: object) -> str:
    """The tradegraph id of a node: its ``dcterms:identifier``, else read from a default-base IRI."""
    found = g.value(iri, DCTERMS.identifier) if isinstance(iri, URIRef) else None
    return str(found) if found is not None else _identifier(iri, DEFAULT_BASE_IRI)


def from_rdf(g: Graph) -> tuple[list[Actor], list[Relation], list[Article]]:
    """Actors, relations and articles read from a graph written by ``to_rdf``.

    RDF keeps no order among labels, so aliases and roles come back sorted; evidence keeps
    its order (the derivation IRIs are numbered).

    Raises:
        InputError: [TG170] a node lacks a value the model needs; the message names both.
    """
    kinds = {cls: kind for kind, (cls, _) in ACTOR_CLASSES.items()}
    actors = [_actor(g, s, kind) for cls, kind in kinds.items() for s in set(g.subjects(RDF.type, cls))]
    relations = [_relation(g, st) for st in set(g.subjects(RDF.type, TG.Relation))]
    articles = [_article(g, s) for s in set(g.subjects(RDF.type, TG.Article))]
    return (
        sorted(actors, key=lambda a: a.id),
        sorted(relations, key=lambda r: r.key),
        sorted(articles, key=lambda a: a.id),
    )


def read_rdf(path: str | Path, fmt: str = "turtle") -> tuple[list[Actor], list[Relation], list[Article]]:
    """``from_rdf`` of a Turtle or JSON-LD file."""
    if fmt not in RDF_FORMATS:
        raise UnsupportedError(f"no RDF format {fmt!r}; use turtle or jsonld", code="TG461")
    return from_rdf(Graph().parse(Path(path), format=RDF_FORMATS[fmt]))


def _one(g: Graph, s: Node, p: URIRef, *, required: bool = False) -> object:
    value = g.value(s, p)
    if value is None and required:
        raise InputError(
            f"RDF node <{s}> has no {g.qname(p)}; 'tradegraph export' always writes one, "
            "so the file was changed or written by another tool (check it against shapes.ttl)",
            code="TG170",
        )
    return value.toPython() if isinstance(value, Literal) else value


def _strings(g: Graph, s: Node, p: URIRef) -> tuple[str, ...]:
    return tuple(sorted((str(v) for v in g.objects(s, p)), key=str.casefold))


def _actor(g: Graph, s: Node, kind: ActorKind) -> Actor:
    external = {}
    for same in g.objects(s, OWL.sameAs):
        if str(same).startswith(str(WD)):
            external["wikidata"] = str(same)[len(str(WD)) :]
    for text in _strings(g, s, TG.externalId):
        scheme, _, value = text.partition(":")
        external[scheme] = value
    affiliation = _one(g, s, TG.affiliation)
    return Actor(
        id=str(_one(g, s, DCTERMS.identifier) or _id_of(g, s)),
        name=str(_one(g, s, SKOS.prefLabel, required=True)),
        kind=kind,
        aliases=_strings(g, s, SKOS.altLabel),
        roles=_strings(g, s, TG.roleName),
        affiliation=_id_of(g, affiliation) if isinstance(affiliation, URIRef) else None,
        external_ids=external,
    )


def _relation(g: Graph, st: Node) -> Relation:
    kinds = {pred: kind for kind, pred in RELATION_PREDICATES.items()}
    pred = _one(g, st, RDF.predicate, required=True)
    if pred not in kinds:
        raise InputError(
            f"RDF node <{st}> has predicate <{pred}>, which is no tradegraph relation; "
            f"use one of {', '.join(g.qname(p) for p in kinds)}",
            code="TG171",
        )
    derivations = sorted(g.objects(st, PROV.qualifiedDerivation), key=lambda d: int(str(d).rsplit("/", 1)[1]))
    return Relation(
        source=_id_of(g, _one(g, st, RDF.subject, required=True)),
        kind=kinds[pred],  # type: ignore[index]
        target=_id_of(g, _one(g, st, RDF.object, required=True)),
        evidence=tuple(_evidence(g, d) for d in derivations),
        valid_from=_one(g, st, TG.validFrom),  # type: ignore[arg-type]
        valid_to=_one(g, st, TG.validTo),  # type: ignore[arg-type]
        role=_optional_str(_one(g, st, TG.role)),
    )


def _evidence(g: Graph, d: Node) -> Evidence:
    article = _one(g, d, PROV.entity, required=True)
    confidence = _one(g, d, TG.confidence)
    return Evidence(
        article_id=str(_one(g, article, DCTERMS.identifier) or _id_of(g, article)),  # type: ignore[arg-type]
        sentence=str(_one(g, d, TG.sentence, required=True)),
        url=_optional_str(_one(g, d, SCHEMA.url)),
        date=_one(g, d, DCTERMS.date),  # type: ignore[arg-type]
        confidence=float(confidence) if confidence is not None else 1.0,  # type: ignore[arg-type]
        provenance=str(g.value(g.value(d, PROV.hadActivity), TG.model) or ""),
    )


def _article(g: Graph, s: Node) -> Article:
    return Article(
        id=str(_one(g, s, DCTERMS.identifier) or _id_of(g, s)),
        url=_optional_str(_one(g, s, SCHEMA.url)),
        title=_optional_str(_one(g, s, DCTERMS.title)),
        source=_optional_str(_one(g, s, DCTERMS.publisher)),
        published=_one(g, s, DCTERMS.issued),  # type: ignore[arg-type]
        text_hash=str(_one(g, s, TG.textHash) or ""),
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
