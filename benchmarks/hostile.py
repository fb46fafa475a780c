"""Bounded work on hostile input: time and peak memory of loading and extracting one article
as it grows to the 1 M-character limit, and of the adversarial regex inputs of issue 16.

    python -m benchmarks.hostile                 # sizes 62.5K .. 1M characters, prose and dense
    python -m benchmarks.hostile --max 250000    # a quicker run

Each size runs in a fresh process so its peak resident memory is its own. Printed per size:
seconds, peak MB, and the ratios time/size and memory growth against the smallest size, which
stay flat (linear) when the work is bounded; the peak must stay under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

LIMIT_MB = 1024
BASELINE_CHARS = 10_000  # one piece: the cost per character of a text parsed whole
REPEATS = 3
PROSE = (
    "Japan's trade minister Ryosei Akazawa met Treasury Secretary Scott Bessent in Washington on "
    "Monday. They discussed tariffs on cars and rice, and agreed to meet again next week.\n\n"
)
DENSE = "a, "  # one token every 1.5 characters: the parser's worst case per character


def article_text(kind: str, size: int) -> str:
    unit = PROSE if kind == "prose" else DENSE
    return (unit * (size // len(unit) + 1))[:size]


def one(kind: str, size: int, directory: Path) -> dict[str, float]:
    """Load and extract one article of ``size`` characters (run in its own process)."""
    from tradegraph.graph.model import Article
    from tradegraph.loaders.extraction import Extractor
    from tradegraph.loaders.sources import load_article_file

    extractor = Extractor()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    path = directory / f"{kind}-{size}.txt"
    path.write_text(article_text(kind, size), encoding="utf-8")
    start = time.perf_counter()
    [article] = list(load_article_file(path))
    extraction = extractor.extract(article)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Baseline in the same process: one BASELINE_CHARS article of the same kind, so a busy
    # machine slows both and the ratio stays comparable.
    small = Article.create(article_text(kind, BASELINE_CHARS))
    start = time.perf_counter()
    extractor.extract(small)
    baseline = (time.perf_counter() - start) * size / BASELINE_CHARS
    return {
        "seconds": seconds,
        "baseline": baseline,
        "peak_mb": peak,
        "model_mb": base,
        "relations": len(extraction.relations),
    }


def regexes(size: int) -> dict[str, float]:
    """Seconds of each adversarial input of issue 16 at ``size`` characters."""
    from tradegraph.loaders.sources import dateline, feeds, markdown
    from tradegraph.loaders.sources.text import split_front_matter

    cases = {
        "heading '# a' + spaces + 'b'": lambda: markdown.heading("# a" + " " * size + "b"),
        "front matter value of spaces": lambda: split_front_matter(
            "---\ntitle: a" + " " * size + "b\n---\nx"
        ),
        "markdown emphasis '*a '": lambda: markdown.strip_emphasis("*a " * (size // 3)),
        "markdown links '[a]('": lambda: markdown.plain_markdown("[a](" * (size // 4)),
        "feed block tags '<p '": lambda: feeds.strip_html("<p " * (size // 3)),
        "dateline of capitals": lambda: list(dateline.DATELINE.finditer("A" * size)),
    }
    out = {}
    for name, case in cases.items():
        runs = []
        for _ in range(REPEATS):  # the best of a few: one-off page faults are not the pattern's cost
            start = time.perf_counter()
            case()
            runs.append(time.perf_counter() - start)
        out[name] = min(runs)
    return out


def brokers(nodes: int = 1_500) -> str:
    """Sampled against exact betweenness on a scale-free graph of ``nodes`` actors."""
    import networkx as nx

    from tradegraph.queries import analytics

    graph = nx.barabasi_albert_graph(nodes, 3, seed=1)
    start = time.perf_counter()
    sampled = analytics.betweenness(graph) if nodes > analytics.EXACT_MAX_NODES else None
    sampled_s = time.perf_counter() - start
    start = time.perf_counter()
    exact = nx.betweenness_centrality(graph)
    exact_s = time.perf_counter() - start
    assert sampled is not None
    error = max(abs(exact[n] - sampled.scores[n]) for n in graph)
    top = set(sorted(exact, key=exact.__getitem__)[-10:]) & set(
        sorted(sampled.scores, key=sampled.scores.__getitem__)[-10:]
    )
    return (
        f"brokers on {nodes:,} actors: exact {exact_s:.2f} s, sampled {sampled_s:.2f} s (x{exact_s / sampled_s:.1f} "
        f"faster); max error {error:.4f} (bound {sampled.error:.3f}); top-10 overlap {len(top)}/10"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=1_000_000, help="largest article (characters)")
    parser.add_argument("--kinds", default="prose,dense")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--dir", default="/tmp", help="where the generated articles are written")
    parser.add_argument(
        "--no-brokers", dest="brokers", action="store_false", help="skip sampled vs exact brokers"
    )
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one(args.child[0], int(args.child[1]), Path(args.dir))))
        return 0
    sizes = [s for s in (62_500, 125_000, 250_000, 500_000, 1_000_000) if s <= args.max]
    status = 0
    print("regex inputs (seconds at 100K / 1M characters; linear means about x10):")
    small, large = regexes(100_000), regexes(1_000_000)
    for name in small:
        print(
            f"  {name:34s} {small[name]:7.3f} {large[name]:7.3f}  x{large[name] / max(small[name], 1e-6):.1f}"
        )
    if args.brokers:
        print(brokers())
    for kind in filter(None, args.kinds.split(",")):
        print(
            f"\n{kind}: size, seconds, peak MB (model alone), s per 100K chars, ratio to smallest, "
            f"ratio to {BASELINE_CHARS:,}-character articles of the same total size (same process)"
        )
        first: float | None = None
        for size in sizes:
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.hostile", "--child", kind, str(size), "--dir", args.dir],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            per = row["seconds"] / size * 100_000
            first = first or per
            print(
                f"  {size:>9,} {row['seconds']:8.1f} {row['peak_mb']:7.0f} ({row['model_mb']:.0f})"
                f" {per:7.2f} x{per / first:.2f} x{row['seconds'] / row['baseline']:.2f}"
            )
            if row["peak_mb"] > LIMIT_MB:
                print(f"  peak above {LIMIT_MB} MB")
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
