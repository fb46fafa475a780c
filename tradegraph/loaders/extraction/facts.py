"""What the roles stage reads about persons: the offices the text gives them and, settled from
those, the state each one acts for (with the rule that placed them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass
class Office:
    """One statement of an office: who, which role, for whom, how sure, where."""

    person: str
    role: str
    place: str | None  # explicit affiliation named with the title
    sentence: Span
    confidence: float
    current: bool = True
    official: bool = True
    negotiator_for: str | None = None  # "US trade negotiator" said of someone from elsewhere
    new: bool = False  # taken up in this text ("becomes", "sworn in as", "appointed as")
    left: bool = False  # given up in this story ("former X", "moves from X")
    rule: str = ""  # the rule that read it (``represents.apposition``)


@dataclass
class PersonFacts:
    offices: list[Office] = field(default_factory=list)
    affiliation: str | None = None
    affiliation_confidence: float = 0.0
    affiliation_rule: str = ""  # how the state was settled (``affiliation.stated``)
    represented: list[tuple[str, Span, float]] = field(default_factory=list)  # "representing Japan"

    @property
    def roles(self) -> list[str]:
        return [o.role for o in self.offices if o.role]
