"""REPLACED_BY rules: "X was replaced by Y", "Y replaces X", "Y took over from X", "Y assumed the
post after X", and a post one person leaves and another takes up in the same story."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tradegraph.graph.model import RelationKind
from tradegraph.knowledge.lexicon import APPOINT_TO_POST_VERBS, POST_NOUNS, SUCCEED_VERBS
from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.role_text import role_keys
from tradegraph.loaders.extraction.rules import Example, Rule

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tradegraph.loaders.extraction.context import ArticleContext

REPLACED = RelationKind.REPLACED_BY


def _pairs_found(
    ctx: ArticleContext, verb: Token, pairs: list[tuple[str, str]], rule: str
) -> Iterator[Found]:
    persons = ctx.index.persons
    if any(c.dep_ == "neg" for c in verb.children):
        return  # "was not replaced by", "will not succeed"
    conf = 0.6 if ctx.weak_in(verb.subtree) else 0.85
    for old, new in pairs:
        if old in persons and new in persons and old != new:
            yield Found(old, REPLACED, new, verb.sent, conf, rule=rule)


def _keys(ctx: ArticleContext, verb: Token, deps: set[str], *, whole: bool = False) -> list[str]:
    r = ctx.resolver
    return [k for c in verb.children if c.dep_ in deps for k in (r.parties(c) if whole else r.single(c))]


def _subjects(ctx: ArticleContext, verb: Token) -> list[str]:
    subj = _keys(ctx, verb, {"nsubj"})
    if not subj and verb.dep_ == "relcl":
        subj = ctx.resolver.single(verb.head)
    return subj


def read_active_object(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    """ "Y replaces X", "Y, who succeeds X", "named Y minister, replacing X" (the appointee)."""
    if _keys(ctx, verb, {"nsubjpass"}) and any(c.dep_ == "agent" for c in verb.children):
        return
    olds = _keys(ctx, verb, {"dobj"}, whole=True)
    if not olds:
        return
    takers = (
        _appointee(ctx, verb)
        or _appointed_after(ctx, verb)
        or _subjects(ctx, verb)
        or _head_subject(ctx, verb)
        or _preceding_person(ctx, verb, exclude=olds)
    )
    yield from _pairs_found(ctx, verb, [(o, n) for o in olds for n in takers], "replaced.active_object")


def read_post_after(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    """ "Y assumed the role after X", "Y took the helm from X"."""
    if verb.lemma_.lower() == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return
    posts = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in POST_NOUNS]
    preps = {"after", "from"} if posts else {"after"}
    olds = [
        k
        for h in [verb, *posts]
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        for k in ctx.resolver.single(g)
    ]
    yield from _pairs_found(
        ctx, verb, [(o, n) for o in olds for n in _subjects(ctx, verb)], "replaced.post_after"
    )


def read_taking_over(ctx: ArticleContext, verb: Token) -> Iterator[Found]:
    """ "Y moves to the interior ministry, taking over from X": a participle without its own subject takes
    the person named last before it, if the nearest name is a person's (with a subject,
    ``replaced.took_over_from`` reads it)."""
    if verb.lemma_.lower() != "take" or not any(
        c.dep_ == "prt" and c.lower_ == "over" for c in verb.children
    ):
        return
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return
    olds = [
        k
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "from"
        for g in c.children
        for k in ctx.resolver.single(g)
    ]
    if not olds:
        return
    takers: list[str] = [
        k for k in _keys(ctx, verb.head, {"nsubj"}) if k in ctx.index.persons and k not in olds
    ]
    if verb.dep_ == "advcl" and takers:  # "Y now serves as minister in the new Cabinet, taking over from X"
        yield from _pairs_found(
            ctx, verb, [(o, n) for o in olds for n in takers], "replaced.taking_over_from"
        )
        return
    takers = []
    for t in reversed(list(verb.sent)[: verb.i - verb.sent.start]):
        if t.pos_ == "PROPN" and (t.ent_type_ == "PERSON" or ctx.resolver.single(t)):
            keys = [k for k in ctx.resolver.single(t) if k in ctx.index.persons and k not in olds]
            takers = keys[:1]
            break  # the nearest name decides, even one not read as a person
    yield from _pairs_found(ctx, verb, [(o, n) for o in olds for n in takers], "replaced.taking_over_from")


def _appointee(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "X named Y as foreign minister, replacing Z": the one appointed takes the post, not the
    one appointing."""
    for node in verb.ancestors:
        if node.lemma_.lower() in APPOINT_TO_POST_VERBS:
            return [
                k
                for c in node.children
                if c.dep_ in {"dobj", "oprd"}
                for k in ctx.resolver.single(c)
                if k in ctx.index.persons
            ]
    return []


