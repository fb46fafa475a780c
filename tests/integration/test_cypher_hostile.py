"""``tradegraph cypher`` against a real Neo4j (issue 16): really read-only (no LOAD CSV, no
administration or transaction commands, procedures from an allow-list), rows streamed up to a
limit, server limits and outages as coded errors, and no password printed from any URI."""

from __future__ import annotations

import http.server
import threading
import tracemalloc
from collections.abc import Iterator

import pytest

from tests.conftest import neo4j_test_uri
from tradegraph.cli import main
from tradegraph.commands.cypher import read_rows
from tradegraph.graph.backends.neo4j import Neo4jStore
from tradegraph.graph.errors import StoreError, StoreUnavailableError, TradegraphError, UnsupportedError
from tradegraph.neo4j_server.connect import open_neo4j
from tradegraph.queries import readonly

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(180)]


@pytest.fixture
def neo4j_store() -> Iterator[Neo4jStore]:
    store = open_neo4j(neo4j_test_uri())
    store.clear()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request (to see whether Neo4j fetched a URL)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/data.csv", requests
    finally:
        server.shutdown()


def _code(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(TradegraphError) as caught:
        call()
    return caught.value.code


@pytest.mark.parametrize(
    "template",
    [
        "LOAD CSV FROM '{url}' AS row RETURN row",
        "load csv with headers from '{url}' as row return row",
        "MATCH (n) WITH count(n) AS c LOAD/* hidden */CSV FROM '{url}' AS row RETURN row",
        "CALL {{ LOAD CSV FROM '{url}' AS row RETURN row }} RETURN row",
    ],
)
def test_cypher_load_csv_never_reaches_the_server(neo4j_store: Neo4jStore, web_server, template: str) -> None:  # type: ignore[no-untyped-def]
    url, requests = web_server
    assert _code(lambda: read_rows(neo4j_store, template.format(url=url))) == "TG441"
    assert requests == []


def test_cypher_transaction_commands_cannot_kill_another_session(neo4j_store: Neo4jStore) -> None:
    with neo4j_store.driver.session() as other:
        tx = other.begin_transaction()
        tx.run("CREATE (:Probe {id: 'writer'})").consume()
        for query in (
            "TERMINATE TRANSACTIONS 'neo4j-transaction-1', 'neo4j-transaction-2'",
            "SHOW TRANSACTIONS YIELD transactionId RETURN transactionId",
            "SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId",
            "CALL dbms.listTransactions()",
            "CALL db.clearQueryCaches()",
            "SHOW USERS",
            "USE system SHOW DATABASES",
            "STOP DATABASE neo4j",
        ):
            assert _code(lambda q=query: read_rows(neo4j_store, q)) in ("TG441", "TG444"), query
        tx.commit()  # still alive: nothing terminated it
    [[count]] = read_rows(neo4j_store, "MATCH (p:Probe {id: 'writer'}) RETURN count(p)").rows
    assert count == 1


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.clearQueryCaches()",
        "CALL `db`.`clearQueryCaches`()",
        "CALL dbms.components()",
        "CALL apoc.load.json('http://127.0.0.1:1/x')",
        "RETURN apoc.text.join(['a'], ',') AS x",
        "CALL db.labels() YIELD label CALL db.createLabel('X') RETURN label",
    ],
)
def test_cypher_procedures_outside_the_allow_list_are_refused(neo4j_store: Neo4jStore, query: str) -> None:
    assert _code(lambda: read_rows(neo4j_store, query)) == "TG444"


def test_cypher_allowed_reads_run(neo4j_store: Neo4jStore) -> None:
    with neo4j_store.driver.session() as admin:
        admin.run("CREATE (:Actor {id: 'country:JPN', name: 'Japan', set: 1})").consume()
    for query in (
        "CALL db.labels()",
        "CALL db.relationshipTypes()",
        "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
        "CALL db.schema.visualization()",
        "MATCH (start:Actor) WHERE start.name <> 'LOAD CSV' RETURN start.set AS set, date.truncate('month', date('2025-04-16')) AS m",
        "MATCH (a:Actor) CALL { WITH a RETURN a.name AS name } RETURN name",
    ):
        assert read_rows(neo4j_store, query).keys, query
    out = read_rows(neo4j_store, "MATCH (a:Actor {id: 'country:JPN'}) RETURN a {.name, .set} AS a")
    assert out.rows == [[{"name": "Japan", "set": 1}]]


