"""Who held which office for whom, when, and who came before and after: tenures from a subgraph.

Pure over model objects (no store): REPRESENTS relations are tenures; a REPLACED_BY relation ends
the predecessor's tenure on the day of the replacement and starts the successor's, and gives the
predecessor a tenure of their own (inferred) when only the successor is known to represent the body.
Used by the RDF export (memberships with intervals), the graph page's timeline panel and
``tradegraph timeline``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from tradegraph.graph.model import Evidence, Relation, RelationKind


@dataclass(frozen=True, slots=True)
class Tenure:
    """``person`` acted for ``body`` (as ``role``) from ``start`` until ``end`` (exclusive; None: open).

    ``inferred`` marks a tenure known only from a replacement; ``ended`` is true when an end date
    or a successor is known, even if the end date is not.
    """

    person: str
    body: str
    role: str | None = None
    start: date | None = None
    end: date | None = None
    predecessor: str | None = None
    successor: str | None = None
    inferred: bool = False
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)

    @property
    def ended(self) -> bool:
        return self.end is not None or self.successor is not None

    def held_on(self, day: date) -> bool:
        """Whether the tenure covers ``day`` as far as its dates say."""
        return not (self.start and day < self.start) and not (self.end and day >= self.end)


def _event_day(rel: Relation) -> date | None:
    return rel.valid_from or rel.first_reported


def _same_office(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


def tenures(relations: Iterable[Relation]) -> list[Tenure]:
    """Every tenure the relations state or imply, ordered by body, start (unknown first) and person.

    >>> from datetime import date
    >>> rels = [Relation("person:b", RelationKind.REPRESENTS, "country:USA", role="USTR"),
    ...         Relation("person:a", RelationKind.REPLACED_BY, "person:b", valid_from=date(2025, 2, 26))]
    >>> [(t.person, t.end, t.successor) for t in tenures(rels)]
    [('person:a', datetime.date(2025, 2, 26), 'person:b'), ('person:b', None, None)]
    """
    relations = list(relations)
    held: dict[tuple[str, str], Tenure] = {}
    for r in relations:
        if r.kind is RelationKind.REPRESENTS:
            held[r.source, r.target] = Tenure(
                r.source, r.target, r.role, r.valid_from, r.valid_to, evidence=r.evidence
            )
    replacements = sorted(
        (r for r in relations if r.kind is RelationKind.REPLACED_BY),
        key=lambda r: (_event_day(r) or date.max, r.key),
    )
    # A chain (a replaced by b, b by c) needs c's tenure before b's can be inferred: repeat to a fixpoint.
    for _ in range(len(replacements) + 1):
        if not any([_replace(held, rel) for rel in replacements]):
            break
    return sorted(held.values(), key=lambda t: (t.body, t.start or date.min, t.person))


def _replace(held: dict[tuple[str, str], Tenure], rel: Relation) -> bool:
    """Apply one replacement to the tenures; whether anything changed."""
    old, new, day = rel.source, rel.target, _event_day(rel)
    changed = False
    for (person, body), successor_tenure in list(held.items()):
        if person != new or not _same_office(successor_tenure.role, rel.role):
            continue
        previous = held.get((old, body)) or Tenure(
            old, body, rel.role or successor_tenure.role, inferred=True, evidence=rel.evidence
        )
        end = min(d for d in (previous.end, day) if d) if (previous.end or day) else None
        updated = {
            (old, body): replace(previous, end=end, successor=previous.successor or new),
            (new, body): replace(
                successor_tenure,
                start=successor_tenure.start or day,
                predecessor=successor_tenure.predecessor or old,
            ),
        }
        for key, tenure in updated.items():
            if held.get(key) != tenure:
                held[key] = tenure
                changed = True
    return changed


def holders_on(found: Iterable[Tenure], body: str, day: date) -> list[Tenure]:
    """The tenures of ``body`` that cover ``day``."""
    return [t for t in found if t.body == body and t.held_on(day)]
