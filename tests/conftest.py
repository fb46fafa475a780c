"""Shared fixtures: the ``store`` fixture runs a test on every GraphStore implementation.

The Neo4j case needs a real server at ``$TRADEGRAPH_TEST_NEO4J_URI`` (``.ci/run`` and
``./run test`` start one). Without it the case is skipped on a developer's machine, and fails
under CI, where a skipped Neo4j test would hide a broken setup.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradegraph.graph.store import GraphStore

NEO4J_ENV = "TRADEGRAPH_TEST_NEO4J_URI"
REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"


def neo4j_test_uri() -> str:
    uri = os.environ.get(NEO4J_ENV)
    if not uri:
        if os.environ.get("CI"):
            pytest.fail(f"{NEO4J_ENV} is not set under CI: .ci/run must start Neo4j")
        pytest.skip(f"no Neo4j: set {NEO4J_ENV} (./run test starts one)")
    return uri


def open_test_store(kind: str, tmp_path: Path) -> GraphStore:
    if kind == "memory":
        from tradegraph.graph.backends.memory import MemoryStore

        return MemoryStore.open(tmp_path / "store")
    uri = neo4j_test_uri()
    from tradegraph.neo4j_server.connect import open_neo4j

    store = open_neo4j(uri)
    store.clear()
    return store


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind."""
    opened = open_test_store(request.param, tmp_path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def reopen(request: pytest.FixtureRequest, tmp_path: Path):
    """Close a store and open the same one again (persistence checks on every kind)."""

    def _reopen(current: GraphStore) -> GraphStore:
        current.close()
        if current.uri == str(tmp_path / "store"):
            from tradegraph.graph.backends.memory import MemoryStore

            return MemoryStore.open(tmp_path / "store")
        from tradegraph.neo4j_server.connect import open_neo4j

        return open_neo4j(neo4j_test_uri())

    return _reopen


def shared_eval_dir() -> Path:
    """``../shared/eval`` beside the checkout; skipped locally when absent, an error under CI."""
    if not (SHARED_EVAL / "dev").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_EVAL} is missing under CI")
        pytest.skip(f"{SHARED_EVAL} not found")
    return SHARED_EVAL
