"""Actor dictionaries (in the manner of PETRARCH's and NGEC's): known persons and bodies with
their aliases, kind, country and dated roles, used at ingest to resolve and place persons and
to date REPRESENTS. What the text says is kept; where it disagrees with the dictionary the
disagreement is reported as a conflict, never silently overridden.

YAML (a list of entries)::

    - name: Ryosei Akazawa
      aliases: [Akazawa]
      kind: Person            # Person (default), Country or Organization
      country: Japan          # a name, demonym or ISO code of the state (or body) they act for
      roles:
        - {role: economic revitalization minister, from: 2024-10-01, to: 2025-10-21}

CSV: one row per role, columns ``name, aliases, kind, country, role, from, to`` (aliases split
on ``;``); rows with the same name make one entry.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import InputError
from tradegraph.graph.model import Actor, ActorKind, Extraction, Relation, RelationKind, actor_id

_KINDS = {"person": ActorKind.PERSON, "country": ActorKind.COUNTRY, "organization": ActorKind.ORGANIZATION}
_KINDS.update({"organisation": ActorKind.ORGANIZATION, "org": ActorKind.ORGANIZATION})


@dataclass(frozen=True, slots=True)
class Role:
    """An office held for ``body`` (an actor id) from ``start`` until ``end`` (None: open)."""

    title: str
    body: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    actor: Actor
    roles: tuple[Role, ...] = ()


class ActorDictionary:
    """Entries by every name and alias (case and accents ignored)."""

    def __init__(self, entries: Iterable[Entry], origin: str = "<dictionary>") -> None:
        from tradegraph.graph.name_keys import name_key

        self._key = name_key
        self.origin = origin
        self.entries = list(entries)
        self.by_name: dict[str, Entry] = {}
        for entry in self.entries:
            for form in (entry.actor.name, *entry.actor.aliases):
                self.by_name.setdefault(name_key(form), entry)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, actor: Actor) -> Entry | None:
        """The entry for an extracted actor of the same kind, by its name or any alias."""
        for form in (actor.name, *actor.aliases):
            entry = self.by_name.get(self._key(form))
            if entry is not None and entry.actor.kind is actor.kind:
                return entry
        return None

    def apply(self, extraction: Extraction) -> tuple[Extraction, list[str]]:
        """The extraction with dictionary actors placed and REPRESENTS dated, and the conflicts."""
        conflicts: list[str] = []
        ids: dict[str, str] = {}
        actors = []
        for actor in extraction.actors:
            entry = self.find(actor)
            if entry is None:
                actors.append(actor)
                continue
            ids[actor.id] = entry.actor.id
            known = entry.actor
            if actor.affiliation and known.affiliation and actor.affiliation != known.affiliation:
                conflicts.append(
                    f"{known.name}: the text places them with {actor.affiliation}, "
                    f"the dictionary with {known.affiliation}"
                )
            aliases = actor.aliases + ((actor.name,) if actor.name != known.name else ())
            actors.append(
                replace(
                    known.merged(
                        replace(actor, id=known.id, name=known.name, aliases=aliases, affiliation=None)
                    ),
                    affiliation=actor.affiliation or known.affiliation,
                )
            )
        relations = [self._dated(_moved(r, ids), conflicts, extraction) for r in extraction.relations]
        merged: dict[str, Actor] = {}
        for a in actors:
            merged[a.id] = merged[a.id].merged(a) if a.id in merged else a
        out = replace(
            extraction,
            actors=tuple(merged.values()),
            relations=tuple(r for r in relations if r.source != r.target),
        )
        return out, conflicts

    def _dated(self, rel: Relation, conflicts: list[str], extraction: Extraction) -> Relation:
        if rel.kind is not RelationKind.REPRESENTS:
            return rel
        entry = next((e for e in self.entries if e.actor.id == rel.source), None)
        if entry is None or not entry.roles:
            return rel
        day = extraction.article.published
        roles = [r for r in entry.roles if r.body == rel.target]
        if not roles:
            bodies = ", ".join(sorted({r.body for r in entry.roles}))
            conflicts.append(
                f"{entry.actor.name}: the text says they represent {rel.target}, the dictionary {bodies}"
            )
            return rel
        role = _role_on(roles, day)
        if rel.valid_from or rel.valid_to:
            if (rel.valid_from, rel.valid_to) != (role.start, role.end) and (role.start or role.end):
                conflicts.append(
                    f"{entry.actor.name} for {rel.target}: the text dates it {rel.valid_from}–{rel.valid_to}, "
                    f"the dictionary {role.start}–{role.end}"
                )
            return rel
        return replace(rel, valid_from=role.start, valid_to=role.end, role=rel.role or role.title)


def _role_on(roles: list[Role], day: date | None) -> Role:
    """The role held on ``day`` (else the latest that started before it, else the first)."""
    if day:
        for role in roles:
            if (role.start is None or role.start <= day) and (role.end is None or day < role.end):
                return role
        started = [r for r in roles if r.start and r.start <= day]
        if started:
            return max(started, key=lambda r: r.start or date.min)
    return roles[0]


def _moved(rel: Relation, ids: Mapping[str, str]) -> Relation:
    source, target = ids.get(rel.source, rel.source), ids.get(rel.target, rel.target)
    if (source, target) == (rel.source, rel.target) or source == target:
        return rel
    return Relation(source, rel.kind, target, rel.evidence, rel.valid_from, rel.valid_to, rel.role)


# -- loading --------------------------------------------------------------------------------


def _bad(origin: str, record: int, field: str, problem: str) -> InputError:
    return InputError(f"{origin}: entry {record}: {field}: {problem}", code="TG181")


def _body(text: str, origin: str, record: int, field: str) -> str:
    from tradegraph.knowledge.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    text = text.strip()
    place = gaz.lookup(text) or (gaz.forms.get(f"#{text.upper()}") if len(text) == 3 else None)
    if place is None:
        raise _bad(origin, record, field, f"{text!r} is not a country or body tradegraph knows")
    return f"country:{place.state}" if place.state and place.kind is not ActorKind.COUNTRY else place.id


def _day(value: Any, origin: str, record: int, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _bad(origin, record, field, f"{value!r} is not a date; write YYYY-MM-DD") from None


def _text_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def entry_from_record(raw: Any, origin: str, record: int) -> Entry:
    """One entry from a mapping; a bad field raises TG181 naming the file, entry and field."""
    if not isinstance(raw, Mapping):
        raise _bad(origin, record, "entry", "expected a mapping with at least a name")
    name = str(raw.get("name") or "").strip()
    if not name:
        raise _bad(origin, record, "name", "missing")
    kind = _KINDS.get(str(raw.get("kind") or "person").strip().lower())
    if kind is None:
        raise _bad(origin, record, "kind", f"{raw.get('kind')!r}; use Person, Country or Organization")
    country = _body(str(raw["country"]), origin, record, "country") if raw.get("country") else None
    roles = []
    for n, item in enumerate(raw.get("roles") or []):
        item = {"role": item} if isinstance(item, str) else item
        if not isinstance(item, Mapping):
            raise _bad(origin, record, f"roles[{n}]", "expected a role name or a mapping")
        body = (
            _body(str(item["country"]), origin, record, f"roles[{n}].country")
            if item.get("country")
            else country
        )
        if body is None:
            raise _bad(origin, record, f"roles[{n}]", "a role needs a country (of the entry or the role)")
        start = _day(item.get("from"), origin, record, f"roles[{n}].from")
        end = _day(item.get("to"), origin, record, f"roles[{n}].to")
        if start and end and end < start:
            raise _bad(origin, record, f"roles[{n}]", f"ends ({end}) before it starts ({start})")
        roles.append(Role(str(item.get("role") or "").strip(), body, start, end))
    actor = Actor(
        id=actor_id(kind, name),
        name=name,
        kind=kind,
        aliases=tuple(_text_list(raw.get("aliases"))),
        roles=tuple(r.title for r in roles if r.title),
        affiliation=country if kind is ActorKind.PERSON else None,
    )
    return Entry(actor, tuple(roles))


def _read_yaml(path: Path) -> list[Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML: {err}", code="TG180") from err
    if isinstance(data, Mapping) and isinstance(data.get("actors"), list):
        data = data["actors"]
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of actors (or 'actors: [...]')", code="TG180")
    return data


def _read_csv(path: Path) -> list[Any]:
    rows: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
            raise InputError(f"{path}: a CSV actor dictionary needs a 'name' column", code="TG180")
        for row in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            entry = rows.setdefault(row.get("name", ""), {**row, "roles": []})
            if row.get("role"):
                entry["roles"].append({"role": row["role"], "from": row.get("from"), "to": row.get("to")})
    return list(rows.values())


def load_actor_dictionary(path: str | os.PathLike[str]) -> ActorDictionary:
    """Read a ``.yaml``/``.yml`` or ``.csv`` actor dictionary.

    Raises:
        InputError: [TG180] the file is missing, unreadable or not a list of actors;
            [TG181] an entry has a bad field (the message names the entry and the field).
    """
    path = Path(path)
    try:
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            raw = _read_yaml(path)
        elif suffix == ".csv":
            raw = _read_csv(path)
        else:
            raise InputError(f"{path}: an actor dictionary is a .yaml, .yml or .csv file", code="TG180")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the actor dictionary: {err}", code="TG180") from err
    return ActorDictionary((entry_from_record(r, str(path), n) for n, r in enumerate(raw, 1)), str(path))
