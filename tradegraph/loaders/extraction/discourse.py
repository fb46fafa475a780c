"""The discourse layer: what articles do across clauses and sentences. A reference stage
(:func:`references`, run once per article before any relation rule) resolves plural pronouns
("They met A, B and C" after a named delegation), "these allies" after a list of states and "his
Chilean counterpart"; the resolver then reads those tokens as the actors they refer to, and every
relation read through one names the reference rule in its provenance. Relation rules of this
layer read succession nouns ("his predecessor X", "X, whom she succeeds") and tariffs stated by
their effect ("tariffs ... did not spare X"). The article's running imposer and the owner of a
leader's tariffs are read by ``imposes.running_imposer`` and ``discourse.tariff_owner``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import (
    COUNTERPART_NOUNS,
    DELEGATION_NOUNS,
    DEMONSTRATIVES,
    GROUP_REFERENCE_NOUNS,
    PLURAL_PRONOUNS,
    SUCCESSION_NOUNS,
    TARIFF_NOUNS,
)
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import Example, Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext
    from tradegraph.loaders.extraction.resolve import NounResolver

#: token -> (reference rule, the actors it refers to)
References = dict[int, tuple[str, list[str]]]


def references(r: NounResolver) -> References:
    """The actors each plural pronoun, demonstrative group noun and counterpart refers to."""
    out: References = {}
    doc = r.index.doc
    groups = _subject_groups(r)
    lists = _country_lists(r)
    for t in doc:
        if t.lower_ in PLURAL_PRONOUNS and t.pos_ == "PRON":
            before = [keys for i, keys in groups if i < t.i]
            if before:
                out[t.i] = ("discourse.plural_they", before[-1])
        elif t.lower_ in GROUP_REFERENCE_NOUNS and any(c.lower_ in DEMONSTRATIVES for c in t.children):
            before = [keys for i, keys in lists if i < t.i]
            if before:
                out[t.i] = ("discourse.these_countries", before[-1])
        elif t.lower_ in COUNTERPART_NOUNS and any(c.dep_ == "poss" for c in t.children) and not named(r, t):
            states = [
                k
                for c in t.children
                if c.dep_ in {"amod", "compound", "nmod"}
                for k in r.single(c)
                if k.startswith("country:")
            ]
            if states:
                out[t.i] = ("discourse.counterpart", states[:1])
    return out


def named(r: NounResolver, noun: Token) -> bool:
    """ "his American counterpart Donald Trump": the counterpart is named, no reference to read."""
    doc = noun.doc
    near = [c for c in noun.children if c.dep_ in {"appos", "compound"}]
    near += [doc[noun.i + 1]] if noun.i + 1 < len(doc) else []
    near += [noun.head] if noun.dep_ in {"appos", "compound"} else []
    return any((m := r.index.at(t)) is not None and m.key in r.index.persons for t in near)


def _subject_groups(r: NounResolver) -> list[tuple[int, list[str]]]:
    """Subjects naming several actors, or a delegation (with whoever leads it), by position."""
    out = []
    for t in r.index.doc:
        if t.dep_ not in {"nsubj", "nsubjpass"} or t.lower_ in PLURAL_PRONOUNS:
            continue
        keys = r.parties(t)
        leaders = [
            k
            for c in t.children
            if c.dep_ == "acl" and c.lemma_ in {"lead", "head"}
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            for k in r.parties(g)
        ]
        keys = list(dict.fromkeys(keys + leaders))
        if len(keys) >= 2 or (keys and t.lower_ in DELEGATION_NOUNS):
            out.append((t.i, keys))
    return out


def _country_lists(r: NounResolver) -> list[tuple[int, list[str]]]:
    """Lists of two or more states ("Peru, Chile and Colombia"), by the position of their end."""
    from tradegraph.loaders.extraction.spans import members

    out = []
    seen: set[int] = set()
    for m in r.index.mentions:
        if m.in_name or not m.key.startswith("country:") or m.start in seen:
            continue
        head = r.index.doc[m.start : m.end].root
        group = members(head)
        keys = [k for t in group for k in r.single(t) if k.startswith("country:")]
        seen.update(t.i for t in group)
        if len(dict.fromkeys(keys)) >= 2:
            out.append((max(t.i for t in group), list(dict.fromkeys(keys))))
    return sorted(out)


# -- succession nouns ------------------------------------------------------------------------
def read_succession_noun(ctx: ArticleContext, noun: Token) -> Iterator[Found]:
    """ "his predecessor X", "X, her predecessor", "her successor, Y"."""
    r, persons = ctx.resolver, ctx.index.persons
    owners = [k for c in noun.children if c.dep_ == "poss" for k in r.single(c) if k in persons]
    named = [k for c in noun.children if c.dep_ in {"appos", "compound"} for k in r.single(c) if k in persons]
    if noun.dep_ == "appos":
        named += [k for k in r.single(noun.head) if k in persons]
    after = noun.i + 1 < len(ctx.doc) and ctx.doc[noun.i + 1]
    if after and not named and (m := ctx.index.at(after)) is not None and m.key in persons:
        named.append(m.key)  # "predecessor X" parsed with X elsewhere
    for owner in owners:
        for other in dict.fromkeys(named):
            if other == owner:
                continue
            old, new = (other, owner) if noun.lower_.startswith("predecessor") else (owner, other)
            yield Found(old, RelationKind.REPLACED_BY, new, noun.sent, 0.7, rule="discourse.succession_noun")


def read_relative_successor(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    """ "X, whom she succeeds, ...": the relative clause's subject takes X's post."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ == "dobj" and c.lower_ in {"whom", "who"} for c in verb.children
    ):
        return
    if any(c.dep_ == "neg" for c in verb.children):
        return
    r, persons = ctx.resolver, ctx.index.persons
    olds = [k for k in r.single(verb.head) if k in persons]
    news = [
        k for c in verb.children if c.dep_ == "nsubj" for k in r.single(c) if k in persons and k not in olds
    ]
    if not news and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        # the pronoun inside a relative clause on X is not X: the person named before X
        earlier = sorted(
            (
                m
                for m in ctx.index.mentions
                if m.start < verb.head.i and m.key in persons and m.key not in olds
            ),
            key=lambda m: m.start,
        )
        news = [earlier[-1].key] if earlier else []
    for old in olds:
        for new in news:
            if old != new:
                yield Found(
                    old, RelationKind.REPLACED_BY, new, verb.sent, 0.7, rule="discourse.relative_successor"
                )


