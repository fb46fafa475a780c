"""Progress of a long run on stderr: a tqdm bar (done/total, rate, ETA) on a terminal, a plain
line now and then otherwise (logs, CI), nothing when quiet."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

EVERY_SECONDS = 10.0  # how often a non-terminal prints a line


class Progress:
    """Counts units of work done out of ``total``; ``update_to(done)`` as work finishes."""

    def __init__(
        self,
        total: int | None,
        desc: str = "ingest",
        unit: str = "article",
        stream: TextIO | None = None,
        terminal: bool | None = None,
        every: float = EVERY_SECONDS,
    ) -> None:
        self.total, self.desc, self.unit = total, desc, unit
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.every = every
        self.done = 0
        self.started = self._last = time.monotonic()
        self._bar: Any = None
        if self.terminal:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit=f" {unit}", file=self.stream, dynamic_ncols=True)

    def set_total(self, total: int | None) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def update_to(self, done: int) -> None:
        step, self.done = done - self.done, done
        if self._bar is not None:
            self._bar.update(step)
            return
        now = time.monotonic()
        if step and (now - self._last >= self.every or done == self.total):
            self._last = now
            print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        """``ingest: 40/120 articles (33%), 2.1/s, ETA 0:00:38``"""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        if not self.total:
            return f"{self.desc}: {self.done} {self.unit}s, {rate:.1f}/s"
        left = (self.total - self.done) / rate if rate else 0.0
        return (
            f"{self.desc}: {self.done}/{self.total} {self.unit}s ({100 * self.done // self.total}%), "
            f"{rate:.1f}/s, ETA {time.strftime('%H:%M:%S', time.gmtime(left))}"
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
