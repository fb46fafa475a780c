"""Query latency (p50/p95) of the question functions on the embedded store and on Neo4j.

The floor in the same process: a bare actor lookup by id (``store.actor``) for the embedded
store; for Neo4j the bare driver's ``execute_query("RETURN 1")``, each question's p50 shown as a
multiple of it (goal: <= 1.5x, ego depth 2 <= 3x), the floor timed on its own before the
questions. A floor call is also timed before every question call (``floor_p50_ms``,
``p50_vs_interleaved``) to show load drift; that floor is biased upwards after heavy questions
(it pays for the previous answer's garbage and server work: 4.6 ms after ego depth 2 against
1.3 ms alone), so the goal uses the floor timed alone. The driver's read paths are compared on
``RETURN 1``, the plans of the question statements summarised from ``EXPLAIN``, and what each
question's answer size alone costs (``benchmarks.answer_floor``: a constant answer of its median
shape, sent and restored like a real one, over the same floor).

Whom the questions are about (``samples_of``): 100 actors drawn uniformly (seeded) from every
body someone represents, every person who negotiates, every person who was replaced; each
timed call draws one of them again, so p50/p95 are over actors of every size (a state with
hundreds of representatives as often as its share). Nothing is picked for being small. Ego
depth 2 is timed both whole and bounded (``EGO_LIMIT`` actors, as an explorer asks for it).

    python -m benchmarks.queries 100000
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from benchmarks import sizes
from benchmarks.common import goal, percentiles, ratio, table

LOOKUPS = ("who_represents", "counterparts", "successors")
# The bounded ego view an explorer asks for (``neighbourhood(..., limit=EGO_LIMIT)``: nearest and
# best connected actors first, the total still counted); depth 2 unbounded is measured too.
EGO_LIMIT = 100


def samples_of(graph: Any) -> dict[str, list[str]]:
    from tradegraph.graph.model import RelationKind

    rng = random.Random(sizes.SEED)
    pick = lambda ids: rng.sample(sorted(ids), min(len(ids), 100))  # noqa: E731
    return {
        "bodies": pick({r.target for r in graph.relations if r.kind is RelationKind.REPRESENTS}),
        "persons": pick({r.source for r in graph.relations if r.kind is RelationKind.NEGOTIATES_WITH}),
        "chained": pick({r.source for r in graph.relations if r.kind is RelationKind.REPLACED_BY}),
    }


def questions(s: dict[str, list[str]]) -> dict[str, Callable[[Any, random.Random], Any]]:
    from tradegraph import queries as q

    return {
        "who_represents": lambda st, r: q.representatives_of(st, r.choice(s["bodies"])),
        "counterparts": lambda st, r: q.counterparts(st, r.choice(s["persons"])),
        "successors": lambda st, r: q.successors(st, r.choice(s["chained"])),
        "shortest_path": lambda st, r: q.shortest_path(
            st, r.choice(s["persons"]), r.choice(s["persons"]), max_hops=4
        ),
        "ego_neighbourhood": lambda st, r: q.neighbourhood(st, r.choice(s["persons"]), depth=1),
        "ego_depth_2": lambda st, r: q.neighbourhood(st, r.choice(s["persons"]), depth=2),
        f"ego_depth_2_limit_{EGO_LIMIT}": lambda st, r: q.neighbourhood(
            st, r.choice(s["persons"]), depth=2, limit=EGO_LIMIT
        ),
    }


def _timed(call: Callable[..., Any], *args: Any) -> float:
    t = time.perf_counter()
    call(*args)
    return time.perf_counter() - t


def latencies(
    store: Any, samples: dict[str, list[str]], floor: Callable[[], Any], repeats: int
) -> list[dict[str, Any]]:
    """p50/p95 per question and its p50 over the floor's (timed alone, first); also over the p50
    of floor calls interleaved with it (one before each question call), to show load drift."""
    rng = random.Random(sizes.SEED)
    base = [_timed(floor) for _ in range(repeats)]
    floor_p = percentiles(base)
    rows = [
        {
            "question": "floor",
            **floor_p,
            "floor_p50_ms": floor_p["p50_ms"],
            "p50_vs_floor": 1.0,
            "p50_vs_interleaved": 1.0,
        }
    ]
    for name, ask in questions(samples).items():
        for _ in range(10):  # warm the server's plan cache and JIT for this statement shape
            ask(store, random.Random(1))
        runs, floors = [], []
        for _ in range(repeats if name in LOOKUPS else max(repeats // 4, 10)):
            floors.append(_timed(floor))
            runs.append(_timed(ask, store, rng))
        p, f = percentiles(runs), percentiles(floors)
        rows.append(
            {
                "question": name,
                **p,
                "floor_p50_ms": f["p50_ms"],
                "p50_vs_floor": ratio(p["p50_ms"], floor_p["p50_ms"]),
                "p50_vs_interleaved": ratio(p["p50_ms"], f["p50_ms"]),
            }
        )
    return rows


def embedded(graph: Any, repeats: int) -> list[dict[str, Any]]:
    from tradegraph.graph.backends.sqlite import SQLiteStore

    store = SQLiteStore(None)
    for batch in graph.batches(sizes.STORE_BATCH):
        store.upsert(*batch)
    some = graph.actors[0].id
    return latencies(store, samples_of(graph), lambda: store.actor(some), repeats)


def plans(store: Any) -> list[dict[str, Any]]:
    """Operators of each question statement's EXPLAIN plan: index seeks, not label scans."""
    from tradegraph.graph.backends import neo4j_queries as cy
    from tradegraph.graph.model import RelationKind

    kinds = [k.value for k in RelationKind]
    statements = {
        "REPRESENTATION_NOW": (cy.REPRESENTATION_NOW, {"id": "x", "limit": 10}),
        "REPRESENTATION_ON": (cy.REPRESENTATION_ON, {"id": "x", "day": "2025-01-01"}),
        "TALKS": (cy.TALKS, {"id": "x", "day": None}),
        "SUCCESSORS": (cy.SUCCESSORS, {"id": "x", "day": None}),
        "NEIGHBOURHOOD": (
            cy.NEIGHBOURHOOD.replace("{depth}", "2"),
            {"id": "x", "kinds": kinds, "day": None, "limit": 100},
        ),
        "SHORTEST_PATH": (
            cy.SHORTEST_PATH.replace("{hops}", "4"),
            {"a": "x", "b": "y", "kinds": kinds, "day": None},
        ),
    }
    out = []
    for name, (text, params) in statements.items():
        ops = explain_operators(store, text, params)
        out.append(
            {
                "statement": name,
                "uses_index": any("Index" in o for o in ops),
                "label_or_all_scan": any(o.startswith(("NodeByLabelScan", "AllNodesScan")) for o in ops),
                "operators": " > ".join(dict.fromkeys(ops)),
            }
        )
    return out


