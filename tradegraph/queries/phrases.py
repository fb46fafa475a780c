"""The word lists of the question grammar as regular-expression pieces: the slots of its templates
(who, auxiliaries, entities), and the ways of saying represent, negotiate, impose tariffs and the
titles of offices."""

from __future__ import annotations

SLOTS = {
    "WHO": r"(?:who|whom|which|what)(?:\s+(?:countries|country|nations?|states?|people|persons?|person|"
    r"officials?|ministers?|parties|party|actors?|governments?|ones?|leaders?|economies|trading partners?|"
    r"partners?|bodies|organi[sz]ations?|individuals?))?",
    "AUX": r"(?:is|are|was|were|has|have|had|does|do|did|will|would|can|could|has been|have been|had been|"
    r"is currently|are currently|was previously)",
    "E": r"(?P<e>.+?)",
    "E2": r"(?P<e2>.+?)",
    "POSS": r"(?:'s|')?",
    "MOD": r"(?:(?:chief|top|lead|leading|main|principal|current|new|trade|tariff|official|senior|head|"
    r"key|the|its|their)\s+)*",
}

REP_NOUN = (
    r"(?:negotiators?|representatives?|reps?|envoys?|spokes(?:person|man|woman)|delegates?|delegation|"
    r"emissar(?:y|ies)|point ?(?:person|man)|officials?)"
)
TARIFF = r"(?:new |higher |steep |sweeping |reciprocal |punitive |retaliatory |extra |additional |\d+ ?(?:%|percent|per cent) )*(?:tariffs?|duties|duty|levies|levy)"
IMPOSE = (
    r"(?:impos(?:e|es|ed|ing)|put(?:s|ting)?|plac(?:e|es|ed|ing)|slap(?:s|ped|ping)?|lev(?:y|ies|ied|ying)|"
    r"rais(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|set(?:s|ting)?|introduc(?:e|es|ed|ing)|"
    r"appl(?:y|ies|ied|ying)|enact(?:s|ed|ing)?)"
)
NEGOTIATE = (
    r"(?:negotiat(?:e|es|ed|ing)|talk(?:s|ed|ing)?|(?:be |been |being )?in (?:trade |tariff )?(?:talks|negotiations)|"
    r"hold(?:s|ing)? (?:trade |tariff )?talks|held (?:trade |tariff )?talks|"
    r"meet(?:s|ing)?|met|bargain(?:s|ed|ing)?|deal(?:s|t|ing)?|engag(?:e|es|ed|ing)|sit(?:s|ting)? down|sat down|"
    r"(?:been )?(?:involved|engaged|participat(?:e|es|ed|ing)|tak(?:e|es|ing) part|took part) in "
    r"(?:the )?(?:trade |tariff )?(?:talks|negotiations)|"
    r"negotiat(?:e|es|ed|ing) (?:a |the )?(?:trade |tariff )?(?:deal|agreement|pact))"
)
REPRESENT = (
    r"(?:represent(?:s|ed|ing)?|speak(?:s|ing)? for|spoke for|negotiat(?:e|es|ed|ing) for|act(?:s|ed|ing)? for|"
    r"work(?:s|ed|ing)? for|stand(?:s|ing)? for|stood for|serv(?:e|es|ed|ing)|lead(?:s|ing)? the talks for|"
    r"led the talks for|head(?:s|ed|ing)? the delegation (?:of|for)|belong(?:s|ed)? to|"
    r"(?:lead(?:s|ing)?|led|handl(?:e|es|ed|ing)|conduct(?:s|ed|ing)?|run(?:s|ning)?|ran|head(?:s|ed|ing)?|"
    r"(?:is |are |was |were )?in charge of) (?:the )?(?:trade |tariff )?(?:talks|negotiations|delegation) for|"
    r"negotiat(?:e|es|ed|ing) (?:the |a )?(?:trade |tariff )?(?:deal|agreement|pact) for)"
)
# Titles that narrow "X's <title>" to the representatives holding that office.
TITLE_HEAD = (
    r"(?:ambassadors?|envoys?|ministers?|secretar(?:y|ies)|commissioners?|presidents?|premiers?|chancellors?|"
    r"prime ministers?|heads? of (?:state|government)|trade representatives?|trade reps?|ustr|"
    r"vice (?:premiers?|ministers?|presidents?))"
)
ROLE = r"(?P<role>(?:[\w-]+ ){0,3}" + TITLE_HEAD + r")"
