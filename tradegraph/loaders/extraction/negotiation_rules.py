"""NEGOTIATES_WITH rules read by :mod:`.negotiation`, as records with their examples."""

from __future__ import annotations

from tradegraph.loaders.extraction.negotiation import (
    NEGOTIATES,
    TRIGGER,
    read_between,
    read_hyphen_pair,
    read_joint_parties,
    read_negotiator_title,
    read_running_talks,
    read_the_talks,
    read_with_counterpart,
)
from tradegraph.loaders.extraction.rules import Example, Rule

RULES = (
    Rule(
        "negotiates.between",
        NEGOTIATES,
        '"talks between X and Y", "a call between X and Y"',
        0.8,
        positive=(
            Example("Talks between Chile and Peru resumed in Lima on Monday.", ("Chile", "Peru")),
            Example(
                "Negotiations between Ottawa and Washington resumed on Monday.", ("Canada", "United States")
            ),
            Example(
                "A phone call between Norwegian Trade Minister Eva Lund and Kenyan Trade Minister "
                "Amos Kibet lasted an hour.",
                ("Eva Lund", "Amos Kibet"),
            ),
        ),
        negative=(Example("Talks between Chile and Peru were cancelled on Monday.", ("Chile", "Peru")),),
        trigger=TRIGGER,
        read=read_between,
        running=True,
    ),
    Rule(
        "negotiates.hyphen_pair",
        NEGOTIATES,
        'a hyphenated or stacked pair of states before the trigger: "the U.S.-Japan talks"',
        0.8,
        positive=(Example("The Chile-Peru talks resumed in Lima on Monday.", ("Chile", "Peru")),),
        negative=(Example("The Chile-Peru security talks resumed in Lima.", ("Chile", "Peru")),),
        trigger=TRIGGER,
        read=read_hyphen_pair,
        running=True,
    ),
    Rule(
        "negotiates.with_counterpart",
        NEGOTIATES,
        '"X held talks with Y", "X met Y", "X spoke to Y", "X\'s deal with Y"',
        0.8,
        positive=(
            Example("Chile held trade talks with Peru in Lima on Monday.", ("Chile", "Peru")),
            # lists on either side
            Example("Chile and Peru held talks with Brazil and Argentina in May.", ("Peru", "Argentina")),
            # a delegation led by someone: the leader negotiates
            Example(
                "A Chilean delegation led by Finance Minister Marta Rojas met Peruvian Trade Minister "
                "Luis Vargas in Lima.",
                ("Marta Rojas", "Luis Vargas"),
            ),
            Example(
                "Norwegian Trade Minister Eva Lund met Kenyan Trade Minister Amos Kibet in Oslo.",
                ("Eva Lund", "Amos Kibet"),
            ),
            # a "with" the parser hangs deeper in the clause, naming persons
            Example(
                "Chilean Trade Minister Marta Rojas discussed the burden the levy placed on copper miners "
                "relative to rival producers with Peruvian Trade Minister Luis Vargas on Friday.",
                ("Marta Rojas", "Luis Vargas"),
            ),
            # "X led a delegation that met Y": the leader meets Y
            Example(
                "Peru's trade minister Ana Ruiz led a Peruvian delegation that met Chilean Trade Minister "
                "Luis Vargas in Santiago.",
                ("Ana Ruiz", "Luis Vargas"),
            ),
            # a subject that is a title apposed to a named official: the official negotiates
            Example(
                "Washington's lead negotiator, Assistant U.S. Trade Representative for Africa Constance "
                "Hamilton, will meet Kenyan officials in Nairobi next week.",
                ("Constance Hamilton", "Kenya"),
            ),
            # "sit down with Y": a meeting, planned or held
            Example(
                "Chilean Finance Minister Marta Rojas was due to sit down with Peruvian Economy Minister "
                "Luis Vargas on Friday.",
                ("Marta Rojas", "Luis Vargas"),
            ),
            # "press on with" carries talks on; it urges nobody
            Example(
                "Peru's government said on Monday it would press on with negotiations with Chile.",
                ("Peru", "Chile"),
            ),
        ),
        negative=(
            Example("Chile refused to hold trade talks with Peru.", ("Chile", "Peru")),
            Example("Brazil pressed Chile to open talks with Peru.", ("Chile", "Peru")),
            Example(
                "The Chilean minister's trip to Lima ended without a meeting with Peruvian President Luis Vargas.",
                ("Chile", "Luis Vargas"),
            ),
            Example("Chilean President Marta Rojas said she might meet Peru's Luis Vargas.", None),
            # talks only hoped for are not talks yet
            Example(
                "Trade Minister Ana Ruiz said Peru hoped to open trade talks with Ecuador next year.",
                ("Peru", "Ecuador"),
            ),
            Example("Chile would only negotiate with Peru if the duties were lifted.", ("Chile", "Peru")),
        ),
        trigger=TRIGGER,
        read=read_with_counterpart,
        running=True,
    ),
    Rule(
        "negotiates.joint_parties",
        NEGOTIATES,
        '"X and Y held talks", "X and Y will begin formal negotiations"',
        0.8,
        positive=(
            Example("Chile and Peru will begin formal trade negotiations next month.", ("Chile", "Peru")),
            Example("Mexico and the U.S. will begin formal talks next week.", ("Mexico", "United States")),
            # "their" round of talks: the clause's subjects are the parties
            Example(
                "Peru and Chile began their latest round of free trade negotiations in Lima this week.",
                ("Peru", "Chile"),
            ),
            Example(
                "Chilean President Marta Rojas told reporters that she and Peruvian President Luis "
                "Vargas settled the dispute in a phone call.",
                ("Marta Rojas", "Luis Vargas"),
            ),
            Example(
                "The move upset a tariff accord brokered by Chilean Trade Minister Marta Rojas and "
                "Peru's Vice Premier Luis Vargas.",
                ("Marta Rojas", "Luis Vargas"),
            ),
        ),
        negative=(
            Example("Chile and Peru did not hold talks this year.", ("Chile", "Peru")),
            Example(
                "Chile and Peru shared almost nothing about the Lima meeting with reporters.",
                ("Chile", "Peru"),
            ),
        ),
        trigger=TRIGGER,
        read=read_joint_parties,
        running=True,
    ),
    Rule(
        "negotiates.the_talks",
        NEGOTIATES,
        'one side of "the talks" ("X will lead the talks"), left open for negotiates.running_talks',
        0.5,
        positive=(
            Example(
                "Chile held trade talks with Peru in Lima. Chilean envoy Marta Rojas will lead the talks.",
                ("Marta Rojas", "Peru"),
            ),
        ),
        negative=(
            Example("Chilean envoy Marta Rojas will lead the talks with Peru.", ("Marta Rojas", "Chile")),
        ),
        trigger=TRIGGER,
        read=read_the_talks,
    ),
    Rule(
        "negotiates.negotiator_title",
        NEGOTIATES,
        '"X, the EU trade negotiator" said of a person placed with another state',
        0.6,
        positive=(
            Example(
                "Chilean diplomat Marta Rojas, the EU trade negotiator, met Peruvian officials.",
                ("Marta Rojas", "European Union"),
            ),
        ),
        negative=(Example("Marta Rojas, the Chilean trade negotiator, met Peruvian officials.", None),),
        level="article",
        read=read_negotiator_title,
    ),
    Rule(
        "negotiates.running_talks",
        NEGOTIATES,
        '"X will lead the talks": the other side of the pair of states the article negotiates most',
        0.5,
        positive=(
            Example(
                "Chile held trade talks with Peru in Lima. Chilean envoy Marta Rojas will lead the talks.",
                ("Marta Rojas", "Peru"),
            ),
        ),
        negative=(Example("Chilean envoy Marta Rojas will lead the talks.", None),),
        level="article",
        read=read_running_talks,
    ),
)
