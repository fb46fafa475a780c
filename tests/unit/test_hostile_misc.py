"""Issue 16 odds and ends without a server: credential redaction, the read-only Cypher check,
sampled brokers with their error bound, the question length check, and the doctests of the
modules written for it."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

from tradegraph.graph.errors import InputError, StoreError, UnsupportedError
from tradegraph.graph.redact import public_uri, redact, split_uri
from tradegraph.queries import analytics
from tradegraph.queries.readonly import MAX_QUERY_CHARS, check_read_only, tokens

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(
    "name",
    [
        "tradegraph.graph.redact",
        "tradegraph.queries.readonly",
        "tradegraph.queries.analytics",
        "tradegraph.loaders.sources.markdown",
        "tradegraph.loaders.sources.dateline",
    ],
)
def test_hostile_doctests_pass(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("password", ["pa#ss", "p?ss", "p/ss", "p@ss", "a:b", "#?/@:", "plain"])
def test_hostile_redact_any_password(password: str) -> None:
    uri = f"bolt://neo4j:{password}@db.example:7687"
    assert split_uri(uri) == ("bolt://db.example:7687", "neo4j", password)
    assert public_uri(uri) == "bolt://db.example:7687"
    message = f"cannot use Neo4j at {uri}: refused; also neo4j+s://u:{password}@x:1/db"
    assert password not in redact(message)
    assert password not in str(StoreError(message, code="TG321"))  # every coded error is redacted


def test_hostile_redact_leaves_other_text_alone() -> None:
    for text in (
        "https://example.org/a?b=c#d",
        "https://medium.com/@trade/post?x=@y",
        "mail me at a@b.org",
        "path/to/x.jsonl:3",
        "bolt://127.0.0.1:7687",
    ):
        assert redact(text) == text
    assert redact("see https://u:p@example.org/@x") == "see https://example.org/@x"


def test_hostile_credentials_for_reads_uri_characters() -> None:
    from tradegraph.neo4j_server.managed import credentials_for

    assert credentials_for("bolt://reader:p%23w#x?y/z@db.example:7687") == ("reader", "p#w#x?y/z")


def test_hostile_redact_is_linear() -> None:
    text = ("a" * 50_000 + "://") * 10 + "x@" * 100_000
    assert "://" in redact(text)


@pytest.mark.parametrize(
    "query",
    [
        "/* unclosed comment " + "*" * 200_000,
        "'unclosed string " + "\\'" * 100_000,
        "`unclosed name " + "``" * 100_000,
        "MATCH (n) RETURN " + "n." * 100_000 + "x",
    ],
    ids=["comment", "string", "name", "dots"],
)
def test_hostile_cypher_tokens_are_linear(query: str) -> None:
    assert isinstance(tokens(query), list)


def test_hostile_cypher_too_long_or_empty_is_refused() -> None:
    for query in ("", "   ", "RETURN 1 " + " " * MAX_QUERY_CHARS):
        with pytest.raises(InputError, match="TG165"):
            check_read_only(query)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "TG441"),
        ("RETURN 1.\nLOAD CSV FROM 'x' AS r RETURN r", "TG441"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "TG441"),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "TG441"),
        ("CALL dbms.killQueries(['q-1'])", "TG444"),
        ("RETURN `apoc`.text.join([], '')", "TG444"),
        ("CALL gds.pageRank.stream('g')", "TG444"),
    ],
)
def test_hostile_cypher_refusals(query: str, code: str) -> None:
    with pytest.raises(UnsupportedError, match=code):
        check_read_only(query)


def test_hostile_cypher_reads_pass() -> None:
    for query in (
        "MATCH (start:Actor)-[:CREATE|SET]->(stop) RETURN start.load, stop {.delete}",
        "MATCH (a) WHERE a.name = 'DROP DATABASE' RETURN a // TERMINATE",
        "RETURN {use: 1, show: 2} AS m, duration.between(date(), date()) AS d, point.distance(point({x:0,y:0}), point({x:1,y:1}))",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (n) CALL (n) { RETURN n.x AS x } RETURN x",
    ):
        check_read_only(query)


def test_hostile_brokers_sampled_within_the_bound() -> None:
    graph = nx.barabasi_albert_graph(analytics.EXACT_MAX_NODES + 200, 2, seed=3)
    sampled = analytics.betweenness(graph)
    exact = nx.betweenness_centrality(graph)
    assert not sampled.exact and sampled.samples == analytics.SAMPLES
    assert sampled.error == pytest.approx(analytics.error_bound(analytics.SAMPLES))
    assert max(abs(exact[n] - sampled.scores[n]) for n in graph) <= sampled.error
    assert analytics.betweenness(graph).scores == sampled.scores  # fixed seed: the same answer


def test_hostile_brokers_exact_on_small_graphs() -> None:
    graph = nx.path_graph(5)
    result = analytics.betweenness(graph)
    assert result.exact and result.scores == nx.betweenness_centrality(graph)


def test_hostile_brokers_refused_above_the_work_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analytics, "MAX_WORK", 1_000)
    graph = nx.barabasi_albert_graph(analytics.EXACT_MAX_NODES + 10, 2, seed=3)
    with pytest.raises(UnsupportedError, match="TG447"):
        analytics.betweenness(graph)


def test_hostile_brokers_through_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``helpers.brokers`` on a store larger than the exact limit: sampled, with the bound."""
    from tradegraph.graph.backends.memory import MemoryStore
    from tradegraph.graph.model import Actor, ActorKind, Evidence, Relation, RelationKind
    from tradegraph.queries import helpers

    graph = nx.barabasi_albert_graph(analytics.EXACT_MAX_NODES + 50, 2, seed=5)
    actors = [Actor.create(f"Envoy {n}", ActorKind.PERSON) for n in graph]
    relations = [
        Relation(actors[a].id, RelationKind.NEGOTIATES_WITH, actors[b].id, evidence=(Evidence("art:1", "s"),))
        for a, b in graph.edges
    ]
    with MemoryStore.open(tmp_path / "store") as store:
        store.upsert(actors, relations)
        top = helpers.brokers(store, top=5)
    assert len(top) == 5 and all(
        b.error == pytest.approx(analytics.error_bound(analytics.SAMPLES)) for b in top
    )


