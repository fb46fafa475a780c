"""The name the embedded store had before it moved to SQLite, kept so existing code still runs.

``MemoryStore(None)`` is an in-memory SQLite store, ``MemoryStore.open(path)`` one on disk.
"""

from __future__ import annotations

from tradegraph.graph.backends.sqlite import SQLiteStore as MemoryStore

__all__ = ["MemoryStore"]
