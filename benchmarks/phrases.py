"""Word lists the synthetic corpus writes with; none of them names an actor."""

from __future__ import annotations

SYMMETRIC = {"NEGOTIATES_WITH", "ALLIED_WITH"}

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
QUARTERS = ["first", "second", "third", "fourth"]
PERCENTS = [10, 15, 20, 24, 25, 30, 35, 39, 50]
VENUES = [
    "in Geneva",
    "in Vienna",
    "in Davos",
    "on the sidelines of the G20 summit",
    "at a regional economic forum",
    "in a video call",
    "in Osaka",
    "in Marrakesh",
]
TOPICS = [
    "tariffs and market access",
    "a bilateral trade agreement",
    "export controls on chips",
    "agricultural quotas",
    "currency issues and trade barriers",
    "steel and aluminium duties",
    "investment screening rules",
    "a framework for future trade talks",
]
GOODS = [
    "steel",
    "aluminium",
    "cars and car parts",
    "solar panels",
    "semiconductors",
    "soybeans",
    "textiles",
    "pharmaceuticals",
    "machinery",
    "electric vehicles",
    "copper products",
    "wine",
]
ADJECTIVES = ["constructive", "frank and productive", "difficult", "cordial", "substantive", "tense"]
CLAUSES = [
    "both sides would continue technical work in the coming weeks",
    "a deal was possible before the deadline",
    "the gaps on agriculture remained wide",
    "exporters were bracing for a long dispute",
    "markets reacted calmly to the news",
    "further rounds of talks were planned for the autumn",
    "the decision would be reviewed at the end of the year",
    "industry groups had lobbied hard for exemptions",
]
QUOTES = [
    "this is a negotiation that neither side can afford to lose",
    "the tariffs will be paid by consumers in the end",
    "we expect a partial deal rather than a grand bargain",
    "supply chains are already moving to avoid the levies",
    "the uncertainty itself is the biggest cost for business",
    "both governments need a win before the elections",
]
FILLER = [
    "Exports of manufactured goods rose {n}% in the {q} quarter, according to official data.",
    "Shipping costs on the main container routes fell by {n}% over the month.",
    "Economists surveyed last week cut their growth forecasts by {n} tenths of a point.",
    "The benchmark stock index closed {n} points higher after a volatile session.",
    "Port authorities reported that container volumes had been flat for {n} weeks.",
    "Business confidence surveys showed a modest improvement in the {q} quarter.",
    "Some {n} companies have filed requests for exclusions from the duties so far.",
    "Importers said they had built up inventories ahead of the deadline.",
    "Farm groups warned that retaliation would hit rural incomes hardest.",
    "The currency weakened by {n} tenths of a percent against the dollar.",
    "Analysts noted that previous rounds of talks had ended without a joint statement.",
    "Officials declined to give details of the draft text, citing the sensitivity of the talks.",
    "Trade volumes between the two economies reached a record in the {q} quarter.",
    "Several manufacturers said they were reviewing where to build new plants.",
]
HEADLINES = [
    "{a} and {b} officials meet as tariff talks resume",
    "{a} steps up trade pressure on {b}",
    "Trade tensions between {a} and {b} weigh on markets",
    "{a} reshuffles its trade team ahead of talks with {b}",
    "What the latest tariffs mean for {a} and {b}",
]
OUTLETS = [
    "The Meridian Ledger",
    "Harbor Wire",
    "Northgate Post",
    "The Continental Courier",
    "Atlas Business Daily",
    "The Quayside Times",
]
