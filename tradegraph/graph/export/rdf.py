"""RDF export and import: the graph as Turtle or JSON-LD in the vocabulary of ``vocabulary``.

Per actor: its classes, ``skos:prefLabel``/``altLabel``, ``dcterms:identifier``, roles,
``tg:affiliation`` (a kind of ``org:memberOf``) and ``owl:sameAs`` its Wikidata item. Per
relation: the direct triple (``wdt:P1268`` represents, ``wdt:P1366``/``P1365`` replaced
by/replaces, ``tg:`` terms for the rest) and a qualified node, an ``rdf:Statement`` and
``prov:Entity`` that ``prov:wasDerivedFrom`` its articles, with one ``prov:Derivation`` per
evidence sentence. REPRESENTS adds W3C ORG: ``org:memberOf``, the node as an ``org:Membership``
and, when the role is known, an ``org:Post`` the person ``org:holds``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from tradegraph.graph.errors import InputError, UnsupportedError
from tradegraph.graph.export.vocabulary import (
    ACTOR_CLASSES,
    JSONLD_CONTEXT,
    PREFIXES,
    RELATION_PREDICATES,
    REPLACES,
    SCHEMA,
    TG,
    TGID,
    WD,
    identifier,
    node,
)
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind, slugify
from tradegraph.graph.store import GraphStore

RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld"}


def to_rdf(actors: Iterable[Actor], relations: Iterable[Relation], articles: Iterable[Article] = ()) -> Graph:
    """One rdflib graph holding the actors, relations (with evidence) and articles."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for article in articles:
        _add_article(g, article)
    for actor in actors:
        _add_actor(g, actor)
    for rel in relations:
        _add_relation(g, rel)
    return g


def store_to_rdf(store: GraphStore) -> Graph:
    """``to_rdf`` of everything in ``store``."""
    return to_rdf(store.actors(), store.relations(), store.articles())


def write_rdf(store: GraphStore, path: str | Path, fmt: str = "turtle") -> Path:
    """Write the store as Turtle or JSON-LD (with an embedded context, nothing remote)."""
    if fmt not in RDF_FORMATS:
        raise UnsupportedError(f"no RDF format {fmt!r}; use turtle or jsonld", code="TG461")
    g = store_to_rdf(store)
    path = Path(path)
    if RDF_FORMATS[fmt] == "json-ld":
        g.serialize(
            destination=path, format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, encoding="utf-8"
        )
    else:
        g.serialize(destination=path, format="turtle", encoding="utf-8")
    return path


def _add_article(g: Graph, article: Article) -> None:
    s = node(article.id)
    g.add((s, RDF.type, TG.Article))
    g.add((s, RDF.type, PROV.Entity))
    g.add((s, DCTERMS.identifier, Literal(article.id)))
    _maybe(g, s, DCTERMS.title, article.title)
    _maybe(g, s, DCTERMS.publisher, article.source)
    _maybe(g, s, DCTERMS.issued, _date(article.published))
    _maybe(g, s, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI) if article.url else None)
    _maybe(g, s, TG.textHash, article.text_hash or None)


def _add_actor(g: Graph, actor: Actor) -> None:
    s = node(actor.id)
    for cls in ACTOR_CLASSES[actor.kind]:
        g.add((s, RDF.type, cls))
    g.add((s, RDF.type, PROV.Agent))
    g.add((s, DCTERMS.identifier, Literal(actor.id)))
    g.add((s, SKOS.prefLabel, Literal(actor.name)))
    g.add((s, RDFS.label, Literal(actor.name)))
    for alias in actor.aliases:
        g.add((s, SKOS.altLabel, Literal(alias)))
    for role in actor.roles:
        g.add((s, TG.roleName, Literal(role)))
    if actor.affiliation:
        g.add((s, TG.affiliation, node(actor.affiliation)))
    for scheme, value in sorted(actor.external_ids.items()):
        if scheme == "wikidata":
            g.add((s, OWL.sameAs, WD[value]))
        else:
            g.add((s, TG.externalId, Literal(f"{scheme}:{value}")))


def statement_node(rel: Relation) -> URIRef:
    """The stable IRI of a relation's qualified node, from its key."""
    return TGID["relation/" + hashlib.sha1("|".join(rel.key).encode("utf-8")).hexdigest()[:16]]


def _add_relation(g: Graph, rel: Relation) -> None:
    src, dst, pred = node(rel.source), node(rel.target), RELATION_PREDICATES[rel.kind]
    g.add((src, pred, dst))
    if rel.kind is RelationKind.REPLACED_BY:
        g.add((dst, REPLACES, src))
    st = statement_node(rel)
    for cls in (TG.Relation, RDF.Statement, PROV.Entity):
        g.add((st, RDF.type, cls))
    g.add((st, RDF.subject, src))
    g.add((st, RDF.predicate, pred))
    g.add((st, RDF.object, dst))
    g.add((st, TG.support, Literal(rel.support)))
    _maybe(g, st, TG.role, rel.role)
    _maybe(g, st, TG.validFrom, _date(rel.valid_from))
    _maybe(g, st, TG.validTo, _date(rel.valid_to))
    dates = [ev.date for ev in rel.evidence if ev.date]
    if dates:  # the statement was first made in the earliest article that states it
        g.add(
            (st, PROV.generatedAtTime, Literal(datetime.combine(min(dates), time()), datatype=XSD.dateTime))
        )
    for n, ev in enumerate(rel.evidence):
        _add_evidence(g, st, URIRef(f"{st}/evidence/{n}"), ev)
    if rel.kind is RelationKind.REPRESENTS:
        _add_membership(g, rel, st)


