"""The grammar of plain-language questions: intent patterns built from synonym lists.

A pattern is a template over a few slots: ``{WHO}`` (who / which countries / ...), ``{AUX}``
(is / did / has ...), ``{E}`` (the entity, resolved later against the graph's names),
``{E2}`` (a second entity), ``{POSS}`` (an optional possessive), ``{MOD}`` (adjectives such
as chief, top, trade). Patterns are tried in order and must match the whole question; the
first match wins, so the more specific ones come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradegraph.queries.phrases import IMPOSE, NEGOTIATE, REP_NOUN, REPRESENT, ROLE, SLOTS, TARIFF

# (intent, pattern); tried in this order.
RULES: list[tuple[str, str]] = [
    # yes/no: the answer is the second actor when the graph says yes
    (
        "allied",
        r"(?:is|are|was|were) {E} (?:an? |a close |a key )?(?:allied|allies|ally|aligned|in an alliance|friends?|"
        r"partners?) (?:with|of|to) {E2}",
    ),
    ("allied", r"(?:is|are|was|were) {E} and {E2} (?:allies|allied|aligned|in an alliance|friends)"),
    ("allied", r"(?:is|are|was|were) {E} (?:an?|a close|a key) {E2}{POSS} (?:ally|allies|partner)"),
    ("allied", r"(?:do|does|did|has|have) {E} (?:have |has |had )?(?:an )?alliance with {E2}"),
    (
        "negotiating",
        r"(?:is|are|was|were|has|have|had|does|do|did)(?: been)? {E} (?:been )?"
        + NEGOTIATE
        + r" (?:with|to) {E2}(?: on .*| over .*| about .*)?",
    ),
    ("negotiating", r"(?:are|were|have|did) {E} and {E2} (?:been )?" + NEGOTIATE + r"(?: on .*| over .*)?"),
    (
        "imposes_tariffs",
        r"(?:has|have|had|does|do|did|is|was|will) {E} (?:been )?"
        + IMPOSE
        + r" (?:"
        + TARIFF
        + r") (?:on|against|to) {E2}",
    ),
    ("imposes_tariffs", r"(?:has|have|had|does|do|did|is|was) {E} (?:tariff(?:ed)?|hit) {E2}(?: with .*)?"),
    ("imposes_tariffs", r"(?:is|are|was|were) {E2} (?:hit|targeted) (?:with " + TARIFF + r" )?by {E}"),
    (
        "represents",
        r"(?:does|did|do|has|had|will) {E} (?:still |ever |also )?"
        + REPRESENT
        + r" {E2}(?: (?:in|at|on) .*)?",
    ),
    (
        "represents",
        r"(?:is|was|are|were) {E} (?:still |also )?(?:representing|speaking for|negotiating for|acting for|"
        r"working for) {E2}(?: (?:in|at) .*)?",
    ),
    ("represents", r"(?:is|was|are|were) {E} (?:still |also )?(?:the |an? )?{E2}{POSS} " + ROLE),
    ("represents", r"(?:is|was|are|were) {E} (?:still |also )?(?:the |an? )?{E2}{POSS} {MOD}" + REP_NOUN),
    ("represents", r"(?:is|was|are|were) {E2} (?:represented|spoken for) by {E}"),
    (
        "represents_since",
        r"(?:since when|how long) (?:has|have|did|does) {E} (?:been )?" + REPRESENT + r" {E2}",
    ),
    (
        "represents_since",
        r"when did {E} (?:start|begin|first start) (?:representing|to represent|negotiating for|speaking for|"
        r"working for|acting for) {E2}",
    ),
    # when a replacement happened: E is who was replaced, E2 who replaced them
    (
        "replaced_when",
        r"when (?:did|was|were|has|had|will) {E2} (?:replace|succeed|supersede|take over from|follow|"
        r"come after|step in for|become the successor (?:of|to))(?: the)? {E}(?: as .*)?",
    ),
    (
        "replaced_when",
        r"when (?:was|were|did|has|had) {E} (?:get |been )?(?:replaced|succeeded|superseded|replace[d]?)"
        r"(?: by {E2})?(?: as .*)?",
    ),
    ("replaced_when", r"when (?:did|was) {E2} (?:take|took) over (?:as .* )?from {E}(?: as .*)?"),
    (
        "replaced_when",
        r"(?:on |at )?(?:what|which) (?:day|date) (?:did|was) {E2} (?:replace|succeed) {E}(?: as .*)?",
    ),
    (
        "replaced_when",
        r"(?:on |at |since )?(?:what|which) (?:day|date|time) (?:was|were|did|has|had) {E} (?:get |been )?"
        r"(?:replaced|succeeded|superseded|replace[d]?)(?: by {E2})?(?: as .*)?",
    ),
    # paths and brokers name no single entity, or two
    ("profile", r"what (?:is|was) {E}{POSS} (?:position|stance|role|view|policy|part)(?: on .*| in .*)?"),
    ("path", r"how (?:is|are|was|were) {E} (?:connected|linked|related|tied) (?:to|with) {E2}"),
    ("path", r"how (?:are|were) {E} and {E2} (?:connected|linked|related|tied)(?: to each other)?"),
    ("path", r"(?:what is )?(?:the )?(?:relationship|relation|connection|link) between {E} and {E2}"),
    ("path", r"(?:what|which) (?:links|connects|ties) {E} (?:and|to|with) {E2}"),
    (
        "path",
        r"(?:(?:show|find|give)(?: me)? )?(?:the )?(?:shortest )?(?:path|connection|link|chain) (?:from|between) {E} (?:to|and) {E2}",
    ),
    (
        "brokers",
        r"(?:{WHO} {AUX} )?(?:the )?(?:most )?(?:central|important|influential|key|biggest|main|top)? ?"
        r"(?:brokers?|go-betweens?|intermediar(?:y|ies)|hubs?|connectors?)(?: in the (?:graph|network))?",
    ),
    (
        "brokers",
        r"{WHO} {AUX} (?:the )?most (?:central|connected|influential)(?: \w+)?(?: in the (?:graph|network))?",
    ),
    # tariffs by an actor, asked through the tariffs themselves
    (
        "tariff_targets",
        r"(?:what|which)(?: \w+)? (?:"
        + TARIFF
        + r") {AUX} {E} (?:"
        + IMPOSE
        + r"|impose)(?: (?:and )?on .*| so far)?",
    ),
    ("tariff_targets", r"{WHO} {AUX} (?:hit|targeted|affected|struck) by {E}{POSS} " + TARIFF),
    ("tariff_targets", r"{WHO} (?:face|faces|faced) {E}{POSS} " + TARIFF),
    ("tariff_targets", r"(?:on |against )?{WHO} {AUX} {E} retaliat(?:e|ed|es|ing)(?: against| on)?"),
    ("tariff_targets", r"{WHO} {AUX} (?:subject to|exposed to|facing|hit with) {E}{POSS} " + TARIFF),
    ("tariff_imposers", r"{WHO} {AUX}? ?retaliat(?:e|ed|es|ing) (?:against|on) {E}(?: with .*)?"),
    ("tariff_targets", r"where {AUX} {E} " + IMPOSE + r" (?:" + TARIFF + r")"),
    # tariffs: the target
    (
        "tariff_imposers",
        r"{WHO} {AUX}?\s?" + IMPOSE + r" (?:(?:new |fresh )?" + TARIFF + r") (?:on|against|for|to) {E}",
    ),
    (
        "tariff_imposers",
        r"{WHO} {AUX}?\s?(?:hit|hits|target(?:s|ed)?|slap(?:s|ped)?|punish(?:es|ed)?|threaten(?:s|ed)?) {E} with "
        + TARIFF,
    ),
    ("tariff_imposers", r"{WHO} {AUX}?\s?(?:tariff(?:s|ed|ing)?) {E}"),
    (
        "tariff_imposers",
        r"(?:by whom|who by) {AUX} (?:" + TARIFF + r" )?(?:imposed|put|placed|levied) on {E}",
    ),
    (
        "tariff_imposers",
        r"(?:" + TARIFF + r") (?:on|against) {E}(?: (?:imposed|put|levied))?(?: by whom| from whom)?",
    ),
    (
        "tariff_imposers",
        r"{WHO} {AUX} {E} (?:been )?(?:hit|targeted|tariffed|slapped) (?:with " + TARIFF + r" )?by",
    ),
    (
        "tariff_imposers",
        r"(?:from |by )?{WHO} {AUX} {E} (?:face|faced|facing|get|got|receive|received|suffer(?:ed)?) "
        + TARIFF
        + r"(?: from| by)?",
    ),
    # tariffs: the imposer
    ("tariff_targets", r"(?:on|against) {WHO} {AUX} {E} " + IMPOSE + r" (?:" + TARIFF + r")(?: on)?"),
    ("tariff_targets", r"{WHO} {AUX} {E} " + IMPOSE + r" (?:" + TARIFF + r" )?(?:on|against)"),
    (
        "tariff_targets",
        r"{WHO} {AUX} {E} (?:hit|target|slap|punish|tariff)(?:ed|s)?(?: with " + TARIFF + r")?",
    ),
    (
        "tariff_targets",
        r"{WHO} {AUX} (?:face|faced|facing|subject to|hit (?:by|with)|targeted (?:by|with)|under|getting|receiving) "
        + TARIFF
        + r" (?:from|by|of|imposed by) {E}",
    ),
    (
        "tariff_targets",
        r"{WHO} (?:face|faces|faced|got|get|received?) " + TARIFF + r" (?:from|by|imposed by) {E}",
    ),
    ("tariff_targets", r"(?:targets|victims) of {E}{POSS} " + TARIFF),
    ("tariff_targets", r"{E}{POSS} (?:" + TARIFF + r") (?:targets?|on whom)"),
    # successions
    ("predecessors", r"{WHO} {AUX} (?:replaced|succeeded|superseded|followed) by {E}"),
    ("predecessors", r"{WHO} {AUX} {E} (?:replace|succeed|supersede|take over from|follow|come after)"),
    ("predecessors", r"{WHO} {AUX} {E}{POSS} (?:predecessors?|forerunners?)(?: as .*)?"),
    ("predecessors", r"{WHO} {AUX} (?:the )?(?:predecessors?|forerunners?) (?:of|to) {E}"),
    ("predecessors", r"{WHO} (?:preceded|came before|held (?:the|that) (?:post|job|office|role) before) {E}"),
    (
        "predecessors",
        r"{WHO} (?:{AUX}|represented|held|led|ran|served as) (?:the |a )?(?:\S+ ){1,6}?(?:before|prior to) {E}",
    ),
    ("predecessors", r"(?:the )?(?:predecessors?|forerunners?) (?:of|to) {E}"),
    ("predecessors", r"{E}{POSS} (?:predecessors?|forerunners?)"),
    (
        "successors",
        r"{WHO} {AUX}? ?(?:replaced|replaces|succeeded|succeeds|superseded|took over from|takes over from|"
        r"came after|followed|will replace|will succeed|stepped in for|replac(?:ed|ing)|"
        r"(?:appointed|named|chosen|picked|tapped|nominated|brought in|sworn in) "
        r"(?:to |as )?(?:replace|succeed|take over from|the successor (?:of|to)|the replacement (?:of|for)))"
        r"(?: the)? {E}(?: as .*)?",
    ),
    (
        "successors",
        r"{WHO} {AUX} {E} (?:replaced|succeeded|superseded|followed|swapped out for|switched for) (?:by|with|for)",
    ),
    ("successors", r"{WHO} {AUX} {E}{POSS} (?:successors?|replacements?)(?: as .*)?"),
    (
        "successors",
        r"{WHO} {AUX}? ?(?:took over|takes over|took|takes|taken|has taken|taking|inherited|filled|stepped into) "
        r"{E}{POSS} (?:job|post|role|position|seat|place|office|portfolio)",
    ),
    (
        "successors",
        r"{WHO} (?:{AUX}|represented|held|led|ran|served as) (?:the |a )?(?:\S+ ){1,6}?(?:after|following) {E}",
    ),
    ("successors", r"{WHO} {AUX} (?:the )?(?:successors?|replacements?) (?:of|to|for) {E}"),
    ("successors", r"(?:the )?(?:successors?|replacements?) (?:of|to|for) {E}"),
    ("successors", r"{E}{POSS} (?:successors?|replacements?)"),
    # allies
    (
        "allies",
        r"{WHO} {AUX} (?:allied|allies|an ally|ally|in an alliance|alliance partners?|aligned|friends)"
        r" (?:with|of|to) {E}",
    ),
    ("allies", r"{WHO} {AUX} {E}{POSS} (?:\w+ )?(?:allies|ally|alliances|alliance partners?|friends)"),
    ("allies", r"{WHO} {AUX} {E} (?:allied|aligned|ally|allies|align|aligns|side|sides|sided) with"),
    ("allies", r"(?:with )?{WHO} {AUX} {E} (?:have|has|form|formed) (?:an )?alliances?(?: with)?"),
    ("allies", r"{WHO} {AUX} (?:the )?(?:\w+ )?(?:allies|ally|alliance partners|friends) (?:of|to) {E}"),
    ("allies", r"(?:\w+ )?(?:allies|ally) of {E}"),
    (
        "allies",
        r"(?:the |all )?(?:countries|nations|states)(?: that are| which are)? (?:allied|aligned) with {E}",
    ),
    ("allies", r"{E}{POSS} (?:\w+ )?allies"),
    # negotiations
    (
        "counterparts",
        r"(?:with |to )?{WHO} {AUX} {E} " + NEGOTIATE + r"(?: with| to)?(?: on .*| over .*| about .*)?",
    ),
    ("counterparts", r"{WHO} {AUX}? ?(?:the (?:\w+ ){1,2})?" + NEGOTIATE + r" (?:with|to) {E}"),
    (
        "counterparts",
        r"{WHO} {AUX}? ?(?:sits?|sat|sitting|is) across (?:the (?:negotiating )?table )?from {E}",
    ),
    (
        "counterparts",
        r"{WHO} {AUX} {E}{POSS} (?:negotiating |trade |tariff )?(?:counterparts?|partners? in (?:the )?talks|"
        r"negotiating partners?|interlocutors?|opposite numbers?)(?: (?:in|at|from|on) .*)?",
    ),
    ("counterparts", r"{WHO} {AUX} (?:the )?(?:counterparts?|opposite numbers?) (?:of|to|for) {E}"),
    ("counterparts", r"(?:the )?(?:counterparts?|negotiating partners?) (?:of|to|for) {E}"),
    ("counterparts", r"{E}{POSS} (?:negotiating )?(?:counterparts?|negotiating partners?)"),
    # whom a person represents
    ("represented_by", r"(?:for )?{WHO} {AUX} {E} " + REPRESENT + r"(?: for)?(?: in .*)?"),
    ("represented_by", r"for {WHO} {AUX} {E} (?:negotiat|speak|work|act|argu|lobb)\w*"),
    ("represented_by", r"{E} " + REPRESENT + r" (?:whom|who|which \w+|what \w+|what)"),
    ("represented_by", r"{WHO} {AUX} {E}(?:'s)? (?:country|employer|government|side|state)"),
    ("represented_by", r"(?:where|which country) {AUX} {E} (?:come from|from|work)"),
    ("represented_by", r"{WHO} {AUX} {E} (?:from|with|working for|acting for|speaking for)"),
    # who represents a state or body, narrowed to an office when the question names one
    ("representatives", r"{WHO} {AUX} {E}{POSS} " + ROLE + r"(?: (?:in|at|for|to) .*)?"),
    ("representatives", r"{WHO} {AUX} (?:the |its |their )?" + ROLE + r" (?:of|for|from) {E}"),
    ("representatives", r"{WHO} {AUX} (?:the )?{E} " + ROLE + r"(?: (?:in|at|for|to) .*)?"),
    (
        "representatives",
        r"{WHO} {AUX}? ?(?:leads?|heads?|led|headed|leading|heading|runs?|ran|running) (?:the )?{E}{POSS} "
        r"(?:\w+ )?(?:team|delegation|side|negotiations|talks)",
    ),
    (
        "representatives",
        r"{WHO} (?:serves?|served|acts?|acted|works?|worked) as {E}{POSS} (?:"
        + ROLE
        + r"|{MOD}"
        + REP_NOUN
        + r")",
    ),
    ("representatives", r"{E}{POSS} " + ROLE),
    (
        "representatives",
        r"{WHO} {AUX} (?:the |its |their )?(?:\w+ )?(?:officials?|people|persons|ministers|negotiators|"
        r"delegates|representatives) (?:representing|speaking for|negotiating for|acting for|working for) {E}",
    ),
    ("representatives", r"{WHO} {AUX} (?:the )?{E} {MOD}" + REP_NOUN),
    ("representatives", r"{WHO} {AUX}? ?" + REPRESENT + r" {E}"),
    (
        "representatives",
        r"{WHO} {AUX} {E} (?:send|sent|sending|field|fielded|dispatch|dispatched|appoint|appointed|name|named|"
        r"choose|chose|picked?|tapped?)(?: (?:to|as|for) .*)?",
    ),
    (
        "representatives",
        r"{WHO} {AUX} (?:on|in|part of|a member of|members of|among) (?:the )?{E}{POSS} (?:\w+ )?"
        r"(?:team|delegation|side|negotiators)",
    ),
    ("representatives", r"{WHO} {AUX} {E}{POSS} {MOD}" + REP_NOUN + r"(?: (?:in|at|for) .*)?"),
    ("representatives", r"{WHO} {AUX} (?:representing|speaking for|negotiating for|working for) {E}"),
    ("representatives", r"{WHO} {AUX} {MOD}" + REP_NOUN + r" (?:of|for|from) {E}"),
    ("representatives", r"{WHO} {AUX} {E} (?:represented|spoken for|led) by"),
    (
        "representatives",
        r"{WHO} {AUX} {E}{POSS} {MOD}(?:minister|secretary|leader|president|prime minister|head|government)s?",
    ),
    ("representatives", r"{MOD}" + REP_NOUN + r" (?:of|for|from) {E}"),
    ("representatives", r"{E}{POSS} {MOD}" + REP_NOUN),
    (
        "representatives",
        r"(?:which|what) {E} (?:officials?|negotiators?|representatives?|ministers?|delegates?|people|diplomats?|"
        r"envoys?)(?: .*)?",
    ),
    ("allies", r"{WHO} {AUX} {E}{POSS} (?:closest |close |key |main |strategic |biggest )?partners"),
    # an actor on its own
    (
        "profile",
        r"(?:tell me|tell us|what do (?:we|you) know|what is known|give me (?:a |the )?profile|show me) (?:about|of|on)? ?{E}",
    ),
    ("profile", r"(?:profile|describe|summari[sz]e)(?: of)? {E}"),
    ("profile", r"(?:who|what) (?:is|are|was|were) {E}"),
]


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule read: the intent, the entity text, a second entity, an office named as a filter."""

    intent: str
    entity: str
    other: str | None = None
    role: str | None = None


