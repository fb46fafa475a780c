"""Every store keeps the rule or model that read each piece of evidence, and ``ask --json``
shows it (forgetting an article keeps the provenance of the evidence that stays)."""

from __future__ import annotations

from datetime import date

from tradegraph.graph.model import Actor, Article, Evidence, Relation, RelationKind
from tradegraph.queries.questions import ask

JAPAN = Actor.create("Japan", "Country", iso3="JPN")
AKAZAWA = Actor.create("Ryosei Akazawa", "Person")
ARTICLES = [Article.create(f"story {n}", id=f"article:p{n}", published=date(2025, 4, n)) for n in (1, 2)]


def _ev(n: int, rule: str) -> Evidence:
    return Evidence(f"article:p{n}", f"Sentence {n}.", date=date(2025, 4, n), confidence=0.7, provenance=rule)


def test_provenance_round_trips_and_survives_forget(store):
    first = Relation(AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, (_ev(1, "rule:represents.title"),))
    second = Relation(AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, (_ev(2, "model:scorer"),))
    store.upsert([JAPAN, AKAZAWA], [first], ARTICLES)
    store.upsert([], [second])
    [rel] = store.relations(RelationKind.REPRESENTS)
    assert {(e.article_id, e.provenance) for e in rel.evidence} == {
        ("article:p1", "rule:represents.title"),
        ("article:p2", "model:scorer"),
    }
    [answer] = ask(store, "Who represents Japan?").to_json()["answers"]
    assert answer["provenance"] == ["model:scorer", "rule:represents.title"]
    assert {e["provenance"] for e in answer["evidence"]} == {"model:scorer", "rule:represents.title"}
    store.forget_article("article:p1")
    [rel] = store.relations(RelationKind.REPRESENTS)
    assert [(e.article_id, e.provenance) for e in rel.evidence] == [("article:p2", "model:scorer")]
