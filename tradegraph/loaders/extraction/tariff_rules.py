"""IMPOSES_TARIFFS_ON rules read by :mod:`.tariffs` and :mod:`.tariff_frames`, as records with their
examples."""

from __future__ import annotations

from tradegraph.loaders.extraction.rules import Example, Rule
from tradegraph.loaders.extraction.tariff_frames import read_letter_rate, read_listed_at_rate, read_rate_frame
from tradegraph.loaders.extraction.tariffs import (
    IMPOSES,
    TRIGGER,
    read_imposing_clause,
    read_running_imposer,
    read_stated_imposer,
)

RULES = (
    Rule(
        "imposes.imposing_clause",
        IMPOSES,
        'a clause on the tariff noun states it: "the tariffs that Washington imposed on X", '
        '"tariffs imposed on X by Y", "a tariff that hits X"',
        0.8,
        positive=(
            Example("The duties that Brazil imposed on Argentina last year remain.", ("Brazil", "Argentina")),
            Example("Talks may ease the 8% tariff hike imposed on Peru by Chile.", ("Chile", "Peru")),
            # the goods an amount noun ("a wide range of ...") stands before say the target
            Example(
                "Exporters scrambled after a 40 percent tariff imposed by Chilean President Luis Vargas "
                "on a wide range of Peruvian goods came into force.",
                ("Chile", "Peru"),
            ),
            # "applied to" in the clause names what the tariff is charged on
            Example(
                "Exporters still pay the 30% tariff that Brazil has applied to most of Uruguay's exports.",
                ("Brazil", "Uruguay"),
            ),
        ),
        negative=(Example("The duties that Brazil might impose on Argentina worry farmers.", None),),
        trigger=TRIGGER,
        read=read_imposing_clause,
    ),
    Rule(
        "imposes.stated_imposer",
        IMPOSES,
        '"X imposed tariffs on Y", "X\'s tariffs on Y", "Y faces tariffs from X"',
        0.8,
        positive=(
            Example("Brazil imposed steep tariffs on Argentina in March.", ("Brazil", "Argentina")),
            # a passive whose "on Y" the parser hangs under the agent
            Example(
                "Duties were reimposed by the EU on Bolivian soy in June.", ("European Union", "Bolivia")
            ),
            Example("Brazilian tariffs on Argentina took effect on Monday.", ("Brazil", "Argentina")),
            Example("Peru has agreed to halve its 40% duty on Chilean wine.", ("Peru", "Chile")),
            Example(
                "Last month Brazil set a 9 percent duty and a further surcharge on Argentine leather.",
                ("Brazil", "Argentina"),
            ),
            # the goods' origin the parser hangs on the verb: "on steel from X, Y and Z"
            Example(
                "Peru last year imposed anti-dumping duties on hot-rolled steel from Chile, Bolivia and Ecuador.",
                ("Peru", "Bolivia"),
            ),
        ),
        negative=(
            Example("Brazil threatened tariffs on Argentina in March.", None),
            Example("Brazil imposed duties on Argentine steel from March 1.", ("Brazil", "Chile")),
            Example("Peru may cut tariffs on Chilean cars.", None),
            Example("Brazil may impose tariffs on Argentina.", None),
            Example("Chile imposed no duties on Peruvian wine last year.", ("Chile", "Peru")),
        ),
        trigger=TRIGGER,
        read=read_stated_imposer,
    ),
    Rule(
        "imposes.running_imposer",
        IMPOSES,
        "a tariff whose target the sentence names but not its imposer: the imposer the article "
        "named last for its tariffs",
        0.8,
        positive=(
            Example(
                "Brazil imposed tariffs on Argentina in March. Uruguay now faces the same tariffs.",
                ("Brazil", "Uruguay"),
            ),
            Example(
                "Brazil imposed tariffs on Argentina in March. Uruguay faces a 50% levy.",
                ("Brazil", "Uruguay"),
            ),
            Example(
                "Brazil imposed tariffs on Peru. Only Uruguay and Chile continue to face high tariffs.",
                ("Brazil", "Chile"),
            ),
        ),
        negative=(
            Example("Uruguay may face the same tariffs.", None),
            # those who face the tariffs never impose them
            Example(
                "Brazil imposed tariffs on Peru. Only Uruguay and Chile continue to face high tariffs.",
                ("Uruguay", "Chile"),
            ),
            # duties someone calls for are asked for, not imposed
            Example(
                "LIMA — Chile imposed a 20 percent tariff on Peruvian fruit in May. President Rosa Quispe "
                'has ruled out retaliation for now. "We will not answer tariffs with tariffs," she told '
                "parliament. Some members of her coalition have called for duties on Chilean wine, but "
                "the government has made no move to impose them.",
                ("Rosa Quispe", "Chile"),
            ),
        ),
        trigger=TRIGGER,
        read=read_running_imposer,
    ),
    Rule(
        "imposes.rate_frame",
        IMPOSES,
        'a rate or tariff in force and the states in its slots: "a 25% tariff on Peruvian goods", '
        '"Peru will pay 20%", "Peruvian imports were set at 30%"; the imposer the clause names, '
        "else the article's dominant imposer",
        0.7,
        positive=(
            Example("Brazil set a 30% tariff on Peruvian goods.", ("Brazil", "Peru")),
            Example("Brazil raised its tariffs last week. Peru will pay 20%.", ("Brazil", "Peru")),
            # other states' rates compared in the same story: the dominant imposer's too
            Example(
                "Brazil set a 19% tariff on Peruvian goods. Peru's minister said the rate was lower than "
                "the 20 percent imposed on neighbouring Chile.",
                ("Brazil", "Chile"),
            ),
            Example(
                "Brazil set a 19% tariff on Peruvian goods, below the 20 per cent that Chilean goods now face.",
                ("Brazil", "Chile"),
            ),
            Example(
                "Brazil set a 19% tariff on Peruvian goods. Peruvian exporters now compete with rivals in "
                "Bolivia and Colombia, whose exporters pay 20 percent.",
                ("Brazil", "Colombia"),
            ),
            Example(
                "Brazil set a 19% tariff on Peruvian goods, higher than the 15% applied to Uruguay.",
                ("Brazil", "Uruguay"),
            ),
        ),
        negative=(
            Example("Brazil is considering a 30% tariff on Peruvian goods.", None),
            Example(
                'President Luis Vargas said Peru would go "open market" and charge zero tariffs on Chilean products.',
                ("Peru", "Chile"),
            ),
        ),
        level="article",
        read=read_rate_frame,
    ),
    Rule(
        "imposes.listed_at_rate",
        IMPOSES,
        '"followed by X and Y at 40%": states listed right before "at" and a rate',
        0.7,
        positive=(
            Example(
                "Brazil raised its tariffs on Monday. Peru was hit hardest at 50%, followed by Chile and "
                "Colombia at 40%.",
                ("Brazil", "Colombia"),
            ),
        ),
        negative=(Example("Peru was hit hardest at 50%, followed by Chile and Colombia at 40%.", None),),
        level="article",
        read=read_listed_at_rate,
    ),
    Rule(
        "imposes.letter_rate",
        IMPOSES,
        "\"X sent a letter to Y's president, setting a 25% tariff\": the addressee's state",
        0.7,
        positive=(
            Example(
                "Brazil sent letters to Peru and Chile on Monday, setting a 30% tariff rate.",
                ("Brazil", "Peru"),
            ),
        ),
        negative=(Example("Brazil sent letters to Peru and Chile on Monday about the harvest.", None),),
        level="article",
        read=read_letter_rate,
    ),
)
