"""Helpers every benchmark shares: timing, memory (RSS), child processes and the printed table."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

MIB = 1024 * 1024


def rss_mib() -> float:
    """Resident memory of this process now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def peak_rss_mib() -> float:
    """Highest resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    """``with timer() as t: ...`` then ``t["s"]`` holds the elapsed seconds."""
    out: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield out
    finally:
        out["s"] = time.perf_counter() - start


def percentiles(samples_s: Sequence[float]) -> dict[str, float]:
    """p50/p95 in milliseconds."""
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"p50_ms": round(statistics.median(ms), 3), "p95_ms": round(p95, 3), "n": len(ms)}


def run_child(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 3600
) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process (for clean memory figures); its last
    stdout line is a JSON object, which is returned."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "-" if value is None else str(value)


def table(title: str, rows: list[dict[str, Any]]) -> str:
    """A plain-text table of ``rows`` (dicts with the same keys), headed by ``title``."""
    if not rows:
        return f"\n{title}\n  (no rows)\n"
    cols = list(rows[0])
    cells = [[fmt(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = [f"\n{title}", "  " + "  ".join(c.rjust(w) for c, w in zip(cols, widths))]
    lines += ["  " + "  ".join(v.rjust(w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join(lines) + "\n"


def goal(
    name: str, value: float | None, target: float, *, at_most: bool = False, unit: str = ""
) -> dict[str, Any]:
    """One goal line: measured value against target, met or not."""
    met = value is not None and (value <= target if at_most else value >= target)
    return {
        "goal": name,
        "measured": value,
        "target": f"{'<=' if at_most else '>='} {target:g}{unit}",
        "met": "yes" if met else "NO",
    }
