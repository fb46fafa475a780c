"""The synthetic corpus is reproducible per seed and the relations it plants agree with its text
and its invented world (these are not timing tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import MAX_WORDS, MIN_WORDS, generate, generate_article, world_for, write_corpus
from benchmarks.synthgraph import synthetic_graph
from tradegraph.graph.model import RelationKind

REPO = Path(__file__).resolve().parents[2]
SCORER = REPO.parent / "shared" / "eval" / "score.py"
ARTICLES = list(generate(60, seed=7))


def test_benchmark_corpus_same_seed_same_articles() -> None:
    assert [generate_article(i, seed=7) for i in (0, 13, 59)] == [ARTICLES[0], ARTICLES[13], ARTICLES[59]]


def test_benchmark_corpus_other_seed_other_articles() -> None:
    assert generate_article(0, seed=8)["text"] != ARTICLES[0]["text"]


def test_benchmark_corpus_prefix_of_a_larger_corpus_is_the_smaller_corpus() -> None:
    assert list(generate(5, seed=7, start=10)) == ARTICLES[10:15]


@pytest.mark.parametrize("article", ARTICLES[:20], ids=lambda a: a["id"])
def test_benchmark_corpus_article_length_and_fields(article: dict) -> None:
    assert MIN_WORDS <= len(article["text"].split()) <= MAX_WORDS
    assert {"id", "url", "title", "source", "published", "text", "gold"} <= set(article)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_benchmark_corpus_relations_are_stated_by_their_evidence(article: dict) -> None:
    names = {a["name"]: a for a in article["gold"]["actors"]}
    for rel in article["gold"]["relations"]:
        assert rel["p"] in {k.value for k in RelationKind}
        assert rel["evidence"] in article["text"]
        assert rel["s"] in names and rel["o"] in names
        surface = [rel["s"], *names[rel["s"]]["aliases"]]
        assert any(form in rel["evidence"] for form in surface), rel


def test_benchmark_corpus_represents_matches_the_affiliation() -> None:
    for article in ARTICLES:
        names = {a["name"]: a for a in article["gold"]["actors"]}
        for rel in article["gold"]["relations"]:
            if rel["p"] == "REPRESENTS":
                assert names[rel["s"]]["type"] == "Person"
                assert names[rel["s"]]["affiliation"] == rel["o"]


def test_benchmark_corpus_replacements_follow_the_world_timeline() -> None:
    world = world_for(7)
    successions = {(old.person, new.person) for old, new in world.successions()}
    planted = [(r["s"], r["o"]) for a in ARTICLES for r in a["gold"]["relations"] if r["p"] == "REPLACED_BY"]
    assert planted and set(planted) <= successions


def test_benchmark_corpus_symmetric_relations_listed_once() -> None:
    for article in ARTICLES:
        pairs = [
            frozenset((r["s"], r["o"]))
            for r in article["gold"]["relations"]
            if r["p"] in ("NEGOTIATES_WITH", "ALLIED_WITH")
        ]
        assert len(pairs) == len(set(pairs))


def test_benchmark_corpus_threats_and_refusals_plant_no_relation() -> None:
    for article in ARTICLES:
        for rel in article["gold"]["relations"]:
            assert "threatened" not in rel["evidence"] or rel["p"] != "IMPOSES_TARIFFS_ON"
            assert "refused to negotiate" not in rel["evidence"] or rel["p"] != "NEGOTIATES_WITH"


def test_benchmark_corpus_gold_scores_perfectly_against_itself(tmp_path: Path) -> None:
    if not SCORER.exists():
        pytest.skip(f"no scorer at {SCORER}")
    write_corpus(25, tmp_path, seed=7)
    with open(tmp_path / "pred.jsonl", "w") as out:
        for path in sorted((tmp_path / "gold").glob("*.json")):
            gold = json.loads(path.read_text())
            rels = [
                {"subject": r["s"], "predicate": r["p"], "object": r["o"]} for r in gold["gold"]["relations"]
            ]
            out.write(
                json.dumps({"id": gold["id"], "actors": gold["gold"]["actors"], "relations": rels}) + "\n"
            )
    run = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "score",
            str(tmp_path / "gold"),
            str(tmp_path / "pred.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(run.stdout)
    assert scores["ALL"]["f1"] == 1.0 and scores["ALL"]["tp"] > 100


def test_benchmark_corpus_articles_file_has_the_ingest_fields(tmp_path: Path) -> None:
    path = write_corpus(3, tmp_path, seed=7, gold=False)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert [set(r) for r in records] == [{"id", "url", "title", "source", "published", "text"}] * 3
    assert not (tmp_path / "gold").exists()


@pytest.mark.parametrize("n", [1, 500, 3000])
def test_benchmark_synthgraph_exact_count_and_consistent_ends(n: int) -> None:
    graph = synthetic_graph(n, seed=3)
    ids = {a.id for a in graph.actors}
    articles = {a.id for a in graph.articles}
    assert len(graph.relations) == len({r.key for r in graph.relations}) == n
    for rel in graph.relations:
        assert rel.source in ids and rel.target in ids
        assert rel.evidence and all(ev.article_id in articles for ev in rel.evidence)


def test_benchmark_synthgraph_is_deterministic() -> None:
    assert synthetic_graph(800, seed=3) == synthetic_graph(800, seed=3)
