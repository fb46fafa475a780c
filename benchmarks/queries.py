"""Query latency (p50/p95) of the question functions on the embedded store and on Neo4j.

The floor in the same process: a bare actor lookup by id (``store.actor``) for the embedded
store, a ``RETURN 1`` round trip for Neo4j; each question's p50 is also shown as a multiple of
it. On Neo4j the plans of the traversal statements are summarised from ``EXPLAIN``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, percentiles, ratio, table

LOOKUPS = ("who_represents", "counterparts", "successors")


def _samples(graph: Any) -> dict[str, list[str]]:
    from tradegraph.graph.model import RelationKind

    rng = random.Random(sizes.SEED)
    pick = lambda ids: rng.sample(sorted(ids), min(len(ids), 100))  # noqa: E731
    return {
        "bodies": pick({r.target for r in graph.relations if r.kind is RelationKind.REPRESENTS}),
        "persons": pick({r.source for r in graph.relations if r.kind is RelationKind.NEGOTIATES_WITH}),
        "chained": pick({r.source for r in graph.relations if r.kind is RelationKind.REPLACED_BY}),
    }


def questions(graph: Any) -> dict[str, Callable[[Any, random.Random], Any]]:
    from tradegraph import queries as q

    s = _samples(graph)
    return {
        "who_represents": lambda st, r: q.representatives_of(st, r.choice(s["bodies"])),
        "counterparts": lambda st, r: q.counterparts(st, r.choice(s["persons"])),
        "successors": lambda st, r: q.successors(st, r.choice(s["chained"])),
        "shortest_path": lambda st, r: q.shortest_path(
            st, r.choice(s["persons"]), r.choice(s["persons"]), max_hops=4
        ),
        "ego_neighbourhood": lambda st, r: q.neighbourhood(st, r.choice(s["persons"]), depth=1),
    }


def latencies(store: Any, graph: Any, floor: Callable[[], Any], repeats: int) -> list[dict[str, Any]]:
    rng = random.Random(sizes.SEED)
    samples = _samples(graph)["persons"]
    base = []
    for _ in range(repeats):
        t = time.perf_counter()
        floor()
        base.append(time.perf_counter() - t)
    floor_p = percentiles(base)
    rows = [{"question": "floor", **floor_p, "p50_vs_floor": 1.0}]
    for name, ask in questions(graph).items():
        for _ in range(10):  # warm the server's plan cache and JIT for this statement shape
            ask(store, random.Random(1))
        runs = []
        for _ in range(repeats if name in LOOKUPS else max(repeats // 4, 10)):
            t = time.perf_counter()
            ask(store, rng)
            runs.append(time.perf_counter() - t)
        p = percentiles(runs)
        rows.append({"question": name, **p, "p50_vs_floor": ratio(p["p50_ms"], floor_p["p50_ms"])})
    del samples
    return rows


def embedded(graph: Any, repeats: int) -> list[dict[str, Any]]:
    from tradegraph.graph.backends.memory import MemoryStore

    store = MemoryStore(None)
    for batch in graph.batches(sizes.STORE_BATCH):
        store.upsert(*batch)
    some = graph.actors[0].id
    return latencies(store, graph, lambda: store.actor(some), repeats)


def plans(store: Any) -> list[dict[str, Any]]:
    """Operators of each traversal statement's EXPLAIN plan: index seeks, not label scans."""
    from tradegraph.graph.model import RelationKind
    from tradegraph.queries import cypher

    kinds = [k.value for k in RelationKind]
    statements = {
        "RELATIONS_BOTH": (cypher.RELATIONS_BOTH, {"ids": ["x"], "kinds": kinds}),
        "SUCCESSORS": (cypher.SUCCESSORS.replace("{hops}", str(cypher.MAX_CHAIN)), {"id": "x"}),
        "SHORTEST_PATH": (
            cypher.SHORTEST_PATH.replace("{hops}", "4"),
            {"a": "x", "b": "y", "kinds": kinds, "as_of": None},
        ),
    }
    out = []
    for name, (text, params) in statements.items():
        with store.driver.session(database=store.database) as session:
            plan = session.run("EXPLAIN " + text, **params).consume().plan
        ops: list[str] = []
        _walk(plan, ops)
        out.append(
            {
                "statement": name,
                "uses_index": any("Index" in o for o in ops),
                "label_or_all_scan": any(o.startswith(("NodeByLabelScan", "AllNodesScan")) for o in ops),
                "operators": " > ".join(dict.fromkeys(ops)),
            }
        )
    return out


def _walk(plan: Any, ops: list[str]) -> None:
    if not plan:
        return
    op = plan.get("operatorType", "?") if isinstance(plan, dict) else getattr(plan, "operator_type", "?")
    ops.append(op.split("@")[0])
    for child in plan.get("children", []) if isinstance(plan, dict) else getattr(plan, "children", []):
        _walk(child, ops)


def neo4j(graph: Any, repeats: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from benchmarks.neo4j_ingest import connect

    store = connect()
    try:
        store.clear()
        for batch in graph.batches(sizes.STORE_BATCH):
            store.upsert(*batch)
        rows = latencies(store, graph, lambda: store.run_read("RETURN 1 AS one"), repeats)
        return rows, plans(store)
    finally:
        store.clear()
        store.close()


def run(n: int, with_neo4j: bool = True) -> dict[str, Any]:
    from benchmarks.synthgraph import synthetic_graph

    graph = synthetic_graph(n, sizes.SEED)
    out: dict[str, Any] = {"relations": n, "embedded": embedded(graph, sizes.QUERY_REPEATS)}
    print(table(f"Queries on the embedded store, {n:,} relationships (ms)", out["embedded"]))
    goals = [
        goal(f"embedded p50 {r['question']} (ms)", r["p50_ms"], 1.0, at_most=True)
        for r in out["embedded"]
        if r["question"] in LOOKUPS
    ]
    if with_neo4j:
        try:
            out["neo4j"], out["neo4j_plans"] = neo4j(graph, sizes.QUERY_REPEATS)
            print(table(f"Queries on Neo4j, {n:,} relationships (ms)", out["neo4j"]))
            print(table("Neo4j plans (EXPLAIN)", out["neo4j_plans"]))
            goals += [
                goal(f"Neo4j p50 {r['question']} (ms)", r["p50_ms"], 5.0, at_most=True)
                for r in out["neo4j"]
                if r["question"] in LOOKUPS
            ]
        except Exception as err:  # no server: the embedded figures still stand
            out["neo4j_error"] = f"{type(err).__name__}: {err}"
            print(f"  Neo4j queries skipped: {out['neo4j_error'][:300]}")
    out["goals"] = goals
    print(table("Query goals", goals))
    return out
