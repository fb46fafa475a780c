"""Scores extraction against gold-annotated articles, exactly as the project's ``score.py`` does
(names matched leniently, relations exactly; ALL, DYADS and ACTORS micro-averages).

A reimplementation rather than an import: the package cannot depend on files outside it, and a
test keeps the two in agreement on the dev set.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tradegraph.graph.errors import InputError

PREDICATES = ["REPRESENTS", "NEGOTIATES_WITH", "REPLACED_BY", "ALLIED_WITH", "IMPOSES_TARIFFS_ON"]
SYMMETRIC = {"NEGOTIATES_WITH", "ALLIED_WITH"}
TITLES = {
    "president",
    "prime",
    "minister",
    "secretary",
    "mr",
    "mrs",
    "ms",
    "dr",
    "vice",
    "premier",
    "chancellor",
    "commissioner",
    "ambassador",
    "treasury",
    "commerce",
    "trade",
    "representative",
    "us",
    "u",
    "s",
    "chief",
    "negotiator",
    "envoy",
    "the",
    "chairman",
    "chairwoman",
    "king",
    "sir",
}
COUNTRY_ALIASES = {
    "united states": [
        "us",
        "usa",
        "u s",
        "u s a",
        "united states of america",
        "america",
        "washington",
        "the united states",
        "the us",
        "american",
        "americans",
    ],
    "china": ["prc", "people s republic of china", "beijing", "chinese", "mainland china"],
    "japan": ["tokyo", "japanese"],
    "south korea": ["korea", "republic of korea", "rok", "seoul", "south korean", "korean"],
    "united kingdom": ["uk", "u k", "britain", "great britain", "london", "british"],
    "european union": ["eu", "e u", "brussels", "the eu", "european commission"],
    "india": ["new delhi", "indian"],
    "canada": ["ottawa", "canadian"],
    "mexico": ["mexico city", "mexican"],
    "vietnam": ["viet nam", "hanoi", "vietnamese"],
    "taiwan": ["taipei", "taiwanese"],
    "switzerland": ["bern", "swiss"],
    "indonesia": ["jakarta", "indonesian"],
    "australia": ["canberra", "australian"],
    "germany": ["berlin", "german"],
    "france": ["paris", "french"],
    "brazil": ["brasilia", "brazilian"],
    "russia": ["moscow", "russian", "russian federation"],
}
Triple = tuple[str, str, str]


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def strip_titles(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


class NameMatcher:
    """Maps any surface name to the gold canonical name of one article ("?name" if none)."""

    def __init__(self, actors: list[Mapping[str, Any]]) -> None:
        self.index: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)
        for actor in actors:
            canon = actor["name"]
            for form in [canon, *actor.get("aliases", [])]:
                self.index.setdefault(norm(form), canon)
            if actor.get("type") == "Person":
                tokens = norm(canon).split()
                for token in {tokens[0], tokens[-1]}:
                    self.surnames[token].add(canon)
        for country, aliases in COUNTRY_ALIASES.items():
            canon = next((a["name"] for a in actors if norm(a["name"]) == country), None)
            if canon:
                for alias in aliases:
                    self.index.setdefault(alias, canon)

    def __call__(self, name: str) -> str:
        key = norm(name)
        for candidate in (key, strip_titles(key)):
            if candidate in self.index:
                return self.index[candidate]
        bare = strip_titles(key)
        if bare and " " not in bare and len(self.surnames.get(bare, ())) == 1:
            return next(iter(self.surnames[bare]))
        for country, aliases in COUNTRY_ALIASES.items():
            if key == country or key in aliases:
                return country
        return "?" + key


def _triple(s: str, p: str, o: str) -> Triple:
    if p in SYMMETRIC:
        s, o = sorted((s, o))
    return (s, p, o)


def _lift_imposer(triples: set[Triple], affiliation: Mapping[str, str | None]) -> set[Triple]:
    return {
        (affiliation.get(s) or s, p, o) if p == "IMPOSES_TARIFFS_ON" else (s, p, o) for s, p, o in triples
    }


def _pred_triples(pred: Mapping[str, Any], match: NameMatcher) -> set[Triple]:
    out = set()
    for rel in pred.get("relations", []):
        s = rel.get("subject", rel.get("s"))
        p = str(rel.get("predicate", rel.get("p", ""))).upper().replace("-", "_")
        o = rel.get("object", rel.get("o"))
        if s and o and p in PREDICATES:
            rs, ro = match(s), match(o)
            if rs != ro:
                out.add(_triple(rs, p, ro))
    return out


def _dyads(triples: set[Triple], affiliation: Mapping[str, str | None]) -> set[tuple[str, str]]:
    out = set()
    for s, p, o in triples:
        if p == "NEGOTIATES_WITH":
            a, b = affiliation.get(s, s), affiliation.get(o, o)
            if a and b and a != b:
                out.add((min(a, b), max(a, b)))
    return out


class GoldMatch:
    """One gold article's scored triples, and how a predicted (subject, predicate, object) by name
    maps onto them, exactly as :func:`score` does (for labelling candidates)."""

    def __init__(self, article: Mapping[str, Any]) -> None:
        actors = article["gold"]["actors"]
        self.match = NameMatcher(actors)
        self.affiliation = {
            a["name"]: a.get("affiliation") or (a["name"] if a["type"] != "Person" else None) for a in actors
        }
        self.triples = _lift_imposer(
            {_triple(r["s"], r["p"], r["o"]) for r in article["gold"]["relations"]}, self.affiliation
        )

    def triple(self, subject: str, predicate: str, obj: str) -> Triple | None:
        """The scored triple a predicted relation becomes (None when both names are one actor)."""
        rs, ro = self.match(subject), self.match(obj)
        if rs == ro:
            return None
        return next(iter(_lift_imposer({_triple(rs, predicate, ro)}, self.affiliation)))

    def __contains__(self, triple: object) -> bool:
        return triple in self.triples


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold articles of a directory of ``*.json`` files, by id.

    Raises:
        InputError: [TG150] when the directory has no gold files or a file is not valid JSON.
    """
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise InputError(
            f"no gold files (*.json) in {gold_dir}; give the directory of annotated articles", code="TG150"
        )
    out = {}
    for path in files:
        try:
            article = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(f"{path}: not a gold article ({err}); fix the JSON", code="TG150") from err
        problem = _gold_problem(article)
        if problem:
            raise InputError(
                f"{path}: not a gold article ({problem}); give files with 'id', 'text' and "
                "'gold': {'actors': [...], 'relations': [...]}",
                code="TG150",
            )
        out[article["id"]] = article
    return out


