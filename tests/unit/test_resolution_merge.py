"""Cross-article resolution merges the same actor and keeps different ones apart."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Actor, Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.loaders.resolution import Resolver

JPN, USA = "country:JPN", "country:USA"


def extraction(*actors: Actor, relations: tuple[Relation, ...] = ()) -> Extraction:
    return Extraction(Article.create("text of " + ",".join(a.name for a in actors)), actors, relations)


def test_resolution_merge_surname_into_full_name() -> None:
    resolver = Resolver([Actor.create("Ryosei Akazawa", "Person", affiliation=JPN)])
    akazawa = Actor.create("Akazawa", "Person", affiliation=JPN, roles=("negotiator",))
    ev = Evidence("a1", "Akazawa met Bessent.")
    rel = Relation(akazawa.id, RelationKind.REPRESENTS, JPN, (ev,))
    out = resolver.resolve(
        extraction(akazawa, Actor.create("Japan", "Country", iso3="JPN"), relations=(rel,))
    )
    person = next(a for a in out.actors if a.kind.value == "Person")
    assert person.id == "person:ryosei-akazawa"
    assert "Akazawa" in person.aliases and "negotiator" in person.roles
    assert out.relations[0].source == "person:ryosei-akazawa"


def test_resolution_merge_countries_by_iso_code() -> None:
    resolver = Resolver([Actor.create("United States", "Country", iso3="USA", aliases=("U.S.",))])
    out = resolver.resolve(
        extraction(Actor.create("United States", "Country", iso3="USA", aliases=("Washington",)))
    )
    assert out.actors[0].id == USA
    assert {"U.S.", "Washington"} <= set(resolver.actors[USA].aliases)


@pytest.mark.parametrize(
    "known, new",
    [
        (
            Actor.create("Sarah Jones", "Person", affiliation="country:GBR"),
            Actor.create("Darren Jones", "Person", affiliation="country:GBR"),
        ),
        (
            Actor.create("Emma Reynolds", "Person", affiliation="country:GBR"),
            Actor.create("Jonathan Reynolds", "Person"),
        ),
        (
            Actor.create("Li Qiang", "Person", affiliation="country:CHN"),
            Actor.create("Li", "Person", affiliation="country:SGP"),
        ),
    ],
)
def test_resolution_merge_keeps_namesakes_apart(known: Actor, new: Actor) -> None:
    out = Resolver([known]).resolve(extraction(new))
    assert out.actors[0].id == new.id != known.id


def test_resolution_merge_ambiguous_surname_stays_apart() -> None:
    resolver = Resolver(
        [
            Actor.create("Sarah Jones", "Person", affiliation="country:GBR"),
            Actor.create("Darren Jones", "Person", affiliation="country:GBR"),
        ]
    )
    out = resolver.resolve(extraction(Actor.create("Jones", "Person", affiliation="country:GBR")))
    assert out.actors[0].id == "person:jones"


def test_resolution_merge_accumulates_across_articles() -> None:
    resolver = Resolver()
    resolver.resolve(
        extraction(Actor.create("Scott Bessent", "Person", affiliation=USA, roles=("Treasury Secretary",)))
    )
    out = resolver.resolve(
        extraction(Actor.create("Bessent", "Person", affiliation=USA, aliases=("Mr Bessent",)))
    )
    assert out.actors[0].id == "person:scott-bessent"
    known = resolver.actors["person:scott-bessent"]
    assert "Treasury Secretary" in known.roles and "Bessent" in known.aliases