def _appointed_after(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "Z replaced minister X in a reshuffle, appointing Y to the post": the appointee, not Z."""
    return [
        k
        for c in verb.children
        if c.dep_ in {"advcl", "conj"} and c.lemma_.lower() in APPOINT_TO_POST_VERBS
        for k in _keys(ctx, c, {"dobj", "oprd"})
        if k in ctx.index.persons
    ]


def _head_subject(ctx: ArticleContext, verb: Token) -> list[str]:
    """Who takes the post in the clause a participle or infinitive hangs on: its object ("X
    named Y as envoy, to succeed Z"), else its subject ("he was named minister, succeeding Z")."""
    if verb.dep_ not in {"advcl", "xcomp", "conj", "acl"} or verb.head == verb:
        return []
    for deps in ({"dobj"}, {"nsubjpass", "nsubj"}):
        found = [k for k in _keys(ctx, verb.head, deps) if k in ctx.index.persons]
        if found:
            return found
    return []


def _preceding_person(ctx: ArticleContext, verb: Token, exclude: list[str]) -> list[str]:
    """ "Peter Kyle becomes ..., replacing Jonathan Reynolds": the person named before."""
    for t in reversed(list(verb.sent)[: verb.i - verb.sent.start]):
        keys = ctx.resolver.single(t)
        if keys and keys[0] in ctx.index.persons and keys[0] not in exclude:
            return keys[:1]
    return []


def read_left_and_taken(ctx: ArticleContext, found: list[Found]) -> Iterator[Found]:
    """A post one person leaves ("moves from foreign secretary", "former housing secretary")
    and another takes up in the same story ("to become foreign secretary")."""
    known = {(f.source, f.target) for f in found if f.kind is REPLACED}
    succeeded = {new for _, new in known}  # one post, one predecessor: stated ones win
    takers: dict[frozenset[str], list[tuple[str, Span]]] = {}
    for key, facts in ctx.facts.items():
        for office in facts.offices:
            if office.new and office.current:
                for rk in role_keys(office.role, split=False):
                    takers.setdefault(rk, []).append((key, office.sentence))
    for key, facts in ctx.facts.items():
        for office in facts.offices:
            if not office.left:
                continue
            for rk in role_keys(office.role):
                candidates = [(k, s) for k, s in takers.get(rk, []) if k != key and k not in succeeded]
                if len({k for k, _ in candidates}) != 1:
                    continue
                new, sentence = candidates[0]
                same_side = (
                    ctx.resolver.affiliation(new) in (None, facts.affiliation) or facts.affiliation is None
                )
                if same_side and (key, new) not in known:
                    known.add((key, new))
                    yield Found(key, REPLACED, new, sentence, 0.5, rule="replaced.left_and_taken")


REPLACE_TRIGGER = ([{"LEMMA": {"IN": sorted(SUCCEED_VERBS)}}],)
TAKE_TRIGGER = ([{"LEMMA": {"IN": ["take", "assume"]}}],)

#: "Y took over": the head both "took over from X" patterns share.
TOOK_OVER = [
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "take"}},
    {
        "LEFT_ID": "verb",
        "REL_OP": ">",
        "RIGHT_ID": "over",
        "RIGHT_ATTRS": {"DEP": "prt", "LOWER": "over"},
    },
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "target", "RIGHT_ATTRS": {"DEP": "nsubj"}},
]