# -- tariffs by their effect ---------------------------------------------------------------------
def read_not_spared(ctx: ArticleContext, tariff: Token) -> Iterator[Found]:
    """ "The tariffs Brazil announced did not spare Uruguay": the tariffs hit what they spared not."""
    from tradegraph.loaders.extraction.tariffs import tariff_reader

    verb = tariff.head
    if (
        tariff.dep_ != "nsubj"
        or verb.lemma_.lower() != "spare"
        or not any(c.dep_ == "neg" for c in verb.children)
    ):
        return
    reader = tariff_reader(ctx)
    targets = [k for c in verb.children if c.dep_ == "dobj" for k in reader.target(c)]
    clause = reader.imposing_clause(tariff)
    imposer = (
        (reader.clause_imposer(clause) if clause is not None else None)
        or reader.imposer(tariff)
        or ctx.imposer_before(tariff.i)
        or reader.default_imposer()
    )
    for target in dict.fromkeys(targets):
        if imposer and target != imposer and ctx.resolver.state(imposer) != target:
            yield Found(
                imposer,
                RelationKind.IMPOSES_TARIFFS_ON,
                target,
                tariff.sent,
                0.75,
                rule="discourse.not_spared",
            )


NEGOTIATES = RelationKind.NEGOTIATES_WITH
RULES = (
    Rule(
        "discourse.two_sides",
        NEGOTIATES,
        '"the two sides", "both parties": the states of the last pair read negotiating',
        0.8,
        positive=(
            Example(
                "Chile held talks with Peru in May. The two sides agreed to meet again in June.",
                ("Chile", "Peru"),
            ),
        ),
        negative=(Example("The two sides agreed to meet again in June.", None),),
        level="reference",
        read_by="negotiation_parties.Parties._group",
    ),
    Rule(
        "discourse.running_counterpart",
        NEGOTIATES,
        '"X met her counterpart" (unnamed): the other side of the pair of states read last',
        0.6,
        positive=(
            Example(
                "Chile held talks with Peru in May. Chilean Trade Minister Marta Rojas met her counterpart "
                "in Lima on Friday.",
                ("Marta Rojas", "Peru"),
            ),
        ),
        negative=(
            Example("Chilean Trade Minister Marta Rojas met her counterpart in Lima on Friday.", None),
        ),
        level="reference",
        read_by="negotiation_parties.Parties._running_counterpart",
    ),
    Rule(
        "discourse.plural_they",
        NEGOTIATES,
        '"they"/"them" after a subject naming several actors or a delegation led by someone',
        0.6,
        positive=(
            Example(
                "Chilean Finance Minister Marta Rojas and Economy Minister Pablo Ortiz flew to Washington. "
                "They met Treasury Secretary Ann Lee on Monday.",
                ("Pablo Ortiz", "Ann Lee"),
            ),
        ),
        negative=(Example("They met Treasury Secretary Ann Lee on Monday.", None),),
        level="reference",
        read_by="discourse.references",
    ),
    Rule(
        "discourse.these_countries",
        RelationKind.IMPOSES_TARIFFS_ON,
        '"these allies", "those countries": the list of states named last',
        0.6,
        positive=(
            Example(
                "Peru, Chile and Colombia export copper. Brazil imposed a 25% tariff on these countries.",
                ("Brazil", "Colombia"),
            ),
            Example(
                "Peru, Chile and Colombia are close partners of Brazil. Brazil's 25% auto tariff, which "
                "hits these allies, took effect on Monday.",
                ("Brazil", "Chile"),
            ),
        ),
        negative=(Example("Brazil imposed a 25% tariff on these countries.", None),),
        level="reference",
        read_by="discourse.references",
    ),
    Rule(
        "discourse.counterpart",
        NEGOTIATES,
        '"his Chilean counterpart": the state the counterpart is named by',
        0.6,
        positive=(
            Example(
                "Peruvian Trade Minister Luis Vargas met his Chilean counterpart in Lima.",
                ("Luis Vargas", "Chile"),
            ),
        ),
        negative=(Example("Peruvian Trade Minister Luis Vargas praised the Chilean economy.", None),),
        level="reference",
        read_by="discourse.references",
    ),
    Rule(
        "discourse.succession_noun",
        RelationKind.REPLACED_BY,
        '"his predecessor X" (X replaced by him), "her successor, Y" (her replaced by Y)',
        0.7,
        positive=(
            Example(
                "Trade Minister Luis Vargas of Peru praised his predecessor, Omar Haddad, on Monday.",
                ("Omar Haddad", "Luis Vargas"),
            ),
        ),
        negative=(Example("Trade Minister Luis Vargas of Peru praised Omar Haddad on Monday.", None),),
        trigger=([{"LOWER": {"IN": sorted(SUCCESSION_NOUNS)}}],),
        read=read_succession_noun,
    ),
    Rule(
        "discourse.relative_successor",
        RelationKind.REPLACED_BY,
        '"X, whom she succeeds, ..."',
        0.7,
        positive=(
            Example(
                "Peru named Leila Nasser trade minister. Omar Haddad, whom she succeeds, left the ministry.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(Example("Omar Haddad, whom she met, left the ministry.", None),),
        trigger=([{"LEMMA": {"IN": ["succeed", "replace"]}}],),
        read=read_relative_successor,
    ),
    Rule(
        "discourse.tariff_owner",
        RelationKind.REPRESENTS,
        "a leader named without a country who imposes tariffs acts for the state whose tariffs "
        'the article names ("the Peruvian tariffs")',
        0.6,
        positive=(
            Example(
                "President Luis Vargas imposed a 30% tariff on Chilean goods in May. "
                "Chile said the Peruvian tariffs broke the treaty.",
                ("Luis Vargas", "Peru"),
            ),
        ),
        negative=(Example("President Luis Vargas praised Chilean exporters in May.", None),),
        level="office",
        read_by="affiliation.Ties.tariff_state",
    ),
    Rule(
        "discourse.not_spared",
        RelationKind.IMPOSES_TARIFFS_ON,
        '"the tariffs X announced did not spare Y"',
        0.75,
        positive=(
            Example("The tariffs Brazil announced in May did not spare Uruguay.", ("Brazil", "Uruguay")),
        ),
        negative=(Example("The tariffs Brazil announced in May spared Uruguay.", None),),
        trigger=([{"LOWER": {"IN": sorted(TARIFF_NOUNS)}}],),
        read=read_not_spared,
    ),
)
