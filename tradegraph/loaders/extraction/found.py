"""A relation as one rule read it in one sentence, before it becomes a model Relation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass
class Found:
    """A relation read in one sentence, with how sure the rule is."""

    source: str
    kind: RelationKind
    target: str
    sentence: Span
    confidence: float
    role: str | None = None
