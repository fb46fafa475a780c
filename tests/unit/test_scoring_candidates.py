"""The scorer's candidates and features on sentences of our own."""

from __future__ import annotations

import pytest

from tradegraph.graph.model import Article, RelationKind
from tradegraph.loaders.extraction import Extractor
from tradegraph.loaders.extraction.scoring.candidates import SurfaceIndex, candidates, find_mentions
from tradegraph.loaders.extraction.scoring.features import (
    ArticleView,
    DocCues,
    candidate_features,
    classes,
)


@pytest.fixture(scope="module")
def rules(extractor: Extractor) -> Extractor:
    """The rules alone, sharing the session's spaCy pipeline."""
    return Extractor(extractor.nlp, extractor.gazetteer, scorer=None)


def _read(rules: Extractor, text: str):  # type: ignore[no-untyped-def]
    doc = rules.nlp(text)
    extraction = rules.read(Article.create(text), doc)
    mentions = find_mentions(doc, extraction.actors, SurfaceIndex(rules.gazetteer))
    return doc, extraction, mentions


def test_scoring_mentions_names_aliases_and_pronouns(rules: Extractor) -> None:
    doc, _, mentions = _read(
        rules, "Trade minister Ken Sato of Japan met Ann Lee, the U.S. commerce secretary. He praised Tokyo."
    )
    found = {(doc[m.start : m.end].text, m.actor, m.how) for m in mentions}
    assert ("Ken Sato", "person:ken-sato", "name") in found
    assert ("Japan", "country:JPN", "name") in found
    assert ("Tokyo", "country:JPN", "alias") in found
    assert ("He", "person:ann-lee", "pronoun") in found  # the latest person named


def test_scoring_mentions_both_sides_of_a_hyphenated_pair(rules: Extractor) -> None:
    _, _, mentions = _read(rules, "The U.S.-Japan talks resumed in Washington, and Japan sent a delegation.")
    parts = {m.actor for m in mentions if m.how == "part"}
    assert parts == {"country:USA", "country:JPN"}


def test_scoring_candidates_follow_the_kinds_actor_types(rules: Extractor) -> None:
    _, extraction, mentions = _read(
        rules,
        "Canada's trade minister Paul Dorval met Mexico's economy secretary Rosa Ibarra in Ottawa. "
        "Dorval replaced Mark Vance last month.",
    )
    kinds = {a.id: a.kind.value for a in extraction.actors}
    found = candidates(extraction, mentions)
    assert found, "pairs in one sentence are candidates"
    for cand in found:
        if cand.kind is RelationKind.REPLACED_BY:
            assert kinds[cand.source] == kinds[cand.target] == "Person"
        if cand.kind is RelationKind.ALLIED_WITH:
            assert kinds[cand.source] == kinds[cand.target] == "Country"
        if cand.kind is RelationKind.REPRESENTS:
            assert kinds[cand.source] == "Person" and kinds[cand.target] != "Person"
    keys = {c.key for c in found}
    assert ("person:mark-vance", "REPLACED_BY", "person:paul-dorval") in keys
    assert ("person:paul-dorval", "REPLACED_BY", "person:mark-vance") in keys  # direction is the model's


def test_scoring_candidates_never_pair_an_official_with_their_own_state_but_to_represent(
    rules: Extractor,
) -> None:
    _, extraction, mentions = _read(
        rules, "Japan's trade minister Ken Sato spoke in Tokyo about Japan's exports."
    )
    found = candidates(extraction, mentions)
    assert (RelationKind.REPRESENTS, "person:ken-sato", "country:JPN") in {
        (c.kind, c.source, c.target) for c in found
    }
    generated = {(c.kind, c.source, c.target) for c in found if c.rule is None}
    assert not any(
        k is not RelationKind.REPRESENTS and {s, t} == {"person:ken-sato", "country:JPN"}
        for k, s, t in generated
    )


def test_scoring_candidates_include_every_rule_relation(rules: Extractor) -> None:
    _, extraction, mentions = _read(
        rules, "Japan's trade minister Ken Sato met U.S. Treasury Secretary Ann Lee."
    )
    by_key = {c.key: c for c in candidates(extraction, mentions)}
    for rel in extraction.relations:
        assert by_key[rel.key].rule == rel


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Ken Sato met Ann Lee in Tokyo.", {"lca=meet", "lca:meet", "path=dobj|nsubj"}, {"lca_neg"}),
        ("Ken Sato did not meet Ann Lee.", {"lca_neg", "lca=meet"}, set()),
        ("Ken Sato would meet Ann Lee.", {"lca_modal=would", "sent:modal"}, {"lca_neg"}),
    ],
)
def test_scoring_features_path_negation_and_modality(
    rules: Extractor, text: str, expected: set[str], absent: set[str]
) -> None:
    doc, extraction, mentions = _read(rules, text)
    cand = next(
        c
        for c in candidates(extraction, mentions)
        if c.kind is RelationKind.NEGOTIATES_WITH
        and {c.source, c.target} == {"person:ken-sato", "person:ann-lee"}
    )
    pair, occurrences = candidate_features(DocCues(doc), cand, ArticleView(extraction, mentions))
    union = pair.union(*occurrences)
    assert expected <= union, sorted(union)
    assert not absent & union
    assert "bias" in pair and "types=P>P" in pair  # (Ann Lee, Ken Sato): symmetric pairs go in id order


def test_scoring_lexicon_classes_read_lemmas(rules: Extractor) -> None:
    doc = rules.nlp("The ministers negotiated tariffs.")
    assert "talk" in classes(doc[2])
    assert "tariff" in classes(doc[3])
