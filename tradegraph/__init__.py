"""tradegraph: a knowledge graph of trade-diplomacy actors from news, and questions over it.

    >>> import tradegraph as tg
    >>> tg.__version__ == tg.version()
    True

The API (``open``, ``Graph``) lives in ``tradegraph.api`` and is imported on first use, so
``import tradegraph`` loads neither spaCy nor the Neo4j driver.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tradegraph.api import Graph


def version() -> str:
    """The installed version (package metadata), or ``0+unknown`` from a bare checkout."""
    try:
        return metadata.version("tradegraph")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = version()


def open(store: str | None = None, *, create: bool = True) -> Graph:  # noqa: A001 - reads like the built-in
    """Open a graph: a directory for the embedded store (created when missing unless ``create`` is
    False), or a Neo4j URI (see ``tradegraph.api.Graph``)."""
    from tradegraph.api import Graph

    return Graph.open(store, create=create)


def __getattr__(name: str) -> Any:
    if name in ("Graph", "Reply", "Answer"):
        from tradegraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'tradegraph' has no attribute {name!r}")


__all__ = ["Answer", "Graph", "Reply", "__version__", "open", "version"]
