"""Every benchmark size in one place: ``small`` (the default) finishes in a few minutes on 2 cores."""

from __future__ import annotations

SIZES: dict[str, dict[str, object]] = {
    "small": {
        "extraction_articles": 100,
        "neo4j_relations": [10_000, 100_000],
        "query_relations": 100_000,
        "embedded_relations": [10_000, 30_000, 100_000],
        "e2e_articles": 500,
        "parallel_articles": 300,
        "bulk_relations": 100_000,
    },
    "medium": {
        "extraction_articles": 1_000,
        "neo4j_relations": [10_000, 100_000],
        "query_relations": 100_000,
        "embedded_relations": [10_000, 100_000, 300_000],
        "e2e_articles": 2_000,
        "parallel_articles": 1_000,
        "bulk_relations": 1_000_000,
    },
    "large": {
        "extraction_articles": 2_000,
        "neo4j_relations": [10_000, 100_000, 1_000_000],
        "query_relations": 1_000_000,
        "embedded_relations": [10_000, 100_000, 1_000_000],
        "e2e_articles": 10_000,
        "parallel_articles": 2_000,
        "bulk_relations": 1_000_000,
    },
}
# The per-row MERGE baseline runs on a prefix of the same rows: its rate is what is compared.
PER_ROW_LIMIT = 5_000
STORE_BATCH = 20_000  # relations per upsert call when a benchmark feeds a store (best of the Neo4j sweep)
QUERY_REPEATS = 200
SEED = 0
