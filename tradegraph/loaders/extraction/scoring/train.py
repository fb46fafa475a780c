"""Training the scorer from gold-annotated articles, and article-grouped cross-validation.

Each article is parsed once and read by the rules once; its candidates and their features are
kept, so every fold only refits logistic models (scikit-learn, imported here only). Within a
training set, calibration and thresholds come from out-of-fold scores of inner article-grouped
folds: no article is scored by a model or threshold fitted on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradegraph.graph.model import Extraction, RelationKind
from tradegraph.loaders.evaluation import GoldMatch, gold_articles, load_gold
from tradegraph.loaders.extraction.scoring.model import KindModel, Scored, ScorerModel, decide

#: The model name evidence records as its provenance.
MODEL_NAME = "model:scorer-v1"
#: Inverse L2 strength of the logistic models.
DEFAULT_C = 0.3
INNER_FOLDS = 4
#: Calibrated probabilities stay inside this range (a handful of articles never proves certainty).
PROBABILITY_RANGE = (0.02, 0.98)
#: Thresholds are chosen for the best F1 that keeps at least this precision out of fold.
PRECISION_FLOOR = 0.85
#: A relation the rules did not read is added only when it is more likely right than wrong (on a
#: few dozen out-of-fold examples a lower F1-optimal cut is noise).
MIN_NEW_THRESHOLD = 0.5
#: F1 (out of fold) a higher cut on the rules' own readings must win to be taken over a lower one.
RULE_CUT_TOLERANCE = 0.01


@dataclass
class ArticleData:
    """One gold article, parsed and read by the rules, with its scored candidates and labels."""

    id: str
    gold: dict[str, Any]
    extraction: Extraction
    scored: list[Scored]
    labels: list[bool]
    #: The triple each candidate scores as (None: both names are one gold actor).
    triples: list[tuple[str, str, str] | None]
    #: Gold triples per kind that no candidate covers (recall the scorer can never reach).
    uncovered: Counter[str] = field(default_factory=Counter)


def prepare(
    gold_dirs: Iterable[str | Path], *, nlp: Any = None, generated: bool = False
) -> list[ArticleData]:
    """Parse, rule-read and featurize every gold article of ``gold_dirs`` (in directory order);
    ``generated``: also the pairs of mentions the rules did not read (see :class:`Scorer`)."""
    from tradegraph.loaders.extraction.pipeline import Extractor
    from tradegraph.loaders.extraction.scoring.model import Scorer
    from tradegraph.loaders.sources.records import article_from_record

    extractor = Extractor(nlp, scorer=None)
    scorer = Scorer(ScorerModel(MODEL_NAME, {}, {}), extractor.gazetteer, generated=generated)
    out = []
    for gold_dir in gold_dirs:
        gold = load_gold(gold_dir)
        records = gold_articles(gold)
        articles = [article_from_record(r, f"gold:{r.get('id')}") for r in records]
        pairs = ((a.text, a) for a in articles)
        for doc, article in extractor.nlp.pipe(pairs, as_tuples=True, batch_size=16):
            extraction = extractor.read(article, doc)
            out.append(_label(gold[article.id], extraction, scorer.featurize(extraction, doc)))
    return out


def _label(gold: dict[str, Any], extraction: Extraction, scored: list[Scored]) -> ArticleData:
    match = GoldMatch(gold)
    names = {a.id: a.name for a in extraction.actors}
    labels, triples = [], []
    for item in scored:
        c = item.candidate
        t = match.triple(names.get(c.source, c.source), c.kind.value, names.get(c.target, c.target))
        labels.append(t is not None and t in match)
        triples.append(t)
    uncovered = Counter(t[1] for t in match.triples - set(triples))
    return ArticleData(extraction.article.id, gold, extraction, scored, labels, triples, uncovered)


def _rows(data: Sequence[ArticleData], kind: RelationKind) -> tuple[list[dict[str, int]], list[int]]:
    xs, ys = [], []
    for art in data:
        for item, label in zip(art.scored, art.labels, strict=True):
            if item.candidate.kind is kind:
                xs.append(dict.fromkeys(item.features, 1))
                ys.append(int(label))
    return xs, ys


def _fit_kind(data: Sequence[ArticleData], kind: RelationKind, c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = _rows(data, kind)
    if len(set(ys)) < 2:
        return {}, -4.0 if not any(ys) else 4.0
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs).tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype("int32"), matrix.indptr.astype("int32")
    lr = LogisticRegression(C=c, max_iter=5000, solver="liblinear")
    lr.fit(matrix, ys)
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, lr.coef_[0], strict=True)}, float(lr.intercept_[0])


def _fit_raw(data: Sequence[ArticleData], c: float) -> dict[RelationKind, KindModel]:
    out = {}
    for kind in RelationKind:
        weights, intercept = _fit_kind(data, kind, c)
        out[kind] = KindModel(weights, intercept, 0.5)
    return out


def groups(n: int, k: int) -> list[list[int]]:
    """Indices 0..n-1 dealt round-robin into ``k`` folds (deterministic)."""
    return [list(range(i, n, k)) for i in range(min(k, n))]


def fit(data: Sequence[ArticleData], *, c: float = DEFAULT_C, inner: int = INNER_FOLDS) -> ScorerModel:
    """A scorer trained on ``data``: weights from all of it, calibration and thresholds from
    out-of-fold scores of ``inner`` article-grouped folds."""
    from sklearn.isotonic import IsotonicRegression

    oof: list[tuple[RelationKind, float, bool, bool, object]] = []
    for fold in groups(len(data), inner):
        held = set(fold)
        models = _fit_raw([a for i, a in enumerate(data) if i not in held], c)
        for i in fold:
            art = data[i]
            for n, (item, label) in enumerate(zip(art.scored, art.labels, strict=True)):
                kind = item.candidate.kind
                rule = item.candidate.rule is not None
                # what the scorer counts: one triple per article however many candidates name it
                unit = (i, art.triples[n] or n)
                oof.append((kind, models[kind].raw(item.features), label, rule, unit))
    lo, hi = PROBABILITY_RANGE
    maps = {}
    for name, want in (("new", False), ("rule", True)):
        rows = [(r, y) for _, r, y, rule, _ in oof if rule is want]
        if len({y for _, y in rows}) < 2:
            continue  # no candidates on this side (rules only) or one outcome: nothing to map
        iso = IsotonicRegression(y_min=lo, y_max=hi, out_of_bounds="clip")
        iso.fit([r for r, _ in rows], [int(y) for _, y in rows])
        maps[name] = ([float(x) for x in iso.X_thresholds_], [float(y) for y in iso.y_thresholds_])
    calibration = ScorerModel(MODEL_NAME, {}, maps)
    missed = sum((a.uncovered for a in data), Counter[str]())
    kinds = {}
    for kind, model in _fit_raw(data, c).items():
        scored = [(calibration.calibrated(r, rule), y, rule, u) for k, r, y, rule, u in oof if k is kind]
        new, old = best_thresholds(scored, missed[kind.value])
        kinds[kind] = KindModel(model.weights, model.intercept, new, old)
    generated = any(item.candidate.rule is None for art in data for item in art.scored)
    meta = {"articles": len(data), "C": c, "inner_folds": inner, "generated": generated}
    return ScorerModel(MODEL_NAME, kinds, maps, meta)


def best_thresholds(scored: Sequence[tuple[float, bool, bool, object]], missed: int) -> tuple[float, float]:
    """The cuts (for generated candidates, for the rules' own) that maximise F1 over ``scored``
    (probability, gold, proposed by the rules, the scored unit it counts as) while keeping
    precision at least ``PRECISION_FLOOR`` when any pair of cuts can; gold never proposed counts
    as missed."""
    positives = len({u for _, y, _, u in scored if y}) + missed
    grid = [round(0.05 * i, 2) for i in range(1, 20)] + [1.01]
    best, best_key = (1.01, 0.5), (False, -1.0)
    keys: dict[tuple[float, float], tuple[bool, float]] = {}
    for new in (cut for cut in grid if cut >= MIN_NEW_THRESHOLD):
        for old in grid:
            kept = {(u, y) for p, y, rule, u in scored if p >= (old if rule else new)}
            tp = sum(y for _, y in kept)
            fp = len(kept) - tp
            f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if positives + fp else 0.0
            key = keys[new, old] = (not kept or tp / len(kept) >= PRECISION_FLOOR, f1)
            if key > best_key:
                best, best_key = (new, old), key
    # the rules' own cut only as high as the out-of-fold scores clearly ask: a higher cut that wins
    # less than RULE_CUT_TOLERANCE of F1 drops a few of the rules' readings by chance of the folds
    new, _ = best
    for old in grid:
        feasible, f1 = keys[new, old]
        if feasible == best_key[0] and f1 >= best_key[1] - RULE_CUT_TOLERANCE:
            return new, old
    return best


def apply(model: ScorerModel, art: ArticleData) -> Extraction:
    return decide(model, art.extraction, art.scored)