def explain_operators(store: Any, text: str, params: dict[str, Any]) -> list[str]:
    with store.driver.session(database=store.database) as session:
        plan = session.run("EXPLAIN " + text, **params).consume().plan
    ops: list[str] = []
    _walk(plan, ops)
    return ops


def _walk(plan: Any, ops: list[str]) -> None:
    if not plan:
        return
    op = plan.get("operatorType", "?") if isinstance(plan, dict) else getattr(plan, "operator_type", "?")
    ops.append(op.split("@")[0])
    for child in plan.get("children", []) if isinstance(plan, dict) else getattr(plan, "children", []):
        _walk(child, ops)


def read_paths(store: Any, repeats: int) -> list[dict[str, Any]]:
    """``RETURN 1`` through the driver's read paths: which is cheapest for one statement."""
    from neo4j import RoutingControl

    driver, db = store.driver, store.database
    session = driver.session(database=db)
    paths: dict[str, Callable[[], Any]] = {
        "execute_query (bare)": lambda: driver.execute_query("RETURN 1"),
        "execute_query database_+routing_": lambda: driver.execute_query(
            "RETURN 1", database_=db or "neo4j", routing_=RoutingControl.READ
        ),
        "reused session, auto-commit": lambda: list(session.run("RETURN 1")),
        "store.run_read": lambda: store.run_read("RETURN 1 AS one"),
    }
    rows = []
    for name, call in paths.items():
        for _ in range(20):
            call()
        runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            call()
            runs.append(time.perf_counter() - t)
        rows.append({"path": name, **percentiles(runs)})
    session.close()
    base = rows[0]["p50_ms"]
    for row in rows:
        row["p50_vs_bare"] = ratio(row["p50_ms"], base)
    return rows


