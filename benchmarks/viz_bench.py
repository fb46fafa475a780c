"""Size and open time of the graph page: the example articles' graph and a generated 2,000-node one.

Run: ``.venv/bin/python -m benchmarks.viz_bench`` (needs chromium and chromium-driver for the
open times; prints only the build numbers without them). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.export.html import write_html
from tradegraph.graph.model import Actor, ActorKind, Article, Evidence, Relation, RelationKind

REPO = Path(__file__).resolve().parent.parent


def example_store() -> MemoryStore:
    from tradegraph.ingest import ingest

    store = MemoryStore(None)
    ingest([REPO / "examples" / "articles"], store)
    return store


def generated_store(n_actors: int = 2000, edges_per_actor: float = 2.0, seed: int = 7) -> MemoryStore:
    """A random sparse graph with evidence: 5% countries, 5% organisations, the rest persons."""
    rng = random.Random(seed)
    kinds = [ActorKind.COUNTRY] * 5 + [ActorKind.ORGANIZATION] * 5 + [ActorKind.PERSON] * 90
    actors = [
        Actor(
            id=f"{k.prefix}:gen-{i}",
            name=f"{k.value} {i}",
            kind=k,
            roles=("minister",) if k is ActorKind.PERSON else (),
        )
        for i, k in enumerate(rng.choice(kinds) for _ in range(n_actors))
    ]
    articles = [
        Article.create(
            f"text {i}",
            id=f"article:gen-{i}",
            title=f"Story {i}",
            source="Gen News",
            published=date(2025, 1 + i % 12, 1 + i % 28),
        )
        for i in range(500)
    ]
    relations: dict[tuple[str, str, str], Relation] = {}
    while len(relations) < int(n_actors * edges_per_actor):
        a, b = rng.sample(actors, 2)
        art = rng.choice(articles)
        ev = Evidence(
            art.id, f"{a.name} and {b.name} met.", url=f"https://gen.example/{art.id}", date=art.published
        )
        rel = Relation(a.id, rng.choice(list(RelationKind)), b.id, evidence=(ev,))
        relations.setdefault(rel.key, rel)
    store = MemoryStore(None)
    store.upsert(actors, relations.values(), articles)
    return store


def open_seconds(page: Path) -> float | None:
    """Seconds from navigation until the network has drawn, in headless Chromium; None without it."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="viz-bench-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        start = time.perf_counter()
        driver.get(page.as_uri())
        while not driver.execute_script("return !!(window.tradegraph && window.tradegraph.ready)"):
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def measure(name: str, store: MemoryStore, out: Path) -> None:
    counts = store.counts()
    start = time.perf_counter()
    page = write_html(store, out / f"{name}.html")
    built = time.perf_counter() - start
    opened = open_seconds(page)
    shown = f"{opened:.2f} s" if opened is not None else "n/a (no chromium)"
    print(
        f"{name:10} actors={counts['actors']:5} relations={counts['relations']:5} "
        f"size={page.stat().st_size / 1e6:6.2f} MB build={built:5.2f} s open={shown}"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        measure("examples", example_store(), Path(tmp))
        measure("gen-2000", generated_store(), Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
