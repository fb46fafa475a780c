"""Model objects rebuilt from what a store wrote, without validating them again.

A store keeps only objects that passed ``__post_init__`` when they were written (kinds checked,
aliases and roles normalised, symmetric relations ordered, evidence deduplicated), so reading
them back need not repeat that work: on a question with hundreds of answers it was most of the
time spent in Python (a validated ``Actor`` costs about five times a restored one). Only store
readers call these, with values as the store wrote them.

>>> from tradegraph.graph.model import Actor
>>> actor("country:JPN", "Japan", "Country", (), (), None, {}) == Actor("country:JPN", "Japan", "Country")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, RelationKind

_set = object.__setattr__
_new = object.__new__
ACTOR_KINDS: dict[str, ActorKind] = {k.value: k for k in ActorKind}
RELATION_KINDS: dict[str, RelationKind] = {k.value: k for k in RelationKind}


def actor(
    actor_id: str,
    name: str,
    kind: str,
    aliases: tuple[str, ...],
    roles: tuple[str, ...],
    affiliation: str | None,
    external_ids: Mapping[str, str],
) -> Actor:
    """An ``Actor`` as stored (``kind`` by value; aliases and roles already normalised)."""
    obj: Actor = _new(Actor)
    _set(obj, "id", actor_id)
    _set(obj, "name", name)
    _set(obj, "kind", ACTOR_KINDS[kind])
    _set(obj, "aliases", aliases)
    _set(obj, "roles", roles)
    _set(obj, "affiliation", affiliation)
    _set(obj, "external_ids", external_ids)
    return obj


def evidence(
    article_id: str, sentence: str, url: str | None, day: date | None, confidence: float, provenance: str
) -> Evidence:
    """An ``Evidence`` as stored (confidence already checked)."""
    obj: Evidence = _new(Evidence)
    _set(obj, "article_id", article_id)
    _set(obj, "sentence", sentence)
    _set(obj, "url", url)
    _set(obj, "date", day)
    _set(obj, "confidence", confidence)
    _set(obj, "provenance", provenance)
    return obj


def relation(
    source: str,
    kind: str,
    target: str,
    found: tuple[Evidence, ...],
    valid_from: date | None,
    valid_to: date | None,
    role: str | None,
) -> Relation:
    """A ``Relation`` as stored (ends already ordered, evidence distinct by article and sentence)."""
    obj: Relation = _new(Relation)
    _set(obj, "source", source)
    _set(obj, "kind", RELATION_KINDS[kind])
    _set(obj, "target", target)
    _set(obj, "evidence", found)
    _set(obj, "valid_from", valid_from)
    _set(obj, "valid_to", valid_to)
    _set(obj, "role", role)
    return obj
