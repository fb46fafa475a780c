"""The domain model every other part of tradegraph speaks: actors, relations, evidence, articles.

Standard library only, so that ``import tradegraph.graph.model`` stays light.

Ids are readable natural keys, which is what makes re-loading idempotent in every store:
countries by ISO 3166-1 alpha-3 (``country:JPN``), persons and organisations by a slug of
their canonical name (``person:scott-bessent``, ``org:european-union``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"

    @property
    def prefix(self) -> str:
        return _ID_PREFIX[self]


_ID_PREFIX = {ActorKind.PERSON: "person", ActorKind.COUNTRY: "country", ActorKind.ORGANIZATION: "org"}
_KIND_OF_PREFIX = {prefix: kind for kind, prefix in _ID_PREFIX.items()}


class RelationKind(StrEnum):
    REPRESENTS = "REPRESENTS"
    NEGOTIATES_WITH = "NEGOTIATES_WITH"
    REPLACED_BY = "REPLACED_BY"
    ALLIED_WITH = "ALLIED_WITH"
    IMPOSES_TARIFFS_ON = "IMPOSES_TARIFFS_ON"

    @property
    def symmetric(self) -> bool:
        return self in (RelationKind.NEGOTIATES_WITH, RelationKind.ALLIED_WITH)


def slugify(name: str) -> str:
    """Lower-case ASCII slug: ``"Maroš Šefčovič"`` -> ``"maros-sefcovic"``.

    >>> slugify("Maroš Šefčovič")
    'maros-sefcovic'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def actor_id(kind: ActorKind | str, name: str, iso3: str | None = None) -> str:
    """The stable id of an actor: ``country:JPN`` for countries, else ``kind:slug``.

    >>> actor_id(ActorKind.PERSON, "Scott Bessent")
    'person:scott-bessent'
    >>> actor_id(ActorKind.COUNTRY, "Japan", iso3="jpn")
    'country:JPN'
    """
    kind = ActorKind(kind)
    if kind is ActorKind.COUNTRY and iso3:
        return f"country:{iso3.upper()}"
    slug = slugify(name)
    if not slug:
        slug = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"{kind.prefix}:{slug}"


def kind_of_id(identifier: str) -> ActorKind | None:
    return _KIND_OF_PREFIX.get(identifier.split(":", 1)[0])


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    """Keep the first spelling of each value (case-insensitive), in order, without blanks."""
    seen: dict[str, str] = {}
    for value in values:
        value = " ".join(str(value).split())
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, country or organisation; ``affiliation`` is the id of the state or body a
    person acts for."""

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    external_ids: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ActorKind(self.kind))
        object.__setattr__(self, "aliases", _unique(a for a in self.aliases if a != self.name))
        object.__setattr__(self, "roles", _unique(self.roles))
        object.__setattr__(self, "external_ids", dict(self.external_ids))

    @classmethod
    def create(cls, name: str, kind: ActorKind | str, *, iso3: str | None = None, **extra: object) -> Actor:
        return cls(id=actor_id(kind, name, iso3), name=name, kind=ActorKind(kind), **extra)  # type: ignore[arg-type]

    def merged(self, other: Actor) -> Actor:
        """This actor with what ``other`` (same id) adds: aliases, roles, ids, a missing affiliation."""
        if other.id != self.id:
            raise ValueError(f"cannot merge {other.id!r} into {self.id!r}")
        return replace(
            self,
            aliases=self.aliases + other.aliases + ((other.name,) if other.name != self.name else ()),
            roles=self.roles + other.roles,
            affiliation=self.affiliation or other.affiliation,
            external_ids={**other.external_ids, **self.external_ids},
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation was read: one sentence of one article."""

    article_id: str
    sentence: str
    url: str | None = None
    date: date | None = None
    confidence: float = 1.0
    #: The rule or model that read this relation in this sentence (e.g. ``"rule:represents.title_apposition"``).
    provenance: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.sentence)


