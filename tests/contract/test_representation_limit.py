"""One suite, every store: a bounded who-represents answer keeps the most recently reported
holders (then most evidence, then id), counts them all, and without a limit answers as before."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fixtures import graph_fixture as fx

from tradegraph.cli import main
from tradegraph.graph.errors import UnsupportedError
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind
from tradegraph.queries import helpers as h
from tradegraph.queries.results import to_jsonable

R = RelationKind
BODY = fx.JAPAN
DAYS = [date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)]
DAYS += [date(2025, 8, 1), None, None]
ARTICLES = [
    Article.create(
        f"limit article {n}", id=f"article:lim{n}", url=f"https://news.example/lim{n}", published=d
    )
    for n, d in enumerate(DAYS)
]


def _person(name: str) -> Actor:
    return Actor.create(name, ActorKind.PERSON, roles=("trade minister",), affiliation=BODY.id)


# Holders in the order a limit keeps them: latest evidence first, then most articles, then id;
# none dated last. Ended and replaced persons are no holders.
LATEST = _person("Hana Latest")  # 2025-06-01
MORE = _person("Goro More")  # 2025-05-01 and 2025-04-01: two articles
FEWER = _person("Fumi Fewer")  # 2025-05-01, one article; replaced Jun Replaced
TIE_A = _person("Aki Tie")  # 2025-03-01 (ties with TIE_B: by id)
TIE_B = _person("Bo Tie")  # 2025-03-01
UNDATED_TWO = _person("Dai Undated")  # two undated articles
UNDATED_ONE = _person("Eri Undated")  # one undated article
ENDED = _person("Ken Ended")  # 2025-07-01, valid_to set
REPLACED = _person("Jun Replaced")  # 2025-08-01, replaced by FEWER
ORDER = [LATEST, MORE, FEWER, TIE_A, TIE_B, UNDATED_TWO, UNDATED_ONE]


def _rel(
    who: Actor, articles: list[int], kind: R = R.REPRESENTS, to: Actor = BODY, **extra: object
) -> Relation:
    evidence = tuple(
        Evidence(ARTICLES[n].id, f"{who.name} spoke for Japan ({n}).", url=ARTICLES[n].url, date=DAYS[n])
        for n in articles
    )
    return Relation(who.id, kind, to.id, evidence=evidence, **extra)  # type: ignore[arg-type]


RELATIONS = [
    _rel(LATEST, [3]),
    _rel(MORE, [2, 1]),
    _rel(FEWER, [2]),
    _rel(TIE_A, [0]),
    _rel(TIE_B, [0]),
    _rel(UNDATED_TWO, [6, 7]),
    _rel(UNDATED_ONE, [6]),
    _rel(ENDED, [4], valid_to=date(2025, 7, 15)),
    _rel(REPLACED, [5]),
    _rel(REPLACED, [5], R.REPLACED_BY, FEWER, valid_from=date(2025, 8, 15)),
]


@pytest.fixture
def holders(store):
    store.upsert([BODY, *ORDER, ENDED, REPLACED], RELATIONS, ARTICLES)
    return store


def ids(answers) -> list[str]:
    return sorted(a.actor.id for a in answers)


@pytest.mark.parametrize("limit", range(1, len(ORDER) + 2))
def test_representation_limit_keeps_the_most_recently_reported(holders, limit):
    found = h.representatives_of(holders, BODY.id, limit=limit)
    assert ids(found) == sorted(a.id for a in ORDER[:limit])
    assert found.total == len(ORDER) and found.cut == (limit < len(ORDER))


@pytest.mark.parametrize("limit", [1, 3, 6])
def test_representation_limit_order_is_the_same_on_a_day(holders, limit):
    # On a day every holder held office, the question (not the store) bounds: same holders.
    found = h.representatives_of(holders, BODY.id, date(2025, 12, 1), limit=limit)
    assert ids(found) == sorted(a.id for a in ORDER[:limit]) and found.total == len(ORDER)


def test_representation_limit_none_is_everything_as_ordered_before(holders):
    everything = h.representatives_of(holders, BODY.id, limit=None)
    assert ids(everything) == sorted(a.id for a in ORDER) and everything.total == len(ORDER)
    bounded = h.representatives_of(holders, BODY.id, limit=3)
    # Bounded answers keep the unbounded answer's order (support, then name).
    assert [a.actor.id for a in bounded] == [a.actor.id for a in everything if a in bounded]
    assert to_jsonable(h.representatives_of(holders, BODY.id, limit=len(ORDER))) == to_jsonable(everything)


def test_representation_facts_of_the_kept_holders_only(holders):
    facts = holders.traversals().representation(BODY.id, None, 3)
    assert facts.total == len(ORDER)
    reps = {r.source for r in facts.relations if r.kind is R.REPRESENTS}
    assert reps == {LATEST.id, MORE.id, FEWER.id}
    assert {r.key for r in facts.relations if r.kind is R.REPLACED_BY} == {
        (REPLACED.id, "REPLACED_BY", FEWER.id)
    }
    # The body and the kept holders (Neo4j also sends the replaced predecessor, an end it returns).
    assert set(facts.actors) - {REPLACED.id} == {BODY.id, LATEST.id, MORE.id, FEWER.id}
    assert holders.traversals().representation(BODY.id, None).total == len(ORDER)
    assert holders.traversals().representation(BODY.id, date(2025, 12, 1), 3).total is None


def test_representation_fixture_usa_limit_two(store):
    fx.load(store)
    found = h.representatives_of(store, fx.USA.id, limit=2)
    assert ids(found) == sorted([fx.TRUMP.id, fx.GREER.id]) and found.total == 3


def test_representation_limit_below_one_is_tg446(holders):
    with pytest.raises(UnsupportedError, match="TG446"):
        h.representatives_of(holders, BODY.id, limit=0)


def test_representation_cli_limit_and_all(holders, capsys):
    uri = holders.uri
    holders.close()
    assert main(["ask", "Who represents Japan?", "--store", uri, "--limit", "2", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert {a["id"] for a in reply["answers"]} == {LATEST.id, MORE.id} and reply["total"] == len(ORDER)
    assert any("2 of 7 holders shown" in note for note in reply["notes"])
    assert main(["query", "representatives", "Japan", "--store", uri, "--all"]) == 0
    out = capsys.readouterr().out
    assert all(p.name in out for p in ORDER) and "holders shown" not in out
    assert main(["ask", "Who represents Japan?", "--store", uri]) == 0
    assert "holders shown" not in capsys.readouterr().out  # 7 holders: under the default limit


def _kept(store, limit: int) -> set[str]:
    facts = store.traversals().representation(BODY.id, None, limit)
    return {r.source for r in facts.relations if r.kind is R.REPRESENTS}


LATE = Article.create(
    "late", id="article:lim-late", url="https://news.example/late", published=date(2025, 9, 1)
)
UNDATED = [Article.create(f"undated {n}", id=f"article:lim-u{n}") for n in range(2)]


def _more_evidence(who: Actor, docs: list[Article]) -> Relation:
    evidence = tuple(Evidence(d.id, f"{who.name} spoke for Japan ({d.id}).", date=d.published) for d in docs)
    return Relation(who.id, R.REPRESENTS, BODY.id, evidence=evidence)


def test_representation_order_follows_evidence_written_and_forgotten(holders):
    # New evidence moves a holder (latest date: Bo Tie first; most articles among the undated:
    # Eri before Dai); forgetting it puts them back. The Neo4j store keeps the ranking keys on
    # the relationship: every write must keep them right.
    holders.upsert(
        [], [_more_evidence(TIE_B, [LATE]), _more_evidence(UNDATED_ONE, UNDATED)], [LATE, *UNDATED]
    )
    moved = [TIE_B, LATEST, MORE, FEWER, TIE_A, UNDATED_ONE, UNDATED_TWO]
    for limit in range(1, len(moved) + 1):
        assert _kept(holders, limit) == {a.id for a in moved[:limit]}, limit
    for doc in (LATE, *UNDATED):
        holders.forget_article(doc.id)
    for limit in range(1, len(ORDER) + 1):
        assert _kept(holders, limit) == {a.id for a in ORDER[:limit]}, limit


_RANK_KEYS = "MATCH (:Actor {id: $id})-[r:REPRESENTS]->() RETURN r.support AS n, r.last_reported AS last"


@pytest.mark.neo4j
@pytest.mark.parametrize("store", ["neo4j"], indirect=True)
def test_representation_neo4j_written_before_the_ranking_keys_answers_the_same(store):
    store.upsert([BODY, *ORDER, ENDED, REPLACED], RELATIONS, ARTICLES)
    assert store.run_read(_RANK_KEYS, id=MORE.id) == [{"n": 2, "last": "2025-05-01"}]

    def answers() -> list[object]:
        bounds = [*range(1, len(ORDER) + 2), None]
        return [to_jsonable(h.representatives_of(store, BODY.id, limit=n)) for n in bounds] + [
            _kept(store, n) for n in range(1, len(ORDER) + 1)
        ]

    before = answers()
    store.driver.execute_query("MATCH ()-[r:REPRESENTS]->() REMOVE r.support, r.last_reported")
    assert store.run_read("MATCH ()-[r:REPRESENTS]->() WHERE r.support IS NOT NULL RETURN r") == []
    assert answers() == before
    # A write (here a forget) puts the keys back on what it touches.
    store.forget_article(ARTICLES[1].id)
    assert store.run_read(_RANK_KEYS, id=MORE.id) == [{"n": 1, "last": "2025-05-01"}]
