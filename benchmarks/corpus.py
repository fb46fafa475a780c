"""A seeded generator of synthetic trade-diplomacy news, with the relations it planted as gold.

Article ``i`` of seed ``s`` depends only on ``(s, i)``, so a 1k corpus is the first 1k articles of
the 10k one. Each article is 300-800 words of the sentence shapes the extractor reads (meetings
of titled officials, appositive successions, tariffs, alliances, refusals, analyst quotes) and
filler paragraphs. Its gold follows ``../shared/eval`` (one JSON file per article), so
``score.py score GOLD_DIR PRED.jsonl`` scores extraction on it.

    python -m benchmarks.corpus --articles 10000 --seed 0 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks import phrases
from benchmarks.world import END, START, Term, World, build_world

MIN_WORDS, MAX_WORDS = 300, 800
_CACHE: dict[int, World] = {}


def world_for(seed: int) -> World:
    if seed not in _CACHE:
        _CACHE[seed] = build_world(seed)
    return _CACHE[seed]


@dataclass
class Draft:
    """One article being written: its sentences and the actors and relations they state."""

    rng: random.Random
    world: World
    day: date
    paragraphs: list[list[str]] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], dict[str, str]] = field(default_factory=dict)
    fillers: list[int] = field(default_factory=list)  # indices of paragraphs that state nothing

    def words(self) -> int:
        return sum(len(s.split()) for p in self.paragraphs for s in p)

    def polity(self, code: str) -> str:
        """Mention a state or bloc: its prose form, registered as a gold actor."""
        p = self.world.polities[code]
        form = self.rng.choice(["the United States", "the U.S.", "the US"]) if code == "USA" else p.short
        self._actor(p.name, p.kind, alias=form.removeprefix("the ") if form != p.name else None)
        for alias in p.aliases:
            self._actor(p.name, p.kind, alias=alias)
        return form

    def person(self, term: Term, *, titled: bool = True) -> str:
        """Mention an office holder: ``Japan's trade minister Name`` first, the surname after."""
        p = self.world.polities[term.polity]
        known = term.person in self.actors
        self._actor(term.person, "Person", alias=term.person.split()[-1], affiliation=p.name, role=term.role)
        self._actor(p.name, p.kind)
        if known:
            return term.person.split()[-1]
        return f"{p.adjective} {term.title} {term.person}" if titled else term.person

    def analyst(self) -> tuple[str, str]:
        name, role, institution = self.rng.choice(self.world.analysts)
        known = name in self.actors
        self._actor(name, "Person", alias=name.split()[-1], role=role)
        self._actor(institution.removeprefix("the "), "Organization")
        return (name.split()[-1] if known else name), f"{_article(role)} {role} at {institution}"

    def relate(self, s: str, p: str, o: str, sentence: str) -> None:
        key = (min(s, o), p, max(s, o)) if p in phrases.SYMMETRIC else (s, p, o)
        self.relations.setdefault(key, {"s": s, "p": p, "o": o, "evidence": sentence})

    def _actor(
        self,
        name: str,
        kind: str,
        *,
        alias: str | None = None,
        affiliation: str | None = None,
        role: str | None = None,
    ) -> None:
        a = self.actors.setdefault(
            name, {"name": name, "type": kind, "aliases": [], "affiliation": affiliation, "roles": []}
        )
        if alias and alias != name and alias not in a["aliases"]:
            a["aliases"].append(alias)
        if role and role not in a["roles"]:
            a["roles"].append(role)


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


# -- event paragraphs: each writes sentences and states exactly the relations they carry ------


def meeting(d: Draft, a: str, b: str) -> None:
    x = d.world.holder(a, d.rng.choice(d.world.titles(a)), d.day)
    y = d.world.holder(b, d.rng.choice(d.world.titles(b)), d.day)
    if x.person == y.person:
        return
    r = d.rng
    if r.random() < 0.5:
        s1 = _cap(
            f"{d.person(x)} met {d.person(y)} {r.choice(phrases.VENUES)} on {r.choice(phrases.WEEKDAYS)} "
            f"to discuss {r.choice(phrases.TOPICS)}."
        )
    else:
        px, py = d.world.polities[a], d.world.polities[b]
        fx, fy = d.person(x, titled=False), d.person(y, titled=False)
        ax = f", {px.possessive} {x.title}," if fx == x.person else ""
        ay = f", {py.possessive} {y.title}," if fy == y.person else ""
        s1 = f"{fx}{ax} will hold talks with {fy}{ay} {r.choice(phrases.VENUES)} next week."
    d.relate(x.person, "REPRESENTS", d.world.polities[a].name, s1)
    d.relate(y.person, "REPRESENTS", d.world.polities[b].name, s1)
    d.relate(x.person, "NEGOTIATES_WITH", y.person, s1)
    s2 = (
        f"{x.person.split()[-1]} described the talks as {r.choice(phrases.ADJECTIVES)}, while "
        f"{y.person.split()[-1]} said {r.choice(phrases.CLAUSES)}."
    )
    d.paragraphs.append([s1, s2])


