"""Plain-language questions -> a query helper, an entity and a date -> answers with evidence.

``ask(store, "Who represented China on 1 March 2025?")`` finds the date (the as-of day), the
intent and the entity through the grammar in ``grammar``, resolves the entity against the
graph's names (aliases, surnames, country names) and calls the helper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tradegraph.graph.errors import InputError, NotFoundError, TradegraphError
from tradegraph.graph.model import Actor, Evidence
from tradegraph.queries import grammar, helpers
from tradegraph.queries.names import NameIndex, name_key
from tradegraph.queries.results import Answer, sorted_evidence

MAX_QUESTION = 400

INTENTS: dict[str, str] = {
    "representatives": "who represents a country or body: 'Who represents Japan?', 'Who is China's negotiator?'",
    "represented_by": "whom a person represents: 'Whom does Akazawa represent?', 'Which country does Bessent work for?'",
    "successors": "who replaced a person: 'Who replaced Wang Shouwen?', 'Who succeeded ...?'",
    "predecessors": "whom a person replaced: 'Who was Li Chenggang's predecessor?'",
    "counterparts": "negotiation counterparts: 'Who is the US negotiating with?', 'Who are Mexico's counterparts?'",
    "allies": "allies: 'Which countries are allied with the United States?'",
    "tariff_imposers": "who imposed tariffs on a country: 'Who imposed tariffs on India?'",
    "tariff_targets": "on whom an actor imposed tariffs: 'Which countries did the US put tariffs on?'",
    "path": "how two actors are linked: 'How is Ebrard connected to Li Chenggang?'",
    "profile": "an actor's profile: 'Who is Akazawa?', 'Tell me about the EU'",
    "brokers": "the most central brokers: 'Who are the key brokers?'",
}

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = [
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})",
    _DAY + r"\s+(?:of\s+)?(?P<m>" + _MONTHS + r")\.?,?\s+(?P<y>\d{4})",
    r"(?P<m>" + _MONTHS + r")\.?\s+" + _DAY + r",?\s+(?P<y>\d{4})",
    r"(?P<m>" + _MONTHS + r")\.?,?\s+(?P<y>\d{4})",
]


def find_date(question: str) -> tuple[date | None, str]:
    """The day a question asks about, and the question without it.

    >>> find_date("Who represented China on 1 March 2025?")
    (datetime.date(2025, 3, 1), 'Who represented China?')
    >>> find_date("Who represents Japan?")
    (None, 'Who represents Japan?')
    """
    for form in _DATE_FORMS:
        pattern = re.compile(
            r"(?:,?\s*\b(?:on|as of|as at|at|in|by|during)\s+(?:the\s+)?)?\b" + form + r"\b", re.IGNORECASE
        )
        found = pattern.search(question)
        if found:
            day = _to_date(found.groupdict(), found.group(0))
            rest = (question[: found.start()] + question[found.end() :]).strip()
            return day, " ".join(rest.split()).replace(" ?", "?")
    return None, question


def _to_date(parts: dict[str, str | None], text: str) -> date:
    try:
        if parts.get("iso"):
            return date.fromisoformat("-".join(p.zfill(2) for p in parts["iso"].split("-")))  # type: ignore[union-attr]
        month = datetime.strptime(parts["m"][:3].title(), "%b").month  # type: ignore[index]
        return date(int(parts["y"]), month, int(parts.get("d") or 1))  # type: ignore[arg-type]
    except ValueError as err:
        raise InputError(
            f"{text.strip()!r} is not a date that exists; write it like '1 March 2025' or 2025-03-01",
            code="TG161",
        ) from err


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer to one question: what was understood, and the answers with their evidence."""

    question: str
    intent: str
    entity: Actor | None
    as_of: date | None
    answers: tuple[Answer, ...] = ()
    other: Actor | None = None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "entity": self.entity.id if self.entity else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "answers": [
                {
                    "id": a.actor.id,
                    "name": a.actor.name,
                    "type": a.actor.kind.value,
                    "evidence": [_evidence_json(ev) for ev in a.evidence],
                }
                for a in self.answers
            ],
        }


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    return {
        "sentence": ev.sentence,
        "article": ev.article_id,
        "url": ev.url or "",
        "date": ev.date.isoformat() if ev.date else "",
    }


def _spans(text: str) -> list[str]:
    """Candidate names in an entity slot: the whole, then shorter prefixes, then any other run of words."""
    words = text.split()
    prefixes = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    others = [
        " ".join(words[i:j])
        for n in range(len(words) - 1, 0, -1)
        for i in range(1, len(words) - n + 1)
        for j in [i + n]
    ]
    return prefixes + others


def resolve_entity(index: NameIndex, text: str) -> Actor:
    """The actor an entity slot names, allowing extra words around the name ("China in trade talks")."""
    if not name_key(text):
        raise InputError("the question names no actor; ask e.g. 'Who represents Japan?'", code="TG163")
    for span in _spans(text)[:200]:
        found = index.lookup(span)
        if len(found) == 1:
            return found[0]
        if found:
            return index.resolve(span)  # ambiguous: the error lists the candidates
    return index.resolve(text)


def understood(question: str) -> grammar.Match:
    """The intent and entity text of a question, or an InputError listing what can be asked."""
    if len(question) > MAX_QUESTION:
        raise InputError(
            f"the question is {len(question)} characters long; ask in at most {MAX_QUESTION}", code="TG162"
        )
    found = grammar.match(question)
    if found is None or (found.intent not in ("brokers",) and not name_key(found.entity)):
        kinds = "\n  - ".join(INTENTS.values())
        raise InputError(
            f"cannot read the question {question.strip()!r}; I can answer:\n  - {kinds}", code="TG160"
        )
    return found