def neo4j(graph: Any, repeats: int) -> tuple[list[dict[str, Any]], ...]:
    from benchmarks.answer_floor import answer_floors, askers
    from benchmarks.neo4j_ingest import connect

    store = connect()
    try:
        store.clear()
        for batch in graph.batches(sizes.STORE_BATCH):
            store.upsert(*batch)
        paths = read_paths(store, repeats)
        samples = samples_of(graph)
        rows = latencies(store, samples, lambda: store.driver.execute_query("RETURN 1"), repeats)
        floors = answer_floors(store, graph, askers(samples, EGO_LIMIT), rows[0]["p50_ms"], repeats // 2)
        return rows, paths, plans(store), floors
    finally:
        store.clear()
        store.close()


def run(n: int, with_neo4j: bool = True) -> dict[str, Any]:
    from benchmarks.synthgraph import synthetic_graph

    graph = synthetic_graph(n, sizes.SEED)
    out: dict[str, Any] = {"relations": n, "embedded": embedded(graph, sizes.QUERY_REPEATS)}
    print(
        table(f"Queries on the embedded store (SQLite in memory), {n:,} relationships (ms)", out["embedded"])
    )
    goals = [
        goal(
            f"embedded p50 {r['question']} (ms)",
            r["p50_ms"],
            10.0 if r["question"] == "shortest_path" else 1.0,
            at_most=True,
        )
        for r in out["embedded"]
        if r["question"] in (*LOOKUPS, "shortest_path")
    ]
    if with_neo4j:
        try:
            out["neo4j"], out["neo4j_read_paths"], out["neo4j_plans"], out["neo4j_answer_floors"] = neo4j(
                graph, sizes.QUERY_REPEATS
            )
            print(table("Neo4j read paths, RETURN 1 (ms)", out["neo4j_read_paths"]))
            print(
                table(
                    f"Queries on Neo4j, {n:,} relationships (ms; floor = bare execute_query RETURN 1)",
                    out["neo4j"],
                )
            )
            print(table("Neo4j plans (EXPLAIN)", out["neo4j_plans"]))
            print(
                table(
                    "Neo4j answer size alone: a constant answer of each question's median shape (ms; "
                    "no search, same transfer and decoding)",
                    out["neo4j_answer_floors"],
                )
            )
            goals += [
                goal(
                    f"Neo4j p50 {r['question']} / bare RETURN 1",
                    r["p50_vs_floor"],
                    3.0 if r["question"].startswith("ego_depth_2") else 1.5,
                    at_most=True,
                )
                for r in out["neo4j"]
                if r["question"]
                in (*LOOKUPS, "shortest_path", "ego_depth_2", f"ego_depth_2_limit_{EGO_LIMIT}")
            ]
        except Exception as err:  # no server: the embedded figures still stand
            out["neo4j_error"] = f"{type(err).__name__}: {err}"
            print(f"  Neo4j queries skipped: {out['neo4j_error'][:300]}")
    out["goals"] = goals
    print(table("Query goals", goals))
    return out


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else sizes.SIZES["small"]["query_relations"])  # type: ignore[arg-type]
