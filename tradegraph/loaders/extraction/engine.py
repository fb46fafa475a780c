"""Runs the rule catalogue over one article context: token rules at the tokens their Matcher
patterns match, in text order (rules of one token in catalogue order), then article rules over
what the token rules found, then the filters. The engine alone advances the context's running
state ("the two sides" are the last pair read negotiating)."""

from __future__ import annotations

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
        from spacy.matcher import Matcher

        self.rules = tuple(rules)
        self.filters = tuple(filters)
        self.token_rules = [r for r in self.rules if r.level == "token" and r.read is not None]
        self.article_rules = [r for r in self.rules if r.level == "article" and r.read is not None]
        self.matcher: Matcher = Matcher(vocab)
        self._order: dict[int, int] = {}
        for n, rule in enumerate(self.token_rules):
            self.matcher.add(rule.name, list(rule.trigger))
            self._order[vocab.strings[rule.name]] = n

    def run(self, ctx: ArticleContext) -> list[Found]:
        """Every reading of the article, each tagged with its rule, open readings dropped."""
        found: list[Found] = []
        hits = sorted({(start, self._order[match_id]) for match_id, start, _ in self.matcher(ctx.doc)})
        for i, n in hits:
            rule = self.token_rules[n]
            read = cast(TokenRead, rule.read)
            got = [_with_references(ctx, _tagged(f, rule)) for f in read(ctx, ctx.doc[i])]
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