def _compile(template: str) -> re.Pattern[str]:
    text = template
    for name, regex in SLOTS.items():
        text = text.replace("{" + name + "}", regex)
    return re.compile(text, re.IGNORECASE)


COMPILED = [(intent, _compile(template)) for intent, template in RULES]
_POLITE = re.compile(
    r"^[\s,;:.-]*(?:(?:please|pls|ok|so|and|but|hey|now|then|"
    r"(?:can you |could you )?tell (?:me|us)(?= (?:who|whom|which|what|how|with|for|on))|"
    r"i (?:want|would like) to know|do you know|i wonder|name|list|(?:show|give)(?: me| us)?(?= (?:the|all|who|whom|which|what|how)))"
    r"[,\s]+)+",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"[\s,]*(?:please|now|currently|today|right now|these days|at the moment|at present|"
    r"exactly|again|then|so far|in the graph|according to the graph)?[\s?!.,;:]*$",
    re.IGNORECASE,
)


# Phrasings that mean the same as a shorter one the rules know.
_SAME_AS = [
    (re.compile(r"\bon (?:the )?behalf of\b", re.IGNORECASE), "for"),
    (re.compile(r"\bon whose behalf\b", re.IGNORECASE), "for whom"),
    (re.compile(r"\bon (?:the )?(.+?)(?:'s|') behalf\b", re.IGNORECASE), r"for \1"),
    (re.compile(r"\bin the name of\b", re.IGNORECASE), "for"),
    (re.compile(r"\b(who|what|where|when|how|which)'s\b", re.IGNORECASE), r"\1 is"),
    (re.compile(r"\b(who|what|which)'re\b", re.IGNORECASE), r"\1 are"),
]


