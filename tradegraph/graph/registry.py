"""Which store opens which spec: URI schemes mapped to store openers (rdflib's plugin idea).

An opener is named as ``"module:function"`` and imported only when its scheme is used, so that
the contract imports no implementation and the Neo4j driver loads only for Neo4j URIs. A spec
without a scheme is a path to an embedded (SQLite) store.

>>> scheme_of("bolt://127.0.0.1:7687"), scheme_of("sqlite:data/graph.db"), scheme_of("./tradegraph-data")
('bolt', 'sqlite', None)
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tradegraph.graph.errors import InputError

if TYPE_CHECKING:
    from tradegraph.graph.store import GraphStore

Opener = Callable[..., "GraphStore"]

_NEO4J = "tradegraph.neo4j_server.connect:open_neo4j"
_SQLITE = "tradegraph.graph.backends.sqlite:open_sqlite"
SCHEMES: dict[str, str] = {
    **{s: _NEO4J for s in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")},
    "sqlite": _SQLITE,
    "file": _SQLITE,
}
# A scheme is letters then letters/digits/+/-/. before a colon; one letter is a Windows drive.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def register(scheme: str, opener: str) -> None:
    """Make ``scheme://...`` specs open with ``opener`` (``"module:function(spec, create=...)"``)."""
    SCHEMES[scheme.lower()] = opener


def scheme_of(spec: str) -> str | None:
    """The URI scheme of ``spec``, or None for a plain path."""
    found = _SCHEME.match(spec)
    return found.group(1).lower() if found else None


def opener_for(spec: str) -> Opener:
    scheme = scheme_of(spec)
    name = SCHEMES.get(scheme or "sqlite")
    if name is None:
        raise InputError(
            f"unknown store {spec!r}: the scheme {scheme!r} names no store; use a directory or "
            f"sqlite:PATH for the embedded store, or a Neo4j URI ({', '.join(sorted(SCHEMES))})",
            code="TG350",
        )
    module, function = name.split(":")
    opener: Opener = getattr(importlib.import_module(module), function)
    return opener


def open_spec(spec: str, *, create: bool = False) -> GraphStore:
    """Open the store ``spec`` names (see ``GraphStore``); ``create`` lets an embedded one be made."""
    return opener_for(spec)(spec, create=create)
