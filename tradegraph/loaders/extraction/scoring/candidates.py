"""Candidate relations of one article for the scorer: the actors' mentions in the parse, and every
pair of them within a sentence or its neighbour that a relation kind allows, plus what the rules
proposed.

Depends only on public things: the spaCy ``Doc``, the rules' :class:`Extraction` (actor names,
aliases, relations) and the gazetteer's surface forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import LOWER, ORTH, SPACY

from tradegraph.graph.model import Actor, ActorKind, Extraction, Relation, RelationKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tradegraph.knowledge.gazetteer import Gazetteer

P, C, ORG = ActorKind.PERSON, ActorKind.COUNTRY, ActorKind.ORGANIZATION
#: Which actor kinds each relation kind joins (source kinds, target kinds).
ALLOWED: dict[RelationKind, tuple[frozenset[ActorKind], frozenset[ActorKind]]] = {
    RelationKind.REPRESENTS: (frozenset({P}), frozenset({C, ORG})),
    RelationKind.NEGOTIATES_WITH: (frozenset({P, C, ORG}), frozenset({P, C, ORG})),
    RelationKind.REPLACED_BY: (frozenset({P}), frozenset({P})),
    RelationKind.ALLIED_WITH: (frozenset({C}), frozenset({C})),
    RelationKind.IMPOSES_TARIFFS_ON: (frozenset({P, C, ORG}), frozenset({C, ORG})),
}
PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
MAX_SURFACE_TOKENS = 6
#: How many sentences back a pronoun looks for its person.
PRONOUN_REACH = 2


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor's mention: tokens ``start:end`` of sentence number ``sent``; ``how`` is ``name``,
    ``alias``, ``part`` (one side of "U.S.-Japan") or ``pronoun``."""

    actor: str
    start: int
    end: int
    sent: int
    how: str = "name"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """The source-side and target-side mentions of a candidate in one sentence (``scope`` ``same``)
    or in neighbouring sentences (``adjacent``)."""

    source: Mention
    target: Mention
    scope: str


@dataclass
class Candidate:
    """``source -kind-> target`` as a possibility to score, with where it could be read."""

    source: str
    kind: RelationKind
    target: str
    occurrences: list[Occurrence] = field(default_factory=list)
    rule: Relation | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        s, t = self.source, self.target
        if self.kind.symmetric and t < s:
            s, t = t, s
        return (s, self.kind.value, t)


