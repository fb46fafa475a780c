"""REPRESENTS rules that settle a person's state (read by :mod:`.roles`): the state named with
the office, a default for offices named without one, heads of state placed by their own story,
the state of the person one serves under, of what the text makes theirs, or of a conjunct
official. Their names join the office rule's in a relation's provenance
(``rule:represents.apposition+rule:affiliation.stated``)."""

from __future__ import annotations

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.rules import Example, Rule

REPRESENTS = RelationKind.REPRESENTS

RULES = (
    Rule(
        "affiliation.stated",
        REPRESENTS,
        "the state named with the title itself (placed by its own nationality, never by another "
        "country of the sentence)",
        0.9,
        positive=(
            Example("Peruvian President Luis Vargas will meet Chilean envoys.", ("Luis Vargas", "Peru")),
            Example(
                "Peru's president, Luis Vargas, said he would meet Chilean envoys in Lima.",
                ("Luis Vargas", "Peru"),
            ),
        ),
        negative=(
            Example("Peruvian President Luis Vargas will meet Chilean envoys.", ("Luis Vargas", "Chile")),
        ),
        level="office",
        read_by="roles.RoleReader._settle_affiliation",
    ),
    Rule(
        "affiliation.default",
        REPRESENTS,
        "an office named without its state: US offices to the United States, ministers to the "
        "government the article is about, else the state acting in the sentence",
        0.6,
        positive=(
            Example(
                "Chile and Peru signed a trade pact. Trade Minister Marta Rojas said Chile would "
                "ratify it soon.",
                ("Marta Rojas", "Chile"),
            ),
            # a commissioner named without a body, in a story naming the EU, is a European one
            Example(
                "EU ministers met in Brussels on Monday. Trade Commissioner Anna Berg met Peruvian "
                "Foreign Minister Luis Vargas in Lima.",
                ("Anna Berg", "European Union"),
            ),
        ),
        negative=(Example("Trade Minister Marta Rojas said the plan was sound.", None),),
        level="office",
        read_by="roles.RoleReader._default_affiliation",
    ),
    Rule(
        "affiliation.head_of_state",
        REPRESENTS,
        '"President X" without a country: the state the article ties X to (the owner of X\'s '
        "tariffs), never a state X opposes or negotiates with",
        0.6,
        positive=(
            Example("President Luis Vargas praised Peruvian exporters in May.", ("Luis Vargas", "Peru")),
            # the state that is the subject of a coordinated clause is another actor, not hers
            Example(
                "LIMA, May 4 — Peruvian exporters want relief from the new rules. President Rosa Quispe "
                "has asked for wider access to the Chinese market, but Beijing has so far refused to "
                "reopen the talks.",
                ("Rosa Quispe", "Peru"),
            ),
            # a quotation later in the sentence does not make the title before it someone's words
            Example(
                "LIMA, May 4 — Peru and Chile signed a fisheries accord. President Rosa Quispe called "
                'the accord "a door that Peru opened for itself."',
                ("Rosa Quispe", "Peru"),
            ),
            # a story about several states treats each in its own paragraph
            Example(
                "LIMA, May 4 — Peru will vote against the accord, Prime Minister Ana Ruiz told lawmakers "
                "in Lima.\n\nChile is the accord's strongest backer. President Luis Vargas, who replaced "
                'Marta Rojas in May, has urged his neighbours to "sign it now."',
                ("Luis Vargas", "Chile"),
            ),
            # where the story was filed weighs in the story's home
            Example(
                "OSLO, June 2 — Norway and Iceland resumed talks on fishing quotas this week. Iceland "
                "wants a deal by July, and Icelandic boats are already idle. Norway's fishermen are "
                "worried too. Prime Minister Ivar Lund has refused to lift the ban on Icelandic herring "
                "until the quotas are settled.",
                ("Ivar Lund", "Norway"),
            ),
        ),
        negative=(
            Example(
                "President Luis Vargas announced new Peruvian tariffs that hit Chile hard.",
                ("Luis Vargas", "Chile"),
            ),
            # a tariff imposed by the government of X, or said to hit a state, is on the other side
            Example(
                "The 25 percent levy on Peruvian fruit was imposed by the administration of President "
                "Luis Vargas.",
                ("Luis Vargas", "Peru"),
            ),
            Example(
                "President Luis Vargas imposed a 40 percent duty on copper wire, a measure that hits "
                "Chilean smelters.",
                ("Luis Vargas", "Chile"),
            ),
            Example(
                "President Luis Vargas said he will meet Chilean representatives in Lima on Monday.",
                ("Luis Vargas", "Chile"),
            ),
        ),
        level="office",
        read_by="roles.RoleReader._settle_indirect",
    ),
    Rule(
        "affiliation.led_group",
        REPRESENTS,
        'an official whose office names no state, leading a group that names one: "an EU team headed '
        'by chief negotiator X", "Peruvian negotiators led by X"',
        0.7,
        positive=(
            Example(
                "Peruvian negotiators led by Marta Rojas held talks with an EU team headed by chief "
                "negotiator Anna Berg.",
                ("Anna Berg", "European Union"),
            ),
            # a US-sounding office ("commerce secretary") of someone who leads another state's team
            Example(
                "Peruvian negotiators led by Marta Rojas met Chilean officials. Rojas took over as commerce "
                "secretary from Pablo Ortiz this month.",
                ("Marta Rojas", "Peru"),
            ),
        ),
        negative=(
            Example(
                "Peruvian negotiators led by Marta Rojas held talks with an EU team headed by chief "
                "negotiator Anna Berg.",
                ("Anna Berg", "Peru"),
            ),
        ),
        level="office",
        read_by="roles.RoleReader._settle_indirect",
    ),
    Rule(
        "discourse.described_head",
        REPRESENTS,
        'a person named without any title, described later as "the U.S. president" or "Peru\'s prime '
        'minister": the nearest untitled person named in the three sentences before the description, '
        "when nobody else untitled and no titled holder of that office is in view",
        0.7,
        positive=(
            Example(
                "Chile failed to win an exemption after its minister's trip ended without a meeting with "
                "Luis Vargas. The duty, the highest the Peruvian president has ever set, hits Chilean wine.",
                ("Luis Vargas", "Peru"),
            ),
        ),
        negative=(
            # two untitled persons in view: which one is meant is not said
            Example(
                "Marta Rojas spoke by phone with Pablo Ortiz on Friday. Rojas said later that the Peruvian "
                "president had promised a quick answer.",
                ("Pablo Ortiz", "Peru"),
            ),
            # a titled president in view is the one described
            Example(
                "President Luis Vargas met Ana Ruiz in Lima. The Peruvian president said the talks went well.",
                ("Ana Ruiz", "Peru"),
            ),
            # a former president describes nobody's current office
            Example(
                "Ana Ruiz spoke in Lima on Monday. The former Peruvian president urged calm.",
                ("Ana Ruiz", "Peru"),
            ),
        ),
        level="office",
        read_by="described.described_heads",
    ),
    Rule(
        "affiliation.superior",
        REPRESENTS,
        "a deputy, an appointee or a delegation member shares the state of the person they are tied to",
        0.7,
        positive=(
            Example(
                "Trade Minister Marta Rojas of Chile met Peruvian officials. Her deputy, Vice Minister "
                "Pablo Ortiz, stayed in Santiago.",
                ("Pablo Ortiz", "Chile"),
            ),
            # a member of the delegation someone leads, whatever office the title names elsewhere
            Example(
                "Trade Adviser Ana Ruiz of Peru is leading a delegation that includes Commerce Secretary "
                "Luis Vargas and will meet U.S. officials on Tuesday.",
                ("Luis Vargas", "Peru"),
            ),
            # those who accompany someone travel for that person's state
            Example(
                "Chilean Vice President Marta Rojas arrived in Lima on Monday for talks. She was "
                "accompanied by Trade Representative Diego Lara.",
                ("Diego Lara", "Chile"),
            ),
        ),
        negative=(
            Example(
                "Trade Minister Marta Rojas of Chile met Peruvian officials. Vice Minister Pablo Ortiz stayed in Lima.",
                ("Pablo Ortiz", "Chile"),
            ),
        ),
        level="office",
        read_by="affiliation.Ties.superior",
    ),
    Rule(
        "affiliation.possessed",
        REPRESENTS,
        'a head of state named without a state is placed by what the text makes theirs: "Y, the new '
        "ambassador, will promote President X's priorities\" (Y's state), \"high US tariffs under "
        "President X's new policy\" (the tariffs' state); never the host of the ambassador or the state "
        "the tariffs hit",
        0.6,
        positive=(
            Example(
                "Ivo Ode, the new United States ambassador to Mexico, will promote President Tom Hale's "
                "priorities on water and energy.",
                ("Tom Hale", "United States"),
            ),
            Example(
                "Bolivian salt miners are struggling with high US tariffs under President Tom Hale's new policy.",
                ("Tom Hale", "United States"),
            ),
        ),
        negative=(
            Example(
                "Ivo Ode, the new United States ambassador to Mexico, will promote President Tom Hale's "
                "priorities on water and energy.",
                ("Tom Hale", "Mexico"),
            ),
            Example(
                "Bolivian salt miners are struggling with high US tariffs under President Tom Hale's new policy.",
                ("Tom Hale", "Bolivia"),
            ),
        ),
        level="office",
        read_by="affiliation.Ties.possessed_state",
    ),
    Rule(
        "affiliation.conjunct",
        REPRESENTS,
        "an official titled without a state, coordinated with one whose state is stated, serves that state: "
        '"met US Trade Representative A and Secretary of Energy B", "Chile\'s ambassador A and Energy '
        'Secretary B"',
        0.7,
        positive=(
            Example(
                "Chile's Ambassador to Canada Ilda Marquina and Energy Secretary Iker Tuma toured a copper mine.",
                ("Iker Tuma", "Chile"),
            ),
            Example(
                "In Quito, Bolivia's envoy met US Trade Representative Marta Rojas and Secretary of Energy "
                "Luis Vargas.",
                ("Luis Vargas", "United States"),
            ),
        ),
        negative=(
            Example(
                "In Quito, Bolivia's envoy met US Trade Representative Marta Rojas. Secretary of Energy "
                "Luis Vargas stayed in Washington.",
                ("Luis Vargas", "United States"),
            ),
        ),
        level="office",
        read_by="affiliation.Ties.conjunct_state",
    ),
)
