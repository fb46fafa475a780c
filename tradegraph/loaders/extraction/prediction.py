"""An Extraction in the evaluation's prediction format (actor names, not ids), following the
annotation guide: only relations that hold on the article's date."""

from __future__ import annotations

from typing import Any

from tradegraph.graph.model import Actor, ActorKind, Extraction, Relation


def current(relation: Relation, extraction: Extraction) -> bool:
    """Whether a relation still held when the article was published (a replaced office ended)."""
    if relation.valid_to is None:
        return True
    published = extraction.article.published
    return published is not None and published < relation.valid_to


def to_prediction(extraction: Extraction) -> dict[str, Any]:
    """``{"id", "actors": [...], "relations": [...]}`` as ``score.py`` reads it."""
    text = extraction.article.text or ""
    names = {a.id: _written_name(a, text) for a in extraction.actors}
    actors = [
        {
            "name": names[a.id],
            "type": a.kind.value,
            "aliases": list(a.aliases),
            "affiliation": names.get(a.affiliation) if a.affiliation else None,
            "roles": list(a.roles),
        }
        for a in extraction.actors
    ]
    relations = []
    for rel in extraction.relations:
        if not current(rel, extraction) or rel.source not in names or rel.target not in names:
            continue
        ev = rel.evidence[0] if rel.evidence else None
        relations.append(
            {
                "subject": names[rel.source],
                "predicate": rel.kind.value,
                "object": names[rel.target],
                "evidence": ev.sentence if ev else None,
                "confidence": rel.confidence,
            }
        )
    return {"id": extraction.article.id, "actors": actors, "relations": relations}


def _written_name(actor: Actor, text: str) -> str:
    """A body known by its acronym, named as the article writes it when its full name never appears
    there ("ASEAN" for the Association of Southeast Asian Nations): the annotation guide names
    actors as the text does, with the other forms as aliases. The European Union keeps the name the
    guide gives it.

    >>> a = Actor("org:asean", "Association of Southeast Asian Nations", ActorKind.ORGANIZATION, ("ASEAN",))
    >>> _written_name(a, "ASEAN leaders met."), _written_name(a, "The Association of Southeast Asian Nations met.")
    ('ASEAN', 'Association of Southeast Asian Nations')
    """
    if actor.kind is not ActorKind.ORGANIZATION or not text or actor.name in text or actor.id == EU:
        return actor.name
    written = [(text.find(a), a) for a in actor.aliases if a.isupper() and a.isalpha() and a in text]
    return min(written)[1] if written else actor.name


#: The one body the annotation guide names itself.
EU = "org:european-union"
