"""Actor dictionaries: YAML and CSV load into entries with dated roles; applied to an extraction
they name, place and date persons, and report (never override) what the text says otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradegraph.graph.errors import InputError
from tradegraph.graph.model import Actor, Article, Evidence, Extraction, Relation, RelationKind
from tradegraph.loaders.actors import load_actor_dictionary
from tradegraph.loaders.resolution import Resolver

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "actors"


def test_actor_dictionary_yaml_entries_and_roles():
    d = load_actor_dictionary(FIXTURES / "officials.yaml")
    assert len(d) == 2
    akazawa = d.entries[0]
    assert akazawa.actor.id == "person:ryosei-akazawa" and akazawa.actor.affiliation == "country:JPN"
    assert akazawa.roles[0].start == date(2024, 10, 1) and akazawa.roles[0].body == "country:JPN"


def test_actor_dictionary_csv_rows_make_one_entry_per_name():
    d = load_actor_dictionary(FIXTURES / "officials.csv")
    reynolds = next(e for e in d.entries if e.actor.name == "Jonathan Reynolds")
    assert [r.title for r in reynolds.roles] == ["business secretary", "chief whip"]
    assert reynolds.roles[0].end == date(2025, 9, 5)


@pytest.mark.parametrize(
    "text,match",
    [
        ("- {kind: Person}\n", "TG181.*entry 1: name"),
        ("- {name: X, kind: Robot}\n", "TG181.*kind"),
        ("- {name: X, country: Atlantis}\n", "TG181.*country"),
        ("- {name: X, country: Japan, roles: [{role: m, from: soon}]}\n", r"TG181.*roles\[0\].from"),
        (
            "- {name: X, country: Japan, roles: [{role: m, from: 2025-02-01, to: 2025-01-01}]}\n",
            "TG181.*before",
        ),
        ("name: [unclosed\n", "TG180"),
        ("just text\n", "TG180"),
    ],
)
def test_actor_dictionary_bad_input_is_coded(tmp_path, text, match):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=match):
        load_actor_dictionary(path)


def test_actor_dictionary_missing_or_wrong_suffix(tmp_path):
    with pytest.raises(InputError, match="TG180"):
        load_actor_dictionary(tmp_path / "none.yaml")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(InputError, match="TG180"):
        load_actor_dictionary(tmp_path / "a.txt")


def _extraction(affiliation: str, target: str) -> Extraction:
    article = Article.create("Minister Akazawa met officials.", published=date(2025, 4, 16))
    ev = (Evidence(article.id, "Minister Akazawa met officials.", date=date(2025, 4, 16)),)
    akazawa = Actor.create("Akazawa", "Person", affiliation=affiliation)
    country = Actor.create("Japan" if target == "country:JPN" else "Korea", "Country", iso3=target[-3:])
    return Extraction(
        article, (akazawa, country), (Relation(akazawa.id, RelationKind.REPRESENTS, target, ev),)
    )


def test_actor_dictionary_places_and_dates_a_person():
    resolver = Resolver([], dictionary=load_actor_dictionary(FIXTURES / "officials.yaml"))
    out = resolver.resolve(_extraction("country:JPN", "country:JPN"))
    [rel] = out.relations
    assert rel.source == "person:ryosei-akazawa" and rel.valid_from == date(2024, 10, 1)
    assert rel.role == "economic revitalization minister"
    assert resolver.conflicts == []


def test_actor_dictionary_conflicts_are_reported_not_overridden():
    resolver = Resolver([], dictionary=load_actor_dictionary(FIXTURES / "officials.yaml"))
    out = resolver.resolve(_extraction("country:KOR", "country:KOR"))
    [rel] = out.relations
    assert rel.target == "country:KOR" and rel.valid_from is None  # the text's claim stays
    person = next(a for a in out.actors if a.id == "person:ryosei-akazawa")
    assert person.affiliation == "country:KOR"
    assert len(resolver.conflicts) == 2 and all("Ryosei Akazawa" in c for c in resolver.conflicts)
