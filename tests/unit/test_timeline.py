"""Tenures (who held which office for whom, when, before and after) and ``tradegraph timeline``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fixtures.viz_graph import ACTORS, ARTICLES, GREER, RELATIONS, TAI, USA

from tradegraph.cli import main
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.export.tenures import holders_on, tenures
from tradegraph.graph.model import Relation, RelationKind

REP, REPL = RelationKind.REPRESENTS, RelationKind.REPLACED_BY


def test_tenures_follow_a_chain_of_replacements() -> None:
    rels = [
        Relation("person:c", REP, "country:X", role="envoy"),
        Relation("person:a", REPL, "person:b", valid_from=date(2024, 1, 1)),
        Relation("person:b", REPL, "person:c", valid_from=date(2025, 1, 1)),
    ]
    found = {t.person: t for t in tenures(rels)}
    assert found["person:c"].start == date(2025, 1, 1) and found["person:c"].predecessor == "person:b"
    # b is known only from replacements: inferred, and b's tenure was inferred before a's was
    assert found["person:b"].successor == "person:c" and found["person:b"].end == date(2025, 1, 1)
    assert found["person:a"].successor == "person:b" and found["person:a"].end == date(2024, 1, 1)
    assert [t.person for t in holders_on(found.values(), "country:X", date(2024, 6, 1))] == ["person:b"]


def test_tenures_keep_stated_dates_and_other_offices_apart() -> None:
    rels = [
        Relation("person:a", REP, "country:X", role="minister", valid_to=date(2024, 5, 1)),
        Relation("person:b", REP, "country:X", role="envoy"),
        Relation("person:a", REPL, "person:b", role="minister", valid_from=date(2024, 6, 1)),
    ]
    found = {t.person: t for t in tenures(rels)}
    assert found["person:a"].end == date(2024, 5, 1) and found["person:a"].successor is None
    assert found["person:b"].predecessor is None


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, ARTICLES)
    store.close()
    return tmp_path / "store"


def test_timeline_cli_of_a_state_lists_holders_office_by_office(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--store", str(store_dir), "United States"]) == 0
    out = capsys.readouterr().out
    assert "U.S. Trade Representative for United States" in out and "Treasury Secretary" in out
    assert out.index("Katherine Tai") < out.index("Jamieson Greer")
    assert "? to 2025-02-26" in out and "2025-02-26 to now" in out and "after Katherine Tai" in out


def test_timeline_cli_of_a_replaced_person_by_name_as_json(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--store", str(store_dir), "Tai", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["actor"] == TAI.id
    tai = next(t for t in doc["tenures"] if t["person"] == TAI.id)
    assert tai == {
        "person": TAI.id,
        "body": USA.id,
        "role": "U.S. Trade Representative",
        "start": None,
        "end": "2025-02-26",
        "ended": True,
        "predecessor": None,
        "successor": GREER.id,
        "inferred": True,
    }


def test_timeline_cli_unknown_actor_is_a_coded_error(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--store", str(store_dir), "Nobody"]) == 1
    assert "[TG240]" in capsys.readouterr().err


def test_timeline_shows_a_predecessor_whose_office_the_articles_name_differently(tmp_path: Path) -> None:
    from tradegraph.commands.timeline import timeline
    from tradegraph.graph.model import Actor, ActorKind

    old = Actor("person:old", "Old Envoy", ActorKind.PERSON)
    new = Actor("person:new", "New Envoy", ActorKind.PERSON)
    state = Actor("country:XXA", "Xland", ActorKind.COUNTRY)
    store = MemoryStore(None)
    store.upsert(
        [old, new, state],
        [
            Relation(old.id, REP, state.id, role="trade representative"),
            Relation(new.id, REP, state.id, role="vice minister"),
            Relation(old.id, REPL, new.id, valid_from=date(2025, 4, 10)),
        ],
    )
    found = {t.person: t for t in timeline(store, new)}
    assert found[old.id].successor == new.id and found[old.id].end == date(2025, 4, 10)
    assert found[new.id].predecessor == old.id
