"""A relation as one rule read it in one sentence, before it becomes a model Relation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass
class Found:
    """A relation read in one sentence, with how sure the rule is and which rule read it.

    ``target`` is empty for an *open* reading ("... to lead the talks"): the parties are known on
    one side only, and an article-level rule closes it with the article's running pair.
    """

    source: str
    kind: RelationKind
    target: str
    sentence: Span
    confidence: float
    role: str | None = None
    rule: str = ""

    @property
    def open(self) -> bool:
        return not self.target
