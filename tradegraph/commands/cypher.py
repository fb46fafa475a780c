"""``tradegraph cypher "MATCH …"``: run a read-only Cypher query on a Neo4j store, print a table."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from tradegraph.commands.options import add_store_option
from tradegraph.graph.errors import InputError, UnsupportedError

if TYPE_CHECKING:
    from tradegraph.queries.readonly import Rows

MAX_WIDTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tradegraph.queries.readonly import DEFAULT_LIMIT, DEFAULT_TIMEOUT, PROCEDURES

    parser = subparsers.add_parser(
        "cypher",
        help="run a read-only Cypher query on a Neo4j store",
        description="Run a read-only Cypher query in a READ transaction (the server refuses writes) "
        "and print the rows as a table. Refused before it runs: writes, LOAD CSV, administration "
        "and transaction commands (SHOW, TERMINATE ...), and procedures other than "
        f"{', '.join(sorted(PROCEDURES))}.",
    )
    parser.add_argument("query", help='the Cypher text, e.g. "MATCH (a:Actor) RETURN a.name LIMIT 5"')
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--limit",
        type=_positive(int),
        default=DEFAULT_LIMIT,
        help=f"print at most this many rows (default {DEFAULT_LIMIT}); the rest is never fetched",
    )
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds the server may spend on the query (default {DEFAULT_TIMEOUT:g})",
    )
    parser.set_defaults(func=run)


def _positive(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value

    return parse


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        out = read_rows(store, args.query, limit=args.limit, timeout=args.timeout)
    if args.json:
        rows = [dict(zip(out.keys, row, strict=True)) for row in out.rows]
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        print(table(out.keys, out.rows))
    if out.more:
        print(f"(only the first {len(out.rows)} rows; raise --limit to see more)", file=sys.stderr)
    return 0


def run_read_only(store: Any, query: str) -> tuple[list[str], list[list[Any]]]:
    """Keys and rows (as JSON-friendly values, at most the default limit) of ``query``."""
    out = read_rows(store, query)
    return out.keys, out.rows


def read_rows(store: Any, query: str, *, limit: int | None = None, timeout: float | None = None) -> Rows:
    """Keys, at most ``limit`` rows (as JSON-friendly values) and whether there were more.

    Raises:
        UnsupportedError: TG440 on the embedded store; TG441/TG444 for a query that could write,
            load, administer or call beyond the read-only allow-list.
        InputError: TG165 when the server rejects the Cypher (syntax, unknown function...).
        StoreError / StoreUnavailableError: TG325 out of time or memory, TG321, TG301.
    """
    from tradegraph.queries import readonly

    if not hasattr(store, "driver"):
        raise UnsupportedError(
            "Cypher needs a Neo4j store; pass --store bolt://HOST:7687 (the embedded "
            "store answers 'tradegraph query' and 'tradegraph ask')",
            code="TG440",
        )
    return readonly.run_read_only(
        store.driver,
        query,
        database=getattr(store, "database", None),
        limit=limit or readonly.DEFAULT_LIMIT,
        timeout=timeout or readonly.DEFAULT_TIMEOUT,
        shown_uri=getattr(store, "uri", "Neo4j"),
    )


def table(keys: list[str], rows: list[list[Any]]) -> str:
    """A plain text table, cells cut at MAX_WIDTH characters."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(k)] + [len(r[i]) for r in cells]) for i, k in enumerate(keys)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(keys), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out + [f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


__all__ = ["InputError", "read_rows", "run_read_only", "table"]