def test_hostile_question_length_checked_before_any_pattern(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tradegraph.graph.backends.memory import MemoryStore
    from tradegraph.queries.questions import ask

    with MemoryStore.open(tmp_path / "store") as store:
        for question in (" " * 100_000, "Who represents " + "\t " * 50_000 + "Japan on 1 March 2025?"):
            with pytest.raises(InputError, match="TG162"):
                ask(store, question)


@pytest.mark.parametrize(
    "content",
    [
        '{"text": "Akazawa met Bessent."}',
        "[1, 2]",
        '{"id": "x", "text": "t", "gold": {"actors": [{"name": "A"}], "relations": []}}',
        '{"id": "x", "text": "t", "gold": {"actors": [], "relations": [{"s": "A", "p": 5}]}}',
        '{"id": "x", "text": "t", "views": ' + "9" * 5000 + "}",
    ],
)
def test_hostile_evaluate_on_files_without_gold_is_coded(
    content: str, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from tradegraph.cli import main

    (tmp_path / "article.json").write_text(content)
    assert main(["evaluate", str(tmp_path)]) == 1
    assert main(["evaluate", str(tmp_path / "article.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("[TG150]") == 2 and "Traceback" not in err


@pytest.mark.parametrize(
    "expression",
    [
        "a" * 300_000,
        "march " + "1" * 300_000,
        "1" * 300_000 + " march",
        "on monday " * 30_000,
        "last " * 60_000,
    ],
    ids=["letters", "month-digits", "digits-month", "weekdays", "lasts"],
)
def test_hostile_extraction_date_patterns_are_bounded(expression: str) -> None:
    from datetime import date

    from tradegraph.loaders.extraction.dates import _DAY_MONTH, _MONTH_DAY, resolve_date

    assert resolve_date(expression, date(2025, 4, 17)) is None
    assert _MONTH_DAY.match(expression) is None and _DAY_MONTH.match(expression) is None


@pytest.mark.parametrize(
    "unit",
    [
        "who ",
        " ",
        ", ",
        "please ",
        "tell me ",
        "'s ",
        "1 ",
        "march ",
        "on 1 ",
        "between ",
        "how is a connected to ",
    ],
)
@pytest.mark.parametrize("prefix", ["", "Who represents ", "How is ", "Who is "])
def test_hostile_question_patterns_at_the_length_limit(unit: str, prefix: str) -> None:
    """Every question pattern on the longest question allowed, built to make it backtrack."""
    from tradegraph.queries.questions import MAX_QUESTION, find_date, understood

    question = (prefix + unit * MAX_QUESTION)[:MAX_QUESTION]
    find_date(question)
    try:
        understood(question)
    except InputError as err:
        assert err.code in ("TG160", "TG161")