def succession(d: Draft, a: str, b: str) -> None:
    pairs = [(old, new) for old, new in d.world.successions(a) if new.start <= d.day]
    if not pairs:
        return
    old, new = max(pairs, key=lambda p: p[1].start)
    p, when = d.world.polities[a], new.start.strftime("%B %Y")
    shape = d.rng.randrange(3)
    if shape == 0:
        s = f"{d.person(new, titled=False)}, {p.possessive} {new.title}, replaced {d.person(old, titled=False)} in {when}."
        d.relate(new.person, "REPRESENTS", p.name, s)
    elif shape == 1:
        s = f"{d.person(new, titled=False)} succeeded {d.person(old, titled=False)} as {p.possessive} {new.title} in {when}."
        d.relate(new.person, "REPRESENTS", p.name, s)
    else:
        s = _cap(
            f"{d.polity(a)} replaced its {new.title} {d.person(old, titled=False)} with "
            f"{d.person(new, titled=False)} in {when}."
        )
    d.relate(old.person, "REPLACED_BY", new.person, s)
    d.paragraphs.append([s, f"The change came as {d.rng.choice(phrases.CLAUSES)}."])


def tariffs(d: Draft, a: str, b: str) -> None:
    r, pa = d.rng, d.world.polities[a]
    pct, goods = r.choice(phrases.PERCENTS), r.choice(phrases.GOODS)
    shape = r.randrange(4)
    if shape == 0:
        s = _cap(f"{d.polity(a)} imposed {pct}% tariffs on {goods} from {d.polity(b)}.")
        d.relate(pa.name, "IMPOSES_TARIFFS_ON", d.world.polities[b].name, s)
    elif shape == 1 and pa.kind == "Country":
        leader = d.world.holder(a, d.world.titles(a)[0], d.day)
        s = _cap(
            f"{d.person(leader)} announced {pct}% tariffs on {goods} from {d.polity(b)} on {r.choice(phrases.WEEKDAYS)}."
        )
        d.relate(leader.person, "REPRESENTS", pa.name, s)
        d.relate(leader.person, "IMPOSES_TARIFFS_ON", d.world.polities[b].name, s)
    elif shape == 2:
        s = f"A {pct}% levy on {goods} that {d.polity(a)} imposed last year now applies to {d.polity(b)}."
        d.relate(pa.name, "IMPOSES_TARIFFS_ON", d.world.polities[b].name, s)
    else:  # a threat is not a tariff: planted as text, never as a relation
        s = _cap(
            f"{d.polity(a)} threatened to impose {pct}% tariffs on {goods} from {d.polity(b)} "
            "unless the talks make progress."
        )
    d.paragraphs.append([s, _cap(f"{r.choice(phrases.CLAUSES)}, officials said.")])


def alliance(d: Draft, a: str, b: str) -> None:
    pairs = [p for p in d.world.alliances if a in p] or d.world.alliances
    x, y = d.rng.choice(pairs)
    shape = d.rng.randrange(3)
    if shape == 0:
        s = _cap(f"{d.polity(x)} and {d.polity(y)} are close allies.")
    elif shape == 1:
        px = d.polity(x)
        s = _cap(f"{px} remains one of {d.world.polities[y].possessive} closest allies.")
        d.polity(y)
    else:
        s = _cap(f"{d.polity(x)} and {d.polity(y)} have been military allies for decades.")
    d.relate(d.world.polities[x].name, "ALLIED_WITH", d.world.polities[y].name, s)
    d.paragraphs.append([s, _cap(f"{d.rng.choice(phrases.CLAUSES)}, diplomats noted.")])


def country_talks(d: Draft, a: str, b: str) -> None:
    r = d.rng
    if r.random() < 0.5:
        s = _cap(f"{d.polity(a)} and {d.polity(b)} reached a trade deal on {r.choice(phrases.WEEKDAYS)}.")
    else:
        s = f"Negotiators from {d.polity(a)} and {d.polity(b)} held a fresh round of trade talks {r.choice(phrases.VENUES)}."
    d.relate(d.world.polities[a].name, "NEGOTIATES_WITH", d.world.polities[b].name, s)
    d.paragraphs.append(
        [s, _cap(f"{r.choice(phrases.CLAUSES)}, according to people familiar with the matter.")]
    )


