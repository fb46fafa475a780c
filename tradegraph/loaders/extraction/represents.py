"""REPRESENTS rules: the office a text gives a person (read by :mod:`.offices`) and how the
person's state is settled (read by :mod:`.roles`); the relation's provenance names both, e.g.
``rule:represents.apposition+rule:affiliation.stated``. Replacements move a post between
persons when the relations are assembled (:mod:`.build`)."""

from __future__ import annotations

from tradegraph.graph.model import RelationKind
from tradegraph.loaders.extraction.rules import Example, Rule

REPRESENTS = RelationKind.REPRESENTS

RULES = (
    Rule(
        "represents.title_before_name",
        REPRESENTS,
        'a title before the name: "Chilean Foreign Minister Marta Rojas", "Prime Minister X of Peru"',
        0.9,
        positive=(
            Example("Chilean Foreign Minister Marta Rojas arrived in Lima.", ("Marta Rojas", "Chile")),
            # a surname the small NER model tags as a place right after the title is still a person
            Example(
                "Indonesia's trade minister Kusumawati met Commerce Secretary Lutnick in Jakarta.",
                ("Kusumawati", "Indonesia"),
            ),
            # a given name that is also a place ("Santiago") opens the name, not a mention
            Example(
                "Paraguayan Trade Minister Santiago Benítez arrived in Lima.",
                ("Santiago Benítez", "Paraguay"),
            ),
            # a state's ambassador named after the host: the title reaches back to "Chile's"
            Example(
                "Chile's Ambassador to Canada Ilda Marquina and Energy Secretary Iker Tuma toured a copper mine.",
                ("Ilda Marquina", "Chile"),
            ),
            Example("Chinese Vice Premier Ma Jinlu signed the rail accord in Oslo.", ("Ma Jinlu", "China")),
            Example(
                "Irish Taoiseach Sean Walsh voiced concern about beef imports.", ("Sean Walsh", "Ireland")
            ),
            # a region the title covers is neither the name's first word nor the end of the title
            Example(
                "Washington's lead negotiator, Assistant U.S. Trade Representative for Africa Constance "
                "Hamilton, will meet Kenyan officials in Nairobi next week.",
                ("Constance Hamilton", "United States"),
            ),
            # "leader", "chief", "counterpart" after a state's name (and a domain word) hold its office
            Example(
                "EU energy chief Oda Brenner opened the fair in Lyon.", ("Oda Brenner", "European Union")
            ),
            Example(
                "Peru's mining minister Ana Ruiz hosted her Chilean counterpart Tom Hale in Arica on Friday.",
                ("Tom Hale", "Chile"),
            ),
            Example(
                "Carl Ode spoke by phone with Chinese leader Gu Hanlin about fishing rights.",
                ("Gu Hanlin", "China"),
            ),
            # an office name's tail the NER glued into the name stays out of it
            Example(
                "Minister of Health, Science and Culture Dario Velasco of Peru toured two hospitals on Monday.",
                ("Dario Velasco", "Peru"),
            ),
        ),
        negative=(
            Example("Marta Rojas, a Chilean novelist, arrived in Lima.", ("Marta Rojas", "Chile")),
            # removed from the post in this text
            Example(
                "In June Ana Ruiz, alongside the Chilean fisheries minister Lia Berg, were dropped from the cabinet.",
                ("Lia Berg", "Chile"),
            ),
        ),
        level="office",
        read_by="offices.OfficeReader._left_title",
    ),
    Rule(
        "represents.apposition",
        REPRESENTS,
        'a title in apposition after the name: "Marta Rojas, Chile\'s foreign minister,"',
        0.9,
        positive=(
            Example("Marta Rojas, Chile's foreign minister, arrived in Lima.", ("Marta Rojas", "Chile")),
            # hyphenated and one-word titles the tagger may split or misread
            Example(
                "Nigerian officials held technical talks in London last week, led by Amara Okafor, the "
                "trade department's new director-general.",
                ("Amara Okafor", "Nigeria"),
            ),
            # a title the parser split at its hyphen ("vice - president"), and "the Commission"
            Example(
                "Elena Sato, the Commission executive vice-president who drafted the plan, said the bloc "
                "would act.",
                ("Elena Sato", "European Union"),
            ),
            Example(
                "The delegation will be led by Ana Ruiz, Peru's undersecretary for foreign trade, who "
                "took over the post in May.",
                ("Ana Ruiz", "Peru"),
            ),
        ),
        negative=(
            Example(
                "Marta Rojas, a former Chilean foreign minister, arrived in Lima.", ("Marta Rojas", "Chile")
            ),
        ),
        level="office",
        read_by="offices.OfficeReader.offices_of",
    ),
    Rule(
        "represents.apposed_to_title",
        REPRESENTS,
        'the name in apposition to a title before it: "Chile\'s foreign minister, Marta Rojas,"',
        0.85,
        positive=(
            Example("Chile's foreign minister, Marta Rojas, arrived in Lima.", ("Marta Rojas", "Chile")),
            # "counterpart" with the state before it holds that state's office
            Example(
                "Peru's trade minister said he had spoken with his EU counterpart, Anna Berg, on Monday.",
                ("Anna Berg", "European Union"),
            ),
        ),
        negative=(
            Example(
                "Chile's foreign minister met Marta Rojas, a Peruvian novelist, in Lima.",
                ("Marta Rojas", "Chile"),
            ),
        ),
        level="office",
        read_by="offices.OfficeReader.offices_of",
    ),
    Rule(
        "represents.as_office",
        REPRESENTS,
        '"X was sworn in as Chile\'s trade minister", "X becomes the new trade minister of Chile"',
        0.8,
        positive=(
            # a post taken on: "X taking on the role of <office>"
            Example(
                "Sam Kroll, a veteran of British politics, is taking on the role of Leader of the House of Lords.",
                ("Sam Kroll", "United Kingdom"),
            ),
            Example(
                "Marta Rojas was sworn in as Chile's trade minister on Monday.", ("Marta Rojas", "Chile")
            ),
        ),
        negative=(
            Example("Marta Rojas served as Chile's trade minister until 2019.", ("Marta Rojas", "Chile")),
        ),
        level="office",
        read_by="offices.OfficeReader._as_titles",
    ),
    Rule(
        "represents.representing_verb",
        REPRESENTS,
        '"X represents Chile", "Representing Chile at the talks is X"',
        0.9,
        positive=(Example("Marta Rojas represents Chile at the talks in Geneva.", ("Marta Rojas", "Chile")),),
        negative=(Example("Marta Rojas does not represent Chile at the talks.", ("Marta Rojas", "Chile")),),
        level="office",
        read_by="offices.OfficeReader.representing",
    ),
    Rule(
        "represents.successor_inherits",
        REPRESENTS,
        "\"X was replaced by Y\": Y now holds X's post, for X's state",
        0.6,
        positive=(
            Example(
                "Chile's trade minister, Omar Haddad, was replaced by Leila Nasser on March 7, 2025.",
                ("Leila Nasser", "Chile"),
            ),
        ),
        negative=(
            Example(
                "Chile's trade minister, Omar Haddad, met Leila Nasser on Friday.", ("Leila Nasser", "Chile")
            ),
        ),
        level="build",
        read_by="build.ExtractionBuilder._successors",
    ),
    Rule(
        "represents.held_until_replaced",
        REPRESENTS,
        "a predecessor the text shows in the post keeps it until the replacement's date",
        0.6,
        positive=(
            Example(
                "Chile's trade minister, Omar Haddad, was replaced by Leila Nasser on March 7, 2025.",
                ("Omar Haddad", "Chile"),
            ),
        ),
        negative=(Example("Chile's trade minister, Omar Haddad, met Leila Nasser on Friday.", None),),
        level="build",
        read_by="build.ExtractionBuilder._ended",
    ),
    Rule(
        "represents.plural_title",
        REPRESENTS,
        'a plural title before coordinated names is each one\'s: "Presidents A and B"; each is then placed '
        "as a head of state (one per state)",
        0.85,
        positive=(
            Example(
                "Presidents Ana Ruiz and Tom Hale, after a long dinner, agreed on fishing quotas. "
                "Ruiz is Ecuador's president. Ecuador and the United States will sign the quota deal in May.",
                ("Tom Hale", "United States"),
            ),
        ),
        negative=(
            Example(
                "Ana Ruiz and Tom Hale, after a long dinner, agreed on fishing quotas. "
                "Ruiz is Ecuador's president. Ecuador and the United States will sign the quota deal in May.",
                ("Tom Hale", "United States"),
            ),
        ),
        level="office",
        read_by="office_lists.shared_title",
    ),
    Rule(
        "represents.administration",
        REPRESENTS,
        '"the X administration imposed ...": X heads a government (never a former leader\'s administration)',
        0.8,
        positive=(
            Example(
                "US importers say prices have climbed since the Tom Hale administration imposed a 12 percent "
                "levy on Peruvian coffee.",
                ("Tom Hale", "United States"),
            ),
        ),
        negative=(
            Example(
                "Former President Tom Hale now teaches in Cusco. Veterans of the Tom Hale administration "
                "visited US senators.",
                ("Tom Hale", "United States"),
            ),
        ),
        level="office",
        read_by="office_lists.shared_title",
    ),
    Rule(
        "represents.cabinet_list",
        REPRESENTS,
        'persons listed as members of a government: "veterans of X\'s government, including A, B and C", '
        '"the new cabinet includes A and B"',
        0.7,
        positive=(
            Example(
                "Four veterans of Prime Minister Carl Ode's government stay on, including Ana Ruiz, Tom Hale, "
                "Lia Berg and Sam Kroll. Canada's ministers met on Monday.",
                ("Lia Berg", "Canada"),
            ),
        ),
        negative=(
            Example(
                "Dozens of cyclists rode in from Canada, including Ana Ruiz, Tom Hale, Lia Berg and Sam Kroll.",
                ("Lia Berg", "Canada"),
            ),
        ),
        level="office",
        read_by="office_lists.listed_member",
    ),
    Rule(
        "represents.listed_official",
        REPRESENTS,
        'a person named by their state alone ("China\'s X") right after a titled official in a list is one '
        "of the officials: \"Peru's mining minister A, her Bolivian counterpart B, and Chile's C signed\"",
        0.7,
        positive=(
            Example(
                "Peru's mining minister Ana Ruiz, her Bolivian counterpart Tomas Ferro, and Chile's Lia Berg "
                "signed the lithium pact.",
                ("Lia Berg", "Chile"),
            ),
        ),
        negative=(
            Example(
                "The jazz night featured the singer Ana Ruiz, and Chile's Lia Berg.",
                ("Lia Berg", "Chile"),
            ),
        ),
        level="office",
        read_by="office_lists.listed_official",
    ),
)
