"""Runs the rule catalogue over one article context: token rules at the tokens their Matcher
patterns (or ``DependencyMatcher`` patterns) match, in text order (rules of one token in catalogue
order), then article rules over
what the token rules found, then the filters. The engine alone advances the context's running
state ("the two sides" are the last pair read negotiating)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from tradegraph.loaders.extraction.found import Found
from tradegraph.loaders.extraction.rules import ArticleRead, Filter, Rule, TokenRead

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    from tradegraph.loaders.extraction.context import ArticleContext


class RuleEngine:
    """The token Matcher of a rule catalogue, built once per pipeline, and its runner."""

    def __init__(self, vocab: Vocab, rules: Iterable[Rule], filters: Iterable[Filter]) -> None:
        from spacy.matcher import DependencyMatcher, Matcher

        self.rules = tuple(rules)
        self.filters = tuple(filters)
        self.article_rules = [r for r in self.rules if r.level == "article" and r.read is not None]
        self.matcher: Matcher = Matcher(vocab)
        self.dep_matcher = DependencyMatcher(vocab)
        self._order: dict[int, int] = {}  # dependency match id -> position of the rule in the catalogue
        # token rules sharing a trigger (eight negotiation rules read the same talk words) share one
        # Matcher key, so each pattern is matched once: match id -> positions of its rules
        self._rules_of: dict[int, list[int]] = {}
        keys: dict[str, str] = {}
        for n, rule in enumerate(self.rules):
            if rule.level == "token" and rule.read is not None:
                pattern = json.dumps(rule.trigger, sort_keys=True)
                if pattern not in keys:
                    keys[pattern] = f"trigger.{len(keys)}"
                    self.matcher.add(keys[pattern], list(rule.trigger))
                self._rules_of.setdefault(vocab.strings[keys[pattern]], []).append(n)
            elif rule.level == "dependency":
                self.dep_matcher.add(rule.name, [rule.pattern])
                self._order[vocab.strings[rule.name]] = n

    def run(self, ctx: ArticleContext) -> list[Found]:
        """Every reading of the article, each tagged with its rule, open readings dropped."""
        found: list[Found] = []
        hits: set[tuple[int, int, tuple[int, ...]]] = {
            (start, n, ()) for match_id, start, _ in self.matcher(ctx.doc) for n in self._rules_of[match_id]
        }
        hits |= {(ids[0], self._order[match_id], tuple(ids)) for match_id, ids in self.dep_matcher(ctx.doc)}
        for i, n, ids in sorted(hits):
            rule = self.rules[n]
            if rule.level == "dependency":
                readings: Iterable[Found] = pattern_reading(ctx, rule, ids)
            else:
                readings = cast(TokenRead, rule.read)(ctx, ctx.doc[i])
            got = [_with_references(ctx, _tagged(f, rule)) for f in readings]
            if rule.running and got:
                last = got[-1]
                ctx.running.sides = [ctx.resolver.state(last.source), ctx.resolver.state(last.target)]
            found.extend(got)
        for rule in self.article_rules:
            read_all = cast(ArticleRead, rule.read)
            found.extend(_tagged(f, rule) for f in read_all(ctx, list(found)))
        found = [f for f in found if not f.open]
        for check in self.filters:
            found = check.keep(ctx, found)
        return found


def _tagged(found: Found, rule: Rule) -> Found:
    if not found.rule:
        found.rule = rule.name
    return found


def _with_references(ctx: ArticleContext, found: Found) -> Found:
    """Names the discourse references a reading rests on: "They met X" -> ``+discourse.plural_they``."""
    refs = ctx.resolver.references
    sent = found.sentence
    for i in range(sent.start, sent.end):
        if i in refs:
            name, keys = refs[i]
            states = {ctx.resolver.state(k) for k in keys}
            if (
                found.source in keys
                or found.target in keys
                or found.source in states
                or found.target in states
            ) and name not in found.rule:
                found.rule = f"{found.rule}+{name}"
    return found


def pattern_reading(ctx: ArticleContext, rule: Rule, ids: tuple[int, ...]) -> list[Found]:
    """The pairs a dependency pattern's ``source`` and ``target`` nodes name; none when the
    pattern's anchor is negated ("was not replaced by")."""
    nodes = {node["RIGHT_ID"]: ctx.doc[i] for node, i in zip(rule.pattern, ids, strict=True)}
    anchor = ctx.doc[ids[0]]
    if any(c.dep_ == "neg" for c in anchor.children):
        return []
    r, persons = ctx.resolver, ctx.index.persons
    sources, targets = r.single(nodes["source"]), r.single(nodes["target"])
    conf = min(rule.confidence, 0.6) if ctx.weak_in(anchor.subtree) else rule.confidence
    out = []
    for a in sources:
        for b in targets:
            if a != b and (not rule.persons_only or (a in persons and b in persons)):
                out.append(Found(a, rule.kind, b, anchor.sent, conf, rule=rule.name))
    return out