class SurfaceIndex:
    """Surface forms of the gazetteer's states and bodies by actor id (built once per scorer)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.forms: dict[str, set[str]] = defaultdict(set)
        for form, place in gazetteer.patterns().items():
            self.forms[place.id].add(form)

    def surfaces(self, actor: Actor) -> dict[str, str]:
        """Surface form -> how (``name`` or ``alias``) for one actor of an extraction."""
        out = {actor.name: "name"}
        for alias in actor.aliases:
            out.setdefault(alias, "alias")
        for form in self.forms.get(actor.id, ()):
            out.setdefault(form, "alias")
        if actor.kind is ActorKind.PERSON:
            out.setdefault(actor.name.split()[-1], "alias")
        for form in list(out):
            if form.lower().startswith("the "):
                out.setdefault(form[4:], out[form])
        return out


def find_mentions(doc: Doc, actors: Iterable[Actor], surfaces: SurfaceIndex) -> list[Mention]:
    """Every mention of ``actors`` in ``doc`` (longest surface first), plus he/she/his/her for the
    latest person named at most two sentences before."""
    table: dict[str, tuple[str, str]] = {}
    actors = list(actors)
    persons = [a for a in actors if a.kind is ActorKind.PERSON]
    last_names: dict[str, list[str]] = defaultdict(list)
    for p in persons:
        last_names[p.name.split()[-1]].append(p.id)
    for actor in actors:
        for form, how in surfaces.surfaces(actor).items():
            if how == "alias" and len(last_names.get(form, ())) > 1:
                continue  # a surname two persons share names neither
            table.setdefault(form.lower(), (actor.id, how))
    sent_of = _sentence_numbers(doc)
    # the tokens' texts read once from the Doc's arrays: indexing a Doc builds a Token each time
    strings = doc.vocab.strings
    rows = doc.to_array([LOWER, ORTH, SPACY]).tolist() if len(doc) else []
    lowers = [strings[lower] for lower, _, _ in rows]
    words = [(low, " " if space else "") for low, (_, _, space) in zip(lowers, rows, strict=True)]
    starts = {form[:2] for form in table}  # a cheap test before trying surfaces at a token
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        found = _match_at(words, i, table) if words[i][0][:2] in starts else None
        if found:
            end, (key, how) = found
            out.append(Mention(key, i, end, sent_of[i], how))
            i = end
            continue
        if "-" in lowers[i]:
            out.extend(_hyphen_parts(strings[rows[i][1]], i, table, sent_of[i]))
        i += 1
    return _with_pronouns(lowers, out, sent_of, {p.id for p in persons})


def _sentence_numbers(doc: Doc) -> list[int]:
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _match_at(
    words: list[tuple[str, str]], i: int, table: Mapping[str, tuple[str, str]]
) -> tuple[int, tuple[str, str]] | None:
    """The longest surface in ``table`` starting at token ``i`` (tokens as (lower text, trailing
    space), so that "U.S." and "U.S" + "." both read as written)."""
    texts, best = "", None
    for n in range(min(MAX_SURFACE_TOKENS, len(words) - i)):
        lower, space = words[i + n]
        texts += lower
        if texts in table:
            best = (i + n + 1, table[texts])
        texts += space
    return best


def _hyphen_parts(text: str, i: int, table: Mapping[str, tuple[str, str]], sent: int) -> list[Mention]:
    if "-" not in text:
        return []
    hits = [table[part.lower()] for part in text.split("-") if part.lower() in table]
    return [Mention(actor, i, i + 1, sent, "part") for actor, _ in hits]


def _with_pronouns(
    lowers: list[str], mentions: list[Mention], sent_of: list[int], persons: set[str]
) -> list[Mention]:
    named = sorted((m for m in mentions if m.actor in persons), key=lambda m: m.start)
    out = list(mentions)
    j, latest = 0, None
    for i, lower in enumerate(lowers):
        while j < len(named) and named[j].start <= i:
            latest = named[j]
            j += 1
        if lower in PRONOUNS and latest is not None and sent_of[i] - latest.sent <= PRONOUN_REACH:
            if not latest.start <= i < latest.end:
                out.append(Mention(latest.actor, i, i + 1, sent_of[i], "pronoun"))
    return sorted(out, key=lambda m: (m.start, m.actor))


def candidates(extraction: Extraction, mentions: list[Mention], *, generated: bool = True) -> list[Candidate]:
    """Every relation the kinds allow between mentions of one sentence or neighbouring sentences,
    and every relation the rules read (with its :class:`Relation` as ``rule``), by key order; with
    ``generated=False`` only the rules' relations (with the occurrences of their mentions)."""
    wanted = None if generated else {rel.key for rel in extraction.relations}
    kinds = {a.id: a.kind for a in extraction.actors}
    own = {a.id: a.affiliation for a in extraction.actors if a.affiliation}
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sent[m.sent].append(m)
    found: dict[tuple[str, str, str], Candidate] = {}
    for sent, here in by_sent.items():
        pairs = [(a, b, "same") for a in here for b in here]
        pairs += [(a, b, "adjacent") for a in here for b in by_sent.get(sent - 1, ())]
        pairs += [(b, a, "adjacent") for a in here for b in by_sent.get(sent - 1, ())]
        for a, b, scope in pairs:
            if a.actor == b.actor or (a.how == "pronoun" and b.how == "pronoun"):
                continue
            mine = own.get(a.actor) == b.actor or own.get(b.actor) == a.actor
            for kind, (sources, targets) in ALLOWED.items():
                if mine and kind is not RelationKind.REPRESENTS:
                    continue  # an official and their own state neither negotiate nor tariff
                if kinds.get(a.actor) not in sources or kinds.get(b.actor) not in targets:
                    continue
                if wanted is not None and _key(a.actor, kind, b.actor) not in wanted:
                    continue
                _add(found, Candidate(a.actor, kind, b.actor), Occurrence(a, b, scope))
    for rel in extraction.relations:
        cand = found.setdefault(rel.key, Candidate(rel.source, rel.kind, rel.target))
        cand.rule = rel
    if generated:
        _affiliations(found, extraction)
    return [found[k] for k in sorted(found)]


def _key(source: str, kind: RelationKind, target: str) -> tuple[str, str, str]:
    if kind.symmetric and target < source:
        source, target = target, source
    return (source, kind.value, target)


def _add(found: dict[tuple[str, str, str], Candidate], cand: Candidate, occ: Occurrence) -> None:
    if cand.kind.symmetric and cand.target < cand.source:
        cand = Candidate(cand.target, cand.kind, cand.source)
        occ = Occurrence(occ.target, occ.source, occ.scope)
    found.setdefault(cand.key, cand).occurrences.append(occ)


def _affiliations(found: dict[tuple[str, str, str], Candidate], extraction: Extraction) -> None:
    """A person's affiliation is a REPRESENTS candidate even where the two never share a sentence."""
    kinds = {a.id: a.kind for a in extraction.actors}
    for actor in extraction.actors:
        if actor.kind is ActorKind.PERSON and actor.affiliation and kinds.get(actor.affiliation) in (C, ORG):
            cand = Candidate(actor.id, RelationKind.REPRESENTS, actor.affiliation)
            found.setdefault(cand.key, cand)
