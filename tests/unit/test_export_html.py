"""The graph page: complete, offline, escaped, aligned with the model's kinds."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fixtures.viz_graph import (
    ACTORS,
    AKAZAWA,
    BESSENT,
    GREER,
    IMG,
    JAPAN,
    RELATIONS,
    SCRIPT,
    TAI,
    USA,
    viz_store,
)

from tradegraph.cli import main
from tradegraph.commands.selection import select
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import NotFoundError
from tradegraph.graph.export.html import (
    ACTOR_STYLE,
    PHYSICS_NODE_LIMIT,
    RELATION_STYLE,
    legend,
    render_page,
    write_html,
)
from tradegraph.graph.export.selection import Selection
from tradegraph.graph.model import Actor, ActorKind, Relation, RelationKind


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, Any]]] = []
        self.data: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = dict(attrs).get("id")

    def handle_data(self, data: str) -> None:
        if self._in:
            self.data[self._in] = self.data.get(self._in, "") + data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _graph_data(html: str) -> dict[str, Any]:
    return json.loads(_parse(html).data["graph-data"])


@pytest.fixture(scope="module")
def page() -> str:
    return render_page(select(viz_store()))


def test_html_every_kind_has_a_style_and_a_legend_entry() -> None:
    assert set(ACTOR_STYLE) == set(ActorKind) and set(RELATION_STYLE) == set(RelationKind)
    assert {e["label"] for e in legend()} == {k.value for k in (*ActorKind, *RelationKind)}
    assert len({c for c, _ in RELATION_STYLE.values()}) == len(RelationKind)
    assert len({style for style in ACTOR_STYLE.values()}) == len(ActorKind)


def test_html_page_legend_shows_every_kind(page: str) -> None:
    shown = {attrs["data-kind"] for tag, attrs in _parse(page).tags if "data-kind" in attrs}
    assert shown == {k.value for k in (*ActorKind, *RelationKind)}


def test_html_page_references_nothing_outside_itself(page: str) -> None:
    tags = _parse(page).tags
    assert [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed", "base")] == []
    assert [a for t, a in tags if a.get("src") or a.get("href")] == []
    csp = [a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]
    assert "sourceMappingURL" not in page
    assert re.findall(r"//cdn|cdnjs|jsdelivr|unpkg|bootstrap", page) == []
    assert [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", page) if not u.startswith("data:")] == []


def test_html_hostile_text_is_never_markup(page: str) -> None:
    assert SCRIPT not in page and IMG not in page and 'href="javascript' not in page
    assert [t for t, a in _parse(page).tags if t == "script"] == ["script"] * 3
    data = json.dumps(_graph_data(page), ensure_ascii=False)
    assert SCRIPT in data and IMG in data  # still there, as data shown as text


def test_html_records_carry_styles_and_evidence(page: str) -> None:
    data = _graph_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {a.id for a in ACTORS}
    assert (nodes[JAPAN.id]["color"], nodes[JAPAN.id]["shape"]) == ACTOR_STYLE[ActorKind.COUNTRY]
    assert "Roles: economic revitalization minister" in nodes[AKAZAWA.id]["title"]
    assert "Acts for: Japan" in nodes[AKAZAWA.id]["title"]
    edges = {e["id"]: e for e in data["edges"]}
    assert set(edges) == {"|".join(r.key) for r in RELATIONS}
    talks = edges[f"{AKAZAWA.id}|NEGOTIATES_WITH|{BESSENT.id}"]
    assert talks["color"] == RELATION_STYLE[RelationKind.NEGOTIATES_WITH][0]
    assert talks["width"] > edges[f"{TAI.id}|REPLACED_BY|{GREER.id}"]["width"]
    assert "“Akazawa met Bessent.” — Example News, Story 1, 2025-04-01" in talks["title"]
    assert edges[f"{TAI.id}|REPLACED_BY|{GREER.id}"]["dashes"] is True


@pytest.mark.parametrize("who", [AKAZAWA.id, "Ryosei Akazawa", "akazawa", "RYOSEI AKAZAWA"])
def test_html_ego_view_finds_actor_by_id_name_or_alias(who: str) -> None:
    view = select(viz_store(), actor=who, depth=1)
    assert {a.id for a in view.actors} == {AKAZAWA.id, JAPAN.id, BESSENT.id}


def test_html_ego_view_follows_depth_kinds_and_day() -> None:
    store = viz_store()
    two = select(store, actor=AKAZAWA.id, depth=2)
    assert USA.id in {a.id for a in two.actors}
    assert f"{JAPAN.id}|ALLIED_WITH|{USA.id}" in {"|".join(r.key) for r in two.relations}
    only = select(store, actor=AKAZAWA.id, depth=2, kinds=["REPRESENTS"])
    assert {a.id for a in only.actors} == {AKAZAWA.id, JAPAN.id}
    before = select(store, actor=GREER.id, depth=1, as_of=date(2025, 1, 1))
    assert [a.id for a in before.actors] == [GREER.id] and before.relations == []


@pytest.mark.parametrize("who, code", [("Nobody", "TG240"), ("person:nobody", "TG240")])
def test_html_ego_view_unknown_actor_says_how_to_fix(who: str, code: str) -> None:
    with pytest.raises(NotFoundError, match=code):
        select(viz_store(), actor=who)


def test_html_ego_view_ambiguous_name_lists_the_ids() -> None:
    store = viz_store()
    store.upsert([Actor(id="org:japan", name="Japan", kind=ActorKind.ORGANIZATION)])
    with pytest.raises(NotFoundError, match=r"TG242.*country:JPN"):
        select(store, actor="japan")


def test_html_large_graph_is_laid_out_without_physics() -> None:
    n = PHYSICS_NODE_LIMIT + 20
    actors = [Actor(id=f"person:p{i}", name=f"P {i}", kind=ActorKind.PERSON) for i in range(n)]
    relations = [
        Relation(f"person:p{i}", RelationKind.NEGOTIATES_WITH, f"person:p{(i * 7 + 1) % n}") for i in range(n)
    ]
    data = _graph_data(render_page(Selection(actors, relations)))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in data["nodes"])
    assert len({(node["x"], node["y"]) for node in data["nodes"]}) == n


def test_html_write_leaves_nothing_beside_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_html(viz_store(), tmp_path / "page.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_html_cli_writes_an_ego_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, viz_store().articles())
    store.close()
    out = tmp_path / "ego.html"
    argv = [
        "viz",
        "--store",
        str(tmp_path / "store"),
        "--actor",
        "Akazawa",
        "--kind",
        "represents",
        "-o",
        str(out),
    ]
    assert main(argv) == 0
    assert {n["id"] for n in _graph_data(out.read_text(encoding="utf-8"))["nodes"]} == {AKAZAWA.id, JAPAN.id}
    assert main(["viz", "--store", str(tmp_path / "store"), "--actor", "Nobody", "-o", str(out)]) == 1
    assert "[TG240]" in capsys.readouterr().err


def test_html_cli_min_confidence_and_as_of_filter_and_start_the_sliders(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, viz_store().articles())
    store.close()
    out = tmp_path / "page.html"
    argv = ["viz", "--store", str(tmp_path / "store"), "--min-confidence", "0.6", "--as-of", "2025-04-03"]
    assert main([*argv, "-o", str(out)]) == 0
    data = _graph_data(out.read_text(encoding="utf-8"))
    shown = {e["id"] for e in data["edges"]}
    day = date(2025, 4, 3)
    assert shown == {
        "|".join(r.key) for r in RELATIONS if r.confidence >= 0.6 and r.holds_on(day) and r.known_by(day)
    }
    assert data["start"] == {"day": "2025-04-03", "confidence": 0.6}


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_html_cli_rejects_a_confidence_outside_0_to_1(tmp_path: Path, value: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["viz", "--min-confidence", value, "-o", str(tmp_path / "p.html")])
    assert exit_info.value.code == 2 and not (tmp_path / "p.html").exists()


def test_html_tenures_and_day_range_feed_the_panels(page: str) -> None:
    data = _graph_data(page)
    tai = next(t for t in data["tenures"] if t["person"] == TAI.id)
    assert tai["successorName"] == "Jamieson Greer" and tai["end"] == "2025-02-26" and tai["inferred"]
    assert data["days"] == {"min": "2025-02-26", "max": "2025-04-06"}


@pytest.mark.parametrize(
    "url, kept",
    [
        ("https://a.example/x", True),
        ("http://a.example", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//a.example", False),
        ("https://a.example/\x00", False),
        (None, False),
    ],
)
def test_html_only_http_links_reach_the_page(url: str | None, kept: bool) -> None:
    from tradegraph.graph.export.html import safe_url

    assert (safe_url(url) is not None) is kept
