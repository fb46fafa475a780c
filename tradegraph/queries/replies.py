"""One reply for every question and query: what was asked, the answers with their time and
evidence, and the one text renderer and the one JSON shape that ``ask``, ``query`` and the
Python API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tradegraph.graph.model import Actor, Evidence, Relation
from tradegraph.queries.results import Answer


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer to one question: what was understood, and the answers with their evidence.

    ``kind`` names the catalogue entry that answered (``tradegraph.queries.catalogue``);
    ``verdict`` is ``"yes"``/``"no"`` for yes/no questions; ``relations`` carries the relations
    of a profile, a path or a neighbourhood; ``scores`` the centrality of brokers; ``total``
    how many answers there are in all when a limit may have kept fewer (who represents), else None.
    """

    question: str
    kind: str
    entity: Actor | None
    as_of: date | None
    answers: tuple[Answer, ...] = ()
    other: Actor | None = None
    notes: tuple[str, ...] = field(default=())
    verdict: str | None = None
    relations: tuple[Relation, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()
    role: str | None = None
    total: int | None = None

    @property
    def intent(self) -> str:
        """The older name of ``kind``."""
        return self.kind

    @property
    def ids(self) -> list[str]:
        """The ids of the answers, in order."""
        return [a.actor.id for a in self.answers]

    def to_json(self) -> dict[str, Any]:
        return reply_json(self)


# -- time -----------------------------------------------------------------------------------


def first_reported(evidence: tuple[Evidence, ...]) -> date | None:
    return min((ev.date for ev in evidence if ev.date), default=None)


def last_reported(evidence: tuple[Evidence, ...]) -> date | None:
    return max((ev.date for ev in evidence if ev.date), default=None)


def confidence(evidence: tuple[Evidence, ...]) -> float:
    return max((ev.confidence for ev in evidence), default=0.0)


def when(valid_from: date | None, valid_to: date | None, evidence: tuple[Evidence, ...]) -> str:
    """``since 2025-04-16; until 2025-09-05; first reported 2025-04-08`` (only what is known).

    >>> when(date(2025, 4, 16), None, ())
    'since 2025-04-16'
    """
    bits = []
    if valid_from:
        bits.append(f"since {valid_from.isoformat()}")
    if valid_to:
        bits.append(f"until {valid_to.isoformat()}")
    first = first_reported(evidence)
    if first:
        last = last_reported(evidence)
        bits.append(f"first reported {first.isoformat()}")
        if last and last != first:
            bits.append(f"last reported {last.isoformat()}")
    return "; ".join(bits)


# -- JSON -----------------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def evidence_json(ev: Evidence) -> dict[str, Any]:
    return {
        "sentence": ev.sentence,
        "article": ev.article_id,
        "url": ev.url,
        "date": _day(ev.date),
        "confidence": ev.confidence,
        "provenance": ev.provenance or None,
    }


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"id": actor.id, "name": actor.name, "type": actor.kind.value}


def answer_json(ans: Answer, score: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        **(actor_json(ans.actor) or {}),
        "relation": ans.relation.value,
        "role": ans.role,
        "roles": list(ans.actor.roles),
        "affiliation": ans.actor.affiliation,
        "valid_from": _day(ans.valid_from),
        "valid_to": _day(ans.valid_to),
        "first_reported": _day(first_reported(ans.evidence)),
        "last_reported": _day(last_reported(ans.evidence)),
        "confidence": confidence(ans.evidence),
        "support": ans.support,
        "via": list(ans.via),
        "inferred": ans.inferred,
        "provenance": sorted({ev.provenance for ev in ans.evidence if ev.provenance}),
        "evidence": [evidence_json(ev) for ev in ans.evidence],
    }
    if score is not None:
        out["score"] = score
    return out


def relation_json(rel: Relation) -> dict[str, Any]:
    return {
        "source": rel.source,
        "kind": rel.kind.value,
        "target": rel.target,
        "role": rel.role,
        "valid_from": _day(rel.valid_from),
        "valid_to": _day(rel.valid_to),
        "first_reported": _day(rel.first_reported),
        "last_reported": _day(rel.last_reported),
        "confidence": rel.confidence,
        "support": rel.support,
        "evidence": [evidence_json(ev) for ev in rel.evidence],
    }


def reply_json(reply: Reply) -> dict[str, Any]:
    """The one JSON shape of a reply (``ask --json``, ``query --json``, ``Graph.ask(...).to_json()``)."""
    scores = dict(reply.scores)
    return {
        "question": reply.question,
        "kind": reply.kind,
        "intent": reply.kind,
        "entity": reply.entity.id if reply.entity else None,
        "entity_name": reply.entity.name if reply.entity else None,
        "other": reply.other.id if reply.other else None,
        "other_name": reply.other.name if reply.other else None,
        "role": reply.role,
        "as_of": _day(reply.as_of),
        "verdict": reply.verdict,
        "answers": [answer_json(a, scores.get(a.actor.id)) for a in reply.answers],
        "total": reply.total,
        "relations": [relation_json(r) for r in reply.relations],
        "notes": list(reply.notes),
    }


# -- text -----------------------------------------------------------------------------------


def render(reply: Reply) -> str:
    """A readable reply: a head line, one line per answer with its time, one evidence line."""
    about = reply.entity.name if reply.entity else "the graph"
    other = f" -> {reply.other.name}" if reply.other else ""
    on = f" on {reply.as_of.isoformat()}" if reply.as_of else ""
    lines = [f"{reply.question.strip()}  [{reply.kind}: {about}{other}{on}]"]
    if reply.verdict:
        lines.append(f"  {reply.verdict.capitalize()}.")
    if not reply.answers and not reply.relations and not reply.verdict:
        lines.append("  No answer in the graph.")
    scores = dict(reply.scores)
    for ans in reply.answers:
        score = f" — betweenness {scores[ans.actor.id]:.3f}" if ans.actor.id in scores else ""
        lines.append(f"  - {ans.actor.name} ({ans.actor.kind.value}, {ans.actor.id}){_detail(ans)}{score}")
        lines += _evidence_line(ans.evidence)
    for rel in reply.relations:
        span = when(rel.valid_from, rel.valid_to, rel.evidence)
        role = f" as {rel.role}" if rel.role else ""
        lines.append(f"  * {rel.source} {rel.kind.value} {rel.target}{role} ({span or 'undated'})")
        lines += _evidence_line(rel.evidence)
    lines += [f"  {note}" for note in reply.notes]
    return "\n".join(lines)


def _evidence_line(evidence: tuple[Evidence, ...]) -> list[str]:
    if not evidence:
        return []
    ev = evidence[0]
    articles = len({e.article_id for e in evidence})
    more = f" (+{articles - 1} more articles)" if articles > 1 else ""
    day = f", {ev.date.isoformat()}" if ev.date else ""
    return [f'      "{ev.sentence}" — {ev.url or ev.article_id}{day}{more}']


def _detail(ans: Answer) -> str:
    bits = [ans.role] if ans.role else []
    span = when(ans.valid_from, ans.valid_to, ans.evidence)
    if span:
        bits.append(span)
    if ans.via:
        bits.append("via " + ", ".join(ans.via))
    if ans.inferred:
        bits.append("inferred from a replacement")
    if ans.evidence:
        bits.append(f"confidence {confidence(ans.evidence):.2f}, {ans.support} article(s)")
    return (" — " + "; ".join(bits)) if bits else ""
