"""One suite, every store: the behaviour the GraphStore docstrings promise."""

from __future__ import annotations

from datetime import date

import pytest

from tradegraph.graph.errors import StoreError
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind

JAPAN = Actor.create("Japan", ActorKind.COUNTRY, iso3="JPN", aliases=("Tokyo",))
USA = Actor.create("United States", ActorKind.COUNTRY, iso3="USA", aliases=("Washington", "U.S."))
AKAZAWA = Actor.create(
    "Ryosei Akazawa",
    ActorKind.PERSON,
    aliases=("Akazawa",),
    roles=("economic revitalization minister",),
    affiliation=JAPAN.id,
)
BESSENT = Actor.create("Scott Bessent", ActorKind.PERSON, roles=("Treasury Secretary",), affiliation=USA.id)
ACTORS = (JAPAN, USA, AKAZAWA, BESSENT)


def evidence(n: int, sentence: str = "Akazawa met Bessent.") -> Evidence:
    return Evidence(
        article_id=f"article:{n}",
        sentence=sentence,
        url=f"https://news.example/{n}",
        date=date(2025, 4, n),
        confidence=0.8,
    )


def article(n: int) -> Article:
    return Article.create(
        f"text {n}",
        id=f"article:{n}",
        url=f"https://news.example/{n}",
        title=f"Story {n}",
        source="Example News",
        published=date(2025, 4, n),
    )


def talks(n: int) -> Relation:
    return Relation(AKAZAWA.id, RelationKind.NEGOTIATES_WITH, BESSENT.id, evidence=(evidence(n),))


def test_store_contract_upsert_then_read_back(store):
    store.upsert(ACTORS, [talks(1)], [article(1)])
    assert store.actor(AKAZAWA.id) == AKAZAWA
    assert [a.id for a in store.actors(ActorKind.COUNTRY)] == [JAPAN.id, USA.id]
    [rel] = store.relations()
    assert rel == talks(1)
    assert store.article("article:1") == article(1).metadata()
    assert store.actor("person:nobody") is None and store.article("article:none") is None


def test_store_contract_reloading_is_idempotent(store):
    for _ in range(3):
        store.upsert(ACTORS, [talks(1), talks(2)], [article(1), article(2)])
    counts = store.counts()
    assert counts["actors"] == 4 and counts["relations"] == 1
    assert counts["evidence"] == 2 and counts["articles"] == 2


def test_store_contract_evidence_accumulates_with_support(store):
    store.upsert(ACTORS)
    for n in (1, 2, 3):
        store.upsert(relations=[talks(n)])
    [rel] = store.relations(RelationKind.NEGOTIATES_WITH)
    assert rel.support == 3 and len(rel.evidence) == 3
    assert {ev.article_id for ev in rel.evidence} == {"article:1", "article:2", "article:3"}
    assert rel.confidence == pytest.approx(0.8)


def test_store_contract_symmetric_relation_stored_once(store):
    store.upsert(ACTORS)
    backwards = Relation(BESSENT.id, RelationKind.NEGOTIATES_WITH, AKAZAWA.id, evidence=(evidence(2),))
    store.upsert(relations=[talks(1), backwards])
    [rel] = store.relations()
    assert rel.support == 2
    assert store.relations(actor=BESSENT.id) == store.relations(actor=AKAZAWA.id) == [rel]


def test_store_contract_actors_merge_aliases_and_roles(store):
    store.upsert([AKAZAWA])
    more = Actor(
        AKAZAWA.id,
        "Ryosei Akazawa",
        ActorKind.PERSON,
        aliases=("Minister Akazawa",),
        roles=("tariff negotiator",),
    )
    store.upsert([more])
    merged = store.actor(AKAZAWA.id)
    assert set(merged.aliases) == {"Akazawa", "Minister Akazawa"}
    assert merged.roles == ("economic revitalization minister", "tariff negotiator")
    assert merged.affiliation == JAPAN.id


def test_store_contract_relation_filters(store):
    represents = [
        Relation(
            AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(evidence(1, "s1"),), role="minister"
        ),
        Relation(BESSENT.id, RelationKind.REPRESENTS, USA.id, evidence=(evidence(1, "s2"),)),
    ]
    store.upsert(ACTORS, [*represents, talks(1)])
    assert [r.source for r in store.relations(RelationKind.REPRESENTS, target=JAPAN.id)] == [AKAZAWA.id]
    assert [r.kind for r in store.relations(source=BESSENT.id)] == [RelationKind.REPRESENTS]
    assert len(store.relations(actor=AKAZAWA.id)) == 2
    assert store.relations(RelationKind.ALLIED_WITH) == []
    assert store.relations(actor="person:nobody") == []
    assert store.relations(RelationKind.REPRESENTS, source=AKAZAWA.id)[0].role == "minister"


