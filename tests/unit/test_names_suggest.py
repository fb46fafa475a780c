"""Unknown names get suggestions of similar whole names, the expected kind first, never a short
name that merely shares letters with a long one ("Brendan Lynch" -> "Switzerland")."""

from __future__ import annotations

import pytest

from tradegraph.graph.errors import NotFoundError
from tradegraph.graph.model import Actor, ActorKind
from tradegraph.queries.names import NameIndex

INDEX = NameIndex(
    [
        Actor.create("Switzerland", "Country", iso3="CHE"),
        Actor.create("India", "Country", iso3="IND"),
        Actor.create("Japan", "Country", iso3="JPN"),
        Actor.create("Shinzo Abe", "Person"),
        Actor.create("Brendan Carr", "Person"),
        Actor.create("Brenda Lynch", "Person"),
        Actor.create("Jamieson Greer", "Person"),
        Actor.create("Jordan", "Country", iso3="JOR"),
        Actor.create("Jordan Pierce", "Person"),
    ]
)


@pytest.mark.parametrize(
    "text,first,never",
    [
        ("Brendan Lynch", "Brenda Lynch", {"Switzerland", "India", "Shinzo Abe"}),
        ("Switzerlnd", "Switzerland", {"Brenda Lynch"}),
        ("Japn", "Japan", set()),
        ("Greer Jamieson", "Jamieson Greer", set()),
        ("Jamison Greer", "Jamieson Greer", {"Japan"}),
    ],
)
def test_names_suggest_whole_names(text, first, never):
    names = [a.name for a in INDEX.suggest(text)]
    assert names[0] == first
    assert not never & set(names)


def test_names_suggest_expected_kind_first():
    assert INDEX.suggest("Jordn", prefer=(ActorKind.COUNTRY,))[0].name == "Jordan"
    assert INDEX.suggest("Jordn Pierce", prefer=(ActorKind.PERSON,))[0].name == "Jordan Pierce"


def test_names_resolve_unknown_is_tg240_with_suggestions():
    with pytest.raises(NotFoundError, match=r"TG240.*did you mean 'Brenda Lynch'") as err:
        INDEX.resolve("Brendan Lynch")
    assert "Switzerland" not in str(err.value)
    with pytest.raises(NotFoundError, match="TG240.*tradegraph actors"):
        INDEX.resolve("Xyz Qwerty")
