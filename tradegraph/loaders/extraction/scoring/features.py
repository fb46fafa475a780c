"""Features of a candidate relation for the scorer: words of the lexicon's classes between and
around the two mentions, the dependency path joining them, distance, order, negation and
modality cues, the actors' kinds and affiliations, and the rules' vote.

Every feature is a string (binary); a candidate's features are the union over its occurrences,
so the model scores the relation an article states, not one sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.graph.model import Actor, Extraction, RelationKind
from tradegraph.loaders.extraction.scoring.candidates import Candidate, Mention, Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LEXICON = Path(__file__).with_name("lexicon.json")
#: Paths longer than this many dependency arcs are described only by their length.
MAX_PATH = 4
#: The words each side of a pair that count as "around" it.
WINDOW = 4


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Word class -> lemmas, from ``lexicon.json``."""
    raw = json.loads(LEXICON.read_text(encoding="utf-8"))
    return {name: frozenset(words) for name, words in raw.items() if not name.startswith("_")}


def classes(token: Token) -> list[str]:
    """The lexicon classes of a token's lemma or lower-case form."""
    return word_classes(token.lemma_.lower(), token.lower_)


def word_classes(lemma: str, lower: str) -> list[str]:
    return list(_word_classes(lemma, lower))


@lru_cache(maxsize=65536)
def _word_classes(lemma: str, lower: str) -> tuple[str, ...]:
    return tuple(name for name, words in lexicon().items() if lemma in words or lower in words)


def bucket(n: float, edges: tuple[float, ...]) -> str:
    """The first edge ``n`` does not exceed, as a label (``>last`` beyond)."""
    for edge in edges:
        if n <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


class DocCues:
    """The lexicon classes of every token of a document, and each sentence's cues, computed once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # plain lists, filled in one pass: indexing a Doc builds a Token each time, which dominated
        # the scorer's cost
        self.lower, self.lemma, self.pos, self.dep, self.tag = [], [], [], [], []
        #: Per token, the lemma a feature may name: only lower-case words outside named entities,
        #: so that no feature names a person, place or body of the training articles.
        self.word: list[str] = []
        from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG
        from spacy.symbols import NAMES

        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, TAG, ENT_TYPE]).tolist() if len(doc) else []
        for orth, lower, lemma, pos, dep, tag, ent in rows:  # without building a Token per attribute
            pos_ = NAMES[pos] if pos else ""
            lemma_ = strings[lemma].lower()
            self.word.append(lemma_ if strings[orth][:1].islower() and not ent else f"<{pos_}>")
            self.lower.append(strings[lower])
            self.lemma.append(lemma_)
            self.pos.append(pos_)
            self.dep.append(strings[dep])
            self.tag.append(strings[tag])
        offsets = doc.to_array("HEAD").astype("int64").tolist() if len(doc) else []  # stored unsigned
        self.head = [i + off for i, off in enumerate(offsets)]
        self.children: list[list[int]] = [[] for _ in self.lower]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        # the cached tuples themselves (one C-level cache lookup per token, no copy)
        self.classes: list[tuple[str, ...]] = [
            _word_classes(lemma, lower) for lemma, lower in zip(self.lemma, self.lower, strict=True)
        ]
        self.sent_cues: list[set[str]] = []
        for sent in doc.sents:
            cues = {f"sent:{c}" for i in range(sent.start, sent.end) for c in self.classes[i]}
            self.sent_cues.append({c for c in cues if c.split(":")[1] in SENTENCE_CLASSES})
        self.cache: dict[tuple[object, ...], frozenset[str]] = {}

    def mask(self, names: set[str]) -> None:
        """Never name a word of an actor's name in a feature, however it is written."""
        for i, (lemma, lower) in enumerate(zip(self.lemma, self.lower, strict=True)):
            if lemma in names or lower in names:
                self.word[i] = "<name>"

    def root(self, m: Mention) -> int:
        """The token of a mention whose head lies outside it (its syntactic head)."""
        for i in range(m.start, m.end):
            if not m.start <= self.head[i] < m.end or self.head[i] == i:
                return i
        return m.start

    def ancestors(self, i: int) -> list[int]:
        """``i`` and its heads up to the root."""
        out = [i]
        while self.head[out[-1]] != out[-1] and len(out) < 64:
            out.append(self.head[out[-1]])
        return out


#: The classes whose presence anywhere in the sentence is a feature.
SENTENCE_CLASSES = frozenset({"neg", "modal", "tariff", "ally", "replace", "talk"})