def refusal(d: Draft, a: str, b: str) -> None:
    x = d.world.holder(a, d.rng.choice(d.world.titles(a)), d.day)
    s = _cap(f"{d.person(x)} refused to negotiate with {d.polity(b)} while the tariffs remain in place.")
    d.relate(x.person, "REPRESENTS", d.world.polities[a].name, s)
    d.paragraphs.append([s])


def quote(d: Draft, a: str, b: str) -> None:
    name, who = d.analyst()
    s1 = f"“{_cap(d.rng.choice(phrases.QUOTES))},” said {name}, {who}."
    d.paragraphs.append([s1, f"{name.split()[-1]} added that {d.rng.choice(phrases.CLAUSES)}."])


EVENTS: list[tuple[Callable[[Draft, str, str], None], int]] = [
    (meeting, 5),
    (tariffs, 4),
    (country_talks, 2),
    (succession, 2),
    (alliance, 2),
    (refusal, 1),
    (quote, 3),
]


def filler(d: Draft) -> None:
    d.fillers.append(len(d.paragraphs))
    d.paragraphs.append(
        [
            s.format(n=d.rng.randrange(2, 40), q=d.rng.choice(phrases.QUARTERS))
            for s in d.rng.sample(phrases.FILLER, d.rng.randrange(2, 5))
        ]
    )


def _pick_pair(rng: random.Random, world: World) -> tuple[str, str]:
    codes = sorted(world.polities)
    roll = rng.random()
    a = (
        "USA"
        if roll < 0.3
        else "CHN"
        if roll < 0.4
        else "european-union"
        if roll < 0.46
        else rng.choice(codes)
    )
    b = rng.choice(codes)
    while b == a:
        b = rng.choice(codes)
    return a, b


def generate_article(i: int, seed: int = 0) -> dict[str, Any]:
    """Article ``i`` of the corpus of ``seed``, in the ``../shared/eval`` gold format."""
    world = world_for(seed)
    rng = random.Random(f"article:{seed}:{i}")
    day = START + timedelta(days=rng.randrange((END - START).days))
    d = Draft(rng, world, day)
    a, b = _pick_pair(rng, world)
    target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 120)
    events, weights = zip(*EVENTS)
    meeting(d, a, b)
    while d.words() < target:
        before = len(d.paragraphs)
        rng.choices(events, weights)[0](d, *(_pick_pair(rng, world) if rng.random() < 0.3 else (a, b)))
        if rng.random() < 0.5 or len(d.paragraphs) == before:
            filler(d)
    while d.words() > MAX_WORDS and d.fillers:
        del d.paragraphs[d.fillers.pop()]
    pa, pb = world.polities[a], world.polities[b]
    aid = f"synth-{seed}-{i:07d}"
    return {
        "id": aid,
        "url": f"https://news.example/{day:%Y/%m}/{aid}",
        "source": rng.choice(phrases.OUTLETS),
        "published": day.isoformat(),
        "title": rng.choice(phrases.HEADLINES).format(a=pa.name, b=pb.name),
        "text": "\n\n".join(" ".join(p) for p in d.paragraphs),
        "gold": {"actors": list(d.actors.values()), "relations": list(d.relations.values())},
    }


def generate(n: int, seed: int = 0, start: int = 0) -> Iterator[dict[str, Any]]:
    """Articles ``start .. start+n-1`` of the corpus of ``seed``."""
    for i in range(start, start + n):
        yield generate_article(i, seed)


ARTICLE_FIELDS = ("id", "url", "title", "source", "published", "text")


def write_corpus(n: int, out: Path, seed: int = 0, gold: bool = True) -> Path:
    """Write ``out/articles.jsonl`` (what ``tradegraph ingest`` reads) and ``out/gold/<id>.json``."""
    out.mkdir(parents=True, exist_ok=True)
    if gold:
        (out / "gold").mkdir(exist_ok=True)
    path = out / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as articles:
        for record in generate(n, seed):
            articles.write(json.dumps({k: record[k] for k in ARTICLE_FIELDS}, ensure_ascii=False) + "\n")
            if gold:
                (out / "gold" / f"{record['id']}.json").write_text(json.dumps(record, ensure_ascii=False))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-gold", action="store_true", help="skip the per-article gold files")
    args = parser.parse_args(argv)
    path = write_corpus(args.articles, args.out, args.seed, gold=not args.no_gold)
    print(
        f"wrote {args.articles} articles to {path}"
        + ("" if args.no_gold else f" and gold to {args.out / 'gold'}")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
