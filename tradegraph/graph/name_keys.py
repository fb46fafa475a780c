"""The key under which people's spellings of a name are the same, shared by stores (which index
actors' names by it) and the questions' name resolution (``tradegraph.queries.names``)."""

from __future__ import annotations

import re
import unicodedata

from tradegraph.graph.model import Actor, ActorKind

# Better kinds of match win: a full name beats an alias, which beats a surname.
EXACT, ALIAS, TABLE, SURNAME = 0, 1, 2, 3


def name_key(text: str) -> str:
    """Case, accents, dots, possessives and a leading "the" do not matter.

    >>> name_key("the U.S.'s")
    'us'
    >>> name_key("Maroš Šefčovič")
    'maros sefcovic'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"(?<=\w)'(?:s\b)?", "", text.replace(".", ""))
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def name_keys(actor: Actor) -> dict[str, int]:
    """Every key that names ``actor``, with its best rank (EXACT, ALIAS or SURNAME).

    >>> sorted(name_keys(Actor("person:li-chenggang", "Li Chenggang", ActorKind.PERSON, aliases=("Li",))).items())
    [('chenggang', 3), ('li', 1), ('li chenggang', 0), ('person li chenggang', 0)]
    """
    out: dict[str, int] = {}

    def add(text: str, rank: int) -> None:
        key = name_key(text)
        if key:
            out[key] = min(rank, out.get(key, rank))

    add(actor.name, EXACT)
    add(actor.id, EXACT)
    for alias in actor.aliases:
        add(alias, ALIAS)
    if actor.kind is ActorKind.PERSON and len(actor.name.split()) > 1:
        add(actor.name.split()[-1], SURNAME)
    return out
