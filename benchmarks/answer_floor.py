"""What an answer's size alone costs on Neo4j: a constant answer of the same shape, timed.

A question's answer on Neo4j is one record: its relations (each with its evidence) and its
actors. ``answer_floors`` takes the median shape of the answers a question gave on the sampled
actors and times a statement that reads nothing but builds an answer of that shape (same
counts, sentences of the graph's mean length, the same values repeated), sent and restored by the same code as the real
answers (``Neo4jTraversals._facts``). Its p50 over the bare ``RETURN 1`` floor is what the
question would cost if the server's search were free: when that alone is over the goal, the
goal cannot be met for answers of that size by any statement.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import percentiles, ratio

# ``$rels`` relations (the first ``$extra`` with one more evidence) and ``$actors`` actors in the
# protocol statements' row format (``neo4j_queries._TAIL``), each a parameter repeated: the
# server only serialises them, as it serialises a real answer.
CONSTANT_ANSWER = """
RETURN [i IN range(1, $rels) | CASE WHEN i <= $extra THEN $more ELSE $rel END] AS rels,
       [i IN range(1, $actors) | $actor] AS actors
"""


def _relation(evidence: int, sentence: str) -> dict[str, Any]:
    one = ["article-0001", sentence, "https://example.org/news/0001", "2025-01-02", 0.9, "rule"]
    return {
        "source": "person:someone",
        "kind": "NEGOTIATES_WITH",
        "target": "country:ABC",
        "valid_from": "2025-01-01",
        "valid_to": None,
        "role": None,
        "evidence": [one] * evidence,
    }


def shape(facts: Any) -> tuple[int, int, int]:
    """Relations, evidence and actors in one answer (``Facts``)."""
    return len(facts.relations), sum(len(r.evidence) for r in facts.relations), len(facts.actors)


def answer_floors(
    store: Any,
    graph: Any,
    askers: dict[str, tuple[Callable[[Any, str], Any], list[str]]],
    floor_p50_ms: float,
    repeats: int,
) -> list[dict[str, Any]]:
    """Per question (``askers``: name -> a call of the store's traversals for one actor id, and
    the ids to ask it about): the median answer shape and the p50 of a constant answer of it."""
    from tradegraph.graph.backends.neo4j_queries import Neo4jTraversals

    reader = Neo4jTraversals(store)
    sentences = [len(e.sentence) for r in graph.relations[:5000] for e in r.evidence]
    sentence = "x" * round(statistics.mean(sentences)) if sentences else "x" * 100
    rows = []
    for name, (ask, ids) in askers.items():
        shapes = [shape(ask(reader, i)) for i in random.Random(0).sample(ids, min(20, len(ids)))]
        rels, evidence, actors = (int(statistics.median(s[n] for s in shapes)) for n in range(3))
        k, extra = divmod(evidence, rels) if rels else (0, 0)
        params = {
            "rels": rels,
            "extra": extra,
            "rel": _relation(k, sentence),
            "more": _relation(k + 1, sentence),
            "actors": actors,
            "actor": ["person:someone", "Some One", "Person", [], [], "country:ABC", "{}"],
        }
        for _ in range(10):
            reader._facts(CONSTANT_ANSWER, **params)
        runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            reader._facts(CONSTANT_ANSWER, **params)
            runs.append(time.perf_counter() - t)
        p = percentiles(runs)
        rows.append(
            {
                "question": name,
                "relations": rels,
                "evidence": evidence,
                "actors": actors,
                "constant_answer_p50_ms": p["p50_ms"],
                "p50_vs_floor": ratio(p["p50_ms"], floor_p50_ms),
            }
        )
    return rows


def askers(
    samples: dict[str, list[str]], ego_limit: int
) -> dict[str, tuple[Callable[[Any, str], Any], list[str]]]:
    """The traversal behind each timed question of ``benchmarks.queries``, with its actors."""
    from tradegraph.graph.model import RelationKind

    every = list(RelationKind)
    return {
        "who_represents": (lambda t, i: t.representation(i, None), samples["bodies"]),
        "counterparts": (
            lambda t, i: t.around([i], [RelationKind.NEGOTIATES_WITH], "both", None),
            samples["persons"],
        ),
        "successors": (lambda t, i: t.succession(i, True, None), samples["chained"]),
        "ego_depth_2": (lambda t, i: t.neighbourhood(i, 2, every, None), samples["persons"]),
        f"ego_depth_2_limit_{ego_limit}": (
            lambda t, i: t.neighbourhood(i, 2, every, None, ego_limit),
            samples["persons"],
        ),
    }
