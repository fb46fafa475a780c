"""RDF export: the graph as Turtle or JSON-LD in the vocabulary of ``vocabulary``.

Per actor: its classes, ``skos:prefLabel``/``altLabel``, ``dcterms:identifier``, roles,
``tg:affiliation`` (a kind of ``org:memberOf``) and ``owl:sameAs`` its Wikidata item when it has
one. Per relation: the direct triple, except for tenures that ended (a replaced person is not
asserted as still representing), and a qualified node, an ``rdf:Statement`` and ``prov:Entity``
that ``prov:wasDerivedFrom`` its articles, with one ``prov:Derivation`` per evidence sentence.
Per tenure (``tenures``): an ``org:Membership`` with ``org:role`` and an ``org:memberDuring``
``time:Interval``, an ``org:Post``, and a Wikidata-style ``p:P39`` statement node (position
held, with start, end, replaces and replaced-by qualifiers). One ``prov:Activity`` records the
export (software, version, time, source) and one per extraction rule or model in the evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from tradegraph.graph.errors import InputError, UnsupportedError
from tradegraph.graph.export.files import write_text_atomically
from tradegraph.graph.export.rdf_read import RDF_FORMATS, from_rdf, read_rdf
from tradegraph.graph.export.selection import Selection, as_selection
from tradegraph.graph.export.tenures import Tenure, tenures
from tradegraph.graph.export.vocabulary import (
    ACTOR_CLASSES,
    DEFAULT_BASE_IRI,
    END,
    JSONLD_CONTEXT,
    POSITION_HELD,
    PQ,
    PREFIXES,
    PS,
    RELATION_PREDICATES,
    REPLACED_BY_Q,
    REPLACES,
    REPLACES_Q,
    SCHEMA,
    START,
    TG,
    WD,
    P,
    node,
)
from tradegraph.graph.model import Actor, Article, Evidence, Relation, RelationKind, slugify

if TYPE_CHECKING:
    from tradegraph.graph.store import GraphStore

__all__ = ["RDF_FORMATS", "from_rdf", "read_rdf", "store_to_rdf", "to_rdf", "write_rdf", "check_base_iri"]

_WIKIDATA_ITEM = re.compile(r"Q[1-9][0-9]*")
_BASE_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+[/#]")


def check_base_iri(base: str) -> str:
    """``base`` if it can prefix every id: an absolute http(s) IRI ending in ``/`` or ``#``.

    Raises:
        InputError: [TG177] it cannot.
    """
    if not _BASE_IRI.fullmatch(base):
        raise InputError(
            f"--base-iri {base!r} is not an absolute http(s) IRI ending in '/' or '#' without spaces "
            "or <>\"{}|\\^`; use one like 'https://example.org/trade/id/'",
            code="TG177",
        )
    return base


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tradegraph")
    except PackageNotFoundError:
        return "unknown"


class _Writer:
    """Adds a selection to one graph; ``base`` is the namespace of actors, articles and statements."""

    def __init__(self, base: str) -> None:
        self.base = check_base_iri(base)
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        if base != DEFAULT_BASE_IRI:
            self.g.bind("tgid", base, replace=True)

    def iri(self, identifier: str) -> URIRef:
        return node(identifier, self.base)

    def local(self, *parts: str) -> URIRef:
        key = hashlib.sha1("|".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return URIRef(f"{self.base}{parts[0]}/{key}")

    def add(self, s: URIRef | BNode, p: URIRef, value: object) -> None:
        if value is not None and value != "":
            self.g.add((s, p, value if isinstance(value, URIRef | BNode | Literal) else Literal(value)))


def to_rdf(
    actors: Iterable[Actor],
    relations: Iterable[Relation],
    articles: Iterable[Article] = (),
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    source: str = "",
) -> Graph:
    """One rdflib graph holding the actors, relations (with evidence), tenures and articles.

    Raises:
        InputError: [TG176] a Wikidata id that is not ``Q`` and digits; [TG177] a bad ``base_iri``.
    """
    w = _Writer(base_iri)
    relations = list(relations)
    found = tenures(relations)
    ended = {(t.person, t.body) for t in found if t.ended}
    for article in articles:
        _add_article(w, article)
    for actor in actors:
        _add_actor(w, actor)
    for rel in relations:
        _add_relation(w, rel, asserted=(rel.source, rel.target) not in ended)
    for tenure in found:
        _add_tenure(w, tenure)
    _add_activities(w, relations, source)
    return w.g


def store_to_rdf(source: GraphStore | Selection, *, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """``to_rdf`` of a selection, or of everything in a store."""
    sel = as_selection(source)
    return to_rdf(sel.actors, sel.relations, sel.articles, base_iri=base_iri, source=sel.uri)


def write_rdf(
    source: GraphStore | Selection, path: str | Path, fmt: str = "turtle", *, base_iri: str = DEFAULT_BASE_IRI
) -> Path:
    """Write a selection (or a store) as Turtle or JSON-LD (context embedded, nothing remote), atomically.

    Raises:
        UnsupportedError: [TG461] an unknown format.
        InputError: [TG175] the file cannot be written; [TG176]/[TG177] as ``to_rdf``.
    """
    if fmt not in RDF_FORMATS:
        raise UnsupportedError(f"no RDF format {fmt!r}; use turtle or jsonld", code="TG461")
    g = store_to_rdf(source, base_iri=base_iri)
    if RDF_FORMATS[fmt] == "json-ld":
        context = {**JSONLD_CONTEXT, "tgid": base_iri}
        text = g.serialize(format="json-ld", context=context, auto_compact=True)
    else:
        text = g.serialize(format="turtle")
    return write_text_atomically(path, text)


def _add_article(w: _Writer, article: Article) -> None:
    s = w.iri(article.id)
    w.add(s, RDF.type, TG.Article)
    w.add(s, RDF.type, PROV.Entity)
    w.add(s, DCTERMS.identifier, Literal(article.id))
    w.add(s, DCTERMS.title, article.title)
    w.add(s, DCTERMS.publisher, article.source)
    w.add(s, DCTERMS.issued, _date(article.published))
    w.add(s, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI) if article.url else None)
    w.add(s, TG.textHash, article.text_hash or None)


def _add_actor(w: _Writer, actor: Actor) -> None:
    s = w.iri(actor.id)
    for cls in ACTOR_CLASSES[actor.kind]:
        w.add(s, RDF.type, cls)
    w.add(s, RDF.type, PROV.Agent)
    w.add(s, DCTERMS.identifier, Literal(actor.id))
    w.add(s, SKOS.prefLabel, Literal(actor.name))
    w.add(s, RDFS.label, Literal(actor.name))
    for alias in actor.aliases:
        w.add(s, SKOS.altLabel, Literal(alias))
    for role in actor.roles:
        w.add(s, TG.roleName, Literal(role))
    if actor.affiliation:
        w.add(s, TG.affiliation, w.iri(actor.affiliation))
    for scheme, value in sorted(actor.external_ids.items()):
        if scheme != "wikidata":
            w.add(s, TG.externalId, Literal(f"{scheme}:{value}"))
        elif _WIKIDATA_ITEM.fullmatch(value):
            w.add(s, OWL.sameAs, WD[value])
        else:
            raise InputError(
                f"cannot write RDF: actor {actor.id!r} has the Wikidata id {value!r}, which is not "
                "'Q' and digits (like Q17); fix the actor's external id",
                code="TG176",
            )


def statement_node(rel: Relation, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The stable IRI of a relation's qualified node, from its key."""
    key = hashlib.sha1("|".join(rel.key).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return URIRef(f"{base_iri}relation/{key}")


def _add_relation(w: _Writer, rel: Relation, *, asserted: bool) -> None:
    src, dst, pred = w.iri(rel.source), w.iri(rel.target), RELATION_PREDICATES[rel.kind]
    if asserted:  # an ended tenure keeps only its statement node and membership interval
        w.add(src, pred, dst)
        if rel.kind is RelationKind.REPLACED_BY:
            w.add(dst, REPLACES, src)
    st = statement_node(rel, w.base)
    for cls in (TG.Relation, RDF.Statement, PROV.Entity):
        w.add(st, RDF.type, cls)
    w.add(st, RDF.subject, src)
    w.add(st, RDF.predicate, pred)
    w.add(st, RDF.object, dst)
    w.add(st, TG.support, Literal(rel.support))
    w.add(st, TG.role, rel.role)
    w.add(st, TG.validFrom, _date(rel.valid_from))
    w.add(st, TG.validTo, _date(rel.valid_to))
    if rel.first_reported:  # the statement was first made in the earliest article that states it
        w.add(st, PROV.generatedAtTime, _datetime(rel.first_reported))
    for n, ev in enumerate(rel.evidence):
        _add_evidence(w, st, URIRef(f"{st}/evidence/{n}"), ev)


def _add_evidence(w: _Writer, st: URIRef, d: URIRef, ev: Evidence) -> None:
    article = w.iri(ev.article_id)
    w.add(article, RDF.type, PROV.Entity)
    w.add(article, DCTERMS.identifier, Literal(ev.article_id))
    w.add(st, PROV.wasDerivedFrom, article)
    w.add(st, PROV.qualifiedDerivation, d)
    w.add(d, RDF.type, PROV.Derivation)
    w.add(d, PROV.entity, article)
    w.add(d, TG.sentence, Literal(ev.sentence))
    w.add(d, TG.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal))
    w.add(d, DCTERMS.date, _date(ev.date))
    w.add(d, SCHEMA.url, Literal(ev.url, datatype=XSD.anyURI) if ev.url else None)
    if ev.provenance:
        w.add(d, PROV.hadActivity, w.local("activity", ev.provenance))