def test_store_contract_validity_dates_widen(store):
    wang = Actor.create("Wang Shouwen", ActorKind.PERSON)
    china = Actor.create("China", ActorKind.COUNTRY, iso3="CHN")
    first = Relation(
        wang.id, RelationKind.REPRESENTS, china.id, evidence=(evidence(1, "a"),), valid_from=date(2020, 1, 1)
    )
    second = Relation(
        wang.id, RelationKind.REPRESENTS, china.id, evidence=(evidence(2, "b"),), valid_to=date(2025, 4, 16)
    )
    store.upsert([wang, china], [first])
    store.upsert(relations=[second])
    [rel] = store.relations()
    assert (rel.valid_from, rel.valid_to) == (date(2020, 1, 1), date(2025, 4, 16))
    assert rel.holds_on(date(2025, 3, 1)) and not rel.holds_on(date(2025, 5, 1))


def test_store_contract_failed_upsert_writes_nothing(store):
    store.upsert([JAPAN])
    dangling = Relation(AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(evidence(1),))
    with pytest.raises(StoreError, match="TG310"):
        store.upsert([USA], [dangling], [article(1)])
    assert store.actors() == [JAPAN]
    assert store.relations() == [] and store.articles() == []


def test_store_contract_forget_article_drops_its_evidence(store):
    store.upsert(ACTORS, [talks(1), talks(2)], [article(1), article(2)])
    only_in_one = Relation(BESSENT.id, RelationKind.REPRESENTS, USA.id, evidence=(evidence(2, "s"),))
    store.upsert(relations=[only_in_one])
    store.forget_article("article:2")
    [rel] = store.relations()
    assert rel.kind == RelationKind.NEGOTIATES_WITH and rel.support == 1
    assert [a.id for a in store.articles()] == ["article:1"]


def test_store_contract_literal_text_round_trips(store):
    nasty = "O'Brien \"`}) DETACH DELETE n // $param {x} \n Ｏ’Ｂｒｉｅｎ"
    person = Actor.create(nasty, ActorKind.PERSON, aliases=(nasty + " alias",), roles=("$role",))
    rel = Relation(
        person.id,
        RelationKind.REPRESENTS,
        JAPAN.id,
        evidence=(Evidence("article:'}) MATCH (n) DETACH DELETE n //", nasty),),
    )
    store.upsert([JAPAN, person], [rel])
    assert store.actor(person.id) == person
    assert store.relations(source=person.id) == [rel]
    assert store.counts()["actors"] == 2


def test_store_contract_clear_empties(store):
    store.upsert(ACTORS, [talks(1)], [article(1)])
    store.clear()
    assert store.counts()["actors"] == 0 and store.counts()["relations"] == 0
    assert store.articles() == []


def test_store_contract_survives_reopen(store, reopen):
    store.upsert(ACTORS, [talks(1)], [article(1)])
    before = store.counts()
    with reopen(store) as again:
        assert again.counts() == before
        assert again.relations() == [talks(1)]


def test_store_contract_replace_article_is_forget_then_upsert_in_one(store):
    store.upsert(ACTORS, [talks(1), talks(2)], [article(1), article(2)])
    only_in_two = Relation(BESSENT.id, RelationKind.REPRESENTS, USA.id, evidence=(evidence(2, "s"),))
    store.upsert(relations=[only_in_two])
    now = Relation(AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(evidence(2, "new"),))
    store.replace_article(article(2), [AKAZAWA, JAPAN], [now])
    assert {r.key for r in store.relations()} == {talks(1).key, now.key}
    [kept] = store.relations(RelationKind.NEGOTIATES_WITH)
    assert [ev.article_id for ev in kept.evidence] == ["article:1"]
    assert [a.id for a in store.articles()] == ["article:1", "article:2"]


def test_store_contract_failed_replace_keeps_the_old_version(store):
    store.upsert(ACTORS, [talks(1)], [article(1)])
    dangling = Relation("person:nobody", RelationKind.REPRESENTS, JAPAN.id, evidence=(evidence(1, "x"),))
    with pytest.raises(StoreError, match="TG310"):
        store.replace_article(article(1), [], [dangling])
    assert store.relations() == [talks(1)]


def test_store_contract_replace_article_takes_back_roles_aliases_affiliation(store):
    first = Actor(AKAZAWA.id, AKAZAWA.name, ActorKind.PERSON, aliases=("Akazawa",), roles=("minister",))
    wrong = Actor(
        AKAZAWA.id,
        AKAZAWA.name,
        ActorKind.PERSON,
        aliases=("Mr Wrong",),
        roles=("ambassador",),
        affiliation=USA.id,
    )
    store.upsert([JAPAN, USA, first], [], [article(1)])
    store.upsert([wrong], [], [article(2)])
    assert store.actor(AKAZAWA.id).roles == ("minister", "ambassador")
    fixed = Actor(AKAZAWA.id, AKAZAWA.name, ActorKind.PERSON, roles=("minister",), affiliation=JAPAN.id)
    store.replace_article(article(2), [fixed], [])
    again = store.actor(AKAZAWA.id)
    assert again.aliases == ("Akazawa",) and again.roles == ("minister",) and again.affiliation == JAPAN.id


def test_store_contract_forget_drops_actors_only_that_article_brought(store):
    store.upsert([JAPAN], [], [])
    store.upsert([AKAZAWA], [], [article(1)])
    store.forget_article("article:1")
    assert [a.id for a in store.actors()] == [JAPAN.id]
