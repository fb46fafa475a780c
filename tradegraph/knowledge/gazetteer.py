"""General-knowledge names the extractor recognises: countries, demonyms, seats of government,
international bodies and office titles (loaded once from ``knowledge/data``).

Every entry is general knowledge (ISO 3166 via pycountry plus common short names); nothing here
names a person or is tuned to a particular article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tradegraph.graph.model import ActorKind, actor_id

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class Place:
    """A state or body a surface form can stand for.

    ``how`` says which kind of surface it was: ``name``, ``demonym`` or ``seat`` (a capital or
    seat of government used as a metonym); ``state`` is the ISO code of the country a state body
    (such as USTR) speaks for.
    """

    id: str
    name: str
    kind: ActorKind
    how: str = "name"
    state: str | None = None

    @property
    def iso3(self) -> str | None:
        return self.id.split(":", 1)[1] if self.kind is ActorKind.COUNTRY else None


@dataclass(frozen=True, slots=True)
class Titles:
    heads: frozenset[str]
    us_offices: tuple[str, ...]
    home_words: tuple[str, ...]
    state_words: frozenset[str]
    nonofficial: frozenset[str]
    former_words: frozenset[str]
    domain_words: frozenset[str] = frozenset()
    head_of_state: frozenset[str] = frozenset()
    eu_offices: tuple[str, ...] = ()
    #: Countries (``country:ISO3``) no "President X" governs: monarchies and parliamentary states
    #: whose president is ceremonial (general knowledge about states, never about persons).
    no_president: frozenset[str] = frozenset()


class Gazetteer:
    """Surface form -> :class:`Place`; lookups are exact on the form as written, plus its
    upper-case variant (datelines such as ``SEOUL —``)."""

    def __init__(self) -> None:
        self.forms: dict[str, Place] = {}
        self.titles = _load_titles()
        self._load_countries()
        self._load_bodies()

    def lookup(self, surface: str) -> Place | None:
        text = " ".join(surface.replace("’", "'").split())
        if text.lower().startswith("the "):
            text = text[4:]
        return self.forms.get(text) or self.forms.get(text.upper() if len(text) > 3 else "\0")

    def country(self, iso3: str) -> Place:
        return self.forms[f"#{iso3}"]

    def patterns(self) -> dict[str, Place]:
        """Every surface form (without the internal ``#ISO`` keys), for a PhraseMatcher."""
        return {form: place for form, place in self.forms.items() if not form.startswith("#")}

    def _add(self, form: str, place: Place) -> None:
        for variant in {form, form.upper()} if len(form) > 3 else {form}:
            self.forms.setdefault(variant, place)

    def _load_countries(self) -> None:
        import pycountry

        extra = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
        for country in pycountry.countries:
            iso3 = country.alpha_3
            info = extra.get(iso3, {})
            name = info.get("name") or getattr(country, "common_name", None) or country.name
            if "," in name:  # "Korea, Republic of" style names are never used in prose
                name = name.split(",")[0]
            key = actor_id(ActorKind.COUNTRY, name, iso3)
            place = Place(key, name, ActorKind.COUNTRY)
            self.forms[f"#{iso3}"] = place
            for form in [name, *info.get("names", []), getattr(country, "common_name", ""), country.name]:
                if form and "," not in form:
                    self._add(form, place)
            for form in info.get("demonyms", []):
                self._add(form, Place(key, name, ActorKind.COUNTRY, "demonym"))
            for form in info.get("seats", []):
                self._add(form, Place(key, name, ActorKind.COUNTRY, "seat"))

    def _load_bodies(self) -> None:
        bodies = json.loads((DATA / "bodies.json").read_text(encoding="utf-8"))
        for name, info in bodies.items():
            if name.startswith("_"):
                continue
            place = Place(
                actor_id(ActorKind.ORGANIZATION, name), name, ActorKind.ORGANIZATION, state=info.get("state")
            )
            for form in [name, *info.get("aliases", [])]:
                self._add(form, place)
            for form in info.get("demonyms", []):
                self._add(form, Place(place.id, name, ActorKind.ORGANIZATION, "demonym", place.state))


def _load_titles() -> Titles:
    raw = json.loads((DATA / "titles.json").read_text(encoding="utf-8"))
    return Titles(
        heads=frozenset(raw["heads"]),
        us_offices=tuple(raw["us_offices"]),
        home_words=tuple(raw["home_words"]),
        state_words=frozenset(raw["state_words"]),
        nonofficial=frozenset(raw["nonofficial"]),
        former_words=frozenset(raw["former_words"]),
        domain_words=frozenset(raw.get("domain_words", [])),
        head_of_state=frozenset(raw.get("head_of_state", [])),
        eu_offices=tuple(raw.get("eu_offices", [])),
        no_president=frozenset(f"country:{iso}" for iso in raw.get("no_president", [])),
    )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The one gazetteer of the process (building it reads pycountry, so it is cached)."""
    return Gazetteer()