def _add_tenure(w: _Writer, t: Tenure) -> None:
    member, body = w.iri(t.person), w.iri(t.body)
    membership = w.local("membership", t.person, t.body)
    w.add(membership, RDF.type, ORG.Membership)
    w.add(membership, ORG.member, member)
    w.add(membership, ORG.organization, body)
    w.add(membership, TG.inferred, Literal(t.inferred))
    interval = URIRef(f"{membership}/during")
    w.add(membership, ORG.memberDuring, interval)
    w.add(interval, RDF.type, TIME.Interval)
    for edge, day in ((TIME.hasBeginning, t.start), (TIME.hasEnd, t.end)):
        if day:
            instant = URIRef(f"{interval}/{'start' if edge == TIME.hasBeginning else 'end'}")
            w.add(interval, edge, instant)
            w.add(instant, RDF.type, TIME.Instant)
            w.add(instant, TIME.inXSDDate, _date(day))
    if not t.ended:
        w.add(member, ORG.memberOf, body)
    if t.role:
        _add_post(w, t, membership)


def _add_post(w: _Writer, t: Tenure, membership: URIRef) -> None:
    assert t.role is not None
    member, body = w.iri(t.person), w.iri(t.body)
    slug = slugify(t.role) or hashlib.sha1(t.role.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    role, post = URIRef(f"{w.base}role/{slug}"), URIRef(f"{body}/post/{slug}")
    w.add(role, RDF.type, ORG.Role)
    w.add(role, RDFS.label, Literal(t.role))
    w.add(membership, ORG.role, role)
    w.add(post, RDF.type, ORG.Post)
    w.add(post, ORG.postIn, body)
    w.add(post, ORG.role, role)
    w.add(post, RDFS.label, Literal(t.role))
    if not t.ended:  # org:holds has no time: only the current holder
        w.add(post, ORG.heldBy, member)
        w.add(member, ORG.holds, post)
    # The Wikidata way: a "position held" statement with qualifiers.
    st = w.local("position-held", t.person, t.body, t.role)
    w.add(member, P[POSITION_HELD], st)
    w.add(st, PS[POSITION_HELD], post)
    w.add(st, PQ[START], _datetime(t.start))
    w.add(st, PQ[END], _datetime(t.end))
    w.add(st, PQ[REPLACES_Q], w.iri(t.predecessor) if t.predecessor else None)
    w.add(st, PQ[REPLACED_BY_Q], w.iri(t.successor) if t.successor else None)
    w.add(st, PROV.wasDerivedFrom, membership)


def _add_activities(w: _Writer, relations: list[Relation], source: str) -> None:
    software = URIRef(f"{w.base}software/tradegraph/{_version()}")
    w.add(software, RDF.type, PROV.SoftwareAgent)
    w.add(software, RDFS.label, Literal(f"tradegraph {_version()}"))
    w.add(software, SCHEMA.softwareVersion, Literal(_version()))
    now = datetime.now(UTC).replace(microsecond=0)
    export = w.local("activity", "export", now.isoformat())
    w.add(export, RDF.type, PROV.Activity)
    w.add(export, RDFS.label, Literal("tradegraph export"))
    w.add(export, PROV.wasAssociatedWith, software)
    w.add(export, PROV.endedAtTime, Literal(now, datatype=XSD.dateTime))
    w.add(export, TG.source, Literal(source) if source else None)
    readers = sorted({ev.provenance for r in relations for ev in r.evidence if ev.provenance})
    for reader in readers:  # the extraction rules and models the evidence came from
        activity = w.local("activity", reader)
        w.add(activity, RDF.type, PROV.Activity)
        w.add(activity, RDFS.label, Literal(f"extraction by {reader}"))
        w.add(activity, TG.model, Literal(reader))
        w.add(activity, PROV.wasAssociatedWith, software)


def _date(value: date | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value else None


def _datetime(value: date | None) -> Literal | None:
    return Literal(datetime.combine(value, time()), datatype=XSD.dateTime) if value else None
