"""ALLIED_WITH: "the U.S.-Japan alliance", "Japan's alliance with the United States", "X remains
among America's allies", "X and other allies", "the two NATO allies", "one of its closest allies"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import COPULAS, REPORTING_VERBS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.resolve import NounResolver

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext


#: Verbs that name their object as something ("describe X as an ally", "call X an ally").
NAMING_VERBS = frozenset({"describe", "call", "consider", "regard", "designate", "name", "see", "hail"})


def hyphen_countries(r: NounResolver, token: Token) -> list[str]:
    """The countries of a hyphenated or stacked modifier before ``token`` ("the U.S.-Japan
    alliance", "U.S.-India trade talks"), when it names at least two."""
    index = r.index
    found: list[str] = []
    modifiers = [
        t
        for c in token.children
        if c.dep_ in {"compound", "amod", "nmod"} and c.i < token.i
        for t in c.subtree
    ]
    for c in modifiers:
        if c.dep_ in {"compound", "amod", "nmod"}:
            for part in c.text.replace("–", "-").split("-"):
                place = index.gaz.lookup(part)
                if place is not None and place.kind.value == "Country" and place.id not in found:
                    found.append(place.id)
            for key in r.single(c):
                if key not in found and key.startswith("country:"):
                    found.append(key)
    return found if len(found) >= 2 else []


class AllianceReader:
    """Who is allied with whom around one ally word (no state of its own)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.r = ctx.resolver
        self.index = ctx.index

    def reading(self, token: Token) -> tuple[str, str | None, list[str]]:
        """(rule, partner, members): a pair rule names two or more members and no partner; the
        ``allied.members_of`` rule names the partner and the states allied with it."""
        head = token.head
        if any(c.dep_ == "neg" for c in token.children) or (
            head.lemma_.lower() in COPULAS and any(c.dep_ == "neg" for c in head.children)
        ):
            return "", None, []  # "are not allies" (but "will not weaken the alliance" asserts one)
        if token.dep_ == "compound" or any(
            c.lemma_.lower() in {"look", "seek", "search", "find", "court"}
            for c in [head, head.head]
            if c.pos_ == "VERB"
        ):
            return "", None, []  # "alliance talks", "looking for allies": none yet
        for rule, members in (
            ("allied.hyphen_pair", self._hyphen_countries(token)),
            ("allied.possessive_with", self._poss_and_with(token)),
            ("allied.counted", self._counted(token)),
        ):
            if members:
                return (rule, None, members) if len(members) >= 2 else ("", None, [])
        partner = self._ally_partner(token)
        group = self._ally_members(token)
        if partner is None and group:  # '"X is a great ally," Y said': Y's state, else the speaker's
            partner = next(
                (
                    p
                    for p in (self._reporter_state(token), self._speaker_state(token))
                    if p and p not in group and p.startswith("country:")
                ),
                None,
            ) or self._speaker_state(token)  # "X and Y are NATO allies": one member partners the rest
        if partner is None:
            return "", None, []
        group = [m for m in group if m != partner]
        if not group and (token.lower_ == "ally" or (token.dep_ == "pobj" and head.head.lower_ == "one")):
            group = self._sole_other_country(token, partner)
        return "allied.members_of", partner, group

    def _hyphen_countries(self, token: Token) -> list[str]:
        return hyphen_countries(self.r, token)

    def _poss_and_with(self, token: Token) -> list[str]:
        """ "Japan's alliance with the United States": the owner and the partner."""
        sides = [self._country_of(n) for n in self._sides(token)]
        found = [k for k in dict.fromkeys(sides) if k is not None]
        return found if len(found) >= 2 else []

    def _counted(self, token: Token) -> list[str]:
        """ "the two NATO allies", "both allies": the two countries last named."""
        if token.dep_ == "appos" or self._sides(token):
            return []  # "Tokyo and Seoul, both allies of Washington": the partner is named
        if token.lower_ in {"allies", "alliances"} and any(
            c.lower_ in {"two", "both"} for c in token.children
        ):
            found: list[str] = []
            for m in sorted(self.index.mentions, key=lambda m: -m.start):
                if (
                    m.start < token.i
                    and not m.in_name
                    and m.key.startswith("country:")
                    and m.key not in found
                ):
                    found.append(m.key)
                if len(found) == 2:
                    return found
        return []

    def _sides(self, token: Token) -> list[Token]:
        out = []
        for c in token.children:
            if c.dep_ == "poss":
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in {"of", "to", "with"}:
                out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def _country_of(self, node: Token) -> str | None:
        anchor = self._apposed_to(node)
        referring = node.lower_ in {"its", "their"} or (
            node.lower_ in {"country", "nation"} and any(c.lower_ == "the" for c in node.children)
        )
        keys = [] if referring and anchor else self.r.single(node)
        if keys:
            return self.r.state(keys[0])
        if node.lower_ in {"our", "we", "us"}:  # "'X remains our closest ally,' Y said": the speaker's
            return self._reporter_state(node)
        if referring and anchor:
            # "X, the country's longtime ally": the story's state; "X, its ally": the subject's
            own = self.index.home if node.lower_ in {"country", "nation"} else self._subject_state(node)
            if own and own not in anchor:
                return own
        if referring:  # "Washington and one of its allies"
            sent = node.sent
            for m in sorted(self.index.mentions, key=lambda m: -m.start):
                if (
                    sent.start <= m.start < node.i
                    and not m.in_name
                    and m.key.startswith("country:")
                    and m.key not in anchor
                ):
                    return m.key
        return None

    def _subject_state(self, node: Token) -> str | None:
        root = node.sent.root
        keys = [k for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} for k in self.r.single(c)]
        return self.r.state(keys[0]) if keys else None

    def _apposed_to(self, node: Token) -> set[str]:
        """The actors a noun phrase holding ``node`` is in apposition to ("Bolivia, its ally"):
        never what its "its" or "the country's" refers to."""
        head = node.head
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ == "appos":
            return set(self.r.parties(head.head))
        return set()

    def _sole_other_country(self, token: Token, partner: str) -> list[str]:
        """ "a trade war between Washington and one of its longtime allies": the one other
        country the sentence names, when there is exactly one."""
        sent = token.sent
        others = {
            self.r.state(m.key)
            for m in self.index.mentions
            if sent.start <= m.start < sent.end and not m.in_name and m.key.startswith("country:")
        }
        others.discard(partner)
        return sorted(others) if len(others) == 1 else []

    def _ally_partner(self, token: Token) -> str | None:
        # "X, Chile's neighbor and ally": the possessive both nouns share (in an apposition only)
        shared = self._sides(token.head) if token.dep_ == "conj" and token.head.dep_ == "appos" else []
        for n in [*self._sides(token), *shared]:
            key = self._country_of(n)
            if key is not None:
                return key
        for c in token.children:  # "a close U.S. ally", "a Brazilian ally" (a state's, never a bloc's)
            if c.dep_ in {"compound", "amod"} and token.lower_ in {"ally", "allies"}:
                keys = [self.r.state(k) for k in self.r.single(c)]
                if keys and keys[0].startswith("country:"):
                    return keys[0]
        if token.dep_ == "amod":  # "allied governments friendliest to the United States"
            return self._ally_partner(token.head) or next(
                (
                    self.r.state(k)
                    for s in token.head.children
                    if s.dep_ == "amod"
                    for p in s.children
                    if p.dep_ == "prep" and p.lower_ in {"to", "with"}
                    for g in p.children
                    for k in self.r.single(g)
                ),
                None,
            )
        return None

    def _ally_members(self, token: Token) -> list[str]:
        """Who the allies are: "Japan remains among America's allies", "X and other allies",
        "Seoul, Tokyo and Canberra — three of the allied governments ..."."""
        found: list[str] = []
        node = token.head if token.dep_ == "amod" else token
        if node.dep_ == "pobj" and node.head.lower_ in {"of", "among"}:
            node = node.head.head
        if node.dep_ == "appos":
            found.extend(self.r.parties(node.head))
        if node.dep_ == "conj" and node.head.dep_ == "appos":  # "X, its neighbor and ally"
            found.extend(self.r.parties(node.head.head))
        verb = node
        while verb.dep_ in {"attr", "pobj", "prep", "acomp"} and verb.head is not verb:
            verb = verb.head
        if verb.lemma_.lower() in {"be", "remain", "become", "stay"}:
            for c in verb.children:
                if c.dep_ == "nsubj":
                    found.extend(self.r.parties(c))
        found.extend(self._before_dash(token))
        if node.dep_ == "conj":
            found.extend(self.r.parties(node.head))
        for c in [*node.children, *(token.children if node is not token else [])]:
            if c.dep_ == "appos":
                found.extend(self.r.parties(c))
            if c.dep_ == "prep" and c.lower_ == "as" and any(m.lower_ == "such" for m in c.children):
                found.extend(
                    k for g in c.children if g.dep_ == "pobj" for k in self.r.parties(g)
                )  # "allies such as X"
            if c.dep_ == "prep" and c.lower_ == "including":
                found.extend(k for g in c.children if g.dep_ == "pobj" for k in self.r.parties(g))
        # "describing Turkey as a NATO ally", "called the Philippines a treaty ally"
        verb = node.head.head if node.dep_ == "pobj" and node.head.lower_ == "as" else node.head
        if node.dep_ in {"pobj", "oprd", "attr", "ccomp", "xcomp"} and verb.lemma_.lower() in NAMING_VERBS:
            found.extend(  # a state so named; a person called an ally is no alliance of states
                k
                for c in verb.children
                if c.dep_ == "dobj"
                for k in self.r.parties(c)
                if k not in self.index.persons
            )
        return [self.r.state(k) for k in dict.fromkeys(found)]

    def _before_dash(self, token: Token) -> list[str]:
        """ "Lima, Quito and La Paz — three of the allied capitals ... —": the list the
        dashed aside describes."""
        sent = token.sent
        dash = next((t for t in reversed(list(sent)[: token.i - sent.start]) if t.text in {"—", "–"}), None)
        if (
            dash is None
            or dash.i == sent.start
            or any(t.pos_ == "VERB" for t in sent.doc[dash.i + 1 : token.i])
        ):
            return []
        before = sent.doc[dash.i - 1]
        first = before
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        return self.r.parties(first)

    def _reporter_state(self, token: Token) -> str | None:
        """The state of whoever the quotation holding ``token`` is attributed to ("..., Y said")."""
        for node in token.ancestors:
            if node.lemma_.lower() in REPORTING_VERBS:
                keys = [k for c in node.children if c.dep_ == "nsubj" for k in self.r.single(c)]
                if keys:
                    return self.r.state(keys[0])
        return None

    def _speaker_state(self, token: Token) -> str | None:
        for node in token.ancestors:
            for c in node.children:
                if c.dep_ == "nsubj":
                    keys = self.r.single(c)
                    if keys:
                        return self.r.state(keys[0])
        return None


ALLIED = RelationKind.ALLIED_WITH


def _read(ctx: ArticleContext, token: Token, rule: str) -> Iterator[Found]:
    reader = ctx.memo("alliances.reader", ctx.doc[0], lambda _: AllianceReader(ctx))
    got, partner, members = ctx.memo("alliances.reading", token, reader.reading)
    if got != rule:
        return
    if partner is None:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield Found(a, ALLIED, b, token.sent, 0.85, rule=rule)
        return
    for m in members:
        if m != partner and m.startswith("country:") and partner.startswith("country:"):
            yield Found(partner, ALLIED, m, token.sent, 0.75, rule=rule)


def read_hyphen_pair(ctx: ArticleContext, token: Token) -> Iterator[Found]:
    yield from _read(ctx, token, "allied.hyphen_pair")


def read_possessive_with(ctx: ArticleContext, token: Token) -> Iterator[Found]:
    yield from _read(ctx, token, "allied.possessive_with")


def read_counted(ctx: ArticleContext, token: Token) -> Iterator[Found]:
    yield from _read(ctx, token, "allied.counted")


def read_members_of(ctx: ArticleContext, token: Token) -> Iterator[Found]:
    yield from _read(ctx, token, "allied.members_of")
