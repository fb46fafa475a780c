"""The model: ids, canonical symmetric relations, merging, validity."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from tradegraph.graph.model import (
    Actor,
    ActorKind,
    Article,
    Evidence,
    Relation,
    RelationKind,
    actor_id,
    article_id_for,
    slugify,
)


@pytest.mark.parametrize(
    ("kind", "name", "iso3", "expected"),
    [
        (ActorKind.PERSON, "Scott Bessent", None, "person:scott-bessent"),
        (ActorKind.PERSON, "Maroš Šefčovič", None, "person:maros-sefcovic"),
        (ActorKind.COUNTRY, "Japan", "jpn", "country:JPN"),
        (ActorKind.ORGANIZATION, "European Union", None, "org:european-union"),
    ],
)
def test_model_actor_ids_are_readable_and_stable(kind, name, iso3, expected):
    assert actor_id(kind, name, iso3) == expected


def test_model_actor_id_of_unsluggable_name_is_still_stable():
    assert actor_id(ActorKind.PERSON, "李成钢") == actor_id(ActorKind.PERSON, "李成钢")
    assert actor_id(ActorKind.PERSON, "李成钢") != actor_id(ActorKind.PERSON, "王受文")


def test_model_symmetric_relations_have_one_canonical_order():
    ab = Relation("person:b", RelationKind.ALLIED_WITH, "person:a")
    assert (ab.source, ab.target) == ("person:a", "person:b")
    directed = Relation("person:b", RelationKind.REPLACED_BY, "person:a")
    assert (directed.source, directed.target) == ("person:b", "person:a")


def test_model_relation_rejects_self_loops_and_bad_confidence():
    with pytest.raises(ValueError, match="two different actors"):
        Relation("country:JPN", RelationKind.ALLIED_WITH, "country:JPN")
    with pytest.raises(ValueError, match="confidence"):
        Evidence("article:1", "s", confidence=1.5)


def test_model_relation_merge_dedups_evidence_and_widens_validity():
    ev1, ev2 = Evidence("a1", "s1", confidence=0.5), Evidence("a2", "s2", confidence=0.9)
    left = Relation("person:x", RelationKind.REPRESENTS, "country:JPN", (ev1,), valid_from=date(2024, 1, 1))
    right = Relation(
        "person:x", RelationKind.REPRESENTS, "country:JPN", (ev1, ev2), valid_to=date(2025, 1, 1)
    )
    merged = left.merged(right)
    assert merged.evidence == (ev1, ev2) and merged.support == 2 and merged.confidence == 0.9
    assert (merged.valid_from, merged.valid_to) == (date(2024, 1, 1), date(2025, 1, 1))
    assert merged.holds_on(date(2024, 6, 1)) and not merged.holds_on(date(2025, 1, 1))
    assert merged.holds_on(None)


def test_model_actor_merge_keeps_first_spelling_and_fills_affiliation():
    a = Actor.create("Ryosei Akazawa", ActorKind.PERSON, aliases=("Akazawa",))
    b = Actor(
        a.id,
        "Ryosei Akazawa",
        ActorKind.PERSON,
        aliases=("akazawa", "Minister Akazawa"),
        roles=("minister",),
        affiliation="country:JPN",
    )
    merged = a.merged(b)
    assert merged.aliases == ("Akazawa", "Minister Akazawa")
    assert merged.affiliation == "country:JPN" and merged.roles == ("minister",)
    with pytest.raises(ValueError):
        a.merged(Actor.create("Scott Bessent", ActorKind.PERSON))


def test_model_article_ids_come_from_url_else_content():
    assert article_id_for("https://x/1", "a") == article_id_for("https://x/1", "b")
    assert article_id_for(None, "a") != article_id_for(None, "b")
    article = Article.create("Some text", url="https://x/1", title="T")
    assert article.metadata().text == "" and article.metadata() == article


def test_model_slugify_folds_accents():
    assert slugify("  Lula da Silva ") == "lula-da-silva"


def test_model_import_stays_light():
    code = (
        "import sys, tradegraph.graph.model, tradegraph.graph.store, tradegraph.graph.errors; "
        "heavy = {'networkx', 'neo4j', 'spacy', 'rdflib', 'pyvis'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
