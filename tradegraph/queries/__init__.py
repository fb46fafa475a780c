"""Question functions over a store (``helpers``), Cypher for Neo4j (``cypher``), and the
plain-language questions that map onto them (``questions``)."""

from tradegraph.queries.helpers import (
    allies,
    brokers,
    counterparts,
    neighbourhood,
    predecessors,
    profile,
    representatives_of,
    represented_by,
    shortest_path,
    successors,
    tariff_imposers,
    tariff_targets,
)
from tradegraph.queries.results import Answer, Broker, Path, Profile, Subgraph, Succession

__all__ = [
    "Answer",
    "Broker",
    "Path",
    "Profile",
    "Subgraph",
    "Succession",
    "allies",
    "brokers",
    "counterparts",
    "neighbourhood",
    "predecessors",
    "profile",
    "represented_by",
    "representatives_of",
    "shortest_path",
    "successors",
    "tariff_imposers",
    "tariff_targets",
]
