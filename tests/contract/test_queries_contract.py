"""One suite, every store: the query helpers give the expected answers on the fixture graph, and
the Neo4j (Cypher) answers equal the embedded (SQLite) ones, evidence included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fixtures import graph_fixture as fx

from tradegraph.graph.backends.sqlite import SQLiteStore
from tradegraph.graph.errors import NotFoundError, UnsupportedError
from tradegraph.graph.model import RelationKind
from tradegraph.queries import helpers as h
from tradegraph.queries.results import to_jsonable

MARCH, MAY = date(2025, 3, 1), date(2025, 5, 1)


@pytest.fixture
def graph(store):
    return fx.load(store)


def ids(answers: Any) -> list[str]:
    return sorted(a.actor.id for a in answers)


CASES: dict[str, tuple[Callable[[Any], Any], Any]] = {
    "representatives-japan": (lambda s: ids(h.representatives_of(s, fx.JAPAN.id)), [fx.AKAZAWA.id]),
    "representatives-usa": (
        lambda s: ids(h.representatives_of(s, fx.USA.id)),
        sorted([fx.BESSENT.id, fx.GREER.id, fx.TRUMP.id]),
    ),
    "representatives-china-now": (lambda s: ids(h.representatives_of(s, fx.CHINA.id)), [fx.LI.id]),
    # As of a day means valid then AND reported by then: on 1 March no article had named Wang yet.
    "representatives-china-march": (lambda s: ids(h.representatives_of(s, fx.CHINA.id, MARCH)), []),
    "representatives-china-april-15": (
        lambda s: ids(h.representatives_of(s, fx.CHINA.id, date(2025, 4, 15))),
        [],
    ),
    "representatives-china-april-16": (
        lambda s: ids(h.representatives_of(s, fx.CHINA.id, date(2025, 4, 16))),
        [fx.LI.id],
    ),
    "representatives-china-may": (lambda s: ids(h.representatives_of(s, fx.CHINA.id, MAY)), [fx.LI.id]),
    "representatives-uk-august": (  # Reynolds's tenure was first reported in September
        lambda s: ids(h.representatives_of(s, fx.UK.id, date(2025, 8, 1))),
        [],
    ),
    "representatives-uk-now": (lambda s: ids(h.representatives_of(s, fx.UK.id)), [fx.KYLE.id]),
    "represented-by-bessent": (
        lambda s: [(a.actor.id, a.role) for a in h.represented_by(s, fx.BESSENT.id)],
        [(fx.USA.id, "Treasury Secretary")],
    ),
    "represented-by-wang": (lambda s: ids(h.represented_by(s, fx.WANG.id)), [fx.CHINA.id]),
    "successors-wang": (
        lambda s: [(x.predecessor.id, x.successor.id, x.date) for x in h.successors(s, fx.WANG.id)],
        [(fx.WANG.id, fx.LI.id, date(2025, 4, 16))],
    ),
    "successors-wang-march": (lambda s: h.successors(s, fx.WANG.id, MARCH), []),
    "path-before-reported": (lambda s: h.shortest_path(s, fx.EBRARD.id, fx.LI.id, as_of=MARCH), None),
    "predecessors-li": (lambda s: [x.predecessor.id for x in h.predecessors(s, fx.LI.id)], [fx.WANG.id]),
    "counterparts-usa-state": (
        lambda s: ids(h.counterparts(s, fx.USA.id, "state")),
        sorted([fx.JAPAN.id, fx.KOREA.id, fx.MEXICO.id, fx.CHINA.id, fx.EU.id]),
    ),
    "counterparts-usa-actor": (
        lambda s: ids(h.counterparts(s, fx.USA.id)),
        sorted([fx.AKAZAWA.id, fx.EBRARD.id, fx.KOREA.id]),
    ),
    "counterparts-akazawa": (
        lambda s: ids(h.counterparts(s, fx.AKAZAWA.id)),
        sorted([fx.BESSENT.id, fx.USA.id]),
    ),
    "counterparts-japan-state": (lambda s: ids(h.counterparts(s, fx.JAPAN.id, "state")), [fx.USA.id]),
    "allies-usa": (lambda s: ids(h.allies(s, fx.USA.id)), sorted([fx.JAPAN.id, fx.KOREA.id])),
    "allies-japan": (lambda s: ids(h.allies(s, fx.JAPAN.id)), [fx.USA.id]),
    "tariffs-on-india": (lambda s: ids(h.tariff_imposers(s, fx.INDIA.id)), sorted([fx.TRUMP.id, fx.USA.id])),
    "tariffs-on-usa": (lambda s: ids(h.tariff_imposers(s, fx.USA.id)), [fx.CHINA.id]),
    "tariffs-by-usa": (
        lambda s: ids(h.tariff_targets(s, fx.USA.id)),
        sorted([fx.CANADA.id, fx.CHINA.id, fx.INDIA.id, fx.JAPAN.id]),
    ),
    "path-ebrard-li": (
        lambda s: [a.id for a in h.shortest_path(s, fx.EBRARD.id, fx.LI.id).actors],
        [fx.EBRARD.id, fx.USA.id, fx.CHINA.id, fx.LI.id],
    ),  # the smaller of two chains
    "path-only-tariffs": (
        lambda s: h.shortest_path(s, fx.EBRARD.id, fx.LI.id, kinds=[RelationKind.IMPOSES_TARIFFS_ON]),
        None,
    ),
    "path-self": (lambda s: len(h.shortest_path(s, fx.JAPAN.id, fx.JAPAN.id)), 0),
    "profile-wang": (
        lambda s: [r.key for r in h.profile(s, fx.WANG.id).relations],
        [(fx.WANG.id, "REPLACED_BY", fx.LI.id)],
    ),
    "neighbourhood-li-1": (
        lambda s: [a.id for a in h.neighbourhood(s, fx.LI.id).actors],
        sorted([fx.LI.id, fx.CHINA.id, fx.WANG.id, fx.BESSENT.id]),
    ),
    "neighbourhood-li-0": (
        lambda s: (
            [a.id for a in h.neighbourhood(s, fx.LI.id, 0).actors],
            h.neighbourhood(s, fx.LI.id, 0).relations,
        ),
        ([fx.LI.id], ()),
    ),
    "neighbourhood-wang-talks": (
        lambda s: [
            a.id for a in h.neighbourhood(s, fx.WANG.id, 2, kinds=[RelationKind.NEGOTIATES_WITH]).actors
        ],
        [fx.WANG.id],
    ),
    # A limit keeps the nearest, then the best connected (ties by id), and still counts them all.
    "neighbourhood-china-limit-5": (
        lambda s: (lambda g: ([a.id for a in g.actors], g.total, g.cut))(
            h.neighbourhood(s, fx.CHINA.id, 2, limit=5)
        ),
        (sorted([fx.CHINA.id, fx.JAPAN.id, fx.USA.id, fx.TRUMP.id, fx.LI.id]), 11, True),
    ),
    "neighbourhood-china-unbounded-total": (
        lambda s: (lambda g: (len(g.actors), g.total, g.cut))(h.neighbourhood(s, fx.CHINA.id, 2)),
        (11, 11, False),
    ),
    "brokers-top": (lambda s: h.brokers(s, 1)[0].actor.id, fx.USA.id),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_queries_contract_expected_answer(graph, case):
    call, expected = CASES[case]
    assert call(graph) == expected


# Whole results, evidence and dates included, against the embedded store as reference.
FULL: dict[str, Callable[[Any], Any]] = {
    "representatives": lambda s: h.representatives_of(s, fx.CHINA.id, MARCH),
    "representatives-usa": lambda s: h.representatives_of(s, fx.USA.id),
    "represented-by": lambda s: h.represented_by(s, fx.AKAZAWA.id),
    "successors": lambda s: h.successors(s, fx.REYNOLDS.id),
    "counterparts": lambda s: h.counterparts(s, fx.USA.id, "state"),
    "tariff-imposers": lambda s: h.tariff_imposers(s, fx.JAPAN.id),
    "path": lambda s: h.shortest_path(s, fx.EBRARD.id, fx.LI.id, as_of=MAY),
    "profile": lambda s: h.profile(s, fx.USA.id),
    "neighbourhood": lambda s: h.neighbourhood(s, fx.CHINA.id, 2),
    "neighbourhood-limited": lambda s: h.neighbourhood(s, fx.USA.id, 2, limit=6),
    "brokers": lambda s: h.brokers(s, 5),
}


@pytest.mark.parametrize("case", sorted(FULL))
def test_queries_contract_same_as_embedded(graph, case):
    reference = fx.load(SQLiteStore(None))
    assert to_jsonable(FULL[case](graph)) == to_jsonable(FULL[case](reference))


def test_queries_contract_evidence_carries_article_and_url(graph):
    [answer] = h.representatives_of(graph, fx.JAPAN.id)
    assert answer.support == 2
    assert [ev.article_id for ev in answer.evidence] == ["article:fx2", "article:fx1"]  # newest first
    assert answer.evidence[0].url == "https://news.example/fx2"
    assert answer.evidence[0].date == date(2025, 4, 16)


def test_queries_contract_lifted_answers_name_the_persons(graph):
    by_id = {a.actor.id: a for a in h.counterparts(graph, fx.USA.id, "state")}
    assert by_id[fx.CHINA.id].via == (fx.LI.id, fx.BESSENT.id)
    [trump_state] = [a for a in h.tariff_imposers(graph, fx.INDIA.id) if a.actor.id == fx.USA.id]
    assert trump_state.via == (fx.TRUMP.id,)


def test_queries_contract_neighbourhood_limit_below_one_is_tg445(graph):
    with pytest.raises(UnsupportedError, match="TG445"):
        h.neighbourhood(graph, fx.CHINA.id, 2, limit=0)


def test_queries_contract_unknown_actor_is_tg241(graph):
    with pytest.raises(NotFoundError, match="TG241"):
        h.allies(graph, "country:JAP")