@dataclass(frozen=True, slots=True)
class Relation:
    """``source -kind-> target`` with when it held and the evidence for it.

    Symmetric kinds are stored once with the smaller id as source, so that
    ``Relation(a, NEGOTIATES_WITH, b)`` and ``Relation(b, NEGOTIATES_WITH, a)`` are the same.
    ``role`` is the office a REPRESENTS or REPLACED_BY relation is about, when the text says.
    """

    source: str
    kind: RelationKind
    target: str
    evidence: tuple[Evidence, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    role: str | None = None

    def __post_init__(self) -> None:
        kind = RelationKind(self.kind)
        object.__setattr__(self, "kind", kind)
        if self.source == self.target:
            raise ValueError(f"a relation needs two different actors, got {self.source!r} twice")
        if kind.symmetric and self.target < self.source:
            source, target = self.target, self.source
            object.__setattr__(self, "source", source)
            object.__setattr__(self, "target", target)
        unique: dict[tuple[str, str], Evidence] = {}
        for ev in self.evidence:
            unique.setdefault(ev.key, ev)
        object.__setattr__(self, "evidence", tuple(unique.values()))

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.kind.value, self.target)

    @property
    def support(self) -> int:
        """How many distinct articles state this relation."""
        return len({ev.article_id for ev in self.evidence})

    @property
    def confidence(self) -> float:
        return max((ev.confidence for ev in self.evidence), default=0.0)

    @property
    def first_reported(self) -> date | None:
        """The earliest date of the evidence (None when no evidence is dated)."""
        return min((ev.date for ev in self.evidence if ev.date), default=None)

    @property
    def last_reported(self) -> date | None:
        """The latest date of the evidence (None when no evidence is dated)."""
        return max((ev.date for ev in self.evidence if ev.date), default=None)

    def known_by(self, day: date | None) -> bool:
        """Whether some evidence was reported on or before ``day`` (undated evidence counts as known)."""
        if day is None:
            return True
        return any(ev.date is None or ev.date <= day for ev in self.evidence) or not self.evidence

    def other(self, actor: str) -> str:
        return self.target if actor == self.source else self.source

    def holds_on(self, day: date | None) -> bool:
        """Whether the relation was true on ``day`` as far as its dates say (None: any day)."""
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day >= self.valid_to)

    def merged(self, other: Relation) -> Relation:
        """Evidence of both, the widest known validity, the first role."""
        if other.key != self.key:
            raise ValueError(f"cannot merge {other.key} into {self.key}")
        return replace(
            self,
            evidence=self.evidence + other.evidence,
            valid_from=_earliest(self.valid_from, other.valid_from),
            valid_to=_latest(self.valid_to, other.valid_to),
            role=self.role or other.role,
        )

    def without_article(self, article_id: str) -> Relation:
        return replace(self, evidence=tuple(ev for ev in self.evidence if ev.article_id != article_id))


def _earliest(a: date | None, b: date | None) -> date | None:
    return min(d for d in (a, b) if d) if (a or b) else None


def _latest(a: date | None, b: date | None) -> date | None:
    return max(d for d in (a, b) if d) if (a or b) else None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_for(url: str | None, text: str) -> str:
    """Stable article id: from the URL when there is one, else from the content.

    >>> article_id_for("https://example.com/a?x=1", "")
    'article:4c70119c7bfdd28c'
    """
    basis = url.strip() if url and url.strip() else text
    return "article:" + hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article; ``text`` is carried for extraction, stores keep only ``text_hash``."""

    id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: date | None = None
    text_hash: str = ""
    text: str = field(default="", repr=False, compare=False)
    origin: str | None = field(default=None, compare=False)  # the file (and record) it came from

    @classmethod
    def create(cls, text: str, *, id: str | None = None, url: str | None = None, **meta: object) -> Article:
        return cls(id=id or article_id_for(url, text), url=url, text=text, text_hash=text_hash(text), **meta)  # type: ignore[arg-type]

    def metadata(self) -> Article:
        """The same article without its text, as stores keep it."""
        return replace(self, text="", origin=None)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor read in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
