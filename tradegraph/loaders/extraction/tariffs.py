"""IMPOSES_TARIFFS_ON: who imposes tariffs on whom, and which tariffs are only threatened."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import (
    AMOUNT_NOUNS,
    ASK_FOR_VERBS,
    EXISTING_TARIFF_VERBS,
    HIKE_NOUNS,
    IMPOSE_VERBS,
    IN_FORCE_VERBS,
    RATE_NOUNS,
    RETALIATE_VERBS,
    TARIFF_NOUNS,
    TO_RATE_VERBS,
    UNREAL,
    UNREAL_STATED_ONLY,
)
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.spans import members

#: What makes a stated tariff threatened, planned or lifted rather than imposed.
STATED_UNREAL = UNREAL | UNREAL_STATED_ONLY

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext


class TariffReader:
    """Who imposes a tariff and on whom, read around one tariff noun (no state of its own)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.r = ctx.resolver
        self.index = ctx.index

    def reading(self, tariff: Token) -> tuple[str, str | None, list[str]]:
        """(how the imposer is known, the imposer, the targets): ``clause`` when a clause on
        the noun states the tariff, ``stated`` when the noun's phrase or clause names its
        imposer, ``running`` when only the article does; no targets when nothing is imposed."""
        imposer = self.imposer(tariff)
        how = "stated" if imposer else "running"
        targets = self._tariff_targets(tariff)
        clause = self.imposing_clause(tariff)
        if clause is not None:
            imposer = self.clause_imposer(clause) or imposer
            targets += [k for k in self._clause_targets(clause) if k not in targets]
            how = "clause"
        elif self.unreal(tariff):
            return how, None, []
        if not targets:
            return how, None, []
        imposer = imposer or self.ctx.imposer_before(tariff.i) or self.default_imposer()
        return how, imposer, targets

    def imposing_clause(self, tariff: Token) -> Token | None:
        """ "the tariff that Washington imposed on X", "tariffs imposed on X by Y", "the tariffs
        that have hit X": a clause asserting the tariff exists, whatever governs the noun."""
        hike = tariff.dep_ == "compound" and tariff.head.lemma_.lower() in HIKE_NOUNS | RATE_NOUNS
        for child in [*tariff.children, *(tariff.head.children if hike else [])]:  # "a tariff hike imposed"
            if child.dep_ in {"relcl", "acl"} and (child.lemma_.lower() in IMPOSE_VERBS | {"hit", "affect"}):
                if not any(c.dep_ in {"aux", "mark"} and c.lower_ in STATED_UNREAL for c in child.children):
                    return child
        return None

    def clause_imposer(self, clause: Token) -> str | None:
        for c in clause.children:
            if c.dep_ == "nsubj" and c.lower_ not in {"that", "which"}:
                found = self.r.single(c)
                if found:
                    return found[0]
            if c.dep_ == "agent":
                for pobj in c.children:
                    found = self.r.single(pobj)
                    if found:
                        return self.r.state(found[0]) if found[0] in self.index.persons else found[0]
        return None

    def _clause_targets(self, clause: Token) -> list[str]:
        found: list[str] = []
        for c in clause.children:
            if c.dep_ == "prep" and (
                c.lower_ in {"on", "for", "against"} or (c.lower_ == "to" and clause.lemma_ == "apply")
            ):
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        found.extend(self.target(pobj))
            stranded = any(
                p.dep_ == "prep" and p.lower_ == "on" and not list(p.children) for p in clause.children
            )
            if c.dep_ == "dobj" and (clause.lemma_.lower() in {"hit", "affect"} or stranded):
                found.extend(self.target(c))  # "hit X"; "the duties it put on [dobj] X fruits"
        return [k for k in found if k.startswith(("country:", "org:"))]

    def imposer(self, tariff: Token) -> str | None:  # noqa: C901 - allow-listed (tests/unit/test_guardrails.py)
        for child in tariff.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                found = self.r.single(child)
                if found:
                    return found[0]
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    found = self.r.single(pobj)
                    if found:
                        return found[0]
        cur = tariff
        for _ in range(5):
            head = cur.head
            if head is cur:
                break
            if (
                cur.dep_ == "prep"
                and head.pos_ in {"VERB", "AUX"}
                and not (cur.lower_ == "with" and head.lemma_.lower() in RETALIATE_VERBS)
            ):
                break  # a tariff inside an adjunct ("in response to the tariff ...") is not the clause's
            if head.pos_ in {"NOUN"} and cur.dep_ in {"acl", "pobj", "prep", "compound"}:
                for child in head.children:
                    if child.dep_ == "poss":
                        found = self.r.single(child)
                        if found:
                            return found[0]
            if head.lemma_.lower() in {"face", "suffer"}:
                break  # "X and Y continue to face tariffs": the subjects bear the tariffs
            if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in {"hit", "affect", "face"}:
                for child in head.children:
                    if child.dep_ in {"nsubj", "agent"} and child is not cur:
                        node = (
                            next((g for g in child.children if g.dep_ == "pobj"), child)
                            if child.dep_ == "agent"
                            else child
                        )
                        found = self.r.single(node)
                        if found and (
                            found[0] in self.index.persons or found[0].startswith(("country:", "org:"))
                        ):
                            return found[0]
                if head.dep_ not in {"xcomp", "advcl", "conj", "acl", "ccomp"}:
                    break
            cur = head
        return None

    def default_imposer(self) -> str | None:
        return "country:USA" if "country:USA" in self.index.places else None

    def _tariff_targets(self, tariff: Token) -> list[str]:  # noqa: C901 - allow-listed (tests/unit/test_guardrails.py)
        found: list[str] = []
        holders = [tariff, *tariff.conjuncts, *[c for c in tariff.children if c.dep_ == "acl"]]
        # "the 30% tariff that X has applied to most of Y's exports"
        holders += [c for c in tariff.children if c.dep_ == "relcl" and c.lemma_.lower() in TARGETING_VERBS]
        if tariff.dep_ in {"dobj", "nsubjpass", "attr"}:
            holders.append(tariff.head)
            if any(c.dep_ == "prep" and c.lower_ == "on" for c in tariff.children):
                # "imposed duties on steel from X and Y": the origin the parser hung on the verb
                found.extend(
                    k
                    for c in tariff.head.children
                    if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children
                    if g.dep_ == "pobj"
                    for k in self.target(g)
                )
        if tariff.dep_ == "nsubjpass":  # "imposed by X on Y" with "on Y" parsed under X
            holders += [
                g for c in tariff.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            ]
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "appos" and holder is tariff:  # "its duty on copper pipes, a big X export"
                    found.extend(self._origin(child))
                words = {"on", "for", "against"}
                if holder.dep_ in {"relcl", "acl"} and holder.lemma_.lower() in TARGETING_VERBS:
                    words = words | {"to"}  # "applied to most of Y's exports", "the 15% applied to X"
                if child.dep_ == "prep" and child.lower_ in words:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(self.target(pobj))
        head = tariff.head
        if tariff.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "subject":
            verb = head.head.head
            for c in verb.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    found.extend(self.target(c))
        if tariff.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ in {"hit", "affect"}:
            verb = head.head
            clause = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
            if verb.dep_ in {"acomp", "xcomp", "oprd"}:
                clause.append(verb.head)  # "Cambodia remains hit by ..."
            for node in clause:
                for c in node.children:
                    if c.dep_ in {"nsubj", "nsubjpass"}:
                        found.extend(self.target(c))
        if tariff.dep_ == "dobj" and head.lemma_ in {"face", "suffer"}:
            upper = list(head.head.children) if head.dep_ == "xcomp" else []  # "X continue to face"
            for c in [*head.children, *upper]:
                if c.dep_ == "nsubj":
                    found.extend(self.target(c))
            if head.dep_ == "relcl":
                found.extend(self.target(head.head))
        if tariff.dep_ == "nsubj" and head.lemma_ in IN_FORCE_VERBS:
            found.extend(self._in_force_targets(head))
        return [k for k in dict.fromkeys(found) if k.startswith(("country:", "org:"))]

    def target(self, token: Token) -> list[str]:
        found: list[str] = []
        for t in members(token):
            keys = self.r.single(t)
            if not keys and t.lower_ in AMOUNT_NOUNS:  # "C$29.8 billion worth of U.S. goods"
                keys = [
                    k
                    for p in t.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                    for k in self.target(g)
                ]
            if not keys and t.pos_ in {"NOUN", "PROPN"}:
                keys = self._origin(t)
            found.extend(self.r.state(k) for k in keys)
        return found

    def _origin(self, goods: Token, depth: int = 0) -> list[str]:
        """The goods' origin, from their modifiers at any depth: "American goods", "Canadian
        canola oil", "EU steel and aluminum exports", "its exports", "goods from X"."""
        keys: list[str] = []
        for c in goods.children:
            if c.dep_ in {"compound", "amod", "poss", "nmod"}:
                own = [k for k in self.r.single(c) if not k.startswith("person:")]
                if c.lower_ == "its":
                    own = self._its(c)
                if not own and depth < 2:
                    own = self._origin(c, depth + 1)
                keys.extend(own)
            froms = (
                [c] if c.dep_ == "prep" else [p for p in c.children if c.dep_ == "acl" and p.dep_ == "prep"]
            )
            for p in froms if depth == 0 else []:  # "goods from X", "shoes imported from X, Y and Z"
                if p.lower_ == "from":
                    keys.extend(k for g in p.children for m in members(g) for k in self.r.single(m))
        return keys

    def _its(self, token: Token, every: bool = False) -> list[str]:
        """ "its exports": the country the clause around the pronoun is about (the nearest
        subject naming one; with ``every``, all its conjuncts: "their goods")."""
        for node in token.ancestors:
            for c in node.children:
                if (
                    c.dep_ in {"nsubj", "nsubjpass"}
                    and c.i != token.i
                    and token.i not in {t.i for t in c.subtree}
                ):
                    keys = [
                        k for t in members(c) for k in self.r.single(t) if k.startswith(("country:", "org:"))
                    ]
                    if keys:
                        return keys if every else keys[:1]
        return []

    def _in_force_targets(self, verb: Token) -> list[str]:
        """ "The duties took effect as Lima, Quito and La Paz cope with ...", "hit Peru"."""
        found: list[str] = []
        for c in verb.children:
            if c.dep_ == "dobj":
                found.extend(self.target(c))
            if c.dep_ == "prep" and c.lower_ == "as":
                for pobj in c.children:
                    found.extend(self.target(pobj))
            if c.dep_ == "advcl":
                for s in c.children:
                    if s.dep_ in {"nsubj", "nsubjpass"}:
                        found.extend(self.target(s))
        return found

    def unreal(self, tariff: Token) -> bool:
        """Threats, plans, hopes and cuts are not impositions; raising the tariffs already on a
        country presupposes them."""
        existing = (
            tariff.dep_ == "dobj"
            and tariff.head.lemma_.lower() in EXISTING_TARIFF_VERBS
            and any(
                c.lower_ in {"the", "its", "these", "those", "their"} or c.dep_ == "poss"
                for c in tariff.children
            )
        )
        kept = tariff.dep_ == "dobj" and tariff.head.lemma_.lower() in TO_RATE_VERBS  # "cut its tariff"
        if existing or (kept and any(c.dep_ == "poss" for c in tariff.children)):
            return False
        if any(
            c.lower_ in {"zero", "no"} and c.dep_ in {"nummod", "amod", "det", "compound"}
            for c in tariff.children
        ):
            return True  # "zero tariffs", "no duties": none imposed
        for node in [tariff, *tariff.ancestors]:
            if node.lemma_.lower() in STATED_UNREAL or node.lower_ in STATED_UNREAL:
                return True
            if node.lower_ == "for" and node.head.lemma_.lower() in ASK_FOR_VERBS:
                return True  # "lawmakers called for duties on X": asked for, not imposed
            if any(c.dep_ in {"aux", "mark"} and c.lower_ in STATED_UNREAL for c in node.children):
                return True
            if any(
                c.dep_ == "advcl"
                and any(g.dep_ == "mark" and g.lower_ in {"unless", "if"} for g in c.children)
                for c in node.children
            ):
                return True  # "will take effect unless Mexico acts": a condition, not yet a tariff
        return False