def test_cypher_server_refuses_writes_even_past_the_allow_list(neo4j_store: Neo4jStore) -> None:
    """The READ access mode stays: a write that reached the server is refused there too."""
    run = readonly._run  # the server side alone, without the client-side check
    kwargs = {"database": None, "limit": 10, "timeout": 10.0, "shown_uri": neo4j_store.uri}
    with pytest.raises(UnsupportedError, match="TG441"):
        run(neo4j_store.driver, "CREATE (:Intruder)", **kwargs)
    assert read_rows(neo4j_store, "MATCH (n:Intruder) RETURN count(n)").rows == [[0]]


def test_cypher_rows_stop_at_the_limit_without_holding_the_rest(neo4j_store: Neo4jStore) -> None:
    tracemalloc.start()
    try:
        out = read_rows(neo4j_store, "UNWIND range(1, 2000000) AS i RETURN i", limit=10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.rows == [[i] for i in range(1, 11)] and out.more
    assert peak < 32 * 1024**2
    assert read_rows(neo4j_store, "UNWIND range(1, 5) AS i RETURN i").more is False
    assert len(read_rows(neo4j_store, "UNWIND range(1, 5000) AS i RETURN i").rows) == readonly.DEFAULT_LIMIT


def test_cypher_timeout_is_a_coded_error(neo4j_store: Neo4jStore) -> None:
    slow = "UNWIND range(1, 2000000000) AS i WITH i WHERE i < 0 RETURN count(i)"
    with pytest.raises(StoreError, match="TG325"):
        read_rows(neo4j_store, slow, timeout=1.0)


@pytest.mark.parametrize(
    "code",
    [
        "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        "Neo.TransientError.General.OutOfMemoryError",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    ],
)
def test_cypher_server_limit_errors_are_coded(code: str) -> None:
    """The server's memory errors as the driver builds them (Community cannot lower its memory
    limit at run time, so the real one is the timeout test above)."""
    from neo4j.exceptions import Neo4jError

    err = Neo4jError._hydrate_neo4j(
        code=code, message="The allocation of an extra 2.0 MiB would exceed the limit"
    )
    translated = readonly._translate(err, "bolt://127.0.0.1:7687")
    assert isinstance(translated, StoreError) and translated.code == "TG325"


def test_cypher_outage_is_a_coded_error() -> None:
    from neo4j import GraphDatabase

    gone = Neo4jStore(GraphDatabase.driver("bolt://127.0.0.1:9", auth=("neo4j", "x")), "bolt://127.0.0.1:9")
    try:
        with pytest.raises(StoreUnavailableError, match="TG301"):
            read_rows(gone, "MATCH (n) RETURN n")
    finally:
        gone.close()


def test_cypher_cli_errors_are_coded_never_tracebacks(
    neo4j_store: Neo4jStore, capsys: pytest.CaptureFixture[str]
) -> None:
    uri = neo4j_test_uri()
    assert main(["cypher", "LOAD CSV FROM 'http://127.0.0.1:1/' AS r RETURN r", "--store", uri]) == 1
    assert (
        main(["cypher", "UNWIND range(1, 2000000000) AS i RETURN count(i)", "--timeout", "1", "--store", uri])
        == 1
    )
    assert main(["cypher", "MATCH (n RETURN n", "--store", uri]) == 1
    err = capsys.readouterr().err
    assert "[TG441]" in err and "[TG325]" in err and "[TG165]" in err and "Traceback" not in err
    assert main(["cypher", "UNWIND range(1, 50) AS i RETURN i", "--limit", "5", "--store", uri]) == 0
    captured = capsys.readouterr()
    assert "(5 rows)" in captured.out and "raise --limit" in captured.err


@pytest.mark.parametrize("password", ["pa#ss", "p?ss", "p/ss", "p@ss#?/", "s3cr3t"])
@pytest.mark.parametrize("command", [["stats"], ["cypher", "RETURN 1"], ["ingest", "no-such-file.txt"]])
def test_cypher_passwords_never_printed(
    password: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--store", f"bolt://neo4j:{password}@127.0.0.1:9"]) == 1
    captured = capsys.readouterr()
    assert password not in captured.out + captured.err and "[TG301]" in captured.err, captured.err


def test_cypher_wrong_password_with_uri_characters_is_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """One attempt only: the server locks the user out after a few wrong passwords."""
    host = neo4j_test_uri().split("://", 1)[1]
    password = "wr@ng#pass?word/x"
    assert main(["stats", "--store", f"bolt://neo4j:{password}@{host}"]) == 1
    err = capsys.readouterr().err
    assert "[TG320]" in err and password not in err and "ng#pass" not in err and "Traceback" not in err
