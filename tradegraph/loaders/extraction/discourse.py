"""The discourse layer: what articles do across clauses and sentences. The reference stage
(:mod:`.references`, run once per article before any relation rule) resolves plural pronouns,
"these allies", "his Chilean counterpart" and "the Chilean officials"; this module holds its
records. Relation rules of this
layer read succession nouns ("his predecessor X", "X, whom she succeeds") and tariffs stated by
their effect ("tariffs ... did not spare X"). The article's running imposer and the owner of a
leader's tariffs are read by ``imposes.running_imposer`` and ``discourse.tariff_owner``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import (
    SUCCESSION_NOUNS,
    TARIFF_NOUNS,
)
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import Example, Rule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tradegraph.loaders.extraction.context import ArticleContext


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
        "discourse.named_officials",
        NEGOTIATES,
        '"the Chilean officials" after two or more Chilean officials were named together',
        0.6,
        positive=(
            Example(
                "Chilean Finance Minister Marta Rojas and Chilean Economy Minister Pablo Ortiz arrived in "
                "Lima. Peruvian Trade Minister Luis Vargas said the Chilean officials would meet him.",
                ("Pablo Ortiz", "Luis Vargas"),
            ),
        ),
        negative=(
            Example(
                "Chilean Finance Minister Marta Rojas arrived in Lima. "
                "Peruvian Trade Minister Luis Vargas said the Chilean officials would meet him on Monday.",
                ("Marta Rojas", "Luis Vargas"),
            ),
        ),
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
            # the tariffs "hit" a state: that state is the other side
            Example(
                "President Luis Vargas announced new Peruvian tariffs that hit Chile hard.",
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