def occurrence_features(cues: DocCues, occ: Occurrence, directed: bool) -> frozenset[str]:
    """What one sentence (or sentence pair) says about a candidate (cached per document: the same
    two mentions are candidates of several kinds)."""
    s, t = occ.source, occ.target
    key = (s.start, s.end, t.start, t.end, s.sent, t.sent, directed, s.how, t.how)
    if key not in cues.cache:
        cues.cache[key] = frozenset(_occurrence_features(cues, occ, directed))
    return cues.cache[key]


def _occurrence_features(cues: DocCues, occ: Occurrence, directed: bool) -> set[str]:
    s, t = occ.source, occ.target
    first, second = (s, t) if s.start <= t.start else (t, s)
    out = {f"scope={occ.scope}", f"how={s.how}>{t.how}"}
    if directed:
        out.add("order=st" if s.start <= t.start else "order=ts")
    gap = max(second.start - first.end, 0)
    out.add("dist" + bucket(gap, (0, 2, 5, 10, 20)))
    for i in range(first.end, second.start):
        out.update(f"btw:{c}" for c in cues.classes[i])
        if cues.pos[i] in ("VERB", "NOUN") and gap <= 12:
            out.add(f"btwlem={cues.word[i]}")
    n = len(cues.lower)
    around = [
        *range(max(first.start - WINDOW, 0), first.start),
        *range(second.end, min(second.end + WINDOW, n)),
    ]
    for i in around:
        out.update(f"near:{c}" for c in cues.classes[i])
    for sent in {s.sent, t.sent}:
        out |= cues.sent_cues[sent]
    out |= role_features(cues, "s", s) | role_features(cues, "t", t)
    if occ.scope == "same":
        out |= path_features(cues, s, t)
    # the same cue means more in the pair's own sentence than one sentence away
    out |= {f"{occ.scope}&{f}" for f in out if f.startswith(CONJOINED)}
    return out


#: Feature families also conjoined with the occurrence's scope.
CONJOINED = ("btw:", "near:", "lca:", "sent:", "path=", "plen", "dist")


def role_features(cues: DocCues, side: str, m: Mention) -> set[str]:
    """The mention's place in its clause: its dependency label, the preposition governing it and
    the word class of what it attaches to (``t_pobj<on`` under ``tariff``)."""
    root = cues.root(m)
    head = cues.head[root]
    out = {f"{side}_dep={cues.dep[root]}"}
    if cues.dep[head] == "prep" or cues.pos[head] == "ADP":
        out.add(f"{side}_prep={cues.lower[head]}")
        head = cues.head[head]
    out.update(f"{side}_head:{c}" for c in cues.classes[head])
    out.add(f"{side}_{cues.dep[root]}:{cues.pos[head]}")
    return out


def path_features(cues: DocCues, s: Mention, t: Mention) -> set[str]:
    """The dependency path from the source's head to the target's head through their lowest
    common ancestor: its labels, length, the ancestor's word and the cues hanging off it."""
    a, b = cues.root(s), cues.root(t)
    if a == b:
        return {"path=same-token", f"lca={cues.word[cues.head[a]]}"}
    up_a, up_b = cues.ancestors(a), cues.ancestors(b)
    ids_b = set(up_b)
    lca = next((i for i in up_a if i in ids_b), None)
    if lca is None:
        return {"path=none"}
    left = [cues.dep[i] for i in up_a[: up_a.index(lca)]]
    right = [cues.dep[i] for i in up_b[: up_b.index(lca)]]
    length = len(left) + len(right)
    out = {"plen" + bucket(length, (1, 2, 3, 4, 6)), f"lca={cues.word[lca]}", f"lcapos={cues.pos[lca]}"}
    out.update(f"lca:{c}" for c in cues.classes[lca])
    if length <= MAX_PATH:
        out.add("path=" + "^".join(left) + "|" + "v".join(reversed(right)))
    negs = lexicon()["neg"]
    for child in cues.children[lca]:
        if cues.dep[child] == "neg" or cues.lower[child] in negs:
            out.add("lca_neg")
        if cues.dep[child] == "aux" and cues.tag[child] == "MD":
            out.add(f"lca_modal={cues.lemma[child]}")
    out.update(f"pathlem={cues.word[i]}" for i in [*up_a, *up_b] if cues.pos[i] in ("VERB", "NOUN"))
    return out


class ArticleView:
    """What every candidate of one article looks up: actors by id, mention counts, and the rules'
    relations with both ends lifted to the states persons represent."""

    def __init__(self, extraction: Extraction, mentions: list[Mention]) -> None:
        self.extraction = extraction
        self.actors = {a.id: a for a in extraction.actors}
        self.counts = Counter(m.actor for m in mentions if m.how != "pronoun")
        self.top = max(self.counts.values(), default=0)
        self.lifted = [
            (rel, _lift(rel.source, self.actors), _lift(rel.target, self.actors))
            for rel in extraction.relations
        ]


