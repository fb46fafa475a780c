"""NEGOTIATES_WITH from who attended or joined talks: "the session was attended by A, B and C"
(ministers of different states: each pair negotiates), "the phone call was joined by A and B" and "X
was joined in the meetings by A and B" (A and B take the side of their state, or of X, against
the other side of the talks read last)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import NEGOTIATE_NOUNS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import Example, Rule
from tradegraph.loaders.extraction.spans import tokens_with_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.context import ArticleContext

NEGOTIATES = RelationKind.NEGOTIATES_WITH
#: Verbs whose passive names who took part: "was attended by", "was joined by".
ATTEND_VERBS = frozenset({"attend", "join", "accompany"})
CONFIDENCE = 0.6


def _attendees(ctx: ArticleContext, verb: Token) -> list[str]:
    """The persons named after the verb's "by" in its sentence."""
    by = next((t for t in verb.subtree if t.lower_ == "by" and t.i > verb.i), None)
    if by is None:
        return []
    persons = ctx.index.persons
    sent = verb.sent
    keys = [
        m.key
        for m in sorted(ctx.index.mentions, key=lambda m: m.start)
        if m.key in persons and by.i < m.start < sent.end
    ]
    return list(dict.fromkeys(keys))


def _passive_subject(verb: Token) -> Token | None:
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _counterparts(ctx: ArticleContext, found: list[Found], before: Span, side: str) -> list[str]:
    """The persons (else states) facing ``side``'s state in the last talks read before ``before``."""
    r = ctx.resolver
    earlier = [
        f
        for f in found
        if f.kind is NEGOTIATES and not f.open and f.sentence.start < before.start
        if side in {r.state(f.source), r.state(f.target), f.source, f.target}
    ]
    if not earlier:
        return []
    last = max(f.sentence.start for f in earlier)
    out: list[str] = []
    for f in earlier:
        if f.sentence.start != last:
            continue
        for a, b in ((f.source, f.target), (f.target, f.source)):
            if (a == side or r.state(a) == side) and r.state(b) != r.state(side):
                out.append(b)
    persons = [k for k in out if k in ctx.index.persons]
    return list(dict.fromkeys(persons or out))


def read_attended(ctx: ArticleContext, found: list[Found]) -> Iterator[Found]:
    r, rule = ctx.resolver, "negotiates.attended_by"
    for verb in tokens_with_lemma(ctx.doc, ATTEND_VERBS):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = _passive_subject(verb)
        attendees = _attendees(ctx, verb)
        if subject is None or not attendees:
            continue
        sent = verb.sent
        states = {r.state(k) for k in attendees}
        named = [k for k in r.single(subject) if k in ctx.index.persons]
        if subject.lower_ in NEGOTIATE_NOUNS and len(states) >= 2:
            for i, a in enumerate(attendees):
                for b in attendees[i + 1 :]:
                    if r.state(a) != r.state(b):
                        yield Found(a, NEGOTIATES, b, sent, CONFIDENCE, rule=rule)
            continue
        if len(states) != 1 or not (subject.lower_ in NEGOTIATE_NOUNS or named):
            continue
        side = named[0] if named else next(iter(states))
        if named and r.state(side) not in states:
            continue  # X joined by people of another state: not X's side
        for other in _counterparts(ctx, found, sent, side):
            for a in attendees:
                if a != side:
                    yield Found(a, NEGOTIATES, other, sent, CONFIDENCE, rule=rule)


RULES = (
    Rule(
        "negotiates.attended_by",
        NEGOTIATES,
        '"the session was attended by A, B and C"; "the phone call was joined by A", "X was joined by A": '
        "A takes the side of its state in the talks read last",
        CONFIDENCE,
        positive=(
            Example(
                "Sunday's tariff session in Quito was attended by Chilean Trade Minister Marta Rojas, "
                "Peruvian Trade Minister Luis Vargas and Bolivian Economy Minister Ana Quispe.",
                ("Marta Rojas", "Ana Quispe"),
            ),
            Example(
                "Chilean President Marta Rojas held a phone call with Peruvian President Luis Vargas. "
                "The call was joined by Chilean Finance Minister Pablo Ortiz.",
                ("Pablo Ortiz", "Luis Vargas"),
            ),
        ),
        negative=(
            Example(
                "The ceremony was attended by Chilean Trade Minister Marta Rojas and Peruvian Trade "
                "Minister Luis Vargas.",
                ("Marta Rojas", "Luis Vargas"),
            ),
        ),
        level="article",
        read=read_attended,
    ),
)
