"""The learned scorer at run time: a logistic model per relation kind over binary features, an
isotonic map from its score to a calibrated probability, and a threshold per kind — all read from
a JSON file inside the package (no pickle, no network, the same numbers every run).

``Scorer.apply`` turns the rules' extraction of an article into the scored one: rule relations
the model accepts keep their evidence with the calibrated probability as confidence; candidates the
rules missed are added when they clear their kind's threshold.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradegraph.graph.errors import InputError
from tradegraph.graph.model import Evidence, Extraction, Relation, RelationKind
from tradegraph.loaders.extraction.scoring.candidates import (
    Candidate,
    Occurrence,
    SurfaceIndex,
    candidates,
    find_mentions,
)
from tradegraph.loaders.extraction.scoring.features import ArticleView, DocCues, candidate_features

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tradegraph.knowledge.gazetteer import Gazetteer

WEIGHTS = Path(__file__).with_name("weights.json")
FORMAT = "tradegraph-scorer/1"


@dataclass(frozen=True)
class KindModel:
    """One relation kind's logistic weights and acceptance thresholds (on the calibrated scale):
    ``threshold`` for candidates the rules did not propose, ``rule_threshold`` for theirs."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    rule_threshold: float = 0.5

    def raw(self, features: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@dataclass(frozen=True)
class ScorerModel:
    """Weights of every kind plus two calibration maps (raw score -> probability): ``maps["new"]``
    for candidates the rules did not propose, ``maps["rule"]`` for theirs."""

    name: str
    kinds: Mapping[RelationKind, KindModel]
    maps: Mapping[str, tuple[Sequence[float], Sequence[float]]]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def calibrated(self, raw: float, rule: bool = False) -> float:
        """Piecewise-linear interpolation of the isotonic map (flat beyond its ends)."""
        xs, ys = self.maps.get("rule" if rule else "new", ((), ()))
        if not xs:
            return raw
        if raw <= xs[0]:
            return ys[0]
        if raw >= xs[-1]:
            return ys[-1]
        i = bisect_right(xs, raw)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def probability(self, kind: RelationKind, features: Iterable[str], rule: bool = False) -> float:
        model = self.kinds.get(kind)
        return self.calibrated(model.raw(features), rule) if model else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "meta": dict(self.meta),
            "calibration": {
                name: {"raw": [round(x, 6) for x in xs], "probability": [round(y, 6) for y in ys]}
                for name, (xs, ys) in sorted(self.maps.items())
            },
            "kinds": {
                kind.value: {
                    "intercept": round(m.intercept, 6),
                    "threshold": round(m.threshold, 6),
                    "rule_threshold": round(m.rule_threshold, 6),
                    "weights": {f: round(w, 6) for f, w in sorted(m.weights.items()) if abs(w) >= 1e-4},
                }
                for kind, m in sorted(self.kinds.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], origin: str = "weights") -> ScorerModel:
        """Raises:
        InputError: [TG156] when the file is not scorer weights of this format."""
        if data.get("format") != FORMAT:
            raise InputError(
                f"{origin}: not scorer weights (format {data.get('format')!r}, expected {FORMAT!r}); "
                "retrain with 'tradegraph train GOLD_DIR'",
                code="TG156",
            )
        kinds = {
            RelationKind(k): KindModel(
                dict(v["weights"]), float(v["intercept"]), float(v["threshold"]), float(v["rule_threshold"])
            )
            for k, v in data["kinds"].items()
        }
        maps = {name: (tuple(m["raw"]), tuple(m["probability"])) for name, m in data["calibration"].items()}
        return cls(data["name"], kinds, maps, data.get("meta", {}))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")


def load_model(path: str | Path | None = None) -> ScorerModel:
    """The scorer weights at ``path`` (default: the ones shipped in the package).

    Raises:
        InputError: [TG156] when the file is missing or not scorer weights.
    """
    if path is None:
        return _shipped()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: cannot read scorer weights ({err})", code="TG156") from err
    return ScorerModel.from_json(data, str(path))


@lru_cache(maxsize=1)
def _shipped() -> ScorerModel:
    return ScorerModel.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")), str(WEIGHTS))


@dataclass
class Scored:
    """A candidate with its features, ready for a model."""

    candidate: Candidate
    features: frozenset[str]
    occurrences: list[frozenset[str]]
    sentences: list[str]


class Scorer:
    """Applies a :class:`ScorerModel` to the rules' extraction of one article.

    By default it scores the relations the rules read (confidence, acceptance). With
    ``generated=True`` it also scores every other pair of mentions a kind allows: on article-grouped
    CV those added nothing over the rules (0.905 with them vs 0.908 without) and cost two thirds of
    the extractor's time after parsing, so a model records which it was trained with
    (``meta["generated"]``) and is applied the same way.
    """

    def __init__(self, model: ScorerModel, gazetteer: Gazetteer, *, generated: bool | None = None) -> None:
        self.model = model
        self.surfaces = SurfaceIndex(gazetteer)
        self.generated = bool(model.meta.get("generated", False)) if generated is None else generated

    def featurize(self, extraction: Extraction, doc: Doc) -> list[Scored]:
        """Every candidate of the article with its features (independent of the weights)."""
        mentions = find_mentions(doc, extraction.actors, self.surfaces)
        view = ArticleView(extraction, mentions)
        cues = DocCues(doc)
        cues.mask({w.lower() for a in extraction.actors for n in (a.name, *a.aliases) for w in n.split()})
        sents = [" ".join(sent.text.split()) for sent in doc.sents]
        out = []
        for cand in candidates(extraction, mentions, generated=self.generated):
            if cand.rule is None and not self.generated:
                continue
            pair, occs = candidate_features(cues, cand, view)
            union = set(pair).union(*occs) if occs else set(pair)
            texts = [_sentence_text(sents, occ) for occ in cand.occurrences]
            out.append(Scored(cand, frozenset(union), [frozenset(o) for o in occs], texts))
        return out

    def apply(self, extraction: Extraction, doc: Doc) -> Extraction:
        return decide(self.model, extraction, self.featurize(extraction, doc))


def _sentence_text(sents: list[str], occ: Occurrence) -> str:
    first, last = sorted((occ.source.sent, occ.target.sent))
    return sents[first] if first == last else " ".join(sents[first : last + 1])


def decide(model: ScorerModel, extraction: Extraction, scored: list[Scored]) -> Extraction:
    """The extraction with the relations the model accepts, confidence = calibrated probability."""
    relations = []
    for item in scored:
        cand = item.candidate
        kind_model = model.kinds.get(cand.kind)
        if kind_model is None:
            if cand.rule is not None:
                relations.append(cand.rule)
            continue
        p = model.probability(cand.kind, item.features, cand.rule is not None)
        if p < (kind_model.threshold if cand.rule is None else kind_model.rule_threshold):
            continue
        conf = round(min(max(p, 0.0), 1.0), 2)
        if cand.rule is not None:
            relations.append(_rescored(cand.rule, conf, model.name))
        elif item.sentences:
            best = max(range(len(item.occurrences)), key=lambda i: kind_model.raw(item.occurrences[i]))
            ev = Evidence(
                extraction.article.id,
                item.sentences[best],
                url=extraction.article.url,
                date=extraction.article.published,
                confidence=conf,
                provenance=model.name,
            )
            relations.append(Relation(cand.source, cand.kind, cand.target, (ev,)))
    return replace(extraction, relations=tuple(relations))


def _rescored(rule: Relation, confidence: float, name: str) -> Relation:
    evidence = tuple(
        replace(ev, confidence=confidence, provenance=f"{ev.provenance or 'rule'}+{name}")
        for ev in rule.evidence
    )
    return replace(rule, evidence=evidence)
