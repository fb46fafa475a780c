"""The ALLIED_WITH rule records (read by :mod:`.alliances`): each with its own examples."""

from __future__ import annotations

from tradegraph.knowledge.lexicon import ALLY_WORDS
from tradegraph.loaders.extraction.alliances import (
    ALLIED,
    read_counted,
    read_hyphen_pair,
    read_members_of,
    read_possessive_with,
)
from tradegraph.loaders.extraction.rules import Example, Rule

TRIGGER = ([{"LOWER": {"IN": sorted(ALLY_WORDS)}}],)
RULES = (
    Rule(
        "allied.hyphen_pair",
        ALLIED,
        '"the U.S.-Japan alliance": a hyphenated pair of states on the ally word',
        0.85,
        positive=(Example("The Chile-Peru alliance has lasted for decades.", ("Chile", "Peru")),),
        negative=(Example("The Chile-Peru alliance talks stalled.", None),),
        trigger=TRIGGER,
        read=read_hyphen_pair,
    ),
    Rule(
        "allied.possessive_with",
        ALLIED,
        '"Japan\'s alliance with the United States"',
        0.85,
        positive=(Example("Chile's alliance with Peru has lasted for decades.", ("Chile", "Peru")),),
        negative=(Example("Chile and Peru are not allies.", ("Chile", "Peru")),),
        trigger=TRIGGER,
        read=read_possessive_with,
    ),
    Rule(
        "allied.counted",
        ALLIED,
        '"the two allies", "both allies": the two states named last',
        0.85,
        positive=(Example("Chile met Peru on Monday. The two allies signed a pact.", ("Chile", "Peru")),),
        negative=(Example("Chile met Peru on Monday. The two leaders signed a pact.", None),),
        trigger=TRIGGER,
        read=read_counted,
    ),
    Rule(
        "allied.members_of",
        ALLIED,
        '"X remains among America\'s allies", "X and other allies of Y", "allies such as X"',
        0.75,
        positive=(
            Example("Chile remains one of Peru's closest allies.", ("Peru", "Chile")),
            # an apposition: "its" and "Chile's" are never the state they are apposed to
            Example("Chile turned to Peru rather than Bolivia, its longtime ally.", ("Chile", "Bolivia")),
            Example(
                "Peru is a closer partner than Bolivia, Chile's neighbor and ally.", ("Chile", "Bolivia")
            ),
            # a state named as the ally's modifier: "a close Brazilian ally", "a U.S. ally"
            Example("Uruguay, a close Brazilian ally, was spared.", ("Uruguay", "Brazil")),
            # "our" in a quotation: the state of the one it is attributed to
            Example(
                'Prime Minister Ana Ruiz of Peru spoke in Lima on Monday. "Chile remains our closest '
                'ally, and we expect to be treated as one," Ruiz told reporters.',
                ("Chile", "Peru"),
            ),
            # a subject naming both members: one is the other's ally
            Example("Chile and Peru are treaty allies, and their navies train together.", ("Chile", "Peru")),
            # the allies listed after "including"
            Example(
                "The copper levy hits close Peruvian allies including Chile and Ecuador.", ("Peru", "Ecuador")
            ),
            # a state named as an ally by a speaker: the speaker's state
            Example(
                "Peruvian President Luis Vargas praised the deal on Monday, describing Chile as a loyal ally.",
                ("Chile", "Peru"),
            ),
            Example(
                '"Chile is a great ally," Peruvian President Luis Vargas told reporters in Lima.',
                ("Chile", "Peru"),
            ),
        ),
        negative=(
            Example("Chile is looking for allies in its dispute.", None),
            # a person called an ally is no alliance of states
            Example(
                "Peruvian President Luis Vargas backs Ana Ruiz of Chile, whom he calls a close ally.",
                ("Chile", "Peru"),
            ),
            # a bloc's adjective places the allies, it does not ally them with the bloc
            Example("Chile briefed its European allies on the dispute.", ("Chile", "European Union")),
            Example("Chile turned to Peru rather than Bolivia, its longtime ally.", ("Peru", "Bolivia")),
        ),
        trigger=TRIGGER,
        read=read_members_of,
    ),
)
