"""House limits the code keeps: modules under 400 lines, and the complexity allow-list (functions
ruff's mccabe check lets past ``max-complexity = 15`` by a ``noqa: C901``) only shrinks."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAX_LINES = 400
# Functions over the limit at the time of writing (ruff counted 5 over 15 before this list began;
# one was split since). Lower this when one is split; never raise it.
COMPLEXITY_ALLOWED = 4


def _modules() -> list[Path]:
    return sorted((REPO / "tradegraph").rglob("*.py"))


def test_guardrails_no_module_over_the_house_limit() -> None:
    long = {
        str(p.relative_to(REPO)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_guardrails_complexity_allow_list_only_shrinks() -> None:
    allowed = [
        f"{p.relative_to(REPO)}:{i}"
        for p in _modules()
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if "noqa: C901" in line
    ]
    assert len(allowed) <= COMPLEXITY_ALLOWED, allowed
