"""The registry's opener for Bolt/Neo4j URIs: finds the credentials (the URI's own, the managed
server's password file, or ``$NEO4J_USER``/``$NEO4J_PASSWORD``) and connects the Neo4j store.

It lives here, above the backend, so that the store receives credentials and never reads the
managed server's files itself.
"""

from __future__ import annotations

from tradegraph.graph.backends.neo4j import Neo4jStore
from tradegraph.neo4j_server.managed import credentials_for, public_uri


def open_neo4j(spec: str, *, create: bool = False) -> Neo4jStore:
    """A connected store for ``spec`` (the server creates its own database, so ``create`` is moot)."""
    return Neo4jStore.connect(public_uri(spec), auth=credentials_for(spec))