def ask(store: Any, question: str, as_of: date | None = None, index: NameIndex | None = None) -> Reply:
    """Answer a plain-language question from the store; a date in the question wins over ``as_of``.

    Raises:
        InputError: the question cannot be read (TG160) or holds an impossible date (TG161).
        NotFoundError: it names no actor the graph knows (TG240, with suggestions).
    """
    if len(question) > MAX_QUESTION:  # before any pattern reads it: their work grows with the length
        understood(question)
    day, rest = find_date(question)
    as_of = day or as_of
    found = understood(rest)
    index = index or NameIndex.from_store(store)
    if found.intent == "brokers":
        top = helpers.brokers(store, as_of=as_of)
        return Reply(
            question,
            "brokers",
            None,
            as_of,
            tuple(Answer(actor=b.actor, relation=helpers.NEG) for b in top),
            notes=tuple(f"{b.actor.name}: betweenness {b.score:.3f}" for b in top),
        )
    entity = resolve_entity(index, found.entity)
    if found.intent == "path":
        return _path_reply(store, question, entity, resolve_entity(index, found.other or ""), as_of)
    answers = ANSWERERS[found.intent](store, entity, as_of)
    return Reply(question, found.intent, entity, as_of, tuple(answers))


def _successions(store: Any, entity: Actor, as_of: date | None, forward: bool) -> list[Answer]:
    chain = (helpers.successors if forward else helpers.predecessors)(store, entity.id, as_of)
    near = [s for s in chain if (s.predecessor if forward else s.successor).id == entity.id]
    return [
        Answer(
            actor=s.successor if forward else s.predecessor,
            relation=helpers.REPL,
            evidence=s.evidence,
            role=s.role,
            valid_from=s.date,
        )
        for s in near
    ]


def _profile(store: Any, entity: Actor, as_of: date | None) -> list[Answer]:
    prof = helpers.profile(store, entity.id, as_of)
    evidence = sorted_evidence([ev for r in prof.relations for ev in r.evidence])
    return [
        Answer(
            actor=prof.actor,
            relation=prof.relations[0].kind if prof.relations else helpers.REP,
            evidence=evidence,
        )
    ]


def _path_reply(store: Any, question: str, a: Actor, b: Actor, as_of: date | None) -> Reply:
    path = helpers.shortest_path(store, a.id, b.id, as_of=as_of)
    if path is None:
        return Reply(question, "path", a, as_of, (), other=b, notes=("no chain of relations links them",))
    answers = tuple(
        Answer(
            actor=actor,
            relation=(path.relations[i - 1].kind if i else helpers.REP),
            evidence=path.relations[i - 1].evidence if i else (),
        )
        for i, actor in enumerate(path.actors)
    )
    return Reply(question, "path", a, as_of, answers, other=b)


ANSWERERS = {
    "representatives": lambda s, e, d: helpers.representatives_of(s, e.id, d),
    "represented_by": lambda s, e, d: helpers.represented_by(s, e.id, d),
    "successors": lambda s, e, d: _successions(s, e, d, forward=True),
    "predecessors": lambda s, e, d: _successions(s, e, d, forward=False),
    "counterparts": lambda s, e, d: helpers.counterparts(
        s, e.id, "actor" if e.kind.value == "Person" else "state", d
    ),
    "allies": lambda s, e, d: helpers.allies(s, e.id, d),
    "tariff_imposers": lambda s, e, d: helpers.tariff_imposers(s, e.id, d),
    "tariff_targets": lambda s, e, d: helpers.tariff_targets(s, e.id, d),
    "profile": _profile,
}


def render(reply: Reply) -> str:
    """A readable answer: one line per answer and one evidence line under it."""
    about = reply.entity.name if reply.entity else "the graph"
    when = f" on {reply.as_of.isoformat()}" if reply.as_of else ""
    head = f"{reply.question.strip()}  [{reply.intent}: {about}{' -> ' + reply.other.name if reply.other else ''}{when}]"
    lines = [head]
    if not reply.answers:
        lines.append("  No answer in the graph." + (f" ({'; '.join(reply.notes)})" if reply.notes else ""))
    for ans in reply.answers:
        lines.append(f"  - {ans.actor.name} ({ans.actor.kind.value}, {ans.actor.id}){_detail(ans)}")
        if ans.evidence:
            ev = ans.evidence[0]
            more = f" (+{ans.support - 1} more articles)" if ans.support > 1 else ""
            lines.append(
                f'      "{ev.sentence}" — {ev.url or ev.article_id}'
                f"{', ' + ev.date.isoformat() if ev.date else ''}{more}"
            )
    if reply.answers and reply.notes:
        lines += [f"  {note}" for note in reply.notes]
    return "\n".join(lines)


def _detail(ans: Answer) -> str:
    bits = [ans.role] if ans.role else []
    if ans.valid_from:
        bits.append(f"from {ans.valid_from.isoformat()}")
    if ans.valid_to:
        bits.append(f"until {ans.valid_to.isoformat()}")
    if ans.via:
        bits.append("via " + ", ".join(ans.via))
    if ans.inferred:
        bits.append("inferred from a replacement")
    return (" — " + "; ".join(bits)) if bits else ""


__all__ = ["INTENTS", "Reply", "TradegraphError", "NotFoundError", "ask", "find_date", "render", "understood"]
