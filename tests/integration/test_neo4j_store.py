"""Neo4j-only behaviour of Neo4jStore, against the real server at $TRADEGRAPH_TEST_NEO4J_URI."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.conftest import neo4j_test_uri
from tradegraph.graph.errors import StoreError, StoreUnavailableError
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind

JAPAN = Actor.create("Japan", ActorKind.COUNTRY, iso3="JPN")
AKAZAWA = Actor.create(
    "Ryosei Akazawa", ActorKind.PERSON, affiliation=JAPAN.id, external_ids={"wikidata": "Q11580994"}
)


def represents(n: int, **extra: object) -> Relation:
    ev = Evidence(f"article:{n}", f"Akazawa spoke for Japan ({n}).", confidence=0.5 + n / 10, **extra)  # type: ignore[arg-type]
    return Relation(AKAZAWA.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(ev,))


@pytest.fixture
def neo() -> Iterator[Neo4jStore]:  # type: ignore[name-defined]  # noqa: F821
    from tradegraph.neo4j_server.connect import open_neo4j

    store = open_neo4j(neo4j_test_uri())
    store.clear()
    try:
        yield store
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_store_unreachable_server_names_uri_and_fix():
    from tradegraph.neo4j_server.connect import open_neo4j

    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match=r"TG301.*" + uri.replace(".", r"\.") + ".*neo4j start"):
        open_neo4j(uri)


@pytest.mark.neo4j
def test_neo4j_store_wrong_password_says_how_to_set_credentials():
    from tradegraph.neo4j_server.connect import open_neo4j

    parts = urlsplit(neo4j_test_uri())
    uri = f"{parts.scheme}://neo4j:not-the-Secret-1@{parts.hostname}:{parts.port}"
    with pytest.raises(StoreUnavailableError, match="TG320.*NEO4J_USER and NEO4J_PASSWORD") as caught:
        open_neo4j(uri)
    assert "not-the-Secret-1" not in str(caught.value)


@pytest.mark.neo4j
def test_neo4j_store_failed_batch_in_the_database_writes_nothing(neo):
    """The last UNWIND batch fails in Neo4j itself; the batches and actors before it vanish too."""
    from tradegraph.graph.backends.neo4j import WRITE_BATCH

    neo.driver.execute_query(
        "CREATE CONSTRAINT test_title IF NOT EXISTS FOR (a:Article) REQUIRE a.title IS UNIQUE"
    )
    try:
        docs = [
            Article.create(f"text {n}", id=f"article:{n:05}", title=f"Title {n}") for n in range(WRITE_BATCH)
        ]
        twin = Article.create(
            "twin", id="article:99999", title="Title 0"
        )  # last in the list, so in the last batch
        with pytest.raises(StoreError, match="TG321"):
            neo.upsert([JAPAN, AKAZAWA], [represents(1)], [*docs, twin])
    finally:
        neo.driver.execute_query("DROP CONSTRAINT test_title IF EXISTS")
    assert neo.counts()["actors"] == 0 and neo.relations() == [] and neo.articles() == []


@pytest.mark.neo4j
def test_neo4j_store_dangling_relation_writes_nothing(neo):
    with pytest.raises(StoreError, match="TG310.*person:ryosei-akazawa"):
        neo.upsert([JAPAN], [represents(1)], [Article.create("x", id="article:1")])
    assert neo.actors() == [] and neo.articles() == []


@pytest.mark.neo4j
def test_neo4j_store_schema_created_once_however_often_connected(neo):
    from tradegraph.neo4j_server.connect import open_neo4j

    for _ in range(3):
        open_neo4j(neo4j_test_uri()).close()
    constraints = [row["name"] for row in neo.run_read("SHOW CONSTRAINTS YIELD name RETURN name")]
    assert sorted(n for n in constraints if n in {"actor_id", "article_id"}) == ["actor_id", "article_id"]


@pytest.mark.neo4j
def test_neo4j_store_connections_racing_on_an_empty_schema_all_open(neo):
    """Stores that each create the missing schema at the same moment all succeed, and the schema
    is whole (seen in CI: the second of two processes failed with EquivalentSchemaRuleAlreadyExists;
    before the fix this loop hit it in about one round in six)."""
    import re
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from tradegraph.graph.backends import neo4j_cypher, neo4j_mentions
    from tradegraph.neo4j_server.connect import open_neo4j

    # (CONSTRAINT|INDEX, name) of every rule the store creates, read from its own statements
    rules = [
        re.match(r"CREATE (?:TEXT )?(CONSTRAINT|INDEX) (\w+) IF NOT EXISTS", s).groups()  # type: ignore[union-attr]
        for s in (*neo4j_cypher.SCHEMA, *neo4j_mentions.SCHEMA)
    ]
    wanted = {name for _, name in rules}

    def present() -> set[str]:
        rows = neo.run_read("SHOW INDEXES YIELD name, owningConstraint RETURN name, owningConstraint")
        return {row["owningConstraint"] or row["name"] for row in rows}

    def race(store: Neo4jStore, start: threading.Barrier) -> None:  # type: ignore[name-defined]  # noqa: F821
        start.wait()
        store.ensure_schema()

    stores = [open_neo4j(neo4j_test_uri()) for _ in range(6)]
    try:
        for _ in range(20):
            for kind, name in rules:
                neo.driver.execute_query(f"DROP {kind} {name} IF EXISTS")  # names from our own schema
            assert not wanted & present()
            start = threading.Barrier(len(stores))

            with ThreadPoolExecutor(max_workers=len(stores)) as pool:
                list(pool.map(race, stores, [start] * len(stores)))
            assert wanted <= present()
    finally:
        for store in stores:
            store.close()
    indexes = neo.run_read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties "
        "WHERE labelsOrTypes = ['Actor'] AND properties = ['name'] RETURN type"
    )
    assert sorted(row["type"] for row in indexes) == ["RANGE", "TEXT"]


@pytest.mark.neo4j
def test_neo4j_store_injection_strings_stored_literally(neo):
    bait = "'}) DETACH DELETE n //"
    other = Actor.create("United States", ActorKind.COUNTRY, iso3="USA")
    person = Actor(id=f"person:{bait}", name=bait, kind=ActorKind.PERSON, roles=(bait,))
    neo.upsert(
        [JAPAN, other, person],
        [Relation(person.id, RelationKind.REPRESENTS, JAPAN.id, evidence=(Evidence(bait, bait, url=bait),))],
    )
    assert neo.actor(person.id) == person
    assert neo.relations(actor=person.id)[0].evidence[0].sentence == bait
    assert [a.id for a in neo.actors()] == sorted([JAPAN.id, other.id, person.id])


@pytest.mark.neo4j
def test_neo4j_store_schema_is_the_agreed_one(neo):
    """The layout a Browser user follows: relation -> evidence (by key) -> article."""
    neo.upsert(
        [JAPAN, AKAZAWA],
        [represents(1), represents(2, url="https://news.example/2", date=date(2025, 4, 2))],
        [Article.create("t", id="article:1", published=date(2025, 4, 1))],
    )
    [row] = neo.run_read(
        "MATCH (p:Actor:Person)-[r:REPRESENTS]->(c:Actor:Country) "
        "MATCH (e:Evidence {relation: r.key}) OPTIONAL MATCH (e)-[:FROM]->(d:Article) "
        "WITH p, c, r, e, d ORDER BY e.n "
        "RETURN p.external_ids AS ids, p.affiliation AS aff, c.affiliation AS none, r.key AS key, "
        "collect(e.url) AS urls, collect(e.date) AS dates, collect(e.confidence) AS conf, "
        "r.confidence AS best, r.known_from AS known, r.valid_from AS vf, collect(d.published) AS published"
    )
    assert row["ids"] == '{"wikidata": "Q11580994"}' and row["aff"] == JAPAN.id and row["none"] is None
    assert row["key"] == f"{AKAZAWA.id} REPRESENTS {JAPAN.id}"
    assert row["urls"] == ["https://news.example/2"] and row["dates"] == ["2025-04-02"]  # nulls are absent
    assert row["conf"] == pytest.approx([0.6, 0.7]) and row["best"] == pytest.approx(0.7)
    assert row["known"] == "" and row["vf"] is None  # undated evidence: known from the start
    assert [d.to_native() for d in row["published"]] == [date(2025, 4, 1)]  # only article:1 is stored


@pytest.mark.neo4j
def test_neo4j_store_evidence_of_a_later_article_gets_linked(neo):
    neo.upsert([JAPAN, AKAZAWA], [represents(3)])
    neo.upsert(articles=[Article.create("t", id="article:3")])
    [row] = neo.run_read("MATCH (e:Evidence)-[:FROM]->(d:Article) RETURN d.id AS id, count(e) AS n")
    assert row == {"id": "article:3", "n": 1}


@pytest.mark.neo4j
def test_neo4j_store_replace_article_is_one_write(neo):
    neo.upsert([JAPAN, AKAZAWA], [represents(1), represents(2)], [Article.create("a", id="article:1")])
    neo.replace_article(Article.create("b", id="article:1"), [], [])
    [rel] = neo.relations()
    assert [ev.article_id for ev in rel.evidence] == ["article:2"]
    assert neo.counts()["evidence"] == 1


@pytest.mark.neo4j
def test_neo4j_store_same_evidence_twice_in_one_call_kept_once(neo):
    neo.upsert([JAPAN, AKAZAWA], [represents(1), represents(1), represents(2)])
    neo.upsert(relations=[represents(2)])
    [rel] = neo.relations()
    assert [ev.article_id for ev in rel.evidence] == ["article:1", "article:2"]


@pytest.mark.neo4j
def test_neo4j_store_run_read_refuses_writes(neo):
    with pytest.raises(StoreError, match="TG321"):
        neo.run_read("CREATE (:Actor {id: 'person:sneaky'})")
    assert neo.actor("person:sneaky") is None


def test_neo4j_store_relation_type_check_refuses_anything_but_the_enum():
    from tradegraph.graph.backends.neo4j_cypher import checked_name, write_relations

    assert "[r:ALLIED_WITH]" in write_relations(RelationKind.ALLIED_WITH)
    with pytest.raises(ValueError, match="refusing"):
        checked_name("KNOWS]->() DETACH DELETE n //")  # type: ignore[arg-type]


CONCURRENT_WRITER = """
import sys
from tradegraph.graph.model import Actor, ActorKind
from tradegraph.neo4j_server.connect import open_neo4j
uri, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_neo4j(uri) as store:
    print("ready", flush=True)
    sys.stdin.readline()
    for k in range(rounds):
        store.upsert([Actor(f"person:shared-{k}", f"Shared {k}", ActorKind.PERSON, aliases=(f"{tag} {k}",),
                            roles=(f"role {tag}",))])
