"""``tradegraph actors``: list the actors in the store (ids, names, kinds, affiliations)."""

from __future__ import annotations

import argparse
import json

from tradegraph.commands.options import add_store_option
from tradegraph.graph.errors import InputError
from tradegraph.graph.model import ActorKind

_KINDS = {
    "person": ActorKind.PERSON,
    "country": ActorKind.COUNTRY,
    "organization": ActorKind.ORGANIZATION,
    "organisation": ActorKind.ORGANIZATION,
    "org": ActorKind.ORGANIZATION,
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("actors", help="list actors with their ids (for questions and queries)")
    parser.add_argument("--kind", help="only this kind: person, country or organization")
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the actors as JSON")
    parser.set_defaults(func=run)


def parse_kind(value: str | None) -> ActorKind | None:
    """``--kind`` as an ``ActorKind``; an unknown kind is TG140 with the accepted names."""
    if value is None:
        return None
    kind = _KINDS.get(value.strip().lower())
    if kind is None:
        raise InputError(f"unknown actor kind {value!r}; use person, country or organization", code="TG140")
    return kind


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store

    kind = parse_kind(args.kind)
    with open_store(args.store) as store:
        actors = store.actors(kind)
    if args.json:
        rows = [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind.value,
                "affiliation": a.affiliation,
                "aliases": list(a.aliases),
                "roles": list(a.roles),
            }
            for a in actors
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for a in actors:
        affiliation = f"  ({a.affiliation})" if a.affiliation else ""
        print(f"{a.id:<32} {a.kind.value:<12} {a.name}{affiliation}")
    print(f"{len(actors)} actors")
    return 0