RULES = (
    Rule(
        "replaced.passive_by",
        REPLACED,
        '"X was replaced by Y", "X was succeeded by Y"',
        0.85,
        positive=(
            Example(
                "Finance Minister Omar Haddad was replaced by Leila Nasser on Friday.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(Example("Finance Minister Omar Haddad was not replaced by Leila Nasser.", None),),
        level="dependency",
        pattern=[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(SUCCEED_VERBS)}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubjpass"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "agent", "RIGHT_ATTRS": {"DEP": "agent"}},
            {"LEFT_ID": "agent", "REL_OP": ">", "RIGHT_ID": "target", "RIGHT_ATTRS": {"DEP": "pobj"}},
        ],
        persons_only=True,
    ),
    Rule(
        "replaced.active_object",
        REPLACED,
        '"Y replaces X", "Y, who succeeds X", "named Y minister, replacing X" (the appointee, never the one appointing)',
        0.85,
        positive=(
            Example(
                "Leila Nasser will replace Omar Haddad as finance minister.", ("Omar Haddad", "Leila Nasser")
            ),
            Example(
                "President Karim Aziz named Leila Nasser finance minister, replacing Omar Haddad.",
                ("Omar Haddad", "Leila Nasser"),
            ),
            # "who" after an apposed title stands for the person, not the title's state
            Example(
                "The talks are led by Leila Nasser, Jordan's trade minister, who replaced Omar Haddad in May.",
                ("Omar Haddad", "Leila Nasser"),
            ),
            # the one appointed in the participle takes the post, not the one who replaced
            Example(
                "President Karim Aziz replaced Trade Minister Omar Haddad in a reshuffle on Friday, "
                "appointing his deputy Leila Nasser to the post.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(
            Example(
                "President Karim Aziz named Leila Nasser finance minister, replacing Omar Haddad.",
                ("Omar Haddad", "Karim Aziz"),
            ),
            Example(
                "President Karim Aziz replaced Trade Minister Omar Haddad in a reshuffle on Friday, "
                "appointing his deputy Leila Nasser to the post.",
                ("Omar Haddad", "Karim Aziz"),
            ),
        ),
        trigger=REPLACE_TRIGGER,
        read=read_active_object,
    ),
    Rule(
        "replaced.took_over_from",
        REPLACED,
        '"Y took over from X"',
        0.85,
        positive=(
            Example("Leila Nasser took over from Omar Haddad in March.", ("Omar Haddad", "Leila Nasser")),
        ),
        negative=(Example("Leila Nasser took over the ministry in March.", None),),
        level="dependency",
        pattern=[
            *TOOK_OVER,
            {
                "LEFT_ID": "verb",
                "REL_OP": ">",
                "RIGHT_ID": "from",
                "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "from"},
            },
            {"LEFT_ID": "from", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
        ],
        persons_only=True,
    ),
    Rule(
        "replaced.took_over_as_from",
        REPLACED,
        '"Y took over as trade minister from X"',
        0.85,
        positive=(
            Example(
                "Leila Nasser took over as trade minister from Omar Haddad in March.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(Example("Leila Nasser took over as trade minister in March.", None),),
        level="dependency",
        pattern=[
            *TOOK_OVER,
            {
                "LEFT_ID": "verb",
                "REL_OP": ">",
                "RIGHT_ID": "as",
                "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "as"},
            },
            {"LEFT_ID": "as", "REL_OP": ">", "RIGHT_ID": "post", "RIGHT_ATTRS": {"DEP": "pobj"}},
            {
                "LEFT_ID": "post",
                "REL_OP": ">",
                "RIGHT_ID": "from",
                "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "from"},
            },
            {"LEFT_ID": "from", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
        ],
        persons_only=True,
    ),
    Rule(
        "replaced.taking_over_from",
        REPLACED,
        '"Y moves to the interior ministry, taking over from X"',
        0.85,
        positive=(
            Example(
                "Leila Nasser moves to the interior ministry, taking over from Omar Haddad.",
                ("Omar Haddad", "Leila Nasser"),
            ),
            # the clause's own subject, whatever is named between
            Example(
                "Finance Minister Leila Nasser now serves as trade minister in the new Cabinet, taking over "
                "from Omar Haddad.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(Example("Leila Nasser moves to the interior ministry, taking over its budget.", None),),
        trigger=TAKE_TRIGGER,
        read=read_taking_over,
    ),
    Rule(
        "replaced.post_after",
        REPLACED,
        '"Y assumed the post after X", "Y took the helm from X"',
        0.85,
        positive=(
            Example("Leila Nasser took the helm from Omar Haddad in March.", ("Omar Haddad", "Leila Nasser")),
        ),
        negative=(Example("Leila Nasser assumed the post in March.", None),),
        trigger=TAKE_TRIGGER,
        read=read_post_after,
    ),
    Rule(
        "replaced.left_and_taken",
        REPLACED,
        "a post one person leaves and another takes up in the same story",
        0.5,
        positive=(
            Example(
                "Omar Haddad moves from finance minister to the foreign ministry. "
                "Leila Nasser becomes finance minister.",
                ("Omar Haddad", "Leila Nasser"),
            ),
        ),
        negative=(Example("Omar Haddad moves from finance minister to the foreign ministry.", None),),
        level="article",
        read=read_left_and_taken,
    ),
)