"""


@pytest.mark.neo4j
def test_neo4j_store_two_writer_processes_creating_the_same_actors_lose_nothing(neo):
    import subprocess
    import sys

    rounds = 25
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, neo4j_test_uri(), tag, str(rounds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for tag in ("Alpha", "Beta")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:  # both start writing at once
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    assert [proc.wait(timeout=300) for proc in procs] == [0, 0]
    for k in range(rounds):
        actor = neo.actor(f"person:shared-{k}")
        assert actor is not None and set(actor.aliases) == {f"Alpha {k}", f"Beta {k}"}
        assert set(actor.roles) == {"role Alpha", "role Beta"}


def _operators(neo, text: str, params: dict) -> list[str]:
    with neo.driver.session() as session:
        plan = session.run("EXPLAIN " + text, **params).consume().plan
    ops, todo = [], [plan]
    while todo:
        node = todo.pop()
        ops.append(node["operatorType"].split("@")[0])
        todo.extend(node.get("children", []))
    return ops


@pytest.mark.neo4j
def test_neo4j_store_question_statements_seek_the_index_never_scan(neo):
    from tradegraph.graph.backends import neo4j_queries as q

    kinds = [k.value for k in RelationKind]
    one = {"id": "x", "day": None}
    statements = {
        "around": (q.AROUND["both"], {"ids": ["x"], "kinds": kinds, "day": None}),
        "representation now": (q.REPRESENTATION_NOW, {"id": "x", "limit": 10}),
        "representation on": (q.REPRESENTATION_ON, {"id": "x", "day": "2025-01-01"}),
        "represented": (q.REPRESENTED, one),
        "successors": (q.SUCCESSORS, one),
        "predecessors": (q.PREDECESSORS, one),
        "talks": (q.TALKS, one),
        "tariffs_on": (q.TARIFFS_ON, one),
        "tariffs_by": (q.TARIFFS_BY, one),
        "neighbourhood": (q.NEIGHBOURHOOD.replace("{depth}", "2"), {**one, "kinds": kinds, "limit": 100}),
        "shortest_path": (
            q.SHORTEST_PATH.replace("{hops}", "4"),
            {"a": "x", "b": "y", "kinds": kinds, "day": None},
        ),
    }
    for name, (text, params) in statements.items():
        ops = _operators(neo, text, params)
        assert any(op.startswith("NodeUniqueIndexSeek") for op in ops), name
        assert not any(op in {"NodeByLabelScan", "AllNodesScan"} for op in ops), (name, ops)


@pytest.mark.neo4j
def test_neo4j_store_counts_come_from_count_aggregates(neo):
    neo.upsert([JAPAN, AKAZAWA], [represents(1), represents(2)], [Article.create("t", id="article:1")])
    counts = neo.counts()
    assert counts["actors"] == 2 and counts["actors.Person"] == 1 and counts["relations.REPRESENTS"] == 1
    assert counts["evidence"] == 2 and counts["articles"] == 1
