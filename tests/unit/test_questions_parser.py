"""The question parser on its own: many phrasings -> intent + entity (+ date), over the fixture graph."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures import graph_fixture as fx

from tradegraph.graph.errors import InputError, NotFoundError
from tradegraph.queries.names import NameIndex
from tradegraph.queries.questions import find_date, read, resolve_entity, understood

INDEX = NameIndex(fx.ACTORS)

PHRASINGS = [
    ("Who represents Japan?", "representatives", fx.JAPAN),
    ("who represents japan", "representatives", fx.JAPAN),
    ("Who speaks for China in trade talks?", "representatives", fx.CHINA),
    ("Who is Japan's negotiator?", "representatives", fx.JAPAN),
    ("Who is Japan’s chief trade negotiator?", "representatives", fx.JAPAN),
    ("Who are China's trade representatives?", "representatives", fx.CHINA),
    ("Who is the representative of the EU?", "representatives", fx.EU),
    ("Who negotiates for Tokyo?", "representatives", fx.JAPAN),
    ("Who is negotiating for Beijing?", "representatives", fx.CHINA),
    ("Who represented China on 1 March 2025?", "representatives", fx.CHINA),
    ("Who leads the talks for the United States?", "representatives", fx.USA),
    ("Mexico's negotiator?", "representatives", fx.MEXICO),
    ("Please tell me who represents the U.S.", "representatives", fx.USA),
    ("Whom does Akazawa represent?", "represented_by", fx.AKAZAWA),
    ("Which country does Bessent work for?", "represented_by", fx.BESSENT),
    ("Who does Sefcovic speak for?", "represented_by", fx.SEFCOVIC),
    ("What does Šefčovič represent?", "represented_by", fx.SEFCOVIC),
    ("For which country does Ebrard negotiate?", "represented_by", fx.EBRARD),
    ("Akazawa represents whom?", "represented_by", fx.AKAZAWA),
    ("Who replaced Wang Shouwen?", "successors", fx.WANG),
    ("Who succeeded Wang Shouwen as trade representative?", "successors", fx.WANG),
    ("Who took over from Wang?", "successors", fx.WANG),
    ("Who was Wang Shouwen replaced by?", "successors", fx.WANG),
    ("Who is Jonathan Reynolds' successor?", "successors", fx.REYNOLDS),
    ("Who was Li Chenggang's predecessor?", "predecessors", fx.LI),
    ("Who did Li Chenggang replace?", "predecessors", fx.LI),
    ("Whom did Peter Kyle succeed?", "predecessors", fx.KYLE),
    ("Who was replaced by Li Chenggang?", "predecessors", fx.LI),
    ("Who is the US negotiating with?", "counterparts", fx.USA),
    ("Who are Mexico's counterparts?", "counterparts", fx.MEXICO),
    ("Who is negotiating with Japan?", "counterparts", fx.JAPAN),
    ("Which countries are in talks with Washington?", "counterparts", fx.USA),
    ("With whom does Akazawa negotiate?", "counterparts", fx.AKAZAWA),
    ("Who did Bessent meet?", "counterparts", fx.BESSENT),
    ("Who holds trade talks with South Korea?", "counterparts", fx.KOREA),
    ("Which countries are allied with the United States?", "allies", fx.USA),
    ("Who are the US's allies?", "allies", fx.USA),
    ("Who are America's allies?", "allies", fx.USA),
    ("Who is Japan allied with?", "allies", fx.JAPAN),
    ("Allies of Seoul?", "allies", fx.KOREA),
    ("Who imposed tariffs on India?", "tariff_imposers", fx.INDIA),
    ("Who slapped 25% tariffs on India?", "tariff_imposers", fx.INDIA),
    ("Who put new tariffs on Canada?", "tariff_imposers", fx.CANADA),
    ("Which countries have imposed duties on the United States?", "tariff_imposers", fx.USA),
    ("Who hit Japan with tariffs?", "tariff_imposers", fx.JAPAN),
    ("Tariffs on China imposed by whom?", "tariff_imposers", fx.CHINA),
    ("Which countries did the US put tariffs on?", "tariff_targets", fx.USA),
    ("Who did Trump impose tariffs on?", "tariff_targets", fx.TRUMP),
    ("On whom did Washington impose tariffs?", "tariff_targets", fx.USA),
    ("Which countries face tariffs from the US?", "tariff_targets", fx.USA),
    ("Who has China imposed tariffs on?", "tariff_targets", fx.CHINA),
    ("Who is Akazawa?", "profile", fx.AKAZAWA),
    ("Tell me about the EU", "profile", fx.EU),
    ("How is Ebrard connected to Li Chenggang?", "path", fx.EBRARD),
    # forms found by probing after the paraphrase set was tuned
    ("Who negotiates on Japan's behalf?", "representatives", fx.JAPAN),
    ("Which people negotiate on the United States' behalf?", "representatives", fx.USA),
    ("Who does Japan send to negotiate?", "representatives", fx.JAPAN),
    ("Who is on Japan's negotiating team?", "representatives", fx.JAPAN),
    ("Who was appointed to replace Wang Shouwen?", "successors", fx.WANG),
    ("Who was named to succeed Wang Shouwen?", "successors", fx.WANG),
    ("Who is Japan in negotiations with?", "counterparts", fx.JAPAN),
    ("Who sits across the table from Japan?", "counterparts", fx.JAPAN),
    ("Who are the parties negotiating with Japan?", "counterparts", fx.JAPAN),
    ("What are Japan's alliances?", "allies", fx.JAPAN),
    ("Who does Japan ally with?", "allies", fx.JAPAN),
    ("Which countries are Japan's partners?", "allies", fx.JAPAN),
    ("Who threatened India with tariffs?", "tariff_imposers", fx.INDIA),
    ("What tariffs did the US impose and on whom?", "tariff_targets", fx.USA),
    ("Where has the US imposed tariffs?", "tariff_targets", fx.USA),
    ("On what date was Wang Shouwen replaced?", "replaced_when", fx.WANG),
    ("Which officials act on behalf of Japan?", "representatives", fx.JAPAN),
]


@pytest.mark.parametrize("question,intent,entity", PHRASINGS)
def test_questions_parser_intent_and_entity(question, intent, entity):
    found, actors, _ = read(question, INDEX)
    assert found.intent == intent
    assert actors[0] == entity


@pytest.mark.parametrize(
    "question,day",
    [
        ("Who represented China on 1 March 2025?", date(2025, 3, 1)),
        ("Who represented China on March 1, 2025?", date(2025, 3, 1)),
        ("Who represented China as of 2025-05-01?", date(2025, 5, 1)),
        ("Who represented China in May 2025?", date(2025, 5, 1)),
        ("On 16th April 2025, who represented China?", date(2025, 4, 16)),
        ("Who represents China?", None),
    ],
)
def test_questions_parser_finds_the_date(question, day):
    found, rest = find_date(question)
    assert found == day
    assert understood(rest).intent == "representatives"


def test_questions_parser_impossible_date_is_tg161():
    with pytest.raises(InputError, match="TG161"):
        find_date("Who represented China on 30 February 2025?")


@pytest.mark.parametrize("question", ["Blah blah", "Hello there, how are you doing", "tariffs", "", "???"])
def test_questions_parser_unreadable_lists_what_it_answers(question):
    with pytest.raises(InputError, match="TG160") as err:
        understood(question)
    assert "Who represents Japan?" in str(err.value)


def test_questions_parser_unknown_name_suggests_close_ones():
    with pytest.raises(NotFoundError, match="TG240") as err:
        resolve_entity(INDEX, "Bessnt")
    assert "Scott Bessent" in str(err.value)


def test_questions_parser_ambiguous_surname_is_tg242():
    index = NameIndex([*fx.ACTORS, fx._person("Emma Reynolds", fx.UK, aliases=("Reynolds",))])
    with pytest.raises(NotFoundError, match="TG242"):
        resolve_entity(index, "Reynolds")
