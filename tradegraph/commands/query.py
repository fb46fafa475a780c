"""``tradegraph query NAME ARGS…``: run one named query helper (names or ids as arguments)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from tradegraph.cli import add_store_option
from tradegraph.commands.ask import parse_day
from tradegraph.graph.errors import InputError

# name -> (number of actor arguments, what it answers)
QUERIES: dict[str, tuple[int, str]] = {
    "representatives": (1, "BODY: who represents a country or body"),
    "represented-by": (1, "PERSON: whom a person represents, with the role"),
    "successors": (1, "PERSON: the chain of successors, with offices and dates"),
    "predecessors": (1, "PERSON: the chain of predecessors"),
    "counterparts": (1, "ACTOR [--level actor|state]: negotiation counterparts"),
    "allies": (1, "COUNTRY: allies"),
    "tariffs-on": (1, "TARGET: who imposed tariffs on it (person imposers lifted to their state too)"),
    "tariffs-by": (1, "ACTOR: on whom the actor (or its representatives) imposed tariffs"),
    "path": (2, "A B: the shortest chain of relations between two actors"),
    "profile": (1, "ACTOR: kind, aliases, roles, affiliation, relations over time"),
    "neighbourhood": (1, "ACTOR [--depth N]: actors and relations around an actor"),
    "brokers": (0, "[--top N]: the most central brokers (betweenness)"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = "\n".join(f"  {name:<16} {text}" for name, (_, text) in QUERIES.items())
    parser = subparsers.add_parser(
        "query",
        help="run a named query helper (representatives, successors, path, ...)",
        description=f"Run a named query. Actors are given by id or name ('the US', 'Akazawa').\n\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=sorted(QUERIES), metavar="NAME", help="one of: " + ", ".join(QUERIES))
    parser.add_argument("args", nargs="*", metavar="ARG", help="actor ids or names")
    add_store_option(parser)
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", type=parse_day, help="as of this day")
    parser.add_argument(
        "--level",
        choices=("actor", "state"),
        default="state",
        help="counterparts: lift persons to states (default) or not",
    )
    parser.add_argument("--depth", type=int, default=1, help="neighbourhood depth (default 1)")
    parser.add_argument("--top", type=int, default=10, help="brokers: how many (default 10)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store
    from tradegraph.queries.results import to_jsonable

    wanted, _ = QUERIES[args.name]
    if len(args.args) != wanted:
        raise InputError(
            f"'query {args.name}' takes {wanted} actor argument(s), got {len(args.args)}: "
            f"{QUERIES[args.name][1]}",
            code="TG164",
        )
    with open_store(args.store) as store:
        result = run_query(store, args)
    if args.json:
        print(json.dumps(to_jsonable(result), indent=2, ensure_ascii=False))
    else:
        print(describe(result))
    return 0


def run_query(store: Any, args: argparse.Namespace) -> Any:
    from tradegraph.queries import helpers as h
    from tradegraph.queries.names import NameIndex

    index = NameIndex.from_store(store)
    ids = [index.resolve_id_or_name(text).id for text in args.args]
    d = args.as_of
    calls: dict[str, Callable[[], Any]] = {
        "representatives": lambda: h.representatives_of(store, ids[0], d),
        "represented-by": lambda: h.represented_by(store, ids[0], d),
        "successors": lambda: h.successors(store, ids[0], d),
        "predecessors": lambda: h.predecessors(store, ids[0], d),
        "counterparts": lambda: h.counterparts(store, ids[0], args.level, d),
        "allies": lambda: h.allies(store, ids[0], d),
        "tariffs-on": lambda: h.tariff_imposers(store, ids[0], d),
        "tariffs-by": lambda: h.tariff_targets(store, ids[0], d),
        "path": lambda: h.shortest_path(store, ids[0], ids[1], as_of=d),
        "profile": lambda: h.profile(store, ids[0], d),
        "neighbourhood": lambda: h.neighbourhood(store, ids[0], args.depth, as_of=d),
        "brokers": lambda: h.brokers(store, args.top, as_of=d),
    }
    return calls[args.name]()


def describe(result: Any) -> str:
    """A short readable form of any helper's result."""
    from tradegraph.queries.results import Answer, Broker, Path, Profile, Subgraph, Succession

    if result is None:
        return "no chain of relations links them"
    if isinstance(result, Path):
        return (
            " -> ".join(a.name for a in result.actors)
            + "\n"
            + "\n".join(
                f'  {r.source} {r.kind.value} {r.target}: "{r.evidence[0].sentence if r.evidence else ""}"'
                for r in result.relations
            )
        )
    if isinstance(result, (Profile, Subgraph)):
        head = (
            (
                f"{result.actor.name} ({result.actor.kind.value}, {result.actor.id}) aliases: "
                f"{', '.join(result.actor.aliases) or '-'}; roles: {', '.join(result.actor.roles) or '-'}; "
                f"affiliation: {result.actor.affiliation or '-'}"
            )
            if isinstance(result, Profile)
            else f"{len(result.actors)} actors, {len(result.relations)} relations"
        )
        return "\n".join(
            [head]
            + [
                f"  {_when(r.valid_from, r.valid_to)}{r.source} {r.kind.value} {r.target} "
                f"(support {r.support})"
                for r in result.relations
            ]
        )
    rows = list(result)
    if not rows:
        return "no answer in the graph"
    lines = []
    for row in rows:
        if isinstance(row, Answer):
            lines.append(
                f"{row.actor.name} ({row.actor.id}){' — ' + row.role if row.role else ''}"
                f"{' ' + _when(row.valid_from, row.valid_to) if (row.valid_from or row.valid_to) else ''}"
                f"{' via ' + ', '.join(row.via) if row.via else ''}  support {row.support}"
            )
        elif isinstance(row, Succession):
            lines.append(
                f"{row.predecessor.name} -> {row.successor.name}"
                f"{' as ' + row.role if row.role else ''}{' on ' + row.date.isoformat() if row.date else ''}"
            )
        elif isinstance(row, Broker):
            lines.append(f"{row.score:.3f}  {row.actor.name} ({row.actor.id})")
    return "\n".join(lines)


def _when(start: Any, end: Any) -> str:
    if not (start or end):
        return ""
    return f"[{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}] "
