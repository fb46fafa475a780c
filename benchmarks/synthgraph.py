"""Model objects straight from the invented world, for store benchmarks that skip NLP.

``synthetic_graph(n)`` returns exactly ``n`` distinct relations (by key) over invented persons
and the real states and blocs, each relation with one or two pieces of evidence from synthetic
articles, so stores can be measured at 10k, 100k or 1M relationships in seconds.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from benchmarks.world import START, NameMaker, build_world
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind

PERSONS_PER_RELATION = 0.1  # about ten relations per person, as in a mature news graph
ARTICLES_PER_RELATION = 0.05
ROLES = [
    "trade minister",
    "commerce minister",
    "finance minister",
    "foreign minister",
    "chief negotiator",
    "ambassador",
    "trade representative",
]


@dataclass(frozen=True)
class SyntheticGraph:
    actors: list[Actor]
    relations: list[Relation]
    articles: list[Article]

    def batches(self, size: int) -> Iterator[tuple[list[Actor], list[Relation], list[Article]]]:
        """Upsert arguments: all actors and articles with the first slice of relations, then slices."""
        for start in range(0, max(len(self.relations), 1), size):
            first = start == 0
            yield (
                self.actors if first else [],
                self.relations[start : start + size],
                self.articles if first else [],
            )


def _states(seed: int) -> list[Actor]:
    world = build_world(seed, analysts=0)
    return [
        Actor.create(p.name, ActorKind.COUNTRY, iso3=p.code, aliases=p.aliases)
        if p.kind == "Country"
        else Actor.create(p.name, ActorKind.ORGANIZATION, aliases=p.aliases)
        for p in world.polities.values()
    ]


def _persons(rng: random.Random, n: int, states: list[Actor]) -> list[Actor]:
    names = NameMaker(rng)
    countries = [s for s in states if s.kind is ActorKind.COUNTRY]
    out: dict[str, Actor] = {}
    while len(out) < n:
        actor = Actor.create(
            names.person(), ActorKind.PERSON, roles=(rng.choice(ROLES),), affiliation=rng.choice(countries).id
        )
        out.setdefault(actor.id, actor)
    return list(out.values())


def _articles(rng: random.Random, n: int, seed: int) -> list[Article]:
    out = []
    for i in range(n):
        day = START + timedelta(days=rng.randrange(2500))
        out.append(
            Article(
                id=f"article:synth{seed}-{i:08d}",
                url=f"https://news.example/{day:%Y/%m}/{seed}-{i}",
                title=f"Synthetic article {i}",
                source="Harbor Wire",
                published=day,
                text_hash=f"{rng.getrandbits(128):032x}",
            )
        )
    return out


_SENTENCES = {
    RelationKind.REPRESENTS: "{s}, the country's {role}, spoke for {o} at the talks on Tuesday.",
    RelationKind.NEGOTIATES_WITH: "{s} met {o} in Geneva on Tuesday to discuss tariffs and market access.",
    RelationKind.REPLACED_BY: "{o}, the new {role}, replaced {s} in a cabinet reshuffle last month.",
    RelationKind.ALLIED_WITH: "{s} and {o} are close allies and have coordinated their trade policy.",
    RelationKind.IMPOSES_TARIFFS_ON: "{s} imposed 25% tariffs on steel and aluminium from {o} last week.",
}


def _relation(
    rng: random.Random, kind: RelationKind, s: Actor, o: Actor, articles: list[Article]
) -> Relation:
    sentence = _SENTENCES[kind].format(s=s.name, o=o.name, role=(s.roles or ("minister",))[0])
    evidence = tuple(
        Evidence(a.id, sentence, url=a.url, date=a.published, confidence=round(rng.uniform(0.5, 1.0), 2))
        for a in rng.sample(articles, rng.choice((1, 1, 2)))
    )
    return Relation(
        s.id,
        kind,
        o.id,
        evidence=evidence,
        valid_from=evidence[0].date,
        role=s.roles[0] if kind is RelationKind.REPRESENTS and s.roles else None,
    )


def synthetic_graph(n_relations: int, seed: int = 0) -> SyntheticGraph:
    """Exactly ``n_relations`` relations (distinct keys) with their actors and articles."""
    rng = random.Random(f"graph:{seed}:{n_relations}")
    states = _states(seed)
    persons = _persons(rng, max(20, int(n_relations * PERSONS_PER_RELATION)), states)
    articles = _articles(rng, max(5, int(n_relations * ARTICLES_PER_RELATION)), seed)
    by_id = {a.id: a for a in states + persons}
    countries = [s for s in states if s.kind is ActorKind.COUNTRY]
    relations: dict[tuple[str, str, str], Relation] = {}

    def add(kind: RelationKind, s: Actor, o: Actor) -> None:
        if len(relations) < n_relations and s.id != o.id:
            rel = _relation(rng, kind, s, o, articles)
            relations.setdefault(rel.key, rel)

    for p in persons:
        add(RelationKind.REPRESENTS, p, by_id[p.affiliation or countries[0].id])
    by_country: dict[str | None, list[Actor]] = {}
    for p in persons:
        by_country.setdefault(p.affiliation, []).append(p)
    for group in by_country.values():
        for old, new in zip(group[::2], group[1::2]):
            add(RelationKind.REPLACED_BY, old, new)
    for _ in range(min(n_relations // 50, 2000)):
        add(RelationKind.ALLIED_WITH, *rng.sample(countries, 2))
    for _ in range(min(n_relations // 20, 10000)):
        add(
            rng.choice((RelationKind.IMPOSES_TARIFFS_ON, RelationKind.NEGOTIATES_WITH)),
            *rng.sample(states, 2),
        )
    while len(relations) < n_relations:
        add(RelationKind.NEGOTIATES_WITH, *rng.sample(persons, 2))
    return SyntheticGraph(states + persons, list(relations.values()), articles)


def today() -> date:
    """The fixed 'today' of the synthetic world, so queries about the present are reproducible."""
    return date(2025, 6, 30)