def _add_evidence(g: Graph, st: URIRef, d: URIRef, ev: Evidence) -> None:
    article = node(ev.article_id)
    g.add((article, RDF.type, PROV.Entity))
    g.add((article, DCTERMS.identifier, Literal(ev.article_id)))
    g.add((st, PROV.wasDerivedFrom, article))
    g.add((st, PROV.qualifiedDerivation, d))
    g.add((d, RDF.type, PROV.Derivation))
    g.add((d, PROV.entity, article))
    g.add((d, TG.sentence, Literal(ev.sentence)))
    g.add((d, TG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)))
    _maybe(g, d, DCTERMS.date, _date(ev.date))
    _maybe(g, d, SCHEMA.url, Literal(ev.url, datatype=XSD.anyURI) if ev.url else None)


def _add_membership(g: Graph, rel: Relation, st: URIRef) -> None:
    member, body = node(rel.source), node(rel.target)
    g.add((member, ORG.memberOf, body))
    g.add((st, RDF.type, ORG.Membership))
    g.add((st, ORG.member, member))
    g.add((st, ORG.organization, body))
    if not rel.role:
        return
    slug = slugify(rel.role) or hashlib.sha1(rel.role.encode("utf-8")).hexdigest()[:12]
    role, post = TGID["role/" + slug], URIRef(f"{body}/post/{slug}")
    g.add((role, RDF.type, ORG.Role))
    g.add((role, RDFS.label, Literal(rel.role)))
    g.add((st, ORG.role, role))
    g.add((post, RDF.type, ORG.Post))
    g.add((post, ORG.postIn, body))
    g.add((post, ORG.role, role))
    g.add((post, ORG.heldBy, member))
    g.add((member, ORG.holds, post))


def _maybe(g: Graph, s: URIRef | BNode, p: URIRef, value: object) -> None:
    if value is not None and value != "":
        g.add((s, p, value if isinstance(value, Literal) else Literal(value)))


def _date(value: date | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value else None


# -- import back into the model ---------------------------------------------------------------


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
    external = {
        "wikidata": str(o)[len(str(WD)) :] for o in g.objects(s, OWL.sameAs) if str(o).startswith(str(WD))
    }
    for text in _strings(g, s, TG.externalId):
        scheme, _, value = text.partition(":")
        external[scheme] = value
    affiliation = _one(g, s, TG.affiliation)
    return Actor(
        id=str(_one(g, s, DCTERMS.identifier) or identifier(s)),
        name=str(_one(g, s, SKOS.prefLabel, required=True)),
        kind=kind,
        aliases=_strings(g, s, SKOS.altLabel),
        roles=_strings(g, s, TG.roleName),
        affiliation=identifier(affiliation) if isinstance(affiliation, URIRef) else None,
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
        source=identifier(_one(g, st, RDF.subject, required=True)),
        kind=kinds[pred],  # type: ignore[index]
        target=identifier(_one(g, st, RDF.object, required=True)),
        evidence=tuple(_evidence(g, d) for d in derivations),
        valid_from=_one(g, st, TG.validFrom),  # type: ignore[arg-type]
        valid_to=_one(g, st, TG.validTo),  # type: ignore[arg-type]
        role=_optional_str(_one(g, st, TG.role)),
    )


def _evidence(g: Graph, d: Node) -> Evidence:
    article = _one(g, d, PROV.entity, required=True)
    confidence = _one(g, d, TG.confidence)
    return Evidence(
        article_id=str(_one(g, article, DCTERMS.identifier) or identifier(article)),  # type: ignore[arg-type]
        sentence=str(_one(g, d, TG.sentence, required=True)),
        url=_optional_str(_one(g, d, SCHEMA.url)),
        date=_one(g, d, DCTERMS.date),  # type: ignore[arg-type]
        confidence=float(confidence) if confidence is not None else 1.0,  # type: ignore[arg-type]
    )


def _article(g: Graph, s: Node) -> Article:
    return Article(
        id=str(_one(g, s, DCTERMS.identifier) or identifier(s)),
        url=_optional_str(_one(g, s, SCHEMA.url)),
        title=_optional_str(_one(g, s, DCTERMS.title)),
        source=_optional_str(_one(g, s, DCTERMS.publisher)),
        published=_one(g, s, DCTERMS.issued),  # type: ignore[arg-type]
        text_hash=str(_one(g, s, TG.textHash) or ""),
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
