"""The last stage: what the rules found in one article -> model Actors and Relations with
evidence (sentence, date, confidence, the rules that read it), roles and validity dates. Reads the
context; the affiliations a successor takes over are its own output, never written back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.knowledge.lexicon import GOODS
from tradegraph.loaders.extraction.context import ArticleContext
from tradegraph.loaders.extraction.dates import sentence_date
from tradegraph.loaders.extraction.found import Found

if TYPE_CHECKING:
    from spacy.tokens import Span


class ExtractionBuilder:
    """Turns the readings of one document into an :class:`Extraction`."""

    def __init__(self, article: Article, ctx: ArticleContext, found: list[Found]) -> None:
        self.article = article
        self.ctx = ctx
        self.r = ctx.resolver
        self.facts = ctx.facts
        self.index = ctx.index
        self.found = found
        self.inherited: dict[str, str] = {}  # successor -> the state of the post taken over

    def build(self) -> Extraction:
        relations: dict[tuple[str, str, str], Relation] = {}
        replaced = self._replacements()
        fired: dict[tuple[tuple[str, str, str], tuple[str, str]], list[str]] = {}
        for rel in [*self._represents(replaced), *self._found_relations(replaced)]:
            relations[rel.key] = relations[rel.key].merged(rel) if rel.key in relations else rel
            for ev in rel.evidence:
                fired.setdefault((rel.key, ev.key), []).append(ev.provenance)
        relations = {key: _with_all_rules(rel, fired) for key, rel in relations.items()}
        actors = self._actors(relations.values())
        return Extraction(self.article, tuple(actors), tuple(relations.values()))

    # -- relations ------------------------------------------------------------------------
    def _evidence(self, sentence: Span, confidence: float, rules: str) -> Evidence:
        return Evidence(
            self.article.id,
            " ".join(sentence.text.split()),
            url=self.article.url,
            date=self.article.published,
            confidence=round(min(max(confidence, 0.0), 1.0), 2),
            provenance=provenance(rules),
        )

    def _replacements(self) -> dict[str, tuple[str, date | None]]:
        """predecessor -> (successor, date of the replacement)."""
        out: dict[str, tuple[str, date | None]] = {}
        for f in self.found:
            if f.kind is RelationKind.REPLACED_BY:
                out.setdefault(f.source, (f.target, sentence_date(f.sentence, self.article.published)))
        return out

    def _represents(self, replaced: dict[str, tuple[str, date | None]]) -> list[Relation]:
        successors = {new: day for new, day in replaced.values()}
        out = []
        for key, facts in self.facts.items():
            target = facts.affiliation
            if not target or not self._can_represent(target):
                continue
            current = [o for o in facts.offices if o.official and o.current]
            if key in replaced:
                current = [o for o in current if o.new]
            placed = facts.affiliation_rule
            evidence: list[tuple[Span, float, str | None, str]] = [
                (o.sentence, min(o.confidence, facts.affiliation_confidence), o.role, f"{o.rule}+{placed}")
                for o in current
            ]
            evidence += [
                (sent, conf, None, "represents.representing_verb")
                for place, sent, conf in facts.represented
                if place == target
            ]
            if not evidence:
                continue
            sentence, conf, role, rules = evidence[0]
            valid_from = successors.get(key)
            out.append(
                Relation(
                    key,
                    RelationKind.REPRESENTS,
                    target,
                    (self._evidence(sentence, conf, rules),),
                    valid_from=valid_from,
                    role=role or None,
                )
            )
        out.extend(self._ended(replaced))
        out.extend(self._successors(replaced, {r.source for r in out}))
        return out

    def _successors(self, replaced: dict[str, tuple[str, date | None]], done: set[str]) -> list[Relation]:
        """ "X was replaced by Y": Y now holds X's post, for X's state (Y's affiliation, kept
        in ``inherited``)."""
        out = []
        for old, (new, day) in replaced.items():
            before, after = self.facts.get(old), self.facts.get(new)
            if new in done or not before or not before.affiliation or not after:
                continue
            if after.affiliation and after.affiliation != before.affiliation:
                continue
            if not self._can_represent(before.affiliation):
                continue
            self.inherited[new] = before.affiliation
            sentence = next(
                f.sentence for f in self.found if f.kind is RelationKind.REPLACED_BY and f.target == new
            )
            role = next((o.role for o in before.offices if o.role), None)
            out.append(
                Relation(
                    new,
                    RelationKind.REPRESENTS,
                    before.affiliation,
                    (self._evidence(sentence, 0.6, "represents.successor_inherits"),),
                    valid_from=day,
                    role=role,
                )
            )
        return out

    def _ended(self, replaced: dict[str, tuple[str, date | None]]) -> list[Relation]:
        """A predecessor whom the text shows holding the post keeps it, ending on the replacement."""
        out = []
        for old, (_, day) in replaced.items():
            facts = self.facts.get(old)
            if not facts or not facts.affiliation or not self._can_represent(facts.affiliation):
                continue
            held = [o for o in facts.offices if o.official and o.current and not o.new]
            if held and day is not None:
                conf = min(held[0].confidence, facts.affiliation_confidence)
                ev = self._evidence(held[0].sentence, conf, f"represents.held_until_replaced+{held[0].rule}")
                out.append(
                    Relation(
                        old,
                        RelationKind.REPRESENTS,
                        facts.affiliation,
                        (ev,),
                        valid_to=day,
                        role=held[0].role,
                    )
                )
        return out

    def _can_represent(self, target: str) -> bool:
        if target.startswith("country:"):
            return True
        place = self.index.places.get(target)
        return place is not None and place.kind is ActorKind.ORGANIZATION and place.state is None

    def _found_relations(self, replaced: dict[str, tuple[str, date | None]]) -> list[Relation]:
        out = []
        for f in self.found:
            if f.source == f.target:
                continue
            role = None
            valid_from = None
            if f.kind is RelationKind.REPLACED_BY:
                facts = self.facts.get(f.target)
                role = (
                    next((o.role for o in facts.offices if o.sentence == f.sentence), None) if facts else None
                )
                valid_from = replaced.get(f.source, (None, None))[1]
            out.append(
                Relation(
                    f.source,
                    f.kind,
                    f.target,
                    (self._evidence(f.sentence, f.confidence, f.rule),),
                    valid_from=valid_from,
                    role=role,
                )
            )
        return out

    # -- actors ---------------------------------------------------------------------------
    def _actors(self, relations: object) -> list[Actor]:
        used = {k for rel in relations for k in (rel.source, rel.target)}  # type: ignore[attr-defined]
        actors = []
        for key, person in self.index.persons.items():
            facts = self.facts[key]
            affiliation = self.inherited.get(key, facts.affiliation)
            actors.append(
                Actor(
                    key,
                    person.name,
                    ActorKind.PERSON,
                    aliases=tuple(sorted(person.aliases)),
                    roles=tuple(facts.roles),
                    affiliation=affiliation,
                )
            )
            if affiliation:
                used.add(affiliation)
        for key, place in self.index.places.items():
            if key in used or self._plays_a_part(key):
                surfaces = sorted(
                    {self.index.doc[m.start : m.end].text for m in self.index.mentions if m.key == key}
                )
                actors.append(
                    Actor(
                        key,
                        place.name,
                        place.kind,
                        aliases=tuple(surfaces),
                        affiliation=self.index.gaz.country(place.state).id if place.state else None,
                    )
                )
        return actors

    def _plays_a_part(self, key: str) -> bool:
        """A state named in its own right, not only inside another name or as a bare adjective
        ("Cuban-born")."""
        titles = self.index.gaz.titles
        for m in self.index.mentions:
            if m.key != key or m.in_name:
                continue
            if m.how != "demonym":
                return True
            head = self.index.doc[m.end - 1].head
            if head.lower_ in titles.state_words or head.lower_ in titles.heads or head.lower_ in GOODS:
                return True
        return False


def _with_all_rules(
    rel: Relation, fired: dict[tuple[tuple[str, str, str], tuple[str, str]], list[str]]
) -> Relation:
    """Each evidence names every rule that read the relation in that sentence."""
    evidence = tuple(
        replace(
            ev,
            provenance="+".join(dict.fromkeys(p for ps in fired[(rel.key, ev.key)] for p in ps.split("+"))),
        )
        for ev in rel.evidence
    )
    return replace(rel, evidence=evidence)


def provenance(rules: str) -> str:
    """``"a+b"`` -> ``"rule:a+rule:b"``: the rules that read one relation in one sentence.

    >>> provenance("represents.apposition+affiliation.stated")
    'rule:represents.apposition+rule:affiliation.stated'
    """
    names = [n for n in dict.fromkeys(rules.split("+")) if n]
    return "+".join(f"rule:{n}" for n in names)


def with_article(extraction: Extraction, article: Article) -> Extraction:
    return replace(extraction, article=article)