def _gold_problem(article: Any) -> str | None:
    """What keeps ``article`` from being a gold article, or None."""
    if not isinstance(article, dict):
        return "not a JSON object"
    for key, kind in (("id", str), ("text", str), ("gold", dict)):
        if not isinstance(article.get(key), kind):
            return f"no {key!r} {kind.__name__}"
    gold = article["gold"]
    for key in ("actors", "relations"):
        items = gold.get(key)
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return f"'gold.{key}' is not a list of objects"
    if any(not isinstance(a.get("name"), str) or not isinstance(a.get("type"), str) for a in gold["actors"]):
        return "an actor without a 'name' and 'type'"
    if any(not all(isinstance(r.get(k), str) for k in ("s", "p", "o")) for r in gold["relations"]):
        return "a relation without 's', 'p' and 'o'"
    return None


def score(gold: Mapping[str, Mapping[str, Any]], preds: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``{"scores": {predicate|ALL|DYADS|ACTORS: prf}, "per_article": {id: missed/spurious}}``."""
    counts: dict[str, Counter[str]] = {p: Counter() for p in PREDICATES + ["ALL", "DYADS", "ACTORS"]}
    per_article = {}
    for aid, article in gold.items():
        actors = article["gold"]["actors"]
        match = NameMatcher(actors)
        pred = preds.get(aid, {})
        affiliation = {
            a["name"]: a.get("affiliation") or (a["name"] if a["type"] != "Person" else None) for a in actors
        }
        g = _lift_imposer(
            {_triple(r["s"], r["p"], r["o"]) for r in article["gold"]["relations"]}, affiliation
        )
        s = _lift_imposer(_pred_triples(pred, match), affiliation)
        for p in PREDICATES:
            gp, sp = {t for t in g if t[1] == p}, {t for t in s if t[1] == p}
            counts[p].update(tp=len(gp & sp), fp=len(sp - gp), fn=len(gp - sp))
        counts["ALL"].update(tp=len(g & s), fp=len(s - g), fn=len(g - s))
        gd, sd = _dyads(g, affiliation), _dyads(s, affiliation)
        counts["DYADS"].update(tp=len(gd & sd), fp=len(sd - gd), fn=len(gd - sd))
        ga = {a["name"] for a in actors if a["type"] in ("Person", "Country")}
        sa = {
            match(a.get("name", "")) for a in pred.get("actors", []) if a.get("type") in ("Person", "Country")
        }
        counts["ACTORS"].update(tp=len(ga & sa), fp=len(sa - ga), fn=len(ga - sa))
        per_article[aid] = {"missed": sorted(map(list, g - s)), "spurious": sorted(map(list, s - g))}
    result: dict[str, Any] = {k: prf(c["tp"], c["fp"], c["fn"]) for k, c in counts.items()}
    result["articles"] = len(gold)
    result["articles_with_prediction"] = sum(1 for a in gold if a in preds)
    return {"scores": result, "per_article": per_article}


def gold_articles(gold: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The gold articles as loader records (text and metadata, no gold)."""
    return [
        {k: a.get(k) for k in ("id", "url", "source", "published", "title", "text")} for a in gold.values()
    ]


def predict(records: Iterable[Mapping[str, Any]], pool: Any = None) -> dict[str, dict[str, Any]]:
    """Run the extractor over article records (in ``pool``: this process by default, or Dask
    workers, see ``tradegraph.loaders.parallel``); predictions by article id."""
    from tradegraph.graph.model import Article
    from tradegraph.loaders.extraction import to_prediction
    from tradegraph.loaders.parallel import InProcess
    from tradegraph.loaders.sources import codes
    from tradegraph.loaders.sources.records import article_from_record

    articles: list[Article] = [article_from_record(r, f"gold:{r.get('id')}") for r in records]
    out: dict[str, dict[str, Any]] = {}
    for article, outcome in (pool or InProcess()).outcomes(articles):
        if isinstance(outcome, str):
            raise codes.article_error(article.origin, codes.EXTRACTION_FAILED, outcome)
        out[article.id] = to_prediction(outcome)
    return out


def evaluate(gold_dir: str | Path, pool: Any = None) -> dict[str, Any]:
    """Extract the gold articles of ``gold_dir`` (in ``pool``, see ``predict``) and score the result."""
    gold = load_gold(gold_dir)
    return score(gold, predict(gold_articles(gold), pool))