#: Verbs of a clause on a tariff whose "to"/"on" names what it is charged on.
TARGETING_VERBS = frozenset({"apply", "impose", "levy", "charge", "set"})


def tariff_reader(ctx: ArticleContext) -> TariffReader:
    return ctx.memo("tariffs.reader", ctx.doc[0], lambda _: TariffReader(ctx))


def stated_imposers(ctx: ArticleContext) -> list[tuple[int, str]]:
    """(token, imposer) of every tariff noun whose phrase or clause names its imposer, in text
    order: the article's running imposer at each point."""
    reader = tariff_reader(ctx)
    out = []
    for t in ctx.doc:
        if t.lower_ in TARIFF_NOUNS or t.lemma_.lower() == "tariff":
            imposer = reader.imposer(t)
            if imposer:
                out.append((t.i, imposer))
    return out


def _read(ctx: ArticleContext, tariff: Token, how: str, rule: str) -> Iterator[Found]:
    got = ctx.memo("tariffs.reading", tariff, tariff_reader(ctx).reading)
    source, imposer, targets = got
    if source != how or imposer is None:
        return
    for target in targets:
        if target != imposer and ctx.resolver.state(imposer) != target:
            yield Found(imposer, RelationKind.IMPOSES_TARIFFS_ON, target, tariff.sent, 0.8, rule=rule)


def read_imposing_clause(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    yield from _read(ctx, tariff, "clause", "imposes.imposing_clause")


def read_stated_imposer(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    yield from _read(ctx, tariff, "stated", "imposes.stated_imposer")


def read_running_imposer(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    yield from _read(ctx, tariff, "running", "imposes.running_imposer")


TRIGGER = ([{"LOWER": {"IN": sorted(TARIFF_NOUNS)}}], [{"LEMMA": "tariff"}])
IMPOSES = RelationKind.IMPOSES_TARIFFS_ON