def pair_features(cand: Candidate, view: ArticleView) -> set[str]:
    """What the whole article says about a candidate: actor kinds, affiliations, the rules' votes."""
    actors, extraction, mentions = view.actors, view.extraction, view.counts
    src, tgt = actors.get(cand.source), actors.get(cand.target)
    out = {"bias", f"types={_kind(src)}>{_kind(tgt)}"}
    out |= _affiliation_features(src, tgt)
    if cand.rule is not None:
        ev = cand.rule.evidence[0] if cand.rule.evidence else None
        out.add("rule")
        out.add("rule_conf" + bucket(cand.rule.confidence, (0.5, 0.65, 0.8, 0.9)))
        if ev and ev.provenance:
            out.add("rule_prov=" + ev.provenance.split(":")[-1].split(".")[0])
        if cand.rule.valid_to is not None:
            out.add("rule_ended")
    out |= _other_rules(cand, extraction)
    out |= _lifted_rules(cand, view)
    same = sum(o.scope == "same" for o in cand.occurrences)
    out.add("n_same" + bucket(same, (0, 1, 2, 4)))
    out.add("n_adj" + bucket(len(cand.occurrences) - same, (0, 1, 3)))
    if cand.occurrences:
        out.add("first_sent" + bucket(min(o.source.sent for o in cand.occurrences), (0, 2, 5)))
    top = view.top
    for side, key in (("s", cand.source), ("t", cand.target)):
        out.add(f"{side}_mentions" + bucket(mentions.get(key, 0), (1, 2, 4, 8)))
        if top and mentions.get(key, 0) == top:
            out.add(f"{side}_most_mentioned")
    return out


def _kind(actor: Actor | None) -> str:
    return actor.kind.value[0] if actor else "?"


def _affiliation_features(src: Actor | None, tgt: Actor | None) -> set[str]:
    out: set[str] = set()
    if src is None or tgt is None:
        return out
    if src.affiliation and src.affiliation == tgt.id:
        out.add("s_aff=t")
    if tgt.affiliation and tgt.affiliation == src.id:
        out.add("t_aff=s")
    if src.affiliation and tgt.affiliation:
        out.add("same_aff" if src.affiliation == tgt.affiliation else "diff_aff")
    if src.roles:
        out.add("s_has_role")
    if src.kind.value == "Person" and not src.affiliation:
        out.add("s_no_aff")
    return out


def _other_rules(cand: Candidate, extraction: Extraction) -> set[str]:
    out = set()
    pair = {cand.source, cand.target}
    for rel in extraction.relations:
        if {rel.source, rel.target} == pair and rel.kind is not cand.kind:
            out.add(f"rule_other={rel.kind.value}")
        elif (
            rel.kind is cand.kind
            and not cand.kind.symmetric
            and (rel.source, rel.target)
            == (
                cand.target,
                cand.source,
            )
        ):
            out.add("rule_reverse")
        if rel.kind is RelationKind.REPLACED_BY and rel.source == cand.source:
            out.add("s_replaced")
        if rel.kind is RelationKind.REPLACED_BY and rel.target == cand.source:
            out.add("s_successor")
    return out


def _lift(key: str, actors: Mapping[str, Actor]) -> str:
    actor = actors.get(key)
    return actor.affiliation if actor is not None and actor.affiliation else key


def _lifted_rules(cand: Candidate, view: ArticleView) -> set[str]:
    """The rules' votes one level up: persons stand for the state they represent (a negotiation of
    two ministers is one of their states; Trump's tariff is the United States')."""
    actors = view.actors
    ls, lt = _lift(cand.source, actors), _lift(cand.target, actors)
    out = {"same_lift"} if ls == lt else set()
    for rel, rs, rt in view.lifted:
        if rel.key == cand.key:
            continue
        if rel.kind is cand.kind and ({rs, rt} == {ls, lt} if cand.kind.symmetric else (rs, rt) == (ls, lt)):
            out.add("rule_lifted")
        if rel.kind is cand.kind and ls in (rs, rt) and not cand.kind.symmetric:
            out.add("s_lift_in_rule" if rs == ls else "s_lift_rule_target")
        if rel.kind is cand.kind and lt in (rs, rt):
            out.add("t_lift_in_rule")
    src = actors.get(cand.source)
    if cand.kind is RelationKind.REPRESENTS and src is not None and src.affiliation:
        out.add("aff_is_target" if src.affiliation == cand.target else "aff_elsewhere")
    return out


def candidate_features(
    cues: DocCues, cand: Candidate, view: ArticleView
) -> tuple[set[str], list[frozenset[str]]]:
    """(pair features, one feature set per occurrence)."""
    directed = not cand.kind.symmetric
    return pair_features(cand, view), [occurrence_features(cues, occ, directed) for occ in cand.occurrences]
