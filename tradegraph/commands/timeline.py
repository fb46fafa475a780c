"""``tradegraph timeline ACTOR``: who held which office for whom, when, and who came before and after."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tradegraph.commands.options import add_store_option

if TYPE_CHECKING:
    from tradegraph.graph.export.tenures import Tenure
    from tradegraph.graph.model import Actor, Relation
    from tradegraph.graph.store import GraphStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="who held which office for a person, country or body, when, and who came before and after",
        description="For a person: the offices they held, for whom, from when to when, with their "
        "predecessors and successors. For a country or body: everyone who held an office for it, "
        "office by office, in order. Dates come from the articles; '?' means not stated.",
    )
    parser.add_argument("actor", metavar="ACTOR", help="an actor id, name or alias")
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the tenures as JSON")
    parser.set_defaults(func=run)


def relevant_relations(store: GraphStore, actor: Actor) -> list[Relation]:
    """The REPRESENTS and REPLACED_BY relations that decide the tenures around ``actor``."""
    from tradegraph.graph.model import ActorKind, RelationKind

    rep, repl = RelationKind.REPRESENTS, RelationKind.REPLACED_BY
    if actor.kind is ActorKind.PERSON:
        bodies = {r.target for r in store.relations(rep, source=actor.id)}
        people = {actor.id} | {r.other(actor.id) for r in store.relations(repl, actor=actor.id)}
        for replaced in list(people):
            bodies |= {r.target for r in store.relations(rep, source=replaced)}
    else:
        bodies, people = {actor.id}, set()
    found = {r.key: r for body in bodies for r in store.relations(rep, target=body)}
    people |= {r.source for r in found.values()}
    found |= {r.key: r for person in people for r in store.relations(repl, actor=person)}
    return list(found.values())


def timeline(store: GraphStore, actor: Actor) -> list[Tenure]:
    """The tenures of ``actor`` (a person) or held for ``actor`` (a country or body), in order."""
    from tradegraph.graph.export.tenures import tenures

    found = tenures(relevant_relations(store, actor))
    mine = [t for t in found if actor.id in (t.person, t.body)]
    offices = {(t.body, (t.role or "").casefold()) for t in mine}
    # Predecessors and successors count even when the articles name their office differently.
    linked, frontier = set(), {t.person for t in mine}
    while frontier:
        linked |= frontier
        frontier = {
            other
            for t in found
            if t.person in frontier
            for other in (t.predecessor, t.successor)
            if other and other not in linked
        }
    bodies = {t.body for t in mine}
    return [
        t
        for t in found
        if (t.body, (t.role or "").casefold()) in offices or (t.body in bodies and t.person in linked)
    ]


def _when(t: Tenure) -> str:
    end = t.end.isoformat() if t.end else ("?" if t.ended else "now")
    return f"{t.start.isoformat() if t.start else '?'} to {end}"


def render(actor: Actor, found: Iterable[Tenure], names: dict[str, str]) -> str:
    """The tenures as text, office by office."""
    lines = [f"{actor.name} ({actor.id})"]
    offices: dict[tuple[str, str], list[Tenure]] = {}
    for t in found:
        offices.setdefault((t.body, t.role or "(office not stated)"), []).append(t)
    if not offices:
        return lines[0] + "\n  no office known (no REPRESENTS or REPLACED_BY relation)"
    for (body, role), held in offices.items():
        lines.append(f"  {role} for {names.get(body, body)}")
        for t in held:
            extra = [f"after {names.get(t.predecessor, t.predecessor)}" if t.predecessor else ""]
            extra += [f"then {names.get(t.successor, t.successor)}" if t.successor else ""]
            extra += ["inferred from a replacement" if t.inferred else ""]
            note = "; ".join(e for e in extra if e)
            lines.append(f"    {names.get(t.person, t.person):28} {_when(t):28} {note}".rstrip())
    return "\n".join(lines)


def as_json(found: Iterable[Tenure]) -> list[dict[str, object]]:
    return [
        {
            "person": t.person,
            "body": t.body,
            "role": t.role,
            "start": t.start.isoformat() if t.start else None,
            "end": t.end.isoformat() if t.end else None,
            "ended": t.ended,
            "predecessor": t.predecessor,
            "successor": t.successor,
            "inferred": t.inferred,
        }
        for t in found
    ]


def run(args: argparse.Namespace) -> int:
    from tradegraph.commands.selection import find_actor
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        actor = find_actor(store, args.actor)
        found = timeline(store, actor)
        ids = {i for t in found for i in (t.person, t.body, t.predecessor, t.successor) if i}
        names = {i: a.name for i in ids if (a := store.actor(i)) is not None}
    if args.json:
        print(json.dumps({"actor": actor.id, "tenures": as_json(found)}, indent=2, ensure_ascii=False))
    else:
        print(render(actor, found, names))
    return 0
