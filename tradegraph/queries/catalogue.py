"""The catalogue of questions: each kind declared once and read by ``ask``, ``query``, ``--help``,
the Python API and the docs.

An entry names the kind (also the grammar's intent), its CLI spelling (``tradegraph query
NAME``), its actor arguments, the query helper it calls, its help text and an example question.
``run`` turns any entry plus actors (names or ids) into one ``Reply``; ``replies`` renders it
as text or as the one JSON shape. Adding a kind: one ``QuestionKind`` here, its answer function,
grammar rules for its intent, and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tradegraph.graph.errors import InputError
from tradegraph.graph.model import Actor, ActorKind
from tradegraph.graph.protocol import SHOWN_LIMIT
from tradegraph.queries import helpers
from tradegraph.queries.answerers import (
    Call,
    Outcome,
    _allied,
    _brokers,
    _counterparts,
    _imposes_tariffs,
    _negotiating,
    _neighbourhood,
    _path,
    _predecessors,
    _profile,
    _replaced_when,
    _representatives,
    _represents,
    _represents_since,
    _simple,
    _successors,
)
from tradegraph.queries.names import NameIndex
from tradegraph.queries.replies import Reply
from tradegraph.queries.results import Answer


@dataclass(frozen=True, slots=True)
class QuestionKind:
    name: str
    cli: str
    args: tuple[str, ...]
    helper: str
    help: str
    example: str | None
    answer: Callable[[Call], Outcome] = field(repr=False)
    optional: int = 0  # how many of the last ``args`` may be left out

    @property
    def usage(self) -> str:
        required = len(self.args) - self.optional
        return " ".join((self.cli, *self.args[:required], *(f"[{a}]" for a in self.args[required:])))


# Which kinds of actor each argument expects: suggestions for unknown names list these first.
ARG_KINDS: dict[str, tuple[ActorKind, ...]] = {
    "BODY": (ActorKind.COUNTRY, ActorKind.ORGANIZATION),
    "COUNTRY": (ActorKind.COUNTRY, ActorKind.ORGANIZATION),
    "TARGET": (ActorKind.COUNTRY, ActorKind.ORGANIZATION, ActorKind.PERSON),
    "PERSON": (ActorKind.PERSON,),
    "NEW": (ActorKind.PERSON,),
}


KINDS: tuple[QuestionKind, ...] = (
    QuestionKind(
        "representatives",
        "representatives",
        ("BODY",),
        "representatives_of",
        "who represents a country or body; a title narrows it ('Japan's ambassador'); the "
        f"{helpers.DEFAULT_HOLDERS} most recently reported holders, with how many there are (--limit N, --all)",
        "Who represents Japan?  Which officials act on behalf of the EU?  Who is China's trade envoy?",
        _representatives,
    ),
    QuestionKind(
        "represented_by",
        "represented-by",
        ("PERSON",),
        "represented_by",
        "whom a person represents, with the role",
        "Whom does Akazawa represent?  Which country does Bessent work for?",
        _simple(helpers.represented_by),
    ),
    QuestionKind(
        "represents",
        "represents",
        ("PERSON", "BODY"),
        "represented_by",
        "yes/no: whether a person represents a state or body (on a day), with the evidence",
        "Does Akazawa represent Japan?  Is Kenji Sato Japan's ambassador?",
        _represents,
    ),
    QuestionKind(
        "represents_since",
        "represents-since",
        ("PERSON", "BODY"),
        "represented_by",
        "since when a person represents a state or body (its start, and when first reported)",
        "Since when has Akazawa represented Japan?  When did Peter Kyle start representing the UK?",
        _represents_since,
    ),
    QuestionKind(
        "successors",
        "successors",
        ("PERSON",),
        "successors",
        "who replaced a person (query: the whole chain), with offices and dates",
        "Who replaced Wang Shouwen?  Who is Jonathan Reynolds' successor?",
        _successors,
    ),
    QuestionKind(
        "predecessors",
        "predecessors",
        ("PERSON",),
        "predecessors",
        "whom a person replaced (query: the whole chain)",
        "Who was Li Chenggang's predecessor?  Whom did Peter Kyle succeed?",
        _predecessors,
    ),
    QuestionKind(
        "replaced_when",
        "replaced-when",
        ("PERSON", "NEW"),
        "successors",
        "when a person was replaced (by whom)",
        "When did Li Chenggang replace Wang Shouwen?  When was Jonathan Reynolds replaced?",
        _replaced_when,
        optional=1,
    ),
    QuestionKind(
        "counterparts",
        "counterparts",
        ("ACTOR",),
        "counterparts",
        "negotiation counterparts (a state's: its negotiators' counterparts, lifted to their states)",
        "Who is the US negotiating with?  Who are Mexico's counterparts?",
        _counterparts,
    ),
    QuestionKind(
        "negotiating",
        "negotiating",
        ("ACTOR", "ACTOR"),
        "counterparts",
        "yes/no: whether two actors negotiate, with the evidence",
        "Is the US negotiating with Japan?",
        _negotiating,
    ),
    QuestionKind(
        "allies",
        "allies",
        ("COUNTRY",),
        "allies",
        "allies of a state",
        "Which countries are allied with the United States?  Who are Japan's allies?",
        _simple(helpers.allies),
    ),
    QuestionKind(
        "allied",
        "allied",
        ("COUNTRY", "COUNTRY"),
        "allies",
        "yes/no: whether two states are allied, with the evidence",
        "Is Japan allied with the United States?",
        _allied,
    ),
    QuestionKind(
        "tariff_imposers",
        "tariffs-on",
        ("TARGET",),
        "tariff_imposers",
        "who imposed tariffs on a target (person imposers lifted to their state too)",
        "Who imposed tariffs on India?  Who imposes tariffs on Canada?",
        _simple(helpers.tariff_imposers),
    ),
    QuestionKind(
        "tariff_targets",
        "tariffs-by",
        ("ACTOR",),
        "tariff_targets",
        "on whom an actor (or its representatives) imposed tariffs",
        "What tariffs has the US imposed?  Which countries did Trump put tariffs on?",
        _simple(helpers.tariff_targets),
    ),
    QuestionKind(
        "imposes_tariffs",
        "imposes-tariffs",
        ("ACTOR", "TARGET"),
        "tariff_targets",
        "yes/no: whether an actor imposed tariffs on a target, with the evidence",
        "Has the US imposed tariffs on China?",
        _imposes_tariffs,
    ),
    QuestionKind(
        "path",
        "path",
        ("A", "B"),
        "shortest_path",
        "the shortest chain of relations between two actors",
        "How is Ebrard connected to Li Chenggang?",
        _path,
    ),
    QuestionKind(
        "profile",
        "profile",
        ("ACTOR",),
        "profile",
        "an actor: kind, aliases, roles, affiliation and its relations over time",
        "Who is Akazawa?  Tell me about the EU",
        _profile,
    ),
    QuestionKind(
        "neighbourhood",
        "neighbourhood",
        ("ACTOR",),
        "neighbourhood",
        f"actors and relations around an actor (--depth N; the {SHOWN_LIMIT} nearest and best connected, --limit N)",
        None,
        _neighbourhood,
    ),
    QuestionKind(
        "brokers",
        "brokers",
        (),
        "brokers",
        "the most central brokers by betweenness (--top N)",
        "Who are the key brokers?",
        _brokers,
    ),
)

BY_NAME = {k.name: k for k in KINDS}
BY_CLI = {k.cli: k for k in KINDS}


def kind(name: str) -> QuestionKind:
    """The entry called ``name`` (its kind or its CLI spelling); TG164 names the known ones."""
    found = BY_NAME.get(name) or BY_CLI.get(name)
    if found is None:
        raise InputError(f"no query {name!r}; use one of: {', '.join(BY_CLI)}", code="TG164")
    return found


def resolve(index: NameIndex, texts: Sequence[str | Actor], entry: QuestionKind) -> tuple[Actor, ...]:
    """Names or ids -> actors, unknown names suggested with the kinds the arguments expect first."""
    if not len(entry.args) - entry.optional <= len(texts) <= len(entry.args):
        raise InputError(
            f"'{entry.cli}' takes {_count(entry)} actor argument(s) ({entry.usage}), got {len(texts)}",
            code="TG164",
        )
    return tuple(
        text if isinstance(text, Actor) else index.resolve_id_or_name(text, prefer=ARG_KINDS.get(arg, ()))
        for text, arg in zip(texts, entry.args, strict=False)
    )


def _count(entry: QuestionKind) -> str:
    least = len(entry.args) - entry.optional
    return str(least) if not entry.optional else f"{least} to {len(entry.args)}"


def known_by(answers: Sequence[Answer], day: date | None) -> tuple[Answer, ...]:
    """Answers with only the evidence reported by ``day``; an answer none of whose evidence was
    reported by then is left out (it was not known yet)."""
    if day is None:
        return tuple(answers)
    out = []
    for ans in answers:
        kept = tuple(ev for ev in ans.evidence if ev.date is None or ev.date <= day)
        if kept or not ans.evidence:
            out.append(replace(ans, evidence=kept))
    return tuple(out)


def run(
    entry: QuestionKind | str,
    store: Any,
    actors: Sequence[str | Actor] = (),
    *,
    as_of: date | None = None,
    question: str | None = None,
    index: NameIndex | None = None,
    **options: Any,
) -> Reply:
    """Answer one catalogue entry for actors given by name, id or ``Actor``.

    >>> from tradegraph.graph.backends.memory import MemoryStore
    >>> from tradegraph.graph.model import Actor, Relation
    >>> s = MemoryStore(None)
    >>> s.upsert([Actor.create("Japan", "Country", iso3="JPN"), Actor.create("Ryosei Akazawa", "Person")],
    ...          [Relation("person:ryosei-akazawa", "REPRESENTS", "country:JPN")])
    >>> run("representatives", s, ["Japan"]).ids
    ['person:ryosei-akazawa']
    """
    entry = kind(entry) if isinstance(entry, str) else entry
    if any(not isinstance(a, Actor) for a in actors):
        index = index or NameIndex.from_store(store)
    resolved = resolve(index or NameIndex(()), actors, entry)
    outcome = entry.answer(Call(store, resolved, as_of, **options))
    return Reply(
        question=question or " ".join([entry.cli, *(a.name for a in resolved)]),
        kind=entry.name,
        entity=resolved[0] if resolved else None,
        as_of=as_of,
        answers=known_by(outcome.answers, as_of),
        other=resolved[1] if len(resolved) > 1 else None,
        notes=outcome.notes,
        verdict=outcome.verdict,
        relations=outcome.relations,
        scores=outcome.scores,
        role=options.get("role"),
        total=outcome.total,
    )


def merged(replies: Sequence[Reply]) -> Reply:
    """One reply from the same question asked on several days (answers of any of them; ``total``:
    how many they are, or the largest day's total when a limit cut some day's answers)."""
    first = replies[0]
    seen: dict[str, Answer] = {}
    for reply in replies:
        for ans in reply.answers:
            seen.setdefault(ans.actor.id, ans)
    verdict = None
    if first.verdict:
        verdict = "yes" if any(r.verdict == "yes" for r in replies) else "no"
    notes = tuple(dict.fromkeys(n for r in replies for n in r.notes))
    totals = [r.total for r in replies if r.total is not None]
    cut = any(r.total > len(r.answers) for r in replies if r.total is not None)
    total = (max(totals) if cut else len(seen)) if totals else None
    return replace(first, answers=tuple(seen.values()), verdict=verdict, notes=notes, total=total)


def help_text() -> str:
    """The list of queries for ``tradegraph query --help`` and the docs."""
    return "\n".join(f"  {k.usage:<34} {k.help}" for k in KINDS)


def ask_help() -> str:
    """The kinds of questions ``ask`` understands, with examples, for ``--help`` and errors."""
    return "\n".join(f"  - {k.help}: {k.example}" for k in KINDS if k.example)


def markdown_table() -> str:
    """The catalogue as a Markdown table (README and docs)."""
    rows = ["| kind | `tradegraph query` | helper | example question |", "|---|---|---|---|"]
    rows += [f"| {k.name} | `{k.usage}` | `{k.helper}` | {k.example or '—'} |" for k in KINDS]
    return "\n".join(rows)


def docs_page() -> str:
    """docs/questions.md: the catalogue as the docs show it (regenerate with
    ``python -m tradegraph.queries.catalogue > docs/questions.md``; a test keeps them equal)."""
    lines = [
        "# Questions and queries",
        "",
        "Generated from `tradegraph/queries/catalogue.py`, the one place each kind is declared;",
        "`tradegraph ask`, `tradegraph query`, `--help`, the Python API and this page read it.",
        "",
        markdown_table(),
        "",
        "## Kinds",
        "",
    ]
    for k in KINDS:
        lines += [f"### `{k.name}`", "", k.help[0].upper() + k.help[1:] + ".", ""]
        lines.append(f"- CLI: `tradegraph query {k.usage}`")
        args = "".join(f", {arg}" for arg in k.args)
        lines.append(f"- API: `Graph.query({k.name!r}{args})` (names or ids)")
        lines.append(f"- helper: `tradegraph.queries.helpers.{k.helper}`")
        if k.example:
            lines.append(f"- asked as: {k.example}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(docs_page(), end="")
