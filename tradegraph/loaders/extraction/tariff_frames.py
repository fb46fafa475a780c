"""IMPOSES_TARIFFS_ON stated as a frame rather than as "X imposed tariffs on Y": a rate or a
tariff in force and the countries in its target slots ("a 25% tariff on Japanese imports",
"Imports from Syria will be taxed at 41%, followed by Laos at 40%", "Vietnam got 20%",
"most of their goods will pay a 15% U.S. tariff"). The imposer is the one the clause names,
else the article's dominant imposer."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import (
    BEARER_VERBS,
    FACTUAL_MARKS,
    GOODS,
    IMPOSER_VERBS,
    LETTER_NOUNS,
    QUANTIFIERS,
    RATE_NOUNS,
    RATE_UNITS,
    REPORTING_VERBS,
    TARIFF_NOUNS,
    TO_RATE_VERBS,
    UNREAL,
    UNREAL_RATE_ONLY,
)
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.tariffs import TariffReader

#: What makes a rate frame hoped for, estimated, escaped or lifted rather than in force.
RATE_UNREAL = UNREAL | UNREAL_RATE_ONLY

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.context import ArticleContext


class TariffFrames(TariffReader):
    """Reads tariff frames over one document, with the :class:`TariffReader` helpers."""

    def __init__(self, ctx: ArticleContext) -> None:
        super().__init__(ctx)
        self.dominant: str | None = None
        # the only tokens an anchor can start from (tariff nouns, rate units), found once per
        # document from its arrays instead of building every token of every sentence
        strings = self.index.doc.vocab.strings
        rows = self.index.doc.to_array([LOWER, LEMMA]).tolist() if len(self.index.doc) else []
        words = TARIFF_NOUNS | RATE_UNITS | {"%"}
        self._words = [
            i
            for i, (lower, lemma) in enumerate(rows)
            if strings[lower] in words or strings[lemma].lower() == "tariff"
        ]

    def read(self) -> list[Found]:
        doc = self.index.doc
        if not any(t.lower_ in TARIFF_NOUNS or t.lemma_.lower() == "tariff" for t in doc):
            return []  # rates alone say nothing of tariffs in an article that never names one
        self.dominant = self._dominant_imposer()
        found: list[Found] = []
        for sent in doc.sents:
            found.extend(self._sentence(sent))
        return found

    # -- anchors ----------------------------------------------------------------------------
    def _anchors(self, sent: Span) -> list[Token]:
        """Heads of the noun phrases naming a tariff or a rate: "a 25% tariff", "a 10% baseline
        rate", "41%" (not "tariff talks", "tariff revenue")."""
        heads: list[Token] = []
        lo, hi = bisect_left(self._words, sent.start), bisect_left(self._words, sent.end)
        for i in self._words[lo:hi]:
            t = sent.doc[i]
            low = t.lower_
            if not (low in TARIFF_NOUNS or t.lemma_.lower() == "tariff" or self._is_rate(t)):
                continue
            head = t
            while head.dep_ in {"compound", "nmod", "amod", "nummod", "quantmod"} and head.head != head:
                head = head.head
            if head != t and not (
                head.lower_ in TARIFF_NOUNS | RATE_NOUNS
                or head.lemma_.lower() == "tariff"
                or self._is_rate(head)
            ):
                continue
            if head.lower_ in RATE_NOUNS and not self._has_rate(head) and head == t:
                continue  # "the highest rate": a rate only with its number or its tariff
            if head not in heads:
                heads.append(head)
        return heads

    @staticmethod
    def _is_rate(t: Token) -> bool:
        return (
            t.lower_ in RATE_UNITS
            and any(c.like_num or c.pos_ == "NUM" for c in t.children)
            or (t.lower_ == "%" and t.i > 0 and t.doc[t.i - 1].like_num)
        )

    def _has_rate(self, t: Token) -> bool:
        return any(self._is_rate(c) or c.lower_ in TARIFF_NOUNS for c in t.subtree if c.i < t.i)

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, sent: Span) -> Iterator[Found]:
        anchors = [a for a in self._anchors(sent) if self._real(a)]
        if not anchors:
            return
        targets: dict[str, tuple[Token, str]] = {}
        for anchor in anchors:
            for key in self._frame_targets(anchor):
                targets.setdefault(key, (anchor, "imposes.rate_frame"))
        for key in self._listed_at_rates(sent):
            targets.setdefault(key, (anchors[0], "imposes.listed_at_rate"))
        for key in self._letter_recipients(sent):
            targets.setdefault(key, (anchors[0], "imposes.letter_rate"))
        for key, (anchor, rule) in targets.items():
            imposer = self._frame_imposer(anchor, key)
            if imposer and imposer != key and self.r.state(imposer) != key:
                yield Found(imposer, RelationKind.IMPOSES_TARIFFS_ON, key, sent, 0.7, rule=rule)

    def _real(self, anchor: Token) -> bool:
        """Whether the tariff or rate is in force or decided: no threat, plan, condition, pause
        or modal governs it within its own clause."""
        for c in anchor.children:
            if c.dep_ in {"acl", "amod", "relcl"} and c.lemma_.lower() in RATE_UNREAL:
                return False  # "a 25 percent levy threatened by Washington"
            if c.lower_ in {"zero", "no"} and c.dep_ in {"nummod", "amod", "det", "compound"}:
                return False  # "charge zero tariffs on American products": no tariff at all
        prev: Token | None = None
        node = anchor
        while True:
            lemma = node.lemma_.lower()
            if (
                not (prev is not None and prev.dep_ == "conj")
                and node.tag_ not in {"JJR", "RBR"}
                and (lemma in RATE_UNREAL or node.lower_ in RATE_UNREAL)
            ):  # "lower than the 20% imposed on X" compares rates; "lower the rate" cuts one
                if not (lemma in TO_RATE_VERBS and self._to_rate(node)):
                    return False
            for c in node.children:
                if c.dep_ == "neg" and node.lemma_.lower() in IMPOSER_VERBS | BEARER_VERBS:
                    return False  # "did not impose"; not "will not retaliate against the tariff"
                if c.dep_ in {"aux", "mark"} and c.lower_ in RATE_UNREAL:
                    if not (c.lower_ == "would" and self._reported(node)):
                        return False
                if c.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children
                ):
                    return False
            if node.dep_ == "relcl" or node.head == node:
                return True
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in node.children
            ):
                return True
            prev, node = node, node.head

    @staticmethod
    def _to_rate(verb: Token) -> bool:
        return any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.like_num or g.lower_ in RATE_UNITS for g in c.subtree)
            for c in verb.children
        )

    @staticmethod
    def _reported(node: Token) -> bool:
        """ "Trump said that a 30% tariff would be levied": a past report's future, not a condition."""
        return (
            node.dep_ == "ccomp"
            and node.head.lemma_.lower() in REPORTING_VERBS
            and node.head.tag_ in {"VBD", "VBZ", "VBN"}
        )

    # -- targets -----------------------------------------------------------------------------
    def _frame_targets(self, anchor: Token) -> list[str]:
        found = list(self._tariff_targets(anchor))
        own = [c for c in anchor.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}]
        if own and not found:  # "Canada saw its tariff raised"; not "Washington lowered its tariff on X"
            found += self._its(own[0], every=True)
        preps = {c.lower_: c for c in anchor.children if c.dep_ == "prep"}
        if "on" in preps and "from" in preps and any(g.lower_ in GOODS for g in preps["on"].children):
            found += [k for g in preps["from"].children for k in self.target(g)]  # "a tariff on goods from X"
        for clause in anchor.children:  # "the 20 per cent that Chilean goods now face"
            if clause.dep_ == "relcl" and clause.lemma_.lower() in BEARER_VERBS:
                found += [k for c in clause.children if c.dep_ == "nsubj" for k in self._bearer(c)]
        verb, dep = self._governor(anchor)
        if verb is not None:
            lemma = verb.lemma_.lower()
            explicit = bool(found)
            if (
                dep in {"dobj", "attr"}
                and lemma in BEARER_VERBS
                and not (explicit and lemma in {"keep", "retain"})
            ):
                found += self._subjects(verb, passive=False)
            if verb.pos_ in {"VERB", "AUX"} and lemma in IMPOSER_VERBS | BEARER_VERBS:
                found += self._subjects(verb, passive=True)
            if dep == "at" and lemma in BEARER_VERBS:
                found += self._subjects(verb, passive=False)
        return [k for k in dict.fromkeys(found) if k.startswith(("country:", "org:"))]

    def _governor(self, anchor: Token) -> tuple[Token | None, str]:
        """The verb a tariff or rate hangs on and how: ("pay", "dobj"), ("set", "at"), ("hit", "with")."""
        if anchor.dep_ in {"dobj", "attr", "nsubjpass", "oprd"}:
            return anchor.head, anchor.dep_
        if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep":
            prep = anchor.head
            return prep.head, prep.lower_
        if anchor.dep_ == "appos":
            return self._governor(anchor.head)
        return None, ""

    def _subjects(self, verb: Token, *, passive: bool) -> list[str]:
        """The countries a clause's subject names, through "keep paying", relative pronouns,
        "most of their goods" and "its"."""
        while verb.dep_ == "xcomp" and not any(c.dep_.startswith("nsubj") for c in verb.children):
            verb = verb.head
        found: list[str] = []
        for c in verb.children:
            if c.dep_ == ("nsubjpass" if passive else "nsubj"):
                node = verb.head if c.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl" else c
                found.extend(self._bearer(node))
        return found

    def _bearer(self, node: Token) -> list[str]:
        if node.lower_ in QUANTIFIERS:  # "most of their goods"
            for p in node.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    return [k for g in p.children if g.dep_ == "pobj" for k in self._bearer(g)]
        for c in node.children:
            if c.dep_ == "poss" and c.lower_ in {"their", "its"}:
                return self._its(c, every=True)
            if c.dep_ == "poss" and c.lower_ == "whose" and node.head.dep_ == "relcl":
                return self.target(node.head.head)  # "X and Y, whose exporters pay 20%": X and Y
        return self.target(node)

    def _listed_at_rates(self, sent: Span) -> list[str]:
        """ "followed by Laos and Myanmar at 40% and Switzerland at 39%": the countries listed
        right before "at" and a rate, read off the surface, where parses disagree."""
        doc = sent.doc
        found: list[str] = []
        for t in sent:
            if t.lower_ != "at" or t.i + 2 >= sent.end or not self._rate_after(t.i + 1):
                continue
            if not self._real(next((g for g in t.subtree if self._is_rate(g)), t)):
                continue
            i = t.i - 1
            while i >= sent.start:
                m = self.index.at(doc[i])
                if m is not None and not m.in_name and m.key not in self.index.persons:
                    found.append(self.r.state(self.r.single(doc[i])[0]) if self.r.single(doc[i]) else m.key)
                    i = m.start - 1
                elif doc[i].lower_ in {",", "and", "or", "the", "both"} and found:
                    i -= 1
                else:
                    break
        return found

    def _rate_after(self, i: int) -> bool:
        doc = self.index.doc
        j = i
        while (
            j < len(doc)
            and j < i + 4
            and (doc[j].like_num or doc[j].lower_ in {"the", "a", "per", "about", "around"})
        ):
            j += 1
        return j < len(doc) and j > i and doc[j].lower_ in RATE_UNITS

    def _letter_recipients(self, sent: Span) -> list[str]:
        """ "Trump sent a letter to South Korean President Lee, also setting a 25% rate": the
        addressee's state, when the letter sets a rate."""
        found: list[str] = []
        for t in sent:
            if t.lower_ not in LETTER_NOUNS:
                continue
            holders = [t, t.head] if t.dep_ == "dobj" else [t]  # "sent a letter to X", "sent X a letter"
            for p in (c for h in holders for c in h.children):
                if p.dep_ in {"prep", "dative"} and p.lower_ == "to":
                    for g in p.children:
                        found.extend(self.r.state(k) for k in self.r.single(g))
        return [k for k in found if k.startswith(("country:", "org:"))]

    # -- imposer -----------------------------------------------------------------------------
    def _frame_imposer(self, anchor: Token, target: str) -> str | None:
        for key in self._explicit_imposers(anchor):
            if key != target and self.r.state(key) != target:
                return key
        if self.dominant and self.dominant != target:
            return self.dominant
        fallback = self.default_imposer()
        return fallback if fallback != target else None

    def _explicit_imposers(self, anchor: Token) -> list[str]:
        """ "U.S. tariff", "Washington's tariff", "tariffs imposed by X", the active subject of an
        imposing verb ("Washington lowered its tariff", "Trump signed an order slapping ...")."""
        found: list[str] = []
        nouns = [
            anchor,
            *(c for c in anchor.children if c.lower_ in TARIFF_NOUNS and c.dep_ in {"compound", "nmod"}),
        ]
        for noun in nouns:
            for c in noun.children:
                if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.lower_ not in {"its", "their"}:
                    found.extend(k for k in self.r.single(c))
                if c.dep_ in {"prep", "agent"} and c.lower_ == "by":
                    found.extend(k for g in c.children for k in self.r.single(g))
        node = anchor
        for _ in range(6):
            head = node.head
            if head == node:
                break
            if head.pos_ in {"VERB", "AUX"}:
                if head.lemma_.lower() in IMPOSER_VERBS and node.dep_ != "nsubjpass":
                    subject = head
                    while subject.dep_ == "conj" and not any(
                        c.dep_.startswith("nsubj") for c in subject.children
                    ):
                        subject = subject.head  # "Ottawa dropped X but kept Y": the shared subject
                    for c in subject.children:
                        if c.dep_ == "nsubj":
                            found.extend(self.r.single(c))
                        if c.dep_ == "agent":
                            found.extend(k for g in c.children for k in self.r.single(g))
                if (
                    head.dep_ not in {"xcomp", "advcl", "conj", "acl", "ccomp"}
                    or head.lemma_.lower() in BEARER_VERBS
                ):
                    break
            node = head
        return [k for k in found if k in self.index.persons or k.startswith(("country:", "org:"))]

    def _dominant_imposer(self) -> str | None:
        """The state the article most often names as imposer, when one stands out."""
        counts: Counter[str] = Counter()
        named: Counter[str] = Counter()
        for sent in self.index.doc.sents:
            for anchor in self._anchors(sent):
                keys = self._explicit_imposers(anchor) if self._real(anchor) else []
                if keys:
                    counts[self.r.state(keys[0])] += 1
                    named[keys[0]] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        # the actor the text names, not a guess at their state: "Trump" stays "Trump"
        return max((k for k in named if self.r.state(k) == ranked[0][0]), key=lambda k: named[k])


def frames(ctx: ArticleContext) -> list[Found]:
    return ctx.memo("tariffs.frames", ctx.doc[0], lambda _: TariffFrames(ctx).read())


def read_rate_frame(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    return [f for f in frames(ctx) if f.rule == "imposes.rate_frame"]


def read_listed_at_rate(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    return [f for f in frames(ctx) if f.rule == "imposes.listed_at_rate"]


def read_letter_rate(ctx: ArticleContext, found: list[Found]) -> list[Found]:
    return [f for f in frames(ctx) if f.rule == "imposes.letter_rate"]
