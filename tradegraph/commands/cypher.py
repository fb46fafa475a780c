"""``tradegraph cypher "MATCH …"``: run a read-only Cypher query on a Neo4j store, print a table."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tradegraph.cli import add_store_option
from tradegraph.graph.errors import InputError, UnsupportedError

MAX_WIDTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "cypher",
        help="run a read-only Cypher query on a Neo4j store",
        description="Run a read-only Cypher query in a READ transaction (the server refuses writes) "
        "and print the rows as a table.",
    )
    parser.add_argument("query", help='the Cypher text, e.g. "MATCH (a:Actor) RETURN a.name LIMIT 5"')
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        keys, rows = run_read_only(store, args.query)
    if args.json:
        print(json.dumps([dict(zip(keys, row)) for row in rows], indent=2, ensure_ascii=False, default=str))
    else:
        print(table(keys, rows))
    return 0


def run_read_only(store: Any, query: str) -> tuple[list[str], list[list[Any]]]:
    """Keys and rows (as JSON-friendly values) of ``query`` run in a read transaction.

    Raises:
        UnsupportedError: TG440 on the embedded store; TG441 when the query tries to write.
        InputError: TG165 when the server rejects the Cypher (syntax, unknown function...).
    """
    if not hasattr(store, "driver"):
        raise UnsupportedError(
            "Cypher needs a Neo4j store; pass --store bolt://HOST:7687 (the embedded "
            "store answers 'tradegraph query' and 'tradegraph ask')",
            code="TG440",
        )
    import neo4j
    from neo4j.exceptions import ClientError

    def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query)
        return list(result.keys()), [[_plain(v) for v in record.values()] for record in result]

    try:
        with store.driver.session(
            database=getattr(store, "database", None), default_access_mode=neo4j.READ_ACCESS
        ) as session:
            rows: tuple[list[str], list[list[Any]]] = session.execute_read(work)
            return rows
    except ClientError as err:
        if "AccessMode" in (err.code or "") or "write" in (err.message or "").lower():
            raise UnsupportedError(
                "'tradegraph cypher' only reads; the query tries to write "
                f"({err.message}); change the graph with 'tradegraph ingest'",
                code="TG441",
            ) from err
        raise InputError(f"Neo4j rejected the query: {err.message}", code="TG165") from err


def _plain(value: Any) -> Any:
    """Nodes, relationships, paths and temporal values as readable JSON-able values."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def table(keys: list[str], rows: list[list[Any]]) -> str:
    """A plain text table, cells cut at MAX_WIDTH characters."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(k)] + [len(r[i]) for r in cells]) for i, k in enumerate(keys)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(keys), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"