def normalise(question: str) -> str:
    """Quotes, spaces and politeness that do not change the question.

    >>> normalise("  Please, who represents   Japan?? ")
    'who represents Japan'
    """
    text = (
        question.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    )
    text = " ".join(text.replace('"', " ").split())
    text = _POLITE.sub("", text.lstrip(" ,;:.-"))
    for pattern, plain in _SAME_AS:
        text = pattern.sub(plain, text)
    return _TRAIL.sub("", text).strip()


def matches(question: str) -> list[Match]:
    """Every rule that matches the whole (normalised) question, in rule order, with its slots.

    The caller takes the first whose names resolve ("Who is the point person for the EU?" also
    fits a rule whose entity would be "the").
    """
    text = normalise(question)
    out: list[Match] = []
    for intent, pattern in COMPILED:
        found = pattern.fullmatch(text)
        if found:
            groups = {k: (v or "").strip() or None for k, v in found.groupdict().items()}
            candidate = Match(intent, groups.get("e") or "", groups.get("e2"), groups.get("role"))
            if candidate not in out:
                out.append(candidate)
    return out


def match(question: str) -> Match | None:
    """The first rule that matches the whole (normalised) question, with its entity text.

    >>> match("Which officials act on behalf of Japan?")
    Match(intent='representatives', entity='Japan', other=None, role=None)
    """
    found = matches(question)
    return found[0] if found else None
