"""Neo4j going away in the middle of an ingest: a clear error, nothing half-written, a clean resume.

A second managed server of the test's own (its own home and port, the jars shared with the
test server's) is killed while ``tradegraph ingest`` writes to it; after a restart the same
command finishes the job, and the graph equals an uninterrupted run's: nothing lost, nothing twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import REPO, neo4j_test_uri
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.store import GraphStore
from tradegraph.neo4j_server import settings

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
PORT = "7719"
ARTICLES = 40


def _tg(env: dict[str, str], *args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tradegraph", *args], env=env, text=True, capture_output=True, cwd=REPO, **kw
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.corpus",
            "--articles",
            str(ARTICLES),
            "--seed",
            "7",
            "--out",
            str(out),
            "--no-gold",
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    return out / "articles.jsonl"


@pytest.fixture
def own_server(tmp_path: Path):
    """Environment for a managed Neo4j in ``tmp_path``, sharing the installed jars; stopped at the end."""
    neo4j_test_uri()  # the suite's server proves the jars are installed (skips/fails like every Neo4j test)
    jars = settings.home() / "lib"
    if not jars.is_dir():
        pytest.fail(f"no Neo4j jars at {jars}; run `tradegraph neo4j install` with the test home")
    home = tmp_path / "neo4j"
    home.mkdir(mode=0o700)
    (home / "lib").symlink_to(jars)
    env = {**os.environ, settings.HOME_ENV: str(home), settings.PORT_ENV: PORT}
    env.pop("NEO4J_USER", None)
    env.pop("NEO4J_PASSWORD", None)
    started = _tg(env, "neo4j", "start")
    assert started.returncode == 0, started.stderr
    yield env
    _tg(env, "neo4j", "stop")


def _graph(store: GraphStore) -> tuple[set, set, set]:
    actors = {(a.id, a.kind) for a in store.actors()}
    relations = {(r.key, frozenset(ev.key for ev in r.evidence)) for r in store.relations()}
    return actors, relations, {a.id for a in store.articles()}


def _uri_with_password(env: dict[str, str]) -> str:
    password = (Path(env[settings.HOME_ENV]) / "password").read_text().strip()
    return f"bolt://neo4j:{quote(password, safe='')}@127.0.0.1:{PORT}"


def _stored_articles(env: dict[str, str]) -> int:
    from tradegraph.neo4j_server.connect import open_neo4j

    with open_neo4j(_uri_with_password(env)) as store:
        return store.counts()["articles"]


def test_neo4j_outage_mid_ingest_then_resume_equals_uninterrupted_run(own_server, corpus, tmp_path):
    env, uri = own_server, f"bolt://127.0.0.1:{PORT}"
    ingest = subprocess.Popen(
        [sys.executable, "-m", "tradegraph", "ingest", str(corpus), "--store", uri],
        env=env,
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 600
    while _stored_articles(env) < 5:
        assert ingest.poll() is None, "ingest ended before the outage: " + ingest.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.2)
    pid = int((Path(env[settings.HOME_ENV]) / "neo4j.pid").read_text())
    os.kill(pid, 9)  # the harshest outage: no shutdown, in-flight transactions die with the server
    out, err = ingest.communicate(timeout=300)

    assert ingest.returncode == 1, out + err
    assert uri in err and "TG30" in err and "password" not in err.lower()

    assert _tg(env, "neo4j", "start").returncode == 0
    interrupted = _stored_articles(env)
    assert 5 <= interrupted < ARTICLES
    resumed = _tg(env, "ingest", str(corpus), "--store", uri, "--json")
    assert resumed.returncode == 0, resumed.stderr

    from tradegraph.neo4j_server.connect import open_neo4j

    with open_neo4j(_uri_with_password(env)) as neo4j_store:
        after_resume = _graph(neo4j_store)
    from tradegraph.ingest import ingest as run_ingest

    with MemoryStore.open(tmp_path / "reference") as reference:
        report = run_ingest([corpus], reference)
        assert report.ok and report.loaded == ARTICLES
        uninterrupted = _graph(reference)

    assert len(after_resume[2]) == ARTICLES  # 0 lost
    assert after_resume == uninterrupted  # 0 duplicated, 0 missing, same evidence
