"""Progress: a bar with done/total on a terminal, plain lines off one (at the end at least)."""

from __future__ import annotations

import io

from tradegraph.progress import Progress


def test_progress_plain_lines_count_finished_out_of_total():
    out = io.StringIO()
    meter = Progress(total=4, stream=out, terminal=False, every=3600)
    for done in range(1, 5):
        meter.update_to(done)
    meter.close()
    lines = out.getvalue().splitlines()
    assert lines == [lines[-1]] and lines[-1].startswith("ingest: 4/4 articles (100%)") and "ETA" in lines[-1]


def test_progress_bar_on_a_terminal_shows_total():
    out = io.StringIO()
    meter = Progress(total=None, stream=out, terminal=True)
    meter.set_total(3)
    meter.update_to(2)
    meter.close()
    assert "2/3" in out.getvalue()
