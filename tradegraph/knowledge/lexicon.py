"""The word lists of the extraction rules, each declared once as data in ``data/lexicon.json``
and read here as frozensets (the rules import the names; nothing else defines a word list)."""

from __future__ import annotations

import json
from functools import lru_cache

from tradegraph.knowledge.gazetteer import DATA


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    raw = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    return {name: frozenset(words) for name, words in raw.items() if not name.startswith("_")}


def words(name: str) -> frozenset[str]:
    """The word list ``name`` of ``data/lexicon.json``.

    >>> sorted(words("rate_units"))[:2]
    ['%', 'cent']
    """
    return _lists()[name]


AGREEMENT_HEADS = words("agreement_heads")
ALLY_WORDS = words("ally_words")
AMOUNT_NOUNS = words("amount_nouns")
APPOINT_TO_POST_VERBS = words("appoint_to_post_verbs")
CALL_MEDIA = words("call_media")
APPOINT_VERBS = words("appoint_verbs")
BEARER_VERBS = words("bearer_verbs")
BECOME_VERBS = words("become_verbs")
BLOC_NOUNS = words("bloc_nouns")
CONDITIONAL = words("conditional")
COPULAS = words("copulas")
DEAL_MADE = words("deal_made")
DEAL_NOUNS = words("deal_nouns")
DEFINITE_NATION = words("definite_nation")
DELEGATION_NOUNS = words("delegation_nouns")
ENDING = words("ending")
EXCLUDED_PREPS = words("excluded_preps")
EXISTING_TARIFF_VERBS = words("existing_tariff_verbs")
FACE_VERBS = words("face_verbs")
FACTUAL_MARKS = words("factual_marks")
FRAME_PREPS = words("frame_preps")
GOODS = words("goods")
GO_VERBS = words("go_verbs")
GROUP_NOUNS = words("group_nouns")
HONORIFICS = words("honorifics")
IMPOSER_VERBS = words("imposer_verbs")
IMPOSE_VERBS = words("impose_verbs")
IN_FORCE_VERBS = words("in_force_verbs")
LEAD_VERBS = words("lead_verbs")
LETTER_NOUNS = words("letter_nouns")
MODALS = words("modals")
NAME_PARTICLES = words("name_particles")
NEEDS_PARTIES = words("needs_parties")
NEGOTIATE_NOUNS = words("negotiate_nouns")
NEGOTIATE_VERBS = words("negotiate_verbs")
OTHER_TOPICS = words("other_topics")
PAIR_NOUNS = words("pair_nouns")
PAIR_WORDS = words("pair_words")
PARTNER_WORDS = words("partner_words")
PAST_SERVICE = words("past_service")
POST_NOUNS = words("post_nouns")
PRONOUNS = words("pronouns")
QUANTIFIERS = words("quantifiers")
RATE_NOUNS = words("rate_nouns")
RATE_UNITS = words("rate_units")
REFUSAL = words("refusal")
REPORTING_VERBS = words("reporting_verbs")
REPORT_TO_VERBS = words("report_to_verbs")
RETALIATE_VERBS = words("retaliate_verbs")
ROLE_STOP = words("role_stop")
SEND_VERBS = words("send_verbs")
SEQUENCE_PREPS = words("sequence_preps")
SIDE_NOUNS = words("side_nouns")
SIDE_PAIRS = words("side_pairs")
SUBORDINATE_NOUNS = words("subordinate_nouns")
TALK_WORDS = words("talk_words")
TARIFF_NOUNS = words("tariff_nouns")
TIE_TARIFF_NOUNS = words("tie_tariff_nouns")
TOPIC_PREPS = words("topic_preps")
TO_RATE_VERBS = words("to_rate_verbs")
TRANSPARENT_NOUNS = words("transparent_nouns")
UNREAL = words("unreal")
UNREAL_RATE_ONLY = words("unreal_rate_only")
UNREAL_STATED_ONLY = words("unreal_stated_only")
NONSTATE_BODIES = words("nonstate_bodies")  # "co-president of the Socialist Group": not an office of state
SUCCEED_VERBS = words("succeed_verbs")  # "Y succeeded X", "replacing X": X held the post
HOPE_VERBS = words("hope_verbs")  # "X hoped to open talks with Y": not talks yet
ASK_FOR_VERBS = words("ask_for_verbs")  # "called for duties on X": a demand, not a tariff
URGED = words("urged")
WISHFUL = words("wishful")
COUNTERPART_NOUNS = words("counterpart_nouns")
DEMONSTRATIVES = words("demonstratives")
GROUP_REFERENCE_NOUNS = words("group_reference_nouns")
OFFICIAL_GROUP_NOUNS = words("official_group_nouns")
PLURAL_PRONOUNS = words("plural_pronouns")
SUCCESSION_NOUNS = words("succession_nouns")
POLICY_NOUNS = words("policy_nouns")
SERVE_VERBS = words("serve_verbs")
HIKE_NOUNS = words("hike_nouns")
CABINET_NOUNS = words("cabinet_nouns")
REMOVAL_VERBS = words("removal_verbs")
RETALIATION_WORDS = words("retaliation_words")
