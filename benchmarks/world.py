"""An invented, seeded world for the synthetic corpus: states, blocs, offices and who held them when.

Names are built from syllable lists, so no generated official is a real person. Every office of
every state has a timeline of holders from ``START`` to ``END``; each change of holder is a
succession, which the corpus plants as ``REPLACED_BY``.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

START = date(2019, 1, 1)
END = date(2025, 12, 31)

_ONSETS = [
    "b",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "kr",
    "st",
    "tr",
    "ch",
    "sh",
    "th",
    "j",
    "y",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "eo"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "sk"]

# (title used in text, role kept in gold); the US has its own titles, blocs have theirs.
OFFICES = [
    ("trade minister", "trade minister"),
    ("commerce minister", "commerce minister"),
    ("vice commerce minister", "vice commerce minister"),
    ("finance minister", "finance minister"),
    ("foreign minister", "foreign minister"),
    ("chief trade negotiator", "chief trade negotiator"),
]
US_OFFICES = [
    ("Trade Representative", "trade representative"),
    ("Commerce Secretary", "commerce secretary"),
    ("Deputy Commerce Secretary", "deputy commerce secretary"),
    ("Treasury Secretary", "treasury secretary"),
    ("Secretary of State", "secretary of state"),
    ("chief trade negotiator", "chief trade negotiator"),
]
BLOC_OFFICES = [("trade commissioner", "trade commissioner"), ("chief negotiator", "chief negotiator")]
# name, short form used in text, extra aliases
BLOCS = [
    ("European Union", "the EU", ("EU",)),
    ("Association of Southeast Asian Nations", "ASEAN", ("ASEAN",)),
    ("Mercosur", "Mercosur", ()),
    ("African Union", "the African Union", ("AU",)),
    ("Gulf Cooperation Council", "the GCC", ("GCC",)),
]
# pycountry names that read oddly in prose.
_NAME_FIXES = {
    "RUS": "Russia",
    "SYR": "Syria",
    "LAO": "Laos",
    "MDA": "Moldova",
    "TZA": "Tanzania",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "PRK": "North Korea",
    "COD": "DR Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "BRN": "Brunei",
    "CPV": "Cape Verde",
}


@dataclass(frozen=True)
class Polity:
    """A state or a bloc: ``code`` is the ISO alpha-3 (or the bloc's slug), ``short`` its prose form."""

    code: str
    name: str
    short: str
    kind: str  # "Country" or "Organization"
    aliases: tuple[str, ...] = ()

    @property
    def possessive(self) -> str:
        if self.code == "USA":
            return "the U.S."
        return f"{self.short}'s" if not self.short.endswith("s") else f"{self.short}'"

    @property
    def adjective(self) -> str:
        """The form placed before a title: ``U.S. Treasury Secretary``, ``Japan's trade minister``."""
        return "U.S." if self.code == "USA" else self.possessive


@dataclass(frozen=True)
class Term:
    person: str
    polity: str
    title: str
    role: str
    start: date
    end: date


@dataclass
class World:
    """States and blocs, the holders of each office over time, alliances, leaders, analysts."""

    seed: int
    polities: dict[str, Polity] = field(default_factory=dict)
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=dict)  # (polity, title) -> terms
    alliances: list[tuple[str, str]] = field(default_factory=list)
    analysts: list[tuple[str, str, str]] = field(default_factory=list)  # name, role, institution

    _titles: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def holder(self, polity: str, title: str, day: date) -> Term:
        terms = self.terms[(polity, title)]
        i = bisect.bisect_right(terms, day, key=lambda t: t.start) - 1
        return terms[max(i, 0)]

    def titles(self, polity: str) -> list[str]:
        """The offices of ``polity``, its leader first."""
        if not self._titles:
            for code, title in self.terms:
                self._titles.setdefault(code, []).append(title)
        return self._titles[polity]

    def successions(self, polity: str | None = None) -> list[tuple[Term, Term]]:
        """Every (outgoing, incoming) pair of consecutive holders of an office (of ``polity``)."""
        titles = self.titles(polity) if polity else None
        return [
            (a, b)
            for (code, title), terms in self.terms.items()
            if titles is None or code == polity
            for a, b in zip(terms, terms[1:])
        ]

    def persons(self) -> set[str]:
        return {t.person for terms in self.terms.values() for t in terms}


class NameMaker:
    """Unique invented person names from syllables; deterministic for a given ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.surnames: set[str] = set()

    def word(self, syllables: int) -> str:
        parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables)]
        return ("".join(parts) + self.rng.choice(_CODAS)).capitalize()

    def person(self) -> str:
        while True:
            surname = self.word(self.rng.choice((2, 2, 3)))
            # Unique surnames keep "Surname said ..." unambiguous, as the scorer's surname rule needs.
            if surname in self.surnames:
                continue
            name = f"{self.word(self.rng.choice((1, 2)))} {surname}"
            self.surnames.add(surname)
            self.used.add(name)
            return name


def _polities() -> list[Polity]:
    import pycountry

    out = []
    for c in pycountry.countries:
        name = _NAME_FIXES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        if "," in name or "(" in name:
            continue
        aliases = ("U.S.", "US", "USA", "Washington") if c.alpha_3 == "USA" else ()
        short = "the United States" if c.alpha_3 == "USA" else name
        if c.alpha_3 in ("GBR",):
            aliases = ("UK", "Britain")
        out.append(Polity(c.alpha_3, name, short, "Country", aliases))
    for name, short, aliases in BLOCS:
        code = name.lower().replace(" ", "-")
        out.append(Polity(code, name, short, "Organization", aliases))
    return sorted(out, key=lambda p: p.code)


def _timeline(rng: random.Random, names: NameMaker, polity: str, title: str, role: str) -> list[Term]:
    terms, start = [], START - timedelta(days=rng.randrange(0, 900))
    while start <= END:
        end = start + timedelta(days=rng.randrange(365, 365 * 4))
        terms.append(Term(names.person(), polity, title, role, start, end))
        start = end
    return terms


def build_world(seed: int = 0, analysts: int = 400) -> World:
    """The world for ``seed``: every state and bloc with its offices' holders over 2019-2025."""
    rng = random.Random(f"world:{seed}")
    names = NameMaker(rng)
    world = World(seed=seed)
    for p in _polities():
        world.polities[p.code] = p
        if p.kind == "Organization":
            offices = BLOC_OFFICES
        else:
            leader = "President" if p.code == "USA" else rng.choice(["President", "Prime Minister"])
            offices = [(leader, leader.lower())] + (US_OFFICES if p.code == "USA" else OFFICES)
        for title, role in offices:
            world.terms[(p.code, title)] = _timeline(rng, names, p.code, title, role)
    countries = [c for c, p in world.polities.items() if p.kind == "Country"]
    pairs = {tuple(sorted(rng.sample(countries, 2))) for _ in range(len(countries) * 2)}
    world.alliances = sorted(pairs)  # type: ignore[arg-type]
    roles = ["economist", "senior fellow", "trade analyst", "chief strategist", "research director"]
    kinds = ["the {} Institute", "{} Capital", "{} Research", "the {} Group"]
    for _ in range(analysts):
        institution = rng.choice(kinds).format(names.word(2))
        world.analysts.append((names.person(), rng.choice(roles), institution))
    return world
